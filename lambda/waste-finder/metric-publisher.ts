import { PutMetricDataCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { MetricDatumShape } from './metric-data';
import { withRetry, type RetryOptions } from './retry';
import type { LogPort, MetricsPublisher } from './scan';

/** What the publisher needs. */
export interface MetricPublisherOptions {
  /** The home region's client: every FinOps metric lives in the home region. */
  readonly client: CloudWatchClient;
  /** The only namespace the function's IAM policy lets it write to. */
  readonly namespace: string;
  readonly retry: RetryOptions;
  readonly logger: LogPort;
}

/** Thin CloudWatch adapter for writing: one PutMetricData request per batch, retried on throttling. */
export class MetricPublisher implements MetricsPublisher {
  constructor(private readonly options: MetricPublisherOptions) {}

  /** Sends the batches in order (batching is metric-data.ts's job). */
  async publish(batches: MetricDatumShape[][]): Promise<void> {
    for (const [index, data] of batches.entries()) {
      await withRetry(
        `PutMetricData ${index + 1}/${batches.length} (${data.length} metrics)`,
        () => this.options.client.send(new PutMetricDataCommand({ Namespace: this.options.namespace, MetricData: data })),
        this.options.retry,
        (info) => this.options.logger.warn('PutMetricData throttled or failed, retrying', {
          operation: info.operation, attempt: info.attempt, delayMs: info.delayMs,
          error: info.error instanceof Error ? info.error.name : String(info.error),
        }),
      );
    }
    this.options.logger.debug('Published metrics', { requests: batches.length, metrics: batches.reduce((n, b) => n + b.length, 0) });
  }
}
