import { PutMetricDataCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { MetricDatumShape } from './metric-data';
import { withRetries, type RetryOptions } from '../shared/retry';
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
      const operation = `PutMetricData ${index + 1}/${batches.length} (${data.length} metrics)`;
      await withRetries(
        operation,
        () => this.options.client.send(new PutMetricDataCommand({ Namespace: this.options.namespace, MetricData: data })),
        this.options.retry,
        (error, attempt, delayMs) =>
          this.options.logger.warn('PutMetricData throttled or failed, retrying', {
            operation,
            attempt,
            delayMs,
            error: error instanceof Error ? error.name : String(error),
          }),
      );
    }
    this.options.logger.debug('Published metrics', { requests: batches.length, metrics: batches.reduce((n, b) => n + b.length, 0) });
  }
}
