import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { PlatformKey } from '../../../constructs/foundation/platform-key';
import { FINDING_SEVERITY_BANDS, FindingMetrics, SECURITY_NAMESPACE } from '../../../constructs/security/finding-metrics';
import { nagFindings } from '../../nag';

function setup(withAlarm = true) {
  const app = new App();
  const stack = new Stack(app, 'Home', { env: { account: '123456789012', region: 'eu-west-1' } });
  const key = new PlatformKey(stack, 'Key');
  key.allowCloudWatchLogs();
  const operations = new sns.Topic(stack, 'Operations', { masterKey: key.key });
  const findings = new FindingMetrics(stack, 'FindingMetrics', {
    logGroupKey: key.key,
    undeliveredAlarmTopic: withAlarm ? operations : undefined,
  });
  return { app, stack, findings, template: Template.fromStack(stack) };
}

describe('FindingMetrics', () => {
  test('sends every GuardDuty and Security Hub finding to an encrypted, retained log group', () => {
    const { template } = setup();
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.guardduty', 'aws.securityhub'],
        'detail-type': ['GuardDuty Finding', 'Security Hub Findings - Imported'],
      },
      Targets: [Match.objectLike({ Arn: Match.anyValue(), DeadLetterConfig: { Arn: Match.anyValue() } })],
    });
    const rule = Object.values(template.findResources('AWS::Events::Rule'))[0];
    const targetArn = JSON.stringify(rule.Properties.Targets[0].Arn);
    // EventBridge names a log group target without the `:*` of its CloudFormation Arn.
    expect(targetArn).toContain(':log-group:');
    expect(targetArn).not.toContain(':*');
    template.hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ KmsKeyId: Match.anyValue(), RetentionInDays: 365 }),
    });
  });

  test('lets only EventBridge and log delivery of this account write to the log group', () => {
    const { template } = setup();
    const policy = Object.values(template.findResources('AWS::Logs::ResourcePolicy'))[0];
    expect(policy.Properties.PolicyDocument).toEqual(expect.anything());
    expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('aws:SourceAccount');
    expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('events.amazonaws.com');
  });

  test('counts each severity band with its own metric filter', () => {
    const { template, findings } = setup();
    for (const band of FINDING_SEVERITY_BANDS) {
      template.hasResourceProperties('AWS::Logs::MetricFilter', {
        FilterPattern: band.pattern,
        MetricTransformations: [{ MetricNamespace: SECURITY_NAMESPACE, MetricName: band.metricName, MetricValue: '1' }],
      });
    }
    expect(findings.metrics.map((m) => m.label)).toEqual(FINDING_SEVERITY_BANDS.map((b) => b.label));
  });

  test('raises an alarm on the operations topic as soon as one finding could not be logged', () => {
    // given
    const { template } = setup();
    const [queueId] = Object.keys(template.findResources('AWS::SQS::Queue'));
    // then
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'Home-FindingMetrics-Undelivered',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [queueId, 'QueueName'] } }],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^Operations') }],
    });
    expect(setup(false).template.findResources('AWS::CloudWatch::Alarm')).toEqual({});
  });

  test('has no unacknowledged finding in the five packs', () => {
    expect(nagFindings(setup().app)).toEqual([]);
  });
});
