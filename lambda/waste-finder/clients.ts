import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { sdkClientOptions } from '../shared/sdk-client-options';

/**
 * One CloudWatch client per region, created on first use and kept for the life of the execution
 * environment (warm invocations reuse its connections).
 */
const clients = new Map<string, CloudWatchClient>();

/** The CloudWatch client of a region. */
export function cloudWatchClientFor(region: string): CloudWatchClient {
  let client = clients.get(region);
  if (!client) {
    // Retries live in ../shared/retry.ts (backoff with an injectable sleep); SDK retries would multiply them.
    client = new CloudWatchClient(sdkClientOptions({ region, maxAttempts: 1 }));
    clients.set(region, client);
  }
  return client;
}
