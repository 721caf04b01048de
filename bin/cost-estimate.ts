/**
 * Prints what a client's FinOps pipeline costs per month, line by line, computed from its client
 * file (see lib/finops-cost-estimate.ts for the prices and assumptions).
 *
 *   npm run cost-estimate -- --client acme
 */
import { ConfigError, loadClientConfig } from '../lib/config/load';
import { estimateFinopsCost, formatUsd } from '../lib/finops-cost-estimate';

const argv = process.argv.slice(2);
const clientFlag = argv.indexOf('--client');
const client = clientFlag >= 0 ? argv[clientFlag + 1] : 'example';

try {
  const config = loadClientConfig(client);
  const estimate = estimateFinopsCost(config);
  const lines = [`# FinOps pipeline of client "${client}", billing account ${config.accounts[0].name}: USD per month (list prices)`];
  if (estimate.lines.length === 0) lines.push('FinOps is off (finops.enabled: false): nothing.');
  const width = Math.max(0, ...estimate.lines.map((line) => line.part.length));
  for (const line of estimate.lines) {
    lines.push(`${line.part.padEnd(width)}  ${formatUsd(line.monthlyUsd).padStart(6)}  ${line.quantity}`);
  }
  lines.push(`${'Total'.padEnd(width)}  ${formatUsd(estimate.totalUsd).padStart(6)}`);
  lines.push('Assumes each Cost Explorer answer fits one page (USD 0.01 per further page); the cost review dashboard shows the requests actually made.');
  process.stdout.write(`${lines.join('\n')}\n`);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
