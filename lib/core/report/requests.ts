import type { BudgetConfig } from '../config/finops-schema';
import {
  FINOPS_NAMESPACE,
  FINOPS_STATISTIC,
  WASTE_RESOURCE_TYPES,
  WasteDimension,
  WasteMetric,
  type MetricDataResultShape,
} from '../finops/metrics';
import { scopeFilter, type AccountRef, type CostAndUsageRequest, type CostForecastRequest } from '../finops/query-plan';
import { firstDayOfMonth, utcDate, type IsoDate } from '../finops/windows';
import { COUNTED_SEVERITIES, OPEN_FINDINGS_DIMENSION, OPEN_FINDINGS_METRIC, OPEN_FINDINGS_NAMESPACE } from '../security/open-findings';
import type { BackupJobCounts, WasteByType } from './inputs';
import { previousMonth, type IsoMonth } from './model';
import { BACKUP_NAMESPACE, BACKUP_VAULT_DIMENSION, BackupMetric } from '../backup/metrics';

/**
 * What the live report reads, as requests: the Cost Explorer queries (counted and capped, USD 0.01
 * each), the one GetMetricData request for the platform's month-end figures, and the time windows
 * of the Security Hub, AWS Backup, CloudWatch and CloudTrail reads. Pure: the report Lambda and
 * `npm run report` send them (lambda/monthly-report/read-inputs.ts) and turn the answers into
 * {@link ReportInputs}.
 */

/** Months of the spend trend: the report month and the 11 before it. */
export const TREND_MONTHS = 12;
/** Months of the open-findings trend. */
export const FINDINGS_TREND_MONTHS = 6;
/** The metric of the report's amounts: what the bill shows. */
export const REPORT_COST_METRIC = 'UnblendedCost';

/** The report month as the first day of it and of the month after (exclusive end). */
export function monthRange(month: IsoMonth): { start: IsoDate; end: IsoDate } {
  const start = `${month}-01`;
  return { start, end: firstDayOfMonth(start, 1) };
}

/** The first day of the month `months` before `month`. */
function monthsBefore(month: IsoMonth, months: number): IsoDate {
  return firstDayOfMonth(`${month}-01`, -months);
}

/**
 * The month a scheduled run reports on: the month before `now` in the client's time zone (the run
 * on the 2nd of December reports on November).
 */
export function reportMonthAt(localToday: IsoDate): IsoMonth {
  return previousMonth(localToday.slice(0, 7));
}

/**
 * Cost per service, MONTHLY, from the first trend month up to `today` (UTC): the trend and month
 * over month, and, when the month after the report month is the current one, its cost so far
 * (the base of the forecast). Cost Explorer keeps 13 past months, so the trend asks for 12.
 */
export function costByServiceRequest(month: IsoMonth, today: IsoDate): CostAndUsageRequest {
  const { end } = monthRange(month);
  const nextEnd = firstDayOfMonth(end, 1);
  // Up to today while the next month runs (today is after its first day), else the report month.
  const until = today > end && today <= nextEnd ? today : end;
  return {
    TimePeriod: { Start: monthsBefore(month, TREND_MONTHS - 1), End: until },
    Granularity: 'MONTHLY',
    Metrics: [REPORT_COST_METRIC],
    GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
  };
}

/** One budget's scope over the report month, in the budget's own cost metric. */
export function budgetActualRequest(budget: BudgetConfig, accounts: readonly AccountRef[], month: IsoMonth): CostAndUsageRequest {
  const { start, end } = monthRange(month);
  const filter = scopeFilter(budget, accounts);
  return {
    TimePeriod: { Start: start, End: end },
    Granularity: 'MONTHLY',
    Metrics: [budget.costMetric],
    ...(filter === undefined ? {} : { Filter: filter }),
  };
}

/**
 * The forecast of the rest of the month after the report month, from `today` (UTC) to its end.
 * Undefined when that month is not the current one (a report on an older month has no forecast to
 * make), or on its last day (Cost Explorer forecasts need a period from today).
 */
export function nextMonthForecastRequest(month: IsoMonth, today: IsoDate): CostForecastRequest | undefined {
  const { end } = monthRange(month);
  const nextEnd = firstDayOfMonth(end, 1);
  if (today < end || today >= nextEnd) return undefined;
  return { TimePeriod: { Start: today, End: nextEnd }, Granularity: 'MONTHLY', Metric: 'UNBLENDED_COST' };
}

/** How many Cost Explorer requests a report needs at least (before any extra page). */
export function minimumCostExplorerRequests(budgets: readonly BudgetConfig[], month: IsoMonth, today: IsoDate): number {
  return 1 + budgets.length + (nextMonthForecastRequest(month, today) === undefined ? 0 : 1);
}

/** A GetMetricData query (structurally the SDK's `MetricDataQuery`). */
export interface MonthEndQuery {
  readonly Id: string;
  readonly MetricStat: {
    readonly Metric: {
      readonly Namespace: string;
      readonly MetricName: string;
      readonly Dimensions: Array<{ Name: string; Value: string }>;
    };
    readonly Period: number;
    readonly Stat: string;
  };
  readonly ReturnData: true;
}

/** The GetMetricData request (structurally the SDK's input). */
export interface MonthEndRequest {
  readonly MetricDataQueries: MonthEndQuery[];
  readonly StartTime: Date;
  readonly EndTime: Date;
  readonly ScanBy: 'TimestampAscending';
}

const DAY_SECONDS = 86_400;

function daily(
  id: string,
  namespace: string,
  metricName: string,
  dimension: string,
  value: string,
  stat: string = FINOPS_STATISTIC,
): MonthEndQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: { Namespace: namespace, MetricName: metricName, Dimensions: [{ Name: dimension, Value: value }] },
      Period: DAY_SECONDS,
      Stat: stat,
    },
    ReturnData: true,
  };
}

/**
 * AWS Backup's job metrics of a vault, summed over the month. ListBackupJobs and ListCopyJobs only
 * answer for the last 30 days, so on the 2nd of a month they miss its first days; the metrics
 * (kept 15 months) count all of them.
 */
export const BACKUP_JOB_METRICS = {
  backupCompleted: BackupMetric.backupJobsCompleted,
  backupFailed: BackupMetric.backupJobsFailed,
  copyCompleted: BackupMetric.copyJobsCompleted,
  copyFailed: BackupMetric.copyJobsFailed,
} as const;

const idleId = (type: string) => `idle_${type.toLowerCase()}`;
const usdId = (type: string) => `usd_${type.toLowerCase()}`;
const openId = (severity: string) => `open_${severity.toLowerCase()}`;
const backupId = (key: string) => `backup_${key.toLowerCase()}`;

/**
 * One GetMetricData request for every figure kept in CloudWatch: the waste finder's idle resources
 * and estimated waste per resource type, the open-findings counts, and (with a vault) AWS Backup's
 * job counts, one value per day over the findings trend (CloudWatch keeps daily values 455 days).
 * A month's waste and open findings are its last daily value, its job counts the sum of its days
 * ({@link monthEndFigures}).
 *
 * @param vaultName the platform's backup vault in this account and region, if it has one
 */
export function monthEndMetricsRequest(month: IsoMonth, vaultName?: string): MonthEndRequest {
  const { end } = monthRange(month);
  return {
    MetricDataQueries: [
      ...WASTE_RESOURCE_TYPES.flatMap((type) => [
        daily(idleId(type), FINOPS_NAMESPACE, WasteMetric.IdleResources, WasteDimension.ResourceType, type),
        daily(usdId(type), FINOPS_NAMESPACE, WasteMetric.EstimatedMonthlyWasteUsd, WasteDimension.ResourceType, type),
      ]),
      ...COUNTED_SEVERITIES.map((severity) =>
        daily(openId(severity), OPEN_FINDINGS_NAMESPACE, OPEN_FINDINGS_METRIC, OPEN_FINDINGS_DIMENSION, severity),
      ),
      ...(vaultName === undefined
        ? []
        : Object.entries(BACKUP_JOB_METRICS).map(([key, metricName]) =>
            daily(backupId(key), BACKUP_NAMESPACE, metricName, BACKUP_VAULT_DIMENSION, vaultName, 'Sum'),
          )),
    ],
    StartTime: new Date(`${monthsBefore(month, FINDINGS_TREND_MONTHS - 1)}T00:00:00Z`),
    EndTime: new Date(`${end}T00:00:00Z`),
    ScanBy: 'TimestampAscending',
  };
}

/** The month-end figures of {@link monthEndMetricsRequest}'s answer. */
export interface MonthEndFigures {
  readonly wasteThisMonth: WasteByType;
  readonly wastePreviousMonth: WasteByType;
  /** Months with a count, oldest first; a month without one (the counter was off) is left out. */
  readonly openFindingsByMonth: ReadonlyArray<{ readonly month: string; readonly critical: number; readonly high: number }>;
  /** The vault's job counts of the month, when the request asked for them. */
  readonly backupJobCounts?: BackupJobCounts;
}

/** The valid values of one query (all pages merged), with their time. */
function pointsOf(results: readonly MetricDataResultShape[], id: string): Array<{ at: number; value: number }> {
  const points: Array<{ at: number; value: number }> = [];
  for (const result of results.filter((r) => r.Id === id)) {
    (result.Values ?? []).forEach((value, index) => {
      const at = result.Timestamps?.[index];
      if (at !== undefined && Number.isFinite(value) && value >= 0) points.push({ at: new Date(at).getTime(), value });
    });
  }
  return points;
}

const monthOfPoint = (at: number): IsoMonth => utcDate(new Date(at)).slice(0, 7);

/** The last value of each month of one query. */
function lastValueByMonth(results: readonly MetricDataResultShape[], id: string): Map<IsoMonth, number> {
  const points = pointsOf(results, id);
  const byMonth = new Map<IsoMonth, { at: number; value: number }>();
  for (const point of points) {
    const month = monthOfPoint(point.at);
    const known = byMonth.get(month);
    if (known === undefined || point.at > known.at) byMonth.set(month, point);
  }
  return new Map([...byMonth].map(([month, point]) => [month, point.value]));
}

/**
 * The month-end figures from the answer's results. Throws when CloudWatch could not answer a query
 * (`Forbidden`, `InternalError`): a report that silently leaves out a figure would understate it.
 */
export function monthEndFigures(results: readonly MetricDataResultShape[], month: IsoMonth): MonthEndFigures {
  const failed = results.filter((r) => r.StatusCode === 'Forbidden' || r.StatusCode === 'InternalError');
  if (failed.length > 0) {
    throw new Error(`GetMetricData could not answer ${failed.map((r) => `${r.Id ?? '(no id)'} ${r.StatusCode}`).join(', ')}`);
  }
  const before = previousMonth(month);
  const waste = (m: IsoMonth): WasteByType =>
    Object.fromEntries(
      WASTE_RESOURCE_TYPES.flatMap((type) => {
        const count = lastValueByMonth(results, idleId(type)).get(m);
        const usd = lastValueByMonth(results, usdId(type)).get(m);
        return count === undefined && usd === undefined
          ? []
          : [[type, { count: Math.round(count ?? 0), usd: Math.round((usd ?? 0) * 100) / 100 }]];
      }),
    );
  const critical = lastValueByMonth(results, openId('CRITICAL'));
  const high = lastValueByMonth(results, openId('HIGH'));
  const months: IsoMonth[] = [];
  for (let m = month, i = 0; i < FINDINGS_TREND_MONTHS; i++, m = previousMonth(m)) months.unshift(m);
  const hasBackupQueries = results.some((r) => r.Id?.startsWith('backup_'));
  const monthSum = (key: string) =>
    Math.round(
      pointsOf(results, backupId(key))
        .filter((point) => monthOfPoint(point.at) === month)
        .reduce((total, point) => total + point.value, 0),
    );
  return {
    ...(hasBackupQueries
      ? {
          backupJobCounts: {
            backupCompleted: monthSum('backupCompleted'),
            backupFailed: monthSum('backupFailed'),
            copyCompleted: monthSum('copyCompleted'),
            copyFailed: monthSum('copyFailed'),
          } satisfies BackupJobCounts,
        }
      : {}),
    wasteThisMonth: waste(month),
    wastePreviousMonth: waste(before),
    openFindingsByMonth: months
      .filter((m) => critical.has(m) || high.has(m))
      .map((m) => ({ month: m, critical: Math.round(critical.get(m) ?? 0), high: Math.round(high.get(m) ?? 0) })),
  };
}

/** A Security Hub string filter (structurally the SDK's `StringFilter`). */
type StringFilter = { Value: string; Comparison: 'EQUALS' | 'PREFIX' };
/** A Security Hub date filter. */
type DateFilter = { Start: string; End: string };

/** The two GetFindings filters of a report: findings open now, and high or critical ones created in the month. */
export interface FindingQueries {
  /** Active findings: the open ones at the month's end and the control checks (passed and failed). */
  readonly active: Record<string, StringFilter[] | DateFilter[]>;
  /** High and critical findings created in the month, whatever happened to them since (new by source). */
  readonly newInMonth: Record<string, StringFilter[] | DateFilter[]>;
}

export function findingQueries(month: IsoMonth): FindingQueries {
  const { start, end } = monthRange(month);
  const severities = COUNTED_SEVERITIES.map((label): StringFilter => ({ Value: label, Comparison: 'EQUALS' }));
  return {
    active: {
      RecordState: [{ Value: 'ACTIVE', Comparison: 'EQUALS' }],
      CreatedAt: [{ Start: '2015-01-01T00:00:00.000Z', End: `${end}T00:00:00.000Z` }],
    },
    newInMonth: {
      SeverityLabel: severities,
      CreatedAt: [{ Start: `${start}T00:00:00.000Z`, End: `${end}T00:00:00.000Z` }],
    },
  };
}

/**
 * How far back restore jobs are read: restore tests run at most monthly by default, so the last
 * one before the month's end lies within the three months before it.
 */
export const RESTORE_LOOKBACK_MONTHS = 3;

/** The time windows of the AWS Backup, CloudWatch alarm history and CloudTrail reads. */
export function readWindows(month: IsoMonth): {
  readonly month: { readonly start: Date; readonly end: Date };
  readonly restoreJobsFrom: Date;
} {
  const { start, end } = monthRange(month);
  return {
    month: { start: new Date(`${start}T00:00:00Z`), end: new Date(`${end}T00:00:00Z`) },
    restoreJobsFrom: new Date(`${monthsBefore(month, RESTORE_LOOKBACK_MONTHS)}T00:00:00Z`),
  };
}

/** Whether an alarm is one of the landing zone's CIS alarms (`<Client>-<Account>-Security-CIS-<id>-<metric>`). */
export function isCisAlarm(alarmName: string, stackPrefix: string): boolean {
  return alarmName.startsWith(stackPrefix) && /-CIS-\d+(\.\d+)*-/.test(alarmName);
}
