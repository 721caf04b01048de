import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { CostAnomalyDetection, type CostAnomalyDetectionProps } from '../../../constructs/finops/anomaly-detection';
import { AlertTopic } from '../../../constructs/foundation/alert-topic';
import { PlatformKey } from '../../../constructs/foundation/platform-key';

const US_EAST_1 = { account: '123456789012', region: 'us-east-1' };

function setup(props: Partial<CostAnomalyDetectionProps> = {}, env = US_EAST_1) {
  const stack = new Stack(undefined, 'Global', { env });
  const alerts = new AlertTopic(stack, 'AnomalyAlerts', { key: new PlatformKey(stack, 'Key'), displayName: 'Acme cost anomalies' });
  const anomalies = new CostAnomalyDetection(stack, 'Anomalies', { alertTopic: alerts, ...props });
  const topicRef = { Ref: stack.getLogicalId(alerts.topic.node.defaultChild as any) };
  return { stack, alerts, anomalies, topicRef, template: Template.fromStack(stack) };
}

describe('CostAnomalyDetection', () => {
  test("creates the account's AWS services monitor", () => {
    const { template } = setup();
    template.resourceCountIs('AWS::CE::AnomalyMonitor', 1);
    template.hasResourceProperties('AWS::CE::AnomalyMonitor', {
      MonitorType: 'DIMENSIONAL',
      MonitorDimension: 'SERVICE',
      MonitorName: 'AWS services',
    });
  });

  test('sends every anomaly over both minimum impacts to the topic at once, with a threshold expression and no deprecated Threshold', () => {
    const { template, topicRef, stack, anomalies } = setup({ minImpactUsd: 25, minImpactPercent: 15 });
    template.hasResourceProperties('AWS::CE::AnomalySubscription', {
      Frequency: 'IMMEDIATE',
      MonitorArnList: [{ 'Fn::GetAtt': [stack.getLogicalId(anomalies.monitor!), 'MonitorArn'] }],
      Subscribers: [{ Type: 'SNS', Address: topicRef }],
      Threshold: Match.absent(),
    });
    const subscription = Object.values(template.findResources('AWS::CE::AnomalySubscription'))[0] as any;
    expect(JSON.parse(subscription.Properties.ThresholdExpression)).toEqual({
      And: [
        { Dimensions: { Key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE', MatchOptions: ['GREATER_THAN_OR_EQUAL'], Values: ['25'] } },
        { Dimensions: { Key: 'ANOMALY_TOTAL_IMPACT_PERCENTAGE', MatchOptions: ['GREATER_THAN_OR_EQUAL'], Values: ['15'] } },
      ],
    });
  });

  test('defaults to USD 20 and 20 %', () => {
    const { template } = setup();
    const subscription = Object.values(template.findResources('AWS::CE::AnomalySubscription'))[0] as any;
    const values = JSON.parse(subscription.Properties.ThresholdExpression).And.map((e: any) => e.Dimensions.Values[0]);
    expect(values).toEqual(['20', '20']);
  });

  test('follows an existing monitor instead of creating a second one (one AWS services monitor per account)', () => {
    const arn = 'arn:aws:ce::123456789012:anomalymonitor/0f1e2d3c-aaaa-bbbb-cccc-123456789abc';
    const { template, anomalies } = setup({ existingMonitorArn: arn });
    template.resourceCountIs('AWS::CE::AnomalyMonitor', 0);
    template.hasResourceProperties('AWS::CE::AnomalySubscription', { MonitorArnList: [arn] });
    expect(anomalies.monitor).toBeUndefined();
  });

  test('lets Cost Anomaly Detection publish to the topic for this account only, and use its key', () => {
    const { template } = setup();
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'costalerts.amazonaws.com' },
            Action: 'sns:Publish',
            Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
          }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'costalerts.amazonaws.com' }, Action: ['kms:GenerateDataKey*', 'kms:Decrypt'] }),
        ]),
      },
    });
  });

  test('creates the subscription after the topic policy', () => {
    const { template } = setup();
    const policyId = Object.keys(template.findResources('AWS::SNS::TopicPolicy'))[0];
    template.hasResource('AWS::CE::AnomalySubscription', { DependsOn: Match.arrayWith([policyId]) });
  });

  test('sends to a topic of another region by its ARN, leaving its policy to the stack that owns it', () => {
    const stack = new Stack(undefined, 'Global', { env: US_EAST_1 });
    const homeTopicArn = 'arn:aws:sns:eu-central-1:123456789012:acme-finops-alerts';
    new CostAnomalyDetection(stack, 'Anomalies', { alertTopic: sns.Topic.fromTopicArn(stack, 'Home', homeTopicArn) });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::CE::AnomalySubscription', { Subscribers: [{ Type: 'SNS', Address: homeTopicArn }] });
    template.resourceCountIs('AWS::SNS::TopicPolicy', 0);
    template.resourceCountIs('AWS::KMS::Key', 0);
  });

  describe('rejects', () => {
    test('a stack outside us-east-1, where CloudFormation has no AWS::CE resources', () => {
      expect(() => setup({}, { account: '123456789012', region: 'eu-west-1' })).toThrow(
        /must be in a stack in us-east-1, the only region where CloudFormation has AWS::CE::AnomalyMonitor and AWS::CE::AnomalySubscription \(received a stack in eu-west-1\)/,
      );
    });

    test('a minimum impact in USD that is not above zero', () => {
      expect(() => setup({ minImpactUsd: 0 })).toThrow(/minImpactUsd must be a number of US dollars greater than zero \(received 0\)/);
    });

    test('a minimum impact in percent that is not above zero', () => {
      expect(() => setup({ minImpactPercent: -5 })).toThrow(/minImpactPercent must be a percentage greater than zero \(received -5\)/);
    });

    test('an existing monitor that is not a monitor ARN', () => {
      expect(() => setup({ existingMonitorArn: 'monitor-1' })).toThrow(
        /existingMonitorArn must be a Cost Anomaly Detection monitor ARN .* \(received "monitor-1"\)/,
      );
    });
  });
});
