import { OTHER_SERVICES } from '../../lib/core/finops/metrics';
import { DAILY_SERIES_METRIC, type BudgetSource, type CostMetricName, type CostQuery } from '../../lib/core/finops/query-plan';
import { datesInRange, type CollectionWindow, type IsoDate } from '../../lib/core/finops/windows';

/**
 * Aggregation: Cost Explorer results into daily totals, the top N services plus `Other`, and
 * month-to-date cost per budget. Pure: the result shape below is structurally the SDK's
 * `ResultByTime`, without importing it.
 */

/** One `ResultsByTime` entry of a GetCostAndUsage answer (the fields this collector reads). */
export interface CeResultByTime {
  readonly TimePeriod?: { readonly Start?: string; readonly End?: string };
  readonly Total?: Readonly<Record<string, { readonly Amount?: string }>>;
  readonly Groups?: readonly {
    readonly Keys?: readonly string[];
    readonly Metrics?: Readonly<Record<string, { readonly Amount?: string }>>;
  }[];
}

/** One cost cell: a day (or period start), its group values and the amount of each metric. */
export interface CostCell {
  readonly date: IsoDate;
  /** Group values with Cost Explorer's `key$` prefixes removed, in GroupBy order. */
  readonly keys: readonly string[];
  readonly amounts: Readonly<Partial<Record<string, number>>>;
}

/** A service and its cost. */
export interface ServiceCost {
  readonly service: string;
  readonly usd: number;
}

/** One daily series: a service (or `Other`) and its cost per day of {@link CostSummary.dates}. */
export interface ServiceSeries {
  readonly service: string;
  readonly dailyUsd: readonly number[];
}

/** What the actual costs say about one budget. */
export interface BudgetActuals {
  readonly budget: BudgetSource['budget'];
  /** Cost of the budget's scope on the Cost Explorer days of the client's current month. */
  readonly monthToDateUsd: number;
  /**
   * Cost of the month's days before the forecast period starts: added to the forecast (which
   * covers the rest of the month, today included) to get the month-end forecast.
   */
  readonly beforeForecastUsd: number;
}

/** The aggregated costs of one run. */
export interface CostSummary {
  /** Every day of the cost window, in order. */
  readonly dates: readonly IsoDate[];
  /** Total cost per day of {@link dates}. */
  readonly dailyTotalUsd: readonly number[];
  /** The top N services (by window cost, highest first) and then `Other`. */
  readonly services: readonly ServiceSeries[];
  /** One entry per budget, in config order. */
  readonly budgets: readonly BudgetActuals[];
}

/**
 * A Cost Explorer answer that does not have the shape its API reference gives it: an amount that
 * is missing or not a number. The run stops with this error (logged, counted by the collector's
 * error alarm) instead of charting and alerting on a cost of zero that nobody spent.
 */
export class MalformedCostDataError extends Error {
  constructor(where: string, received: unknown) {
    super(
      `Cost Explorer answered ${where} with the amount ${JSON.stringify(received) ?? 'undefined'}, which is not a number (expected a decimal string such as "12.34"); no metric of this run was published from it`,
    );
    this.name = 'MalformedCostDataError';
  }
}

/**
 * A Cost Explorer amount (a decimal string, e.g. "12.3456789", "-0.01" for a credit, "1.2E-7") as a
 * number. Throws {@link MalformedCostDataError}, naming `where`, when it is missing, empty or not a
 * finite number.
 */
export function parseAmount(amount: string | undefined, where: string): number {
  const value = typeof amount === 'string' && amount.trim() !== '' ? Number(amount) : Number.NaN;
  if (!Number.isFinite(value)) throw new MalformedCostDataError(where, amount);
  return value;
}

function stripPrefix(key: string, prefix: string): string {
  return prefix && key.startsWith(prefix) ? key.slice(prefix.length) : key;
}

/**
 * The cells of one query's results. Pages may split a day's groups across several entries (and a
 * retried page may repeat some): cells are merged by day and group, the last answer winning, so
 * nothing is counted twice.
 */
export function collectCells(
  query: Pick<CostQuery, 'keyPrefixes'> & Partial<Pick<CostQuery, 'id'>>,
  results: readonly CeResultByTime[],
): CostCell[] {
  const where = (date: string, keys: readonly string[], metric: string) =>
    `${query.id ?? 'a query'} for ${date}${keys.length > 0 ? ` (${keys.join(', ')})` : ''}, ${metric}`;
  const cells = new Map<string, CostCell>();
  for (const result of results) {
    const date = result.TimePeriod?.Start;
    if (!date) continue;
    if (!result.Groups || result.Groups.length === 0) {
      if (result.Total && Object.keys(result.Total).length > 0 && query.keyPrefixes.length === 0) {
        cells.set(date, { date, keys: [], amounts: amountsOf(result.Total, (metric) => where(date, [], metric)) });
      }
      continue;
    }
    for (const group of result.Groups) {
      const keys = (group.Keys ?? []).map((key, index) => stripPrefix(key, query.keyPrefixes[index] ?? ''));
      cells.set(`${date}\u0000${keys.join('\u0000')}`, {
        date,
        keys,
        amounts: amountsOf(group.Metrics, (metric) => where(date, group.Keys ?? [], metric)),
      });
    }
  }
  return [...cells.values()];
}

function amountsOf(metrics: CeResultByTime['Total'], where: (metric: string) => string): Partial<Record<string, number>> {
  const amounts: Partial<Record<string, number>> = {};
  for (const [metric, value] of Object.entries(metrics ?? {})) amounts[metric] = parseAmount(value?.Amount, where(metric));
  return amounts;
}

/**
 * The top `topN` services by cost (highest first; ties by name). Only services with a positive
 * cost qualify: a credit-only or zero line is not a cost driver and goes to `Other`.
 */
export function topServices(costs: ReadonlyMap<string, number>, topN: number): ServiceCost[] {
  return [...costs.entries()]
    .filter(([, usd]) => usd > 0)
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, Math.max(0, topN))
    .map(([service, usd]) => ({ service, usd }));
}

/**
 * Daily totals and the per-service series (the top N by cost over the whole window, plus
 * `Other` with everything else) from the cells of the services query. Every day of the window
 * gets a value, 0 when Cost Explorer returned nothing for it.
 */
export function dailySeries(
  cells: readonly CostCell[],
  dates: readonly IsoDate[],
  topN: number,
  metric: CostMetricName = DAILY_SERIES_METRIC,
) {
  const dayIndex = new Map(dates.map((date, index) => [date, index]));
  const dailyTotalUsd: number[] = dates.map(() => 0);
  const byService = new Map<string, number[]>();
  const windowCost = new Map<string, number>();
  for (const cell of cells) {
    const index = dayIndex.get(cell.date);
    const usd = cell.amounts[metric] ?? 0;
    if (index === undefined) continue;
    const service = cell.keys[0] ?? '';
    dailyTotalUsd[index] += usd;
    let series = byService.get(service);
    if (!series) byService.set(service, (series = dates.map(() => 0)));
    series[index] += usd;
    windowCost.set(service, (windowCost.get(service) ?? 0) + usd);
  }
  const top = topServices(windowCost, topN);
  const topNames = new Set(top.map((t) => t.service));
  const other = dates.map(() => 0);
  for (const [service, series] of byService) {
    if (topNames.has(service)) continue;
    series.forEach((usd, index) => {
      other[index] += usd;
    });
  }
  const services: ServiceSeries[] = [
    ...top.map(({ service }) => ({ service, dailyUsd: byService.get(service)! })),
    { service: OTHER_SERVICES, dailyUsd: other },
  ];
  return { dailyTotalUsd, services };
}

/** Whether a cell belongs to a budget's scope. */
function inScope(cell: CostCell, source: BudgetSource): boolean {
  return source.groupValue === undefined || cell.keys[0] === source.groupValue;
}

/**
 * Month-to-date cost of a budget: the cells of its query, in its scope, on the days of the
 * client's current month that Cost Explorer has (the window's end).
 */
export function budgetActuals(cells: readonly CostCell[], source: BudgetSource, window: CollectionWindow): BudgetActuals {
  const metric = source.budget.costMetric;
  const forecastStart = window.forecast?.start ?? window.costs.end;
  let monthToDateUsd = 0;
  let beforeForecastUsd = 0;
  for (const cell of cells) {
    if (cell.date < window.monthStart || cell.date >= window.costs.end || !inScope(cell, source)) continue;
    const usd = cell.amounts[metric] ?? 0;
    monthToDateUsd += usd;
    if (cell.date < forecastStart) beforeForecastUsd += usd;
  }
  return { budget: source.budget, monthToDateUsd, beforeForecastUsd };
}

/**
 * The services driving a budget this month, highest first: from the services query for total
 * and service budgets, or from a breakdown query (grouped by scope and SERVICE) for the others.
 */
export function budgetTopServices(
  cells: readonly CostCell[],
  source: BudgetSource,
  window: CollectionWindow,
  count: number,
  breakdown: boolean,
): ServiceCost[] {
  const costs = new Map<string, number>();
  for (const cell of cells) {
    if (cell.date < window.monthStart || cell.date >= window.costs.end || !inScope(cell, source)) continue;
    const service = breakdown ? cell.keys[1] : cell.keys[0];
    if (service === undefined) continue;
    costs.set(service, (costs.get(service) ?? 0) + (cell.amounts[source.budget.costMetric] ?? 0));
  }
  return topServices(costs, count);
}

/** Everything the metrics and budgets need, from the results of every planned query. */
export function summarizeCosts(
  plan: { readonly services: CostQuery; readonly scoped: readonly CostQuery[]; readonly budgets: readonly BudgetSource[] },
  results: ReadonlyMap<string, readonly CeResultByTime[]>,
  window: CollectionWindow,
  topN: number,
): { summary: CostSummary; cells: ReadonlyMap<string, readonly CostCell[]> } {
  const cells = new Map<string, CostCell[]>();
  for (const query of [plan.services, ...plan.scoped]) cells.set(query.id, collectCells(query, results.get(query.id) ?? []));
  const dates = datesInRange(window.costs.start, window.costs.end);
  const { dailyTotalUsd, services } = dailySeries(cells.get(plan.services.id)!, dates, topN);
  const budgets = plan.budgets.map((source) => budgetActuals(cells.get(source.queryId) ?? [], source, window));
  return { summary: { dates, dailyTotalUsd, services, budgets }, cells };
}
