import type { DiscoveredResource } from './discovery';
import { RULES_BY_KIND, type DailyStatistic, type ResourceSeries } from './rules';

/**
 * GetMetricData planning: the time window, one query per series of each resource, batches of at
 * most 500 queries, and the way answers are mapped back to resources. Pure: no SDK, no I/O.
 */

/** GetMetricData accepts at most 500 queries per request. */
export const MAX_QUERIES_PER_REQUEST = 500;

/** One data point per day. */
export const DAY_SECONDS = 86_400;

const DAY_MS = DAY_SECONDS * 1000;

/** The window a scan reads: whole UTC days, today (still incomplete) excluded. */
export interface MetricWindow {
  /** Inclusive, 00:00 UTC. */
  readonly start: Date;
  /** Exclusive, 00:00 UTC today. */
  readonly end: Date;
  readonly days: number;
}

/** The last `days` whole UTC days before `now`. Aligned on days so each period is one calendar day. */
export function metricWindow(now: Date, days: number): MetricWindow {
  const end = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  return { start: new Date(end.getTime() - days * DAY_MS), end, days };
}

/** One query of a scan: one daily series of one resource. */
export interface PlannedQuery {
  /** GetMetricData query id: unique within a scan, starts with a lowercase letter as the API requires. */
  readonly id: string;
  /** Index of the resource in the list the queries were built from. */
  readonly resourceIndex: number;
  /** Series key inside the resource's rule. */
  readonly key: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: readonly { readonly Name: string; readonly Value: string }[];
  readonly stat: DailyStatistic;
}

/** A GetMetricData `MetricDataQuery` (structurally the SDK's type). */
export interface MetricDataQueryShape {
  readonly Id: string;
  readonly MetricStat: {
    readonly Metric: { readonly Namespace: string; readonly MetricName: string; readonly Dimensions: { Name: string; Value: string }[] };
    readonly Period: number;
    readonly Stat: string;
  };
  readonly ReturnData: boolean;
}

/** The part of a GetMetricData `MetricDataResult` the scan reads (structurally the SDK's type). */
export interface MetricResultShape {
  readonly Id?: string;
  readonly Values?: readonly number[];
  readonly StatusCode?: string;
}

/** One query per series of each resource, in resource order. */
export function buildQueries(resources: readonly DiscoveredResource[]): PlannedQuery[] {
  const queries: PlannedQuery[] = [];
  resources.forEach((resource, resourceIndex) => {
    const rule = RULES_BY_KIND[resource.kind];
    for (const metric of rule.metrics) {
      queries.push({
        id: `q${queries.length}`,
        resourceIndex,
        key: metric.key,
        namespace: rule.namespace,
        metricName: metric.metricName,
        dimensions: [{ Name: rule.dimensionName, Value: resource.id }],
        stat: metric.stat,
      });
    }
  });
  return queries;
}

/** Splits a list into consecutive batches of at most `size` items. */
export function batch<T>(items: readonly T[], size: number = MAX_QUERIES_PER_REQUEST): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`batch size must be a whole number of at least 1, got ${size}`);
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}

/** The GetMetricData queries of one batch: daily periods, one statistic each. */
export function toMetricDataQueries(queries: readonly PlannedQuery[]): MetricDataQueryShape[] {
  return queries.map((query) => ({
    Id: query.id,
    MetricStat: {
      Metric: {
        Namespace: query.namespace,
        MetricName: query.metricName,
        Dimensions: query.dimensions.map((dimension) => ({ ...dimension })),
      },
      Period: DAY_SECONDS,
      Stat: query.stat,
    },
    ReturnData: true,
  }));
}

/**
 * The daily series of every resource, from the answers to all of a region's queries. A query with
 * no answer, or whose answer CloudWatch marks `Forbidden` or `InternalError`, yields no values,
 * which the rules read as missing data (never as idle).
 */
export function seriesByResource(
  resourceCount: number,
  queries: readonly PlannedQuery[],
  results: readonly MetricResultShape[],
): ResourceSeries[] {
  const valuesById = new Map<string, number[]>();
  for (const result of results) {
    if (!result.Id || result.StatusCode === 'Forbidden' || result.StatusCode === 'InternalError') continue;
    const values = valuesById.get(result.Id) ?? [];
    values.push(...(result.Values ?? []).filter(Number.isFinite));
    valuesById.set(result.Id, values);
  }
  const series: Record<string, number[]>[] = Array.from({ length: resourceCount }, () => ({}));
  for (const query of queries) {
    series[query.resourceIndex][query.key] = valuesById.get(query.id) ?? [];
  }
  return series;
}
