import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../../lib/compliance';
import { PlatformKey } from './platform-key';

/** Properties of {@link AlertTopic}. */
export interface AlertTopicProps {
  /** The key that encrypts the topic's messages and its dead-letter queue at rest. */
  readonly key: PlatformKey;

  /**
   * Name shown as the sender of alert emails, e.g. "Example GmbH security alerts".
   * At most 100 characters.
   */
  readonly displayName: string;

  /**
   * Email addresses subscribed to the topic. Each recipient must confirm the subscription from
   * the email AWS sends after the first deployment.
   * @default - no email subscriptions
   */
  readonly emails?: readonly string[];

  /**
   * AWS service principals allowed to publish, e.g. `cloudwatch.amazonaws.com` for alarms.
   * More can be added later with {@link AlertTopic.allowServiceToPublish}.
   * @default - none
   */
  readonly publishingServices?: readonly string[];
}

/**
 * An SNS topic for one kind of alert (security, FinOps, operations): encrypted with the
 * platform key, TLS-only, with email subscriptions and a topic policy that admits AWS services
 * only on behalf of this account.
 *
 * Alerts that cannot be delivered to a subscriber are not lost: they land in an encrypted
 * dead-letter queue (kept 14 days), and {@link alarmWhenUndelivered} raises an alarm on another
 * topic when that happens.
 */
export class AlertTopic extends Construct {
  /** The topic. */
  readonly topic: sns.ITopic;
  /** Where undeliverable alerts wait, 14 days, for someone to read them. */
  readonly deadLetterQueue: sqs.IQueue;

  private readonly platformKey: PlatformKey;
  private readonly publishers = new Set<string>();

  constructor(scope: Construct, id: string, props: AlertTopicProps) {
    super(scope, id);
    if (props.displayName.length === 0 || props.displayName.length > 100) {
      throw new Error(`AlertTopic ${this.node.path}: displayName must be 1-100 characters (received ${props.displayName.length} characters)`);
    }
    this.platformKey = props.key;

    const topic = new sns.Topic(this, 'Resource', {
      displayName: props.displayName,
      masterKey: props.key.key,
      // Denies any request that does not use TLS (AwsSolutions-SNS3).
      enforceSSL: true,
    });
    this.topic = topic;

    const deadLetterQueue = new sqs.Queue(this, 'UndeliveredAlerts', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.key.key,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.deadLetterQueue = deadLetterQueue;
    // SNS itself writes to the encrypted queue when a delivery fails.
    props.key.allowServiceToEncrypt('sns.amazonaws.com');
    const isDeadLetterQueue =
      'This queue is itself the dead-letter queue of the alert email subscriptions (SNS redrive policy); nothing consumes it automatically, so a further DLQ would only move the same messages again. An alarm watches its depth.';
    acknowledge(deadLetterQueue, 'AwsSolutions-SQS3', isDeadLetterQueue);
    acknowledge(deadLetterQueue, 'Serverless-SQSRedrivePolicy', isDeadLetterQueue);

    for (const email of props.emails ?? []) {
      topic.addSubscription(new subscriptions.EmailSubscription(email, { deadLetterQueue }));
    }
    for (const service of props.publishingServices ?? []) {
      this.allowServiceToPublish(service);
    }
  }

  /**
   * Lets an AWS service publish to the topic on behalf of this account only (`aws:SourceAccount`
   * guards against the confused-deputy problem), and lets it use the topic's key.
   */
  allowServiceToPublish(servicePrincipal: string): void {
    if (this.publishers.has(servicePrincipal)) return;
    this.publishers.add(servicePrincipal);
    this.topic.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: `AllowPublishFrom${servicePrincipal.split('.')[0].replace(/[^A-Za-z0-9]/g, '')}`,
        principals: [new iam.ServicePrincipal(servicePrincipal)],
        actions: ['sns:Publish'],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
    );
    this.platformKey.allowServiceToEncrypt(servicePrincipal);
  }

  /**
   * Raises an alarm on `alarmTopic` as soon as one alert could not be delivered. Use another
   * topic than this one: an alarm about failed deliveries should not depend on the channel that
   * is failing.
   */
  alarmWhenUndelivered(alarmTopic: sns.ITopic): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, 'UndeliveredAlarm', {
      alarmDescription: `Alerts of ${this.topic.node.path} could not be delivered; read them from the queue ${this.deadLetterQueue.node.path}.`,
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new cloudwatchActions.SnsAction(alarmTopic));
    return alarm;
  }
}
