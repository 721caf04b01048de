import type { BudgetConfig } from '../config/finops-schema';
import type { CollectionWindow } from './windows';

/**
 * Query planning: the fewest Cost Explorer requests that answer every budget. Pure: the request
 * shapes below are structurally what the SDK expects, without importing it.
 *
 * Every request (and every page of an answer) costs USD 0.01, so queries are shared:
 * - one DAILY query grouped by SERVICE answers the daily cost series (total and per service)
 *   and every `total` and `service` budget;
 * - one DAILY query grouped by LINKED_ACCOUNT, filtered to the budgeted accounts, answers every
 *   `account` budget;
 * - one DAILY query per tag key (grouped by that tag, filtered to the budgeted values) and one per
 *   cost category name answer the `tag` and `costCategory` budgets;
 * - a query asks for every cost metric its budgets use (UnblendedCost and AmortizedCost in one
 *   request), never a second query for a second metric;
 * - one GetCostForecast per distinct scope and metric (the forecast API takes one metric and
 *   cannot be grouped).
 * The per-service breakdown of a scoped budget, which only the digest needs, is asked for only
 * when a digest goes out ({@link planBreakdownQueries}).
 */

/** A Cost Explorer cost metric a budget can use. */
export type CostMetricName = BudgetConfig['costMetric'];

/** The metric of the daily cost series (TotalDailyCost, ServiceDailyCost): what the bill shows. */
export const DAILY_SERIES_METRIC: CostMetricName = 'UnblendedCost';

/** Cost Explorer filter (the subset this collector uses of the SDK's `Expression`). */
export interface CeExpression {
  /** A dimension filter. */
  readonly Dimensions?: { readonly Key: 'SERVICE' | 'LINKED_ACCOUNT'; readonly Values: string[] };
  /** A cost-allocation tag filter. */
  readonly Tags?: { readonly Key: string; readonly Values?: string[]; readonly MatchOptions: ('EQUALS' | 'ABSENT')[] };
  /** A cost category filter. */
  readonly CostCategories?: { readonly Key: string; readonly Values: string[]; readonly MatchOptions: 'EQUALS'[] };
}

/** A Cost Explorer grouping. */
export interface CeGroupDefinition {
  readonly Type: 'DIMENSION' | 'TAG' | 'COST_CATEGORY';
  readonly Key: string;
}

/** A GetCostAndUsage request without its page token. */
export interface CostAndUsageRequest {
  readonly TimePeriod: { readonly Start: string; readonly End: string };
  readonly Granularity: 'DAILY' | 'MONTHLY';
  readonly Metrics: CostMetricName[];
  readonly GroupBy?: CeGroupDefinition[];
  readonly Filter?: CeExpression;
}

/** A GetCostForecast request. */
export interface CostForecastRequest {
  readonly TimePeriod: { readonly Start: string; readonly End: string };
  readonly Granularity: 'MONTHLY';
  readonly Metric: 'UNBLENDED_COST' | 'AMORTIZED_COST';
  readonly Filter?: CeExpression;
}

/** One planned GetCostAndUsage query. */
export interface CostQuery {
  /** Stable id (`services`, `accounts`, `tag:<key>`, `costCategory:<name>`), used in logs. */
  readonly id: string;
  readonly request: CostAndUsageRequest;
  /**
   * Prefix Cost Explorer puts before the value in group keys (`team$` for the tag `team`); it is
   * stripped so that group keys compare with the values in the config.
   */
  readonly keyPrefixes: readonly string[];
}

/** One planned GetCostForecast query. */
export interface ForecastQuery {
  /** Stable id, derived from scope and metric. */
  readonly id: string;
  readonly request: CostForecastRequest;
}

/** Where a budget's numbers come from. */
export interface BudgetSource {
  readonly budget: BudgetConfig;
  /** The query whose results hold the budget's daily costs. */
  readonly queryId: string;
  /** Group value (first group key) of the budget's scope; undefined: every group (whole bill). */
  readonly groupValue: string | undefined;
  /** The forecast query of the budget's scope and metric; undefined when no forecast is needed. */
  readonly forecastId: string | undefined;
}

/** Every request a run makes before the digest. */
export interface QueryPlan {
  /** The DAILY query grouped by SERVICE (daily series, total and service budgets). */
  readonly services: CostQuery;
  /** The filtered queries of account, tag and cost category budgets. */
  readonly scoped: readonly CostQuery[];
  readonly forecasts: readonly ForecastQuery[];
  /** One entry per budget, in config order. */
  readonly budgets: readonly BudgetSource[];
}

/** An account name and id, as in the collector settings. */
export interface AccountRef {
  readonly name: string;
  readonly id: string;
}

const FORECAST_METRIC: Record<CostMetricName, CostForecastRequest['Metric']> = {
  UnblendedCost: 'UNBLENDED_COST',
  AmortizedCost: 'AMORTIZED_COST',
};

const SERVICES_QUERY_ID = 'services';
const ACCOUNTS_QUERY_ID = 'accounts';

/** A scoped budget's family: the query that serves all budgets with the same grouping. */
interface Family {
  readonly id: string;
  readonly groupBy: CeGroupDefinition;
  readonly keyPrefix: string;
  readonly filter: (values: string[]) => CeExpression | undefined;
}

function familyOf(budget: BudgetConfig, accounts: readonly AccountRef[]): { family: Family; value: string } | undefined {
  const scope = budget.scope;
  switch (scope.type) {
    case 'total':
    case 'service':
      return undefined;
    case 'account':
      return {
        family: {
          id: ACCOUNTS_QUERY_ID,
          groupBy: { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
          keyPrefix: '',
          filter: (values) => ({ Dimensions: { Key: 'LINKED_ACCOUNT', Values: values } }),
        },
        value: accountId(scope.account, budget.name, accounts),
      };
    case 'tag':
      return {
        family: {
          id: `tag:${scope.key}`,
          groupBy: { Type: 'TAG', Key: scope.key },
          keyPrefix: `${scope.key}$`,
          // An empty value means "untagged", which an EQUALS filter cannot express: read the whole
          // key then (untagged spend comes back as `key$`).
          filter: (values) => (values.includes('') ? undefined : { Tags: { Key: scope.key, Values: values, MatchOptions: ['EQUALS'] } }),
        },
        value: scope.value,
      };
    case 'costCategory':
      return {
        family: {
          id: `costCategory:${scope.name}`,
          groupBy: { Type: 'COST_CATEGORY', Key: scope.name },
          keyPrefix: `${scope.name}$`,
          filter: (values) => ({ CostCategories: { Key: scope.name, Values: values, MatchOptions: ['EQUALS'] } }),
        },
        value: scope.value,
      };
  }
}

function accountId(name: string, budget: string, accounts: readonly AccountRef[]): string {
  const account = accounts.find((a) => a.name === name);
  if (!account) {
    throw new Error(`budget "${budget}": scope.account "${name}" is not one of the accounts (${accounts.map((a) => a.name).join(', ')})`);
  }
  return account.id;
}

/** The filter that limits a forecast to one budget's scope (undefined: the whole bill). */
export function scopeFilter(budget: BudgetConfig, accounts: readonly AccountRef[]): CeExpression | undefined {
  const scope = budget.scope;
  switch (scope.type) {
    case 'total':
      return undefined;
    case 'service':
      return { Dimensions: { Key: 'SERVICE', Values: [scope.service] } };
    case 'account':
      return { Dimensions: { Key: 'LINKED_ACCOUNT', Values: [accountId(scope.account, budget.name, accounts)] } };
    case 'tag':
      return scope.value === ''
        ? { Tags: { Key: scope.key, MatchOptions: ['ABSENT'] } }
        : { Tags: { Key: scope.key, Values: [scope.value], MatchOptions: ['EQUALS'] } };
    case 'costCategory':
      return { CostCategories: { Key: scope.name, Values: [scope.value], MatchOptions: ['EQUALS'] } };
  }
}

const sortedUnique = <T extends string>(values: Iterable<T>): T[] => [...new Set(values)].sort();

/** Plans the queries of one run. Throws if a budget names an account that is not in `accounts`. */
export function planQueries(budgets: readonly BudgetConfig[], accounts: readonly AccountRef[], window: CollectionWindow): QueryPlan {
  const timePeriod = { Start: window.costs.start, End: window.costs.end };
  const serviceMetrics = new Set<CostMetricName>([DAILY_SERIES_METRIC]);
  const families = new Map<string, { family: Family; values: Set<string>; metrics: Set<CostMetricName> }>();
  const forecasts = new Map<string, ForecastQuery>();
  const sources: BudgetSource[] = [];

  for (const budget of budgets) {
    let forecastId: string | undefined;
    if (window.forecast) {
      const request: CostForecastRequest = {
        TimePeriod: { Start: window.forecast.start, End: window.forecast.end },
        Granularity: 'MONTHLY',
        Metric: FORECAST_METRIC[budget.costMetric],
        ...optionalFilter(scopeFilter(budget, accounts)),
      };
      forecastId = JSON.stringify([request.Metric, request.Filter ?? null]);
      if (!forecasts.has(forecastId)) forecasts.set(forecastId, { id: forecastId, request });
    }
    const scoped = familyOf(budget, accounts);
    if (!scoped) {
      serviceMetrics.add(budget.costMetric);
      const groupValue = budget.scope.type === 'service' ? budget.scope.service : undefined;
      sources.push({ budget, queryId: SERVICES_QUERY_ID, groupValue, forecastId });
      continue;
    }
    const entry = families.get(scoped.family.id) ?? {
      family: scoped.family,
      values: new Set<string>(),
      metrics: new Set<CostMetricName>(),
    };
    entry.values.add(scoped.value);
    entry.metrics.add(budget.costMetric);
    families.set(scoped.family.id, entry);
    sources.push({ budget, queryId: scoped.family.id, groupValue: scoped.value, forecastId });
  }

  return {
    services: {
      id: SERVICES_QUERY_ID,
      request: {
        TimePeriod: timePeriod,
        Granularity: 'DAILY',
        Metrics: sortedUnique(serviceMetrics),
        GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
      },
      keyPrefixes: [''],
    },
    scoped: [...families.values()]
      .sort((a, b) => (a.family.id < b.family.id ? -1 : 1))
      .map(({ family, values, metrics }) => ({
        id: family.id,
        request: {
          TimePeriod: timePeriod,
          Granularity: 'DAILY',
          Metrics: sortedUnique(metrics),
          GroupBy: [family.groupBy],
          ...optionalFilter(family.filter(sortedUnique(values))),
        },
        keyPrefixes: [family.keyPrefix],
      })),
    forecasts: [...forecasts.values()],
    budgets: sources,
  };
}

/**
 * Requests the plan needs at the very least (one page per query, one per forecast to request:
 * all of them unless some are reused from earlier in the day).
 */
export function minimumRequests(plan: QueryPlan, forecastsToRequest: number = plan.forecasts.length): number {
  return 1 + plan.scoped.length + forecastsToRequest;
}

/**
 * The queries that break the month-to-date cost of scoped budgets down by service, for the
 * digest's "top services": one MONTHLY query per family (grouped by the scope and by SERVICE,
 * filtered to the given budgets' values). Total and service budgets need none (the services query
 * has their breakdown). Empty when the client's month has no Cost Explorer day yet.
 */
export function planBreakdownQueries(
  sources: readonly BudgetSource[],
  accounts: readonly AccountRef[],
  window: CollectionWindow,
): CostQuery[] {
  if (window.monthStart >= window.costs.end) return [];
  const families = new Map<string, { family: Family; values: Set<string>; metrics: Set<CostMetricName> }>();
  for (const source of sources) {
    const scoped = familyOf(source.budget, accounts);
    if (!scoped) continue;
    const entry = families.get(scoped.family.id) ?? {
      family: scoped.family,
      values: new Set<string>(),
      metrics: new Set<CostMetricName>(),
    };
    entry.values.add(scoped.value);
    entry.metrics.add(source.budget.costMetric);
    families.set(scoped.family.id, entry);
  }
  return [...families.values()]
    .sort((a, b) => (a.family.id < b.family.id ? -1 : 1))
    .map(({ family, values, metrics }) => ({
      id: `breakdown:${family.id}`,
      request: {
        TimePeriod: { Start: window.monthStart, End: window.costs.end },
        Granularity: 'MONTHLY',
        Metrics: sortedUnique(metrics),
        GroupBy: [family.groupBy, { Type: 'DIMENSION', Key: 'SERVICE' }],
        ...optionalFilter(family.filter(sortedUnique(values))),
      },
      keyPrefixes: [family.keyPrefix, ''],
    }));
}

/** The breakdown query id that serves a budget (undefined for total and service budgets). */
export function breakdownQueryId(source: BudgetSource): string | undefined {
  return source.queryId === SERVICES_QUERY_ID ? undefined : `breakdown:${source.queryId}`;
}

function optionalFilter(filter: CeExpression | undefined): { Filter?: CeExpression } {
  return filter ? { Filter: filter } : {};
}
