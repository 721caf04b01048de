/**
 * Prints what a client's FinOps pipeline costs per month, line by line, computed from its client
 * file (see lib/finops-cost-estimate.ts for the prices and assumptions).
 *
 *   npm run cost-estimate -- --client acme
 */
import { type CommandOutput, parseCommandLine, runAsScript } from '../lib/app/command-line';
import { ConfigError, loadClientConfig } from '../lib/core/config/load';
import { estimateFinopsCost, formatUsd } from '../lib/core/finops/cost-estimate';

const USAGE = `Usage: npm run cost-estimate -- [--client <name>]

Prints what the client's FinOps pipeline costs per month (USD, list prices), line by line, from
clients/<name>.yaml.

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
    const lines = [`# FinOps pipeline of client "${client}", billing account ${config.accounts[0].name}: USD per month (list prices)`];
    if (estimate.lines.length === 0) lines.push('FinOps is off (finops.enabled: false): nothing.');
    const width = Math.max(0, ...estimate.lines.map((line) => line.part.length));
    for (const line of estimate.lines) {
      lines.push(`${line.part.padEnd(width)}  ${formatUsd(line.monthlyUsd).padStart(6)}  ${line.quantity}`);
    }
    lines.push(`${'Total'.padEnd(width)}  ${formatUsd(estimate.totalUsd).padStart(6)}`);
    lines.push(
      'Assumes each Cost Explorer answer fits one page (USD 0.01 per further page); the cost review dashboard shows the requests actually made.',
    );
    return { exitCode: 0, stdout: `${lines.join('\n')}\n`, stderr: '' };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { exitCode: 1, stdout: '', stderr: `${error.message}\n` };
  }
}

if (require.main === module) runAsScript(main);
