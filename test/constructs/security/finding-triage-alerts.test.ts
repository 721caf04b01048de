import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { FindingTriageAlerts, FindingTriageAlertsProps, TriagedService } from '../../../constructs/security/finding-triage-alerts';
import { NOT_TRIAGE_CALLS, TRIAGE_CALLS } from '../../fixtures/events/cloudtrail-api-calls';
import { expectRulesTargetTheNotifier, NOTIFIER } from '../foundation/alert-notifier-expectations';
import { matchesEventPattern } from '../../support/event-pattern';

const ALL: TriagedService[] = ['guardduty', 'securityhub', 'access-analyzer'];

function setup(props: Partial<FindingTriageAlertsProps> = {}) {
  const stack = new Stack(new App(), 'Security', { env: { account: '123456789012', region: 'eu-west-1' } });
  const operations = new sns.Topic(stack, 'Operations');
  new FindingTriageAlerts(stack, 'Triage', { notifier: NOTIFIER, services: ALL, undeliveredAlarmTopic: operations, ...props });
  const template = Template.fromStack(stack);
  const rules = Object.values(template.findResources('AWS::Events::Rule'));
  expect(rules).toHaveLength(1);
  return { template, rule: rules[0].Properties };
}

describe('FindingTriageAlerts', () => {
  const { template, rule } = setup();

  test.each(Object.entries(TRIAGE_CALLS))('the rule matches the recorded triage call %s', (_, event) => {
    expect(matchesEventPattern(rule.EventPattern, event)).toBe(true);
  });

  test.each(Object.entries(NOT_TRIAGE_CALLS))('the rule ignores %s', (_, event) => {
    expect(matchesEventPattern(rule.EventPattern, event)).toBe(false);
  });

  test('a call of a service that is not listed does not match', () => {
    const { rule: guardDutyOnly } = setup({ services: ['guardduty'] });
    expect(matchesEventPattern(guardDutyOnly.EventPattern, TRIAGE_CALLS.guardDutyArchive)).toBe(true);
    expect(matchesEventPattern(guardDutyOnly.EventPattern, TRIAGE_CALLS.securityHubSuppress)).toBe(false);
    expect(matchesEventPattern(guardDutyOnly.EventPattern, TRIAGE_CALLS.accessAnalyzerArchive)).toBe(false);
  });

  test('a call forwarded from another region matches too (the notifier names its region)', () => {
    const paris = JSON.parse(JSON.stringify(TRIAGE_CALLS.guardDutyArchive));
    paris.region = 'eu-west-3';
    paris.detail.awsRegion = 'eu-west-3';
    expect(matchesEventPattern(rule.EventPattern, paris)).toBe(true);
  });

  test('hands the calls to the alert notifier, with a dead-letter queue that alarms on the operations topic', () => {
    const queues = Object.keys(template.findResources('AWS::SQS::Queue'));
    expect(queues).toHaveLength(1);
    expectRulesTargetTheNotifier(template, queues[0]);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('^Notices of findings triaged by hand could not be handed to the alert notifier'),
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^Operations') }],
    });
  });

  describe('validation', () => {
    const stack = () => new Stack(new App(), 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
    test('refuses an empty list of services', () => {
      const s = stack();
      expect(() => new FindingTriageAlerts(s, 'T', { notifier: NOTIFIER, services: [] })).toThrow(
        /services must list at least one of guardduty, securityhub, access-analyzer \(received an empty list\)/,
      );
    });
    test('refuses an unknown service', () => {
      const s = stack();
      expect(() => new FindingTriageAlerts(s, 'T', { notifier: NOTIFIER, services: ['macie' as TriagedService] })).toThrow(
        /services contains "macie"; allowed: guardduty, securityhub, access-analyzer/,
      );
    });
    test('refuses a service listed twice', () => {
      const s = stack();
      expect(() => new FindingTriageAlerts(s, 'T', { notifier: NOTIFIER, services: ['guardduty', 'guardduty'] })).toThrow(
        /services lists a service more than once \(received guardduty, guardduty\)/,
      );
    });
  });
});
