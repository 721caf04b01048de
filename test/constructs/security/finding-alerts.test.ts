import { CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { IConstruct } from 'constructs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { AlertTopic } from '../../../constructs/foundation/alert-topic';
import { PlatformKey } from '../../../constructs/foundation/platform-key';
import { FindingAlerts, FindingAlertsProps, SecurityHubSeverityLabel } from '../../../constructs/security/finding-alerts';
import { expectLeastPrivilegePublisher } from '../foundation/alert-topic-publisher-expectations';
import { guardDutyFindingEvent, securityHubFindingEvent } from '../../fixtures/events/findings';
import { matchesEventPattern } from '../../support/event-pattern';
import { renderInputTransformer } from '../../support/input-transformer';

function newStack(): Stack {
  return new Stack(undefined, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
}

function setup(props: Partial<FindingAlertsProps> = {}) {
  const stack = newStack();
  const key = new PlatformKey(stack, 'Key');
  const alerts = new AlertTopic(stack, 'Alerts', { key, displayName: 'Acme security alerts' });
  const findingAlerts = new FindingAlerts(stack, 'FindingAlerts', { alertTopic: alerts.topic, ...props });
  const id = (construct: IConstruct) => stack.getLogicalId(construct.node.defaultChild as CfnElement);
  return { stack, key, alerts, findingAlerts, template: Template.fromStack(stack), id };
}

describe('FindingAlerts against recorded finding events', () => {
  const { template } = setup();
  const rules = Object.values(template.findResources('AWS::Events::Rule')).map((rule) => rule.Properties);
  const guardDutyRule = rules.find((rule) => rule.EventPattern.source[0] === 'aws.guardduty')!;
  const securityHubRule = rules.find((rule) => rule.EventPattern.source[0] === 'aws.securityhub')!;

  test.each([
    [9.5, true],
    [7, true],
    [6.9, false],
    [2, false],
  ])('GuardDuty severity %p alerts: %p', (severity, alerts) => {
    expect(matchesEventPattern(guardDutyRule.EventPattern, guardDutyFindingEvent({ severity }))).toBe(alerts);
  });

  test.each([
    ['a new, active, high finding', {}, true],
    ['a critical finding', { label: 'CRITICAL' as const }, true],
    ['a medium finding', { label: 'MEDIUM' as const }, false],
    ['a finding someone marked NOTIFIED', { workflowStatus: 'NOTIFIED' as const }, false],
    ['a suppressed finding', { workflowStatus: 'SUPPRESSED' as const }, false],
    ['an archived finding', { recordState: 'ARCHIVED' as const }, false],
    ['a GuardDuty finding (the GuardDuty rule sends it)', { productName: 'GuardDuty' }, false],
  ])('Security Hub: %s alerts: %p', (_, options, alerts) => {
    const event = securityHubFindingEvent({ label: 'HIGH', ...options });
    expect(matchesEventPattern(securityHubRule.EventPattern, event)).toBe(alerts);
  });

  test('neither rule takes the other service’s findings', () => {
    expect(matchesEventPattern(guardDutyRule.EventPattern, securityHubFindingEvent({ label: 'CRITICAL' }))).toBe(false);
    expect(matchesEventPattern(securityHubRule.EventPattern, guardDutyFindingEvent({ severity: 9 }))).toBe(false);
  });

  test('the messages read fully from the recorded events (every path exists)', () => {
    const guardDuty = renderInputTransformer(guardDutyRule.Targets[0].InputTransformer, guardDutyFindingEvent({ severity: 8 }));
    expect(guardDuty).toBe(
      'GuardDuty finding, severity 8: 198.51.100.0 is performing SSH brute force attacks against i-99999999. | type UnauthorizedAccess:EC2/SSHBruteForce | account 123456789012 | region eu-west-1 | resource Instance | https://console.aws.amazon.com/guardduty/home?region=eu-west-1#/findings?macros=current&fId=16afba5c5c43e07c9e3e5e2e544e95df',
    );
    const securityHub = renderInputTransformer(securityHubRule.Targets[0].InputTransformer, securityHubFindingEvent({ label: 'HIGH' }));
    expect(securityHub).toContain('Security Hub HIGH: S3.8 S3 general purpose buckets should block public access');
    expect(securityHub).toContain('resource arn:aws:s3:::acme-shop-assets');
  });
});

describe('FindingAlerts', () => {
  test('sends GuardDuty findings of severity 7 and above', () => {
    const { template } = setup();
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.guardduty'],
        'detail-type': ['GuardDuty Finding'],
        detail: { severity: [{ numeric: ['>=', 7] }] },
      },
    });
  });

  test('takes another GuardDuty threshold', () => {
    const { template } = setup({ guardDutyMinSeverity: 4 });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ source: ['aws.guardduty'], detail: { severity: [{ numeric: ['>=', 4] }] } }),
    });
  });

  test('sends new, active, critical and high Security Hub findings that GuardDuty did not produce', () => {
    const { template } = setup();
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.securityhub'],
        'detail-type': ['Security Hub Findings - Imported'],
        detail: {
          findings: {
            Severity: { Label: ['CRITICAL', 'HIGH'] },
            Workflow: { Status: ['NEW'] },
            RecordState: ['ACTIVE'],
            ProductName: [{ 'anything-but': ['GuardDuty'] }],
          },
        },
      },
    });
  });

  test('takes other Security Hub severities', () => {
    const { template } = setup({ securityHubSeverities: ['CRITICAL', 'HIGH', 'MEDIUM'] });
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: Match.objectLike({ detail: { findings: Match.objectLike({ Severity: { Label: ['CRITICAL', 'HIGH', 'MEDIUM'] } }) } }),
    });
  });

  test('publishes a readable line with title, severity, account, region, resource and console link', () => {
    const { template, findingAlerts, stack } = setup();
    const rules = template.findResources('AWS::Events::Rule');
    const guardDuty =
      rules[stack.getLogicalId(findingAlerts.guardDutyRule.node.defaultChild as CfnElement)].Properties.Targets[0].InputTransformer;
    expect(guardDuty.InputPathsMap).toEqual(
      expect.objectContaining({
        'detail-title': '$.detail.title',
        'detail-severity': '$.detail.severity',
        'detail-accountId': '$.detail.accountId',
        'detail-region': '$.detail.region',
        'detail-resource-resourceType': '$.detail.resource.resourceType',
        'detail-id': '$.detail.id',
      }),
    );
    expect(guardDuty.InputTemplate).toBe(
      '"GuardDuty finding, severity <detail-severity>: <detail-title> | type <detail-type> | account <detail-accountId> | region <detail-region> | resource <detail-resource-resourceType> | https://console.aws.amazon.com/guardduty/home?region=<detail-region>#/findings?macros=current&fId=<detail-id>"',
    );

    const securityHub =
      rules[stack.getLogicalId(findingAlerts.securityHubRule.node.defaultChild as CfnElement)].Properties.Targets[0].InputTransformer;
    expect(securityHub.InputPathsMap).toEqual(
      expect.objectContaining({
        'detail-findings-0--Title': '$.detail.findings[0].Title',
        'detail-findings-0--Severity-Label': '$.detail.findings[0].Severity.Label',
        'detail-findings-0--AwsAccountId': '$.detail.findings[0].AwsAccountId',
        'detail-findings-0--Region': '$.detail.findings[0].Region',
        'detail-findings-0--Resources-0--Id': '$.detail.findings[0].Resources[0].Id',
      }),
    );
    expect(securityHub.InputTemplate).toMatch(
      /^"Security Hub <detail-findings-0--Severity-Label>: <detail-findings-0--Title> \| account .* \| https:\/\/console\.aws\.amazon\.com\/securityhub\/home\?region=<detail-findings-0--Region>#\/findings"$/,
    );
  });

  test('publishes through its own role, with a dead-letter queue, to the alert topic', () => {
    const { template, findingAlerts, alerts, id } = setup();
    const roleId = id(findingAlerts.publishRole);
    for (const rule of Object.values(template.findResources('AWS::Events::Rule'))) {
      expect(rule.Properties.Targets).toEqual([
        expect.objectContaining({
          Arn: { Ref: id(alerts.topic) },
          RoleArn: { 'Fn::GetAtt': [roleId, 'Arn'] },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [id(findingAlerts.deadLetterQueue), 'Arn'] } },
        }),
      ]);
    }
  });

  test("lets only this account's rules in this region use the role, which may only publish to the topic with its key", () => {
    const { template, findingAlerts, alerts, key, id } = setup();
    expectLeastPrivilegePublisher(template, {
      role: id(findingAlerts.publishRole),
      topic: id(alerts.topic),
      key: id(key.key),
      account: '123456789012',
      region: 'eu-west-1',
    });
  });

  test('keeps undeliverable findings 14 days in an encrypted, retained queue that only its rules may write to', () => {
    const { template, findingAlerts, id } = setup();
    template.hasResource('AWS::SQS::Queue', {
      DeletionPolicy: 'Retain',
      Properties: { MessageRetentionPeriod: 14 * 24 * 3600, SqsManagedSseEnabled: true },
    });
    for (const rule of [findingAlerts.guardDutyRule, findingAlerts.securityHubRule]) {
      template.hasResourceProperties('AWS::SQS::QueuePolicy', {
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
    }
  });

  test('alarms on another topic when a finding is undelivered, if given one', () => {
    // given
    const stack = newStack();
    const key = new PlatformKey(stack, 'Key');
    const alerts = new AlertTopic(stack, 'Alerts', { key, displayName: 'Security' });
    const operations = new sns.Topic(stack, 'Operations');

    // when
    new FindingAlerts(stack, 'FindingAlerts', { alertTopic: alerts.topic, undeliveredAlarmTopic: operations });

    // then
    Template.fromStack(stack).hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: stack.getLogicalId(operations.node.defaultChild as CfnElement) }],
    });
  });

  test('makes no alarm without an alarm topic', () => {
    setup().template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
  });

  test.each([0, 11, Number.NaN])('rejects a GuardDuty threshold of %s', (severity) => {
    expect(() => setup({ guardDutyMinSeverity: severity })).toThrow(/guardDutyMinSeverity must be a number from 1 to 10 .*\(received/);
  });

  test('rejects an empty severity list', () => {
    expect(() => setup({ securityHubSeverities: [] })).toThrow(
      /securityHubSeverities must list at least one of CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL \(received an empty list\)/,
    );
  });

  test('rejects an unknown severity label', () => {
    expect(() => setup({ securityHubSeverities: ['SEVERE' as SecurityHubSeverityLabel] })).toThrow(
      /securityHubSeverities contains "SEVERE"; allowed: CRITICAL, HIGH/,
    );
  });

  test('rejects a severity label listed twice', () => {
    expect(() => setup({ securityHubSeverities: ['HIGH', 'HIGH'] })).toThrow(
      /securityHubSeverities lists a label more than once \(received HIGH, HIGH\)/,
    );
  });

  test('rejects a topic in another region', () => {
    const stack = newStack();
    const topic = sns.Topic.fromTopicArn(stack, 'Topic', 'arn:aws:sns:eu-central-1:123456789012:security');
    expect(() => new FindingAlerts(stack, 'FindingAlerts', { alertTopic: topic })).toThrow(
      /alertTopic must be in this region eu-west-1, because EventBridge rules deliver to SNS topics of their own region only \(received a topic in eu-central-1\)/,
    );
  });
});
