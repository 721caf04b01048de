import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { CisAlarms, CisAlarmsProps, cisAlarmName } from '../../../constructs/security/cis-alarms';
import { CIS_MONITORING_CONTROLS } from '../../../lib/core/security/cis-controls';

/**
 * The patterns as published, copied independently of the construct: AWS Security Hub
 * CloudWatch.1-14 for CIS 4.1-4.14 (CloudWatch.2 -> 4.1, .3 -> 4.2, .1 -> 4.3, .4-.14 -> 4.4-4.14)
 * and the CIS AWS Foundations Benchmark for 4.15.
 */
const EXPECTED_PATTERNS: Array<[string, string, string]> = [
  ['4.1', 'UnauthorizedAPICalls', '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}'],
  [
    '4.2',
    'ConsoleSigninWithoutMFA',
    '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  ],
  ['4.3', 'RootAccountUsage', '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}'],
  [
    '4.4',
    'IAMPolicyChanges',
    '{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}',
  ],
  [
    '4.5',
    'CloudTrailChanges',
    '{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}',
  ],
  ['4.6', 'ConsoleAuthenticationFailure', '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}'],
  ['4.7', 'DisableOrDeleteCMK', '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}'],
  [
    '4.8',
    'S3BucketPolicyChanges',
    '{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}',
  ],
  [
    '4.9',
    'AWSConfigChanges',
    '{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}',
  ],
  [
    '4.10',
    'SecurityGroupChanges',
    '{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}',
  ],
  [
    '4.11',
    'NetworkACLChanges',
    '{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}',
  ],
  [
    '4.12',
    'NetworkGatewayChanges',
    '{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}',
  ],
  [
    '4.13',
    'RouteTableChanges',
    '{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}',
  ],
  [
    '4.14',
    'VPCChanges',
    '{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}',
  ],
  [
    '4.15',
    'OrganizationsChanges',
    '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
  ],
];

function setup(props: Partial<CisAlarmsProps> = {}) {
  const stack = new Stack(undefined, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
  const logGroup = new logs.LogGroup(stack, 'TrailLogs');
  const topic = new sns.Topic(stack, 'SecurityAlerts');
  const cis = new CisAlarms(stack, 'CisAlarms', { logGroup, alarmTopic: topic, ...props });
  const template = () => Template.fromStack(stack);
  return { stack, logGroup, topic, cis, template };
}

describe('CIS_MONITORING_CONTROLS', () => {
  test('lists CIS 4.1 to 4.15 in order, each with its own metric', () => {
    expect(CIS_MONITORING_CONTROLS.map((c) => c.cisId)).toEqual(EXPECTED_PATTERNS.map(([cisId]) => cisId));
    expect(new Set(CIS_MONITORING_CONTROLS.map((c) => c.metricName)).size).toBe(15);
  });

  test.each(EXPECTED_PATTERNS)('CIS %s (%s) uses the published filter pattern exactly', (cisId, metricName, pattern) => {
    expect(CIS_MONITORING_CONTROLS.find((c) => c.cisId === cisId)).toEqual(expect.objectContaining({ metricName, filterPattern: pattern }));
  });
});

describe('cisAlarmName', () => {
  test('names an alarm after its stack (client, account, layer), then its CIS id and metric', () => {
    const stack = new Stack(undefined, 'Acme-Production-Security');
    expect(cisAlarmName(stack, CIS_MONITORING_CONTROLS[2])).toBe('Acme-Production-Security-CIS-4.3-RootAccountUsage');
  });
});

describe('CisAlarms', () => {
  test.each(EXPECTED_PATTERNS)(
    'CIS %s: a filter on the trail log group publishes %s (value 1, no default) in CISBenchmark',
    (_cisId, metricName, pattern) => {
      const { stack, logGroup, template } = setup();
      template().hasResourceProperties('AWS::Logs::MetricFilter', {
        LogGroupName: stack.resolve(logGroup.logGroupName),
        FilterPattern: pattern,
        MetricTransformations: [
          {
            MetricName: metricName,
            MetricNamespace: 'CISBenchmark',
            MetricValue: '1',
            DefaultValue: Match.absent(),
            Dimensions: Match.absent(),
          },
        ],
      });
    },
  );

  test.each(EXPECTED_PATTERNS)('CIS %s: an alarm notifies the topic as soon as one %s event occurs in 5 minutes', (cisId, metricName) => {
    const { stack, topic, template } = setup();
    template().hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: `Test-CIS-${cisId}-${metricName}`,
      AlarmDescription: Match.stringLikeRegexp(`^CIS ${cisId.replace('.', '\\.')} `),
      Namespace: 'CISBenchmark',
      MetricName: metricName,
      Statistic: 'Sum',
      Period: 300,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 1,
      TreatMissingData: 'notBreaching',
      AlarmActions: [stack.resolve(topic.topicArn)],
    });
  });

  test('creates fifteen filters and fifteen alarms by default and exposes them by CIS id', () => {
    const { cis, template } = setup();
    template().resourceCountIs('AWS::Logs::MetricFilter', 15);
    template().resourceCountIs('AWS::CloudWatch::Alarm', 15);
    expect(cis.cisIds).toEqual(EXPECTED_PATTERNS.map(([cisId]) => cisId));
    expect([...cis.alarms.keys()]).toEqual(cis.cisIds);
    expect(cis.alarms.get('4.3')!.node.path).toBe('Test/CisAlarms/RootAccountUsage/Alarm');
  });

  test('monitors only the controls it is given, in benchmark order', () => {
    const { cis, template } = setup({ controls: ['4.7', '4.3'] });
    template().resourceCountIs('AWS::CloudWatch::Alarm', 2);
    template().hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'Test-CIS-4.3-RootAccountUsage' });
    template().hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'Test-CIS-4.7-DisableOrDeleteCMK' });
    expect(cis.cisIds).toEqual(['4.3', '4.7']);
  });

  test('publishes to the namespace it is given', () => {
    const { template } = setup({ metricNamespace: 'Acme/CIS' });
    template().hasResourceProperties('AWS::Logs::MetricFilter', {
      MetricTransformations: [Match.objectLike({ MetricName: 'RootAccountUsage', MetricNamespace: 'Acme/CIS' })],
    });
    template().hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'RootAccountUsage', Namespace: 'Acme/CIS' });
  });

  describe('validation', () => {
    test('rejects an unknown CIS id', () => {
      expect(() => setup({ controls: ['4.3', '4.16', '3.1'] })).toThrow(
        /controls may only contain 4\.1, 4\.2, .*4\.15 \(received unknown 4\.16, 3\.1\)/,
      );
    });

    test('rejects an empty list', () => {
      expect(() => setup({ controls: [] })).toThrow(/controls must name at least one CIS id \(received an empty list\)/);
    });

    test('rejects a CIS id named twice', () => {
      expect(() => setup({ controls: ['4.3', '4.3'] })).toThrow(/controls must name each CIS id once \(received 4\.3 more than once\)/);
    });

    test.each(['', 'AWS/CIS', 'CIS:Benchmark', 'CIS*', 'x'.repeat(256)])('rejects the metric namespace "%s"', (metricNamespace) => {
      expect(() => setup({ metricNamespace })).toThrow(
        /metricNamespace must be 1-255 characters without ':', '\*' or '\$' and must not start with "AWS\/".*\(received "/,
      );
    });
  });
});

describe('CisAlarms descriptions in the client language', () => {
  const RUNBOOKS =
    'https://console.aws.amazon.com/cloudwatch/home?region=eu-central-1#dashboards/dashboard/Abbbbbbbbbbbbbbbbbbbbbbbbbbbbbbc-Prrrrrrrrrrrrrrrrrrrrrrrrrrrrrrd-Operations';
  const descriptions = (language: 'en' | 'de') => {
    const stack = new Stack(undefined, 'Test', { env: { account: '123456789012', region: 'eu-central-1' } });
    new CisAlarms(stack, 'Cis', {
      logGroup: new logs.LogGroup(stack, 'Trail'),
      alarmTopic: new sns.Topic(stack, 'Security'),
      language,
      runbookUrl: RUNBOOKS,
    });
    return Object.values(Template.fromStack(stack).findResources('AWS::CloudWatch::Alarm')).map(
      (alarm) => alarm.Properties.AlarmDescription as string,
    );
  };

  test.each(['en', 'de'] as const)(
    '%s: all 15 say what fired, what to do and where the runbooks are, within CloudWatch’s 1,024 characters',
    (language) => {
      const texts = descriptions(language);
      expect(texts).toHaveLength(15);
      for (const text of texts) {
        expect(text.length).toBeLessThanOrEqual(1024);
        expect(text).toMatch(/^CIS 4\.\d+ /);
        expect(text.endsWith(`Runbooks: ${RUNBOOKS}`)).toBe(true);
      }
    },
  );

  test('German: the root user alarm in German', () => {
    expect(descriptions('de')).toContainEqual(
      expect.stringContaining(
        'CIS 4.3 Nutzung des Root-Benutzers: mindestens ein passendes CloudTrail-Ereignis in 5 Minuten. Mit dem Kontoinhaber klären',
      ),
    );
  });
});
