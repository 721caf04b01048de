/**
 * The consultant's portfolio: one row per client file with its accounts, regions, parts, budgets,
 * configuration problems and what its landing zone costs per month; printed as a table and
 * written as Markdown and as a self-contained HTML page. Offline: reads the client files only.
 *
 *   npm run portfolio
 *   npm run portfolio -- --clients-dir test/fixtures/clients --out /tmp/portfolio
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type CommandOutput, parseCommandLine, runAsScript } from '../lib/app/command-line';
import { ConfigError, DEFAULT_CLIENTS_DIR, listClients, loadClientConfig } from '../lib/core/config/load';
import { repoPath } from '../lib/core/paths';
import { formatRange, portfolioRows, type LoadedClient } from '../lib/core/portfolio/portfolio';
import { loadConsultantConfig, type ConsultantConfig } from '../lib/core/config/consultant-schema';
import { estimatePortfolioCost } from '../lib/core/portfolio/portfolio-estimate';
import { watchedClient, type WatchedClient } from '../lib/core/portfolio/watched-metrics';
import { renderHtml, renderMarkdown, renderText } from '../lib/core/portfolio/render';

const USAGE = `Usage: npm run portfolio -- [--clients-dir <dir>] [--out <dir>]

Prints one row per client (clients/*.yaml): accounts, regions, which parts are on, budgets and
their total, configuration problems, and what the client's landing zone costs per month (list
prices, low-high and typical). Writes portfolio.md and portfolio.html into the output directory.

Options:
  --clients-dir <dir>  where the client files are (default: clients/)
  --out <dir>          where to write portfolio.md and portfolio.html (default: reports/)
  -h, --help           print this text`;

/** Every client file of a directory, loaded or with its problems. */
export function loadClients(clientsDir: string): LoadedClient[] {
  return listClients(clientsDir).map((client) => {
    try {
      return { client, config: loadClientConfig(client, clientsDir) };
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return { client, problems: error.problems };
    }
  });
}

/** The script. */
export function main(argv: readonly string[], now: Date = new Date()): CommandOutput {
  const parsed = parseCommandLine(argv, { usage: USAGE, options: { 'clients-dir': { type: 'string' }, out: { type: 'string' } } });
  if (parsed.kind === 'exit') return parsed.output;
  const clientsDir = path.resolve(String(parsed.values['clients-dir'] ?? DEFAULT_CLIENTS_DIR));
  const out = path.resolve(String(parsed.values.out ?? repoPath('reports')));
  const rows = portfolioRows(loadClients(clientsDir));
  if (rows.length === 0) return { exitCode: 1, stdout: '', stderr: `No client files (*.yaml) in ${clientsDir}.\n` };
  const generatedAt = now.toISOString().slice(0, 10);
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, 'portfolio.md'), renderMarkdown(rows, generatedAt));
  fs.writeFileSync(path.join(out, 'portfolio.html'), renderHtml(rows, generatedAt));
  const consultant = loadConsultantConfig(clientsDir);
  const sharing = consultant ? `\n${portfolioCostLine(consultant, clientsDir)}\n` : '';
  const written = `${sharing}\nWrote ${path.join(out, 'portfolio.md')} and ${path.join(out, 'portfolio.html')}.\n`;
  return { exitCode: 0, stdout: `${renderText(rows, generatedAt)}${written}`, stderr: '' };
}

/** What the consultant's own portfolio stacks cost per month, for the clients that share their metrics. */
export function portfolioCostLine(consultant: ConsultantConfig, clientsDir: string): string {
  const watched = loadClients(clientsDir)
    .flatMap((loaded) => ('config' in loaded ? [watchedClient(loaded.config)] : []))
    .filter((client): client is WatchedClient => client !== undefined);
  const estimate = estimatePortfolioCost(consultant, watched);
  const metrics = [...estimate.alarmMetrics.values()].reduce((sum, n) => sum + n, 0);
  return `Portfolio dashboard in account ${consultant.consultant.accountId}: ${watched.length} client(s) share their metrics; USD ${formatRange(estimate.monthlyUsd)} per month (${metrics} alarm metrics, ${estimate.keys} KMS key(s); the dashboard is free as one of the account's first three, else USD 3).`;
}

if (require.main === module) runAsScript(main);
