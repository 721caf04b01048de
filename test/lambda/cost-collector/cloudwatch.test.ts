import {
  CloudWatchClient,
  GetMetricDataCommand,
  InternalServiceFault,
  InvalidParameterValueException,
  PutMetricDataCommand,
} from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { createCloudWatchClient, getWasteMetricData, MetricPublisher, MetricsLostError } from '../../../lambda/cost-collector/cloudwatch';
import { buildWasteRequest } from '../../../lambda/cost-collector/waste';
import { batchMetrics, type MetricPoint } from '../../../lambda/cost-collector/metrics';
import { FINOPS_NAMESPACE } from '../../../lib/core/finops/metrics';

const cwMock = mockClient(CloudWatchClient);
const now = new Date('2026-03-15T06:00:00Z');
const points = (count: number): MetricPoint[] =>
  Array.from({ length: count }, (_, i) => ({
    MetricName: 'ServiceDailyCost',
    Dimensions: [{ Name: 'Service', Value: `S${i}` }],
    Timestamp: now,
    Value: i,
    Unit: 'None' as const,
  }));
const fault = () => new InternalServiceFault({ message: 'Internal error', $metadata: { httpStatusCode: 500 } });
let sleeps: number[];
const publisher = () =>
  new MetricPublisher(new CloudWatchClient({}), {
    retry: {
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0,
    },
  });

beforeEach(() => {
  cwMock.reset();
  sleeps = [];
});

test('the client leaves retries to the publisher', async () => {
  expect(await createCloudWatchClient().config.maxAttempts()).toBe(1);
});

test('more than 1,000 metrics go out in batches of at most 1,000, in the FinOps namespace, nothing lost', async () => {
  cwMock.on(PutMetricDataCommand).resolves({});
  const report = await publisher().publish(batchMetrics(points(2345)));
  const calls = cwMock.commandCalls(PutMetricDataCommand).map((call) => call.args[0].input);
  expect(calls.map((input) => input.MetricData!.length)).toEqual([1000, 1000, 345]);
  expect(calls.every((input) => input.Namespace === FINOPS_NAMESPACE)).toBe(true);
  expect(calls.flatMap((input) => input.MetricData!.map((d) => d.Dimensions![0].Value))).toEqual(
    points(2345).map((p) => p.Dimensions![0].Value),
  );
  expect(report).toEqual({ calls: 3, published: 2345, lost: 0, failures: [] });
});

test('a batch that fails is retried and then goes through (partial failure)', async () => {
  cwMock.on(PutMetricDataCommand).resolvesOnce({}).rejectsOnce(fault()).rejectsOnce(fault()).resolves({});
  const report = await publisher().publish(batchMetrics(points(2500)));
  expect(report).toEqual({ calls: 5, published: 2500, lost: 0, failures: [] });
  expect(sleeps).toEqual([250, 500]);
});

test('a batch that keeps failing is lost, the others still go out, and the report says which', async () => {
  // given: the second batch fails on every attempt
  let call = 0;
  cwMock.on(PutMetricDataCommand).callsFake((input) => {
    call++;
    if (input.MetricData[0].Dimensions[0].Value === 'S1000') throw fault();
    return {};
  });

  // when
  const report = await publisher().publish(batchMetrics(points(2500)));

  // then
  expect(report.published).toBe(1500);
  expect(report.lost).toBe(1000);
  expect(report.calls).toBe(1 + 5 + 1);
  expect(call).toBe(7);
  expect(report.failures).toEqual([
    'PutMetricData batch 2/3 (1000 metrics): RetriesExhaustedError: PutMetricData batch 2/3 (1000 metrics) still failing after 5 attempts: InternalServiceFault: Internal error',
  ]);
  expect(new MetricsLostError(report.lost, 2500, report.failures).message).toMatch(
    /^1000 of 2500 metrics were not published to CloudWatch \(LandingZone\/FinOps\) after retries: PutMetricData batch 2\/3/,
  );
});

test('an invalid request is not retried', async () => {
  cwMock.on(PutMetricDataCommand).rejects(new InvalidParameterValueException({ message: 'bad value', $metadata: { httpStatusCode: 400 } }));
  const report = await publisher().publish([points(3)]);
  expect(report).toMatchObject({ calls: 1, published: 0, lost: 3 });
  expect(sleeps).toEqual([]);
});

describe('getWasteMetricData', () => {
  const request = buildWasteRequest(now);
  const retry = {
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
    random: () => 0,
  };

  test('sends the request as built, once, and returns its results', async () => {
    const results = [{ Id: request.MetricDataQueries[0].Id, Timestamps: [now], Values: [2], StatusCode: 'Complete' as const }];
    cwMock.on(GetMetricDataCommand).resolves({ MetricDataResults: results });
    expect(await getWasteMetricData(new CloudWatchClient({}), request, { retry })).toEqual(results);
    expect(cwMock.commandCalls(GetMetricDataCommand).map((call) => call.args[0].input)).toEqual([request]);
  });

  test('a transient fault is retried; one that persists is an error naming the request', async () => {
    // given
    cwMock.on(GetMetricDataCommand).rejectsOnce(fault()).resolves({});
    const retried: string[] = [];

    // when / then
    expect(await getWasteMetricData(new CloudWatchClient({}), request, { retry, onRetry: (what) => retried.push(what) })).toEqual([]);
    expect(retried).toEqual(['GetMetricData waste figures (10 queries)']);
    cwMock.reset();
    cwMock.on(GetMetricDataCommand).rejects(fault());
    await expect(getWasteMetricData(new CloudWatchClient({}), request, { retry })).rejects.toThrow(
      /^GetMetricData waste figures \(10 queries\) still failing after 5 attempts: InternalServiceFault/,
    );
  });
});
