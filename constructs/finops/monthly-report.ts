import { CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { catalogue } from '../../lib/core/alerts/catalogue';
import { repoPath } from '../../lib/core/paths';
import {
  REPORT_BUCKET_ENV,
  REPORT_SETTINGS_ENV,
  REPORT_TOPIC_ARN_ENV,
  reportRoleName,
  reportSettingsSchema,
  type ReportSettings,
  type ReportSettingsInput,
} from '../../lib/core/report/report-settings';
import { parseTimeOfDay } from '../../lib/core/rules/times-of-day';
import { acknowledgeAccessLogsEncryption, acknowledgeSingleRegion, accessLogsBucketProps } from '../shared/access-logs-bucket';
import { acknowledge } from '../shared/compliance';
import { accountReadStatements, acknowledgeAccountReads } from './report-reader-role';
import { languageOf } from '../shared/language';
import { ScheduledFunction, type ScheduledFunctionLogLevel } from '../shared/scheduled-function';

/** The report Lambda's entry point; it exports `handler`. */
export const MONTHLY_REPORT_ENTRY = repoPath('lambda', 'monthly-report', 'handler.ts');

/** Powertools service name of the report Lambda. */
export const MONTHLY_REPORT_SERVICE_NAME = 'monthly-report';

/** Where in the bucket the reports go (`reports/<year>/<client>-<month>.html`). */
export const REPORT_PREFIX = 'reports/';

/** Properties of {@link MonthlyReport}. */
export interface MonthlyReportProps {
  /**
   * What the report needs from the client file (client, accounts, budgets, the `report` section,
   * the account it runs in, the stack prefix, the vault). Validated here with the Lambda's own
   * schema and passed as one JSON environment variable, which the Lambda parses at cold start.
   */
  readonly settings: ReportSettingsInput;

  /**
   * The FinOps alert topic: the summary with the key figures and the console link goes to it
   * (email text, chat custom notification). Encrypted topics are supported: the function may use
   * the topic's key to publish.
   */
  readonly topic: sns.ITopic;

  /**
   * Where a failed run and undeliverable invocations are reported. It must admit
   * `cloudwatch.amazonaws.com` (AlertTopic `publishingServices`).
   */
  readonly operationsTopic: sns.ITopic;

  /**
   * The key that encrypts the report bucket and the function's log group: the account's platform
   * key. Its key policy must let CloudWatch Logs of this region use it
   * (`PlatformKey.allowCloudWatchLogs()`); S3 uses it with the function's own permission.
   */
  readonly key: kms.IKey;

  /**
   * How long a replaced version of a report (a re-run of a month) is kept. The current version of
   * every report is kept for good: a year of reports is about 1 MB.
   * @default Duration.days(365)
   */
  readonly noncurrentVersionExpiration?: Duration;

  /**
   * How long the bucket's server access logs are kept.
   * @default Duration.days(365)
   */
  readonly accessLogsExpiration?: Duration;

  /**
   * How long the function's logs are kept.
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * The function's log level (Powertools `LOG_LEVEL`).
   * @default 'INFO'
   */
  readonly logLevel?: ScheduledFunctionLogLevel;
}

/**
 * The monthly report for the client's management: a Lambda function that, on `report.dayOfMonth`
 * at `report.runAt` in the client's time zone, reads the month before and writes one
 * self-contained HTML page (lib/core/report/), stores it in the report bucket and sends its key
 * figures with a console link to the FinOps topic.
 *
 * - Bucket: SSE-KMS with the platform key (S3 Bucket Key on), versioned, public access blocked,
 *   TLS 1.2 or later only, ACLs disabled, server access logs into a second bucket (SSE-S3, which is
 *   all S3 log delivery accepts), both retained when the stack is deleted.
 * - Function: a {@link ScheduledFunction} (Node.js 24, ARM64, bundled locally, X-Ray, encrypted log
 *   group, no automatic retry: a retry would spend the Cost Explorer requests again), 512 MB for
 *   the page, 10 minutes for CloudTrail's two requests a second.
 * - Permissions, read only except the report and the summary: Cost Explorer GetCostAndUsage and
 *   GetCostForecast (counted and capped per run by `report.maxCostExplorerRequests`), CloudWatch
 *   GetMetricData and DescribeAlarmHistory on this account's alarms, Security Hub GetFindings on
 *   this account's hub, AWS Backup ListRestoreJobs, ListBackupVaults and
 *   ListRecoveryPointsByBackupVault on the platform's vault, CloudTrail LookupEvents, GuardDuty
 *   ListDetectors, ListFindings and GetFindings (read where Security Hub is off), s3:PutObject
 *   under `reports/` of its bucket, the platform key for S3 only, sns:Publish to the FinOps topic.
 * - The client's other accounts (`settings.otherAccounts`): the function assumes their
 *   {@link ReportReaderRole} (sts:AssumeRole on exactly those roles) and reads the same there; its
 *   role has the fixed name `<Client>-MonthlyReport`, which the reader roles trust.
 * - Alarms to the operations topic: a failed run, and anything in the dead-letter queue.
 *
 * Create it in the billing account's home-region stack: Cost Explorer answers for the whole bill
 * there (the management account in organization mode).
 */
export class MonthlyReport extends Construct {
  /** The report bucket. */
  readonly bucket: s3.IBucket;
  /** Where S3 delivers the report bucket's server access logs. */
  readonly accessLogsBucket: s3.IBucket;
  /** The report function. */
  readonly function: lambda.IFunction;
  /** The monthly schedule. */
  readonly schedule: scheduler.Schedule;
  /** Failed runs and undeliverable scheduled invocations, kept 14 days. */
  readonly deadLetterQueue: sqs.IQueue;
  /** A run failed. */
  readonly errorsAlarm: cloudwatch.Alarm;
  /** Something is in the dead-letter queue. */
  readonly deadLetterAlarm: cloudwatch.Alarm;
  /** The settings the function receives, defaults filled in. */
  readonly settings: ReportSettings;

  constructor(scope: Construct, id: string, props: MonthlyReportProps) {
    super(scope, id);
    const where = `MonthlyReport ${this.node.path}`;
    const settings = parseSettings(where, props.settings);
    this.settings = settings;
    const stack = Stack.of(this);
    // Server access log delivery by bucket policy: buckets with ACLs disabled refuse the
    // LogDeliveryWrite ACL CDK would otherwise grant (the same choice as the log archive).
    this.node.setContext('@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy', true);

    // --- Buckets -------------------------------------------------------------------------------------
    const accessLogsBucket = new s3.Bucket(
      this,
      'AccessLogs',
      accessLogsBucketProps({
        expiration: props.accessLogsExpiration ?? Duration.days(365),
        noncurrentVersionExpiration: Duration.days(30),
      }),
    );
    const bucket = new s3.Bucket(this, 'Bucket', {
      encryption: s3.BucketEncryption.KMS,
      encryptionKey: props.key,
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: accessLogsBucket,
      serverAccessLogsPrefix: 'report-bucket/',
      lifecycleRules: [
        {
          id: 'ExpireReplacedReports',
          noncurrentVersionExpiration: props.noncurrentVersionExpiration ?? Duration.days(365),
          abortIncompleteMultipartUploadAfter: Duration.days(7),
        },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bucket = bucket;
    this.accessLogsBucket = accessLogsBucket;
    const residency =
      'The reports stay in the home region on purpose (data residency: they hold the client\u2019s costs and security posture). Versioning and retention on delete protect them; the page can be written again from AWS at any time for the 13 months Cost Explorer keeps.';
    for (const target of [bucket.node.defaultChild!, accessLogsBucket.node.defaultChild!]) acknowledgeSingleRegion(target, residency);
    acknowledgeAccessLogsEncryption(accessLogsBucket.node.defaultChild!);
    new CfnOutput(this, 'BucketName', {
      value: bucket.bucketName,
      description: 'The monthly reports (reports/<year>/<client>-<month>.html)',
    });

    // --- Function, schedule, its own alarms ----------------------------------------------------------
    const time = parseTimeOfDay(settings.report.runAt)!;
    const day = settings.report.dayOfMonth;
    const scheduled = new ScheduledFunction(this, 'Default', {
      entry: MONTHLY_REPORT_ENTRY,
      serviceName: MONTHLY_REPORT_SERVICE_NAME,
      name: 'MonthlyReport',
      description: `Monthly report of ${settings.client.displayName}: costs, savings, security, backups and changes of the month before`,
      environment: {
        [REPORT_SETTINGS_ENV]: JSON.stringify(settings),
        [REPORT_BUCKET_ENV]: bucket.bucketName,
        [REPORT_TOPIC_ARN_ENV]: props.topic.topicArn,
      },
      schedules: [
        {
          id: `Day${day}At${settings.report.runAt.replace(':', '')}`,
          cron: { minute: String(time.minute), hour: String(time.hour), day: String(day) },
          when: `on day ${day} of every month at ${settings.report.runAt}`,
        },
      ],
      timeZone: settings.client.timeZone,
      logGroupKey: props.key,
      logRetention: props.logRetention,
      logLevel: props.logLevel,
      operationsTopic: props.operationsTopic,
      failedRunImpact: catalogue(languageOf(this)).alarms.impacts.monthlyReport,
      memorySize: 512,
      timeout: Duration.minutes(10),
      // Fixed: the reader roles of the client's other accounts trust exactly this role.
      roleName: reportRoleName(settings.client.name),
    });
    this.function = scheduled.function;
    this.schedule = scheduled.schedules[0];
    this.deadLetterQueue = scheduled.deadLetterQueue;
    this.errorsAlarm = scheduled.errorsAlarm;
    this.deadLetterAlarm = scheduled.deadLetterAlarm;

    // --- Permissions -------------------------------------------------------------------------------
    const region = stack.region;
    const writePolicy = scheduled.addManagedPolicy('WriteReportsPolicy', 'Monthly report: store the report pages in the report bucket', [
      new iam.PolicyStatement({
        sid: 'WriteReports',
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects(`${REPORT_PREFIX}*`)],
      }),
      new iam.PolicyStatement({
        sid: 'EncryptReports',
        actions: ['kms:GenerateDataKey'],
        resources: [props.key.keyArn],
        conditions: { StringEquals: { 'kms:ViaService': `s3.${region}.amazonaws.com` } },
      }),
    ]);
    acknowledge(
      writePolicy,
      `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(bucket.node.defaultChild as s3.CfnBucket)}.Arn>/${REPORT_PREFIX}*]`,
      'The report Lambda writes one new object per month (reports/<year>/<client>-<month>.html), so it needs PutObject on the reports/ prefix of its own bucket, not on named objects; it cannot read, list or delete, and the bucket is versioned.',
    );
    scheduled.addToPolicy(new iam.PolicyStatement({ sid: 'PublishSummary', actions: ['sns:Publish'], resources: [props.topic.topicArn] }));
    if (props.topic.masterKey) {
      // What SNS needs from a publisher to an encrypted topic, on that topic's key only.
      scheduled.addToPolicy(
        new iam.PolicyStatement({
          sid: 'EncryptSummary',
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [props.topic.masterKey.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `sns.${region}.amazonaws.com` } },
        }),
      );
    }
    if (settings.otherAccounts.length > 0) {
      scheduled.addToPolicy(
        new iam.PolicyStatement({
          sid: 'ReadOtherAccounts',
          actions: ['sts:AssumeRole'],
          resources: settings.otherAccounts.map((other) => other.roleArn),
        }),
      );
    }

    const costPolicy = scheduled.addManagedPolicy('CostExplorerPolicy', 'Monthly report: monthly costs and a forecast from Cost Explorer', [
      new iam.PolicyStatement({ sid: 'ReadCosts', actions: ['ce:GetCostAndUsage', 'ce:GetCostForecast'], resources: ['*'] }),
    ]);
    acknowledge(
      costPolicy,
      'AwsSolutions-IAM5[Resource::*]',
      'Cost Explorer has no resource-level permissions: GetCostAndUsage and GetCostForecast only accept "*" (Service Authorization Reference). The policy allows nothing else, and the report caps its requests per run (report.maxCostExplorerRequests).',
    );
    const readPolicy = scheduled.addManagedPolicy(
      'ReadActivityPolicy',
      "Monthly report: read this account's metrics, alarm history, findings, restore jobs, recovery points and CloudTrail events",
      accountReadStatements(stack, settings.vaultName),
    );
    acknowledgeAccountReads(readPolicy);
  }
}

/** The settings as the function will parse them, or an error naming every problem. */
function parseSettings(where: string, settings: ReportSettingsInput): ReportSettings {
  const result = reportSettingsSchema.safeParse(settings);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `- ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`);
    throw new Error(
      `${where}: settings do not match the report's settings schema (lib/core/report/report-settings.ts), so the function would fail at cold start:\n${problems.join('\n')}`,
    );
  }
  return result.data;
}
