/**
 * Retries with exponential backoff for throttled and transient CloudWatch errors. No SDK import:
 * errors are recognised by name and by the SDK's `$retryable` / `$fault` markers. The SDK clients
 * are created with `maxAttempts: 1`, so this is the only retry layer (two layers would multiply).
 */

/** Error names CloudWatch (and the AWS SDK) use for throttling. */
export const THROTTLING_ERROR_NAMES: ReadonlySet<string> = new Set([
  'Throttling', // CloudWatch's own code (query-compatible)
  'ThrottlingException',
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'LimitExceededException',
  // Not 'LimitExceededFault': CloudWatch uses it for quotas (too many alarms), which no wait fixes.
]);

/** Names of transient server-side or network errors worth another attempt. */
const TRANSIENT_ERROR_NAMES: ReadonlySet<string> = new Set([
  'InternalServiceFault',
  'InternalFailure',
  'ServiceUnavailable',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

const TRANSIENT_NETWORK_CODES: ReadonlySet<string> = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNREFUSED', 'EAI_AGAIN']);

interface AwsLikeError {
  name?: string;
  code?: string;
  $fault?: string;
  $retryable?: { throttling?: boolean };
  $metadata?: { httpStatusCode?: number };
}

/** Whether an error is CloudWatch refusing for rate reasons. */
export function isThrottlingError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as AwsLikeError;
  return THROTTLING_ERROR_NAMES.has(e.name ?? '') || e.$retryable?.throttling === true || e.$metadata?.httpStatusCode === 429;
}

/** Whether an error is worth retrying: throttling, a server fault or a dropped connection. */
export function isRetryableError(error: unknown): boolean {
  if (isThrottlingError(error)) return true;
  if (typeof error !== 'object' || error === null) return false;
  const e = error as AwsLikeError;
  return TRANSIENT_ERROR_NAMES.has(e.name ?? '')
    || TRANSIENT_NETWORK_CODES.has(e.code ?? '')
    || e.$fault === 'server'
    || (e.$metadata?.httpStatusCode ?? 0) >= 500;
}

/** Backoff settings. */
export interface RetryOptions {
  /** Attempts in all, the first included. */
  readonly maxAttempts: number;
  /** Delay before the second attempt; doubles each time. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Injected so tests do not wait. */
  readonly sleep: (ms: number) => Promise<void>;
  /** 0..1; injected so tests are deterministic. Default: Math.random. */
  readonly random?: () => number;
}

/**
 * Default backoff: 6 attempts, waits of about 0.5, 1, 2, 4 and 8 s (half fixed, half jitter),
 * at most ~15 s in all: well inside the function's timeout, long enough for CloudWatch's
 * per-second quotas to refill.
 */
export const DEFAULT_RETRY: Omit<RetryOptions, 'sleep'> = { maxAttempts: 6, baseDelayMs: 500, maxDelayMs: 8_000 };

/** Sleeps for real. */
export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The wait before attempt `attempt + 1` (equal jitter: half fixed, half random). */
export function backoffDelayMs(attempt: number, options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  const random = options.random ?? Math.random;
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** Thrown when an operation is still throttled or failing after the last attempt. */
export class RetriesExhaustedError extends Error {
  constructor(readonly operation: string, readonly attempts: number, readonly lastError: unknown) {
    super(`${operation} failed after ${attempts} attempts: ${describe(lastError)}`, { cause: lastError });
    this.name = 'RetriesExhaustedError';
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * Runs `fn`, retrying retryable errors with backoff; other errors fail at once. `onRetry` is told
 * about each retry (for a log line).
 */
export async function withRetry<T>(
  operation: string,
  fn: () => Promise<T>,
  options: RetryOptions,
  onRetry?: (info: { operation: string; attempt: number; delayMs: number; error: unknown }) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (error) {
      if (!isRetryableError(error)) throw error;
      if (attempt >= options.maxAttempts) throw new RetriesExhaustedError(operation, attempt, error);
      const delayMs = backoffDelayMs(attempt, options);
      onRetry?.({ operation, attempt, delayMs, error });
      await options.sleep(delayMs);
    }
  }
}
