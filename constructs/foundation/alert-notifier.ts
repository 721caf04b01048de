import { languageOf } from '../shared/language';
import { catalogue } from '../../lib/core/alerts/catalogue';
import { Annotations, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  ALERT_NOTIFIER_SETTINGS_ENV,
  ALERT_NOTIFIER_TABLE_ENV,
  alertNotifierSettingsSchema,
  type AlertNotifierSettings,
} from '../../lib/core/alerts/notifier-settings';
import { PENDING_SUBSCRIPTIONS_METRIC } from '../../lib/core/alerts/metrics';
import { repoPath } from '../../lib/core/paths';
import { acknowledge } from '../shared/compliance';
import { ScheduledFunction } from '../shared/scheduled-function';

/** The notifier's entry point; it exports `handler`. */
export const ALERT_NOTIFIER_ENTRY = repoPath('lambda', 'alert-notifier', 'handler.ts');

/** What a rule in another stack of the account needs to send events to the notifier. */
export interface AlertNotifierRef {
  /** The notifier function's ARN. */
  readonly functionArn: string;
}

/** Properties of {@link AlertNotifier}. */
export interface AlertNotifierProps {
  /** The account's alert topics, encrypted with `key`. */
  readonly topics: { readonly security: sns.ITopic; readonly operations: sns.ITopic; readonly finops: sns.ITopic };

  /** The platform key: it encrypts the topics, and here the table and the function's log group. */
  readonly key: kms.IKey;

  /** What the alerts say about the client: language, names, contacts, where the runbooks are. */
  readonly settings: Omit<AlertNotifierSettings, 'topics'>;

  /** The client's IANA time zone: the daily subscription check runs at `checkAt` there. */
  readonly timeZone: string;

  /**
   * Local time of the daily check for unconfirmed subscriptions, `HH:MM`.
   * @default '09:00'
   */
  readonly checkAt?: string;
}

/**
 * The account's alert notifier: one function that turns findings, triage calls and the other
 * regions' alarms into alerts people can act on (docs/decisions/009-alert-delivery.md). For each
 * event it renders the alert in the client's language, as email text and as a chat custom
 * notification, and publishes both in one SNS message per protocol to the right topic; findings
 * alert once, and again only when their severity rises (remembered 90 days in a DynamoDB table).
 * Once a day it reports alert subscriptions nobody confirmed.
 *
 * Rules of the other stacks target it through {@link AlertNotifier.target}, which adds a
 * permission for exactly that rule (`aws:SourceArn`) in the rule's own stack. A failed invocation (an event it cannot parse, SNS refusing) is retried twice, then
 * lands in the function's dead-letter queue, and the errors alarm goes to the operations topic,
 * whose alarms reach email and chat natively.
 */
export class AlertNotifier extends Construct {
  /** The function. */
  readonly function: lambda.IFunction;
  /** The findings it has alerted, with their highest severity. */
  readonly table: dynamodb.ITable;
  /** The function with its alarms, dead-letter queue and schedule. */
  readonly scheduled: ScheduledFunction;

  constructor(scope: Construct, id: string, props: AlertNotifierProps) {
    super(scope, id);
    const where = `AlertNotifier ${this.node.path}`;
    const stack = Stack.of(this);
    const { topics, key } = props;

    const table = new dynamodb.Table(this, 'AlertedFindings', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      timeToLiveAttribute: 'expiresAt',
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table = table;
    const noBackupPlan =
      'Remembers which findings were already alerted (90 days, then expires); point-in-time recovery covers mistakes, and losing it only means a finding may alert once more. Not business data for the backup plan.';
    acknowledge(table, 'NIST.800.53.R5-DynamoDBInBackupPlan', noBackupPlan);
    acknowledge(table, 'HIPAA.Security-DynamoDBInBackupPlan', noBackupPlan);
    acknowledge(table, 'PCI.DSS.321-DynamoDBInBackupPlan', noBackupPlan);

    const settings: AlertNotifierSettings = {
      ...props.settings,
      topics: { security: topics.security.topicArn, operations: topics.operations.topicArn, finops: topics.finops.topicArn },
    };
    // The function parses the same schema at cold start; checking here names a bad value at synth.
    const check = alertNotifierSettingsSchema.safeParse({
      ...settings,
      topics: {
        security: 'arn:aws:sns:eu-west-1:111111111111:t',
        operations: 'arn:aws:sns:eu-west-1:111111111111:t',
        finops: 'arn:aws:sns:eu-west-1:111111111111:t',
      },
    });
    if (!check.success) {
      throw new Error(`${where}: settings are invalid: ${check.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }

    const scheduled = new ScheduledFunction(this, 'Function', {
      entry: ALERT_NOTIFIER_ENTRY,
      serviceName: 'alert-notifier',
      name: 'AlertNotifier',
      description:
        'Alert notifier: findings, triage calls and regional alarms as alerts for email and chat; daily check of unconfirmed subscriptions',
      environment: { [ALERT_NOTIFIER_SETTINGS_ENV]: stack.toJsonString(settings), [ALERT_NOTIFIER_TABLE_ENV]: table.tableName },
      schedules: ScheduledFunction.dailyAt([props.checkAt ?? '09:00']),
      timeZone: props.timeZone,
      logGroupKey: key,
      operationsTopic: topics.operations,
      failedRunImpact: catalogue(languageOf(this)).alarms.impacts.notifier,
      // Safe to repeat: a finding is remembered before it is published and released again when
      // publishing fails, so a retry alerts instead of skipping it.
      retryAttempts: 2,
      memorySize: 256,
      timeout: Duration.seconds(60),
    });
    this.scheduled = scheduled;
    this.function = scheduled.function;

    const topicArns = [topics.security.topicArn, topics.operations.topicArn, topics.finops.topicArn];
    scheduled.addToPolicy(
      new iam.PolicyStatement({
        sid: 'PublishAndCheckAlerts',
        actions: ['sns:Publish', 'sns:ListSubscriptionsByTopic'],
        resources: topicArns,
      }),
    );
    // Publishing to the encrypted topics (GenerateDataKey, Decrypt) and reading and writing the
    // table encrypted with the same key (what aws-cdk-lib's Table.grantWriteData gives a writer,
    // without ReEncrypt, which only key rotation by the caller would need).
    scheduled.addToPolicy(
      new iam.PolicyStatement({
        sid: 'UsePlatformKey',
        actions: ['kms:Decrypt', 'kms:DescribeKey', 'kms:Encrypt', 'kms:GenerateDataKey'],
        resources: [key.keyArn],
      }),
    );
    scheduled.addToPolicy(
      new iam.PolicyStatement({
        sid: 'RememberFindings',
        actions: ['dynamodb:DeleteItem', 'dynamodb:UpdateItem'],
        resources: [table.tableArn],
      }),
    );
    const metrics = scheduled.addManagedPolicy('PendingMetricPolicy', 'Alert notifier: the count of unconfirmed subscriptions', [
      new iam.PolicyStatement({
        sid: 'PublishPendingCount',
        actions: ['cloudwatch:PutMetricData'],
        resources: ['*'],
        conditions: { StringEquals: { 'cloudwatch:namespace': PENDING_SUBSCRIPTIONS_METRIC.namespace } },
      }),
    ]);
    acknowledge(
      metrics,
      'AwsSolutions-IAM5[Resource::*]',
      'cloudwatch:PutMetricData has no resource-level permissions; the condition limits it to the LandingZone/Alerts namespace.',
    );
  }

  /** What rules in other stacks need. */
  get ref(): AlertNotifierRef {
    return { functionArn: this.function.functionArn };
  }

  /**
   * A rule target that sends the whole event to the notifier, with `deadLetterQueue` (in the
   * rule's own stack) for events EventBridge could not deliver after 24 hours of retries.
   */
  static target(scope: Construct, id: string, notifier: AlertNotifierRef, deadLetterQueue: sqs.IQueue): events.IRuleTarget {
    // The target adds a permission for exactly this rule, in the rule's own stack.
    const fn = lambda.Function.fromFunctionAttributes(scope, id, { functionArn: notifier.functionArn, sameEnvironment: true });
    // The ARN comes from the foundation stack as a token, so CDK cannot see its environment; it is
    // the notifier of this account's home region, as the rules are (the foundation stack's own).
    Annotations.of(scope).acknowledgeWarning(
      '@aws-cdk/aws-events:ruleUnresolvedEnvironment',
      "The alert notifier is in the rule's own account and region (the account's foundation stack)",
    );
    return new targets.LambdaFunction(fn, { deadLetterQueue, retryAttempts: 185, maxEventAge: Duration.hours(24) });
  }
}
