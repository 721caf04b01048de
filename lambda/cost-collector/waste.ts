import {
  FINOPS_NAMESPACE,
  FINOPS_STATISTIC,
  type MetricDataResultShape,
  WASTE_RESOURCE_TYPES,
  WasteDimension,
  WasteMetric,
  type WasteResourceType,
} from '../../lib/core/finops/metrics';

/**
 * The waste figures quoted in the budget digest: the latest idle-resource counts and estimated
 * monthly waste the waste finder published, read with one GetMetricData request. Pure: the
 * request is built here and the answer summarised here; the SDK call is in cloudwatch.ts.
 *
 * The waste finder publishes both metrics once a day per resource type (explicit zeros
 * included), stamped with its scan time, in this account and home region. The request reads one
 * value per day over the last two days, so that a scan that ran late or failed once still leaves
 * a figure; the newest value wins.
 */

/** Days read back: the daily scan plus a day of slack for a late or failed scan. */
export const WASTE_LOOKBACK_DAYS = 2;

const DAY_SECONDS = 86_400;
const MINUTE_MS = 60_000;

/** A GetMetricData `MetricDataQuery` (structurally the SDK's type). */
export interface WasteQueryShape {
  readonly Id: string;
  readonly MetricStat: {
    readonly Metric: { readonly Namespace: string; readonly MetricName: string; readonly Dimensions: { Name: string; Value: string }[] };
    readonly Period: number;
    readonly Stat: string;
  };
  readonly ReturnData: boolean;
}

/** The GetMetricData request for the waste figures (structurally the SDK's input). */
export interface WasteRequest {
  readonly MetricDataQueries: WasteQueryShape[];
  /** Inclusive. */
  readonly StartTime: Date;
  /** Exclusive. */
  readonly EndTime: Date;
  readonly ScanBy: 'TimestampDescending';
}

/** The part of a GetMetricData `MetricDataResult` the summary reads. */
export type WasteResultShape = MetricDataResultShape;

/** The latest waste figures of one resource type. */
export interface ResourceTypeWaste {
  readonly resourceType: WasteResourceType;
  /** Idle or oversized resources of this type (0 when the type has no data). */
  readonly idleResources: number;
  /** Their estimated waste, USD per month (0 when the type has no data). */
  readonly estimatedMonthlyWasteUsd: number;
}

/** The latest waste figures, as the digest quotes them. */
export interface WasteSummary {
  /** Every resource type, in the order of {@link WASTE_RESOURCE_TYPES}. */
  readonly byResourceType: readonly ResourceTypeWaste[];
  readonly totalIdleResources: number;
  readonly totalEstimatedMonthlyWasteUsd: number;
  /**
   * Resource types without a value in the window for one of the two metrics: the waste finder
   * is off, has not run for two days, or does not publish that type (counted as 0).
   */
  readonly typesWithoutData: readonly WasteResourceType[];
  /** The newest timestamp among the values read; undefined when nothing was read. */
  readonly asOf?: Date;
}

/** A query answer CloudWatch could not complete: the figures would be wrong, not just missing. */
export class WasteFiguresIncompleteError extends Error {
  constructor(readonly failed: readonly string[]) {
    super(`GetMetricData could not answer ${failed.length} waste ${failed.length === 1 ? 'query' : 'queries'}: ${failed.join(', ')}`);
    this.name = 'WasteFiguresIncompleteError';
  }
}

/** Query ids: `idle_ec2instance`, `usd_ec2instance`... (ids must start with a lowercase letter). */
const idleQueryId = (type: WasteResourceType) => `idle_${type.toLowerCase()}`;
const usdQueryId = (type: WasteResourceType) => `usd_${type.toLowerCase()}`;

function query(id: string, metricName: string, type: WasteResourceType): WasteQueryShape {
  return {
    Id: id,
    MetricStat: {
      Metric: { Namespace: FINOPS_NAMESPACE, MetricName: metricName, Dimensions: [{ Name: WasteDimension.ResourceType, Value: type }] },
      Period: DAY_SECONDS,
      // Maximum, as every reader of the FinOps series (a second scan on one day is a second sample).
      Stat: FINOPS_STATISTIC,
    },
    ReturnData: true,
  };
}

/**
 * The one GetMetricData request for the waste figures: two queries per resource type, daily
 * periods over the last {@link WASTE_LOOKBACK_DAYS} days up to `now`, newest first.
 */
export function buildWasteRequest(now: Date): WasteRequest {
  // Whole minutes (CloudWatch rounds the start down to the minute anyway), the end rounded up so
  // that a scan stamped earlier in the current minute is inside the exclusive end.
  const end = new Date(Math.ceil(now.getTime() / MINUTE_MS) * MINUTE_MS);
  return {
    MetricDataQueries: WASTE_RESOURCE_TYPES.flatMap((type) => [
      query(idleQueryId(type), WasteMetric.IdleResources, type),
      query(usdQueryId(type), WasteMetric.EstimatedMonthlyWasteUsd, type),
    ]),
    StartTime: new Date(end.getTime() - WASTE_LOOKBACK_DAYS * DAY_SECONDS * 1000),
    EndTime: end,
    ScanBy: 'TimestampDescending',
  };
}

/** The newest valid value of one query's answers, with its timestamp. */
function newest(results: readonly WasteResultShape[]): { value: number; at?: Date } | undefined {
  let best: { value: number; at?: Date } | undefined;
  for (const result of results) {
    (result.Values ?? []).forEach((value, index) => {
      // A count or an amount below zero, NaN or Infinity is not a figure to quote.
      if (!Number.isFinite(value) || value < 0) return;
      const at = result.Timestamps?.[index];
      // Without timestamps, the first value is the newest (the request scans newest first).
      if (best === undefined || (at !== undefined && best.at !== undefined && at.getTime() > best.at.getTime())) best = { value, at };
    });
  }
  return best;
}

const cents = (usd: number) => Math.round(usd * 100);

/**
 * The latest figure of each resource type and the totals. A type with no value in the window
 * counts as 0 and is listed in `typesWithoutData`. Throws {@link WasteFiguresIncompleteError}
 * when CloudWatch answers a query with `Forbidden` or `InternalError`: a total that silently
 * leaves out a type would understate the savings.
 */
export function summarizeWaste(results: readonly WasteResultShape[]): WasteSummary {
  const failed = results
    .filter((r) => r.StatusCode === 'Forbidden' || r.StatusCode === 'InternalError')
    .map((r) => `${r.Id ?? '(no id)'} ${r.StatusCode}`);
  if (failed.length > 0) throw new WasteFiguresIncompleteError(failed);
  const byId = new Map<string, WasteResultShape[]>();
  for (const result of results) {
    if (result.Id === undefined) continue;
    byId.set(result.Id, [...(byId.get(result.Id) ?? []), result]);
  }
  let asOf: Date | undefined;
  const typesWithoutData: WasteResourceType[] = [];
  const byResourceType = WASTE_RESOURCE_TYPES.map((resourceType): ResourceTypeWaste => {
    const idle = newest(byId.get(idleQueryId(resourceType)) ?? []);
    const usd = newest(byId.get(usdQueryId(resourceType)) ?? []);
    if (idle === undefined || usd === undefined) typesWithoutData.push(resourceType);
    for (const at of [idle?.at, usd?.at]) if (at !== undefined && (asOf === undefined || at > asOf)) asOf = at;
    return {
      resourceType,
      idleResources: Math.round(idle?.value ?? 0),
      estimatedMonthlyWasteUsd: cents(usd?.value ?? 0) / 100,
    };
  });
  return {
    byResourceType,
    totalIdleResources: byResourceType.reduce((sum, type) => sum + type.idleResources, 0),
    // Summed in cents: 0.1 + 0.2 must read 0.3.
    totalEstimatedMonthlyWasteUsd: byResourceType.reduce((sum, type) => sum + cents(type.estimatedMonthlyWasteUsd), 0) / 100,
    typesWithoutData,
    ...(asOf === undefined ? {} : { asOf }),
  };
}
