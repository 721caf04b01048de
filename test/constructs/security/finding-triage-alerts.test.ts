import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { FindingTriageAlerts, FindingTriageAlertsProps, TriagedService } from '../../../constructs/security/finding-triage-alerts';
import { CALL_TIME, CALLER_IP, CALLER_SESSION_ARN, NOT_TRIAGE_CALLS, TRIAGE_CALLS } from '../../fixtures/events/cloudtrail-api-calls';
import { matchesEventPattern } from '../../support/event-pattern';
import { renderInputTransformer } from '../../support/input-transformer';

const ALL: TriagedService[] = ['guardduty', 'securityhub', 'access-analyzer'];

function setup(props: Partial<FindingTriageAlertsProps> = {}) {
  const stack = new Stack(new App(), 'Security', { env: { account: '111122223333', region: 'eu-central-1' } });
  const alertTopic = new sns.Topic(stack, 'SecurityAlerts');
  const operations = new sns.Topic(stack, 'Operations');
  new FindingTriageAlerts(stack, 'Triage', { alertTopic, services: ALL, undeliveredAlarmTopic: operations, ...props });
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

  test('the notice says which call, who made it, from where, when and where to look', () => {
    const target = rule.Targets[0];
    const message = renderInputTransformer(target.InputTransformer, TRIAGE_CALLS.securityHubSuppress);
    expect(message).toContain('Findings triaged by hand: BatchUpdateFindings (securityhub.amazonaws.com)');
    expect(message).toContain(`by ${CALLER_SESSION_ARN} from ${CALLER_IP}`);
    expect(message).toContain('account 111122223333 | region eu-central-1');
    expect(message).toContain(`at ${CALL_TIME}`);
    expect(message).toContain('If nobody on the team did this, treat it as an incident');
    expect(message).toContain('https://console.aws.amazon.com/cloudtrailv2/home?region=eu-central-1#/events?EventName=BatchUpdateFindings');
  });

  test('a call forwarded from another region names that region', () => {
    const target = rule.Targets[0];
    const paris = JSON.parse(JSON.stringify(TRIAGE_CALLS.guardDutyArchive));
    paris.region = 'eu-west-3';
    paris.detail.awsRegion = 'eu-west-3';
    expect(matchesEventPattern(rule.EventPattern, paris)).toBe(true);
    expect(renderInputTransformer(target.InputTransformer, paris)).toContain('region eu-west-3');
  });

  test('publishes through its own role, with a dead-letter queue that alarms on the operations topic', () => {
    const target = rule.Targets[0];
    expect(target.RoleArn).toBeDefined();
    expect(target.DeadLetterConfig.Arn).toBeDefined();
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('^Notices of findings triaged by hand could not be sent'),
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^Operations') }],
    });
  });

  describe('validation', () => {
    const stack = () => new Stack(new App(), 'S', { env: { account: '111122223333', region: 'eu-central-1' } });
    test('refuses an empty list of services', () => {
      const s = stack();
      expect(() => new FindingTriageAlerts(s, 'T', { alertTopic: new sns.Topic(s, 'A'), services: [] })).toThrow(
        /services must list at least one of guardduty, securityhub, access-analyzer \(received an empty list\)/,
      );
    });
    test('refuses an unknown service', () => {
      const s = stack();
      expect(() => new FindingTriageAlerts(s, 'T', { alertTopic: new sns.Topic(s, 'A'), services: ['macie' as TriagedService] })).toThrow(
        /services contains "macie"; allowed: guardduty, securityhub, access-analyzer/,
      );
    });
    test('refuses a service listed twice', () => {
      const s = stack();
      expect(() => new FindingTriageAlerts(s, 'T', { alertTopic: new sns.Topic(s, 'A'), services: ['guardduty', 'guardduty'] })).toThrow(
        /services lists a service more than once \(received guardduty, guardduty\)/,
      );
    });
  });
});
