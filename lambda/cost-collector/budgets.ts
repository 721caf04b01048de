import type { BudgetConfig } from '../../lib/config/finops-schema';
import type { IsoMonth } from './windows';

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
  const state: ReportedState = { month, reported };
  return { alerts, state, changed: serializeReportedState(state) !== (previous ? serializeReportedState(previous) : undefined) };
}

/** The state as stored in the SSM parameter (compact JSON, stable key order). */
export function serializeReportedState(state: ReportedState): string {
  const reported = Object.fromEntries(Object.keys(state.reported).sort().map((name) => [name, [...state.reported[name]].sort()]));
  return JSON.stringify({ month: state.month, reported });
}

/**
 * Reads the stored state. Anything else than a state of this shape (the parameter's initial
 * placeholder, a hand edit) yields `undefined` and the reason: the run then treats every crossed
 * threshold as new, which may repeat a digest but never hides one.
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
    typeof candidate !== 'object' || candidate === null ||
    typeof candidate.month !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(candidate.month) ||
    typeof candidate.reported !== 'object' || candidate.reported === null || Array.isArray(candidate.reported) ||
    !Object.values(candidate.reported).every((ids) => Array.isArray(ids) && ids.every((id) => typeof id === 'string'))
  ) {
    return { state: undefined, problem: 'the state parameter does not hold {"month":"YYYY-MM","reported":{...}}' };
  }
  return { state: { month: candidate.month, reported: candidate.reported as Record<string, string[]> } };
}
