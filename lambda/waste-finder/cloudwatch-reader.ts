import {
  GetMetricDataCommand,
  ListMetricsCommand,
  type CloudWatchClient,
  type GetMetricDataCommandInput,
  type ListMetricsCommandInput,
  type Metric,
  type MetricDataResult,
} from '@aws-sdk/client-cloudwatch';
import { RECENTLY_ACTIVE, type DiscoveryRequest } from './discovery';
import { GetMetricDataCapError } from './errors';
import { MAX_QUERIES_PER_REQUEST, type MetricDataQueryShape, type MetricWindow } from './queries';
import type { ScanCost } from './report';
import { withRetries, type RetryOptions } from '../shared/retry';
import type { LogPort, MetricsReader } from './scan';

/**
 * Thin CloudWatch adapter for reading: ListMetrics and GetMetricData with pagination, retries on
 * throttling, and the per-run cap on GetMetricData requests. One instance per run: it counts the
 * run's requests.
 */

/** Pages one ListMetrics request may take (500 metrics each): a loop guard, far above real accounts. */
export const MAX_LIST_METRICS_PAGES = 200;

/** What the reader needs. */
export interface CloudWatchReaderOptions {
  readonly clientFor: (region: string) => CloudWatchClient;
  readonly maxGetMetricDataRequests: number;
  readonly retry: RetryOptions;
  readonly logger: LogPort;
}

/** Reads CloudWatch for one run. */
export class CloudWatchReader implements MetricsReader {
  private getMetricDataRequests = 0;
  private metricsRequested = 0;

  constructor(private readonly options: CloudWatchReaderOptions) {}

  /** Requests made and metrics requested by this run so far. */
  get cost(): ScanCost {
    return { getMetricDataRequests: this.getMetricDataRequests, metricsRequested: this.metricsRequested };
  }

  /** All pages of the metrics a discovery request lists; every page sends the same parameters but NextToken. */
  async listMetrics(request: DiscoveryRequest): Promise<Metric[]> {
    const client = this.options.clientFor(request.region);
    const input: ListMetricsCommandInput = {
      Namespace: request.namespace,
      MetricName: request.metricName,
      Dimensions: [{ Name: request.dimensionName }],
      RecentlyActive: RECENTLY_ACTIVE,
    };
    const operation = `ListMetrics ${request.namespace} ${request.metricName} in ${request.region}`;
    const metrics: Metric[] = [];
    let nextToken: string | undefined;
    for (let page = 1; ; page++) {
      const pageInput = nextToken ? { ...input, NextToken: nextToken } : input;
      const output = await withRetries(
        operation,
        () => client.send(new ListMetricsCommand(pageInput)),
        this.options.retry,
        this.logRetry(operation),
      );
      metrics.push(...(output.Metrics ?? []));
      if (!output.NextToken) return metrics;
      if (output.NextToken === nextToken || page >= MAX_LIST_METRICS_PAGES) {
        throw new Error(
          `${operation} did not finish after ${page} pages (NextToken ${output.NextToken === nextToken ? 'repeated' : 'still set'})`,
        );
      }
      nextToken = output.NextToken;
    }
  }

  /**
   * All pages of one GetMetricData request (at most 500 queries), results of the same query
   * concatenated. Every page counts against the cap, before it is sent.
   */
  async getMetricData(region: string, queries: MetricDataQueryShape[], window: MetricWindow): Promise<MetricDataResult[]> {
    if (queries.length === 0) return [];
    if (queries.length > MAX_QUERIES_PER_REQUEST) {
      throw new Error(`GetMetricData takes at most ${MAX_QUERIES_PER_REQUEST} queries per request, got ${queries.length}`);
    }
    const client = this.options.clientFor(region);
    const input: GetMetricDataCommandInput = {
      MetricDataQueries: queries,
      StartTime: window.start,
      EndTime: window.end,
      ScanBy: 'TimestampAscending',
    };
    const operation = `GetMetricData (${queries.length} queries) in ${region}`;
    const results: MetricDataResult[] = [];
    let nextToken: string | undefined;
    for (;;) {
      if (this.getMetricDataRequests >= this.options.maxGetMetricDataRequests) {
        throw new GetMetricDataCapError(
          this.getMetricDataRequests + 1,
          this.options.maxGetMetricDataRequests,
          'this scan (with result pages)',
        );
      }
      const pageInput = nextToken ? { ...input, NextToken: nextToken } : input;
      const output = await withRetries(
        operation,
        () => client.send(new GetMetricDataCommand(pageInput)),
        this.options.retry,
        this.logRetry(operation),
      );
      // Billed per metric requested, on every page.
      this.getMetricDataRequests += 1;
      this.metricsRequested += queries.length;
      results.push(...(output.MetricDataResults ?? []));
      if (output.Messages?.length) {
        this.options.logger.warn('GetMetricData messages', { region, messages: output.Messages });
      }
      if (!output.NextToken) return results;
      if (output.NextToken === nextToken) throw new Error(`${operation} returned the same NextToken twice`);
      nextToken = output.NextToken;
    }
  }

  private logRetry(operation: string) {
    return (error: unknown, attempt: number, delayMs: number) => {
      this.options.logger.warn('CloudWatch request throttled or failed, retrying', {
        operation,
        attempt,
        delayMs,
        error: error instanceof Error ? error.name : String(error),
      });
    };
  }
}
