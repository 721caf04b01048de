import { backoffDelayMs, isRetryableError, isThrottlingError, RetriesExhaustedError, withRetry, type RetryOptions } from '../../../lambda/waste-finder/retry';

const named = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(`${name} happened`), { name, ...extra });

function options(overrides: Partial<RetryOptions> = {}) {
  const waits: number[] = [];
  const opts: RetryOptions = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 250, sleep: async (ms) => { waits.push(ms); }, random: () => 1, ...overrides };
  return { opts, waits };
}

describe('error classification', () => {
  test.each(['Throttling', 'ThrottlingException', 'LimitExceededException', 'TooManyRequestsException', 'RequestLimitExceeded'])('%s is throttling', (name) => {
    expect(isThrottlingError(named(name))).toBe(true);
  });

  test('the SDK markers count too', () => {
    expect(isThrottlingError(named('Whatever', { $retryable: { throttling: true } }))).toBe(true);
    expect(isThrottlingError(named('Whatever', { $metadata: { httpStatusCode: 429 } }))).toBe(true);
    expect(isRetryableError(named('InternalServiceFault'))).toBe(true);
    expect(isRetryableError(named('Whatever', { $fault: 'server' }))).toBe(true);
    expect(isRetryableError(named('Error', { code: 'ECONNRESET' }))).toBe(true);
  });

  test.each(['InvalidParameterValueException', 'AccessDeniedException', 'LimitExceededFault', 'InvalidNextToken'])('%s is not retried', (name) => {
    expect(isRetryableError(named(name, { $fault: 'client', $metadata: { httpStatusCode: 400 } }))).toBe(false);
  });

  test('non-errors are not retried', () => {
    expect(isRetryableError(undefined)).toBe(false);
    expect(isRetryableError('Throttling')).toBe(false);
  });
});

describe('withRetry', () => {
  test('retries throttling with exponential backoff, capped, then succeeds', async () => {
    // given
    const { opts, waits } = options();
    const fn = jest.fn()
      .mockRejectedValueOnce(named('Throttling'))
      .mockRejectedValueOnce(named('ThrottlingException'))
      .mockRejectedValueOnce(named('LimitExceededException'))
      .mockResolvedValue('ok');
    // when
    const result = await withRetry('op', fn, opts);
    // then
    expect(result).toBe('ok');
    expect(fn).toHaveBeenCalledTimes(4);
    expect(waits).toEqual([100, 200, 250]);
  });

  test('gives up after maxAttempts with an error naming the operation and the cause', async () => {
    const { opts, waits } = options();
    const throttled = named('Throttling');
    const fn = jest.fn().mockRejectedValue(throttled);
    const failure = withRetry('GetMetricData in eu-west-1', fn, opts);
    await expect(failure).rejects.toThrow(new RetriesExhaustedError('GetMetricData in eu-west-1', 4, throttled).message);
    await expect(failure).rejects.toMatchObject({ name: 'RetriesExhaustedError', attempts: 4, cause: throttled });
    expect(fn).toHaveBeenCalledTimes(4);
    expect(waits).toHaveLength(3);
  });

  test('fails at once on an error that waiting does not fix', async () => {
    const { opts, waits } = options();
    const denied = named('AccessDeniedException');
    const fn = jest.fn().mockRejectedValue(denied);
    await expect(withRetry('op', fn, opts)).rejects.toBe(denied);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(waits).toEqual([]);
  });

  test('reports each retry', async () => {
    const { opts } = options();
    const onRetry = jest.fn();
    await withRetry('op', jest.fn().mockRejectedValueOnce(named('Throttling')).mockResolvedValue(1), opts, onRetry);
    expect(onRetry).toHaveBeenCalledWith(expect.objectContaining({ operation: 'op', attempt: 1, delayMs: 100 }));
  });

  test('jitter keeps at least half of the delay', () => {
    expect(backoffDelayMs(3, { baseDelayMs: 100, maxDelayMs: 10_000, random: () => 0 })).toBe(200);
    expect(backoffDelayMs(3, { baseDelayMs: 100, maxDelayMs: 10_000, random: () => 1 })).toBe(400);
  });
});
