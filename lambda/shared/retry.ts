/**
 * Retries with exponential backoff, shared by the Lambdas' SDK adapters (Cost Explorer,
 * CloudWatch). No SDK import: errors are classified by the fields every SDK v3 error carries
 * (`name`, `code`, `$metadata`, `$retryable`, `$fault`). The SDK clients are created with
 * `maxAttempts: 1`, so this is the only retry layer (two layers would multiply the attempts).
 */

/** How to retry. `sleep` and `random` are injectable so tests run instantly and deterministically. */
export interface RetryOptions {
  /** Attempts in total, the first included. */
  readonly maxAttempts: number;
  /** Delay before the second attempt (doubles for each further one, with jitter). */
  readonly baseDelayMs: number;
  /** Ceiling of one delay. */
  readonly maxDelayMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  /** A number in [0, 1), as Math.random. */
  readonly random: () => number;
}

/**
 * Default retry options: 5 attempts, 0.5 s doubling up to 8 s (about 7.5 s of waiting at worst):
 * well inside the functions' timeouts, long enough for per-second quotas to refill.
 */
export const DEFAULT_RETRY: Omit<RetryOptions, 'sleep' | 'random'> = { maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 8000 };

/** Waits `ms` milliseconds. */
export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Retry options for production: {@link DEFAULT_RETRY}, real sleep and jitter, then `overrides`. */
export function retryOptions(overrides: Partial<RetryOptions> = {}): RetryOptions {
  return { ...DEFAULT_RETRY, sleep: realSleep, random: Math.random, ...overrides };
}

/**
 * The delay before attempt `attempt + 1` (attempt counts from 1): half of the exponential step
 * plus a random half ("equal jitter"), so delays grow and concurrent callers spread out.
 */
export function backoffDelayMs(attempt: number, options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>): number {
  const step = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + options.random() * (step / 2));
}

/** Error names AWS services use for throttling. */
const THROTTLING = new Set([
  'LimitExceededException', // Cost Explorer; not CloudWatch's LimitExceededFault (a quota, which no wait fixes)
  'ThrottlingException',
  'Throttling', // CloudWatch's own code (query-compatible)
  'ThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'RequestThrottled',
  'RequestThrottledException',
  'ProvisionedThroughputExceededException',
]);

/** Names of transient server-side errors worth another attempt. */
const TRANSIENT = new Set([
  'InternalServiceFault',
  'InternalFailure',
  'InternalError',
  'ServiceUnavailable',
  'ServiceUnavailableException',
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
]);

/** Node.js codes of dropped or refused connections. */
const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

interface SdkErrorLike {
  name?: string;
  code?: string;
  $fault?: string;
  $retryable?: unknown;
  $metadata?: { httpStatusCode?: number };
}

/** Whether an error is throttling (retry after backing off). */
export function isThrottling(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as SdkErrorLike;
  const retryable = e.$retryable as { throttling?: boolean } | undefined;
  return (
    THROTTLING.has(e.name ?? '') ||
    e.$metadata?.httpStatusCode === 429 ||
    (typeof retryable === 'object' && retryable !== null && retryable.throttling === true)
  );
}

/** Whether an error is worth retrying: throttling, a server-side fault, or a network failure. */
export function isRetryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as SdkErrorLike;
  if (isThrottling(e) || TRANSIENT.has(e.name ?? '') || NETWORK_CODES.has(e.code ?? '') || e.$retryable || e.$fault === 'server')
    return true;
  const status = e.$metadata?.httpStatusCode;
  return status !== undefined && status >= 500;
}

/** The error of an operation that still failed after its retries. */
export class RetriesExhaustedError extends Error {
  constructor(
    message: string,
    /** Attempts made. */
    readonly attempts: number,
    options: { cause: unknown },
  ) {
    super(message, options);
    this.name = 'RetriesExhaustedError';
  }
}

/** A short description of any error: `Name: message`. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

/**
 * Runs `operation` until it succeeds, the error is not retryable (rethrown as is), or the
 * attempts are used up (a {@link RetriesExhaustedError} naming `what` and the last error).
 * `onRetry` hears of each retry (for a log line).
 */
export async function withRetries<T>(
  what: string,
  operation: (attempt: number) => Promise<T>,
  options: RetryOptions,
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (!isRetryable(error)) throw error;
      if (attempt >= options.maxAttempts) {
        throw new RetriesExhaustedError(`${what} still failing after ${attempt} attempts: ${describeError(error)}`, attempt, {
          cause: error,
        });
      }
      const delayMs = backoffDelayMs(attempt, options);
      onRetry?.(error, attempt, delayMs);
      await options.sleep(delayMs);
    }
  }
}
