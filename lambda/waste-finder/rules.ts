import { WasteResourceType } from '../../lib/core/finops/metrics';
import type { WasteThresholds } from '../../lib/core/finops/waste-finder-settings';

/**
 * The waste rules, one table row per kind of resource: how the finder discovers the resource in
 * CloudWatch, which daily series it reads, and when it calls the resource idle (or oversized).
 * Pure: no SDK, no I/O.
 *
 * Two facts of CloudWatch shape the table:
 * - ListMetrics with `RecentlyActive: 'PT3H'` only returns metrics with data in the past three
 *   hours, so a resource must be discovered through a metric its service publishes whenever the
 *   resource exists, even with no traffic. Elastic Load Balancing publishes most metrics only when
 *   they are non-zero (an idle load balancer has no RequestCount at all); its "always reported"
 *   metrics are ConsumedLCUs (ALB) and ActiveFlowCount (NLB), so those discover load balancers.
 * - GetMetricData returns nothing for a day without data. For always-reported metrics a missing
 *   day means the resource did not exist (or was stopped), so a resource needs `minDaysWithData`
 *   days of its coverage series before any rule may call it idle: new resources are not waste.
 *   For metrics reported only when non-zero (RequestCount, NewFlowCount) a missing day is zero.
 */

/** The kinds of resource a rule applies to; the keys of the thresholds and of the price table. */
export type ResourceKind = keyof WasteThresholds;

/** CloudWatch statistic of one daily series. */
export type DailyStatistic = 'Maximum' | 'Sum';

/** One daily series a rule reads for each resource. */
export interface RuleMetric {
  /** Name of the series inside the rule (`cpu`, `requests`...). */
  readonly key: string;
  /** CloudWatch metric name. */
  readonly metricName: string;
  /** Daily statistic: `Maximum` for levels (CPU, connections), `Sum` for counts (bytes, requests, operations). */
  readonly stat: DailyStatistic;
}

/** What a rule concluded about one resource. */
export type Finding = 'idle' | 'oversized' | 'busy' | 'insufficient-data';

/** A rule's verdict, with the reason a person reads in the digest. */
export interface Verdict {
  readonly finding: Finding;
  readonly reason: string;
}

/** Daily values of each series of one resource, by series key (days without data are absent). */
export type ResourceSeries = Readonly<Record<string, readonly number[]>>;

/** How a rule judges one resource once coverage is established. */
type Judge = (series: ResourceSeries, thresholds: WasteThresholds, days: number) => Verdict;

/** One row of the rule table. */
export interface WasteRule {
  readonly kind: ResourceKind;
  /** Published `ResourceType` dimension value. */
  readonly resourceType: WasteResourceType;
  /** Human name used in reasons and logs. */
  readonly label: string;
  readonly namespace: string;
  /** The single dimension that identifies the resource; its value is the resource id. */
  readonly dimensionName: string;
  /** Metric the resource is discovered through: one its service publishes whenever the resource exists. */
  readonly discoveryMetric: string;
  /** Daily series read for each resource (one GetMetricData query each). */
  readonly metrics: readonly RuleMetric[];
  /** Series whose days with data show how long the resource has existed in the window. */
  readonly coverageKey: string;
  readonly judge: Judge;
}

const sum = (values: readonly number[] = []) => values.reduce((total, value) => total + value, 0);
const max = (values: readonly number[] = []) => values.reduce((highest, value) => Math.max(highest, value), 0);
const fmt = (value: number) => (Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(1));

/** Verdict for rules that call a resource idle when a total is at most a threshold. */
function atMost(total: number, threshold: number, what: string, days: number): Verdict {
  return total <= threshold
    ? { finding: 'idle', reason: `${what}: ${fmt(total)} in ${days} days (idle at ${fmt(threshold)} or less)` }
    : { finding: 'busy', reason: `${what}: ${fmt(total)} in ${days} days (more than ${fmt(threshold)})` };
}

/** The rule table. */
export const WASTE_RULES: readonly WasteRule[] = [
  {
    kind: 'ec2Instance',
    resourceType: WasteResourceType.EC2Instance,
    label: 'EC2 instance',
    namespace: 'AWS/EC2',
    dimensionName: 'InstanceId',
    // Published every 5 minutes while the instance runs; a stopped instance costs no compute.
    discoveryMetric: 'CPUUtilization',
    metrics: [{ key: 'cpu', metricName: 'CPUUtilization', stat: 'Maximum' }],
    coverageKey: 'cpu',
    judge: (series, { ec2Instance: t }, days) => {
      const peak = max(series.cpu);
      const observed = `highest daily maximum CPU ${peak.toFixed(1)} % in ${days} days`;
      if (peak < t.idleMaxCpuPercentBelow) {
        return { finding: 'idle', reason: `${observed} (idle below ${t.idleMaxCpuPercentBelow} %)` };
      }
      if (t.oversizedMaxCpuPercentBelow !== null && peak < t.oversizedMaxCpuPercentBelow) {
        return { finding: 'oversized', reason: `${observed} (oversized below ${t.oversizedMaxCpuPercentBelow} %: one size down would do)` };
      }
      return { finding: 'busy', reason: observed };
    },
  },
  {
    kind: 'ebsVolume',
    resourceType: WasteResourceType.EBSVolume,
    label: 'EBS volume',
    namespace: 'AWS/EBS',
    dimensionName: 'VolumeId',
    // EBS publishes volume metrics only while the volume is attached to an instance (on Xen
    // instances only when there is activity): unattached volumes are invisible to CloudWatch.
    discoveryMetric: 'VolumeReadOps',
    metrics: [
      { key: 'reads', metricName: 'VolumeReadOps', stat: 'Sum' },
      { key: 'writes', metricName: 'VolumeWriteOps', stat: 'Sum' },
    ],
    coverageKey: 'reads',
    judge: (series, { ebsVolume: t }, days) =>
      atMost(sum(series.reads) + sum(series.writes), t.readWriteOpsAtMost, 'read + write operations', days),
  },
  {
    kind: 'natGateway',
    resourceType: WasteResourceType.NATGateway,
    label: 'NAT gateway',
    namespace: 'AWS/NATGateway',
    dimensionName: 'NatGatewayId',
    // NAT gateway metrics are published every minute, zeros included.
    discoveryMetric: 'BytesOutToDestination',
    metrics: [
      { key: 'toDestination', metricName: 'BytesOutToDestination', stat: 'Sum' },
      { key: 'toSource', metricName: 'BytesOutToSource', stat: 'Sum' },
    ],
    coverageKey: 'toDestination',
    judge: (series, { natGateway: t }, days) =>
      atMost(sum(series.toDestination) + sum(series.toSource), t.bytesOutAtMost, 'bytes out (to destination + to source)', days),
  },
  {
    kind: 'applicationLoadBalancer',
    resourceType: WasteResourceType.LoadBalancer,
    label: 'Application Load Balancer',
    namespace: 'AWS/ApplicationELB',
    dimensionName: 'LoadBalancer',
    // "Always reported" per the ELB docs; RequestCount is only reported when non-zero.
    discoveryMetric: 'ConsumedLCUs',
    metrics: [
      { key: 'lcus', metricName: 'ConsumedLCUs', stat: 'Maximum' },
      { key: 'requests', metricName: 'RequestCount', stat: 'Sum' },
    ],
    coverageKey: 'lcus',
    judge: (series, { applicationLoadBalancer: t }, days) => atMost(sum(series.requests), t.requestsAtMost, 'requests', days),
  },
  {
    kind: 'networkLoadBalancer',
    resourceType: WasteResourceType.LoadBalancer,
    label: 'Network Load Balancer',
    namespace: 'AWS/NetworkELB',
    dimensionName: 'LoadBalancer',
    // "Always reported" per the ELB docs; NewFlowCount is treated as reported only when non-zero.
    discoveryMetric: 'ActiveFlowCount',
    metrics: [
      { key: 'activeFlows', metricName: 'ActiveFlowCount', stat: 'Maximum' },
      { key: 'newFlows', metricName: 'NewFlowCount', stat: 'Sum' },
    ],
    coverageKey: 'activeFlows',
    judge: (series, { networkLoadBalancer: t }, days) => {
      // A long-lived connection opened before the window is traffic too.
      const openFlows = max(series.activeFlows);
      if (openFlows > 0) {
        return { finding: 'busy', reason: `up to ${fmt(openFlows)} open flows a day in ${days} days` };
      }
      return atMost(sum(series.newFlows), t.newFlowsAtMost, 'new flows', days);
    },
  },
  {
    kind: 'rdsInstance',
    resourceType: WasteResourceType.RDSInstance,
    label: 'RDS instance',
    namespace: 'AWS/RDS',
    dimensionName: 'DBInstanceIdentifier',
    // Published every minute while the instance is available; a stopped instance costs no compute.
    discoveryMetric: 'DatabaseConnections',
    // Connections are a level: Maximum, not Sum (a sum of one-minute samples counts nothing real).
    metrics: [{ key: 'connections', metricName: 'DatabaseConnections', stat: 'Maximum' }],
    coverageKey: 'connections',
    judge: (series, { rdsInstance: t }, days) => {
      const peak = max(series.connections);
      return peak <= t.maxConnectionsAtMost
        ? { finding: 'idle', reason: `at most ${fmt(peak)} connections in ${days} days (idle at ${fmt(t.maxConnectionsAtMost)} or less)` }
        : { finding: 'busy', reason: `up to ${fmt(peak)} connections in ${days} days` };
    },
  },
];

/** The rule of each kind. */
export const RULES_BY_KIND: Readonly<Record<ResourceKind, WasteRule>> = Object.fromEntries(
  WASTE_RULES.map((rule) => [rule.kind, rule]),
) as Record<ResourceKind, WasteRule>;

/**
 * Applies a resource's rule: first coverage (enough days with data in the window, else
 * `insufficient-data`), then the rule's threshold.
 */
export function evaluateResource(
  kind: ResourceKind,
  series: ResourceSeries,
  thresholds: WasteThresholds,
  window: { readonly lookbackDays: number; readonly minDaysWithData: number },
): Verdict {
  const rule = RULES_BY_KIND[kind];
  const days = series[rule.coverageKey]?.length ?? 0;
  if (days < window.minDaysWithData) {
    return {
      finding: 'insufficient-data',
      reason: `${rule.discoveryMetric} has data on ${days} of the last ${window.lookbackDays} days (needs ${window.minDaysWithData}): too new, stopped for part of the window, or not reporting`,
    };
  }
  return rule.judge(series, thresholds, days);
}
