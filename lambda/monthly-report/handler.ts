import { Logger } from '@aws-lambda-powertools/logger';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import type { Context } from 'aws-lambda';
import { localDate, utcDate } from '../../lib/core/finops/windows';
import { composeReport } from '../../lib/core/report/compose';
import { readReportEnvironment, reportConsoleUrl, reportObjectKey, type ReportEnvironment } from '../../lib/core/report/report-settings';
import { reportMonthAt } from '../../lib/core/report/requests';
import { buildReportSummary } from '../../lib/core/report/summary';
import { createCostExplorerClient } from '../cost-collector/cost-explorer';
import { describeError, type RetryOptions } from '../shared/retry';
import { sdkClientOptions } from '../shared/sdk-client-options';
import {
  createAccountReadClients,
  createReportReadClients,
  readReportInputs,
  type AccountReadClients,
  type OtherAccount,
  type ReportReadClients,
} from './read-inputs';

/**
 * The monthly report Lambda: on the configured day of each month, reads the month before (Cost
 * Explorer for the whole bill; this account's CloudWatch metrics and alarm history, Security Hub,
 * AWS Backup and CloudTrail), renders the page, stores it in the report bucket and sends the key
 * figures with a console link to the FinOps topic (email text and chat). Any failure ends in a
 * log line that says what happened and a failed invocation, so the function's Errors alarm fires.
 *
 * A manual run can name the month: invoke it with `{"month": "2026-10"}`.
 */

/** The logger methods the report uses (a Powertools Logger). */
export type ReportLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

/** The SDK clients of a run. */
export interface ReportClients extends ReportReadClients {
  readonly s3: S3Client;
  readonly sns: SNSClient;
  readonly sts: STSClient;
  /** The read clients of another account's home region with its reader role's credentials (tests inject mocks). */
  readonly forAccount?: (region: string, credentials: Parameters<typeof createAccountReadClients>[1]) => AccountReadClients;
}

/**
 * The client's other accounts, each through its report reader role: one AssumeRole each, with a
 * session name that says who reads (CloudTrail of that account shows it).
 */
async function otherAccounts(deps: ReportDependencies, month: string): Promise<OtherAccount[]> {
  const accounts: OtherAccount[] = [];
  for (const account of deps.environment.settings.otherAccounts) {
    const assumed = await deps.clients.sts.send(
      new AssumeRoleCommand({ RoleArn: account.roleArn, RoleSessionName: `monthly-report-${month}`, DurationSeconds: 900 }),
    );
    const credentials = assumed.Credentials;
    if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken) {
      throw new Error(`AssumeRole of ${account.roleArn} returned no credentials`);
    }
    const roleCredentials = {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      sessionToken: credentials.SessionToken,
      expiration: credentials.Expiration,
    };
    accounts.push({
      name: account.name,
      clients: (deps.clients.forAccount ?? createAccountReadClients)(account.region, roleCredentials),
      vaultName: account.vaultName,
    });
  }
  return accounts;
}

/** Everything a run depends on; tests inject their own. */
export interface ReportDependencies {
  readonly environment: ReportEnvironment;
  readonly clients: ReportClients;
  readonly logger: ReportLogger;
  readonly now: () => Date;
  /** The region the function runs in (for the console link). */
  readonly region: string;
  readonly retry?: Partial<RetryOptions>;
}

/** What a run did. */
export interface ReportRunResult {
  readonly month: string;
  readonly key: string;
  readonly costExplorerRequests: number;
  readonly decisions: number;
  readonly messageId?: string;
}

/** The month a run reports on: the event's `month`, or the month before today in the client's time zone. */
export function monthOfRun(event: unknown, now: Date, timeZone: string): string {
  const requested = (event as { month?: unknown } | null | undefined)?.month;
  if (requested === undefined) return reportMonthAt(localDate(now, timeZone));
  if (typeof requested !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(requested)) {
    throw new Error(`the event's month must be YYYY-MM, e.g. 2026-10 (received ${JSON.stringify(requested)})`);
  }
  if (requested >= localDate(now, timeZone).slice(0, 7)) {
    throw new Error(`the event's month ${requested} has not ended yet in ${timeZone}: a report covers a finished month`);
  }
  return requested;
}

/** One report run. Throws on failure; the handler logs the error and fails the invocation. */
export async function writeMonthlyReport(event: unknown, deps: ReportDependencies): Promise<ReportRunResult> {
  const { settings, bucketName, topicArn } = deps.environment;
  const now = deps.now();
  const month = monthOfRun(event, now, settings.client.timeZone);
  deps.logger.info('Report started', { month, account: settings.account.id });

  const read = await readReportInputs(deps.clients, {
    month,
    today: utcDate(now),
    budgets: settings.budgets,
    accounts: settings.accounts,
    stackPrefix: settings.stackPrefix,
    vaultName: settings.vaultName,
    maxCostExplorerRequests: settings.report.maxCostExplorerRequests,
    accountName: settings.account.name,
    otherAccounts: await otherAccounts(deps, month),
    retry: deps.retry,
  });
  if (read.truncated.length > 0) {
    deps.logger.warn('Some lists were longer than a report reads: their figures are lower bounds', { lists: read.truncated });
  }
  if (read.securityHubOff.length > 0) {
    deps.logger.info("Security Hub is not enabled in some accounts: their findings are GuardDuty's, if it runs there", {
      accounts: read.securityHubOff,
    });
  }

  const { report, html } = composeReport(read.inputs, {
    month,
    client: settings.client.displayName,
    language: settings.client.language,
    budgets: settings.budgets,
    stackPrefix: settings.stackPrefix,
    generatedOn: localDate(now, settings.client.timeZone),
    displayCurrency: settings.report.displayCurrency,
    coverage:
      settings.otherAccounts.length === 0
        ? { account: `${settings.account.name} (${settings.account.id})`, region: deps.region }
        : { accounts: [settings.account, ...settings.otherAccounts].map((a) => `${a.name} (${a.id})`) },
  });
  const key = reportObjectKey(settings.client.name, month);
  await deps.clients.s3.send(
    new PutObjectCommand({
      Bucket: bucketName,
      Key: key,
      Body: html,
      ContentType: 'text/html; charset=utf-8',
      // The bucket's default (SSE-KMS with the platform key) applies; asked for explicitly so
      // that a changed bucket default can never store a report unencrypted.
      ServerSideEncryption: 'aws:kms',
    }),
  );

  const summary = buildReportSummary(report, {
    client: settings.client.displayName,
    language: settings.client.language,
    consoleUrl: reportConsoleUrl(bucketName, key, deps.region),
    location: `s3://${bucketName}/${key}`,
    displayCurrency: settings.report.displayCurrency,
  });
  const published = await deps.clients.sns.send(
    new PublishCommand({
      TopicArn: topicArn,
      Subject: summary.subject,
      MessageStructure: 'json',
      Message: JSON.stringify({ default: summary.message, email: summary.message, https: JSON.stringify(summary.chat) }),
    }),
  );

  const result: ReportRunResult = {
    month,
    key,
    costExplorerRequests: read.costExplorerRequests,
    decisions: report.decisions.length,
    messageId: published.MessageId,
  };
  deps.logger.info('Report written', { ...result, totalUsd: report.spend.totalUsd, truncated: read.truncated });
  return result;
}

// Cold start: the logger, the clients and the validated settings are created once per execution
// environment. An invalid environment does not fail the import: the handler logs it and fails.
const logger = new Logger();
const region = process.env.AWS_REGION ?? 'us-east-1';
const clients: ReportClients = {
  ...createReportReadClients(region, createCostExplorerClient()),
  s3: new S3Client(sdkClientOptions({ region })),
  sns: new SNSClient(sdkClientOptions({ region })),
  sts: new STSClient(sdkClientOptions({ region })),
};
let environment: ReportEnvironment | undefined;
let environmentError: unknown;
try {
  environment = readReportEnvironment(process.env);
} catch (error) {
  environmentError = error;
}

/** Lambda entry point (EventBridge Scheduler, or a manual invocation with `{"month": "YYYY-MM"}`). */
export async function handler(event: unknown, context?: Context): Promise<ReportRunResult> {
  if (context) logger.addContext(context);
  if (!environment) {
    logger.error('The monthly report is misconfigured and cannot run', { reason: describeError(environmentError) });
    throw environmentError;
  }
  try {
    return await writeMonthlyReport(event, { environment, clients, logger, now: () => new Date(), region });
  } catch (error) {
    logger.error('Monthly report failed', { reason: describeError(error), error: error as Error });
    throw error;
  }
}
