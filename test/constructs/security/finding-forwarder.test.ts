import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { FindingForwarder } from '../../../constructs/security/finding-forwarder';
import { nagFindings } from '../../nag';

function setup() {
  const app = new App();
  const stack = new Stack(app, 'Paris', { env: { account: '123456789012', region: 'eu-west-3' } });
  const forwarder = new FindingForwarder(stack, 'Forwarder', { homeRegion: 'eu-central-1' });
  return { app, stack, forwarder, template: Template.fromStack(stack) };
}

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

  test('rejects forwarding to its own region', () => {
    const stack = new Stack(undefined, 'Home', { env: { account: '123456789012', region: 'eu-central-1' } });
    expect(() => new FindingForwarder(stack, 'Forwarder', { homeRegion: 'eu-central-1' })).toThrow(
      /homeRegion must be another region than the stack's own \(received eu-central-1\)/,
    );
  });
});
