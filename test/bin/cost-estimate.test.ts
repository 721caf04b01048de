import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { main } from '../../bin/cost-estimate';
import { listClients, loadClientConfig } from '../../lib/core/config/load';
import { estimateFinopsCost, formatUsd } from '../../lib/core/finops/cost-estimate';
import { estimateLandingZoneCost } from '../../lib/core/finops/landing-zone-estimate';
import { formatRange } from '../../lib/core/portfolio/portfolio';
import { ROOT } from '../helpers';

const run = promisify(execFile);

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('npm run cost-estimate', () => {
  test("through npm, the way the README calls it: every line of the example's estimate and its total", async () => {
    const { stdout } = await run('npm', ['run', '--silent', 'cost-estimate', '--', '--client', 'example'], { cwd: ROOT });
    const estimate = estimateFinopsCost(loadClientConfig('example'));
    for (const line of estimate.lines) {
      expect(stdout).toMatch(new RegExp(`^${escape(line.part)}\\s+${escape(formatUsd(line.monthlyUsd))}\\s+`, 'm'));
    }
    expect(stdout).toMatch(new RegExp(`^Total\\s+${escape(formatUsd(estimate.totalUsd))}$`, 'm'));
  });

  test.each(listClients())('--client=<name> and --client <name> print the same estimate of that client (%s)', (client) => {
    const spaced = main(['--client', client]);
    const joined = main([`--client=${client}`]);
    expect(spaced).toMatchObject({ exitCode: 0, stderr: '' });
    expect(joined).toEqual(spaced);
    expect(spaced.stdout).toContain(`client "${client}"`);
    expect(spaced.stdout).toMatch(
      new RegExp(`^Total\\s+${escape(formatUsd(estimateFinopsCost(loadClientConfig(client)).totalUsd))}$`, 'm'),
    );
  });

  test.each(listClients())('shows the whole landing zone of %s, every account and part, with its total', (client) => {
    const config = loadClientConfig(client);
    const estimate = estimateLandingZoneCost(config);
    const { stdout } = main(['--client', client]);
    for (const account of config.accounts) expect(stdout).toContain(`## Account ${account.name} (${account.id})`);
    for (const line of estimate.lines) expect(stdout).toContain(`${formatRange(line.usd)}  ${line.quantity}; ${line.basis}`);
    expect(stdout).toContain(`Landing zone total: ${formatRange(estimate.total)}`);
  });

  test('an unknown client exits 1, names the clients that exist and how to pick one', () => {
    const result = main(['--client', 'nope']);
    expect(result).toMatchObject({ exitCode: 1, stdout: '' });
    expect(result.stderr).toContain(`no such client. Clients that exist: ${listClients().join(', ')}. Pick one with --client <name>`);
  });

  test.each<[string, string[], RegExp]>([
    ['--client without its value', ['--client'], /Option '--client <value>' argument missing/],
    ['an unknown flag', ['--clinet', 'acme'], /Unknown option '--clinet'/],
    ['a stray word', ['acme'], /Unexpected argument 'acme'/],
    ['the cdk flag', ['-c', 'client=acme'], /-c is the cdk flag .*this script takes --client acme/],
  ])('%s is a usage error (exit 2) that prints the usage', (_name, argv, message) => {
    const result = main(argv);
    expect(result).toMatchObject({ exitCode: 2, stdout: '' });
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toContain('Usage: npm run cost-estimate -- [--client <name>]');
  });

  test('--help prints the usage and exits 0', () => {
    expect(main(['--help'])).toEqual({
      exitCode: 0,
      stdout: expect.stringContaining('Usage: npm run cost-estimate -- [--client <name>]'),
      stderr: '',
    });
  });
});
