import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as sns from 'aws-cdk-lib/aws-sns';
import { IConstruct } from 'constructs';
import { AlertTopic } from '../../../constructs/foundation/alert-topic';
import { AlertNotifier } from '../../../constructs/foundation/alert-notifier';
import { EventDeadLetterQueue } from '../../../constructs/foundation/event-delivery';
import { PlatformKey } from '../../../constructs/foundation/platform-key';
import { listAcknowledgements } from '../../../constructs/shared/compliance';
import { nagFindings } from '../../nag';
import { NOTIFIER } from './alert-notifier-expectations';

function setup() {
  const app = new App();
  const stack = new Stack(app, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
  const key = new PlatformKey(stack, 'Key');
  const queue = new EventDeadLetterQueue(stack, 'Undelivered', { usedBy: 'the test rules' });
  const rule = new events.Rule(stack, 'Rule', {
    eventPattern: { source: ['aws.backup'] },
    targets: [AlertNotifier.target(stack, 'Notifier', NOTIFIER, queue)],
  });
  const id = (construct: IConstruct) => stack.getLogicalId(construct.node.defaultChild as CfnElement);
  return { app, stack, key, queue, rule, id, template: () => Template.fromStack(stack) };
}

describe('EventDeadLetterQueue', () => {
  test('keeps events 14 days in an encrypted, TLS-only queue that is retained', () => {
    const { template, queue, id } = setup();
    const t = template();
    t.hasResource('AWS::SQS::Queue', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: { MessageRetentionPeriod: 14 * 24 * 3600, SqsManagedSseEnabled: true },
    });
    t.hasResourceProperties('AWS::SQS::QueuePolicy', {
      Queues: [{ Ref: id(queue) }],
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  test('acknowledges that it needs no dead-letter queue of its own, naming its rules', () => {
    const { stack, queue } = setup();
    const acknowledged = listAcknowledgements(stack).filter((a) => a.path === queue.node.path);
    expect(acknowledged.map((a) => a.ruleId).sort()).toEqual(['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy']);
    for (const a of acknowledged) expect(a.reason).toMatch(/dead-letter queue of the test rules/);
  });

  test('lets only its rule send to it', () => {
    const { template, rule, id } = setup();
    template().hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'events.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Condition: { ArnEquals: { 'aws:SourceArn': { 'Fn::GetAtt': [id(rule), 'Arn'] } } },
          }),
        ]),
      },
    });
  });

  test('alarms on another topic, in the given scope, as soon as one event waits', () => {
    // given
    const { stack, queue, id, template } = setup();
    const operations = new sns.Topic(stack, 'Operations');

    // when
    const alarm = queue.alarmWhenNotEmpty(stack, 'UndeliveredAlarm', {
      alarmTopic: operations,
      description: 'Test events could not be sent',
    });

    // then
    expect(alarm.node.scope).toBe(stack);
    template().hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: 'Test events could not be sent; read them from the queue Test/Undelivered.',
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [id(queue), 'QueueName'] } }],
      Statistic: 'Maximum',
      Period: 300,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: id(operations) }],
    });
  });

  test('alarms without action when given no topic (its state change is forwarded instead)', () => {
    const { queue, stack, template } = setup();
    queue.alarmWhenNotEmpty(stack, 'UndeliveredAlarm', { description: 'Test events could not be forwarded' });
    template().hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: 'Test events could not be forwarded; read them from the queue Test/Undelivered.',
      AlarmActions: Match.absent(),
    });
  });

  test('makes no alarm unless asked', () => {
    setup().template().resourceCountIs('AWS::CloudWatch::Alarm', 0);
  });

  test('rejects an empty usedBy', () => {
    const stack = new Stack();
    expect(() => new EventDeadLetterQueue(stack, 'Queue', { usedBy: ' ' })).toThrow(
      /usedBy must name the rules that use the queue.*\(received an empty string\)/,
    );
  });
});

describe('EventDeadLetterQueue with its alarm', () => {
  test('has no unacknowledged finding in the five packs', () => {
    const { app, stack, key, queue } = setup();
    const operations = new AlertTopic(stack, 'Operations', { key, displayName: 'Acme operations' });
    queue.alarmWhenNotEmpty(stack, 'UndeliveredAlarm', { alarmTopic: operations.topic, description: 'Test events could not be sent' });
    expect(nagFindings(app)).toEqual([]);
  });
});
