import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { loadClientConfig } from '../../lib/config/load';
import { estimateFinopsCost, formatUsd } from '../../lib/finops-cost-estimate';
import { ROOT } from '../helpers';

const run = promisify(execFile);
const tsx = path.join(ROOT, 'node_modules', '.bin', 'tsx');

describe('npm run cost-estimate', () => {
  test('prints every line of the example\'s estimate and its total', async () => {
    const { stdout } = await run(tsx, [path.join(ROOT, 'bin', 'cost-estimate.ts'), '--client', 'example'], { cwd: ROOT });
    const estimate = estimateFinopsCost(loadClientConfig('example'));
    for (const line of estimate.lines) {
      expect(stdout).toMatch(new RegExp(`^${line.part}\\s+${formatUsd(line.monthlyUsd).replace('.', '\\.')}\\s+`, 'm'));
    }
    expect(stdout).toMatch(new RegExp(`^Total\\s+${formatUsd(estimate.totalUsd).replace('.', '\\.')}$`, 'm'));
  });

  test('an unknown client exits 1 and names the clients that exist', async () => {
    await expect(run(tsx, [path.join(ROOT, 'bin', 'cost-estimate.ts'), '--client', 'nope'], { cwd: ROOT })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('no such client. Clients that exist: example'),
    });
  });
});
