import { catalogue, type DashboardTexts } from '../../lib/core/alerts/catalogue';
import { PENDING_SUBSCRIPTIONS_METRIC } from '../../lib/core/alerts/metrics';

const ENGLISH: DashboardTexts = catalogue('en').dashboards;
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { FinopsMetricFactory } from '../../constructs/shared/finops-metric-factory';
import { Height, Width } from '../widget-sizes';
import { BACKUP_NAMESPACE, BACKUP_VAULT_DIMENSION, BackupMetric } from '../../lib/core/backup/metrics';

/** AWS Backup jobs of one vault: completed and failed, per day. */
export function backupSegment(
  vaultName: string,
  failedJobsAlarm?: cloudwatch.IAlarm,
  texts: DashboardTexts = ENGLISH,
): cloudwatch.IWidget[] {
  const metric = (metricName: string, label: string) =>
    new cloudwatch.Metric({
      namespace: BACKUP_NAMESPACE,
      metricName,
      dimensionsMap: { [BACKUP_VAULT_DIMENSION]: vaultName },
      statistic: 'Sum',
      period: Duration.days(1),
      label,
    });
  const widgets: cloudwatch.IWidget[] = [
    new cloudwatch.GraphWidget({
      title: texts.backupJobs(vaultName),
      left: [
        metric(BackupMetric.backupJobsCompleted, texts.backupCompleted),
        metric(BackupMetric.backupJobsFailed, texts.backupFailed),
        metric(BackupMetric.copyJobsFailed, texts.copiesFailed),
      ],
      view: cloudwatch.GraphWidgetView.BAR,
      start: '-P14D',
      width: Width.HALF,
      height: Height.MEDIUM,
    }),
  ];
  if (failedJobsAlarm) {
    widgets.push(
      new cloudwatch.AlarmStatusWidget({
        title: texts.backupAlarm,
        alarms: [failedJobsAlarm],
        width: Width.QUARTER,
        height: Height.MEDIUM,
      }),
    );
  }
  return widgets;
}

/** Threat findings by severity (counted from the findings events into metrics). */
export function findingsSegment(
  findingMetrics: ReadonlyArray<{ readonly label: string; readonly metric: cloudwatch.IMetric }>,
  texts: DashboardTexts = ENGLISH,
): cloudwatch.IWidget {
  return new cloudwatch.GraphWidget({
    title: texts.findingsBySeverity,
    left: [...findingMetrics.map((m) => m.metric)],
    view: cloudwatch.GraphWidgetView.BAR,
    stacked: true,
    start: '-P30D',
    width: Width.HALF,
    height: Height.MEDIUM,
  });
}

/** The platform's own Lambdas: errors, duration and throttles. */
export function lambdaHealthSegment(
  functions: ReadonlyArray<{ readonly name: string; readonly fn: lambda.IFunction }>,
  texts: DashboardTexts = ENGLISH,
): cloudwatch.IWidget[] {
  const period = Duration.hours(1);
  return [
    new cloudwatch.GraphWidget({
      title: texts.collectorErrors,
      left: functions.flatMap(({ name, fn }) => [
        fn.metricErrors({ period, statistic: 'Sum', label: texts.errorsOf(name) }),
        fn.metricThrottles({ period, statistic: 'Sum', label: texts.throttlesOf(name) }),
      ]),
      start: '-P7D',
      width: Width.HALF,
      height: Height.MEDIUM,
    }),
    new cloudwatch.GraphWidget({
      title: texts.collectorDuration,
      left: functions.map(({ name, fn }) => fn.metricDuration({ period, statistic: 'Maximum', label: name })),
      start: '-P7D',
      width: Width.HALF,
      height: Height.MEDIUM,
    }),
  ];
}

/** CloudTrail delivery into its log group: a flat line means the trail stopped delivering. */
export function cloudTrailSegment(trailLogGroup: logs.ILogGroup, texts: DashboardTexts = ENGLISH): cloudwatch.IWidget {
  return new cloudwatch.GraphWidget({
    title: texts.trailDelivered,
    left: [
      new cloudwatch.Metric({
        namespace: 'AWS/Logs',
        metricName: 'IncomingLogEvents',
        dimensionsMap: { LogGroupName: trailLogGroup.logGroupName },
        statistic: 'Sum',
        period: Duration.hours(1),
        label: texts.trailEvents,
      }),
    ],
    start: '-P7D',
    width: Width.HALF,
    height: Height.MEDIUM,
  });
}

/** Waste finder results: idle resources and estimated monthly waste per resource type. */
export function wasteSegment(metrics: FinopsMetricFactory, texts: DashboardTexts = ENGLISH): cloudwatch.IWidget[] {
  return [
    new cloudwatch.GraphWidget({
      title: texts.idleResources,
      left: [metrics.idleResourcesByType()],
      view: cloudwatch.GraphWidgetView.BAR,
      start: '-P30D',
      width: Width.HALF,
      height: Height.MEDIUM,
    }),
    new cloudwatch.SingleValueWidget({
      title: texts.estimatedWaste,
      metrics: [metrics.estimatedWasteByType()],
      start: '-P2D',
      width: Width.HALF,
      height: Height.MEDIUM,
    }),
  ];
}

/** An alarm status grid (CIS alarms, platform alarms). */
export function alarmGridSegment(title: string, alarms: readonly cloudwatch.IAlarm[]): cloudwatch.IWidget {
  return new cloudwatch.AlarmStatusWidget({ title, alarms: [...alarms], width: Width.FULL, height: Height.MEDIUM });
}

/** A text segment. */
export function textSegment(markdown: string, height: number = Height.TALL): cloudwatch.IWidget {
  return new cloudwatch.TextWidget({ markdown, width: Width.FULL, height });
}

/** Alert subscriptions nobody confirmed, per topic (the alert notifier's daily count): each one is a person who gets no alerts. */
export function pendingSubscriptionsSegment(texts: DashboardTexts = ENGLISH): cloudwatch.IWidget {
  const metric = (topic: string) =>
    new cloudwatch.Metric({
      namespace: PENDING_SUBSCRIPTIONS_METRIC.namespace,
      metricName: PENDING_SUBSCRIPTIONS_METRIC.metricName,
      dimensionsMap: { [PENDING_SUBSCRIPTIONS_METRIC.dimension]: topic },
      statistic: 'Maximum',
      period: Duration.days(1),
      label: texts.pendingOf(topic),
    });
  return new cloudwatch.SingleValueWidget({
    title: texts.pendingSubscriptions,
    metrics: ['security', 'operations', 'finops'].map(metric),
    width: Width.HALF,
    height: Height.SHORT,
  });
}
