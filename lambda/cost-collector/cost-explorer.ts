import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  GetCostForecastCommand,
  type GetCostAndUsageCommandInput,
} from '@aws-sdk/client-cost-explorer';
import type { CeResultByTime } from './aggregate';
import type { CostAndUsageRequest, CostForecastRequest } from '../../lib/core/finops/query-plan';
import { describeError, retryOptions, withRetries, type RetryOptions } from '../shared/retry';
import { sdkClientOptions } from '../shared/sdk-client-options';

/**
 * Thin Cost Explorer adapter: pagination, the per-run request counter and cap, retries with
 * backoff on throttling. Every attempt is a billed request (USD 0.01), so the client is created
 * with the SDK's own retries off: this adapter sees, counts and caps every request.
 */

/** A Cost Explorer client for the collector: us-east-1 (the only endpoint), SDK retries off. */
export function createCostExplorerClient(): CostExplorerClient {
  return new CostExplorerClient(sdkClientOptions({ region: 'us-east-1', maxAttempts: 1 }));
}

/** The client-file field of the collector's cap. */
const COLLECTOR_CAP_SETTING = 'finops.collector.maxRequestsPerRun';

/** The run reached its cap (`finops.collector.maxRequestsPerRun` for the collector). */
export class RequestCapError extends Error {
  constructor(
    readonly cap: number,
    detail: string,
    setting: string = COLLECTOR_CAP_SETTING,
  ) {
    super(
      `Cost Explorer request cap reached: ${detail}; the cap is ${cap} requests per run (${setting}, USD 0.01 each). No further request was made. Raise the cap if the budgets really need more.`,
    );
    this.name = 'RequestCapError';
  }
}

/** Options of the reader. */
export interface CostExplorerReaderOptions {
  /** Requests this run may make. */
  readonly maxRequests: number;
  /**
   * The client-file field that sets the cap, named when it is reached.
   * @default 'finops.collector.maxRequestsPerRun'
   */
  readonly capSetting?: string;
  readonly retry?: Partial<RetryOptions>;
  /** Called before each retry (for a log line). */
  readonly onRetry?: (what: string, error: unknown, attempt: number, delayMs: number) => void;
}

/** The answer of one GetCostAndUsage query, all pages. */
export interface CostAndUsageAnswer {
  readonly results: CeResultByTime[];
  readonly pages: number;
  /** Cost Explorer said it has no data (a brand-new account): the results are empty. */
  readonly dataUnavailable: boolean;
}

/** The answer of one GetCostForecast query. */
export type ForecastAnswer = { readonly amountUsd: number } | { readonly unavailable: string };

const errorName = (error: unknown): string => (error as { name?: string } | undefined)?.name ?? '';

/** "Not enough history": Cost Explorer cannot forecast yet, which is no forecast, not a failure. */
export function isForecastUnavailable(error: unknown): boolean {
  const name = errorName(error);
  const message = error instanceof Error ? error.message : '';
  return (
    name === 'DataUnavailableException' || (name === 'ValidationException' && /insufficient|not enough|historical data/i.test(message))
  );
}

/** Reads costs and forecasts, counting every request against the run's cap. One per run. */
export class CostExplorerReader {
  private count = 0;
  private readonly retry: RetryOptions;

  constructor(
    private readonly client: CostExplorerClient,
    private readonly options: CostExplorerReaderOptions,
  ) {
    this.retry = retryOptions(options.retry);
  }

  /** Requests made so far (every attempt of every page). */
  get requests(): number {
    return this.count;
  }

  private async send<T>(what: string, call: () => Promise<T>): Promise<T> {
    return withRetries(
      `Cost Explorer ${what}`,
      async () => {
        if (this.count >= this.options.maxRequests) {
          throw new RequestCapError(
            this.options.maxRequests,
            `${this.count} requests made, ${what} would need one more`,
            this.options.capSetting,
          );
        }
        this.count++;
        return call();
      },
      this.retry,
      (error, attempt, delayMs) => this.options.onRetry?.(what, error, attempt, delayMs),
    );
  }

  /**
   * Every page of a GetCostAndUsage query. The request is built once; each page sends exactly the
   * same parameters plus the token (Cost Explorer answers a changed request with
   * RequestChangedException). DataUnavailableException on the first page means no data yet:
   * empty results, not a failure.
   */
  async getCostAndUsage(id: string, request: CostAndUsageRequest): Promise<CostAndUsageAnswer> {
    const base = request as GetCostAndUsageCommandInput;
    const results: CeResultByTime[] = [];
    const seen = new Set<string>();
    let token: string | undefined;
    let pages = 0;
    do {
      const input: GetCostAndUsageCommandInput = token === undefined ? base : { ...base, NextPageToken: token };
      let output;
      try {
        output = await this.send(`GetCostAndUsage ${id} page ${pages + 1}`, () => this.client.send(new GetCostAndUsageCommand(input)));
      } catch (error) {
        if (pages === 0 && errorName(error) === 'DataUnavailableException') return { results: [], pages: 0, dataUnavailable: true };
        throw error;
      }
      pages++;
      for (const result of output.ResultsByTime ?? []) results.push(result);
      token = output.NextPageToken || undefined;
      if (token !== undefined) {
        if (seen.has(token))
          throw new Error(
            `Cost Explorer GetCostAndUsage ${id} returned the page token of an earlier page again (page ${pages}); stopping to avoid a request loop`,
          );
        seen.add(token);
      }
    } while (token !== undefined);
    return { results, pages, dataUnavailable: false };
  }

  /** The forecast total of a period, or why there is none ("not enough history"). */
  async getCostForecast(id: string, request: CostForecastRequest): Promise<ForecastAnswer> {
    try {
      const output = await this.send(`GetCostForecast ${id}`, () => this.client.send(new GetCostForecastCommand(request)));
      const amount = Number(output.Total?.Amount);
      return Number.isFinite(amount) ? { amountUsd: amount } : { unavailable: 'the forecast had no amount' };
    } catch (error) {
      if (isForecastUnavailable(error)) return { unavailable: describeError(error) };
      throw error;
    }
  }
}
