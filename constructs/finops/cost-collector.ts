import { languageOf } from '../shared/language';
import { catalogue } from '../../lib/core/alerts/catalogue';
import * as path from 'node:path';
import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import * as z from 'zod/mini';
import {
  collectorSettingsSchema,
  SETTINGS_ENV,
  STATE_PARAMETER_ENV,
  TOPIC_ARN_ENV,
  type CollectorSettings,
} from '../../lib/core/finops/collector-settings';
import { FINOPS_NAMESPACE } from '../../lib/core/finops/metrics';
import { acknowledge } from '../shared/compliance';
import { alarmName } from '../shared/alarm-names';
import { FinopsMetricFactory } from '../shared/finops-metric-factory';
import { budgetConstructId } from './budgets';
import { ScheduledFunction, type ScheduledFunctionLogLevel } from '../shared/scheduled-function';
import { REPO_ROOT } from '../../lib/core/paths';

/** The collector's entry point; it exports `handler`. */
export const COST_COLLECTOR_ENTRY = path.join(REPO_ROOT, 'lambda', 'cost-collector', 'handler.ts');

/** Lambda's limit on the size of a function's environment variables (defined with the function). */
export { LAMBDA_ENVIRONMENT_LIMIT_BYTES } from '../shared/scheduled-function';

/** Powertools service name of the collector. */
export const COST_COLLECTOR_SERVICE_NAME = 'cost-collector';

/** Log levels the collector accepts. */
export type CostCollectorLogLevel = ScheduledFunctionLogLevel;

/** Properties of {@link CostCollector}. */
export interface CostCollectorProps {
  /**
   * What the collector needs from the client configuration (client, accounts, finops). Validated
   * here with the collector's own schema and passed to the function as one JSON environment
   * variable, which the function parses at cold start with the same schema.
   */
  readonly settings: CollectorSettings;

  /**
   * The FinOps alert topic: the collector publishes its budget digest to it, and the budget and
   * daily-cost alarms notify it. It must admit `cloudwatch.amazonaws.com` (AlertTopic
   * `publishingServices`).
   */
  readonly topic: sns.ITopic;

  /**
   * Where failed runs and undeliverable invocations are reported: the operations topic, not the
   * FinOps topic (a broken collector is an operations matter, and its alarm should not depend on
   * the FinOps channel). It must admit `cloudwatch.amazonaws.com`.
   */
  readonly operationsTopic: sns.ITopic;

  /**
   * The key that encrypts the function's log group. Its key policy must let CloudWatch Logs of this
   * region use it (`PlatformKey.allowCloudWatchLogs()`), and it must be a key of this region.
   */
  readonly logGroupKey: kms.IKey;

  /**
   * How long the function's logs are kept. Each run logs its requests and a summary; three months
   * cover the collector's rolling window (previous month and this one) with room to compare.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * The collector's log level (Powertools `LOG_LEVEL`).
   * @default 'INFO'
   */
  readonly logLevel?: CostCollectorLogLevel;

  /**
   * Width of the anomaly detection band of the daily-cost alarm, in standard deviations.
   * @default 2
   */
  readonly dailyCostAnomalyStdDevs?: number;
}

/**
 * The cost collector: a Lambda function that turns Cost Explorer data into CloudWatch metrics a few
 * times a day (in the client's time zone) and sends a budget digest when a threshold is crossed;
 * and the alarms that read its metrics.
 *
 * - Function: a {@link ScheduledFunction} (Node.js 24, ARM64, bundled with the local esbuild with
 *   the pinned AWS SDK v3 inside, X-Ray tracing, no reserved concurrency, an explicit encrypted log
 *   group, no automatic retry of a failed run: each retry could spend the whole per-run request cap
 *   again; the next scheduled run catches up, and the failure alarms), 256 MB, 5 minutes.
 * - Permissions: customer managed policies only; Cost Explorer reads, `PutMetricData` only into
 *   the FinOps namespace, `GetMetricData` (read-only, `*` only) for the waste figures in the
 *   digest, `sns:Publish` only to the FinOps topic, its own state parameter, log group and
 *   dead-letter queue.
 * - Schedule: EventBridge Scheduler, one cron schedule per `runAt` time, in the client's time zone
 *   (daylight saving included), with retries and the dead-letter queue, through a role that may
 *   only invoke this function.
 * - Alarms to the FinOps topic: per budget and threshold on BudgetUsedPercent or
 *   BudgetForecastUsedPercent, and an anomaly detection alarm on TotalDailyCost. Alarms to the
 *   operations topic: a failed run, and anything in the dead-letter queue.
 *
 * Create it in the home-region stack (Cost Explorer is called in us-east-1 from any region).
 */
export class CostCollector extends Construct {
  /** The collector function. */
  readonly function: lambda.IFunction;
  /** Where the collector remembers which thresholds it already reported (JSON, initially `{}`). */
  readonly stateParameter: ssm.IStringParameter;
  /** Failed runs and undeliverable scheduled invocations, kept 14 days. */
  readonly deadLetterQueue: sqs.IQueue;
  /** The schedules, one per run time. */
  readonly schedules: readonly scheduler.Schedule[];
  /** The budget alarms, by budget name: one per threshold, in the order of the thresholds. */
  readonly budgetAlarms: Readonly<Record<string, readonly cloudwatch.Alarm[]>>;
  /** The anomaly detection alarm on the total daily cost. */
  readonly anomalyAlarm: cloudwatch.Alarm;
  /** A run failed (throttling not overcome, request cap reached, metrics lost, any error). */
  readonly errorsAlarm: cloudwatch.Alarm;
  /** Something is in the dead-letter queue. */
  readonly deadLetterAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: CostCollectorProps) {
    super(scope, id);
    const logRetention = props.logRetention ?? logs.RetentionDays.THREE_MONTHS;
    const logLevel = props.logLevel ?? 'INFO';
    const stdDevs = props.dailyCostAnomalyStdDevs ?? 2;
    const where = `CostCollector ${this.node.path}`;

    const settings = parseSettings(where, props.settings);
    const timeZone = settings.client.timeZone;
    const runAt = settings.finops.collector.runAt;
    if (!Token.isUnresolved(stdDevs) && !(Number.isFinite(stdDevs) && stdDevs > 0)) {
      throw new Error(
        `${where}: dailyCostAnomalyStdDevs must be a number of standard deviations greater than zero, typically 2-3 (received ${stdDevs})`,
      );
    }

    // --- State ---------------------------------------------------------------------------------------
    // CloudFormation writes `stringValue` again whenever it updates the parameter, which would
    // forget what was reported and send those digests twice: the description is fixed (a renamed
    // client changes nothing here), and the parameter outlives its stack.
    const stateParameter = new ssm.StringParameter(this, 'State', {
      description: 'Cost collector: budget thresholds already reported (written by the collector; do not edit)',
      stringValue: '{}',
      tier: ssm.ParameterTier.STANDARD,
    });
    stateParameter.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.stateParameter = stateParameter;

    // --- Function, schedules, its own alarms ---------------------------------------------------------
    // Id 'Default': CDK leaves it out of logical ids, so the function's resources keep the ids they
    // had before the scheduled function was a construct of its own (nothing is replaced).
    const scheduled = new ScheduledFunction(this, 'Default', {
      entry: COST_COLLECTOR_ENTRY,
      serviceName: COST_COLLECTOR_SERVICE_NAME,
      name: 'Collector',
      description: `Cost collector of ${settings.client.displayName}: Cost Explorer to CloudWatch metrics and budget digests`,
      environment: {
        [SETTINGS_ENV]: JSON.stringify(settings),
        [TOPIC_ARN_ENV]: props.topic.topicArn,
        [STATE_PARAMETER_ENV]: stateParameter.parameterName,
      },
      schedules: ScheduledFunction.dailyAt(runAt),
      timeZone,
      logGroupKey: props.logGroupKey,
      logRetention,
      logLevel,
      operationsTopic: props.operationsTopic,
      failedRunImpact: catalogue(languageOf(this)).alarms.impacts.costCollector,
    });
    this.function = scheduled.function;
    this.deadLetterQueue = scheduled.deadLetterQueue;
    this.schedules = scheduled.schedules;
    this.errorsAlarm = scheduled.errorsAlarm;
    this.deadLetterAlarm = scheduled.deadLetterAlarm;

    // --- Permissions ---------------------------------------------------------------------------------
    scheduled.addToPolicy(new iam.PolicyStatement({ sid: 'PublishDigest', actions: ['sns:Publish'], resources: [props.topic.topicArn] }));
    scheduled.addToPolicy(
      new iam.PolicyStatement({
        sid: 'ReadWriteState',
        actions: ['ssm:GetParameter', 'ssm:PutParameter'],
        resources: [stateParameter.parameterArn],
      }),
    );
    if (props.topic.masterKey) {
      // What SNS needs from a publisher to an encrypted topic, on that topic's key only.
      scheduled.addToPolicy(
        new iam.PolicyStatement({
          sid: 'EncryptDigest',
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [props.topic.masterKey.keyArn],
        }),
      );
    }
    const costExplorerPolicy = scheduled.addManagedPolicy(
      'CostExplorerPolicy',
      'Cost collector: daily costs and month-end forecasts from Cost Explorer',
      [new iam.PolicyStatement({ sid: 'ReadCosts', actions: ['ce:GetCostAndUsage', 'ce:GetCostForecast'], resources: ['*'] })],
    );
    acknowledge(
      costExplorerPolicy,
      'AwsSolutions-IAM5[Resource::*]',
      'Cost Explorer has no resource-level permissions: GetCostAndUsage and GetCostForecast only accept "*" (Service Authorization Reference). The policy allows nothing else, and the collector caps its requests per run.',
    );
    const metricsPolicy = scheduled.addManagedPolicy(
      'MetricsPolicy',
      `Cost collector: write CloudWatch metrics in the ${FINOPS_NAMESPACE} namespace only, read the waste figures`,
      [
        new iam.PolicyStatement({
          sid: 'PutFinopsMetrics',
          actions: ['cloudwatch:PutMetricData'],
          resources: ['*'],
          conditions: { StringEquals: { 'cloudwatch:namespace': FINOPS_NAMESPACE } },
        }),
        // The waste finder's latest figures, quoted in the budget digest. GetMetricData has neither
        // resource types nor a namespace condition key: it can only be granted on "*".
        new iam.PolicyStatement({ sid: 'ReadWasteFigures', actions: ['cloudwatch:GetMetricData'], resources: ['*'] }),
      ],
    );
    acknowledge(
      metricsPolicy,
      'AwsSolutions-IAM5[Resource::*]',
      `cloudwatch:PutMetricData and cloudwatch:GetMetricData have no resource-level permissions and only accept "*" (Service Authorization Reference). The cloudwatch:namespace condition limits PutMetricData to the ${FINOPS_NAMESPACE} namespace, so no other metric can be written; GetMetricData is read-only, and the collector makes one request, only when it sends a digest.`,
    );

    // --- Alarms ------------------------------------------------------------------------------------
    const finopsAction = new cloudwatchActions.SnsAction(props.topic);
    const runsPerDay = runAt.length;

    const metrics = new FinopsMetricFactory();
    // Native alarms: chat and email show their description, in the client's language.
    const texts = catalogue(settings.client.language).digest;
    const budgetAlarms: Record<string, cloudwatch.Alarm[]> = {};
    for (const budget of settings.finops.budgets) {
      budgetAlarms[budget.name] = budget.thresholds.map((threshold) => {
        const actual = threshold.basis === 'actual';
        // Keyed by budget name and threshold: a replaced alarm of the same name would be deleted
        // after its successor was written, leaving none.
        const alarm = new cloudwatch.Alarm(
          this,
          budgetConstructId(this, budget.name, `${actual ? 'Actual' : 'Forecast'}${threshold.percent}`),
          {
            alarmName: alarmName(this, 'Budget', budget.name, actual ? 'Actual' : 'Forecast', `${threshold.percent}pct`),
            alarmDescription: texts.budgetAlarm(budget.name, budget.monthlyLimitUsd, actual, threshold.percent, runsPerDay),
            // Maximum (the factory's statistic for revised series) over a day: a six-hour period
            // would be empty between runs and swing between ALARM and OK twice a day.
            metric: actual
              ? metrics.usedPercent(budget.name, Duration.days(1))
              : metrics.forecastUsedPercent(budget.name, Duration.days(1)),
            threshold: threshold.percent,
            comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
            evaluationPeriods: 1,
            // No data means the collector did not run (the errors alarm reports that to operations),
            // not that spend fell: keep the last state rather than turn OK and alert again later.
            treatMissingData: cloudwatch.TreatMissingData.IGNORE,
          },
        );
        alarm.addAlarmAction(finopsAction);
        return alarm;
      });
    }
    this.budgetAlarms = budgetAlarms;

    this.anomalyAlarm = new cloudwatch.AnomalyDetectionAlarm(this, 'DailyCostAnomaly', {
      alarmName: alarmName(this, 'DailyCost', 'Anomaly'),
      alarmDescription: texts.anomalyAlarm(settings.client.displayName, stdDevs),
      // Maximum: the collector re-publishes revised days.
      metric: metrics.totalDailyCost(Duration.days(1)),
      stdDevs,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_UPPER_THRESHOLD,
      // Daily costs are stamped with their cost day (00:00 UTC): a day's complete value arrives
      // the next day, so the alarm looks at two days, and one above the band is enough.
      evaluationPeriods: 2,
      datapointsToAlarm: 1,
      treatMissingData: cloudwatch.TreatMissingData.IGNORE,
    });
    this.anomalyAlarm.addAlarmAction(finopsAction);
  }
}

/** The settings as the function will parse them, or an error naming every problem. */
function parseSettings(where: string, settings: CollectorSettings): CollectorSettings {
  const result = collectorSettingsSchema.safeParse(settings);
  if (!result.success) {
    throw new Error(
      `${where}: settings do not match the collector's settings schema (lib/core/finops/collector-settings.ts), so the function would fail at cold start:\n${z.prettifyError(result.error)}`,
    );
  }
  return result.data;
}
