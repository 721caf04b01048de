import { WASTE_RESOURCE_TYPES, WasteDimension, WasteMetric } from '../../lib/core/finops/metrics';
import type { ScanCost, WasteScanSummary } from './report';

/**
 * Metric shaping: the data points a scan publishes, and their batching into PutMetricData
 * requests. Pure: no SDK, no I/O.
 */

/** PutMetricData accepts at most 1,000 metrics per request... */
export const MAX_METRICS_PER_PUT = 1000;
/** ...and at most 1 MB per request; the estimate below keeps a margin under it. */
export const MAX_PUT_BYTES = 1_000_000;
// Request envelope (namespace, protocol fields) on top of the data points.
const ENVELOPE_BYTES = 1_024;

/** One data point (structurally the SDK's `MetricDatum`). */
export interface MetricDatumShape {
  readonly MetricName: string;
  readonly Dimensions?: { Name: string; Value: string }[];
  readonly Timestamp: Date;
  readonly Value: number;
  readonly Unit: 'Count' | 'None';
}

function datum(
  name: string,
  value: number,
  timestamp: Date,
  unit: MetricDatumShape['Unit'],
  dimensions?: Record<string, string>,
): MetricDatumShape {
  // PutMetricData rejects NaN and Infinity; a bug upstream must fail here, loudly, not publish a hole.
  if (!Number.isFinite(value)) throw new Error(`metric ${name} ${JSON.stringify(dimensions ?? {})} has no finite value: ${value}`);
  return {
    MetricName: name,
    ...(dimensions ? { Dimensions: Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value })) } : {}),
    Timestamp: timestamp,
    Value: value,
    Unit: unit,
  };
}

/** The scan's own cost: GetMetricData requests and metrics requested (no dimension). */
export function buildCostMetricData(cost: ScanCost, timestamp: Date): MetricDatumShape[] {
  return [
    datum(WasteMetric.GetMetricDataRequests, cost.getMetricDataRequests, timestamp, 'Count'),
    datum(WasteMetric.MetricsRequested, cost.metricsRequested, timestamp, 'Count'),
  ];
}

/**
 * Everything a scan publishes: idle resources and estimated monthly waste for every resource type
 * (explicit zeros, so a dashboard shows "0", not "no data", and an alarm on the series has data),
 * then the scan's own cost.
 */
export function buildWasteMetricData(summary: WasteScanSummary, timestamp: Date): MetricDatumShape[] {
  const perType = WASTE_RESOURCE_TYPES.flatMap((type) => {
    const dimensions = { [WasteDimension.ResourceType]: type };
    const { idle, estimatedMonthlyWasteUsd } = summary.byResourceType[type];
    return [
      datum(WasteMetric.IdleResources, idle, timestamp, 'Count', dimensions),
      datum(WasteMetric.EstimatedMonthlyWasteUsd, estimatedMonthlyWasteUsd, timestamp, 'None', dimensions),
    ];
  });
  return [...perType, ...buildCostMetricData(summary, timestamp)];
}

/** Upper estimate of a data point's size in a request. */
export function estimatedDatumBytes(data: MetricDatumShape): number {
  return Buffer.byteLength(JSON.stringify(data), 'utf8') + 64;
}

/** Splits data points into PutMetricData requests within the count and size limits. */
export function batchMetricData(
  data: readonly MetricDatumShape[],
  limits: { readonly maxMetrics: number; readonly maxBytes: number } = { maxMetrics: MAX_METRICS_PER_PUT, maxBytes: MAX_PUT_BYTES },
): MetricDatumShape[][] {
  const batches: MetricDatumShape[][] = [];
  let current: MetricDatumShape[] = [];
  let bytes = ENVELOPE_BYTES;
  for (const item of data) {
    const size = estimatedDatumBytes(item);
    if (ENVELOPE_BYTES + size > limits.maxBytes) {
      throw new Error(`metric ${item.MetricName} alone is larger than a PutMetricData request allows (${limits.maxBytes} bytes)`);
    }
    if (current.length === limits.maxMetrics || bytes + size > limits.maxBytes) {
      batches.push(current);
      current = [];
      bytes = ENVELOPE_BYTES;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
