import { languageOf } from '../shared/language';
import { catalogue } from '../../lib/core/alerts/catalogue';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../shared/compliance';
import { alarmName } from '../shared/alarm-names';

/*
 * Delivering EventBridge events safely, shared by every construct whose rules send events
 * somewhere: a dead-letter queue for what could not be delivered, with an alarm on its depth.
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
      alarmDescription: catalogue(languageOf(this)).alarms.readQueue(options.description, this.node.path),
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
