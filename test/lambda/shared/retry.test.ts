import { backoffDelayMs, describeError, isRetryable, isThrottling, RetriesExhaustedError, withRetries } from '../../../lambda/shared/retry';

const sdkError = (name: string, status?: number, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(`${name} happened`), { name, $metadata: status === undefined ? {} : { httpStatusCode: status }, ...extra });

describe('error classification', () => {
  test.each([
    [sdkError('LimitExceededException', 400), true, true],
    [sdkError('ThrottlingException', 400), true, true],
    [sdkError('SomethingElse', 429), true, true],
    [sdkError('Custom', 400, { $retryable: { throttling: true } }), true, true],
    [sdkError('InternalServiceFault', 500), false, true],
    [sdkError('ServiceUnavailable', 503), false, true],
    [sdkError('Whatever', 502), false, true],
    [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), false, true],
    [sdkError('ValidationException', 400), false, false],
    [sdkError('InvalidParameterValue', 400), false, false],
    [sdkError('AccessDeniedException', 403), false, false],
    [new Error('plain'), false, false],
    [undefined, false, false],
  ])('%s: throttling %s, retryable %s', (error, throttling, retryable) => {
    expect(isThrottling(error)).toBe(throttling);
    expect(isRetryable(error)).toBe(retryable);
  });
});

describe('backoffDelayMs', () => {
  const options = { baseDelayMs: 500, maxDelayMs: 8000 };
  test.each([
    [1, 0, 250],
    [1, 0.999999, 500],
    [2, 0, 500],
    [3, 0, 1000],
    [4, 0.5, 3000],
    [6, 0, 4000],
    [10, 1, 8000], // capped
  ])('attempt %i, random %d -> %i ms', (attempt, random, expected) => {
    expect(backoffDelayMs(attempt, { ...options, random: () => random })).toBe(expected);
  });
});

describe('withRetries', () => {
  const options = (sleeps: number[]) => ({
    maxAttempts: 4,
    baseDelayMs: 100,
    maxDelayMs: 1000,
    random: () => 0,
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
  });

  test('retries throttling with growing delays, then succeeds', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const result = await withRetries(
      'op',
      async () => {
        calls++;
        if (calls < 3) throw sdkError('LimitExceededException', 400);
        return 'ok';
      },
      options(sleeps),
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
    expect(sleeps).toEqual([50, 100]);
  });

  test('gives up after maxAttempts with an error naming the operation, the attempts and the cause', async () => {
    const sleeps: number[] = [];
    const error = await withRetries(
      'Cost Explorer X',
      async () => {
        throw sdkError('ThrottlingException', 400);
      },
      options(sleeps),
    ).catch((e) => e);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect(error.message).toBe('Cost Explorer X still failing after 4 attempts: ThrottlingException: ThrottlingException happened');
    expect(error.attempts).toBe(4);
    expect(error.cause.name).toBe('ThrottlingException');
    expect(sleeps).toEqual([50, 100, 200]);
  });

  test('does not retry an error that retrying cannot fix', async () => {
    let calls = 0;
    await expect(
      withRetries(
        'op',
        async () => {
          calls++;
          throw sdkError('ValidationException', 400);
        },
        options([]),
      ),
    ).rejects.toThrow('ValidationException happened');
    expect(calls).toBe(1);
  });

  test('describeError', () => {
    expect(describeError(sdkError('X', 400))).toBe('X: X happened');
    expect(describeError('text')).toBe('text');
  });
});
