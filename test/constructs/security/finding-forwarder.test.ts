import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { FindingForwarder, FindingForwarderProps } from '../../../constructs/security/finding-forwarder';
import { NOT_TRIAGE_CALLS, TRIAGE_CALLS } from '../../fixtures/events/cloudtrail-api-calls';
import { alarmStateChangeEvent } from '../../fixtures/events/cloudwatch-alarm-state-change';
import { matchesEventPattern } from '../../support/event-pattern';
import { nagFindings } from '../../nag';

function setup(props: Partial<FindingForwarderProps> = {}) {
  const app = new App();
  const stack = new Stack(app, 'Paris', { env: { account: '123456789012', region: 'eu-west-3' } });
  const forwarder = new FindingForwarder(stack, 'Forwarder', { homeRegion: 'eu-central-1', ...props });
  return { app, stack, forwarder, template: Template.fromStack(stack) };
}

const rulePattern = (template: Template, id: string) => {
  const rules = template.findResources('AWS::Events::Rule');
  const logicalId = Object.keys(rules).find((key) => key.startsWith(id));
  if (!logicalId) throw new Error(`no rule ${id}* in ${Object.keys(rules).join(', ')}`);
  return rules[logicalId].Properties.EventPattern;
};

describe('FindingForwarder', () => {
  test("forwards GuardDuty and Security Hub findings to the home region's default bus, with a DLQ", () => {
    const { template } = setup();
    template.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.guardduty', 'aws.securityhub'],
        'detail-type': ['GuardDuty Finding', 'Security Hub Findings - Imported'],
      },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:eu-central-1:123456789012:event-bus/default']] },
          DeadLetterConfig: { Arn: Match.anyValue() },
          RoleArn: Match.anyValue(),
        }),
      ],
    });
  });

  test("may put events on the home bus only, assumed only by this account's rules of this region", () => {
    const { template } = setup();
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: 'events:PutEvents',
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:eu-central-1:123456789012:event-bus/default']] },
          },
        ],
      },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'events.amazonaws.com' },
            Condition: {
              StringEquals: { 'aws:SourceAccount': '123456789012' },
              ArnLike: {
                'aws:SourceArn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':events:eu-west-3:123456789012:rule/*']] },
              },
            },
          }),
        ],
      },
    });
  });

  test('keeps unforwarded findings 14 days in a retained, encrypted queue', () => {
    const { template } = setup();
    template.hasResource('AWS::SQS::Queue', {
      DeletionPolicy: 'Retain',
      Properties: { MessageRetentionPeriod: 14 * 24 * 3600, SqsManagedSseEnabled: true },
    });
  });

  test('has no unacknowledged finding in the five packs', () => {
    expect(nagFindings(setup().app)).toEqual([]);
  });

  describe("the forwarder's own alarm", () => {
    const { template } = setup();
    const alarmEvent = (state: 'ALARM' | 'OK', alarmName = 'Paris-Forwarder-Undelivered') =>
      alarmStateChangeEvent({ account: '123456789012', region: 'eu-west-3', alarmName, description: 'Events of eu-west-3 ...', state });

    test('alarms without action as soon as one event waits in the dead-letter queue', () => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: 'Paris-Forwarder-Undelivered',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Threshold: 0,
        ComparisonOperator: 'GreaterThanThreshold',
        AlarmActions: Match.absent(),
      });
    });

    test('its ALARM state change, and only that, is forwarded to the home bus', () => {
      const pattern = rulePattern(template, 'ForwarderAlarmStateChanges');
      // The pattern names the alarm by its ARN (a token in the template): resolve it as the event has it.
      const resolved = JSON.parse(
        JSON.stringify(pattern).replace(
          /\{"Fn::GetAtt":\["ForwarderUndeliveredAlarm[0-9A-F]+","Arn"\]\}/,
          '"arn:aws:cloudwatch:eu-west-3:123456789012:alarm:Paris-Forwarder-Undelivered"',
        ),
      );
      expect(JSON.stringify(resolved)).not.toContain('Fn::GetAtt');
      expect(matchesEventPattern(resolved, alarmEvent('ALARM'))).toBe(true);
      expect(matchesEventPattern(resolved, alarmEvent('OK'))).toBe(false);
      expect(matchesEventPattern(resolved, alarmEvent('ALARM', 'shop-cpu-high'))).toBe(false);
    });
  });

  describe('triage calls', () => {
    const { template, forwarder } = setup({ triagedServices: ['guardduty', 'securityhub', 'access-analyzer'] });

    test.each(Object.entries(TRIAGE_CALLS))('forwards the recorded triage call %s to the home bus', (_, event) => {
      const paris = { ...event, region: 'eu-west-3' };
      expect(matchesEventPattern(rulePattern(template, 'ForwarderTriageCalls'), paris)).toBe(true);
    });

    test.each(Object.entries(NOT_TRIAGE_CALLS))('leaves %s alone', (_, event) => {
      expect(matchesEventPattern(rulePattern(template, 'ForwarderTriageCalls'), event)).toBe(false);
    });

    test('the findings rule does not forward API calls, and both rules share the role and queue', () => {
      expect(forwarder.rule).toBeDefined();
      expect(forwarder.triageRule).toBeDefined();
      const rules = Object.values(template.findResources('AWS::Events::Rule'));
      expect(rules).toHaveLength(3); // findings, triage calls, the forwarder's own alarm
      const [first, ...others] = rules.map((rule) => rule.Properties.Targets[0]);
      for (const other of others) {
        expect(other.RoleArn).toEqual(first.RoleArn);
        expect(other.DeadLetterConfig).toEqual(first.DeadLetterConfig);
      }
      const findingsPattern = rules.find((rule) => rule.Properties.EventPattern['detail-type'].includes('GuardDuty Finding'))!;
      expect(matchesEventPattern(findingsPattern.Properties.EventPattern, TRIAGE_CALLS.guardDutyArchive)).toBe(false);
    });

    test('forwards only triage calls when no findings are to be forwarded', () => {
      const { template: triageOnly } = setup({ forwardFindings: false, triagedServices: ['access-analyzer'] });
      const sources = Object.values(triageOnly.findResources('AWS::Events::Rule')).map((rule) => rule.Properties.EventPattern.source);
      expect(sources).toEqual([['aws.cloudwatch'], ['aws.access-analyzer']]);
    });

    test('refuses to forward nothing', () => {
      expect(() => setup({ forwardFindings: false })).toThrow(
        /nothing to forward: forwardFindings is false and triagedServices is empty; leave the forwarder out instead/,
      );
    });
  });

  test('rejects forwarding to its own region', () => {
    const stack = new Stack(undefined, 'Home', { env: { account: '123456789012', region: 'eu-central-1' } });
    expect(() => new FindingForwarder(stack, 'Forwarder', { homeRegion: 'eu-central-1' })).toThrow(
      /homeRegion must be another region than the stack's own \(received eu-central-1\)/,
    );
  });
});
