import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';

/**
 * What one stack hands another: narrow interfaces of the alarms, metrics and functions the
 * dashboards show, so that no stack depends on another's class or reaches into its constructs.
 * (The log archive is referenced by its deterministic name, `logArchiveBucketName`, everywhere.)
 */

/** What the operations dashboard shows of the security baseline. */
export interface SecuritySignals {
  /** The CIS section 4 alarms, when on. */
  readonly cisAlarms?: readonly cloudwatch.IAlarm[];
  /** Threat findings by severity, when GuardDuty or Security Hub is on. */
  readonly findingMetrics?: ReadonlyArray<{ readonly label: string; readonly metric: cloudwatch.IMetric }>;
  /** The trail's log group, when the trail is on (its delivery, and the break-glass alarm's filter). */
  readonly trailLogGroup?: logs.ILogGroup;
}

/** What the operations dashboard shows of the backup baseline. */
export interface BackupSignals {
  /** The primary vault's name. */
  readonly vaultName: string;
  /** The alarm on failed backup, copy and restore jobs. */
  readonly failedJobsAlarm: cloudwatch.IAlarm;
}

/** A scheduled platform function and its alarms. */
export interface FunctionSignals {
  /** Shown on the operations dashboard, e.g. "Cost collector". */
  readonly name: string;
  readonly fn: lambda.IFunction;
  readonly errorsAlarm: cloudwatch.IAlarm;
  readonly deadLetterAlarm: cloudwatch.IAlarm;
}

/** What the dashboards show of FinOps. */
export interface FinopsSignals {
  /** The platform functions of the account: the cost collector (billing account) and the waste finder. */
  readonly functions: readonly FunctionSignals[];
  /** Whether the waste finder runs in this account (its figures are on the operations dashboard). */
  readonly wasteFinder: boolean;
  /** Per budget name, its alarms (billing account, collector on). */
  readonly budgetAlarms: readonly cloudwatch.IAlarm[];
  /** The daily-cost anomaly alarm (billing account, collector on). */
  readonly anomalyAlarm?: cloudwatch.IAlarm;
}
