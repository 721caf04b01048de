import { Logger } from '@aws-lambda-powertools/logger';
import {
  CloudWatchClient,
  GetMetricDataCommand,
  ListMetricsCommand,
  PutMetricDataCommand,
  type MetricDatum,
} from '@aws-sdk/client-cloudwatch';
import { createHandler } from '../../../lambda/waste-finder/handler';
import type { RetryOptions } from '../../../lambda/shared/retry';
import type { WasteFinderSettingsInput } from '../../../lib/core/finops/waste-finder-settings';
import { days, fakeCloudWatch, resource, type FakeAccount, type FakeCloudWatchOptions } from './fake-cloudwatch';

const NOW = new Date('2026-11-24T06:00:00Z');
const logger = new Logger({ logLevel: 'SILENT' });

function setup(account: FakeAccount, settings: Partial<WasteFinderSettingsInput> = {}, fake: FakeCloudWatchOptions = {}) {
  const cw = fakeCloudWatch(account, fake);
  const clients = new Map<string, CloudWatchClient>();
  const clientFor = (region: string) => {
    if (!clients.has(region)) clients.set(region, new CloudWatchClient({ region }));
    return clients.get(region)!;
  };
  const waits: number[] = [];
  const retry: RetryOptions = {
    maxAttempts: 3,
    baseDelayMs: 100,
    maxDelayMs: 1000,
    sleep: async (ms) => {
      waits.push(ms);
    },
    random: () => 1,
  };
  const env = {
    AWS_REGION: 'eu-west-1',
    WASTE_FINDER_SETTINGS: JSON.stringify({ regions: ['eu-west-1', 'us-east-1'], ...settings }),
  };
  const handler = createHandler({ clientFor, now: () => NOW, retry, logger, env });
  return { cw, handler, waits, env };
}

/** The published data points as `MetricName/ResourceType = value`. */
function published(cw: ReturnType<typeof fakeCloudWatch>): Record<string, number> {
  const data = cw.commandCalls(PutMetricDataCommand).flatMap((call) => call.args[0].input.MetricData as MetricDatum[]);
  return Object.fromEntries(data.map((d) => [[d.MetricName, ...(d.Dimensions ?? []).map((x) => x.Value)].join('/'), d.Value!]));
}

async function regionOf(client: unknown): Promise<string> {
  return (client as CloudWatchClient).config.region();
}

afterEach(() => jest.restoreAllMocks());

describe('waste finder handler', () => {
  test('scans every region, publishes counts, waste and its own cost in the home region, returns the summary', async () => {
    // given
    const { cw, handler } = setup({
      'eu-west-1': [
        resource('natGateway', 'nat-idle'),
        resource('natGateway', 'nat-busy', { BytesOutToDestination: days(5e9) }),
        resource('ec2Instance', 'i-busy', { CPUUtilization: days(60) }),
        resource('ec2Instance', 'i-idle', { CPUUtilization: days(1) }),
        // ALB with no traffic: RequestCount is never reported.
        { kind: 'applicationLoadBalancer', id: 'app/quiet/1', daily: { ConsumedLCUs: days(0) } },
        // Created 3 days ago: not judged yet.
        resource('rdsInstance', 'db-new', { DatabaseConnections: days(0, 3) }),
      ],
      'us-east-1': [
        resource('ebsVolume', 'vol-idle'),
        resource('networkLoadBalancer', 'net/busy/1', { ActiveFlowCount: days(3), NewFlowCount: days(100) }),
      ],
    });

    // when
    const summary = await handler({});

    // then: the digest's view
    expect(summary.byResourceType).toEqual({
      EC2Instance: { scanned: 2, idle: 1, insufficientData: 0, estimatedMonthlyWasteUsd: 15.18 },
      EBSVolume: { scanned: 1, idle: 1, insufficientData: 0, estimatedMonthlyWasteUsd: 0.64 },
      NATGateway: { scanned: 2, idle: 1, insufficientData: 0, estimatedMonthlyWasteUsd: 32.85 },
      LoadBalancer: { scanned: 2, idle: 1, insufficientData: 0, estimatedMonthlyWasteUsd: 16.43 },
      RDSInstance: { scanned: 1, idle: 0, insufficientData: 1, estimatedMonthlyWasteUsd: 0 },
    });
    expect(summary.topIdle.map((r) => [r.region, r.resourceType, r.id, r.estimatedMonthlyWasteUsd])).toEqual([
      ['eu-west-1', 'NATGateway', 'nat-idle', 32.85],
      ['eu-west-1', 'LoadBalancer', 'app/quiet/1', 16.43],
      ['eu-west-1', 'EC2Instance', 'i-idle', 15.18],
      ['us-east-1', 'EBSVolume', 'vol-idle', 0.64],
    ]);
    expect(summary.topIdle[0].reason).toMatch(/bytes out .*: 0 in 14 days/);
    expect(summary.totalEstimatedMonthlyWasteUsd).toBe(65.1);

    // then: CloudWatch reads, one GetMetricData request per region with every series
    const gmd = cw.commandCalls(GetMetricDataCommand);
    expect(await Promise.all(gmd.map((call) => regionOf(call.thisValue)))).toEqual(['eu-west-1', 'us-east-1']);
    expect(gmd.map((call) => call.args[0].input.MetricDataQueries!.length)).toEqual([9, 4]);
    expect(gmd[0].args[0].input).toMatchObject({ StartTime: new Date('2026-11-10T00:00:00Z'), EndTime: new Date('2026-11-24T00:00:00Z') });
    expect(cw.commandCalls(ListMetricsCommand)).toHaveLength(12);
    expect(summary).toMatchObject({ getMetricDataRequests: 2, metricsRequested: 13, scanCostUsd: 0.0001 });

    // then: published in the home region, FinOps namespace, zeros included
    const puts = cw.commandCalls(PutMetricDataCommand);
    expect(puts).toHaveLength(1);
    expect(await regionOf(puts[0].thisValue)).toBe('eu-west-1');
    expect(puts[0].args[0].input.Namespace).toBe('LandingZone/FinOps');
    expect(published(cw)).toEqual({
      'IdleResources/EC2Instance': 1,
      'EstimatedMonthlyWasteUsd/EC2Instance': 15.18,
      'IdleResources/EBSVolume': 1,
      'EstimatedMonthlyWasteUsd/EBSVolume': 0.64,
      'IdleResources/NATGateway': 1,
      'EstimatedMonthlyWasteUsd/NATGateway': 32.85,
      'IdleResources/LoadBalancer': 1,
      'EstimatedMonthlyWasteUsd/LoadBalancer': 16.43,
      'IdleResources/RDSInstance': 0,
      'EstimatedMonthlyWasteUsd/RDSInstance': 0,
      GetMetricDataRequests: 2,
      MetricsRequested: 13,
    });
  });

  test('no metrics at all: zeros published, no GetMetricData, no crash', async () => {
    const { cw, handler } = setup({});
    const summary = await handler({});
    expect(cw.commandCalls(ListMetricsCommand)).toHaveLength(12);
    expect(cw.commandCalls(GetMetricDataCommand)).toHaveLength(0);
    expect(summary).toMatchObject({
      totalIdle: 0,
      totalEstimatedMonthlyWasteUsd: 0,
      topIdle: [],
      getMetricDataRequests: 0,
      metricsRequested: 0,
    });
    const values = published(cw);
    expect(Object.keys(values)).toHaveLength(12);
    expect(Object.values(values).every((value) => value === 0)).toBe(true);
  });

  test('discovery follows ListMetrics pages and ignores per-AZ series', async () => {
    const { cw, handler } = setup(
      { 'eu-west-1': Array.from({ length: 5 }, (_, i) => resource('networkLoadBalancer', `net/lb${i}/1`)) },
      { regions: ['eu-west-1'] },
      { listPageSize: 3 },
    );
    const summary = await handler({});
    const nlbCalls = cw.commandCalls(ListMetricsCommand).filter((call) => call.args[0].input.Namespace === 'AWS/NetworkELB');
    // 10 series (5 load balancers + 5 per-AZ) in pages of 3
    expect(nlbCalls.map((call) => call.args[0].input.NextToken)).toEqual([undefined, 'page-3', 'page-6', 'page-9']);
    expect(summary.byResourceType.LoadBalancer).toMatchObject({ scanned: 5, idle: 5 });
  });

  test('a large region is read in requests of at most 500 queries', async () => {
    const { cw, handler } = setup(
      { 'eu-west-1': Array.from({ length: 1201 }, (_, i) => resource('ec2Instance', `i-${i}`, { CPUUtilization: days(50) })) },
      { regions: ['eu-west-1'] },
    );
    const summary = await handler({});
    expect(cw.commandCalls(GetMetricDataCommand).map((call) => call.args[0].input.MetricDataQueries!.length)).toEqual([500, 500, 201]);
    expect(summary).toMatchObject({ getMetricDataRequests: 3, metricsRequested: 1201 });
    expect(summary.byResourceType.EC2Instance).toMatchObject({ scanned: 1201, idle: 0 });
  });

  test('over the request cap: stops before any GetMetricData request with a clear error', async () => {
    const { cw, handler } = setup(
      {
        'eu-west-1': Array.from({ length: 600 }, (_, i) => resource('ec2Instance', `i-${i}`)),
        'us-east-1': Array.from({ length: 600 }, (_, i) => resource('ec2Instance', `i-${i}`)),
      },
      { maxGetMetricDataRequests: 3 },
    );
    const errorLog = jest.spyOn(logger, 'error');
    await expect(handler({})).rejects.toThrow(
      'GetMetricData request cap reached: this scan of 1200 resources in 2 regions needs 4 requests but WASTE_FINDER_SETTINGS.maxGetMetricDataRequests is 3.',
    );
    expect(cw.commandCalls(GetMetricDataCommand)).toHaveLength(0);
    expect(cw.commandCalls(PutMetricDataCommand)).toHaveLength(0);
    expect(errorLog).toHaveBeenCalledWith('Waste scan failed', expect.objectContaining({ name: 'GetMetricDataCapError' }));
  });

  test('throttling is retried with backoff and the run completes', async () => {
    const { cw, handler, waits } = setup({ 'eu-west-1': [resource('natGateway', 'nat-1')] }, { regions: ['eu-west-1'] });
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
    cw.on(GetMetricDataCommand)
      .rejectsOnce(throttled)
      .rejectsOnce(throttled)
      .callsFake(async (input) => ({
        MetricDataResults: input.MetricDataQueries.map((q: { Id: string }) => ({ Id: q.Id, Values: days(0), StatusCode: 'Complete' })),
      }));
    const summary = await handler({});
    expect(waits).toEqual([100, 200]);
    expect(cw.commandCalls(GetMetricDataCommand)).toHaveLength(3);
    expect(summary.byResourceType.NATGateway.idle).toBe(1);
  });

  test('throttling that persists fails the run, after publishing the cost of the requests already made', async () => {
    // given: the first region answers, the second stays throttled
    const { cw, handler } = setup({
      'eu-west-1': [resource('natGateway', 'nat-1')],
      'us-east-1': [resource('natGateway', 'nat-2')],
    });
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    cw.on(GetMetricDataCommand)
      .callsFakeOnce(async (input) => ({
        MetricDataResults: input.MetricDataQueries.map((q: { Id: string }) => ({ Id: q.Id, Values: days(0) })),
      }))
      .rejects(throttled);
    // when / then
    await expect(handler({})).rejects.toThrow(
      'GetMetricData (2 queries) in us-east-1 still failing after 3 attempts: ThrottlingException: Rate exceeded',
    );
    expect(cw.commandCalls(GetMetricDataCommand)).toHaveLength(4);
    expect(published(cw)).toEqual({ GetMetricDataRequests: 1, MetricsRequested: 2 });
  });

  test('ListMetrics throttling that persists fails the run before any cost', async () => {
    const { cw, handler } = setup({});
    cw.on(ListMetricsCommand).rejects(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }));
    await expect(handler({})).rejects.toThrow(
      /ListMetrics AWS\/EC2 CPUUtilization in eu-west-1 still failing after 3 attempts: Throttling/,
    );
    expect(cw.commandCalls(ListMetricsCommand)).toHaveLength(3);
    expect(cw.commandCalls(PutMetricDataCommand)).toHaveLength(0);
  });

  test('invalid settings fail the invocation with a message naming the field, before any request', async () => {
    const { cw, env, handler } = setup({});
    env.WASTE_FINDER_SETTINGS = JSON.stringify({ regions: ['eu-west-1'], lookbackDays: 100 });
    await expect(handler({})).rejects.toThrow('WASTE_FINDER_SETTINGS is invalid: lookbackDays: must be at most 63');
    expect(cw.calls()).toHaveLength(0);
  });

  test('the home region comes from AWS_REGION', async () => {
    const { env, handler } = setup({});
    delete (env as Partial<typeof env>).AWS_REGION;
    await expect(handler({})).rejects.toThrow(/AWS_REGION is not set/);
  });
});
