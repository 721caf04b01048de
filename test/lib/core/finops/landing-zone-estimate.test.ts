import { Stack } from 'aws-cdk-lib';
import { listClients, loadClientConfig } from '../../../../lib/core/config/load';
import { estimateLandingZoneCost } from '../../../../lib/core/finops/landing-zone-estimate';
import { estimateFinopsCost } from '../../../../lib/core/finops/cost-estimate';
import { buildTestApp, CLIENT_DIRS } from '../../../helpers';

/**
 * The full cost estimate's quantities against the synthesized stacks of every client and fixture:
 * per account, the alarms, KMS keys and dashboards it prices are exactly those the templates
 * contain, in exactly the regions the account's stacks deploy to.
 */
const clients = CLIENT_DIRS.flatMap((dir) => listClients(dir).map((name) => ({ name, dir })));

describe.each(clients)('the landing zone estimate of $name', ({ name, dir }) => {
  const config = loadClientConfig(name, dir);
  const estimate = estimateLandingZoneCost(config);
  const app = buildTestApp(config);
  const assembly = app.synth();
  const stacks = app.node.children.filter((child): child is Stack => child instanceof Stack);

  test.each(config.accounts.map((account) => [account.name, account] as const))(
    'account %s: alarms, keys, dashboards and regions as synthesized',
    (_name, account) => {
      const own = stacks.filter((stack) => stack.account === account.id);
      const count = (type: string) =>
        own.reduce((sum, stack) => {
          const resources = assembly.getStackArtifact(stack.artifactId).template.Resources ?? {};
          return sum + Object.values(resources as Record<string, { Type: string }>).filter((r) => r.Type === type).length;
        }, 0);
      const quantities = estimate.quantities.get(account.name)!;
      expect({
        alarms: quantities.alarms,
        kmsKeys: quantities.kmsKeys,
        dashboards: quantities.dashboards,
        regions: quantities.regions,
      }).toEqual({
        alarms: count('AWS::CloudWatch::Alarm'),
        kmsKeys: count('AWS::KMS::Key'),
        dashboards: count('AWS::CloudWatch::Dashboard'),
        regions: [...new Set(own.map((stack) => stack.region))].sort(),
      });
    },
  );

  test('the FinOps pipeline line is the FinOps estimate, and the totals are the sums of the counted lines', () => {
    const finops = estimate.lines.filter((line) => line.part === 'FinOps pipeline');
    expect(finops.map((line) => line.usd.typical)).toEqual(config.finops.enabled ? [estimateFinopsCost(config).totalUsd] : []);
    const counted = estimate.lines.filter((line) => !line.usageDriven);
    for (const level of ['low', 'typical', 'high'] as const) {
      expect(estimate.total[level]).toBeCloseTo(
        counted.reduce((sum, line) => sum + line.usd[level], 0),
        6,
      );
      for (const line of estimate.lines) expect(line.usd.low).toBeLessThanOrEqual(line.usd[level]);
    }
    expect(estimate.total.low).toBeLessThanOrEqual(estimate.total.typical);
    expect(estimate.total.typical).toBeLessThanOrEqual(estimate.total.high);
  });
});
