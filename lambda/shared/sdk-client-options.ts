/**
 * Connection and request timeouts for every AWS SDK client of the platform's functions. Without
 * them, a connection that opens but never answers waits out the function's whole timeout (300 s
 * for the cost collector) and the run dies without saying which call hung. With them, the call
 * fails after at most 5 s (connect) or 30 s (answer) with a TimeoutError that names the operation,
 * well inside every function's timeout, and the retries of ./retry.ts can try again.
 */
export const SDK_TIMEOUTS = { connectionTimeoutMs: 5_000, requestTimeoutMs: 30_000 } as const;

/** The timeouts in milliseconds; the defaults are {@link SDK_TIMEOUTS}. */
export interface SdkTimeouts {
  readonly connectionTimeoutMs: number;
  readonly requestTimeoutMs: number;
}

/** The `requestHandler` options the SDK builds its Node.js HTTP handler from. */
export interface SdkRequestHandlerOptions {
  readonly connectionTimeout: number;
  readonly requestTimeout: number;
  /**
   * Without it, the SDK only logs a warning when `requestTimeout` passes and keeps waiting
   * (`@smithy/node-http-handler`: the option was long a socket idle timeout, so throwing is
   * opt-in). A test against a silent endpoint caught this.
   */
  readonly throwOnRequestTimeout: true;
}

/**
 * A client configuration with the timeouts added, e.g.
 * `new CloudWatchClient(sdkClientOptions({ region, maxAttempts: 1 }))`.
 */
export function sdkClientOptions<T extends object>(
  options: T,
  timeouts: SdkTimeouts = SDK_TIMEOUTS,
): T & { requestHandler: SdkRequestHandlerOptions } {
  return {
    ...options,
    requestHandler: {
      connectionTimeout: timeouts.connectionTimeoutMs,
      requestTimeout: timeouts.requestTimeoutMs,
      throwOnRequestTimeout: true,
    },
  };
}
