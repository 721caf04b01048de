import { CostMetric, FinopsDimension } from '../../lib/core/finops/metrics';
import type { CostSummary } from './aggregate';
import type { BudgetStatus } from './budgets';
import { utcMidnight } from '../../lib/core/finops/windows';

/**
 * Metric shaping and batching for PutMetricData. Pure: {@link MetricPoint} is structurally the
 * SDK's `MetricDatum`, without importing it.
 *
 * Daily costs are stamped with their cost day at 00:00 UTC (Cost Explorer days are UTC days) and
 * published only for days CloudWatch still accepts (two weeks back); month-to-date, forecast and
 * percent values are stamped with the run time. Every value is rounded to a millionth: Cost
 * Explorer returns amounts like 1.2e-10 that CloudWatch rejects (it accepts magnitudes from
 * about 8.5e-109 only), and NaN or Infinity are dropped, never sent.
 */

/** One datapoint, shaped like the SDK's `MetricDatum`. */
export interface MetricPoint {
  readonly MetricName: string;
  readonly Dimensions?: readonly { readonly Name: string; readonly Value: string }[];
  readonly Timestamp: Date;
  readonly Value: number;
  /** CloudWatch has no currency unit: costs are `None` (USD, said by the metric's docs). */
  readonly Unit: 'None' | 'Percent' | 'Count';
}

/** CloudWatch PutMetricData limits. */
export const PUT_METRIC_DATA_LIMITS = {
  /** Metrics per request. */
  maxMetrics: 1000,
  /** Request size: 1 MB, minus headroom for the envelope and our size estimate's error. */
  maxBytes: 900_000,
} as const;

const DAY_MS = 86_400_000;
/** How far back CloudWatch accepts a timestamp. */
const MAX_AGE_MS = 14 * DAY_MS;
/** Margin under the 14 days, for clock skew and the time the run takes before it publishes. */
const AGE_MARGIN_MS = 60 * 60 * 1000;
/** How far ahead CloudWatch accepts a timestamp. */
const MAX_FUTURE_MS = 2 * 60 * 60 * 1000;

/** A value CloudWatch accepts, rounded to a millionth; undefined for NaN and Infinity. */
export function metricValue(value: number): number | undefined {
  if (!Number.isFinite(value)) return undefined;
  const rounded = Math.round(value * 1e6) / 1e6;
  return rounded === 0 ? 0 : rounded;
}

/** Whether CloudWatch accepts a datapoint stamped `timestamp` at `now` (with a safety margin). */
export function isWithinMetricWindow(timestamp: Date, now: Date): boolean {
  const age = now.getTime() - timestamp.getTime();
  return age <= MAX_AGE_MS - AGE_MARGIN_MS && age >= -MAX_FUTURE_MS;
}

function point(
  MetricName: string,
  Value: number,
  Timestamp: Date,
  Unit: MetricPoint['Unit'],
  dimension?: { Name: string; Value: string },
): MetricPoint | undefined {
  const value = metricValue(Value);
  if (value === undefined) return undefined;
  return dimension ? { MetricName, Dimensions: [dimension], Timestamp, Value: value, Unit } : { MetricName, Timestamp, Value: value, Unit };
}

const defined = <T>(items: (T | undefined)[]): T[] => items.filter((item): item is T => item !== undefined);

/** TotalDailyCost and ServiceDailyCost for the days of the summary CloudWatch still accepts. */
export function dailyCostMetrics(summary: CostSummary, now: Date): MetricPoint[] {
  const points: (MetricPoint | undefined)[] = [];
  summary.dates.forEach((date, index) => {
    const timestamp = utcMidnight(date);
    if (!isWithinMetricWindow(timestamp, now)) return;
    points.push(point(CostMetric.TotalDailyCost, summary.dailyTotalUsd[index], timestamp, 'None'));
    for (const series of summary.services) {
      points.push(
        point(CostMetric.ServiceDailyCost, series.dailyUsd[index], timestamp, 'None', {
          Name: FinopsDimension.Service,
          Value: series.service,
        }),
      );
    }
  });
  return defined(points);
}

/**
 * MonthToDateCost and BudgetUsedPercent for every budget (explicit zeros on an empty bill), and
 * ForecastMonthEndCost and BudgetForecastUsedPercent for budgets that have a forecast.
 */
export function budgetMetrics(statuses: readonly BudgetStatus[], now: Date): MetricPoint[] {
  const points: (MetricPoint | undefined)[] = [];
  for (const status of statuses) {
    const dimension = { Name: FinopsDimension.Budget, Value: status.budget.name };
    points.push(point(CostMetric.MonthToDateCost, status.monthToDateUsd, now, 'None', dimension));
    points.push(point(CostMetric.BudgetUsedPercent, status.usedPercent, now, 'Percent', dimension));
    if (status.forecastMonthEndUsd !== undefined && status.forecastUsedPercent !== undefined) {
      points.push(point(CostMetric.ForecastMonthEndCost, status.forecastMonthEndUsd, now, 'None', dimension));
      points.push(point(CostMetric.BudgetForecastUsedPercent, status.forecastUsedPercent, now, 'Percent', dimension));
    }
  }
  return defined(points);
}

/** CostExplorerRequests: the requests this run made (USD 0.01 each). */
export function requestCountMetric(requests: number, now: Date): MetricPoint {
  return { MetricName: CostMetric.CostExplorerRequests, Timestamp: now, Value: requests, Unit: 'Count' };
}

/** CollectionSucceeded: 1, published only once every other metric of the run is in. */
export function collectionSucceededMetric(now: Date): MetricPoint {
  return { MetricName: CostMetric.CollectionSucceeded, Timestamp: now, Value: 1, Unit: 'Count' };
}

const encoder = new TextEncoder();

/**
 * Upper bound of a datapoint's size in a PutMetricData request. The SDK sends JSON (awsJson1_0);
 * the estimate doubles the JSON length so that it also holds for the older query encoding,
 * whose parameter names are long and whose values are URL-encoded.
 */
export function estimatePointBytes(metric: MetricPoint): number {
  return 2 * encoder.encode(JSON.stringify({ ...metric, Timestamp: metric.Timestamp.getTime() / 1000 })).length + 64;
}

/** Splits datapoints into PutMetricData requests: at most 1,000 and under 1 MB each, in order. */
export function batchMetrics(
  points: readonly MetricPoint[],
  limits: { maxMetrics: number; maxBytes: number } = PUT_METRIC_DATA_LIMITS,
): MetricPoint[][] {
  const batches: MetricPoint[][] = [];
  let current: MetricPoint[] = [];
  let bytes = 0;
  for (const metric of points) {
    const size = estimatePointBytes(metric);
    if (current.length > 0 && (current.length >= limits.maxMetrics || bytes + size > limits.maxBytes)) {
      batches.push(current);
      current = [];
      bytes = 0;
    }
    current.push(metric);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
