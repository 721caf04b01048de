import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { CostMetric, FINOPS_NAMESPACE, FINOPS_STATISTIC, FinopsDimension } from '../../lib/core/finops/metrics';
import { BACKUP_METRIC_NAMESPACE, SECURITY_METRIC_NAMESPACE } from '../../lib/core/portfolio/shared-metrics';
import type { WatchedClient } from '../../lib/core/portfolio/watched-metrics';
import { pascalCase } from '../../lib/core/naming';
import { alarmName } from '../shared/alarm-names';
import { BACKUP_VAULT_DIMENSION, BackupMetric } from '../../lib/core/backup/metrics';

/** Properties of {@link PortfolioAlarms}. */
export interface PortfolioAlarmsProps {
  /** The opted-in clients. */
  readonly clients: readonly WatchedClient[];
  /** Where the alarms go (the consultant's topic in this region). */
  readonly topic: sns.ITopic;
  /** The region of this stack: alarms can only watch metrics of their own region. */
  readonly region: string;
}

/** The high and critical finding counts a client's security account publishes. */
const SERIOUS_FINDINGS = ['SecurityHubCriticalFindings', 'SecurityHubHighFindings', 'GuardDutyHighFindings'];

/**
 * The consultant's alarms on every opted-in client whose metrics are in this region, on metrics of
 * the client's accounts (cross-account, through the sink): a budget forecast over its limit, a
 * new high or critical finding, a failed backup job, and a cost collector that has not succeeded
 * for a day. Each alarm names the client; all go to the consultant's topic (email, chat).
 */
export class PortfolioAlarms extends Construct {
  readonly alarms: cloudwatch.Alarm[] = [];

  constructor(scope: Construct, id: string, props: PortfolioAlarmsProps) {
    super(scope, id);
    const action = new cloudwatchActions.SnsAction(props.topic);
    const inRegion = <T extends { region: string }>(sources: readonly T[]) => sources.filter((s) => s.region === props.region);
    for (const client of props.clients) {
      const name = pascalCase(client.client);
      const add = (suffix: string, alarm: cloudwatch.AlarmProps) => {
        const created = new cloudwatch.Alarm(this, `${name}${suffix}`, alarm);
        created.addAlarmAction(action);
        this.alarms.push(created);
      };
      const finops = client.finops && client.finops.region === props.region ? client.finops : undefined;
      if (finops && finops.budgets.length > 0) {
        const usingMetrics = Object.fromEntries(
          finops.budgets.map((budget, index) => [
            `b${index}`,
            new cloudwatch.Metric({
              namespace: FINOPS_NAMESPACE,
              metricName: CostMetric.BudgetForecastUsedPercent,
              dimensionsMap: { [FinopsDimension.Budget]: budget },
              statistic: FINOPS_STATISTIC,
              period: Duration.hours(6),
              account: finops.accountId,
            }),
          ]),
        );
        add('BudgetForecast', {
          alarmName: alarmName(this, client.client, 'BudgetForecastOver100'),
          alarmDescription: `${client.displayName}: a budget is forecast to end the month over its limit. Open the client's cost review dashboard.`,
          metric: new cloudwatch.MathExpression({
            expression: `MAX([${Object.keys(usingMetrics).join(', ')}])`,
            usingMetrics,
            period: Duration.hours(6),
            label: 'Highest budget forecast, % of limit',
          }),
          threshold: 100,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        });
      }
      if (finops) {
        add('CollectorStopped', {
          alarmName: alarmName(this, client.client, 'CostCollectorStopped'),
          alarmDescription: `${client.displayName}: the cost collector has not completed a run for a day: budgets and dashboards are stale. Check its errors in the billing account.`,
          metric: new cloudwatch.Metric({
            namespace: FINOPS_NAMESPACE,
            metricName: CostMetric.CollectionSucceeded,
            statistic: 'Sum',
            period: Duration.days(1),
            account: finops.accountId,
          }),
          threshold: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
          evaluationPeriods: 1,
          // No data for a day means no run completed.
          treatMissingData: cloudwatch.TreatMissingData.BREACHING,
        });
      }
      /** An alarm on the first occurrence of any of the metrics (each missing hour counts 0). */
      const anyOf = (suffix: string, what: string, label: string, description: string, usingMetrics: Record<string, cloudwatch.IMetric>) =>
        add(suffix, {
          alarmName: alarmName(this, client.client, what),
          alarmDescription: description,
          metric: new cloudwatch.MathExpression({
            expression: Object.keys(usingMetrics)
              .map((key) => `FILL(${key}, 0)`)
              .join(' + '),
            usingMetrics,
            period: Duration.hours(1),
            label,
          }),
          threshold: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
          treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        });
      const findings = inRegion(client.findings);
      if (findings.length > 0) {
        const usingMetrics = Object.fromEntries(
          findings.flatMap((source, s) =>
            SERIOUS_FINDINGS.map((metricName, m) => [
              `f${s}x${m}`,
              new cloudwatch.Metric({
                namespace: SECURITY_METRIC_NAMESPACE,
                metricName,
                statistic: 'Sum',
                period: Duration.hours(1),
                account: source.accountId,
              }),
            ]),
          ),
        );
        anyOf(
          'SeriousFindings',
          'HighOrCriticalFindings',
          'New high and critical findings',
          `${client.displayName}: new high or critical findings (GuardDuty, Security Hub). The client's security alerts say which.`,
          usingMetrics,
        );
      }
      const backups = inRegion(client.backups);
      if (backups.length > 0) {
        const usingMetrics = Object.fromEntries(
          backups.map((source, index) => [
            `j${index}`,
            new cloudwatch.Metric({
              namespace: BACKUP_METRIC_NAMESPACE,
              metricName: BackupMetric.backupJobsFailed,
              dimensionsMap: { [BACKUP_VAULT_DIMENSION]: source.vault },
              statistic: 'Sum',
              period: Duration.hours(1),
              account: source.accountId,
            }),
          ]),
        );
        anyOf(
          'FailedBackups',
          'BackupJobsFailed',
          'Failed backup jobs',
          `${client.displayName}: a backup job failed. The client's operations alerts say which resource and why.`,
          usingMetrics,
        );
      }
    }
  }
}
