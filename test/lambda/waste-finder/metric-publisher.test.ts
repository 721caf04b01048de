import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { FINOPS_NAMESPACE } from '../../../lib/core/finops/metrics';
import { batchMetricData, type MetricDatumShape } from '../../../lambda/waste-finder/metric-data';
import { MetricPublisher } from '../../../lambda/waste-finder/metric-publisher';

const cw = mockClient(CloudWatchClient);
const at = new Date('2026-11-24T06:00:00Z');
const data = (count: number): MetricDatumShape[] =>
  Array.from({ length: count }, (_, i) => ({
    MetricName: 'IdleResources',
    Dimensions: [{ Name: 'ResourceType', Value: `T${i}` }],
    Timestamp: at,
    Value: i,
    Unit: 'Count',
  }));
const waits: number[] = [];
const publisher = () =>
  new MetricPublisher({
    client: new CloudWatchClient({ region: 'eu-west-1' }),
    namespace: FINOPS_NAMESPACE,
    retry: {
      maxAttempts: 3,
      baseDelayMs: 10,
      maxDelayMs: 100,
      sleep: async (ms) => {
        waits.push(ms);
      },
      random: () => 1,
    },
    logger: { debug: jest.fn(), info: jest.fn(), warn: jest.fn() },
  });

beforeEach(() => {
  cw.reset();
  waits.length = 0;
});

describe('MetricPublisher', () => {
  test('one PutMetricData request per batch, in the FinOps namespace, in order', async () => {
    cw.on(PutMetricDataCommand).resolves({});
    await publisher().publish(batchMetricData(data(2500)));
    const calls = cw.commandCalls(PutMetricDataCommand).map((call) => call.args[0].input);
    expect(calls.map((input) => input.MetricData!.length)).toEqual([1000, 1000, 500]);
    expect(calls.every((input) => input.Namespace === 'LandingZone/FinOps')).toBe(true);
    expect(calls.flatMap((input) => input.MetricData!.map((d) => d.Value))).toEqual(data(2500).map((d) => d.Value));
  });

  test('retries a throttled batch, then fails naming the batch', async () => {
    cw.on(PutMetricDataCommand)
      .resolvesOnce({})
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(publisher().publish(batchMetricData(data(1500)))).rejects.toThrow(
      'PutMetricData 2/2 (500 metrics) still failing after 3 attempts: ThrottlingException: Rate exceeded',
    );
    expect(cw.commandCalls(PutMetricDataCommand)).toHaveLength(4);
    expect(waits).toEqual([10, 20]);
  });
});
