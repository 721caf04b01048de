/**
 * The monthly report for a client's management, rendered locally:
 *
 *   npm run report -- --client example --month 2026-11 --recorded recordings/example/2026-11
 *
 * Offline from a directory of recorded API answers (recordings/README.md). Writes
 * reports/<client>-<month>.html.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CommandOutput, parseCommandLine, runAsScript } from '../lib/app/command-line';
import { ConfigError, loadClientConfig } from '../lib/core/config/load';
import { pascalCase } from '../lib/core/naming';
import { repoPath } from '../lib/core/paths';
import { buildMonthlyReport } from '../lib/core/report/model';
import { loadRecordedInputs } from '../lib/core/report/recordings';
import { renderReportHtml } from '../lib/core/report/render-html';

const USAGE = `Usage: npm run report -- --client <name> --month YYYY-MM --recorded <dir> [--out <dir>]

Renders the monthly report of a client for its management (client.language) from recorded API
answers (recordings/README.md) and writes <out>/<client>-<month>.html (default out: reports/).

Options:
  --client <name>   the client (default: example)
  --month YYYY-MM   the month (required)
  --recorded <dir>  the recorded answers (required: the live mode runs in the report Lambda)
  --out <dir>       where to write the page (default: reports/)
  -h, --help        print this text`;

export function main(argv: readonly string[], now: Date = new Date()): CommandOutput {
  const parsed = parseCommandLine(argv, {
    usage: USAGE,
    options: { client: { type: 'string' }, month: { type: 'string' }, recorded: { type: 'string' }, out: { type: 'string' } },
  });
  if (parsed.kind === 'exit') return parsed.output;
  const client = String(parsed.values.client ?? 'example');
  const month = String(parsed.values.month ?? '');
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    return { exitCode: 2, stdout: '', stderr: `--month must be YYYY-MM, e.g. 2026-11 (received "${month}")\n\n${USAGE}\n` };
  if (parsed.values.recorded === undefined)
    return { exitCode: 2, stdout: '', stderr: `--recorded <dir> is required (recorded API answers, recordings/README.md)\n\n${USAGE}\n` };
  try {
    const config = loadClientConfig(client, undefined, '--client <name>');
    const report = buildMonthlyReport(loadRecordedInputs(path.resolve(String(parsed.values.recorded))), {
      month,
      budgets: config.finops.budgets,
      stackPrefix: `${pascalCase(config.client.name)}-`,
    });
    const total = config.finops.budgets.find((budget) => budget.scope.type === 'total');
    const html = renderReportHtml(report, {
      client: config.client.displayName,
      language: config.client.language,
      generatedOn: now.toISOString().slice(0, 10),
      totalBudget: total && { name: total.name, limitUsd: total.monthlyLimitUsd },
      displayCurrency: config.report?.displayCurrency,
    });
    const out = path.resolve(String(parsed.values.out ?? repoPath('reports')));
    fs.mkdirSync(out, { recursive: true });
    const file = path.join(out, `${client}-${month}.html`);
    fs.writeFileSync(file, html);
    return {
      exitCode: 0,
      stdout: `Wrote ${file}: ${report.decisions.length} decision(s), total USD ${report.spend.totalUsd.toFixed(2)}.\n`,
      stderr: '',
    };
  } catch (error) {
    if (error instanceof ConfigError) return { exitCode: 1, stdout: '', stderr: `${error.message}\n` };
    if (error instanceof Error && error.message.startsWith('No recorded answers'))
      return { exitCode: 1, stdout: '', stderr: `${error.message}\n` };
    throw error;
  }
}

if (require.main === module) runAsScript(main);
