import { WASTE_RESOURCE_TYPES, type WasteResourceType } from '../../lib/core/finops/metrics';
import type { DiscoveredResource } from './discovery';
import { estimateMonthlyWasteUsd, roundUsd, scanCostUsd } from './prices';
import { RULES_BY_KIND, type Finding, type ResourceKind, type Verdict } from './rules';

/**
 * The scan's summary: what the handler returns and logs, what the metrics are shaped from, and
 * what the FinOps digest can quote. Pure: no SDK, no I/O.
 */

/** How many idle resources the summary lists by name. */
export const TOP_IDLE_RESOURCES = 10;

/** One judged resource. */
export interface ResourceFinding extends DiscoveredResource, Verdict {
  readonly estimatedMonthlyWasteUsd: number;
}

/** One idle or oversized resource, as the digest lists it. */
export interface IdleResource {
  readonly region: string;
  readonly resourceType: WasteResourceType;
  /** Which rule found it (`applicationLoadBalancer` and `networkLoadBalancer` share a resource type). */
  readonly kind: ResourceKind;
  readonly id: string;
  readonly finding: Extract<Finding, 'idle' | 'oversized'>;
  readonly reason: string;
  readonly estimatedMonthlyWasteUsd: number;
}

/** Counts and waste of one resource type. */
export interface ResourceTypeSummary {
  /** Resources discovered (existing in the past three hours). */
  readonly scanned: number;
  /** Idle or oversized resources. */
  readonly idle: number;
  /** Resources too new (or stopped too long) to judge. */
  readonly insufficientData: number;
  readonly estimatedMonthlyWasteUsd: number;
}

/** The scan's own cost. */
export interface ScanCost {
  readonly getMetricDataRequests: number;
  readonly metricsRequested: number;
}

/** The result of a scan. */
export interface WasteScanSummary {
  /** When the scan ran (ISO 8601). */
  readonly scannedAt: string;
  /** The days read: [start, end), ISO 8601. */
  readonly window: { readonly start: string; readonly end: string; readonly days: number };
  readonly regions: readonly string[];
  /** Every resource type, zeros included. */
  readonly byResourceType: Readonly<Record<WasteResourceType, ResourceTypeSummary>>;
  readonly totalIdle: number;
  readonly totalEstimatedMonthlyWasteUsd: number;
  /** The most expensive idle resources, at most {@link TOP_IDLE_RESOURCES}. */
  readonly topIdle: readonly IdleResource[];
  readonly getMetricDataRequests: number;
  readonly metricsRequested: number;
  /** What the scan's GetMetricData requests cost, USD. */
  readonly scanCostUsd: number;
}

/** Attaches the estimated waste to a verdict. */
export function toFinding(resource: DiscoveredResource, verdict: Verdict): ResourceFinding {
  return { ...resource, ...verdict, estimatedMonthlyWasteUsd: estimateMonthlyWasteUsd(resource.kind, verdict.finding) };
}

const isWaste = (finding: Finding): finding is 'idle' | 'oversized' => finding === 'idle' || finding === 'oversized';

/** Summarises a scan's findings. */
export function summarize(input: {
  readonly findings: readonly ResourceFinding[];
  readonly regions: readonly string[];
  readonly scannedAt: Date;
  readonly window: { readonly start: Date; readonly end: Date; readonly days: number };
  readonly cost: ScanCost;
}): WasteScanSummary {
  const totals = Object.fromEntries(
    WASTE_RESOURCE_TYPES.map((type) => [type, { scanned: 0, idle: 0, insufficientData: 0, wasteCents: 0 }]),
  ) as Record<WasteResourceType, { scanned: number; idle: number; insufficientData: number; wasteCents: number }>;
  const idle: IdleResource[] = [];
  for (const finding of input.findings) {
    const resourceType = RULES_BY_KIND[finding.kind].resourceType;
    const total = totals[resourceType];
    total.scanned += 1;
    if (finding.finding === 'insufficient-data') total.insufficientData += 1;
    if (isWaste(finding.finding)) {
      total.idle += 1;
      // Whole cents, so the sum of many resources does not drift.
      total.wasteCents += Math.round(finding.estimatedMonthlyWasteUsd * 100);
      idle.push({
        region: finding.region,
        resourceType,
        kind: finding.kind,
        id: finding.id,
        finding: finding.finding,
        reason: finding.reason,
        estimatedMonthlyWasteUsd: finding.estimatedMonthlyWasteUsd,
      });
    }
  }
  idle.sort(
    (a, b) => b.estimatedMonthlyWasteUsd - a.estimatedMonthlyWasteUsd || a.region.localeCompare(b.region) || a.id.localeCompare(b.id),
  );
  const byResourceType = Object.fromEntries(
    WASTE_RESOURCE_TYPES.map((type) => {
      const { wasteCents, ...counts } = totals[type];
      return [type, { ...counts, estimatedMonthlyWasteUsd: wasteCents / 100 }];
    }),
  ) as Record<WasteResourceType, ResourceTypeSummary>;
  const totalCents = WASTE_RESOURCE_TYPES.reduce((sum, type) => sum + totals[type].wasteCents, 0);
  return {
    scannedAt: input.scannedAt.toISOString(),
    window: { start: input.window.start.toISOString(), end: input.window.end.toISOString(), days: input.window.days },
    regions: [...input.regions],
    byResourceType,
    totalIdle: idle.length,
    totalEstimatedMonthlyWasteUsd: roundUsd(totalCents / 100),
    topIdle: idle.slice(0, TOP_IDLE_RESOURCES),
    getMetricDataRequests: input.cost.getMetricDataRequests,
    metricsRequested: input.cost.metricsRequested,
    scanCostUsd: scanCostUsd(input.cost.metricsRequested),
  };
}
