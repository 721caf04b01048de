/**
 * Prints what a client's FinOps pipeline costs per month, line by line, computed from its client
 * file (see lib/finops-cost-estimate.ts for the prices and assumptions).
 *
 *   npm run cost-estimate -- --client acme
 */
import { type CommandOutput, parseCommandLine, runAsScript } from '../lib/app/command-line';
import { ConfigError, loadClientConfig } from '../lib/core/config/load';
import { estimateFinopsCost, formatUsd } from '../lib/core/finops/cost-estimate';
import { estimateLandingZoneCost, linesOf } from '../lib/core/finops/landing-zone-estimate';
import { billingAccount } from '../lib/core/organization/account-roles';
import { formatRange } from '../lib/core/portfolio/portfolio';
import type { ClientConfig } from '../lib/core/config/schema';

const USAGE = `Usage: npm run cost-estimate -- [--client <name>]

Prints what the client's FinOps pipeline costs per month (USD, list prices), line by line, then
the whole landing zone account by account and part by part (low-high and typical, with the
price basis of each line), from clients/<name>.yaml.

Options:
  --client <name>  the client (default: example)
  -h, --help       print this text`;

/** The script: the estimate of one client, as text. */
export function main(argv: readonly string[]): CommandOutput {
  const parsed = parseCommandLine(argv, { usage: USAGE, options: { client: { type: 'string' } } });
  if (parsed.kind === 'exit') return parsed.output;
  const client = String(parsed.values.client ?? 'example');
  try {
    const config = loadClientConfig(client, undefined, '--client <name>');
    const estimate = estimateFinopsCost(config);
    const lines = [`# FinOps pipeline of client "${client}", billing account ${billingAccount(config).name}: USD per month (list prices)`];
    if (estimate.lines.length === 0) lines.push('FinOps is off (finops.enabled: false): nothing.');
    const width = Math.max(0, ...estimate.lines.map((line) => line.part.length));
    for (const line of estimate.lines) {
      lines.push(`${line.part.padEnd(width)}  ${formatUsd(line.monthlyUsd).padStart(6)}  ${line.quantity}`);
    }
    lines.push(`${'Total'.padEnd(width)}  ${formatUsd(estimate.totalUsd).padStart(6)}`);
    lines.push(
      'Assumes each Cost Explorer answer fits one page (USD 0.01 per further page); the cost review dashboard shows the requests actually made.',
    );
    lines.push('', ...landingZoneLines(config));
    return { exitCode: 0, stdout: `${lines.join('\n')}\n`, stderr: '' };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { exitCode: 1, stdout: '', stderr: `${error.message}\n` };
  }
}

/** The whole landing zone, account by account and part by part, with the price basis of each line. */
export function landingZoneLines(config: ClientConfig): string[] {
  const estimate = estimateLandingZoneCost(config);
  const out = [`# The whole landing zone of client "${config.client.name}": USD per month (list prices), low-high (typical)`];
  const part = Math.max(...estimate.lines.map((line) => line.part.length));
  const usd = Math.max(...estimate.lines.map((line) => formatRange(line.usd).length));
  for (const account of config.accounts) {
    out.push('', `## Account ${account.name} (${account.id})`);
    for (const line of linesOf(estimate, account)) {
      const note = line.usageDriven ? ' [by usage, not in the total]' : '';
      out.push(`${line.part.padEnd(part)}  ${formatRange(line.usd).padStart(usd)}  ${line.quantity}; ${line.basis}${note}`);
    }
  }
  out.push('', `Landing zone total: ${formatRange(estimate.total)}`);
  out.push('Low: a quiet small account; typical: a small company in production; high: a busy one. Usage-driven lines grow with the data.');
  return out;
}

if (require.main === module) runAsScript(main);
