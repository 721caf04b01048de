import { planDiscovery, resourcesFromListedMetrics, RECENTLY_ACTIVE, type DiscoveryRequest } from '../../../lambda/waste-finder/discovery';

describe('discovery planning', () => {
  test('one request per rule and region, through the metrics published whenever the resource exists', () => {
    const plan = planDiscovery(['eu-west-1', 'us-east-1']);
    expect(plan).toHaveLength(12);
    expect(
      plan
        .filter((request) => request.region === 'eu-west-1')
        .map(({ namespace, metricName, dimensionName }) => [namespace, metricName, dimensionName]),
    ).toEqual([
      ['AWS/EC2', 'CPUUtilization', 'InstanceId'],
      ['AWS/EBS', 'VolumeReadOps', 'VolumeId'],
      ['AWS/NATGateway', 'BytesOutToDestination', 'NatGatewayId'],
      ['AWS/ApplicationELB', 'ConsumedLCUs', 'LoadBalancer'],
      ['AWS/NetworkELB', 'ActiveFlowCount', 'LoadBalancer'],
      ['AWS/RDS', 'DatabaseConnections', 'DBInstanceIdentifier'],
    ]);
  });

  test('only lists metrics active in the past three hours (the only value the API accepts)', () => {
    expect(RECENTLY_ACTIVE).toBe('PT3H');
  });
});

describe('resources from listed metrics', () => {
  const request: DiscoveryRequest = {
    region: 'eu-west-1',
    kind: 'networkLoadBalancer',
    namespace: 'AWS/NetworkELB',
    metricName: 'ActiveFlowCount',
    dimensionName: 'LoadBalancer',
  };

  test('keeps series identified by the rule dimension alone, drops per-AZ series and duplicates, sorts by id', () => {
    const found = resourcesFromListedMetrics(request, [
      { Namespace: 'AWS/NetworkELB', MetricName: 'ActiveFlowCount', Dimensions: [{ Name: 'LoadBalancer', Value: 'net/b/2' }] },
      {
        Namespace: 'AWS/NetworkELB',
        MetricName: 'ActiveFlowCount',
        Dimensions: [
          { Name: 'AvailabilityZone', Value: 'eu-west-1a' },
          { Name: 'LoadBalancer', Value: 'net/c/3' },
        ],
      },
      { Namespace: 'AWS/NetworkELB', MetricName: 'ActiveFlowCount', Dimensions: [{ Name: 'LoadBalancer', Value: 'net/a/1' }] },
      { Namespace: 'AWS/NetworkELB', MetricName: 'ActiveFlowCount', Dimensions: [{ Name: 'LoadBalancer', Value: 'net/b/2' }] },
    ]);
    expect(found).toEqual([
      { region: 'eu-west-1', kind: 'networkLoadBalancer', id: 'net/a/1' },
      { region: 'eu-west-1', kind: 'networkLoadBalancer', id: 'net/b/2' },
    ]);
  });

  test('ignores other metrics, other dimensions and empty values', () => {
    expect(
      resourcesFromListedMetrics(request, [
        { Namespace: 'AWS/ApplicationELB', MetricName: 'ActiveFlowCount', Dimensions: [{ Name: 'LoadBalancer', Value: 'app/x/1' }] },
        { Namespace: 'AWS/NetworkELB', MetricName: 'NewFlowCount', Dimensions: [{ Name: 'LoadBalancer', Value: 'net/x/1' }] },
        { Namespace: 'AWS/NetworkELB', MetricName: 'ActiveFlowCount', Dimensions: [{ Name: 'TargetGroup', Value: 'targetgroup/x/1' }] },
        { Namespace: 'AWS/NetworkELB', MetricName: 'ActiveFlowCount', Dimensions: [{ Name: 'LoadBalancer', Value: '' }] },
        { Namespace: 'AWS/NetworkELB', MetricName: 'ActiveFlowCount' },
      ]),
    ).toEqual([]);
  });

  test('nothing listed, nothing found', () => {
    expect(resourcesFromListedMetrics(request, [])).toEqual([]);
  });
});
