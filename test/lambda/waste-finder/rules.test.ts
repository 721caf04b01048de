import { WASTE_RESOURCE_TYPES } from '../../../lib/core/finops/metrics';
import {
  evaluateResource,
  RULES_BY_KIND,
  WASTE_RULES,
  type Finding,
  type ResourceKind,
  type ResourceSeries,
} from '../../../lambda/waste-finder/rules';
import { wasteThresholdsSchema } from '../../../lib/core/finops/waste-finder-settings';

const thresholds = wasteThresholdsSchema.parse({});
const window = { lookbackDays: 14, minDaysWithData: 14 };
const days = (value: number, count = 14) => Array.from({ length: count }, () => value);
/** Thirteen quiet days and one day with `value`. */
const oneDay = (value: number) => [...days(0, 13), value];

interface Row {
  readonly kind: ResourceKind;
  readonly name: string;
  readonly series: ResourceSeries;
  readonly finding: Finding;
  readonly reason?: RegExp;
}

const rows: Row[] = [
  // EC2: highest daily maximum CPU, idle below 5 %, oversized below 20 %.
  {
    kind: 'ec2Instance',
    name: 'idle: never above 4.9 %',
    series: { cpu: [...days(1.2, 13), 4.9] },
    finding: 'idle',
    reason: /highest daily maximum CPU 4\.9 %.*idle below 5 %/,
  },
  { kind: 'ec2Instance', name: 'borderline: one day at exactly 5 % is not idle', series: { cpu: oneDay(5) }, finding: 'oversized' },
  {
    kind: 'ec2Instance',
    name: 'oversized: never above 19.9 %',
    series: { cpu: oneDay(19.9) },
    finding: 'oversized',
    reason: /one size down/,
  },
  { kind: 'ec2Instance', name: 'busy: one day at 20 %', series: { cpu: oneDay(20) }, finding: 'busy' },
  { kind: 'ec2Instance', name: 'busy: one spike to 95 % in two quiet weeks', series: { cpu: oneDay(95) }, finding: 'busy' },
  {
    kind: 'ec2Instance',
    name: 'missing data: no CPU series',
    series: {},
    finding: 'insufficient-data',
    reason: /CPUUtilization has data on 0 of the last 14 days \(needs 14\)/,
  },
  {
    kind: 'ec2Instance',
    name: 'missing data: launched 3 days ago, idle so far',
    series: { cpu: days(0, 3) },
    finding: 'insufficient-data',
  },

  // EBS: read + write operations, idle at 0.
  { kind: 'ebsVolume', name: 'idle: no operations', series: { reads: days(0), writes: days(0) }, finding: 'idle' },
  { kind: 'ebsVolume', name: 'borderline: a single write in 14 days', series: { reads: days(0), writes: oneDay(1) }, finding: 'busy' },
  { kind: 'ebsVolume', name: 'busy: daily reads', series: { reads: days(5000), writes: days(10) }, finding: 'busy' },
  { kind: 'ebsVolume', name: 'idle: no write series (zero reads every day)', series: { reads: days(0) }, finding: 'idle' },
  {
    kind: 'ebsVolume',
    name: 'missing data: detached after 5 days',
    series: { reads: days(0, 5), writes: days(0, 5) },
    finding: 'insufficient-data',
  },

  // NAT gateway: bytes out to destination + to source, idle at 0.
  {
    kind: 'natGateway',
    name: 'idle: no bytes either way',
    series: { toDestination: days(0), toSource: days(0) },
    finding: 'idle',
    reason: /bytes out.*: 0 in 14 days/,
  },
  {
    kind: 'natGateway',
    name: 'borderline: 1 byte back to the VPC',
    series: { toDestination: days(0), toSource: oneDay(1) },
    finding: 'busy',
  },
  { kind: 'natGateway', name: 'busy: traffic to the internet', series: { toDestination: days(1e9), toSource: days(1e8) }, finding: 'busy' },
  { kind: 'natGateway', name: 'missing data: no series', series: {}, finding: 'insufficient-data' },

  // ALB: ConsumedLCUs proves existence, RequestCount (absent when zero) decides.
  {
    kind: 'applicationLoadBalancer',
    name: 'idle: LCUs reported, RequestCount never reported',
    series: { lcus: days(0) },
    finding: 'idle',
    reason: /requests: 0 in 14 days/,
  },
  {
    kind: 'applicationLoadBalancer',
    name: 'idle: LCUs reported, RequestCount zero',
    series: { lcus: days(0), requests: days(0) },
    finding: 'idle',
  },
  {
    kind: 'applicationLoadBalancer',
    name: 'borderline: one request in 14 days',
    series: { lcus: days(0.01), requests: [1] },
    finding: 'busy',
  },
  { kind: 'applicationLoadBalancer', name: 'busy: daily requests', series: { lcus: days(2), requests: days(10000) }, finding: 'busy' },
  {
    kind: 'applicationLoadBalancer',
    name: 'missing data: requests but LCUs on 10 days only (too new)',
    series: { lcus: days(0, 10), requests: [] },
    finding: 'insufficient-data',
  },

  // NLB: ActiveFlowCount proves existence, NewFlowCount (absent when zero) decides, open flows keep it busy.
  {
    kind: 'networkLoadBalancer',
    name: 'idle: no flows',
    series: { activeFlows: days(0) },
    finding: 'idle',
    reason: /new flows: 0 in 14 days/,
  },
  { kind: 'networkLoadBalancer', name: 'borderline: one new flow', series: { activeFlows: days(0), newFlows: [1] }, finding: 'busy' },
  {
    kind: 'networkLoadBalancer',
    name: 'busy: a long-lived flow, no new ones',
    series: { activeFlows: days(1), newFlows: [] },
    finding: 'busy',
    reason: /open flows/,
  },
  { kind: 'networkLoadBalancer', name: 'missing data: no series', series: {}, finding: 'insufficient-data' },

  // RDS: highest DatabaseConnections, idle at 0.
  {
    kind: 'rdsInstance',
    name: 'idle: never a connection',
    series: { connections: days(0) },
    finding: 'idle',
    reason: /at most 0 connections/,
  },
  { kind: 'rdsInstance', name: 'borderline: one connection once', series: { connections: oneDay(1) }, finding: 'busy' },
  { kind: 'rdsInstance', name: 'busy: an application pool', series: { connections: days(20) }, finding: 'busy' },
  {
    kind: 'rdsInstance',
    name: 'missing data: stopped for 8 of 14 days',
    series: { connections: days(0, 6) },
    finding: 'insufficient-data',
  },
];

describe('waste rules', () => {
  test.each(rows)('$kind: $name -> $finding', ({ kind, series, finding, reason }) => {
    const verdict = evaluateResource(kind, series, thresholds, window);
    expect(verdict.finding).toBe(finding);
    if (reason) expect(verdict.reason).toMatch(reason);
  });

  test('every kind has idle, busy, borderline and missing-data rows', () => {
    for (const rule of WASTE_RULES) {
      const names = rows.filter((row) => row.kind === rule.kind).map((row) => row.name);
      for (const prefix of ['idle', 'busy', 'borderline', 'missing data']) {
        expect(names.some((name) => name.startsWith(prefix))).toBe(true);
      }
    }
  });

  describe('thresholds come from the settings', () => {
    const custom = wasteThresholdsSchema.parse({
      ec2Instance: { idleMaxCpuPercentBelow: 10, oversizedMaxCpuPercentBelow: null },
      ebsVolume: { readWriteOpsAtMost: 100 },
      natGateway: { bytesOutAtMost: 1_000_000 },
      applicationLoadBalancer: { requestsAtMost: 50 },
      networkLoadBalancer: { newFlowsAtMost: 5 },
      rdsInstance: { maxConnectionsAtMost: 1 },
    });
    test.each<[ResourceKind, string, ResourceSeries, Finding]>([
      ['ec2Instance', 'highest CPU 9.9 % (idle below 10 %)', { cpu: oneDay(9.9) }, 'idle'],
      ['ec2Instance', 'highest CPU 15 % (oversized rule turned off)', { cpu: oneDay(15) }, 'busy'],
      ['ebsVolume', '100 operations (idle at 100 or less)', { reads: oneDay(60), writes: oneDay(40) }, 'idle'],
      ['ebsVolume', '101 operations', { reads: oneDay(60), writes: oneDay(41) }, 'busy'],
      ['natGateway', '1,000,000 bytes out (idle at 1,000,000 or less)', { toDestination: oneDay(999_999), toSource: oneDay(1) }, 'idle'],
      ['applicationLoadBalancer', '50 requests (idle at 50 or less)', { lcus: days(0), requests: [50] }, 'idle'],
      ['applicationLoadBalancer', '51 requests', { lcus: days(0), requests: [51] }, 'busy'],
      ['networkLoadBalancer', '5 new flows (idle at 5 or less)', { activeFlows: days(0), newFlows: [5] }, 'idle'],
      ['rdsInstance', 'at most 1 connection (idle at 1 or less)', { connections: oneDay(1) }, 'idle'],
      ['rdsInstance', 'at most 2 connections', { connections: oneDay(2) }, 'busy'],
    ])('%s: %s -> %s', (kind, _, series, finding) => {
      expect(evaluateResource(kind, series, custom, window).finding).toBe(finding);
    });
  });

  test('minDaysWithData lowers the coverage a resource needs', () => {
    const series = { cpu: days(0, 10) };
    expect(evaluateResource('ec2Instance', series, thresholds, window).finding).toBe('insufficient-data');
    expect(evaluateResource('ec2Instance', series, thresholds, { lookbackDays: 14, minDaysWithData: 10 }).finding).toBe('idle');
  });

  test('each rule is discovered through a metric it also reads for coverage, on its single identifying dimension', () => {
    // given / when / then: the coverage series must be the one proving the resource exists
    for (const rule of WASTE_RULES) {
      const coverage = rule.metrics.find((metric) => metric.key === rule.coverageKey);
      expect(coverage?.metricName).toBe(rule.discoveryMetric);
    }
    expect(RULES_BY_KIND.applicationLoadBalancer.discoveryMetric).toBe('ConsumedLCUs');
    expect(RULES_BY_KIND.networkLoadBalancer.discoveryMetric).toBe('ActiveFlowCount');
  });

  test('statistics: Maximum for levels, Sum for counts', () => {
    const stats = Object.fromEntries(WASTE_RULES.flatMap((rule) => rule.metrics.map((m) => [`${rule.namespace}/${m.metricName}`, m.stat])));
    expect(stats).toEqual({
      'AWS/EC2/CPUUtilization': 'Maximum',
      'AWS/EBS/VolumeReadOps': 'Sum',
      'AWS/EBS/VolumeWriteOps': 'Sum',
      'AWS/NATGateway/BytesOutToDestination': 'Sum',
      'AWS/NATGateway/BytesOutToSource': 'Sum',
      'AWS/ApplicationELB/ConsumedLCUs': 'Maximum',
      'AWS/ApplicationELB/RequestCount': 'Sum',
      'AWS/NetworkELB/ActiveFlowCount': 'Maximum',
      'AWS/NetworkELB/NewFlowCount': 'Sum',
      'AWS/RDS/DatabaseConnections': 'Maximum',
    });
  });

  test('resource types match the ones the shared metric names document', () => {
    expect(WASTE_RESOURCE_TYPES).toEqual(['EC2Instance', 'EBSVolume', 'NATGateway', 'LoadBalancer', 'RDSInstance']);
  });
});
