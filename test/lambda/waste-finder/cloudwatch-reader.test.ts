import { CloudWatchClient, GetMetricDataCommand, ListMetricsCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { CloudWatchReader } from '../../../lambda/waste-finder/cloudwatch-reader';
import type { DiscoveryRequest } from '../../../lambda/waste-finder/discovery';
import { GetMetricDataCapError } from '../../../lambda/waste-finder/errors';
import { buildQueries, metricWindow, toMetricDataQueries } from '../../../lambda/waste-finder/queries';
import type { RetryOptions } from '../../../lambda/shared/retry';

const cw = mockClient(CloudWatchClient);
const client = new CloudWatchClient({ region: 'eu-west-1' });
const window = metricWindow(new Date('2026-11-24T06:00:00Z'), 14);
const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'Throttling' });
const logger = { debug: jest.fn(), info: jest.fn(), warn: jest.fn() };
let waits: number[];

function reader(maxGetMetricDataRequests = 20, retry: Partial<RetryOptions> = {}) {
  return new CloudWatchReader({
    clientFor: () => client,
    maxGetMetricDataRequests,
    retry: {
      maxAttempts: 3,
      baseDelayMs: 10,
      maxDelayMs: 100,
      sleep: async (ms) => {
        waits.push(ms);
      },
      random: () => 1,
      ...retry,
    },
    logger,
  });
}

const queries = (count: number) =>
  toMetricDataQueries(
    buildQueries(Array.from({ length: count }, (_, i) => ({ region: 'eu-west-1', kind: 'ec2Instance' as const, id: `i-${i}` }))),
  );

beforeEach(() => {
  cw.reset();
  jest.clearAllMocks();
  waits = [];
});

describe('ListMetrics', () => {
  const request: DiscoveryRequest = {
    region: 'eu-west-1',
    kind: 'ec2Instance',
    namespace: 'AWS/EC2',
    metricName: 'CPUUtilization',
    dimensionName: 'InstanceId',
  };
  const metric = (id: string) => ({ Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'InstanceId', Value: id }] });

  test('follows NextToken, sending the same parameters on every page but NextToken', async () => {
    // given
    cw.on(ListMetricsCommand)
      .resolvesOnce({ Metrics: [metric('i-1')], NextToken: 't1' })
      .resolvesOnce({ Metrics: [metric('i-2')], NextToken: 't2' })
      .resolvesOnce({ Metrics: [metric('i-3')] });
    // when
    const metrics = await reader().listMetrics(request);
    // then
    expect(metrics.map((m) => m.Dimensions![0].Value)).toEqual(['i-1', 'i-2', 'i-3']);
    const inputs = cw.commandCalls(ListMetricsCommand).map((call) => call.args[0].input);
    const first = { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'InstanceId' }], RecentlyActive: 'PT3H' };
    expect(inputs).toEqual([first, { ...first, NextToken: 't1' }, { ...first, NextToken: 't2' }]);
  });

  test('retries a throttled page with the same token', async () => {
    cw.on(ListMetricsCommand)
      .resolvesOnce({ Metrics: [metric('i-1')], NextToken: 't1' })
      .rejectsOnce(throttled())
      .resolvesOnce({ Metrics: [metric('i-2')] });
    const metrics = await reader().listMetrics(request);
    expect(metrics).toHaveLength(2);
    expect(cw.commandCalls(ListMetricsCommand).map((call) => call.args[0].input.NextToken)).toEqual([undefined, 't1', 't1']);
    expect(waits).toEqual([10]);
    expect(logger.warn).toHaveBeenCalledWith(
      'CloudWatch request throttled or failed, retrying',
      expect.objectContaining({ error: 'Throttling', attempt: 1 }),
    );
  });

  test('stops on a repeated NextToken instead of looping for ever', async () => {
    cw.on(ListMetricsCommand).resolves({ Metrics: [], NextToken: 'same' });
    await expect(reader().listMetrics(request)).rejects.toThrow(
      /ListMetrics AWS\/EC2 CPUUtilization in eu-west-1 did not finish after 2 pages \(NextToken repeated\)/,
    );
  });
});

describe('GetMetricData', () => {
  test('one request for up to 500 queries, over the window, oldest first', async () => {
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [{ Id: 'q0', Values: [1], StatusCode: 'Complete' }] });
    const r = reader();
    await r.getMetricData('eu-west-1', queries(500), window);
    const [call] = cw.commandCalls(GetMetricDataCommand);
    expect(call.args[0].input).toEqual({
      MetricDataQueries: queries(500),
      StartTime: window.start,
      EndTime: window.end,
      ScanBy: 'TimestampAscending',
    });
    expect(r.cost).toEqual({ getMetricDataRequests: 1, metricsRequested: 500 });
  });

  test('refuses more than 500 queries in one request', async () => {
    await expect(reader().getMetricData('eu-west-1', queries(501), window)).rejects.toThrow(/at most 500 queries per request, got 501/);
    expect(cw.commandCalls(GetMetricDataCommand)).toHaveLength(0);
  });

  test('follows NextToken with unchanged parameters, joins pages, and counts each page as billed', async () => {
    // given
    cw.on(GetMetricDataCommand)
      .resolvesOnce({ MetricDataResults: [{ Id: 'q0', Values: [1, 2], StatusCode: 'PartialData' }], NextToken: 'p1' })
      .resolvesOnce({
        MetricDataResults: [
          { Id: 'q0', Values: [3], StatusCode: 'Complete' },
          { Id: 'q1', Values: [4], StatusCode: 'Complete' },
        ],
      });
    const r = reader();
    // when
    const results = await r.getMetricData('eu-west-1', queries(2), window);
    // then
    expect(results.map((result) => [result.Id, result.Values])).toEqual([
      ['q0', [1, 2]],
      ['q0', [3]],
      ['q1', [4]],
    ]);
    const [first, second] = cw.commandCalls(GetMetricDataCommand).map((call) => call.args[0].input);
    expect(first.NextToken).toBeUndefined();
    expect(second).toEqual({ ...first, NextToken: 'p1' });
    expect(r.cost).toEqual({ getMetricDataRequests: 2, metricsRequested: 4 });
  });

  test('throttling is retried with backoff, then fails the call naming the operation', async () => {
    cw.on(GetMetricDataCommand).rejects(throttled());
    const r = reader();
    await expect(r.getMetricData('eu-west-1', queries(3), window)).rejects.toThrow(
      'GetMetricData (3 queries) in eu-west-1 still failing after 3 attempts: Throttling: Rate exceeded',
    );
    expect(cw.commandCalls(GetMetricDataCommand)).toHaveLength(3);
    expect(waits).toEqual([10, 20]);
    // A throttled request is not billed.
    expect(r.cost).toEqual({ getMetricDataRequests: 0, metricsRequested: 0 });
  });

  test('the request cap stops the run before the request over the cap is sent, pages included', async () => {
    cw.on(GetMetricDataCommand).resolvesOnce({ MetricDataResults: [], NextToken: 'p1' }).resolves({ MetricDataResults: [] });
    const r = reader(2);
    await r.getMetricData('eu-west-1', queries(1), window); // 2 pages: at the cap
    const failure = r.getMetricData('eu-west-1', queries(1), window);
    await expect(failure).rejects.toBeInstanceOf(GetMetricDataCapError);
    await expect(failure).rejects.toThrow(
      /GetMetricData request cap reached: this scan \(with result pages\) needs 3 requests but WASTE_FINDER_SETTINGS\.maxGetMetricDataRequests is 2/,
    );
    expect(cw.commandCalls(GetMetricDataCommand)).toHaveLength(2);
  });

  test('nothing to ask, nothing sent', async () => {
    expect(await reader().getMetricData('eu-west-1', [], window)).toEqual([]);
    expect(cw.commandCalls(GetMetricDataCommand)).toHaveLength(0);
  });
});
