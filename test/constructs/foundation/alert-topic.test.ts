import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AlertTopic } from '../../../constructs/foundation/alert-topic';
import { PlatformKey } from '../../../constructs/foundation/platform-key';

function setup() {
  const stack = new Stack(undefined, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
  const key = new PlatformKey(stack, 'Key');
  const alerts = new AlertTopic(stack, 'Alerts', {
    key,
    displayName: 'Acme security alerts',
    emails: ['a@acme.example', 'b@acme.example'],
    publishingServices: ['cloudwatch.amazonaws.com'],
  });
  return { stack, key, alerts };
}

describe('AlertTopic', () => {
  test('encrypts the topic with the platform key', () => {
    const { stack, key } = setup();
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::Topic', {
      DisplayName: 'Acme security alerts',
      KmsMasterKeyId: stack.resolve((key.key.node.defaultChild as any).attrArn),
    });
  });

  test('denies requests without TLS', () => {
    const { stack } = setup();
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Action: 'sns:Publish', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
        ]),
      },
    });
  });

  test('admits a publishing service only on behalf of its own account, and lets it use the key', () => {
    const { stack } = setup();
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudwatch.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' } })]) },
    });
  });

  test('subscribes every email with a dead-letter queue for undeliverable alerts', () => {
    const { stack } = setup();
    const template = Template.fromStack(stack);
    const queueId = Object.keys(template.findResources('AWS::SQS::Queue'))[0];
    for (const email of ['a@acme.example', 'b@acme.example']) {
      template.hasResourceProperties('AWS::SNS::Subscription', {
        Protocol: 'email',
        Endpoint: email,
        RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [queueId, 'Arn'] } },
      });
    }
  });

  test('keeps undeliverable alerts encrypted for 14 days and retains the queue', () => {
    const { stack } = setup();
    Template.fromStack(stack).hasResource('AWS::SQS::Queue', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ MessageRetentionPeriod: 14 * 24 * 3600, KmsMasterKeyId: Match.anyValue() }),
    });
  });

  test('alarms on another topic as soon as one alert is undelivered', () => {
    const { stack, alerts } = setup();
    const other = new sns.Topic(stack, 'Other');
    alerts.alarmWhenUndelivered(other);

    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Namespace: 'AWS/SQS',
      Statistic: 'Maximum',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: stack.getLogicalId(other.node.defaultChild as any) }],
    });
  });

  test('rejects a display name that SNS would refuse', () => {
    const stack = new Stack();
    const key = new PlatformKey(stack, 'Key');
    expect(() => new AlertTopic(stack, 'Alerts', { key, displayName: 'x'.repeat(101) })).toThrow(
      /displayName must be 1-100 characters \(received 101/,
    );
  });

  test('takes a fixed name when something outside the stack names the topic by ARN, and otherwise leaves naming to CloudFormation', () => {
    const { stack } = setup();
    const named = new AlertTopic(stack, 'Named', {
      key: new PlatformKey(stack, 'Key2'),
      displayName: 'Acme cost alerts',
      topicName: 'acme-finops-alerts',
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::SNS::Topic', { TopicName: 'acme-finops-alerts', DisplayName: 'Acme cost alerts' });
    template.hasResourceProperties('AWS::SNS::Topic', { TopicName: Match.absent(), DisplayName: 'Acme security alerts' });
    expect(named.topic.topicName).toBeDefined();
  });

  test('rejects a topic name that SNS would refuse', () => {
    const stack = new Stack();
    const key = new PlatformKey(stack, 'Key');
    expect(() => new AlertTopic(stack, 'Alerts', { key, displayName: 'x', topicName: 'acme finops' })).toThrow(
      /topicName must be 1-256 letters, digits, hyphens or underscores \(received "acme finops"\)/,
    );
  });
});
