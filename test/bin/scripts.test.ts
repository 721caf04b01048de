import { main as bootstrapPlan } from '../../bin/bootstrap-plan';
import { main as complianceReport } from '../../bin/compliance-report';
import { main as generateDocs } from '../../bin/generate-docs';
import { listClients } from '../../lib/core/config/load';

/** The scripts' command lines (the cost estimate has its own test file); in-process. */
describe.each([
  ['bootstrap-plan', bootstrapPlan, 'Usage: npm run bootstrap-plan -- [--client <name>]'],
  ['compliance-report', complianceReport, 'Usage: npm run compliance-report -- [--client <name>]'],
  ['docs', generateDocs, 'Usage: npm run docs'],
] as const)('npm run %s', (_script, main, usage) => {
  test('--help prints the usage and exits 0 (and does nothing else)', () => {
    for (const flag of ['--help', '-h']) {
      const result = main([flag]);
      expect(result).toMatchObject({ exitCode: 0, stderr: '' });
      expect(result.stdout.startsWith(`${usage}\n`)).toBe(true);
    }
  });

  test.each([[['--clinet', 'acme']], [['acme']], [['--verbose']]])('rejects %j with exit 2 and the usage', (argv) => {
    const result = main(argv);
    expect(result).toMatchObject({ exitCode: 2, stdout: '' });
    expect(result.stderr).toMatch(/Unknown option|Unexpected argument/);
    expect(result.stderr).toContain(usage);
  });
});

describe.each([
  ['bootstrap-plan', bootstrapPlan],
  ['compliance-report', complianceReport],
] as const)('npm run %s -- --client', (_script, main) => {
  test('without a value is a usage error', () => {
    expect(main(['--client'])).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/Option '--client <value>' argument missing/) });
  });

  test('an unknown client exits 1 and says how to pick one', () => {
    expect(main(['--client=nope'])).toMatchObject({
      exitCode: 1,
      stderr: expect.stringContaining(`Clients that exist: ${listClients().join(', ')}. Pick one with --client <name>`),
    });
  });
});

describe('npm run bootstrap-plan -- --client=example', () => {
  test('prints the cdk bootstrap command of every account and region of the example, then again with the boundary', () => {
    const result = bootstrapPlan(['--client=example']);
    expect(result.exitCode).toBe(0);
    const stacks = {
      'eu-central-1':
        'Example-Production-Foundation, Example-Production-Security, Example-Production-Network, Example-Production-Backup, Example-Production-FinOps, Example-Production-Dashboards',
      'eu-west-1': 'Example-Production-Security-EuWest1',
      'us-east-1': 'Example-Production-FinOps-UsEast1',
    };
    expect(result.stdout.split('\n').filter((line) => line.startsWith('npx cdk '))).toEqual([
      ...Object.entries(stacks).map(([region, names]) => `npx cdk bootstrap aws://111111111111/${region}   # ${names}`),
      "npx cdk deploy -c client=example 'Example-Production-*'",
      ...Object.entries(stacks).map(
        ([region, names]) =>
          `npx cdk bootstrap aws://111111111111/${region} --custom-permissions-boundary example-baseline-protection   # ${names}`,
      ),
    ]);
  });
});
