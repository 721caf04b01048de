/**
 * The monthly report for a client's management, rendered locally:
 *
 *   npm run report -- --client example --month 2026-11 --recorded recordings/example/2026-11
 *   npm run report -- --client acme --month 2026-11 [--profile acme-billing] [--save-recording <dir>]
 *
 * Offline from a directory of recorded API answers (recordings/README.md), or live with the
 * consultant's credentials for the client's billing account: the same reads and the same page as
 * the report Lambda. Writes reports/<client>-<month>.html.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { createCostExplorerClient, RequestCapError } from '../lambda/cost-collector/cost-explorer';
import { createReportReadClients, readReportInputs, type ReportReadResult } from '../lambda/monthly-report/read-inputs';
import { sdkClientOptions } from '../lambda/shared/sdk-client-options';
import { type CommandOutput, parseCommandLine, runAsScript } from '../lib/app/command-line';
import { primaryVaultName } from '../lib/app/stacks/backup-stack';
import { ConfigError, loadClientConfig } from '../lib/core/config/load';
import type { ClientConfig } from '../lib/core/config/schema';
import { pascalCase } from '../lib/core/naming';
import { billingAccount, runsWorkloads } from '../lib/core/organization/account-roles';
import { repoPath } from '../lib/core/paths';
import { composeReport } from '../lib/core/report/compose';
import type { ReportInputs } from '../lib/core/report/inputs';
import { loadRecordedInputs, saveRecordedInputs } from '../lib/core/report/recordings';

const USAGE = `Usage: npm run report -- --client <name> --month YYYY-MM [--recorded <dir>] [--profile <name>] [--save-recording <dir>] [--out <dir>]

Renders the monthly report of a client for its management (client.language) and writes
<out>/<client>-<month>.html (default out: reports/).

Offline with --recorded <dir>: from recorded API answers (recordings/README.md); the project ships
the example client's November 2026 (recordings/example/2026-11).

Live without --recorded: reads AWS with your credentials (the default credential chain, or
--profile), which must be of the client's billing account (the management account in organization
mode): Cost Explorer for the whole bill (a few requests at USD 0.01, capped by
report.maxCostExplorerRequests), and that account's CloudWatch metrics and alarm history, Security
Hub, AWS Backup and CloudTrail in its home region. Read-only.

Options:
  --client <name>          the client (default: example)
  --month YYYY-MM          the month (required), a finished one
  --recorded <dir>         render from recorded answers instead of AWS
  --profile <name>         the AWS profile of the live reads (default: the default credential chain)
  --save-recording <dir>   live only: also write what was read as recorded answers to <dir>
  --out <dir>              where to write the page (default: reports/)
  -h, --help               print this text`;

/** The live reads, replaceable in tests. */
export interface LiveReader {
  /** The account the credentials belong to. */
  callerAccount(region: string): Promise<string>;
  read(config: ClientConfig, month: string, today: Date): Promise<ReportReadResult>;
}

/** The live reads of the report Lambda, with the credentials of this shell. */
export const awsReader: LiveReader = {
  async callerAccount(region) {
    const identity = await new STSClient(sdkClientOptions({ region })).send(new GetCallerIdentityCommand({}));
    return identity.Account ?? '';
  },
  async read(config, month, today) {
    const account = billingAccount(config);
    return readReportInputs(createReportReadClients(account.homeRegion, createCostExplorerClient()), {
      month,
      today: today.toISOString().slice(0, 10),
      budgets: config.finops.budgets,
      accounts: config.accounts.map((a) => ({ name: a.name, id: a.id })),
      stackPrefix: `${pascalCase(config.client.name)}-`,
      vaultName: config.backup.enabled && runsWorkloads(config, account) ? primaryVaultName(config) : undefined,
      maxCostExplorerRequests: config.report.maxCostExplorerRequests,
    });
  },
};

const usageError = (message: string): CommandOutput => ({ exitCode: 2, stdout: '', stderr: `${message}\n\n${USAGE}\n` });

export async function main(argv: readonly string[], now: Date = new Date(), reader: LiveReader = awsReader): Promise<CommandOutput> {
  const parsed = parseCommandLine(argv, {
    usage: USAGE,
    options: {
      client: { type: 'string' },
      month: { type: 'string' },
      recorded: { type: 'string' },
      profile: { type: 'string' },
      'save-recording': { type: 'string' },
      out: { type: 'string' },
    },
  });
  if (parsed.kind === 'exit') return parsed.output;
  const client = String(parsed.values.client ?? 'example');
  const month = String(parsed.values.month ?? '');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) return usageError(`--month must be YYYY-MM, e.g. 2026-11 (received "${month}")`);
  const recordedDir = parsed.values.recorded === undefined ? undefined : path.resolve(String(parsed.values.recorded));
  const saveDir = parsed.values['save-recording'] === undefined ? undefined : path.resolve(String(parsed.values['save-recording']));
  if (recordedDir !== undefined && (saveDir !== undefined || parsed.values.profile !== undefined)) {
    return usageError('--save-recording and --profile are for live reads; leave them out with --recorded');
  }
  if (recordedDir === undefined && month >= now.toISOString().slice(0, 7)) {
    return usageError(`--month ${month} has not ended yet: a live report covers a finished month`);
  }
  let config: ClientConfig;
  try {
    config = loadClientConfig(client, undefined, '--client <name>');
  } catch (error) {
    if (error instanceof ConfigError) return { exitCode: 1, stdout: '', stderr: `${error.message}\n` };
    throw error;
  }

  let inputs: ReportInputs;
  let notes = '';
  let coverage: { account: string; region: string } | undefined;
  if (recordedDir !== undefined) {
    try {
      inputs = loadRecordedInputs(recordedDir);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('No recorded answers'))
        return { exitCode: 1, stdout: '', stderr: `${error.message}\n` };
      throw error;
    }
  } else {
    if (parsed.values.profile !== undefined) process.env.AWS_PROFILE = String(parsed.values.profile);
    const account = billingAccount(config);
    try {
      const caller = await reader.callerAccount(account.homeRegion);
      if (caller !== account.id) {
        return {
          exitCode: 1,
          stdout: '',
          stderr: `The credentials are of account ${caller}; the report of ${client} reads its billing account ${account.name} (${account.id}). Use a profile of that account (--profile <name>).\n`,
        };
      }
      const read = await reader.read(config, month, now);
      inputs = read.inputs;
      coverage = { account: `${account.name} (${account.id})`, region: account.homeRegion };
      notes = [
        `${read.costExplorerRequests} Cost Explorer request(s) (USD ${(read.costExplorerRequests * 0.01).toFixed(2)})`,
        ...(read.truncated.length > 0 ? [`lists cut at their page cap, figures are lower bounds: ${read.truncated.join(', ')}`] : []),
        ...(read.securityHubOff.length > 0
          ? [`Security Hub is not enabled in ${read.securityHubOff.join(', ')}: findings from GuardDuty, if it runs there`]
          : []),
      ].join('; ');
    } catch (error) {
      const name = (error as { name?: string }).name ?? '';
      if (
        error instanceof RequestCapError ||
        /CredentialsProviderError|ExpiredToken|AccessDenied|UnrecognizedClient|InvalidClientTokenId/.test(name)
      ) {
        return { exitCode: 1, stdout: '', stderr: `Live reads failed: ${(error as Error).message}\n` };
      }
      throw error;
    }
    if (saveDir !== undefined) saveRecordedInputs(inputs, saveDir);
  }

  const { report, html } = composeReport(inputs, {
    month,
    client: config.client.displayName,
    language: config.client.language,
    budgets: config.finops.budgets,
    stackPrefix: `${pascalCase(config.client.name)}-`,
    generatedOn: now.toISOString().slice(0, 10),
    displayCurrency: config.report.displayCurrency,
    coverage,
  });
  const out = path.resolve(String(parsed.values.out ?? repoPath('reports')));
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, `${client}-${month}.html`);
  fs.writeFileSync(file, html);
  const lines = [
    `Wrote ${file}: ${report.decisions.length} decision(s), total USD ${report.spend.totalUsd.toFixed(2)}.`,
    ...(notes ? [`Live reads: ${notes}.`] : []),
    ...(saveDir !== undefined ? [`Recorded the answers in ${saveDir} (check them before committing: recordings/README.md).`] : []),
  ];
  return { exitCode: 0, stdout: `${lines.join('\n')}\n`, stderr: '' };
}

if (require.main === module) runAsScript(main);
