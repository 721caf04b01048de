import type { BudgetConfig } from '../../lib/core/config/finops-schema';
import type { ForecastQuery } from '../../lib/core/finops/query-plan';
import type { IsoDate, IsoMonth } from '../../lib/core/finops/windows';

/**
 * Budget evaluation: used percent (actual and forecast), the thresholds crossed, and which of them
 * are new this month compared with the state saved by the previous run. Pure.
 */

/** One threshold of a budget. */
export type BudgetThreshold = BudgetConfig['thresholds'][number];

/** A budget's numbers at run time. */
export interface BudgetStatus {
  readonly budget: BudgetConfig;
  readonly monthToDateUsd: number;
  /** Expected cost at the end of the month; undefined when Cost Explorer has no forecast. */
  readonly forecastMonthEndUsd: number | undefined;
  /** Month-to-date cost as a percentage of the limit. */
  readonly usedPercent: number;
  /** Forecast month-end cost as a percentage of the limit; undefined without a forecast. */
  readonly forecastUsedPercent: number | undefined;
  /** Thresholds reached now (value >= percent), in config order. */
  readonly crossed: readonly BudgetThreshold[];
}

/** Thresholds already reported, per budget, for one month: what the SSM parameter holds. */
export interface ReportedState {
  readonly month: IsoMonth;
  /** Budget name -> ids of the thresholds reported this month ({@link thresholdId}). */
  readonly reported: Readonly<Record<string, readonly string[]>>;
  /** The forecasts requested earlier on the client's day; absent in states of older versions. */
  readonly forecasts?: ForecastCache;
}

/**
 * Month-end forecasts kept for the rest of the client's day: a forecast barely moves within a day
 * and each request costs USD 0.01, so the second daily run reuses the first run's answers.
 */
export interface ForecastCache {
  /** The client's local date the forecasts were requested on. */
  readonly date: IsoDate;
  /**
   * First day of the forecast period they cover. A run just after local midnight can still be on
   * the previous UTC day, whose forecast period starts a day earlier: reusing that amount would
   * count the day both as actual and as forecast.
   */
  readonly from: IsoDate;
  /** {@link forecastKey} -> forecast amount in USD; null: Cost Explorer had no forecast. */
  readonly amounts: Readonly<Record<string, number | null>>;
}

/** A budget with thresholds crossed for the first time this month. */
export interface BudgetAlert {
  readonly status: BudgetStatus;
  /** The newly crossed thresholds, in config order. */
  readonly thresholds: readonly BudgetThreshold[];
}

/**
 * Compact id of a threshold in the state (`a80` = 80 % actual, `f100` = 100 % forecast): the
 * state must fit a standard SSM parameter (4 KB) with 50 budgets.
 */
export function thresholdId(threshold: BudgetThreshold): string {
  return `${threshold.basis === 'actual' ? 'a' : 'f'}${threshold.percent}`;
}

/**
 * The month-end forecast: the actual cost of the month's days before the forecast period plus
 * the forecast of the rest (Cost Explorer forecasts whole days, today included, so today's
 * partial actual cost is not added twice). When the month is already over in UTC (no forecast
 * period) the month-to-date cost is final. Undefined when Cost Explorer gave no forecast.
 */
export function monthEndForecastUsd(
  actuals: { readonly monthToDateUsd: number; readonly beforeForecastUsd: number },
  forecastPeriod: unknown,
  forecastUsd: number | undefined,
): number | undefined {
  if (!forecastPeriod) return actuals.monthToDateUsd;
  return forecastUsd === undefined ? undefined : actuals.beforeForecastUsd + forecastUsd;
}

/** Evaluates a budget's thresholds against its month-to-date and forecast costs. */
export function evaluateBudget(budget: BudgetConfig, monthToDateUsd: number, forecastMonthEndUsd: number | undefined): BudgetStatus {
  const usedPercent = (monthToDateUsd / budget.monthlyLimitUsd) * 100;
  const forecastUsedPercent = forecastMonthEndUsd === undefined ? undefined : (forecastMonthEndUsd / budget.monthlyLimitUsd) * 100;
  const crossed = budget.thresholds.filter((threshold) => {
    const value = threshold.basis === 'actual' ? usedPercent : forecastUsedPercent;
    // A tolerance of a millionth of a percent, so that exactly-at-the-limit amounts computed with
    // floating point (e.g. 0.1 + 0.2) still count as reached.
    return value !== undefined && value >= threshold.percent - 1e-6;
  });
  return { budget, monthToDateUsd, forecastMonthEndUsd, usedPercent, forecastUsedPercent, crossed };
}

/**
 * Which thresholds are new this month, and the state to save. A threshold once reported stays
 * reported until the month ends, even if the forecast later drops below it: the digest goes out
 * on a change, never twice for the same threshold in a month. A new month starts from nothing;
 * budgets no longer configured are dropped from the state.
 */
export function newThresholds(
  statuses: readonly BudgetStatus[],
  previous: ReportedState | undefined,
  month: IsoMonth,
  forecasts?: ForecastCache,
): { alerts: BudgetAlert[]; state: ReportedState; changed: boolean } {
  const before = previous && previous.month === month ? previous.reported : {};
  const reported: Record<string, string[]> = {};
  const alerts: BudgetAlert[] = [];
  for (const status of statuses) {
    const name = status.budget.name;
    const already = new Set(before[name] ?? []);
    const fresh = status.crossed.filter((threshold) => !already.has(thresholdId(threshold)));
    if (fresh.length > 0) alerts.push({ status, thresholds: fresh });
    const ids = [...already, ...fresh.map(thresholdId)];
    if (ids.length > 0) reported[name] = ids;
  }
  const state: ReportedState = { month, reported, ...(forecasts ? { forecasts } : {}) };
  return { alerts, state, changed: serializeReportedState(state) !== (previous ? serializeReportedState(previous) : undefined) };
}

/** The state as stored in the SSM parameter (compact JSON, stable key order). */
export function serializeReportedState(state: ReportedState): string {
  const reported = Object.fromEntries(
    Object.keys(state.reported)
      .sort()
      .map((name) => [name, [...state.reported[name]].sort()]),
  );
  const cache = state.forecasts;
  if (!cache) return JSON.stringify({ month: state.month, reported });
  const amounts = Object.fromEntries(
    Object.keys(cache.amounts)
      .sort()
      .map((key) => [key, cache.amounts[key]]),
  );
  return JSON.stringify({ month: state.month, reported, forecasts: { date: cache.date, from: cache.from, amounts } });
}

/**
 * Compact key of a forecast request (its plan id: metric and scope filter) in the state: a 53-bit
 * hash (cyrb53) in base 36, at most 11 characters, so that 50 budgets' forecasts fit a standard
 * SSM parameter beside the reported thresholds. A collision between a client's few keys has a
 * probability of about 1e-13.
 */
export function forecastKey(forecastId: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < forecastId.length; i++) {
    const c = forecastId.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * Which of the run's forecasts the cache answers and which must be requested. The cache counts
 * only on the client's same local day and for the same forecast period; a forecast it does not
 * hold (a budget added since) is requested, the others are not.
 */
export function reuseForecasts(
  forecasts: readonly ForecastQuery[],
  cache: ForecastCache | undefined,
  window: { readonly localToday: IsoDate; readonly forecast?: { readonly start: IsoDate } },
): { reused: Map<string, number | undefined>; toRequest: ForecastQuery[] } {
  const valid = cache !== undefined && cache.date === window.localToday && cache.from === window.forecast?.start;
  const reused = new Map<string, number | undefined>();
  const toRequest: ForecastQuery[] = [];
  for (const forecast of forecasts) {
    const key = forecastKey(forecast.id);
    if (valid && Object.prototype.hasOwnProperty.call(cache.amounts, key)) reused.set(forecast.id, cache.amounts[key] ?? undefined);
    else toRequest.push(forecast);
  }
  return { reused, toRequest };
}

/**
 * The cache to save after a run: every forecast of this run (reused or requested), dated with
 * the client's day. Undefined when the run has no forecast (month over in UTC).
 */
export function forecastCacheOf(
  forecasts: readonly ForecastQuery[],
  amounts: ReadonlyMap<string, number | undefined>,
  window: { readonly localToday: IsoDate; readonly forecast?: { readonly start: IsoDate } },
): ForecastCache | undefined {
  if (!window.forecast || forecasts.length === 0) return undefined;
  return {
    date: window.localToday,
    from: window.forecast.start,
    amounts: Object.fromEntries(forecasts.map((f) => [forecastKey(f.id), amounts.get(f.id) ?? null])),
  };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function isForecastCache(value: unknown): value is ForecastCache {
  const candidate = value as { date?: unknown; from?: unknown; amounts?: unknown };
  return (
    typeof candidate === 'object' &&
    candidate !== null &&
    typeof candidate.date === 'string' &&
    ISO_DATE.test(candidate.date) &&
    typeof candidate.from === 'string' &&
    ISO_DATE.test(candidate.from) &&
    typeof candidate.amounts === 'object' &&
    candidate.amounts !== null &&
    !Array.isArray(candidate.amounts) &&
    Object.values(candidate.amounts).every((amount) => amount === null || (typeof amount === 'number' && Number.isFinite(amount)))
  );
}

/**
 * Reads the stored state. Anything else than a state of this shape (the parameter's initial
 * placeholder, a hand edit) yields `undefined` and the reason: the run then treats every crossed
 * threshold as new, which may repeat a digest but never hides one. A state without a forecast
 * cache (older versions) is a state; a malformed cache alone is dropped, with the reason.
 */
export function parseReportedState(text: string | undefined): { state: ReportedState | undefined; problem?: string } {
  if (text === undefined || text.trim() === '' || text.trim() === '{}') return { state: undefined };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { state: undefined, problem: 'the state parameter does not hold JSON' };
  }
  const candidate = value as { month?: unknown; reported?: unknown };
  if (
    typeof candidate !== 'object' ||
    candidate === null ||
    typeof candidate.month !== 'string' ||
    !/^\d{4}-(0[1-9]|1[0-2])$/.test(candidate.month) ||
    typeof candidate.reported !== 'object' ||
    candidate.reported === null ||
    Array.isArray(candidate.reported) ||
    !Object.values(candidate.reported).every((ids) => Array.isArray(ids) && ids.every((id) => typeof id === 'string'))
  ) {
    return { state: undefined, problem: 'the state parameter does not hold {"month":"YYYY-MM","reported":{...}}' };
  }
  const state: ReportedState = { month: candidate.month, reported: candidate.reported as Record<string, string[]> };
  const forecasts = (value as { forecasts?: unknown }).forecasts;
  if (forecasts === undefined) return { state };
  // A bad cache costs a few forecast requests, not the reported thresholds.
  if (!isForecastCache(forecasts))
    return { state, problem: 'the forecast cache in the state parameter is malformed: forecasts are requested again' };
  return { state: { ...state, forecasts } };
}
