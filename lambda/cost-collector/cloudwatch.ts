import {
  CloudWatchClient,
  GetMetricDataCommand,
  PutMetricDataCommand,
  type MetricDataResult,
  type MetricDatum,
} from '@aws-sdk/client-cloudwatch';
import { FINOPS_NAMESPACE } from '../../lib/core/finops/metrics';
import type { MetricPoint } from './metrics';
import { describeError, retryOptions, withRetries, type RetryOptions } from '../shared/retry';
import type { WasteRequest } from './waste';
import { sdkClientOptions } from '../shared/sdk-client-options';

/**
 * Thin CloudWatch adapter: one PutMetricData per batch, each retried with backoff. A batch that
 * still fails is counted as lost and the remaining batches are still sent, so that one bad
 * request loses as little as possible; the caller fails the run if anything was lost. And the
 * one GetMetricData request that reads the waste finder's figures for the digest.
 */

/** A CloudWatch client for the collector: retries are this adapter's (counted, logged). */
export function createCloudWatchClient(): CloudWatchClient {
  return new CloudWatchClient(sdkClientOptions({ maxAttempts: 1 }));
}

/** What a publication achieved. */
export interface PublishReport {
  /** PutMetricData requests made (every attempt). */
  readonly calls: number;
  readonly published: number;
  readonly lost: number;
  /** One line per lost batch. */
  readonly failures: readonly string[];
}

/** Metrics were lost: the run must fail so that its Errors alarm fires. */
export class MetricsLostError extends Error {
  constructor(
    readonly lost: number,
    readonly total: number,
    failures: readonly string[],
  ) {
    super(`${lost} of ${total} metrics were not published to CloudWatch (${FINOPS_NAMESPACE}) after retries: ${failures.join('; ')}`);
    this.name = 'MetricsLostError';
  }
}

/** Options of the publisher. */
export interface MetricPublisherOptions {
  readonly retry?: Partial<RetryOptions>;
  readonly onRetry?: (what: string, error: unknown, attempt: number, delayMs: number) => void;
}

/** Publishes batches of datapoints into the FinOps namespace. */
export class MetricPublisher {
  private readonly retry: RetryOptions;

  constructor(
    private readonly client: CloudWatchClient,
    private readonly options: MetricPublisherOptions = {},
  ) {
    this.retry = retryOptions(options.retry);
  }

  /** Sends every batch, in order; never throws for a failed batch (see {@link PublishReport}). */
  async publish(batches: readonly (readonly MetricPoint[])[]): Promise<PublishReport> {
    let calls = 0;
    let published = 0;
    let lost = 0;
    const failures: string[] = [];
    for (const [index, batch] of batches.entries()) {
      const what = `PutMetricData batch ${index + 1}/${batches.length} (${batch.length} metrics)`;
      try {
        await withRetries(
          what,
          async () => {
            calls++;
            await this.client.send(new PutMetricDataCommand({ Namespace: FINOPS_NAMESPACE, MetricData: batch as MetricDatum[] }));
          },
          this.retry,
          (error, attempt, delayMs) => this.options.onRetry?.(what, error, attempt, delayMs),
        );
        published += batch.length;
      } catch (error) {
        lost += batch.length;
        failures.push(`${what}: ${describeError(error)}`);
      }
    }
    return { calls, published, lost, failures };
  }
}

/**
 * Sends the waste figures request (see waste.ts), retried with backoff like PutMetricData, and
 * returns its results. One request, no further page: its two queries per resource type of at most
 * two values each are far below the 100,800 data points a page holds. Throws when the request still fails.
 */
export async function getWasteMetricData(
  client: CloudWatchClient,
  request: WasteRequest,
  options: MetricPublisherOptions = {},
): Promise<MetricDataResult[]> {
  const what = `GetMetricData waste figures (${request.MetricDataQueries.length} queries)`;
  const output = await withRetries(
    what,
    () => client.send(new GetMetricDataCommand(request)),
    retryOptions(options.retry),
    (error, attempt, delayMs) => options.onRetry?.(what, error, attempt, delayMs),
  );
  return output.MetricDataResults ?? [];
}
