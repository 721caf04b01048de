import { FINOPS_NAMESPACE, CostMetric, WasteMetric } from '../finops/metrics';
import { BACKUP_METRIC_NAMESPACE, SECURITY_METRIC_NAMESPACE } from './shared-metrics';
import { OPEN_FINDINGS_DIMENSION, OPEN_FINDINGS_METRIC, OPEN_FINDINGS_NAMESPACE } from '../security/open-findings';
import { BACKUP_VAULT_DIMENSION, BackupMetric } from '../backup/metrics';

/**
 * The portfolio dashboard's questions, as CloudWatch Metrics Insights queries over every linked
 * account of the region (the monitoring account sees the source accounts' metrics; `GROUP BY
 * AWS.AccountId` separates them, `ORDER BY` puts the clients that need attention first). Each
 * names a namespace and a metric that the client stacks publish (a test checks the contract).
 */
export interface PortfolioQuery {
  /** Widget title. */
  readonly title: string;
  readonly namespace: string;
  readonly metric: string;
  /**
   * The dimension names of the metric (`SCHEMA`), none for dimensionless metrics; `undefined`
   * for an AWS metric queried across whatever dimensions AWS publishes it with.
   */
  readonly dimensions?: readonly string[];
  readonly fn: 'MAX' | 'SUM' | 'COUNT';
  /** A Metrics Insights WHERE clause, e.g. `Severity = 'CRITICAL'`. @default - none */
  readonly where?: string;
  /** DESC: the highest value needs attention; ASC: the lowest (a collector that stopped). */
  readonly order: 'DESC' | 'ASC';
  /** The period each value covers, in seconds. */
  readonly periodSeconds: number;
}

const DAY = 86_400;

/** The questions, in the order the dashboard shows them. */
export const PORTFOLIO_QUERIES: readonly PortfolioQuery[] = [
  {
    title: 'Budget forecast, % of limit (highest first)',
    namespace: FINOPS_NAMESPACE,
    metric: CostMetric.BudgetForecastUsedPercent,
    dimensions: ['Budget'],
    fn: 'MAX',
    order: 'DESC',
    periodSeconds: DAY,
  },
  {
    title: 'Budget used, % of limit',
    namespace: FINOPS_NAMESPACE,
    metric: CostMetric.BudgetUsedPercent,
    dimensions: ['Budget'],
    fn: 'MAX',
    order: 'DESC',
    periodSeconds: DAY,
  },
  {
    title: 'Month-to-date spend, USD',
    namespace: FINOPS_NAMESPACE,
    metric: CostMetric.MonthToDateCost,
    dimensions: ['Budget'],
    fn: 'MAX',
    order: 'DESC',
    periodSeconds: DAY,
  },
  {
    title: 'Open critical findings',
    namespace: OPEN_FINDINGS_NAMESPACE,
    metric: OPEN_FINDINGS_METRIC,
    dimensions: [OPEN_FINDINGS_DIMENSION],
    where: `${OPEN_FINDINGS_DIMENSION} = 'CRITICAL'`,
    fn: 'MAX',
    order: 'DESC',
    periodSeconds: DAY,
  },
  {
    title: 'Open high findings',
    namespace: OPEN_FINDINGS_NAMESPACE,
    metric: OPEN_FINDINGS_METRIC,
    dimensions: [OPEN_FINDINGS_DIMENSION],
    where: `${OPEN_FINDINGS_DIMENSION} = 'HIGH'`,
    fn: 'MAX',
    order: 'DESC',
    periodSeconds: DAY,
  },
  {
    title: 'New Security Hub critical findings, per day',
    namespace: SECURITY_METRIC_NAMESPACE,
    metric: 'SecurityHubCriticalFindings',
    dimensions: [],
    fn: 'SUM',
    order: 'DESC',
    periodSeconds: DAY,
  },
  {
    title: 'New GuardDuty high findings, per day',
    namespace: SECURITY_METRIC_NAMESPACE,
    metric: 'GuardDutyHighFindings',
    dimensions: [],
    fn: 'SUM',
    order: 'DESC',
    periodSeconds: DAY,
  },
  {
    title: 'Failed backup jobs, per day',
    namespace: BACKUP_METRIC_NAMESPACE,
    metric: BackupMetric.backupJobsFailed,
    dimensions: [BACKUP_VAULT_DIMENSION],
    fn: 'SUM',
    order: 'DESC',
    periodSeconds: DAY,
  },
  {
    title: 'Failed restore jobs (restore tests), per day',
    namespace: BACKUP_METRIC_NAMESPACE,
    metric: BackupMetric.restoreJobsFailed,
    dimensions: ['ResourceType'],
    fn: 'SUM',
    order: 'DESC',
    periodSeconds: DAY,
  },
  {
    title: 'Completed restore jobs (restore tests), per day',
    namespace: BACKUP_METRIC_NAMESPACE,
    metric: BackupMetric.restoreJobsCompleted,
    dimensions: ['ResourceType'],
    fn: 'SUM',
    order: 'ASC',
    periodSeconds: DAY,
  },
  {
    title: 'Estimated waste, USD per month',
    namespace: FINOPS_NAMESPACE,
    metric: WasteMetric.EstimatedMonthlyWasteUsd,
    dimensions: ['ResourceType'],
    fn: 'SUM',
    order: 'DESC',
    periodSeconds: DAY,
  },
  {
    title: 'Cost collector: successful runs per day (fewest first)',
    namespace: FINOPS_NAMESPACE,
    metric: CostMetric.CollectionSucceeded,
    dimensions: [],
    fn: 'SUM',
    order: 'ASC',
    periodSeconds: DAY,
  },
  {
    title: 'Waste finder: scans per day (fewest first)',
    namespace: FINOPS_NAMESPACE,
    metric: WasteMetric.MetricsRequested,
    dimensions: [],
    fn: 'COUNT',
    order: 'ASC',
    periodSeconds: DAY,
  },
];

/** The Metrics Insights text of a query. */
export function metricsInsightsQuery(query: PortfolioQuery): string {
  const source = query.dimensions
    ? `SCHEMA("${query.namespace}"${query.dimensions.map((d) => `, ${d}`).join('')})`
    : `"${query.namespace}"`;
  // By account, and by budget where there are budgets; waste is summed over resource types.
  const groups = ['AWS.AccountId', ...(query.dimensions ?? []).filter((d) => d === 'Budget')].join(', ');
  const where = query.where ? ` WHERE ${query.where}` : '';
  return `SELECT ${query.fn}(${query.metric}) FROM ${source}${where} GROUP BY ${groups} ORDER BY ${query.fn}() ${query.order} LIMIT 50`;
}
