import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ForwardedAlarmAlerts } from '../../../constructs/security/forwarded-alarm-alerts';
import { alarmStateChangeEvent } from '../../fixtures/events/cloudwatch-alarm-state-change';
import { matchesEventPattern } from '../../support/event-pattern';
import { expectRulesTargetTheNotifier, NOTIFIER } from '../foundation/alert-notifier-expectations';

function setup() {
  const stack = new Stack(new App(), 'Acme-Production-Security', { env: { account: '123456789012', region: 'eu-west-1' } });
  new ForwardedAlarmAlerts(stack, 'Forwarded', {
    notifier: NOTIFIER,
    alarmNamePrefix: 'Acme-Production-',
    undeliveredAlarmTopic: new sns.Topic(stack, 'SecurityAlerts'),
  });
  const template = Template.fromStack(stack);
  const [rule] = Object.values(template.findResources('AWS::Events::Rule'));
  return { template, rule: rule.Properties };
}

const parisAlarm = (overrides: Partial<Parameters<typeof alarmStateChangeEvent>[0]> = {}) =>
  alarmStateChangeEvent({
    account: '123456789012',
    region: 'eu-west-3',
    alarmName: 'Acme-Production-Security-EuWest3-FindingForwarder-Undelivered',
    description: 'Events of eu-west-3 could not be forwarded to the home region eu-west-1; read them from the queue ...',
    ...overrides,
  });

describe('ForwardedAlarmAlerts', () => {
  const { template, rule } = setup();

  test("an alarm of the account's other region reaches the alert notifier", () => {
    expect(matchesEventPattern(rule.EventPattern, parisAlarm())).toBe(true);
    const queues = Object.keys(template.findResources('AWS::SQS::Queue'));
    expectRulesTargetTheNotifier(template, queues[0]);
  });

  test.each([
    ['an alarm of the home region (it has its own action)', parisAlarm({ region: 'eu-west-1' })],
    ['the alarm going back to OK', parisAlarm({ state: 'OK' })],
    ['an alarm that is not the platform’s', parisAlarm({ alarmName: 'shop-cpu-high' })],
    [
      'an alarm of another account of the same client',
      parisAlarm({ alarmName: 'Acme-Staging-Security-EuWest3-FindingForwarder-Undelivered' }),
    ],
  ])('ignores %s', (_, event) => {
    expect(matchesEventPattern(rule.EventPattern, event)).toBe(false);
  });

  test('what it cannot publish alarms on the other topic', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmDescription: Match.stringLikeRegexp('^Alarms of other regions could not be handed to the alert notifier'),
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^SecurityAlerts') }],
    });
  });

  test.each(['', 'Acme', 'Acme Production-', '-'])('refuses the alarm name prefix %p', (alarmNamePrefix) => {
    const stack = new Stack(new App(), 'S', { env: { account: '123456789012', region: 'eu-west-1' } });
    expect(() => new ForwardedAlarmAlerts(stack, 'F', { notifier: NOTIFIER, alarmNamePrefix })).toThrow(
      /alarmNamePrefix must be a stack name prefix of letters, digits and hyphens ending in a hyphen, e.g. "Acme-" \(received/,
    );
  });
});
