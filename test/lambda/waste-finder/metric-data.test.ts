import { FINOPS_NAMESPACE, WASTE_FINDER_METRICS, WasteMetric } from '../../../lib/core/finops/metrics';
import {
  batchMetricData,
  buildCostMetricData,
  buildWasteMetricData,
  estimatedDatumBytes,
  MAX_METRICS_PER_PUT,
  type MetricDatumShape,
} from '../../../lambda/waste-finder/metric-data';
import { summarize, toFinding } from '../../../lambda/waste-finder/report';

const at = new Date('2026-11-24T06:00:00Z');
const window = { start: new Date('2026-11-10T00:00:00Z'), end: new Date('2026-11-24T00:00:00Z'), days: 14 };

describe('metric shaping', () => {
  test('idle count and waste for every resource type (zeros included), then the scan cost', () => {
    const summary = summarize({
      findings: [toFinding({ region: 'eu-west-1', kind: 'natGateway', id: 'nat-1' }, { finding: 'idle', reason: 'r' })],
      regions: ['eu-west-1'],
      scannedAt: at,
      window,
      cost: { getMetricDataRequests: 1, metricsRequested: 2 },
    });
    const data = buildWasteMetricData(summary, at);
    const row = (d: MetricDatumShape) => [d.MetricName, d.Dimensions?.[0]?.Value ?? '-', d.Value, d.Unit];
    expect(data.map(row)).toEqual([
      ['IdleResources', 'EC2Instance', 0, 'Count'],
      ['EstimatedMonthlyWasteUsd', 'EC2Instance', 0, 'None'],
      ['IdleResources', 'EBSVolume', 0, 'Count'],
      ['EstimatedMonthlyWasteUsd', 'EBSVolume', 0, 'None'],
      ['IdleResources', 'NATGateway', 1, 'Count'],
      ['EstimatedMonthlyWasteUsd', 'NATGateway', 32.85, 'None'],
      ['IdleResources', 'LoadBalancer', 0, 'Count'],
      ['EstimatedMonthlyWasteUsd', 'LoadBalancer', 0, 'None'],
      ['IdleResources', 'RDSInstance', 0, 'Count'],
      ['EstimatedMonthlyWasteUsd', 'RDSInstance', 0, 'None'],
      ['GetMetricDataRequests', '-', 1, 'Count'],
      ['MetricsRequested', '-', 2, 'Count'],
    ]);
    expect(data.every((d) => d.Timestamp === at)).toBe(true);
    expect(data.filter((d) => d.Dimensions).every((d) => d.Dimensions![0].Name === 'ResourceType')).toBe(true);
  });

  test('publishes exactly the metric names the shared module declares, in its namespace', () => {
    const summary = summarize({
      findings: [],
      regions: ['eu-west-1'],
      scannedAt: at,
      window,
      cost: { getMetricDataRequests: 0, metricsRequested: 0 },
    });
    expect([...new Set(buildWasteMetricData(summary, at).map((d) => d.MetricName))].sort()).toEqual([...WASTE_FINDER_METRICS].sort());
    expect(FINOPS_NAMESPACE).toBe('LandingZone/FinOps');
  });

  test('the cost of a failed scan is the two cost metrics', () => {
    expect(buildCostMetricData({ getMetricDataRequests: 3, metricsRequested: 1400 }, at).map((d) => [d.MetricName, d.Value])).toEqual([
      [WasteMetric.GetMetricDataRequests, 3],
      [WasteMetric.MetricsRequested, 1400],
    ]);
  });

  test('refuses a value PutMetricData would reject', () => {
    expect(() => buildCostMetricData({ getMetricDataRequests: NaN, metricsRequested: 0 }, at)).toThrow(
      /metric GetMetricDataRequests \{\} has no finite value: NaN/,
    );
  });
});

describe('PutMetricData batching', () => {
  const data = (count: number): MetricDatumShape[] =>
    Array.from({ length: count }, (_, i) => ({
      MetricName: 'IdleResources',
      Dimensions: [{ Name: 'ResourceType', Value: `T${i}` }],
      Timestamp: at,
      Value: i,
      Unit: 'Count',
    }));

  test.each([
    [0, []],
    [12, [12]],
    [1000, [1000]],
    [2500, [1000, 1000, 500]],
  ])('%d metrics -> requests of %j (at most 1,000 each)', (count, sizes) => {
    expect(MAX_METRICS_PER_PUT).toBe(1000);
    expect(batchMetricData(data(count)).map((b) => b.length)).toEqual(sizes);
  });

  test('also splits on the request size limit, keeping order', () => {
    const items = data(10);
    const size = estimatedDatumBytes(items[0]);
    const batches = batchMetricData(items, { maxMetrics: 1000, maxBytes: 1024 + size * 4 });
    expect(batches.map((b) => b.length)).toEqual([4, 4, 2]);
    expect(batches.flat()).toEqual(items);
  });

  test('a single metric larger than a request is an error, not an endless loop', () => {
    expect(() => batchMetricData(data(1), { maxMetrics: 1000, maxBytes: 100 })).toThrow(
      /alone is larger than a PutMetricData request allows \(100 bytes\)/,
    );
  });
});
