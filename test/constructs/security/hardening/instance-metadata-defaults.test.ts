import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PlatformKey } from '../../../../constructs/foundation/platform-key';
import {
  InstanceMetadataDefaults,
  InstanceMetadataDefaultsProps,
} from '../../../../constructs/security/hardening/instance-metadata-defaults';

function setup(props: InstanceMetadataDefaultsProps = {}) {
  const stack = new Stack(undefined, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
  const key = new PlatformKey(stack, 'Key');
  new InstanceMetadataDefaults(stack, 'InstanceMetadata', { logGroupKey: key.key, ...props });
  return { stack, key, template: Template.fromStack(stack) };
}

function call(parameters: Record<string, unknown>) {
  return Match.serializedJson(
    Match.objectEquals({
      service: '@aws-sdk/client-ec2',
      action: 'ModifyInstanceMetadataDefaults',
      parameters,
      physicalResourceId: { id: 'ec2-instance-metadata-defaults' },
    }),
  );
}

describe('InstanceMetadataDefaults', () => {
  test('requires IMDSv2 with a hop limit of 2 on create and update, and does nothing on delete', () => {
    const { template } = setup();
    const imdsV2 = call({ HttpTokens: 'required', HttpPutResponseHopLimit: 2, HttpEndpoint: 'enabled', InstanceMetadataTags: 'disabled' });
    template.hasResourceProperties('Custom::AWS', { Create: imdsV2, Update: imdsV2, Delete: Match.absent(), InstallLatestAwsSdk: false });
  });

  test('exposes instance tags and sets another hop limit when asked', () => {
    const { template } = setup({ instanceMetadataTags: true, httpPutResponseHopLimit: 1 });
    const custom = call({ HttpTokens: 'required', HttpPutResponseHopLimit: 1, HttpEndpoint: 'enabled', InstanceMetadataTags: 'enabled' });
    template.hasResourceProperties('Custom::AWS', { Create: custom, Update: custom });
  });

  test('lets the provider modify the metadata defaults and nothing else, before the call', () => {
    const { template } = setup();
    const [roleId] = Object.keys(template.findResources('AWS::IAM::Role'));
    const policies = template.findResources('AWS::IAM::ManagedPolicy', {
      Properties: {
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'ec2:ModifyInstanceMetadataDefaults', Resource: '*' }] },
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

  test.each([0, 65, 1.5])('rejects a hop limit of %s', (hops) => {
    expect(() => setup({ httpPutResponseHopLimit: hops })).toThrow(
      new RegExp(
        `InstanceMetadataDefaults Test/InstanceMetadata: httpPutResponseHopLimit must be a whole number from 1 to 64 \\(received ${hops}\\)`,
      ),
    );
  });

  test('calls EC2 in another region when given one, so the home stack can harden every allowed region', () => {
    // given
    const stack = new Stack(undefined, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
    const key = new PlatformKey(stack, 'Key');

    // when
    new InstanceMetadataDefaults(stack, 'Paris', { logGroupKey: key.key, region: 'eu-west-3' });

    // then
    Template.fromStack(stack).hasResourceProperties('Custom::AWS', {
      Create: Match.serializedJson(Match.objectLike({ action: 'ModifyInstanceMetadataDefaults', region: 'eu-west-3' })),
    });
  });
});
