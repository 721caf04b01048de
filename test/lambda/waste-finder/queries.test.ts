import type { DiscoveredResource } from '../../../lambda/waste-finder/discovery';
import {
  batch,
  buildQueries,
  DAY_SECONDS,
  MAX_QUERIES_PER_REQUEST,
  metricWindow,
  seriesByResource,
  toMetricDataQueries,
} from '../../../lambda/waste-finder/queries';

const ec2 = (count: number): DiscoveredResource[] =>
  Array.from({ length: count }, (_, i) => ({ region: 'eu-west-1', kind: 'ec2Instance', id: `i-${String(i).padStart(17, '0')}` }));

describe('metric window', () => {
  test('the last 14 whole UTC days, today excluded', () => {
    const window = metricWindow(new Date('2026-11-24T22:40:05Z'), 14);
    expect(window.start.toISOString()).toBe('2026-11-10T00:00:00.000Z');
    expect(window.end.toISOString()).toBe('2026-11-24T00:00:00.000Z');
    expect(window.days).toBe(14);
  });

  test('at midnight the window ends at that midnight', () => {
    expect(metricWindow(new Date('2026-11-24T00:00:00Z'), 1).start.toISOString()).toBe('2026-11-23T00:00:00.000Z');
  });
});

describe('query building', () => {
  test('one query per series of each resource, with the rule statistic and a daily period', () => {
    const queries = buildQueries([
      { region: 'eu-west-1', kind: 'ec2Instance', id: 'i-1' },
      { region: 'eu-west-1', kind: 'natGateway', id: 'nat-1' },
    ]);
    expect(queries).toEqual([
      {
        id: 'q0',
        resourceIndex: 0,
        key: 'cpu',
        namespace: 'AWS/EC2',
        metricName: 'CPUUtilization',
        dimensions: [{ Name: 'InstanceId', Value: 'i-1' }],
        stat: 'Maximum',
      },
      {
        id: 'q1',
        resourceIndex: 1,
        key: 'toDestination',
        namespace: 'AWS/NATGateway',
        metricName: 'BytesOutToDestination',
        dimensions: [{ Name: 'NatGatewayId', Value: 'nat-1' }],
        stat: 'Sum',
      },
      {
        id: 'q2',
        resourceIndex: 1,
        key: 'toSource',
        namespace: 'AWS/NATGateway',
        metricName: 'BytesOutToSource',
        dimensions: [{ Name: 'NatGatewayId', Value: 'nat-1' }],
        stat: 'Sum',
      },
    ]);
    expect(toMetricDataQueries(queries.slice(0, 1))).toEqual([
      {
        Id: 'q0',
        MetricStat: {
          Metric: { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'InstanceId', Value: 'i-1' }] },
          Period: DAY_SECONDS,
          Stat: 'Maximum',
        },
        ReturnData: true,
      },
    ]);
  });

  test('ids are unique and valid GetMetricData ids (lowercase letter first, letters, digits, underscore)', () => {
    const ids = buildQueries(ec2(1201)).map((query) => query.id);
    expect(new Set(ids).size).toBe(1201);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z0-9_]*$/);
  });

  test.each([
    [0, []],
    [1, [1]],
    [500, [500]],
    [501, [500, 1]],
    [1201, [500, 500, 201]],
  ])('%d queries -> requests of %j', (count, sizes) => {
    const batches = batch(buildQueries(ec2(count)));
    expect(batches.map((b) => b.length)).toEqual(sizes);
    expect(batches.flat().map((q) => q.id)).toEqual(buildQueries(ec2(count)).map((q) => q.id));
  });

  test('batches never exceed the API limit of 500', () => {
    expect(MAX_QUERIES_PER_REQUEST).toBe(500);
    expect(() => batch([1, 2], 0)).toThrow(/batch size must be a whole number of at least 1, got 0/);
  });
});

describe('series by resource', () => {
  const resources: DiscoveredResource[] = [
    { region: 'eu-west-1', kind: 'ec2Instance', id: 'i-1' },
    { region: 'eu-west-1', kind: 'applicationLoadBalancer', id: 'app/a/1' },
  ];
  const queries = buildQueries(resources); // q0 cpu, q1 lcus, q2 requests

  test('maps answers back by id and joins result pages of the same query', () => {
    const series = seriesByResource(2, queries, [
      { Id: 'q0', Values: [1, 2], StatusCode: 'PartialData' },
      { Id: 'q1', Values: [0.1], StatusCode: 'Complete' },
      { Id: 'q0', Values: [3], StatusCode: 'Complete' },
    ]);
    expect(series).toEqual([{ cpu: [1, 2, 3] }, { lcus: [0.1], requests: [] }]);
  });

  test('Forbidden and InternalError answers are missing data, never zeros', () => {
    const series = seriesByResource(2, queries, [
      { Id: 'q0', Values: [0], StatusCode: 'Forbidden' },
      { Id: 'q1', Values: [0], StatusCode: 'InternalError' },
    ]);
    expect(series).toEqual([{ cpu: [] }, { lcus: [], requests: [] }]);
  });
});
