import {
  CostExplorerClient,
  DataUnavailableException,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
  LimitExceededException,
} from '@aws-sdk/client-cost-explorer';
import { mockClient } from 'aws-sdk-client-mock';
import { CostExplorerReader, createCostExplorerClient, RequestCapError } from '../../../lambda/cost-collector/cost-explorer';
import type { CostAndUsageRequest } from '../../../lib/core/finops/query-plan';
import { RetriesExhaustedError } from '../../../lambda/shared/retry';

const ceMock = mockClient(CostExplorerClient);
const request: CostAndUsageRequest = {
  TimePeriod: { Start: '2026-02-01', End: '2026-03-16' },
  Granularity: 'DAILY',
  Metrics: ['UnblendedCost'],
  GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
};
const page = (date: string, token?: string) => ({
  ResultsByTime: [
    { TimePeriod: { Start: date, End: date }, Groups: [{ Keys: ['EC2'], Metrics: { UnblendedCost: { Amount: '1', Unit: 'USD' } } }] },
  ],
  NextPageToken: token,
  $metadata: {},
});
/** Cost Explorer's model declares no ValidationException class; the service still answers with one. */
const validation = (message: string) =>
  Object.assign(new Error(message), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
const throttled = () => new LimitExceededException({ message: 'Rate exceeded', $metadata: { httpStatusCode: 400 } });
let sleeps: number[];
const reader = (maxRequests = 40) =>
  new CostExplorerReader(new CostExplorerClient({}), {
    maxRequests,
    retry: {
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0,
    },
  });

beforeEach(() => {
  ceMock.reset();
  sleeps = [];
});

test('the client talks to us-east-1 (the only Cost Explorer endpoint) with the SDK retries off, so every request is counted', async () => {
  const client = createCostExplorerClient();
  expect(await client.config.region()).toBe('us-east-1');
  expect(await client.config.maxAttempts()).toBe(1);
});

describe('getCostAndUsage', () => {
  test('follows three pages with unchanged parameters and stops at the last one', async () => {
    // given
    ceMock
      .on(GetCostAndUsageCommand)
      .resolvesOnce(page('2026-03-01', 'token-1'))
      .resolvesOnce(page('2026-03-02', 'token-2'))
      .resolvesOnce(page('2026-03-03'));
    const ce = reader();

    // when
    const answer = await ce.getCostAndUsage('services', request);

    // then
    const inputs = ceMock.commandCalls(GetCostAndUsageCommand).map((call) => call.args[0].input);
    expect(inputs).toHaveLength(3);
    expect(inputs.map((input) => input.NextPageToken)).toEqual([undefined, 'token-1', 'token-2']);
    for (const input of inputs) {
      const { NextPageToken: _token, ...rest } = input;
      expect(rest).toEqual(request);
    }
    expect(answer.pages).toBe(3);
    expect(answer.results.map((r) => r.TimePeriod?.Start)).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(ce.requests).toBe(3);
  });

  test('an empty token ends the pagination', async () => {
    ceMock.on(GetCostAndUsageCommand).resolves(page('2026-03-01', ''));
    await reader().getCostAndUsage('services', request);
    expect(ceMock.commandCalls(GetCostAndUsageCommand)).toHaveLength(1);
  });

  test('throttling is retried with growing backoff and every attempt counts as a request', async () => {
    ceMock.on(GetCostAndUsageCommand).rejectsOnce(throttled()).rejectsOnce(throttled()).resolves(page('2026-03-01'));
    const ce = reader();
    const answer = await ce.getCostAndUsage('services', request);
    expect(answer.results).toHaveLength(1);
    expect(sleeps).toEqual([250, 500]);
    expect(ce.requests).toBe(3);
  });

  test('throttling that does not stop fails with the query, the attempts and the cause', async () => {
    ceMock.on(GetCostAndUsageCommand).rejects(throttled());
    const ce = reader();
    const error = await ce.getCostAndUsage('services', request).catch((e) => e);
    expect(error).toBeInstanceOf(RetriesExhaustedError);
    expect(error.message).toBe(
      'Cost Explorer GetCostAndUsage services page 1 still failing after 5 attempts: LimitExceededException: Rate exceeded',
    );
    expect(ceMock.commandCalls(GetCostAndUsageCommand)).toHaveLength(5);
    expect(sleeps).toEqual([250, 500, 1000, 2000]);
  });

  test('the request cap stops before the request that would exceed it', async () => {
    ceMock
      .on(GetCostAndUsageCommand)
      .resolvesOnce(page('2026-03-01', 't1'))
      .resolvesOnce(page('2026-03-02', 't2'))
      .resolves(page('2026-03-03'));
    const ce = reader(2);
    const error = await ce.getCostAndUsage('services', request).catch((e) => e);
    expect(error).toBeInstanceOf(RequestCapError);
    expect(error.message).toMatch(
      /^Cost Explorer request cap reached: 2 requests made, GetCostAndUsage services page 3 would need one more; the cap is 2 requests per run \(finops.collector.maxRequestsPerRun, USD 0.01 each\)/,
    );
    expect(ceMock.commandCalls(GetCostAndUsageCommand)).toHaveLength(2);
  });

  test('retries count against the cap too', async () => {
    ceMock.on(GetCostAndUsageCommand).rejects(throttled());
    const error = await reader(3)
      .getCostAndUsage('services', request)
      .catch((e) => e);
    expect(error).toBeInstanceOf(RequestCapError);
    expect(ceMock.commandCalls(GetCostAndUsageCommand)).toHaveLength(3);
  });

  test('DataUnavailableException (brand-new account) is an empty answer, not a failure', async () => {
    ceMock.on(GetCostAndUsageCommand).rejects(new DataUnavailableException({ message: 'Data is not available', $metadata: {} }));
    expect(await reader().getCostAndUsage('services', request)).toEqual({ results: [], pages: 0, dataUnavailable: true });
  });

  test('DataUnavailableException after the first page fails (half an answer would under-report)', async () => {
    ceMock
      .on(GetCostAndUsageCommand)
      .resolvesOnce(page('2026-03-01', 't1'))
      .rejects(new DataUnavailableException({ message: 'gone', $metadata: {} }));
    await expect(reader().getCostAndUsage('services', request)).rejects.toThrow('gone');
  });

  test('a token that repeats stops instead of looping', async () => {
    ceMock.on(GetCostAndUsageCommand).resolves(page('2026-03-01', 'same'));
    await expect(reader().getCostAndUsage('services', request)).rejects.toThrow(
      /returned the page token of an earlier page again \(page 2\)/,
    );
    expect(ceMock.commandCalls(GetCostAndUsageCommand)).toHaveLength(2);
  });
});

describe('getCostForecast', () => {
  const forecast = { TimePeriod: { Start: '2026-03-15', End: '2026-04-01' }, Granularity: 'MONTHLY', Metric: 'UNBLENDED_COST' } as const;

  test('returns the total', async () => {
    ceMock.on(GetCostForecastCommand).resolves({ Total: { Amount: '123.45', Unit: 'USD' } });
    expect(await reader().getCostForecast('f', forecast)).toEqual({ amountUsd: 123.45 });
    expect(ceMock.commandCalls(GetCostForecastCommand)[0].args[0].input).toEqual(forecast);
  });

  test.each([
    ['DataUnavailableException', new DataUnavailableException({ message: 'Insufficient amount of historical data', $metadata: {} })],
    ['a ValidationException about history', validation('Insufficient amount of historical data to generate forecast')],
  ])('%s means no forecast, not a failure', async (_name, error) => {
    ceMock.on(GetCostForecastCommand).rejects(error);
    expect(await reader().getCostForecast('f', forecast)).toEqual({ unavailable: expect.stringMatching(/historical data/) });
  });

  test('any other ValidationException fails', async () => {
    ceMock.on(GetCostForecastCommand).rejects(validation('start date is in the past'));
    await expect(reader().getCostForecast('f', forecast)).rejects.toThrow('start date is in the past');
  });

  test('throttling is retried', async () => {
    ceMock
      .on(GetCostForecastCommand)
      .rejectsOnce(throttled())
      .resolves({ Total: { Amount: '1', Unit: 'USD' } });
    const ce = reader();
    expect(await ce.getCostForecast('f', forecast)).toEqual({ amountUsd: 1 });
    expect(ce.requests).toBe(2);
  });
});
