import { catalogue } from '../lib/core/alerts/catalogue';
import type { Language } from '../lib/core/alerts/language';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { FinopsMetricFactory } from '../constructs/shared/finops-metric-factory';
import { Height } from './widget-sizes';
import {
  alarmGridSegment,
  backupSegment,
  cloudTrailSegment,
  findingsSegment,
  lambdaHealthSegment,
  pendingSubscriptionsSegment,
  textSegment,
  wasteSegment,
} from './segments/operations-segments';

/** Properties of {@link OperationsDashboard}. */
export interface OperationsDashboardProps {
  /** Dashboard name (unique per account and region). */
  readonly dashboardName: string;
  /** The living documentation text (what this landing zone contains, who to call, runbooks). */
  readonly documentation: string;
  /**
   * The backup vault and its failed-jobs alarm.
   * @default - no backup row
   */
  readonly backup?: { readonly vaultName: string; readonly failedJobsAlarm?: cloudwatch.IAlarm };
  /**
   * CIS monitoring alarms.
   * @default - no CIS row
   */
  readonly cisAlarms?: readonly cloudwatch.IAlarm[];
  /**
   * Threat findings counted into metrics, by severity.
   * @default - no findings row
   */
  readonly findingMetrics?: ReadonlyArray<{ readonly label: string; readonly metric: cloudwatch.IMetric }>;
  /**
   * The platform's Lambda functions (collectors).
   * @default - no Lambda row
   */
  readonly functions?: ReadonlyArray<{ readonly name: string; readonly fn: lambda.IFunction }>;
  /**
   * Other platform alarms (collector errors, undelivered alerts).
   * @default - none
   */
  readonly platformAlarms?: readonly cloudwatch.IAlarm[];
  /**
   * The trail's log group.
   * @default - no CloudTrail row
   */
  readonly trailLogGroup?: logs.ILogGroup;
  /**
   * Whether the waste finder runs (its results are shown).
   * @default false
   */
  readonly wasteFinder?: boolean;

  /**
   * The alert runbooks in the client's language (Markdown): every alert links to this dashboard,
   * so they can be read without the repository. Shown with the count of unconfirmed alert
   * subscriptions that the alert notifier publishes.
   * @default - no runbooks row
   */
  readonly runbooks?: string;

  /**
   * The language of titles and labels.
   * @default 'en'
   */
  readonly language?: Language;
}

/**
 * The operations dashboard: "is the baseline healthy?". Backup jobs, the CIS alarms, the
 * collectors' errors, duration and throttles, threat findings by severity, CloudTrail delivery,
 * the waste finder's results, and what this landing zone contains. Rows appear for the parts that
 * are switched on.
 */
export class OperationsDashboard extends Construct {
  /** The dashboard. */
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: OperationsDashboardProps) {
    super(scope, id);
    const texts = catalogue(props.language ?? 'en').dashboards;
    const rows: cloudwatch.IWidget[][] = [[textSegment(props.documentation)]];
    const healthRow: cloudwatch.IWidget[] = [];
    if (props.backup) healthRow.push(...backupSegment(props.backup.vaultName, props.backup.failedJobsAlarm, texts));
    if (props.trailLogGroup) healthRow.push(cloudTrailSegment(props.trailLogGroup, texts));
    if (healthRow.length > 0) rows.push(healthRow);
    if (props.findingMetrics && props.findingMetrics.length > 0) rows.push([findingsSegment(props.findingMetrics, texts)]);
    if (props.cisAlarms && props.cisAlarms.length > 0) rows.push([alarmGridSegment(texts.cisAlarms, props.cisAlarms)]);
    if (props.functions && props.functions.length > 0) rows.push(lambdaHealthSegment(props.functions, texts));
    if (props.platformAlarms && props.platformAlarms.length > 0) rows.push([alarmGridSegment(texts.platformAlarms, props.platformAlarms)]);
    if (props.wasteFinder) rows.push(wasteSegment(new FinopsMetricFactory(), texts));
    if (props.runbooks !== undefined) rows.push([pendingSubscriptionsSegment(texts)], [textSegment(props.runbooks, Height.RUNBOOKS)]);
    this.dashboard = new cloudwatch.Dashboard(this, 'Resource', { dashboardName: props.dashboardName, widgets: rows });
  }
}
