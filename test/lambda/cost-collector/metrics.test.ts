import type { CostSummary } from '../../../lambda/cost-collector/aggregate';
import { evaluateBudget } from '../../../lambda/cost-collector/budgets';
import {
  batchMetrics,
  budgetMetrics,
  collectionSucceededMetric,
  dailyCostMetrics,
  estimatePointBytes,
  isWithinMetricWindow,
  metricValue,
  PUT_METRIC_DATA_LIMITS,
  requestCountMetric,
  type MetricPoint,
} from '../../../lambda/cost-collector/metrics';
import { datesInRange } from '../../../lib/core/finops/windows';
import { CostMetric, FINOPS_NAMESPACE } from '../../../lib/core/finops/metrics';
import { settingsWith } from './helpers';

describe('metricValue', () => {
  test.each([
    [12.3456789, 12.345679],
    [1.2e-10, 0],
    [-1.2e-10, 0],
    [-3.5, -3.5],
    [0, 0],
    [1e15, 1e15],
    [NaN, undefined],
    [Infinity, undefined],
    [-Infinity, undefined],
  ])('%d -> %s', (value, expected) => {
    expect(metricValue(value)).toBe(expected);
    if (expected === 0) expect(Object.is(metricValue(value), -0)).toBe(false);
  });
});

describe('isWithinMetricWindow (CloudWatch: 2 weeks back, 2 hours ahead)', () => {
  const now = new Date('2026-03-15T06:00:00Z');
  test.each([
    ['2026-03-15T00:00:00Z', true],
    ['2026-03-02T00:00:00Z', true], // 13 days 6 hours old
    ['2026-03-01T06:00:00Z', false], // exactly 14 days: too close to the limit
    ['2026-03-01T00:00:00Z', false],
    ['2026-03-15T07:59:00Z', true],
    ['2026-03-15T08:01:00Z', false],
  ])('%s: %s', (timestamp, expected) => {
    expect(isWithinMetricWindow(new Date(timestamp), now)).toBe(expected);
  });
});

describe('dailyCostMetrics', () => {
  const dates = datesInRange('2026-02-01', '2026-03-16');
  const summary: CostSummary = {
    dates,
    dailyTotalUsd: dates.map((_, i) => i + 0.5),
    services: [
      { service: 'EC2', dailyUsd: dates.map(() => 1) },
      { service: 'Other', dailyUsd: dates.map((_, i) => (i === dates.length - 1 ? NaN : 2)) },
    ],
    budgets: [],
  };
  const now = new Date('2026-03-15T06:00:00Z');
  const points = dailyCostMetrics(summary, now);

  test('only the days CloudWatch accepts (the last 14), stamped at 00:00 UTC of the cost day', () => {
    const totals = points.filter((p) => p.MetricName === CostMetric.TotalDailyCost);
    expect(totals.map((p) => p.Timestamp.toISOString().slice(0, 10))).toEqual(datesInRange('2026-03-02', '2026-03-16'));
    expect(totals.every((p) => p.Timestamp.toISOString().endsWith('T00:00:00.000Z'))).toBe(true);
    expect(totals[0]).toEqual({ MetricName: 'TotalDailyCost', Timestamp: new Date('2026-03-02T00:00:00Z'), Value: 29.5, Unit: 'None' });
  });

  test('one ServiceDailyCost per service and day, with the Service dimension; NaN dropped', () => {
    const services = points.filter((p) => p.MetricName === CostMetric.ServiceDailyCost);
    expect(services.filter((p) => p.Dimensions![0].Value === 'EC2')).toHaveLength(14);
    expect(services.filter((p) => p.Dimensions![0].Value === 'Other')).toHaveLength(13);
    expect(services[0].Dimensions).toEqual([{ Name: 'Service', Value: 'EC2' }]);
    expect(points.every((p) => Number.isFinite(p.Value))).toBe(true);
  });
});

describe('budgetMetrics', () => {
  const now = new Date('2026-03-15T06:00:00Z');
  const budgets = settingsWith({
    budgets: [
      { name: 'all', monthlyLimitUsd: 200 },
      { name: 'new', monthlyLimitUsd: 50 },
    ],
  }).finops.budgets;

  test('month-to-date, forecast and both percentages at the run time, per budget', () => {
    const points = budgetMetrics([evaluateBudget(budgets[0], 50, 300)], now);
    expect(points).toEqual([
      { MetricName: 'MonthToDateCost', Dimensions: [{ Name: 'Budget', Value: 'all' }], Timestamp: now, Value: 50, Unit: 'None' },
      { MetricName: 'BudgetUsedPercent', Dimensions: [{ Name: 'Budget', Value: 'all' }], Timestamp: now, Value: 25, Unit: 'Percent' },
      { MetricName: 'ForecastMonthEndCost', Dimensions: [{ Name: 'Budget', Value: 'all' }], Timestamp: now, Value: 300, Unit: 'None' },
      {
        MetricName: 'BudgetForecastUsedPercent',
        Dimensions: [{ Name: 'Budget', Value: 'all' }],
        Timestamp: now,
        Value: 150,
        Unit: 'Percent',
      },
    ]);
  });

  test('an empty bill: explicit zeros per budget, no forecast series without a forecast', () => {
    const points = budgetMetrics(
      budgets.map((b) => evaluateBudget(b, 0, undefined)),
      now,
    );
    expect(points.map((p) => [p.MetricName, p.Dimensions![0].Value, p.Value])).toEqual([
      ['MonthToDateCost', 'all', 0],
      ['BudgetUsedPercent', 'all', 0],
      ['MonthToDateCost', 'new', 0],
      ['BudgetUsedPercent', 'new', 0],
    ]);
  });
});

test('run metrics', () => {
  const now = new Date('2026-03-15T06:00:00Z');
  expect(requestCountMetric(7, now)).toEqual({ MetricName: 'CostExplorerRequests', Timestamp: now, Value: 7, Unit: 'Count' });
  expect(collectionSucceededMetric(now)).toEqual({ MetricName: 'CollectionSucceeded', Timestamp: now, Value: 1, Unit: 'Count' });
});

describe('batchMetrics', () => {
  const now = new Date('2026-03-15T06:00:00Z');
  const many = (count: number, service = 'Amazon Elastic Compute Cloud - Compute'): MetricPoint[] =>
    Array.from({ length: count }, (_, i) => ({
      MetricName: 'ServiceDailyCost',
      Dimensions: [{ Name: 'Service', Value: `${service} ${i}` }],
      Timestamp: now,
      Value: i,
      Unit: 'None' as const,
    }));

  test.each([
    [0, []],
    [1, [1]],
    [1000, [1000]],
    [1001, [1000, 1]],
    [2345, [1000, 1000, 345]],
  ])('%i metrics -> batches of %j', (count, sizes) => {
    const batches = batchMetrics(many(count));
    expect(batches.map((b) => b.length)).toEqual(sizes);
    expect(batches.flat()).toEqual(many(count));
  });

  test('splits by size before count when dimension values are long (1 MB per request)', () => {
    const points = many(1000, 'x'.repeat(1000));
    const batches = batchMetrics(points);
    expect(batches.length).toBeGreaterThan(1);
    for (const batch of batches) {
      const json = JSON.stringify({ Namespace: FINOPS_NAMESPACE, MetricData: batch });
      expect(Buffer.byteLength(json)).toBeLessThan(1_000_000);
      expect(batch.reduce((sum, p) => sum + estimatePointBytes(p), 0)).toBeLessThanOrEqual(PUT_METRIC_DATA_LIMITS.maxBytes);
    }
    expect(batches.flat()).toHaveLength(1000);
  });

  test('the size estimate bounds the JSON the SDK sends', () => {
    for (const point of many(10)) expect(estimatePointBytes(point)).toBeGreaterThan(Buffer.byteLength(JSON.stringify(point)));
  });
});
