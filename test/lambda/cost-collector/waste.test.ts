import { FINOPS_NAMESPACE, WASTE_RESOURCE_TYPES, WasteMetric, type WasteResourceType } from '../../../lib/core/finops/metrics';
import {
  buildWasteRequest,
  summarizeWaste,
  WASTE_LOOKBACK_DAYS,
  WasteFiguresIncompleteError,
  type WasteResultShape,
} from '../../../lambda/cost-collector/waste';

const NOW = new Date('2026-03-15T06:00:30Z');
const request = buildWasteRequest(NOW);

/** The id the request gave the query of `metric` for `type` (tests never spell the id scheme). */
function idOf(metric: string, type: WasteResourceType): string {
  const query = request.MetricDataQueries.find(
    (q) => q.MetricStat.Metric.MetricName === metric && q.MetricStat.Metric.Dimensions[0].Value === type,
  );
  if (!query) throw new Error(`no query for ${metric} ${type}`);
  return query.Id;
}

const YESTERDAY = new Date('2026-03-14T04:00:00Z');
const TODAY = new Date('2026-03-15T04:00:00Z');

/** Answers for one type: the newest value first, as the request scans them. */
function answers(type: WasteResourceType, idle: number, usd: number, at: Date = TODAY): WasteResultShape[] {
  return [
    { Id: idOf(WasteMetric.IdleResources, type), Timestamps: [at], Values: [idle], StatusCode: 'Complete' },
    { Id: idOf(WasteMetric.EstimatedMonthlyWasteUsd, type), Timestamps: [at], Values: [usd], StatusCode: 'Complete' },
  ];
}

/** Answers with no value at all (what CloudWatch returns for a series without data). */
const empty = (): WasteResultShape[] =>
  request.MetricDataQueries.map((q) => ({ Id: q.Id, Timestamps: [], Values: [], StatusCode: 'Complete' }));

describe('buildWasteRequest', () => {
  test('one request: IdleResources and EstimatedMonthlyWasteUsd of every resource type, daily Maximum in the FinOps namespace', () => {
    expect(request.MetricDataQueries).toHaveLength(2 * WASTE_RESOURCE_TYPES.length);
    const read = request.MetricDataQueries.map((q) => [q.MetricStat.Metric.MetricName, q.MetricStat.Metric.Dimensions]);
    expect(read).toEqual(
      WASTE_RESOURCE_TYPES.flatMap((type) => [
        [WasteMetric.IdleResources, [{ Name: 'ResourceType', Value: type }]],
        [WasteMetric.EstimatedMonthlyWasteUsd, [{ Name: 'ResourceType', Value: type }]],
      ]),
    );
    for (const query of request.MetricDataQueries) {
      expect(query.MetricStat).toEqual(expect.objectContaining({ Period: 86_400, Stat: 'Maximum' }));
      expect(query.MetricStat.Metric.Namespace).toBe(FINOPS_NAMESPACE);
      expect(query.ReturnData).toBe(true);
      // GetMetricData ids: unique, start with a lowercase letter, letters, digits and underscores only.
      expect(query.Id).toMatch(/^[a-z][a-zA-Z0-9_]*$/);
    }
    expect(new Set(request.MetricDataQueries.map((q) => q.Id)).size).toBe(request.MetricDataQueries.length);
  });

  test('the last two days up to the run, in whole minutes (end rounded up so a scan of this minute counts), newest first', () => {
    expect(WASTE_LOOKBACK_DAYS).toBe(2);
    expect(request.EndTime).toEqual(new Date('2026-03-15T06:01:00Z'));
    expect(request.StartTime).toEqual(new Date('2026-03-13T06:01:00Z'));
    expect(request.ScanBy).toBe('TimestampDescending');
    expect(buildWasteRequest(new Date('2026-03-15T06:00:00Z')).EndTime).toEqual(new Date('2026-03-15T06:00:00Z'));
  });
});

describe('summarizeWaste', () => {
  const zeros = WASTE_RESOURCE_TYPES.map((resourceType) => ({ resourceType, idleResources: 0, estimatedMonthlyWasteUsd: 0 }));
  const withTypes = (figures: Partial<Record<WasteResourceType, [number, number]>>) =>
    zeros.map((z) =>
      figures[z.resourceType]
        ? { ...z, idleResources: figures[z.resourceType]![0], estimatedMonthlyWasteUsd: figures[z.resourceType]![1] }
        : z,
    );

  test.each<
    [
      string,
      WasteResultShape[],
      { idle: number; usd: number; byType: ReturnType<typeof withTypes>; without: WasteResourceType[]; asOf?: Date },
    ]
  >([
    [
      'no data at all (waste finder off or not run for two days)',
      [],
      { idle: 0, usd: 0, byType: zeros, without: [...WASTE_RESOURCE_TYPES] },
    ],
    ['every series answered without a value', empty(), { idle: 0, usd: 0, byType: zeros, without: [...WASTE_RESOURCE_TYPES] }],
    [
      'some types with data, the others missing',
      [...answers('EC2Instance', 2, 15.18), ...answers('NATGateway', 1, 32.85, YESTERDAY)],
      {
        idle: 3,
        usd: 48.03,
        byType: withTypes({ EC2Instance: [2, 15.18], NATGateway: [1, 32.85] }),
        without: ['EBSVolume', 'LoadBalancer', 'RDSInstance'],
        asOf: TODAY,
      },
    ],
    [
      'every type published, all zero',
      WASTE_RESOURCE_TYPES.flatMap((type) => answers(type, 0, 0)),
      { idle: 0, usd: 0, byType: zeros, without: [], asOf: TODAY },
    ],
    [
      'amounts summed in cents (0.1 + 0.2 reads 0.3)',
      [...answers('EBSVolume', 1, 0.1), ...answers('RDSInstance', 1, 0.2), ...answers('LoadBalancer', 0, 0)],
      {
        idle: 2,
        usd: 0.3,
        byType: withTypes({ EBSVolume: [1, 0.1], RDSInstance: [1, 0.2] }),
        without: ['EC2Instance', 'NATGateway'],
        asOf: TODAY,
      },
    ],
  ])('%s', (_name, results, expected) => {
    const summary = summarizeWaste(results);
    expect(summary.byResourceType).toEqual(expected.byType);
    expect(summary.totalIdleResources).toBe(expected.idle);
    expect(summary.totalEstimatedMonthlyWasteUsd).toBe(expected.usd);
    expect(summary.typesWithoutData).toEqual(expected.without);
    expect(summary.asOf).toEqual(expected.asOf);
  });

  test('the newest value of a series wins, whatever the order of the answers', () => {
    // given: yesterday's scan found 4 idle instances, today's 1; answered oldest first
    const results: WasteResultShape[] = [
      { Id: idOf(WasteMetric.IdleResources, 'EC2Instance'), Timestamps: [YESTERDAY, TODAY], Values: [4, 1] },
      { Id: idOf(WasteMetric.EstimatedMonthlyWasteUsd, 'EC2Instance'), Timestamps: [YESTERDAY, TODAY], Values: [60, 15] },
    ];

    // when
    const summary = summarizeWaste(results);

    // then
    expect(summary.byResourceType[0]).toEqual({ resourceType: 'EC2Instance', idleResources: 1, estimatedMonthlyWasteUsd: 15 });
    expect(summary.totalEstimatedMonthlyWasteUsd).toBe(15);
  });

  test('without timestamps the first value is the newest (the request scans newest first)', () => {
    const summary = summarizeWaste([
      { Id: idOf(WasteMetric.IdleResources, 'NATGateway'), Values: [1, 3] },
      { Id: idOf(WasteMetric.EstimatedMonthlyWasteUsd, 'NATGateway'), Values: [32.85, 98.55] },
    ]);
    expect(summary.totalIdleResources).toBe(1);
    expect(summary.totalEstimatedMonthlyWasteUsd).toBe(32.85);
  });

  test('values that are no figure (negative, NaN, Infinity) are skipped; a series with nothing else counts as missing', () => {
    const summary = summarizeWaste([
      { Id: idOf(WasteMetric.IdleResources, 'EC2Instance'), Timestamps: [TODAY, YESTERDAY], Values: [Number.NaN, 2] },
      { Id: idOf(WasteMetric.EstimatedMonthlyWasteUsd, 'EC2Instance'), Timestamps: [TODAY], Values: [-5] },
      { Id: idOf(WasteMetric.IdleResources, 'RDSInstance'), Timestamps: [TODAY], Values: [Number.POSITIVE_INFINITY] },
    ]);
    expect(summary.byResourceType[0]).toEqual({ resourceType: 'EC2Instance', idleResources: 2, estimatedMonthlyWasteUsd: 0 });
    expect(summary.typesWithoutData).toEqual(WASTE_RESOURCE_TYPES);
  });

  test('ignores answers to queries it did not ask', () => {
    expect(summarizeWaste([{ Id: 'other', Values: [99] }, { Values: [99] }]).totalIdleResources).toBe(0);
  });

  test.each(['Forbidden', 'InternalError'])(
    'a query answered %s fails the summary (a total leaving out a type would understate the savings)',
    (status) => {
      const results = [
        ...answers('EC2Instance', 2, 15.18),
        { Id: idOf(WasteMetric.IdleResources, 'NATGateway'), Values: [], StatusCode: status },
      ];
      expect(() => summarizeWaste(results)).toThrow(WasteFiguresIncompleteError);
      expect(() => summarizeWaste(results)).toThrow(
        `GetMetricData could not answer 1 waste query: ${idOf(WasteMetric.IdleResources, 'NATGateway')} ${status}`,
      );
    },
  );

  test('PartialData still yields the newest value (newest first: the missing page holds older ones)', () => {
    const results = answers('LoadBalancer', 1, 16.43).map((r) => ({ ...r, StatusCode: 'PartialData' }));
    expect(summarizeWaste(results).totalIdleResources).toBe(1);
  });
});
