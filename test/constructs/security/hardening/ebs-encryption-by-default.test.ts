import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import { PlatformKey } from '../../../../constructs/foundation/platform-key';
import { EbsEncryptionByDefault, EbsEncryptionByDefaultProps } from '../../../../constructs/security/hardening/ebs-encryption-by-default';

function newStack(): Stack {
  return new Stack(undefined, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
}

function setup(props: EbsEncryptionByDefaultProps = {}, stack = newStack()) {
  const key = new PlatformKey(stack, 'Key');
  const ebs = new EbsEncryptionByDefault(stack, 'EbsEncryption', { logGroupKey: key.key, ...props });
  return { stack, key, ebs, template: Template.fromStack(stack) };
}

/** The SDK call of a Custom::AWS payload; CloudFormation tokens in it become `TOKEN(<json>)` strings. */
function payload(value: string | { 'Fn::Join': [string, unknown[]] }): unknown {
  if (typeof value === 'string') return JSON.parse(value);
  const [, parts] = value['Fn::Join'];
  return JSON.parse(
    parts.map((part) => (typeof part === 'string' ? part : `TOKEN(${JSON.stringify(part).replace(/"/g, '\\"')})`)).join(''),
  );
}

function call(action: string, physicalResourceId: string, parameters?: Record<string, unknown>) {
  return Match.serializedJson(
    Match.objectEquals({
      service: '@aws-sdk/client-ec2',
      action,
      ...(parameters ? { parameters } : {}),
      physicalResourceId: { id: physicalResourceId },
    }),
  );
}

describe('EbsEncryptionByDefault', () => {
  test('switches encryption by default on, on create and update, and does nothing on delete', () => {
    const { template } = setup();
    const enable = call('EnableEbsEncryptionByDefault', 'ec2-ebs-encryption-by-default');
    template.hasResourceProperties('Custom::AWS', { Create: enable, Update: enable, Delete: Match.absent(), InstallLatestAwsSdk: false });
  });

  test('keeps the AWS managed aws/ebs key by default, after encryption is on', () => {
    const { stack, ebs, template } = setup();
    const reset = call('ResetEbsDefaultKmsKeyId', 'ec2-ebs-default-kms-key');
    template.hasResource('Custom::AWS', {
      Properties: { Create: reset, Update: reset, Delete: Match.absent() },
      DependsOn: Match.arrayWith([stack.getLogicalId(ebs.resource.node.defaultChild as any)]),
    });
  });

  test('makes a customer managed key the default when given one, in place of the reset', () => {
    const stack = newStack();
    const ebsKey = new kms.Key(stack, 'EbsKey');
    const { ebs, template } = setup({ kmsKey: ebsKey }, stack);

    const defaultKey = template.findResources('Custom::AWS')[stack.getLogicalId(ebs.defaultKey.node.defaultChild as any)];
    const keyArn = `TOKEN(${JSON.stringify({ 'Fn::GetAtt': [stack.getLogicalId(ebsKey.node.defaultChild as any), 'Arn'] })})`;
    const modify = {
      service: '@aws-sdk/client-ec2',
      action: 'ModifyEbsDefaultKmsKeyId',
      parameters: { KmsKeyId: keyArn },
      physicalResourceId: { id: 'ec2-ebs-default-kms-key' },
    };
    expect(payload(defaultKey.Properties.Create)).toEqual(modify);
    expect(payload(defaultKey.Properties.Update)).toEqual(modify);
    expect(defaultKey.Properties.Delete).toBeUndefined();
  });

  test.each([
    [undefined, ['ec2:EnableEbsEncryptionByDefault', 'ec2:ResetEbsDefaultKmsKeyId']],
    ['key', ['ec2:EnableEbsEncryptionByDefault', 'ec2:ModifyEbsDefaultKmsKeyId']],
  ])('lets the provider make exactly its two calls (kmsKey: %s), before either call', (withKey, actions) => {
    const stack = newStack();
    const { template } = setup(withKey ? { kmsKey: new kms.Key(stack, 'EbsKey') } : {}, stack);
    const [roleId] = Object.keys(template.findResources('AWS::IAM::Role'));
    const policies = template.findResources('AWS::IAM::ManagedPolicy', {
      Properties: {
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: actions, Resource: '*' }] },
        Roles: [{ Ref: roleId }],
      },
    });
    expect(Object.keys(policies)).toHaveLength(1);
    const policyId = Object.keys(policies)[0];
    for (const resource of Object.values(template.findResources('Custom::AWS'))) {
      expect(resource.DependsOn).toContain(policyId);
    }
  });

  test('logs the calls to a retained log group, encrypted and kept a year', () => {
    const { stack, key, template } = setup();
    template.hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      Properties: { KmsKeyId: stack.resolve(key.key.keyArn), RetentionInDays: 365 },
    });
  });

  test('rejects a key of another region', () => {
    const stack = newStack();
    const foreign = kms.Key.fromKeyArn(stack, 'Foreign', 'arn:aws:kms:eu-central-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    expect(() => new EbsEncryptionByDefault(stack, 'EbsEncryption', { kmsKey: foreign })).toThrow(
      /EbsEncryptionByDefault Test\/EbsEncryption: kmsKey must be a key of the region it encrypts, eu-west-1, as EBS only uses keys of its own region \(received a key of eu-central-1\)/,
    );
  });

  test('calls EC2 in another region when given one, so the home stack can harden every allowed region', () => {
    // given
    const stack = newStack();
    const key = new PlatformKey(stack, 'Key');

    // when
    new EbsEncryptionByDefault(stack, 'Paris', { logGroupKey: key.key, region: 'eu-west-3' });

    // then
    Template.fromStack(stack).hasResourceProperties('Custom::AWS', {
      Create: Match.serializedJson(Match.objectLike({ action: 'EnableEbsEncryptionByDefault', region: 'eu-west-3' })),
    });
  });
});
