import { catalogue } from '../alerts/catalogue';
import type { Language } from '../alerts/language';
import { planQueries } from './query-plan';
import { collectionWindow } from './windows';
import type { ClientConfig } from '../config/schema';

/**
 * What the FinOps pipeline (issue: "it must say what it costs") costs a client per month,
 * computed from the client's configuration with the collector's own query planner, so that the
 * README, the cost review dashboard and `npm run cost-estimate` quote the same figures. Tests check
 * every quantity against what the synthesized stacks contain and what the collector does in a
 * simulated day, so the estimate cannot drift from the code.
 *
 * Pure: no AWS call, no aws-cdk-lib.
 */

/**
 * List prices in USD (AWS price pages, 2026; the same in us-east-1 and the EU regions used here).
 * Free tiers are left out: the security baseline of the same account already uses them up.
 */
export const FINOPS_PRICES = {
  /** Each GetCostAndUsage or GetCostForecast request, and each further page of an answer. */
  costExplorerRequestUsd: 0.01,
  /**
   * A custom metric for a whole month. "All custom metrics charges are prorated by the hour and
   * metered only when you send metrics to CloudWatch" (CloudWatch pricing page): a metric sent to
   * in 2 hours of a day costs 2/24 of this.
   */
  customMetricMonthUsd: 0.3,
  /** A standard-resolution alarm on one metric. */
  standardAlarmMonthUsd: 0.1,
  /** An anomaly detection alarm: billed as three standard alarms (the metric and the band's two bounds). */
  anomalyDetectionAlarmMonthUsd: 0.3,
  /** A dashboard beyond the first three of an account (of up to 50 metrics each, which are free). */
  dashboardMonthUsd: 3,
  /** Lambda on ARM64, per GB-second. */
  lambdaGbSecondUsd: 0.0000133334,
  /** Lambda, per request. */
  lambdaRequestUsd: 0.0000002,
} as const;

/** An average month. */
export const DAYS_PER_MONTH = 365 / 12;
/** Hours of an average month, as AWS prorates them. */
export const HOURS_PER_MONTH = 730;

/** Dashboards in the billing account: the operations dashboard and the cost review. */
export const BILLING_ACCOUNT_DASHBOARDS = 2;
/** Dashboards an account has free of charge. */
export const FREE_DASHBOARDS_PER_ACCOUNT = 3;

/**
 * What one collector run is assumed to take for the Lambda estimate: the benchmark measures about
 * 0.1 s of CPU; waiting on Cost Explorer and CloudWatch makes it a few seconds of billed time.
 */
export const ASSUMED_RUN_SECONDS = 5;
/** Memory of the collector function (its construct's default). */
export const COLLECTOR_MEMORY_MB = 256;

/** One line of the estimate. */
export interface CostLine {
  /** What is paid for, e.g. "Cost Explorer requests". */
  readonly part: string;
  /** The quantity in words, e.g. "7 a day (2 runs x 2 queries + 3 forecasts)". */
  readonly quantity: string;
  /** USD per month, unrounded. */
  readonly monthlyUsd: number;
}

/** The FinOps pipeline's monthly cost and the quantities behind it. */
export interface FinopsCostEstimate {
  readonly lines: readonly CostLine[];
  /** USD per month, unrounded. */
  readonly totalUsd: number;
  /** Cost Explorer requests of an ordinary day (each query answered in one page). */
  readonly costExplorerRequestsPerDay: number;
  /** Upper bound of the requests the budget digests add in a month. */
  readonly digestRequestsPerMonthAtMost: number;
  /** Distinct custom metrics (name and dimensions) the collector publishes. */
  readonly customMetrics: number;
  /** Hours of a month in which the collector sends metrics. */
  readonly metricHoursPerMonth: number;
  /** Standard alarms of the FinOps stack. */
  readonly standardAlarms: number;
  /** Anomaly detection alarms of the FinOps stack. */
  readonly anomalyDetectionAlarms: number;
}

/** A mid-month day: an ordinary run with a month-end forecast to ask for. */
const ORDINARY_DAY = new Date('2026-03-16T12:00:00Z');

/**
 * The monthly cost of the client's FinOps pipeline in its billing account, its lines worded in
 * `language` (the cost review dashboard uses the client's; the command line English).
 */
export function estimateFinopsCost(config: ClientConfig, language: Language = 'en'): FinopsCostEstimate {
  const finops = config.finops;
  const texts = catalogue(language).costEstimate;
  const lines: CostLine[] = [];
  const empty = {
    costExplorerRequestsPerDay: 0,
    digestRequestsPerMonthAtMost: 0,
    customMetrics: 0,
    metricHoursPerMonth: 0,
    standardAlarms: 0,
    anomalyDetectionAlarms: 0,
  };
  if (!finops.enabled) return { lines, totalUsd: 0, ...empty };

  let quantities = empty;
  if (finops.collector.enabled) {
    const collector = finops.collector;
    const plan = planQueries(finops.budgets, config.accounts, collectionWindow(ORDINARY_DAY, config.client.timeZone));
    const runs = collector.runAt.length;
    const queriesPerRun = 1 + plan.scoped.length;
    // Forecasts are cached for the client's local day: only the first run asks for them.
    const forecastsPerDay = plan.forecasts.length;
    const costExplorerRequestsPerDay = runs * queriesPerRun + forecastsPerDay;
    // A digest goes out when a budget first crosses a threshold in a month; scoped budgets then
    // need one breakdown query per family. At most one digest per threshold and month.
    const thresholds = finops.budgets.reduce((sum, budget) => sum + budget.thresholds.length, 0);
    const digestRequestsPerMonthAtMost = plan.scoped.length === 0 ? 0 : thresholds * plan.scoped.length;
    lines.push({
      part: texts.parts.costExplorer,
      quantity: texts.costExplorer(costExplorerRequestsPerDay, runs, queriesPerRun, forecastsPerDay, digestRequestsPerMonthAtMost),
      monthlyUsd: (costExplorerRequestsPerDay * DAYS_PER_MONTH + digestRequestsPerMonthAtMost) * FINOPS_PRICES.costExplorerRequestUsd,
    });

    // TotalDailyCost; ServiceDailyCost for the top N and Other; four series per budget;
    // CostExplorerRequests and CollectionSucceeded.
    const customMetrics = 1 + (collector.topServices + 1) + 4 * finops.budgets.length + 2;
    const hoursPerDay = new Set(collector.runAt.map((time) => time.slice(0, 2))).size;
    const metricHoursPerMonth = hoursPerDay * DAYS_PER_MONTH;
    lines.push({
      part: texts.parts.customMetrics,
      quantity: texts.customMetrics(customMetrics, hoursPerDay),
      monthlyUsd: customMetrics * FINOPS_PRICES.customMetricMonthUsd * Math.min(1, metricHoursPerMonth / HOURS_PER_MONTH),
    });

    // One alarm per budget threshold, the collector's errors and dead letters; the anomaly
    // detection alarm on total daily cost.
    const standardAlarms = thresholds + 2;
    const anomalyDetectionAlarms = 1;
    lines.push({
      part: texts.parts.alarms,
      quantity: texts.alarms(thresholds),
      monthlyUsd:
        standardAlarms * FINOPS_PRICES.standardAlarmMonthUsd + anomalyDetectionAlarms * FINOPS_PRICES.anomalyDetectionAlarmMonthUsd,
    });

    const invocations = runs * DAYS_PER_MONTH;
    lines.push({
      part: texts.parts.compute,
      quantity: texts.compute(Math.round(invocations)),
      monthlyUsd:
        invocations *
        (FINOPS_PRICES.lambdaRequestUsd + ASSUMED_RUN_SECONDS * (COLLECTOR_MEMORY_MB / 1024) * FINOPS_PRICES.lambdaGbSecondUsd),
    });
    quantities = {
      costExplorerRequestsPerDay,
      digestRequestsPerMonthAtMost,
      customMetrics,
      metricHoursPerMonth,
      standardAlarms,
      anomalyDetectionAlarms,
    };
  }

  const paidDashboards = Math.max(0, BILLING_ACCOUNT_DASHBOARDS - FREE_DASHBOARDS_PER_ACCOUNT);
  lines.push({
    part: texts.parts.dashboard,
    quantity: texts.dashboard(BILLING_ACCOUNT_DASHBOARDS, FREE_DASHBOARDS_PER_ACCOUNT),
    monthlyUsd: paidDashboards * FINOPS_PRICES.dashboardMonthUsd,
  });
  if (finops.budgets.length > 0 || finops.anomalyDetection.enabled) {
    lines.push({
      part: texts.parts.budgets,
      quantity: texts.budgets(finops.budgets.length, finops.anomalyDetection.enabled),
      monthlyUsd: 0,
    });
  }

  const totalUsd = lines.reduce((sum, line) => sum + line.monthlyUsd, 0);
  return { lines, totalUsd, ...quantities };
}

/** USD with two decimals, as the README and the dashboard print it. */
export function formatUsd(amount: number): string {
  return amount.toFixed(2);
}
