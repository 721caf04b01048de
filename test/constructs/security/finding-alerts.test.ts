import { CfnElement, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { IConstruct } from 'constructs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { FindingAlerts, FindingAlertsProps, SecurityHubSeverityLabel } from '../../../constructs/security/finding-alerts';
import { expectRulesTargetTheNotifier, NOTIFIER } from '../foundation/alert-notifier-expectations';
import { guardDutyFindingEvent, securityHubFindingEvent } from '../../fixtures/events/findings';
import { matchesEventPattern } from '../../support/event-pattern';

function newStack(): Stack {
  return new Stack(undefined, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
}

function setup(props: Partial<FindingAlertsProps> = {}) {
  const stack = newStack();
  const findingAlerts = new FindingAlerts(stack, 'FindingAlerts', { notifier: NOTIFIER, ...props });
  const id = (construct: IConstruct) => stack.getLogicalId(construct.node.defaultChild as CfnElement);
  return { stack, findingAlerts, template: Template.fromStack(stack), id };
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

  test('hands every finding to the alert notifier, with a dead-letter queue', () => {
    const { template, findingAlerts, id } = setup();
    expectRulesTargetTheNotifier(template, id(findingAlerts.deadLetterQueue));
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
    const operations = new sns.Topic(stack, 'Operations');

    // when
    new FindingAlerts(stack, 'FindingAlerts', { notifier: NOTIFIER, undeliveredAlarmTopic: operations });

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
});
