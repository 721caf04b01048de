import { App, CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as events from 'aws-cdk-lib/aws-events';
import * as sns from 'aws-cdk-lib/aws-sns';
import { IConstruct } from 'constructs';
import { AlertTopic } from '../../../constructs/foundation/alert-topic';
import { AlertTopicPublisher, assertTopicInRuleRegion, EventDeadLetterQueue } from '../../../constructs/foundation/event-delivery';
import { PlatformKey } from '../../../constructs/foundation/platform-key';
import { listAcknowledgements } from '../../../constructs/shared/compliance';
import { nagFindings } from '../../nag';

function setup() {
  const app = new App();
  const stack = new Stack(app, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
  const key = new PlatformKey(stack, 'Key');
  const alerts = new AlertTopic(stack, 'Alerts', { key, displayName: 'Acme alerts' });
  const queue = new EventDeadLetterQueue(stack, 'Undelivered', { usedBy: 'the test rules' });
  const publisher = new AlertTopicPublisher(stack, 'PublishRole', {
    topic: alerts.topic,
    deadLetterQueue: queue,
    description: 'EventBridge: publishes test events to the alert topic',
  });
  const rule = new events.Rule(stack, 'Rule', {
    eventPattern: { source: ['aws.backup'] },
    targets: [publisher.target(events.RuleTargetInput.fromText('hello'))],
  });
  const id = (construct: IConstruct) => stack.getLogicalId(construct.node.defaultChild as CfnElement);
  return { app, stack, key, alerts, queue, publisher, rule, id, template: () => Template.fromStack(stack) };
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

describe('AlertTopicPublisher', () => {
  test("lets only this account's rules in this region assume the role", () => {
    setup()
      .template()
      .hasResourceProperties('AWS::IAM::Role', {
        Description: 'EventBridge: publishes test events to the alert topic',
        AssumeRolePolicyDocument: {
          Statement: [
            {
              Action: 'sts:AssumeRole',
              Effect: 'Allow',
              Principal: { Service: 'events.amazonaws.com' },
              Condition: {
                StringEquals: { 'aws:SourceAccount': '123456789012' },
                ArnLike: {
                  'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:eu-west-1:123456789012:rule/*']] },
                },
              },
            },
          ],
        },
      });
  });

  test('may only publish to the topic and use its key, through a managed policy and no inline grant', () => {
    const { template, publisher, alerts, key, id } = setup();
    const t = template();
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      // The role's description unless policyDescription is given.
      Description: 'EventBridge: publishes test events to the alert topic',
      Roles: [{ Ref: id(publisher) }],
      PolicyDocument: {
        Statement: [
          { Sid: 'PublishAlerts', Effect: 'Allow', Action: 'sns:Publish', Resource: { Ref: id(alerts.topic) } },
          {
            Sid: 'EncryptAlerts',
            Effect: 'Allow',
            Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
            Resource: { 'Fn::GetAtt': [id(key.key), 'Arn'] },
          },
        ],
      },
    });
    t.resourceCountIs('AWS::IAM::Policy', 0);
    // SnsTopic adds no unconditioned events.amazonaws.com statement to the topic policy.
    t.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.not(Match.arrayWith([Match.objectLike({ Principal: { Service: 'events.amazonaws.com' } })])) },
    });
  });

  test('leaves out the key statement for an unencrypted topic and uses policyDescription', () => {
    // given
    const stack = new Stack(undefined, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
    const topic = new sns.Topic(stack, 'Topic');
    const queue = new EventDeadLetterQueue(stack, 'Undelivered', { usedBy: 'the test rules' });

    // when
    new AlertTopicPublisher(stack, 'PublishRole', {
      topic,
      deadLetterQueue: queue,
      description: 'Role',
      policyDescription: 'Publish test events',
    });

    // then
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Description: 'Publish test events',
      PolicyDocument: { Statement: [Match.objectLike({ Sid: 'PublishAlerts', Action: 'sns:Publish' })] },
    });
  });

  test('makes targets that publish with the role and send failures to the dead-letter queue', () => {
    const { template, publisher, alerts, queue, id } = setup();
    template().hasResourceProperties('AWS::Events::Rule', {
      Targets: [
        Match.objectLike({
          Arn: { Ref: id(alerts.topic) },
          RoleArn: { 'Fn::GetAtt': [id(publisher), 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [id(queue), 'Arn'] } },
          Input: '"hello"',
        }),
      ],
    });
  });

  test('has no unacknowledged finding in the five packs', () => {
    const { app, stack, key, queue } = setup();
    const operations = new AlertTopic(stack, 'Operations', { key, displayName: 'Acme operations' });
    queue.alarmWhenNotEmpty(stack, 'UndeliveredAlarm', { alarmTopic: operations.topic, description: 'Test events could not be sent' });
    expect(nagFindings(app)).toEqual([]);
  });
});

describe('assertTopicInRuleRegion', () => {
  const app = new App();
  const home = new Stack(app, 'Home', { env: { account: '123456789012', region: 'eu-west-1' } });
  const other = new Stack(app, 'Other', { env: { account: '123456789012', region: 'eu-central-1' } });
  const topic = new sns.Topic(home, 'Alerts');

  test("accepts a topic of the rule's own region", () => {
    expect(() => assertTopicInRuleRegion('Rules Home/Rules', home, topic)).not.toThrow();
  });

  test('rejects a topic of another region, naming the construct, both regions and why', () => {
    expect(() => assertTopicInRuleRegion('Rules Other/Rules', other, topic)).toThrow(
      'Rules Other/Rules: alertTopic must be in this region eu-central-1, because EventBridge rules deliver to SNS topics of their own region only (received a topic in eu-west-1); create a topic in this region',
    );
  });

  test('cannot judge, and so accepts, an environment-agnostic stack', () => {
    expect(() => assertTopicInRuleRegion('Rules', new Stack(app, 'Agnostic'), topic)).not.toThrow();
  });
});
