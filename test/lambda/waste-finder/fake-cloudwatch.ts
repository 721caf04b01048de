import {
  CloudWatchClient,
  GetMetricDataCommand,
  ListMetricsCommand,
  PutMetricDataCommand,
  type GetMetricDataCommandInput,
  type ListMetricsCommandInput,
  type Metric,
  type MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock';
import { RULES_BY_KIND, type ResourceKind } from '../../../lambda/waste-finder/rules';

/**
 * A fake CloudWatch for the waste finder's handler tests and benchmark: an account described as
 * resources with daily series, answered through aws-sdk-client-mock (so the real adapters run).
 * Not a test file itself (jest only runs *.test.ts).
 */

/** One resource of the fake account: daily values by CloudWatch metric name (absent = no data). */
export interface FakeResource {
  readonly kind: ResourceKind;
  readonly id: string;
  readonly daily: Readonly<Record<string, readonly number[]>>;
}

/** The fake account: resources by region. */
export type FakeAccount = Readonly<Record<string, readonly FakeResource[]>>;

/** Fourteen days of the same value. */
export const days = (value: number, count = 14): number[] => Array.from({ length: count }, () => value);

/** A resource with full coverage on its rule's series, with the given values for chosen metrics. */
export function resource(kind: ResourceKind, id: string, values: Record<string, readonly number[]> = {}): FakeResource {
  const rule = RULES_BY_KIND[kind];
  const daily: Record<string, readonly number[]> = {};
  for (const metric of rule.metrics) daily[metric.metricName] = days(0);
  return { kind, id, daily: { ...daily, ...values } };
}

/** Options of the fake. */
export interface FakeCloudWatchOptions {
  /** Metrics per ListMetrics page (the real API returns up to 500). */
  readonly listPageSize?: number;
}

/**
 * Mocks every CloudWatchClient to answer from `account`. ListMetrics pages by `listPageSize` and
 * also lists an extra per-AZ series for each load balancer (which discovery must ignore);
 * GetMetricData answers each query from the resource's daily values; PutMetricData succeeds.
 */
export function fakeCloudWatch(account: FakeAccount, options: FakeCloudWatchOptions = {}): AwsClientStub<CloudWatchClient> {
  const pageSize = options.listPageSize ?? 500;
  const mock = mockClient(CloudWatchClient);
  const listed = new Map<string, Metric[]>();
  const byDimension = new Map<string, FakeResource>();
  for (const [region, resources] of Object.entries(account)) {
    for (const item of resources) {
      const rule = RULES_BY_KIND[item.kind];
      const key = `${region}|${rule.namespace}|${rule.discoveryMetric}`;
      const metrics = listed.get(key) ?? [];
      metrics.push({
        Namespace: rule.namespace,
        MetricName: rule.discoveryMetric,
        Dimensions: [{ Name: rule.dimensionName, Value: item.id }],
      });
      if (rule.dimensionName === 'LoadBalancer') {
        metrics.push({
          Namespace: rule.namespace,
          MetricName: rule.discoveryMetric,
          Dimensions: [
            { Name: 'AvailabilityZone', Value: `${region}a` },
            { Name: rule.dimensionName, Value: item.id },
          ],
        });
      }
      listed.set(key, metrics);
      byDimension.set(`${region}|${rule.namespace}|${item.id}`, item);
    }
  }

  mock.on(ListMetricsCommand).callsFake(async (input: ListMetricsCommandInput, getClient) => {
    const region = await getClient().config.region();
    const metrics = listed.get(`${region}|${input.Namespace}|${input.MetricName}`) ?? [];
    const start = input.NextToken ? Number(input.NextToken.replace('page-', '')) : 0;
    const end = start + pageSize;
    return { Metrics: metrics.slice(start, end), NextToken: end < metrics.length ? `page-${end}` : undefined };
  });

  mock.on(GetMetricDataCommand).callsFake(async (input: GetMetricDataCommandInput, getClient) => {
    const region = await getClient().config.region();
    const start = input.StartTime!.getTime();
    const results: MetricDataResult[] = (input.MetricDataQueries ?? []).map((query) => {
      const metric = query.MetricStat!.Metric!;
      const id = metric.Dimensions![0].Value!;
      const values = byDimension.get(`${region}|${metric.Namespace}|${id}`)?.daily[metric.MetricName!] ?? [];
      return {
        Id: query.Id,
        Label: metric.MetricName,
        Timestamps: values.map((_, day) => new Date(start + day * 86_400_000)),
        Values: [...values],
        StatusCode: 'Complete',
      };
    });
    return { MetricDataResults: results, Messages: [] };
  });

  mock.on(PutMetricDataCommand).resolves({});
  return mock;
}
