import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PlatformKey } from '../../../../constructs/foundation/platform-key';
import { AccountPublicAccessBlock } from '../../../../constructs/security/hardening/account-public-access-block';

function setup() {
  const stack = new Stack(undefined, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
  const key = new PlatformKey(stack, 'Key');
  new AccountPublicAccessBlock(stack, 'PublicAccessBlock', { logGroupKey: key.key });
  return { stack, key, template: Template.fromStack(stack) };
}

describe('AccountPublicAccessBlock', () => {
  test('blocks all public access for the stack account on create and update, and does nothing on delete', () => {
    const { template } = setup();
    const blockAll = Match.serializedJson(
      Match.objectEquals({
        service: '@aws-sdk/client-s3-control',
        action: 'PutPublicAccessBlock',
        parameters: {
          AccountId: '123456789012',
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: true,
            RestrictPublicBuckets: true,
          },
        },
        physicalResourceId: { id: 's3-account-public-access-block' },
      }),
    );
    template.hasResourceProperties('Custom::AWS', {
      Create: blockAll,
      Update: blockAll,
      Delete: Match.absent(),
      InstallLatestAwsSdk: false,
    });
  });

  test('addresses the account of an environment-agnostic stack through its AccountId', () => {
    const stack = new Stack();
    new AccountPublicAccessBlock(stack, 'PublicAccessBlock');
    const [resource] = Object.values(Template.fromStack(stack).findResources('Custom::AWS'));
    expect(resource.Properties.Create).toEqual({ 'Fn::Join': ['', expect.arrayContaining([{ Ref: 'AWS::AccountId' }])] });
  });

  test('lets the provider set the account public access block and nothing else, before the call', () => {
    const { template } = setup();
    const [roleId] = Object.keys(template.findResources('AWS::IAM::Role'));
    const policies = template.findResources('AWS::IAM::ManagedPolicy', {
      Properties: {
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:PutAccountPublicAccessBlock', Resource: '*' }] },
        Roles: [{ Ref: roleId }],
      },
    });
    expect(Object.keys(policies)).toHaveLength(1);
    template.hasResource('Custom::AWS', { DependsOn: Match.arrayWith([Object.keys(policies)[0]]) });
  });

  test('logs the calls to a retained log group, encrypted and kept a year', () => {
    const { stack, key, template } = setup();
    template.hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      Properties: { KmsKeyId: stack.resolve(key.key.keyArn), RetentionInDays: 365 },
    });
  });
});
