import { WASTE_RULES, type ResourceKind } from './rules';

/**
 * Discovery planning: which ListMetrics requests find the resources of each region, and how the
 * listed metrics become resources. Pure: no SDK, no I/O.
 */

/**
 * ListMetrics only returns metrics with data points in the past three hours with this value (the
 * only one the API accepts), so discovery finds resources that exist now, not ones deleted last week.
 */
export const RECENTLY_ACTIVE = 'PT3H';

/** One ListMetrics request (all its pages): one rule's discovery metric in one region. */
export interface DiscoveryRequest {
  readonly region: string;
  readonly kind: ResourceKind;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensionName: string;
}

/** A resource found in one region. */
export interface DiscoveredResource {
  readonly region: string;
  readonly kind: ResourceKind;
  /** Value of the rule's dimension: instance id, volume id, `app/name/hash` for a load balancer... */
  readonly id: string;
}

/** The part of a ListMetrics `Metric` that discovery reads (structurally the SDK's type). */
export interface ListedMetric {
  readonly Namespace?: string;
  readonly MetricName?: string;
  readonly Dimensions?: readonly { readonly Name?: string; readonly Value?: string }[];
}

/** The ListMetrics requests of a scan: every rule in every region, in a stable order. */
export function planDiscovery(regions: readonly string[]): DiscoveryRequest[] {
  return regions.flatMap((region) =>
    WASTE_RULES.map((rule) => ({
      region,
      kind: rule.kind,
      namespace: rule.namespace,
      metricName: rule.discoveryMetric,
      dimensionName: rule.dimensionName,
    })),
  );
}

/**
 * Turns listed metrics into resources. A dimension filter in ListMetrics also matches metrics
 * with further dimensions (an NLB's per-AvailabilityZone series, RDS series per DatabaseClass and
 * instance...), so only series whose single dimension is the rule's dimension identify a resource.
 * Duplicates (across pages) are dropped; the result is sorted by id for stable output.
 */
export function resourcesFromListedMetrics(request: DiscoveryRequest, metrics: readonly ListedMetric[]): DiscoveredResource[] {
  const ids = new Set<string>();
  for (const metric of metrics) {
    if (metric.Namespace !== undefined && metric.Namespace !== request.namespace) continue;
    if (metric.MetricName !== undefined && metric.MetricName !== request.metricName) continue;
    const dimensions = metric.Dimensions ?? [];
    if (dimensions.length !== 1) continue;
    const [dimension] = dimensions;
    if (dimension.Name !== request.dimensionName || !dimension.Value) continue;
    ids.add(dimension.Value);
  }
  return [...ids].sort().map((id) => ({ region: request.region, kind: request.kind, id }));
}
