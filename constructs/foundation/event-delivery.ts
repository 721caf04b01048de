import { Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../shared/compliance';
import { alarmName } from '../shared/alarm-names';

/*
 * The two halves of delivering EventBridge events safely, shared by every construct whose rules
 * send events somewhere: a dead-letter queue for what could not be delivered, and a role that lets
 * rules publish to an alert topic and nothing else. Two constructs in one file because the second
 * is always used with the first.
 */

/** Properties of {@link EventDeadLetterQueue}. */
export interface EventDeadLetterQueueProps {
  /**
   * The rules whose targets use this queue, in words, e.g. "the finding alert rules". Named in
   * the cdk-nag acknowledgements so that a reviewer sees what the queue is for.
   */
  readonly usedBy: string;
}

/** Options of {@link EventDeadLetterQueue.alarmWhenNotEmpty}. */
export interface EventDeadLetterQueueAlarmOptions {
  /**
   * Where the alarm goes: another topic than the one the rules deliver to. Alarm actions must be in
   * the alarm's region; a region without a topic leaves this out and forwards the alarm's state
   * changes instead (see `FindingForwarder`).
   * @default - an alarm without action
   */
  readonly alarmTopic?: sns.ITopic;

  /**
   * The alarm description: what could not be delivered, e.g. "Security findings of eu-west-1 could
   * not be sent to the alert topic". The queue's path is appended so that whoever gets the alarm
   * knows where to read the events.
   */
  readonly description: string;
}

/**
 * The dead-letter queue of EventBridge rule targets: events a target could not take (after
 * EventBridge's 24 hours of retries) wait here 14 days for a person to read them. Encrypted with
 * SQS-managed keys (EventBridge cannot write to a queue under a customer managed key without a key
 * policy of its own), TLS-only, retained when the stack is deleted.
 *
 * Pass it as `deadLetterQueue` of the targets; the targets add the queue policy that lets only
 * their rules send to it.
 */
export class EventDeadLetterQueue extends sqs.Queue {
  constructor(scope: Construct, id: string, props: EventDeadLetterQueueProps) {
    super(scope, id, {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (props.usedBy.trim().length === 0) {
      throw new Error(
        `EventDeadLetterQueue ${this.node.path}: usedBy must name the rules that use the queue, e.g. "the finding alert rules" (received an empty string)`,
      );
    }
    const isDeadLetterQueue = `This queue is itself the dead-letter queue of ${props.usedBy} (EventBridge target DLQ); nothing consumes it automatically, so a further DLQ would only move the same events again. Its depth is a CloudWatch metric to alarm on.`;
    acknowledge(this, 'AwsSolutions-SQS3', isDeadLetterQueue);
    acknowledge(this, 'Serverless-SQSRedrivePolicy', isDeadLetterQueue);
  }

  /**
   * Raises an alarm (on `options.alarmTopic`, if given) as soon as one event waits in the queue. Like
   * `Metric.createAlarm`, the alarm is created in the given scope, so that it sits next to the
   * rules whose failures it reports.
   */
  alarmWhenNotEmpty(scope: Construct, id: string, options: EventDeadLetterQueueAlarmOptions): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(scope, id, {
      alarmName: alarmName(scope, scope.node.id, 'Undelivered'),
      alarmDescription: `${options.description}; read them from the queue ${this.node.path}.`,
      metric: this.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      threshold: 0,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    if (options.alarmTopic) alarm.addAlarmAction(new cloudwatchActions.SnsAction(options.alarmTopic));
    return alarm;
  }
}

/** Properties of {@link AlertTopicPublisher}. */
export interface AlertTopicPublisherProps {
  /** The topic the rules publish to, in this stack's region. */
  readonly topic: sns.ITopic;

  /** Where events go that could not be published, e.g. an {@link EventDeadLetterQueue}. */
  readonly deadLetterQueue: sqs.IQueue;

  /** Description of the role, e.g. "EventBridge: publishes AWS Backup job alerts of eu-west-1 to the alert topic". */
  readonly description: string;

  /**
   * Description of the publishing policy. Changing it replaces the policy (CloudFormation cannot
   * update a managed policy's description).
   * @default - the role's description
   */
  readonly policyDescription?: string;
}

/**
 * The role EventBridge rules publish to an alert topic with: only this account's rules in this
 * region may assume it (`aws:SourceAccount`, `aws:SourceArn`), and it may only publish to this
 * topic and use its key. {@link target} makes the rule targets.
 *
 * This replaces the topic policy statement that `SnsTopic` adds by default: it lets
 * `events.amazonaws.com` publish with no condition, which would let EventBridge rules of other
 * accounts (cross-account targets) send to the topic. The permissions sit in a customer managed
 * policy (NIST/HIPAA/PCI IAMNoInlinePolicy), child `Policy`, and the targets get the role without
 * policy updates, so `SnsTopic` adds no inline grant either.
 */
export class AlertTopicPublisher extends iam.Role {
  private readonly topic: sns.ITopic;
  private readonly deadLetterQueue: sqs.IQueue;
  private readonly targetRole: iam.IRole;

  constructor(scope: Construct, id: string, props: AlertTopicPublisherProps) {
    const stack = Stack.of(scope);
    super(scope, id, {
      description: props.description,
      assumedBy: new iam.ServicePrincipal('events.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:events:${stack.region}:${stack.account}:rule/*` },
        },
      }),
    });
    const policyDescription = props.policyDescription ?? props.description;
    this.topic = props.topic;
    this.deadLetterQueue = props.deadLetterQueue;

    const statements = [new iam.PolicyStatement({ sid: 'PublishAlerts', actions: ['sns:Publish'], resources: [props.topic.topicArn] })];
    if (props.topic.masterKey) {
      // What SNS needs from a publisher to an encrypted topic, without the GenerateDataKey*
      // wildcard that Topic.grantPublish would add.
      statements.push(
        new iam.PolicyStatement({
          sid: 'EncryptAlerts',
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [props.topic.masterKey.keyArn],
        }),
      );
    }
    new iam.ManagedPolicy(this, 'Policy', { description: policyDescription, statements, roles: [this] });
    this.targetRole = this.withoutPolicyUpdates();
  }

  /** A rule target that publishes `message` to the topic with this role, undeliverable events to the dead-letter queue. */
  target(message: events.RuleTargetInput): targets.SnsTopic {
    return new targets.SnsTopic(this.topic, {
      authorizeUsingRole: true,
      role: this.targetRole,
      deadLetterQueue: this.deadLetterQueue,
      message,
    });
  }
}

/**
 * Fails, naming `where`, when `topic` is not in the region of `scope`'s stack: EventBridge rules
 * deliver to SNS topics of their own region only, so a rule would never reach it.
 */
export function assertTopicInRuleRegion(where: string, scope: Construct, topic: sns.ITopic): void {
  const region = Stack.of(scope).region;
  const topicRegion = topic.env.region;
  if (!Token.isUnresolved(topicRegion) && !Token.isUnresolved(region) && topicRegion !== region) {
    throw new Error(
      `${where}: alertTopic must be in this region ${region}, because EventBridge rules deliver to SNS topics of their own region only (received a topic in ${topicRegion}); create a topic in this region`,
    );
  }
}
