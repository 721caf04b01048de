import { CloudWatchClient, GetMetricDataCommand, PutMetricDataCommand, type MetricDatum } from '@aws-sdk/client-cloudwatch';
import { CostExplorerClient, GetCostAndUsageCommand, GetCostForecastCommand } from '@aws-sdk/client-cost-explorer';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetParameterCommand, ParameterNotFound, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { mockClient } from 'aws-sdk-client-mock';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { collectCosts } from '../../../../lambda/cost-collector/handler';
import { collectorSettingsSchema } from '../../../../lib/core/finops/collector-settings';
import { listClients, loadClientConfig } from '../../../../lib/core/config/load';
import type { ClientConfig } from '../../../../lib/core/config/schema';
import { BILLING_ACCOUNT_DASHBOARDS, estimateFinopsCost, FINOPS_PRICES, formatUsd } from '../../../../lib/core/finops/cost-estimate';
import { stackName } from '../../../../lib/core/naming';
import { FakeCostExplorer, listBill } from '../../../lambda/cost-collector/fake-cost-explorer';
import { recordingLogger } from '../../../lambda/cost-collector/helpers';
import { buildTestApp, CLIENT_DIRS, minimalClientInput, parseInput, ROOT } from '../../../helpers';

const example = loadClientConfig('example');

describe('estimateFinopsCost', () => {
  test("the example client's FinOps pipeline meets the USD 5 a month design target with the default two runs a day", () => {
    // given: the shipped example (3 budgets, one of them on a tag; collector at 07:00 and 15:00)
    expect(example.finops.collector.runAt).toEqual(['07:00', '15:00']);

    // when
    const estimate = estimateFinopsCost(example);

    // then
    expect(estimate.costExplorerRequestsPerDay).toBe(7); // 2 runs x (services + tag query) + 3 forecasts
    expect(estimate.digestRequestsPerMonthAtMost).toBe(8); // 8 thresholds x 1 breakdown query (the tag budget)
    expect(estimate.customMetrics).toBe(24);
    expect(estimate.standardAlarms).toBe(10);
    expect(estimate.anomalyDetectionAlarms).toBe(1);
    expect(estimate.totalUsd).toBeLessThan(5);
    expect(estimate.totalUsd).toBeCloseTo(2.21 + 0.6 + 1.3, 1);
  });

  test('prices each part from its quantity', () => {
    const estimate = estimateFinopsCost(example);
    const line = (part: string) => estimate.lines.find((l) => l.part === part)!;
    expect(line('Cost Explorer requests').monthlyUsd).toBeCloseTo(((7 * 365) / 12 + 8) * 0.01, 6);
    // 24 metrics, each sent to in 2 hours a day of a 730-hour month
    expect(line('Custom metrics').monthlyUsd).toBeCloseTo((24 * 0.3 * ((2 * 365) / 12)) / 730, 6);
    expect(line('Alarms').monthlyUsd).toBeCloseTo(10 * 0.1 + 0.3, 6);
    expect(line('Cost review dashboard').monthlyUsd).toBe(0);
    expect(line('AWS Budgets, Cost Anomaly Detection').monthlyUsd).toBe(0);
    expect(line('Lambda, Scheduler, logs, state parameter').monthlyUsd).toBeLessThan(0.05);
    expect(estimate.totalUsd).toBeCloseTo(
      estimate.lines.reduce((sum, l) => sum + l.monthlyUsd, 0),
      9,
    );
  });

  test("one run a day saves the second run's queries and half the metric hours; forecasts cost the same", () => {
    const input = minimalClientInput();
    input.finops = { budgets: [{ name: 'total', monthlyLimitUsd: 100 }], collector: { runAt: ['07:00'] } };
    const once = estimateFinopsCost(parseInput(input));
    input.finops.collector.runAt = ['07:00', '15:00'];
    const twice = estimateFinopsCost(parseInput(input));
    expect(once.costExplorerRequestsPerDay).toBe(2); // 1 query + 1 forecast
    expect(twice.costExplorerRequestsPerDay).toBe(3); // the forecast is cached for the day
    expect(twice.metricHoursPerMonth).toBeCloseTo(2 * once.metricHoursPerMonth, 9);
    expect(twice.totalUsd).toBeGreaterThan(once.totalUsd);
  });

  test('runs within the same hour are billed as one metric hour', () => {
    const input = minimalClientInput();
    input.finops = { collector: { runAt: ['07:00', '07:30'] } };
    expect(estimateFinopsCost(parseInput(input)).metricHoursPerMonth).toBeCloseTo(365 / 12, 9);
  });

  test('costs nothing with FinOps off, and only the free parts with the collector off', () => {
    const off = minimalClientInput();
    off.finops = { enabled: false };
    expect(estimateFinopsCost(parseInput(off))).toMatchObject({ totalUsd: 0, lines: [] });

    const noCollector = minimalClientInput();
    noCollector.finops = { budgets: [{ name: 'total', monthlyLimitUsd: 100 }], collector: { enabled: false } };
    const estimate = estimateFinopsCost(parseInput(noCollector));
    expect(estimate.totalUsd).toBe(0);
    expect(estimate.lines.map((l) => l.part)).toEqual(['Cost review dashboard', 'AWS Budgets, Cost Anomaly Detection']);
  });

  test("the README quotes the example's estimate", () => {
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const row = readme.split('\n').find((l) => l.startsWith('| FinOps pipeline'));
    expect(row).toBeDefined();
    expect(row).toContain(`| about ${formatUsd(estimateFinopsCost(example).totalUsd)} |`);
    const onceADay = { ...example, finops: { ...example.finops, collector: { ...example.finops.collector, runAt: ['07:00'] } } };
    expect(row).toContain(`one run a day (\`runAt: ["07:00"]\`): about ${formatUsd(estimateFinopsCost(onceADay).totalUsd)}.`);
  });
});

describe('the estimate matches what is deployed', () => {
  const clients = CLIENT_DIRS.flatMap((dir) => listClients(dir).map((name) => ({ name, dir })));

  test.each(clients.map((c) => [c.name, c] as const))(
    'client %s: the alarms and dashboards the estimate prices are the ones synthesized',
    (_name, client) => {
      // given
      const config = loadClientConfig(client.name, client.dir);
      const estimate = estimateFinopsCost(config);
      const app = buildTestApp(config);
      const billingAccount = config.accounts[0];
      const finopsStack = app.node.tryFindChild(stackName(config, billingAccount, 'FinOps')) as Stack | undefined;

      // when: the alarms of the cost collector in the FinOps stack (the waste finder beside it has its own line in the README), split by kind
      const alarms = finopsStack
        ? (Object.entries(Template.fromStack(finopsStack).findResources('AWS::CloudWatch::Alarm'))
            .filter(([id]) => id.startsWith('CostCollector'))
            .map(([, alarm]) => alarm) as any[])
        : [];
      const isAnomalyAlarm = (alarm: any) =>
        (alarm.Properties.Metrics ?? []).some(
          (m: any) => typeof m.Expression === 'string' && m.Expression.startsWith('ANOMALY_DETECTION_BAND'),
        );

      // then
      expect(alarms.filter(isAnomalyAlarm)).toHaveLength(estimate.anomalyDetectionAlarms);
      expect(alarms.filter((a) => !isAnomalyAlarm(a))).toHaveLength(estimate.standardAlarms);

      // and: the billing account's dashboards, each within the free tier's 50 metrics
      const dashboards = app.node
        .findAll()
        .filter((c): c is Stack => c instanceof Stack && c.account === billingAccount.id)
        .flatMap((stack) => Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Dashboard')) as any[]);
      expect(dashboards).toHaveLength(config.finops.enabled ? BILLING_ACCOUNT_DASHBOARDS : 1);
      for (const dashboard of dashboards) expect(metricsOn(dashboard)).toBeLessThanOrEqual(50);
    },
  );
});

/** Metrics (not expressions) a synthesized dashboard shows. */
function metricsOn(dashboard: any): number {
  const body = dashboard.Properties.DashboardBody;
  const text =
    typeof body === 'string' ? body : body['Fn::Join'][1].map((part: unknown) => (typeof part === 'string' ? part : 'TOKEN')).join('');
  const widgets = JSON.parse(text).widgets as { properties?: { metrics?: unknown[][] } }[];
  return widgets
    .flatMap((w) => w.properties?.metrics ?? [])
    .filter((m) => !m.some((item) => typeof item === 'object' && item !== null && 'expression' in item)).length;
}

describe('the estimate matches what the collector does in a simulated day', () => {
  const ceMock = mockClient(CostExplorerClient);
  const cwMock = mockClient(CloudWatchClient);
  const snsMock = mockClient(SNSClient);
  const ssmMock = mockClient(SSMClient);

  afterAll(() => {
    for (const mock of [ceMock, cwMock, snsMock, ssmMock]) mock.restore();
  });

  test("the example's two runs on an ordinary day make the estimated Cost Explorer requests and publish the estimated metrics", async () => {
    // given: a bill of 12 services (more than the top 8) over the example's account, some tagged
    // project=webshop, small enough that no threshold is crossed (no digest), and forecasts for
    // every scope
    const config: ClientConfig = example;
    const account = config.accounts[0].id;
    const items = [];
    for (let day = Date.parse('2026-02-01T00:00:00Z'); day < Date.parse('2026-03-16T00:00:00Z'); day += 86_400_000) {
      const date = new Date(day).toISOString().slice(0, 10);
      for (let s = 0; s < 12; s++) {
        items.push({
          date,
          account,
          service: s === 0 ? 'Amazon Elastic Compute Cloud - Compute' : `Service ${s}`,
          unblended: 0.05,
          tags: s % 3 === 0 ? { project: 'webshop' } : {},
        });
      }
    }
    // The estimate assumes that each query fits one page (a small client's bill): every further
    // page adds USD 0.01, and the dashboard shows the requests actually made.
    const fake = new FakeCostExplorer(listBill(items), { forecast: () => 5, groupsPerPage: 10_000 });
    ceMock.reset();
    cwMock.reset();
    snsMock.reset();
    ssmMock.reset();
    ceMock.on(GetCostAndUsageCommand).callsFake(fake.getCostAndUsage);
    ceMock.on(GetCostForecastCommand).callsFake(fake.getCostForecast);
    cwMock.on(PutMetricDataCommand).resolves({});
    cwMock.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    snsMock.on(PublishCommand).resolves({ MessageId: 'm' });
    let state: string | undefined;
    ssmMock.on(GetParameterCommand).callsFake(() => {
      if (state === undefined) throw new ParameterNotFound({ message: 'not found', $metadata: {} });
      return { Parameter: { Value: state } };
    });
    ssmMock.on(PutParameterCommand).callsFake((input) => {
      state = input.Value;
      return {};
    });
    const settings = collectorSettingsSchema.parse({
      client: { name: config.client.name, displayName: config.client.displayName, timeZone: config.client.timeZone },
      accounts: config.accounts.map((a) => ({ name: a.name, id: a.id })),
      finops: config.finops,
    });
    const run = (instant: string) =>
      collectCosts({
        environment: {
          settings,
          topicArn: 'arn:aws:sns:eu-central-1:111111111111:example-finops-alerts',
          stateParameterName: '/example/finops/state',
        },
        clients: {
          costExplorer: new CostExplorerClient({ region: 'us-east-1' }),
          cloudWatch: new CloudWatchClient({}),
          sns: new SNSClient({}),
          ssm: new SSMClient({}),
        },
        logger: recordingLogger(),
        now: () => new Date(instant),
        retry: { sleep: async () => undefined, random: () => 0 },
      });

    // when: 07:00 and 15:00 in Berlin (UTC+1 in March) on 16 March
    await run('2026-03-16T06:00:00Z');
    await run('2026-03-16T14:00:00Z');

    // then
    const estimate = estimateFinopsCost(config);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0); // an ordinary day: no digest
    expect(fake.costAndUsageCalls.length + fake.forecastCalls.length).toBe(estimate.costExplorerRequestsPerDay);
    const published: MetricDatum[] = cwMock.commandCalls(PutMetricDataCommand).flatMap((call) => call.args[0].input.MetricData ?? []);
    const distinct = new Set(published.map((d) => `${d.MetricName} ${JSON.stringify(d.Dimensions ?? [])}`));
    expect(distinct.size).toBe(estimate.customMetrics);
    expect(FINOPS_PRICES.costExplorerRequestUsd).toBe(0.01);
  });
});
