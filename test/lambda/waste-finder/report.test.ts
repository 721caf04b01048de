import { summarize, toFinding, TOP_IDLE_RESOURCES, type ResourceFinding } from '../../../lambda/waste-finder/report';
import type { Finding, ResourceKind } from '../../../lambda/waste-finder/rules';

const at = new Date('2026-11-24T06:00:00Z');
const window = { start: new Date('2026-11-10T00:00:00Z'), end: new Date('2026-11-24T00:00:00Z'), days: 14 };
const finding = (kind: ResourceKind, id: string, verdict: Finding, region = 'eu-west-1'): ResourceFinding =>
  toFinding({ region, kind, id }, { finding: verdict, reason: `${verdict} because` });

describe('summary', () => {
  test('counts and waste per resource type, zeros for types with none, ALB and NLB together', () => {
    // given
    const findings = [
      finding('natGateway', 'nat-1', 'idle'),
      finding('natGateway', 'nat-2', 'busy'),
      finding('applicationLoadBalancer', 'app/a/1', 'idle'),
      finding('networkLoadBalancer', 'net/b/1', 'idle', 'us-east-1'),
      finding('ec2Instance', 'i-1', 'oversized'),
      finding('ec2Instance', 'i-2', 'insufficient-data'),
    ];
    // when
    const summary = summarize({
      findings,
      regions: ['eu-west-1', 'us-east-1'],
      scannedAt: at,
      window,
      cost: { getMetricDataRequests: 2, metricsRequested: 9 },
    });
    // then
    expect(summary.byResourceType).toEqual({
      EC2Instance: { scanned: 2, idle: 1, insufficientData: 1, estimatedMonthlyWasteUsd: 7.59 },
      EBSVolume: { scanned: 0, idle: 0, insufficientData: 0, estimatedMonthlyWasteUsd: 0 },
      NATGateway: { scanned: 2, idle: 1, insufficientData: 0, estimatedMonthlyWasteUsd: 32.85 },
      LoadBalancer: { scanned: 2, idle: 2, insufficientData: 0, estimatedMonthlyWasteUsd: 32.86 },
      RDSInstance: { scanned: 0, idle: 0, insufficientData: 0, estimatedMonthlyWasteUsd: 0 },
    });
    expect(summary.totalIdle).toBe(4);
    expect(summary.totalEstimatedMonthlyWasteUsd).toBe(73.3);
    expect(summary).toMatchObject({
      scannedAt: '2026-11-24T06:00:00.000Z',
      window: { start: '2026-11-10T00:00:00.000Z', end: '2026-11-24T00:00:00.000Z', days: 14 },
      regions: ['eu-west-1', 'us-east-1'],
      getMetricDataRequests: 2,
      metricsRequested: 9,
      scanCostUsd: 0.0001,
    });
  });

  test('lists the top 10 idle resources, most expensive first, with region, id, reason and USD', () => {
    const findings = [
      ...Array.from({ length: 12 }, (_, i) => finding('ebsVolume', `vol-${i}`, 'idle')),
      finding('natGateway', 'nat-9', 'idle', 'us-east-1'),
      finding('rdsInstance', 'db-1', 'idle'),
      finding('rdsInstance', 'db-2', 'busy'),
    ];
    const { topIdle } = summarize({
      findings,
      regions: ['eu-west-1'],
      scannedAt: at,
      window,
      cost: { getMetricDataRequests: 0, metricsRequested: 0 },
    });
    expect(topIdle).toHaveLength(TOP_IDLE_RESOURCES);
    expect(topIdle[0]).toEqual({
      region: 'us-east-1',
      resourceType: 'NATGateway',
      kind: 'natGateway',
      id: 'nat-9',
      finding: 'idle',
      reason: 'idle because',
      estimatedMonthlyWasteUsd: 32.85,
    });
    expect(topIdle[1]).toMatchObject({ id: 'db-1', resourceType: 'RDSInstance', estimatedMonthlyWasteUsd: 11.68 });
    expect(topIdle.slice(2).map((r) => r.id)).toEqual(['vol-0', 'vol-1', 'vol-10', 'vol-11', 'vol-2', 'vol-3', 'vol-4', 'vol-5']);
  });

  test('no resources at all: every type present with zeros', () => {
    const summary = summarize({
      findings: [],
      regions: ['eu-west-1'],
      scannedAt: at,
      window,
      cost: { getMetricDataRequests: 0, metricsRequested: 0 },
    });
    expect(Object.values(summary.byResourceType)).toHaveLength(5);
    for (const type of Object.values(summary.byResourceType))
      expect(type).toEqual({ scanned: 0, idle: 0, insufficientData: 0, estimatedMonthlyWasteUsd: 0 });
    expect(summary).toMatchObject({ totalIdle: 0, totalEstimatedMonthlyWasteUsd: 0, topIdle: [], scanCostUsd: 0 });
  });
});
