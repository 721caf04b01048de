import { languageOf } from '../shared/language';
import { catalogue } from '../../lib/core/alerts/catalogue';
import type { Language } from '../../lib/core/alerts/language';
import { Duration, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AlertNotifier, type AlertNotifierRef } from '../foundation/alert-notifier';
import { EventDeadLetterQueue } from '../foundation/event-delivery';
import { alarmName } from '../shared/alarm-names';
import { BACKUP_NAMESPACE, BACKUP_VAULT_DIMENSION, BackupMetric } from '../../lib/core/backup/metrics';

/** The kinds of AWS Backup jobs that are alerted on. */
export type BackupJobType = 'backup' | 'copy' | 'restore';

/**
 * What each job type's rule matches: the EventBridge detail type and the job states that need a
 * person (https://docs.aws.amazon.com/aws-backup/latest/devguide/eventbridge.html). Backup and copy
 * jobs report `detail.state`, restore jobs `detail.status`.
 */
export const BACKUP_JOB_ALERTS: Readonly<
  Record<BackupJobType, { readonly detailType: string; readonly stateField: 'state' | 'status'; readonly states: readonly string[] }>
> = {
  // EXPIRED: the job did not start within the start window; PARTIAL: some resources of a
  // composite backup (e.g. a CloudFormation stack) were not backed up.
  backup: { detailType: 'Backup Job State Change', stateField: 'state', states: ['FAILED', 'ABORTED', 'EXPIRED', 'PARTIAL'] },
  copy: { detailType: 'Copy Job State Change', stateField: 'state', states: ['FAILED', 'PARTIAL'] },
  restore: { detailType: 'Restore Job State Change', stateField: 'status', states: ['FAILED', 'ABORTED'] },
};

/** Properties of {@link BackupAlerts}. */
export interface BackupAlertsProps {
  /**
   * The account's alert notifier (in this region), which renders the job alerts and publishes
   * them to the operations topic for email and chat.
   */
  readonly notifier: AlertNotifierRef;

  /**
   * Where {@link BackupAlerts.failedJobsAlarm} goes, e.g. the operations topic. Its policy must let
   * `cloudwatch.amazonaws.com` publish.
   */
  readonly alarmTopic: sns.ITopic;

  /**
   * The vault the backup plans write to: AWS Backup publishes its job metrics per vault
   * (dimension `BackupVaultName`), and {@link BackupAlerts.failedJobsAlarm} watches this one.
   */
  readonly vault: backup.IBackupVault;

  /**
   * A topic (not the alert topic) that gets an alarm as soon as one job alert could not be
   * published. The alert itself waits 14 days in {@link BackupAlerts.deadLetterQueue}.
   * @default - no alarm
   */
  readonly undeliveredAlarmTopic?: sns.ITopic;

  /**
   * The language of the alarm description (what email and chat show of this native alarm).
   * @default 'en'
   */
  readonly language?: Language;
}

/**
 * Alerts about AWS Backup jobs that did not do their job, through the account's alert notifier:
 *
 * - EventBridge rules for backup jobs that failed, were aborted, expired (did not start in their
 *   start window) or completed partially, copy jobs that failed or completed partially, and restore
 *   jobs that failed or were aborted (except those of restore testing plans, which `RestoreTesting`
 *   reports itself). Each alert is one readable line: job type, state, resource, vault, AWS
 *   Backup's status message and a console link; fields an event does not carry (failed restores
 *   often lack the vault) stay empty.
 * - {@link failedJobsAlarm}: a CloudWatch alarm on failed backup and copy jobs of the vault
 *   (`AWS/Backup` `NumberOfBackupJobsFailed` + `NumberOfCopyJobsFailed`), a second channel that
 *   does not depend on the event rules, and a status a dashboard can show.
 *
 * Regional: AWS Backup emits job events and metrics in the region of the job; the backup plans
 * run in the home region, where the notifier is. AWS service events on the default event
 * bus cost nothing.
 */
export class BackupAlerts extends Construct {
  /** The rule of each job type. */
  readonly rules: Readonly<Record<BackupJobType, events.Rule>>;
  /** Alarm on failed backup and copy jobs of the vault, in the last hour. */
  readonly failedJobsAlarm: cloudwatch.Alarm;
  /** Job events EventBridge could not hand to the notifier (after 24 hours of retries), kept 14 days. */
  readonly deadLetterQueue: sqs.IQueue;

  constructor(scope: Construct, id: string, props: BackupAlertsProps) {
    super(scope, id);
    const stack = Stack.of(this);

    const deadLetterQueue = new EventDeadLetterQueue(this, 'UndeliveredAlerts', { usedBy: 'the backup job alert rules' });
    this.deadLetterQueue = deadLetterQueue;
    if (props.undeliveredAlarmTopic) {
      deadLetterQueue.alarmWhenNotEmpty(this, 'UndeliveredAlarm', {
        alarmTopic: props.undeliveredAlarmTopic,
        description: catalogue(languageOf(this)).alarms.undeliveredBackupJobs(stack.region),
      });
    }
    const target = AlertNotifier.target(this, 'Notifier', props.notifier, deadLetterQueue);

    const rules: Partial<Record<BackupJobType, events.Rule>> = {};
    for (const [jobType, match] of Object.entries(BACKUP_JOB_ALERTS) as Array<[BackupJobType, (typeof BACKUP_JOB_ALERTS)[BackupJobType]]>) {
      rules[jobType] = new events.Rule(this, `${jobType.charAt(0).toUpperCase()}${jobType.slice(1)}Jobs`, {
        description: `AWS Backup ${jobType} jobs that ended ${match.states.join(', ')} to the alert notifier`,
        eventPattern: {
          source: ['aws.backup'],
          detailType: [match.detailType],
          detail: {
            [match.stateField]: [...match.states],
            // Restore tests carry their plan's ARN; RestoreTesting alerts on those itself.
            ...(jobType === 'restore' ? { restoreTestingPlanArn: events.Match.doesNotExist() } : {}),
          },
        },
        targets: [target],
      });
    }
    this.rules = rules as Record<BackupJobType, events.Rule>;

    const jobMetric = (metricName: string) =>
      new cloudwatch.Metric({
        namespace: BACKUP_NAMESPACE,
        metricName,
        dimensionsMap: { [BACKUP_VAULT_DIMENSION]: props.vault.backupVaultName },
        statistic: 'Sum',
        period: Duration.hours(1),
      });
    this.failedJobsAlarm = new cloudwatch.Alarm(this, 'FailedJobsAlarm', {
      alarmName: alarmName(this, 'BackupJobs', 'Failed'),
      alarmDescription: catalogue(props.language ?? languageOf(this)).alarms.failedBackupJobs(props.vault.backupVaultName),
      metric: new cloudwatch.MathExpression({
        // A metric without data in the hour (no job failed) counts as 0, not as missing.
        expression: 'FILL(backupJobsFailed, 0) + FILL(copyJobsFailed, 0)',
        usingMetrics: {
          backupJobsFailed: jobMetric(BackupMetric.backupJobsFailed),
          copyJobsFailed: jobMetric(BackupMetric.copyJobsFailed),
        },
        label: 'Failed backup and copy jobs',
        period: Duration.hours(1),
      }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    this.failedJobsAlarm.addAlarmAction(new cloudwatchActions.SnsAction(props.alarmTopic));
  }
}
