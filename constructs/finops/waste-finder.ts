import { languageOf } from '../shared/language';
import { catalogue } from '../../lib/core/alerts/catalogue';
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { FINOPS_NAMESPACE } from '../../lib/core/finops/metrics';
import {
  WASTE_FINDER_SETTINGS_ENV,
  wasteFinderSettingsSchema,
  type WasteFinderSettings,
  type WasteFinderSettingsInput,
} from '../../lib/core/finops/waste-finder-settings';
import { acknowledge } from '../shared/compliance';
import { ScheduledFunction, type ScheduledFunctionLogLevel } from '../shared/scheduled-function';
import { repoPath } from '../../lib/core/paths';
import { TIME_OF_DAY } from '../../lib/core/rules/times-of-day';

/** The waste finder's entry point; it exports `handler`. */
export const WASTE_FINDER_ENTRY = repoPath('lambda', 'waste-finder', 'handler.ts');

/** Powertools service name of the waste finder. */
export const WASTE_FINDER_SERVICE_NAME = 'waste-finder';

/** Properties of {@link WasteFinder}. */
export interface WasteFinderProps {
  /**
   * The waste finder's settings (regions to scan, look-back window, thresholds, request cap).
   * Validated here with the waste finder's own schema and passed to the function as one JSON
   * environment variable (defaults filled in), which the function parses at cold start with the
   * same schema.
   */
  readonly settings: WasteFinderSettingsInput;

  /**
   * Where a failed scan and undeliverable invocations are reported. It must admit
   * `cloudwatch.amazonaws.com` (AlertTopic `publishingServices`).
   */
  readonly operationsTopic: sns.ITopic;

  /**
   * The key that encrypts the function's log group. Its key policy must let CloudWatch Logs of this
   * region use it (`PlatformKey.allowCloudWatchLogs()`), and it must be a key of this region.
   */
  readonly logGroupKey: kms.IKey;

  /** The client's IANA time zone, e.g. `Europe/Berlin`: `runAt` is read in it. */
  readonly timeZone: string;

  /**
   * The local time of the daily scan, `HH:MM` on a 24-hour clock. The scan reads whole UTC days
   * (today excluded), so any time of day sees the same data; early morning puts the results on the
   * dashboard before the working day.
   * @default '06:00'
   */
  readonly runAt?: string;

  /**
   * How long the function's logs are kept. Each scan logs its summary and the costliest idle
   * resources; three months cover a quarterly cost review.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * The waste finder's log level (Powertools `LOG_LEVEL`).
   * @default 'INFO'
   */
  readonly logLevel?: ScheduledFunctionLogLevel;
}

/**
 * The waste finder (the monitoring collector): a Lambda function that, once a day in the client's
 * time zone, reads CloudWatch metrics in every allowed region (ListMetrics, GetMetricData), finds
 * idle and oversized resources, and publishes their count and estimated monthly waste in the
 * FinOps namespace of this region.
 *
 * - Function: a {@link ScheduledFunction} (Node.js 24, ARM64, bundled with the local esbuild with
 *   the pinned AWS SDK v3 inside, X-Ray tracing, no reserved concurrency, an explicit encrypted log
 *   group, no automatic retry of a failed scan: a retry could spend the run's GetMetricData budget
 *   again, and the next day's scan catches up), 256 MB, 10 minutes.
 * - Permissions: customer managed policies only; `ListMetrics` and `GetMetricData` (CloudWatch
 *   reads, which only accept `*`), `PutMetricData` only into the FinOps namespace, its own log group
 *   and dead-letter queue, X-Ray.
 * - Alarms to the operations topic: a failed scan, and anything in the dead-letter queue.
 *
 * Create it in the home-region stack: it reads every region from there and publishes its metrics
 * where it runs.
 */
export class WasteFinder extends Construct {
  /** The waste finder function. */
  readonly function: lambda.IFunction;
  /** The daily schedule. */
  readonly schedule: scheduler.Schedule;
  /** Failed scans and undeliverable scheduled invocations, kept 14 days. */
  readonly deadLetterQueue: sqs.IQueue;
  /** A scan failed (throttling not overcome, request cap reached, metrics lost, any error). */
  readonly errorsAlarm: cloudwatch.Alarm;
  /** Something is in the dead-letter queue. */
  readonly deadLetterAlarm: cloudwatch.Alarm;
  /** The settings the function receives, defaults filled in. */
  readonly settings: WasteFinderSettings;

  constructor(scope: Construct, id: string, props: WasteFinderProps) {
    super(scope, id);
    const runAt = props.runAt ?? '06:00';
    const where = `WasteFinder ${this.node.path}`;

    const settings = parseSettings(where, props.settings);
    this.settings = settings;
    if (!TIME_OF_DAY.test(runAt)) {
      throw new Error(
        `${where}: runAt must be a local time HH:MM on a 24-hour clock, 00:00 to 23:59, e.g. 06:00 (received ${JSON.stringify(runAt)})`,
      );
    }
    const regions = settings.regions.length;

    // Id 'Default' so that the function's resources have the logical ids they would have as
    // children of this construct (the same choice as the cost collector).
    const scheduled = new ScheduledFunction(this, 'Default', {
      entry: WASTE_FINDER_ENTRY,
      serviceName: WASTE_FINDER_SERVICE_NAME,
      name: 'WasteFinder',
      description: `Waste finder: idle and oversized resources in ${regions} region(s) from their CloudWatch metrics`,
      environment: { [WASTE_FINDER_SETTINGS_ENV]: JSON.stringify(settings) },
      schedules: ScheduledFunction.dailyAt([runAt]),
      timeZone: props.timeZone,
      logGroupKey: props.logGroupKey,
      logRetention: props.logRetention,
      logLevel: props.logLevel,
      operationsTopic: props.operationsTopic,
      failedRunImpact: catalogue(languageOf(this)).alarms.impacts.wasteFinder,
      // Sequential ListMetrics pages and GetMetricData batches in up to 40 regions, with backoff on
      // throttling: more than the collector's few Cost Explorer requests.
      timeout: Duration.minutes(10),
    });
    this.function = scheduled.function;
    this.schedule = scheduled.schedules[0];
    this.deadLetterQueue = scheduled.deadLetterQueue;
    this.errorsAlarm = scheduled.errorsAlarm;
    this.deadLetterAlarm = scheduled.deadLetterAlarm;

    const readPolicy = scheduled.addManagedPolicy(
      'ReadMetricsPolicy',
      'Waste finder: list and read CloudWatch metrics (any region, read only)',
      [new iam.PolicyStatement({ sid: 'ReadMetrics', actions: ['cloudwatch:ListMetrics', 'cloudwatch:GetMetricData'], resources: ['*'] })],
    );
    acknowledge(
      readPolicy,
      'AwsSolutions-IAM5[Resource::*]',
      'CloudWatch ListMetrics and GetMetricData have no resource-level permissions and only accept "*" (Service Authorization Reference); both are read-only, the policy allows nothing else, and the finder caps its GetMetricData requests per run.',
    );
    const metricsPolicy = scheduled.addManagedPolicy(
      'MetricsPolicy',
      `Waste finder: CloudWatch metrics in the ${FINOPS_NAMESPACE} namespace only`,
      [
        new iam.PolicyStatement({
          sid: 'PutFinopsMetrics',
          actions: ['cloudwatch:PutMetricData'],
          resources: ['*'],
          conditions: { StringEquals: { 'cloudwatch:namespace': FINOPS_NAMESPACE } },
        }),
      ],
    );
    acknowledge(
      metricsPolicy,
      'AwsSolutions-IAM5[Resource::*]',
      `cloudwatch:PutMetricData has no resource-level permissions and only accepts "*"; the cloudwatch:namespace condition limits it to the ${FINOPS_NAMESPACE} namespace, so no other metric can be written.`,
    );
  }
}

/** The settings as the function will parse them, or an error naming every problem. */
function parseSettings(where: string, settings: WasteFinderSettingsInput): WasteFinderSettings {
  const result = wasteFinderSettingsSchema.safeParse(settings);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `- ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
    throw new Error(
      `${where}: settings do not match the waste finder's settings schema (lib/core/finops/waste-finder-settings.ts), so the function would fail at cold start:\n${problems.join('\n')}`,
    );
  }
  return result.data;
}
