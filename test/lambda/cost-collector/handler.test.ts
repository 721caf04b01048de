import {
  CloudWatchClient,
  GetMetricDataCommand,
  InternalServiceFault,
  PutMetricDataCommand,
  type MetricDataResult,
  type MetricDatum,
} from '@aws-sdk/client-cloudwatch';
import {
  CostExplorerClient,
  DataUnavailableException,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
  LimitExceededException,
  type GetCostForecastCommandInput,
} from '@aws-sdk/client-cost-explorer';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetParameterCommand, ParameterNotFound, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient, type AwsStub } from 'aws-sdk-client-mock';
import { MalformedCostDataError } from '../../../lambda/cost-collector/aggregate';
import { forecastKey } from '../../../lambda/cost-collector/budgets';
import { MetricsLostError } from '../../../lambda/cost-collector/cloudwatch';
import { RequestCapError } from '../../../lambda/cost-collector/cost-explorer';
import { collectCosts, type CollectorDependencies } from '../../../lambda/cost-collector/handler';
import { RetriesExhaustedError } from '../../../lambda/shared/retry';
import type { CollectorSettings } from '../../../lib/core/finops/collector-settings';
import { CostMetric, FINOPS_NAMESPACE, WASTE_RESOURCE_TYPES, WasteMetric } from '../../../lib/core/finops/metrics';
import { FakeCostExplorer, listBill, type Bill, type BillItem } from './fake-cost-explorer';
import { PRODUCTION, recordingLogger, settingsWith, STAGING } from './helpers';

const ceMock = mockClient(CostExplorerClient);
const cwMock = mockClient(CloudWatchClient);
/** The email text of a digest published one message per protocol (the chat variant is tested in digest.test.ts). */
function emailOf(message: string | undefined): string {
  return JSON.parse(message!).email as string;
}

const snsMock = mockClient(SNSClient);
const ssmMock = mockClient(SSMClient);

const TOPIC = 'arn:aws:sns:eu-west-1:111111111111:acme-finops';
const STATE = '/acme/finops/cost-collector-state';

let sleeps: number[];
let logger: ReturnType<typeof recordingLogger>;

beforeEach(() => {
  ceMock.reset();
  cwMock.reset();
  snsMock.reset();
  ssmMock.reset();
  cwMock.on(PutMetricDataCommand).resolves({});
  // The waste finder has published nothing (yet): tests that want figures say so.
  cwMock.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
  snsMock.on(PublishCommand).resolves({ MessageId: 'message-1' });
  ssmMock.on(GetParameterCommand).rejects(new ParameterNotFound({ message: 'not found', $metadata: {} }));
  ssmMock.on(PutParameterCommand).resolves({});
  sleeps = [];
  logger = recordingLogger();
});

function deps(settings: CollectorSettings, now: string): CollectorDependencies {
  return {
    environment: { settings, topicArn: TOPIC, stateParameterName: STATE },
    clients: {
      costExplorer: new CostExplorerClient({ region: 'us-east-1' }),
      cloudWatch: new CloudWatchClient({}),
      sns: new SNSClient({}),
      ssm: new SSMClient({}),
    },
    logger,
    now: () => new Date(now),
    retry: {
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0,
    },
  };
}

function wire(fake: FakeCostExplorer): FakeCostExplorer {
  ceMock.on(GetCostAndUsageCommand).callsFake(fake.getCostAndUsage);
  ceMock.on(GetCostForecastCommand).callsFake(fake.getCostForecast);
  return fake;
}

/** Every day from `from` to `to` (exclusive), the same lines. */
function everyDay(from: string, to: string, lines: (Partial<BillItem> & { service: string; unblended: number })[]): Bill {
  const items: (Partial<BillItem> & { date: string; service: string; unblended: number })[] = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms < Date.parse(`${to}T00:00:00Z`); ms += 86_400_000) {
    const date = new Date(ms).toISOString().slice(0, 10);
    for (const line of lines) items.push({ account: PRODUCTION, ...line, date });
  }
  return listBill(items);
}

const published = (): MetricDatum[] => cwMock.commandCalls(PutMetricDataCommand).flatMap((call) => call.args[0].input.MetricData ?? []);
const named = (name: string, dimension?: string) =>
  published().filter((d) => d.MetricName === name && (dimension === undefined || d.Dimensions?.[0]?.Value === dimension));
const valueOf = (name: string, dimension?: string) => {
  const points = named(name, dimension);
  expect(points).toHaveLength(1);
  return points[0].Value;
};
const dayOf = (datum: MetricDatum) => (datum.Timestamp as Date).toISOString();
const forecastOf = (amounts: { total?: number; service?: number; account?: number }) => (input: GetCostForecastCommandInput) => {
  if (!input.Filter) return amounts.total;
  if (input.Filter.Dimensions?.Key === 'SERVICE') return amounts.service;
  if (input.Filter.Dimensions?.Key === 'LINKED_ACCOUNT') return amounts.account;
  return undefined;
};

const EC2 = 'Amazon Elastic Compute Cloud - Compute';
const S3 = 'Amazon Simple Storage Service';
const LAMBDA = 'AWS Lambda';

/** The forecast cache of the normal run's three forecasts (total 600, EC2 300, staging 85), as saved. */
const FORECASTS_15_MARCH = JSON.stringify(
  Object.fromEntries(
    [
      [forecastKey('["UNBLENDED_COST",null]'), 600],
      [forecastKey(`["UNBLENDED_COST",{"Dimensions":{"Key":"LINKED_ACCOUNT","Values":["${STAGING}"]}}]`), 85],
      [forecastKey(`["UNBLENDED_COST",{"Dimensions":{"Key":"SERVICE","Values":["${EC2}"]}}]`), 300],
    ].sort(([a], [b]) => (a < b ? -1 : 1)),
  ),
);

describe('a normal run (Berlin, 15 March 2026, 07:00)', () => {
  const settings = settingsWith({
    budgets: [
      { name: 'everything', monthlyLimitUsd: 1000 },
      { name: 'staging', monthlyLimitUsd: 50, scope: { type: 'account', account: 'staging' } },
      { name: 'ec2', monthlyLimitUsd: 500, scope: { type: 'service', service: EC2 } },
    ],
  });
  const bill = everyDay('2026-02-01', '2026-03-16', [
    { service: EC2, unblended: 10 },
    { service: S3, unblended: 1 },
    { service: LAMBDA, unblended: 0.5 },
    { service: EC2, account: STAGING, unblended: 5, tags: { team: 'data' } },
  ]);
  const now = '2026-03-15T06:00:00Z';

  test('publishes daily, per-service and budget metrics, sends one digest for the new thresholds and saves the state', async () => {
    // given
    const fake = wire(new FakeCostExplorer(bill, { forecast: forecastOf({ total: 600, service: 300, account: 85 }) }));

    // when
    const result = await collectCosts(deps(settings, now));

    // then: the fewest requests (services query, accounts query, 3 forecasts, 1 breakdown for the digest)
    expect(fake.costAndUsageCalls.map((c) => [c.Granularity, c.GroupBy?.map((g) => g.Key)])).toEqual([
      ['DAILY', ['SERVICE']],
      ['DAILY', ['LINKED_ACCOUNT']],
      ['MONTHLY', ['LINKED_ACCOUNT', 'SERVICE']],
    ]);
    expect(fake.forecastCalls).toHaveLength(3);
    expect(result).toEqual({
      month: '2026-03',
      costExplorerRequests: 6,
      metricsPublished: 84,
      putMetricDataCalls: 2,
      digestBudgets: ['staging', 'ec2'],
    });

    // daily series: the last 14 days, at 00:00 UTC of each cost day
    const totals = named(CostMetric.TotalDailyCost);
    expect(totals.map(dayOf)).toEqual(Array.from({ length: 14 }, (_, i) => `2026-03-${String(i + 2).padStart(2, '0')}T00:00:00.000Z`));
    expect(totals.every((d) => d.Value === 16.5)).toBe(true);
    expect(named(CostMetric.ServiceDailyCost, EC2).map((d) => d.Value)).toEqual(Array(14).fill(15));
    expect(named(CostMetric.ServiceDailyCost, 'Other').map((d) => d.Value)).toEqual(Array(14).fill(0));

    // budgets, at the run time
    expect(valueOf(CostMetric.MonthToDateCost, 'everything')).toBe(247.5);
    expect(valueOf(CostMetric.ForecastMonthEndCost, 'everything')).toBe(14 * 16.5 + 600);
    expect(valueOf(CostMetric.BudgetUsedPercent, 'staging')).toBe(150);
    expect(valueOf(CostMetric.BudgetForecastUsedPercent, 'staging')).toBe(310);
    expect(valueOf(CostMetric.MonthToDateCost, 'ec2')).toBe(225);
    expect(named(CostMetric.MonthToDateCost, 'ec2')[0].Timestamp).toEqual(new Date(now));
    expect(valueOf(CostMetric.CostExplorerRequests)).toBe(6);

    // CollectionSucceeded comes last, alone, after everything else went through
    const calls = cwMock.commandCalls(PutMetricDataCommand).map((c) => c.args[0].input);
    expect(calls.every((input) => input.Namespace === FINOPS_NAMESPACE)).toBe(true);
    expect(calls.at(-1)!.MetricData).toEqual([{ MetricName: 'CollectionSucceeded', Timestamp: new Date(now), Value: 1, Unit: 'Count' }]);

    // the digest
    const digest = snsMock.commandCalls(PublishCommand)[0].args[0].input;
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(1);
    expect(digest.TopicArn).toBe(TOPIC);
    expect(digest.Subject).toBe('Acme Ltd: AWS budget exceeded - 2 budgets');
    expect(emailOf(digest.Message)).toContain('Budget "staging" (the AWS account "staging")');
    expect(emailOf(digest.Message)).toContain('Spent so far in March 2026: $75.00 (150% of the limit)');
    expect(emailOf(digest.Message)).toContain('Expected by the end of the month: $155.00 (310% of the limit)');
    expect(emailOf(digest.Message)).toContain(`    1. ${EC2}: $75.00`);
    expect(emailOf(digest.Message)).toContain('Budget "ec2" (the AWS service "Amazon Elastic Compute Cloud - Compute")');
    expect(emailOf(digest.Message)).not.toContain('Budget "everything"');

    // the state, with the day's forecasts (one PutParameter)
    expect(ssmMock.commandCalls(PutParameterCommand)).toHaveLength(1);
    expect(ssmMock.commandCalls(PutParameterCommand)[0].args[0].input).toEqual({
      Name: STATE,
      Type: 'String',
      Overwrite: true,
      Value: `{"month":"2026-03","reported":{"ec2":["f100"],"staging":["a100","a80","f100"]},"forecasts":{"date":"2026-03-15","from":"2026-03-15","amounts":${FORECASTS_15_MARCH}}}`,
    });
  });

  test('the next run with nothing new sends no digest and writes no state', async () => {
    // given
    ssmMock.on(GetParameterCommand, { Name: STATE }).resolves({
      Parameter: {
        Value: `{"month":"2026-03","reported":{"ec2":["f100"],"staging":["a100","a80","f100"]},"forecasts":{"date":"2026-03-15","from":"2026-03-15","amounts":${FORECASTS_15_MARCH}}}`,
      },
    });
    const fake = wire(new FakeCostExplorer(bill, { forecast: forecastOf({ total: 600, service: 300, account: 85 }) }));

    // when
    const result = await collectCosts(deps(settings, '2026-03-15T14:00:00Z'));

    // then: the day's forecasts come from the state
    expect(result.digestBudgets).toEqual([]);
    expect(result.costExplorerRequests).toBe(2);
    expect(fake.costAndUsageCalls).toHaveLength(2);
    expect(fake.forecastCalls).toHaveLength(0);
    expect(valueOf(CostMetric.ForecastMonthEndCost, 'everything')).toBe(14 * 16.5 + 600);
    expect(valueOf(CostMetric.BudgetForecastUsedPercent, 'staging')).toBe(310);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
    expect(ssmMock.commandCalls(PutParameterCommand)).toHaveLength(0);
    // The waste figures are read for a digest only.
    expect(cwMock.commandCalls(GetMetricDataCommand)).toHaveLength(0);
  });
});

describe("month-end forecasts reused within the client's day (Berlin)", () => {
  const threeBudgets = [
    { name: 'everything', monthlyLimitUsd: 1000 },
    { name: 'ec2', monthlyLimitUsd: 500, scope: { type: 'service', service: EC2 } },
    { name: 'data-team', monthlyLimitUsd: 200, scope: { type: 'tag', key: 'team', value: 'data' } },
  ];
  const settings = settingsWith({ budgets: threeBudgets });
  const bill = everyDay('2026-02-01', '2026-03-18', [
    { service: EC2, unblended: 10, tags: { team: 'data' } },
    { service: S3, unblended: 1 },
  ]);
  // The tag budget has no forecast (not enough history): "no forecast" is cached too.
  const forecast = (input: GetCostForecastCommandInput) => (input.Filter?.Tags ? undefined : input.Filter ? 300 : 600);

  /** An SSM parameter that keeps what the runs save. */
  function statefulParameter(initial?: string): { value: () => string | undefined } {
    let value = initial;
    ssmMock.on(GetParameterCommand).callsFake(() => {
      if (value === undefined) throw new ParameterNotFound({ message: 'not found', $metadata: {} });
      return { Parameter: { Value: value } };
    });
    ssmMock.on(PutParameterCommand).callsFake((input) => {
      value = input.Value;
      return {};
    });
    return { value: () => value };
  }
  const forecastMetrics = () =>
    published()
      .filter((d) => d.MetricName === CostMetric.ForecastMonthEndCost || d.MetricName === CostMetric.BudgetForecastUsedPercent)
      .map((d) => [d.MetricName, d.Dimensions?.[0]?.Value, d.Value]);
  const puts = () => ssmMock.commandCalls(PutParameterCommand).length;

  test('the second run of the day requests no forecast and publishes the same forecast metrics; the next day requests again', async () => {
    // given
    const parameter = statefulParameter();
    const fake = wire(new FakeCostExplorer(bill, { forecast }));

    // when: 07:00 and 15:00 on 15 March
    const first = await collectCosts(deps(settings, '2026-03-15T06:00:00Z'));
    const firstForecasts = forecastMetrics();
    const firstPuts = puts();
    cwMock.resetHistory();
    const second = await collectCosts(deps(settings, '2026-03-15T14:00:00Z'));

    // then
    expect(fake.forecastCalls).toHaveLength(3);
    expect(first.costExplorerRequests - second.costExplorerRequests).toBe(3);
    expect(firstForecasts).toContainEqual([CostMetric.ForecastMonthEndCost, 'everything', 14 * 11 + 600]);
    expect(firstForecasts.some(([, budget]) => budget === 'data-team')).toBe(false);
    expect(forecastMetrics()).toEqual(firstForecasts);
    expect(firstPuts).toBe(1);
    expect(puts()).toBe(1); // nothing changed: no second PutParameter
    expect(JSON.parse(parameter.value()!).forecasts).toMatchObject({ date: '2026-03-15', from: '2026-03-15' });
    expect(Object.values(JSON.parse(parameter.value()!).forecasts.amounts).sort()).toEqual([300, 600, null]);

    // when: 07:00 the next day
    await collectCosts(deps(settings, '2026-03-16T06:00:00Z'));

    // then
    expect(fake.forecastCalls).toHaveLength(6);
    expect(fake.forecastCalls[5].TimePeriod).toEqual({ Start: '2026-03-16', End: '2026-04-01' });
    expect(puts()).toBe(2);
    expect(JSON.parse(parameter.value()!).forecasts).toMatchObject({ date: '2026-03-16', from: '2026-03-16' });
  });

  test('a budget added since the morning: only its forecast is requested, and the cache is saved with it', async () => {
    // given
    const parameter = statefulParameter();
    const fake = wire(new FakeCostExplorer(bill, { forecast }));
    await collectCosts(deps(settings, '2026-03-15T06:00:00Z'));
    const putsBefore = puts();

    // when
    const more = settingsWith({
      budgets: [...threeBudgets, { name: 'staging', monthlyLimitUsd: 50, scope: { type: 'account', account: 'staging' } }],
    });
    await collectCosts(deps(more, '2026-03-15T14:00:00Z'));

    // then
    expect(fake.forecastCalls).toHaveLength(4);
    expect(fake.forecastCalls[3].Filter).toEqual({ Dimensions: { Key: 'LINKED_ACCOUNT', Values: [STAGING] } });
    expect(puts()).toBe(putsBefore + 1);
    expect(Object.keys(JSON.parse(parameter.value()!).forecasts.amounts)).toHaveLength(4);
  });

  test.each([
    ['a state of an older version (no cache)', '{"month":"2026-03","reported":{"ec2":["f100"]}}', undefined],
    [
      'a malformed cache',
      '{"month":"2026-03","reported":{"ec2":["f100"]},"forecasts":{"date":"2026-03-15","from":"2026-03-15","amounts":{"x":"600"}}}',
      /forecast cache .* malformed/,
    ],
    ['a corrupt state', '{"month":"2026-03","reported', /does not hold JSON/],
  ])('%s: every forecast is requested and the cache saved', async (_name, stored, problem) => {
    // given
    const parameter = statefulParameter(stored);
    const fake = wire(new FakeCostExplorer(bill, { forecast }));

    // when
    await collectCosts(deps(settings, '2026-03-15T14:00:00Z'));

    // then
    expect(fake.forecastCalls).toHaveLength(3);
    expect(puts()).toBe(1);
    expect(JSON.parse(parameter.value()!).forecasts.date).toBe('2026-03-15');
    const warning = logger.lines.find((l) => l.message === 'Ignoring the saved run state');
    if (problem) expect((warning?.data as { problem: string }).problem).toMatch(problem);
    else expect(warning).toBeUndefined();
  });

  test('just after local midnight Cost Explorer is still on the previous UTC day: that forecast period is not reused later the same local day', async () => {
    // given: 00:30 in Berlin on 16 March is 23:30 UTC on 15 March (forecast from 15 March)
    statefulParameter();
    const fake = wire(new FakeCostExplorer(bill, { forecast }));
    await collectCosts(deps(settings, '2026-03-15T23:30:00Z'));

    // when
    await collectCosts(deps(settings, '2026-03-16T06:00:00Z'));

    // then
    expect(fake.forecastCalls.map((c) => c.TimePeriod!.Start)).toEqual([
      '2026-03-15',
      '2026-03-15',
      '2026-03-15',
      '2026-03-16',
      '2026-03-16',
      '2026-03-16',
    ]);
  });
});

describe("the possible savings in the digest (the waste finder's figures)", () => {
  const oneBudget = settingsWith({ budgets: [{ name: 'everything', monthlyLimitUsd: 100 }] });
  const now = '2026-03-15T06:00:00Z';
  const scanned = new Date('2026-03-15T04:00:00Z');
  const overBudget = () => wire(new FakeCostExplorer(everyDay('2026-03-01', '2026-03-16', [{ service: EC2, unblended: 10 }])));
  const message = () => emailOf(snsMock.commandCalls(PublishCommand)[0].args[0].input.Message);

  /** What CloudWatch answers: the figures of the waste finder's last scan, zeros for the other types, matched by the query asked. */
  function wasteFinderPublished(figures: Record<string, [number, number]>) {
    cwMock.on(GetMetricDataCommand).callsFake((input): { MetricDataResults: MetricDataResult[] } => ({
      MetricDataResults: input.MetricDataQueries.map((query: any) => {
        const type = query.MetricStat.Metric.Dimensions[0].Value as string;
        const [idle, usd] = figures[type] ?? [0, 0];
        return {
          Id: query.Id,
          StatusCode: 'Complete',
          Timestamps: [scanned],
          Values: [query.MetricStat.Metric.MetricName === WasteMetric.IdleResources ? idle : usd],
        };
      }),
    }));
  }

  test('a digest quotes the idle resources and their monthly cost, read with one GetMetricData request', async () => {
    // given
    overBudget();
    wasteFinderPublished({ EC2Instance: [2, 15.18], NATGateway: [1, 32.85] });

    // when
    const result = await collectCosts(deps(oneBudget, now));

    // then
    expect(result.digestBudgets).toEqual(['everything']);
    const calls = cwMock.commandCalls(GetMetricDataCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0].args[0].input;
    expect(input.MetricDataQueries).toHaveLength(2 * WASTE_RESOURCE_TYPES.length);
    expect(
      input.MetricDataQueries!.every(
        (q) => q.MetricStat!.Metric!.Namespace === FINOPS_NAMESPACE && q.MetricStat!.Stat === 'Maximum' && q.MetricStat!.Period === 86_400,
      ),
    ).toBe(true);
    expect([input.StartTime, input.EndTime]).toEqual([new Date('2026-03-13T06:00:00Z'), new Date(now)]);
    expect(message()).toContain(
      'Possible savings: 3 idle resources (1 NAT gateway, 2 EC2 instances) could save about USD 48 per month; see the operations dashboard.',
    );
    expect(logger.lines).toContainEqual(
      expect.objectContaining({
        level: 'info',
        message: 'Budget digest sent',
        data: expect.objectContaining({ idleResources: 3, estimatedMonthlyWasteUsd: 48.03 }),
      }),
    );
    expect(logger.lines.filter((l) => l.level === 'warn')).toEqual([]);
  });

  test('nothing idle: the digest has no savings section', async () => {
    overBudget();
    wasteFinderPublished({});

    await collectCosts(deps(oneBudget, now));

    expect(cwMock.commandCalls(GetMetricDataCommand)).toHaveLength(1);
    expect(message()).toContain('Budget "everything"');
    expect(message()).not.toContain('Possible savings');
  });

  test('no figures at all (waste finder off): no section, an info line, not a warning', async () => {
    overBudget();

    await collectCosts(deps(oneBudget, now));

    expect(message()).not.toContain('Possible savings');
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'info', data: { resourceTypes: WASTE_RESOURCE_TYPES } }));
    expect(logger.lines.filter((l) => l.level === 'warn')).toEqual([]);
  });

  test.each([
    [
      'denied (not retried)',
      Object.assign(new Error('not authorized to perform: cloudwatch:GetMetricData'), {
        name: 'AccessDenied',
        $metadata: { httpStatusCode: 403 },
      }),
      1,
    ],
    ['failing after retries', new InternalServiceFault({ message: 'Internal error', $metadata: { httpStatusCode: 500 } }), 5],
  ])(
    'GetMetricData %s: the digest still goes out, without the section, the state is saved and the run succeeds',
    async (_name, error, attempts) => {
      // given
      overBudget();
      cwMock.on(GetMetricDataCommand).rejects(error);

      // when
      const result = await collectCosts(deps(oneBudget, now));

      // then
      expect(cwMock.commandCalls(GetMetricDataCommand)).toHaveLength(attempts);
      expect(snsMock.commandCalls(PublishCommand)).toHaveLength(1);
      expect(message()).toContain('Budget "everything"');
      expect(message()).not.toContain('Possible savings');
      expect(ssmMock.commandCalls(PutParameterCommand)).toHaveLength(1);
      expect(result.digestBudgets).toEqual(['everything']);
      expect(valueOf(CostMetric.CollectionSucceeded)).toBe(1);
      expect(logger.lines).toContainEqual(
        expect.objectContaining({
          level: 'warn',
          message: 'Waste figures unavailable: the digest goes out without the possible savings',
          data: {
            error: expect.stringMatching(
              attempts === 1
                ? /^AccessDenied: not authorized/
                : /^RetriesExhaustedError: GetMetricData waste figures \(10 queries\) still failing after 5 attempts/,
            ),
          },
        }),
      );
    },
  );

  test('a query CloudWatch could not answer: no section rather than a total that leaves a type out', async () => {
    overBudget();
    cwMock
      .on(GetMetricDataCommand)
      .callsFake((input) => ({ MetricDataResults: [{ Id: input.MetricDataQueries[0].Id, StatusCode: 'InternalError', Values: [] }] }));

    await collectCosts(deps(oneBudget, now));

    expect(message()).not.toContain('Possible savings');
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', data: { error: expect.stringMatching(/^WasteFiguresIncompleteError: /) } }),
    );
  });
});

describe('faults the collector must survive', () => {
  const oneBudget = settingsWith({ budgets: [{ name: 'everything', monthlyLimitUsd: 100 }] });

  test('throttling: retried with backoff, then a failed run (the requests made are still published)', async () => {
    // given
    ceMock.on(GetCostAndUsageCommand).rejects(new LimitExceededException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } }));

    // when
    const error = await collectCosts(deps(oneBudget, '2026-03-15T06:00:00Z')).catch((e) => e);

    // then
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect(error.message).toBe(
      'Cost Explorer GetCostAndUsage services page 1 still failing after 5 attempts: LimitExceededException: Rate exceeded',
    );
    expect(ceMock.commandCalls(GetCostAndUsageCommand)).toHaveLength(5);
    expect(sleeps).toEqual([250, 500, 1000, 2000]);
    expect(logger.lines.filter((l) => l.level === 'warn' && l.message === 'Transient AWS error, retrying')).toHaveLength(4);
    expect(published()).toEqual([
      { MetricName: 'CostExplorerRequests', Timestamp: new Date('2026-03-15T06:00:00Z'), Value: 5, Unit: 'Count' },
    ]);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
    expect(ssmMock.commandCalls(PutParameterCommand)).toHaveLength(0);
  });

  test('an amount Cost Explorer left out: a failed run that says where, never a zero on the dashboards', async () => {
    // given: an answer shaped like the API reference's, one group without its Amount
    ceMock.on(GetCostAndUsageCommand).resolves({
      ResultsByTime: [
        {
          TimePeriod: { Start: '2026-03-14', End: '2026-03-15' },
          Total: {},
          Groups: [{ Keys: ['AWS Lambda'], Metrics: { UnblendedCost: { Unit: 'USD' } } }],
          Estimated: true,
        },
      ],
      DimensionValueAttributes: [],
    });
    ceMock.on(GetCostForecastCommand).resolves({ Total: { Amount: '42.5', Unit: 'USD' }, ForecastResultsByTime: [] });

    // when
    const error = await collectCosts(deps(oneBudget, '2026-03-15T06:00:00Z')).catch((e) => e);

    // then
    expect(error).toBeInstanceOf(MalformedCostDataError);
    expect(error.message).toMatch(
      /^Cost Explorer answered services for 2026-03-14 \(AWS Lambda\), UnblendedCost with the amount undefined/,
    );
    expect(named(CostMetric.TotalDailyCost)).toEqual([]);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
    expect(ssmMock.commandCalls(PutParameterCommand)).toHaveLength(0);
  });

  test('DataUnavailableException: zeros, not a crash', async () => {
    ceMock.on(GetCostAndUsageCommand).rejects(new DataUnavailableException({ message: 'Data is not available', $metadata: {} }));
    ceMock
      .on(GetCostForecastCommand)
      .rejects(new DataUnavailableException({ message: 'Insufficient amount of historical data', $metadata: {} }));

    const result = await collectCosts(deps(oneBudget, '2026-03-15T06:00:00Z'));

    expect(result.costExplorerRequests).toBe(2);
    expect(named(CostMetric.TotalDailyCost).map((d) => d.Value)).toEqual(Array(14).fill(0));
    expect(valueOf(CostMetric.MonthToDateCost, 'everything')).toBe(0);
    expect(valueOf(CostMetric.BudgetUsedPercent, 'everything')).toBe(0);
    expect(named(CostMetric.ForecastMonthEndCost)).toEqual([]);
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ level: 'warn', message: 'Cost Explorer has no data yet (new account?): counting zero costs' }),
    );
    expect(valueOf(CostMetric.CollectionSucceeded)).toBe(1);
  });

  test('a brand-new account (two days of history, no forecast yet): actual costs, zeros before, no forecast', async () => {
    wire(new FakeCostExplorer(everyDay('2026-03-14', '2026-03-16', [{ service: EC2, unblended: 30 }])));

    await collectCosts(deps(oneBudget, '2026-03-15T06:00:00Z'));

    expect(named(CostMetric.TotalDailyCost).map((d) => d.Value)).toEqual([...Array(12).fill(0), 30, 30]);
    expect(valueOf(CostMetric.MonthToDateCost, 'everything')).toBe(60);
    expect(named(CostMetric.BudgetForecastUsedPercent)).toEqual([]);
  });

  test('no forecast: no forecast metrics, forecast thresholds do not fire, the digest says so', async () => {
    wire(new FakeCostExplorer(everyDay('2026-03-01', '2026-03-16', [{ service: EC2, unblended: 10 }])));

    await collectCosts(deps(oneBudget, '2026-03-15T06:00:00Z'));

    expect(valueOf(CostMetric.BudgetUsedPercent, 'everything')).toBe(150);
    expect(named(CostMetric.ForecastMonthEndCost)).toEqual([]);
    expect(named(CostMetric.BudgetForecastUsedPercent)).toEqual([]);
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'info', message: 'No forecast from Cost Explorer' }));
    const message = emailOf(snsMock.commandCalls(PublishCommand)[0].args[0].input.Message);
    expect(message).toContain('no forecast available yet');
    expect(message).not.toContain('expected to reach 100% of the limit by the end of the month');
    expect(JSON.parse(ssmMock.commandCalls(PutParameterCommand)[0].args[0].input.Value!).reported).toEqual({ everything: ['a100', 'a80'] });
  });

  test('three or more result pages: every page read with unchanged parameters, no extra request', async () => {
    // given: 12 services x 43 days = 516 groups, 200 per page -> exactly 3 pages
    const services = Array.from({ length: 12 }, (_, i) => ({ service: `Service ${String(i).padStart(2, '0')}`, unblended: i + 1 }));
    const fake = wire(new FakeCostExplorer(everyDay('2026-02-01', '2026-03-16', services), { groupsPerPage: 200 }));

    // when
    await collectCosts(deps(settingsWith({}), '2026-03-15T06:00:00Z'));

    // then
    expect(fake.costAndUsageCalls).toHaveLength(3);
    const [first, ...rest] = fake.costAndUsageCalls;
    expect(first.NextPageToken).toBeUndefined();
    for (const page of rest) {
      const { NextPageToken, ...parameters } = page;
      expect(NextPageToken).toEqual(expect.any(String));
      expect(parameters).toEqual(first);
    }
    expect(new Set(rest.map((p) => p.NextPageToken)).size).toBe(2);
    // nothing lost or counted twice where a day straddles two pages
    expect(named(CostMetric.TotalDailyCost).map((d) => d.Value)).toEqual(Array(14).fill(78));
    expect(valueOf(CostMetric.CostExplorerRequests)).toBe(3);
  });

  test('the largest configuration the schema allows (50 budgets, top 50 services) stays within PutMetricData limits', async () => {
    // given
    const budgets = Array.from({ length: 50 }, (_, i) => ({ name: `budget-${i}`, monthlyLimitUsd: 1000 + i }));
    const settings = settingsWith({ budgets, collector: { topServices: 50 } });
    const services = Array.from({ length: 60 }, (_, i) => ({ service: `Service ${i}`, unblended: i + 1 }));
    wire(new FakeCostExplorer(everyDay('2026-02-01', '2026-03-16', services), { groupsPerPage: 5000, forecast: () => 10 }));

    // when
    const result = await collectCosts(deps(settings, '2026-03-15T06:00:00Z'));

    // then: 14 days x (total + 50 services + Other) + 50 budgets x 4 + requests + success
    expect(result.metricsPublished).toBe(14 * 52 + 200 + 1 + 1);
    for (const call of cwMock.commandCalls(PutMetricDataCommand)) expect(call.args[0].input.MetricData!.length).toBeLessThanOrEqual(1000);
    expect(named(CostMetric.ServiceDailyCost, 'Other').map((d) => d.Value)).toEqual(Array(14).fill(1 + 2 + 3 + 4 + 5 + 6 + 7 + 8 + 9 + 10));
  });

  test('PutMetricData partly failing is retried and the run succeeds', async () => {
    wire(new FakeCostExplorer(everyDay('2026-03-01', '2026-03-16', [{ service: EC2, unblended: 1 }])));
    cwMock
      .on(PutMetricDataCommand)
      .rejectsOnce(new InternalServiceFault({ message: 'Internal error', $metadata: { httpStatusCode: 500 } }))
      .resolves({});

    const result = await collectCosts(deps(oneBudget, '2026-03-15T06:00:00Z'));

    expect(result.putMetricDataCalls).toBe(3);
    expect(sleeps).toEqual([250]);
    expect(valueOf(CostMetric.CollectionSucceeded)).toBe(1);
  });

  test('PutMetricData failing for good: the digest and state still go out, then the run fails loudly with the number of metrics lost', async () => {
    // given
    wire(new FakeCostExplorer(everyDay('2026-03-01', '2026-03-16', [{ service: EC2, unblended: 10 }])));
    cwMock.on(PutMetricDataCommand).rejects(new InternalServiceFault({ message: 'Internal error', $metadata: { httpStatusCode: 500 } }));

    // when
    const error = await collectCosts(deps(oneBudget, '2026-03-15T06:00:00Z')).catch((e) => e);

    // then: 14 x (total + EC2 + Other) + 2 budget metrics + requests
    expect(error).toBeInstanceOf(MetricsLostError);
    expect(error.message).toMatch(
      /^45 of 45 metrics were not published to CloudWatch \(LandingZone\/FinOps\) after retries: PutMetricData batch 1\/1 \(45 metrics\)/,
    );
    expect(cwMock.commandCalls(PutMetricDataCommand)).toHaveLength(5);
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(1);
    expect(ssmMock.commandCalls(PutParameterCommand)).toHaveLength(1);
  });

  test('the request cap reached: a clear error, no request beyond the cap', async () => {
    // given: 3 pages needed, a cap of 2
    const services = Array.from({ length: 12 }, (_, i) => ({ service: `S${i}`, unblended: 1 }));
    wire(new FakeCostExplorer(everyDay('2026-02-01', '2026-03-16', services), { groupsPerPage: 200 }));
    const settings = settingsWith({ collector: { maxRequestsPerRun: 2 } });

    // when
    const error = await collectCosts(deps(settings, '2026-03-15T06:00:00Z')).catch((e) => e);

    // then
    expect(error).toBeInstanceOf(RequestCapError);
    expect(error.message).toMatch(
      /request cap reached: 2 requests made, GetCostAndUsage services page 3 would need one more; the cap is 2 requests per run \(finops.collector.maxRequestsPerRun/,
    );
    expect(ceMock.commandCalls(GetCostAndUsageCommand)).toHaveLength(2);
    expect(published()).toEqual([expect.objectContaining({ MetricName: 'CostExplorerRequests', Value: 2 })]);
  });

  test('the request cap below what the budgets need: fails before any request', async () => {
    const budgets = Array.from({ length: 5 }, (_, i) => ({
      name: `s${i}`,
      monthlyLimitUsd: 1,
      scope: { type: 'service', service: `S${i}` },
    }));
    const error = await collectCosts(deps(settingsWith({ budgets, collector: { maxRequestsPerRun: 4 } }), '2026-03-15T06:00:00Z')).catch(
      (e) => e,
    );
    expect(error).toBeInstanceOf(RequestCapError);
    expect(error.message).toMatch(
      /the budgets need at least 6 requests per run \(1 services query, 0 scoped queries, 5 forecasts\), so none was made; the cap is 4/,
    );
    expect(ceMock.commandCalls(GetCostAndUsageCommand)).toHaveLength(0);
    expect(ceMock.commandCalls(GetCostForecastCommand)).toHaveLength(0);
  });

  test('an empty bill: explicit zeros per budget and per day, no digest', async () => {
    const settings = settingsWith({
      budgets: [
        { name: 'everything', monthlyLimitUsd: 100 },
        { name: 'staging', monthlyLimitUsd: 10, scope: { type: 'account', account: 'staging' } },
        { name: 'data', monthlyLimitUsd: 10, scope: { type: 'tag', key: 'team', value: 'data' } },
      ],
    });
    wire(new FakeCostExplorer(listBill([]), { forecast: () => 0 }));

    await collectCosts(deps(settings, '2026-03-15T06:00:00Z'));

    for (const name of ['everything', 'staging', 'data']) {
      expect(valueOf(CostMetric.MonthToDateCost, name)).toBe(0);
      expect(valueOf(CostMetric.BudgetUsedPercent, name)).toBe(0);
      expect(valueOf(CostMetric.ForecastMonthEndCost, name)).toBe(0);
      expect(valueOf(CostMetric.BudgetForecastUsedPercent, name)).toBe(0);
    }
    expect(named(CostMetric.TotalDailyCost).map((d) => d.Value)).toEqual(Array(14).fill(0));
    expect(named(CostMetric.ServiceDailyCost).map((d) => d.Dimensions![0].Value)).toEqual(Array(14).fill('Other'));
    expect(snsMock.commandCalls(PublishCommand)).toHaveLength(0);
  });
});

describe('calendar edges', () => {
  const oneBudget = settingsWith({ budgets: [{ name: 'everything', monthlyLimitUsd: 100 }] });
  const costs = (from: string, to: string) => everyDay(from, to, [{ service: EC2, unblended: 10 }]);

  test("month boundary: on the 1st only that day is month-to-date, and last month's reported thresholds start over", async () => {
    // given: March was over budget and reported
    ssmMock
      .on(GetParameterCommand)
      .resolves({ Parameter: { Value: '{"month":"2026-03","reported":{"everything":["a80","a100","f100"]}}' } });
    const fake = wire(new FakeCostExplorer(costs('2026-03-01', '2026-04-02'), { forecast: () => 300 }));

    // when
    await collectCosts(deps(oneBudget, '2026-04-01T05:00:00Z'));

    // then
    expect(fake.costAndUsageCalls[0].TimePeriod).toEqual({ Start: '2026-03-01', End: '2026-04-02' });
    expect(fake.forecastCalls[0].TimePeriod).toEqual({ Start: '2026-04-01', End: '2026-05-01' });
    expect(valueOf(CostMetric.MonthToDateCost, 'everything')).toBe(10);
    expect(valueOf(CostMetric.ForecastMonthEndCost, 'everything')).toBe(300);
    expect(JSON.parse(ssmMock.commandCalls(PutParameterCommand)[0].args[0].input.Value!)).toMatchObject({
      month: '2026-04',
      reported: { everything: ['f100'] },
    });
    expect(emailOf(snsMock.commandCalls(PublishCommand)[0].args[0].input.Message)).toContain('Spent so far in April 2026: $10.00');
  });

  test('year boundary: the window reaches back into December, month-to-date is 1 January only', async () => {
    const fake = wire(new FakeCostExplorer(costs('2026-12-01', '2027-01-02'), { forecast: () => 200 }));

    await collectCosts(deps(oneBudget, '2027-01-01T06:00:00Z'));

    expect(fake.costAndUsageCalls[0].TimePeriod).toEqual({ Start: '2026-12-01', End: '2027-01-02' });
    expect(fake.forecastCalls[0].TimePeriod).toEqual({ Start: '2027-01-01', End: '2027-02-01' });
    expect(valueOf(CostMetric.MonthToDateCost, 'everything')).toBe(10);
    expect(named(CostMetric.TotalDailyCost).map(dayOf).at(0)).toBe('2026-12-19T00:00:00.000Z');
    expect(named(CostMetric.TotalDailyCost).map(dayOf).at(-1)).toBe('2027-01-01T00:00:00.000Z');
  });

  test('last day of a month: the forecast covers that one day, added to the days before it', async () => {
    const fake = wire(new FakeCostExplorer(costs('2026-03-01', '2026-05-01'), { forecast: () => 12 }));

    await collectCosts(deps(oneBudget, '2026-04-30T15:00:00Z'));

    expect(fake.forecastCalls[0].TimePeriod).toEqual({ Start: '2026-04-30', End: '2026-05-01' });
    expect(valueOf(CostMetric.MonthToDateCost, 'everything')).toBe(300);
    expect(valueOf(CostMetric.ForecastMonthEndCost, 'everything')).toBe(290 + 12);
  });

  test('leap day 2028-02-29: counted in February, published with its own timestamp', async () => {
    const fake = wire(new FakeCostExplorer(costs('2028-01-01', '2028-03-01'), { forecast: () => 10 }));

    await collectCosts(deps(oneBudget, '2028-02-29T12:00:00Z'));

    expect(fake.costAndUsageCalls[0].TimePeriod).toEqual({ Start: '2028-01-01', End: '2028-03-01' });
    expect(fake.forecastCalls[0].TimePeriod).toEqual({ Start: '2028-02-29', End: '2028-03-01' });
    expect(valueOf(CostMetric.MonthToDateCost, 'everything')).toBe(290);
    expect(valueOf(CostMetric.ForecastMonthEndCost, 'everything')).toBe(280 + 10);
    expect(named(CostMetric.TotalDailyCost).map(dayOf).at(-1)).toBe('2028-02-29T00:00:00.000Z');
  });

  test('Pacific/Auckland just after midnight on 1 March: March has no cost day yet, February is not counted as March', async () => {
    const settings = settingsWith({ budgets: [{ name: 'everything', monthlyLimitUsd: 100 }] }, 'Pacific/Auckland');
    const fake = wire(new FakeCostExplorer(costs('2026-02-01', '2026-03-01'), { forecast: () => 150 }));

    await collectCosts(deps(settings, '2026-02-28T11:30:00Z'));

    expect(fake.costAndUsageCalls[0].TimePeriod).toEqual({ Start: '2026-02-01', End: '2026-03-01' });
    expect(fake.forecastCalls[0].TimePeriod).toEqual({ Start: '2026-03-01', End: '2026-04-01' });
    expect(valueOf(CostMetric.MonthToDateCost, 'everything')).toBe(0);
    expect(valueOf(CostMetric.ForecastMonthEndCost, 'everything')).toBe(150);
    const message = emailOf(snsMock.commandCalls(PublishCommand)[0].args[0].input.Message);
    expect(message).toContain('1 March 2026 at 00:30 (Pacific/Auckland)');
    expect(message).toContain('Biggest costs this month: none recorded yet');
    expect(JSON.parse(ssmMock.commandCalls(PutParameterCommand)[0].args[0].input.Value!).month).toBe('2026-03');
  });

  test('America/Los_Angeles late on 31 March: the month is complete in UTC, month-to-date is final, no forecast request', async () => {
    const settings = settingsWith({ budgets: [{ name: 'everything', monthlyLimitUsd: 1000 }] }, 'America/Los_Angeles');
    const fake = wire(new FakeCostExplorer(costs('2026-02-01', '2026-04-02'), { forecast: () => 999 }));

    await collectCosts(deps(settings, '2026-04-01T06:30:00Z'));

    expect(fake.costAndUsageCalls[0].TimePeriod).toEqual({ Start: '2026-02-01', End: '2026-04-01' });
    expect(fake.forecastCalls).toEqual([]);
    expect(valueOf(CostMetric.MonthToDateCost, 'everything')).toBe(310);
    expect(valueOf(CostMetric.ForecastMonthEndCost, 'everything')).toBe(310);
  });

  test('America/Los_Angeles just after midnight on 1 April: April starts, March is last month', async () => {
    const settings = settingsWith({ budgets: [{ name: 'everything', monthlyLimitUsd: 1000 }] }, 'America/Los_Angeles');
    const fake = wire(new FakeCostExplorer(costs('2026-03-01', '2026-04-02'), { forecast: () => 280 }));

    await collectCosts(deps(settings, '2026-04-01T07:30:00Z'));

    expect(fake.costAndUsageCalls[0].TimePeriod).toEqual({ Start: '2026-03-01', End: '2026-04-02' });
    expect(valueOf(CostMetric.MonthToDateCost, 'everything')).toBe(10);
    expect(valueOf(CostMetric.ForecastMonthEndCost, 'everything')).toBe(280);
  });
});

describe('handler (the Lambda entry point)', () => {
  const ENV = ['COLLECTOR_SETTINGS', 'TOPIC_ARN', 'STATE_PARAMETER_NAME', 'POWERTOOLS_LOG_LEVEL', 'POWERTOOLS_SERVICE_NAME'] as const;
  const saved = Object.fromEntries(ENV.map((name) => [name, process.env[name]]));
  afterEach(() => {
    for (const name of ENV) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  /**
   * Loads a fresh copy of the handler module, as a cold start does, with this environment. The
   * module registry is fresh too, so the SDK clients are mocked on the fresh copies.
   */
  function coldStart(env: Partial<Record<(typeof ENV)[number], string>>) {
    for (const name of ENV) delete process.env[name];
    Object.assign(process.env, { POWERTOOLS_LOG_LEVEL: 'SILENT', POWERTOOLS_SERVICE_NAME: 'cost-collector', ...env });
    // The fresh copies are other module instances than the imports of this file: typed loosely.
    let loaded:
      | { handler: typeof import('../../../lambda/cost-collector/handler').handler; ce: AwsStub<any, any, any>; cw: AwsStub<any, any, any> }
      | undefined;
    // A cold start needs fresh module instances: only require() inside jest.isolateModules gives them.
    /* eslint-disable @typescript-eslint/no-require-imports */
    jest.isolateModules(() => {
      const ce = mockClient<any, any, any>(require('@aws-sdk/client-cost-explorer').CostExplorerClient);
      const cw = mockClient<any, any, any>(require('@aws-sdk/client-cloudwatch').CloudWatchClient);
      const ssm = mockClient<any, any, any>(require('@aws-sdk/client-ssm').SSMClient);
      mockClient(require('@aws-sdk/client-sns').SNSClient).resolves({});
      cw.resolves({});
      ssm.resolves({ Parameter: { Value: '{}' } });
      loaded = { handler: require('../../../lambda/cost-collector/handler').handler, ce, cw };
    });
    /* eslint-enable @typescript-eslint/no-require-imports */
    return loaded!;
  }
  const settingsJson = (timeZone: string) =>
    JSON.stringify({
      client: { name: 'acme', displayName: 'Acme Ltd', timeZone },
      accounts: [{ name: 'production', id: PRODUCTION }],
      finops: {},
    });

  test('reads its settings from the environment at cold start and runs with any event payload', async () => {
    // given
    const { handler, ce, cw } = coldStart({
      COLLECTOR_SETTINGS: settingsJson('Europe/Berlin'),
      TOPIC_ARN: TOPIC,
      STATE_PARAMETER_NAME: STATE,
    });
    const fake = new FakeCostExplorer(listBill([]));
    ce.callsFake((input) => fake.getCostAndUsage(input));

    // when
    const result = await handler({ 'detail-type': 'Scheduled Event', anything: true });

    // then
    expect(result.costExplorerRequests).toBe(1);
    expect(fake.costAndUsageCalls).toHaveLength(1);
    expect(cw.calls().at(-1)!.args[0].input).toEqual({
      Namespace: FINOPS_NAMESPACE,
      MetricData: [expect.objectContaining({ MetricName: 'CollectionSucceeded', Value: 1 })],
    });
  });

  test('a misconfigured environment fails every invocation with a clear error, without calling AWS', async () => {
    const { handler, ce } = coldStart({ COLLECTOR_SETTINGS: '{"client":{}}', TOPIC_ARN: TOPIC, STATE_PARAMETER_NAME: STATE });
    await expect(handler({})).rejects.toThrow(/^COLLECTOR_SETTINGS is invalid: client.name: .*accounts: /);
    expect(ce.calls()).toHaveLength(0);
  });

  test('a failed run fails the invocation (so the Errors alarm fires) after a structured error log line saying why', async () => {
    // given
    const written: string[] = [];
    // Powertools prints ERROR lines with console.error, i.e. to stderr (the Lambda runtime ships both to CloudWatch Logs)
    const write = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    const { handler, ce } = coldStart({
      COLLECTOR_SETTINGS: settingsJson('UTC'),
      TOPIC_ARN: TOPIC,
      STATE_PARAMETER_NAME: STATE,
      POWERTOOLS_LOG_LEVEL: 'ERROR',
    });
    ce.rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } }));

    // when
    const outcome = handler({}).catch((e) => e);
    const error = await outcome;
    write.mockRestore();

    // then
    expect(error.message).toBe('not authorized');
    const lines = written
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        service: 'cost-collector',
        message: 'Cost collection failed',
        reason: 'AccessDeniedException: not authorized',
      }),
    ]);
  });
});
