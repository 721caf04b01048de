import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { PlatformKey } from '../../../../constructs/foundation/platform-key';
import { AccountPasswordPolicy, AccountPasswordPolicyProps } from '../../../../constructs/security/hardening/account-password-policy';

function setup(props: AccountPasswordPolicyProps = {}) {
  const stack = new Stack(undefined, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
  const key = new PlatformKey(stack, 'Key');
  const policy = new AccountPasswordPolicy(stack, 'PasswordPolicy', { logGroupKey: key.key, ...props });
  return { stack, key, policy, template: Template.fromStack(stack) };
}

function call(parameters: Record<string, unknown>) {
  return Match.serializedJson(
    Match.objectEquals({
      service: '@aws-sdk/client-iam',
      action: 'UpdateAccountPasswordPolicy',
      parameters,
      physicalResourceId: { id: 'iam-account-password-policy' },
    }),
  );
}

describe('AccountPasswordPolicy', () => {
  test('sets the CIS password policy on create and update, and does nothing on delete', () => {
    const { template } = setup();
    const cis = call({
      MinimumPasswordLength: 14,
      PasswordReusePrevention: 24,
      RequireSymbols: true,
      RequireNumbers: true,
      RequireUppercaseCharacters: true,
      RequireLowercaseCharacters: true,
      AllowUsersToChangePassword: true,
      MaxPasswordAge: 90,
      HardExpiry: false,
    });
    template.hasResourceProperties('Custom::AWS', { Create: cis, Update: cis, Delete: Match.absent(), InstallLatestAwsSdk: false });
  });

  test('sends every field it is given, and no MaxPasswordAge for passwords that never expire', () => {
    const { template } = setup({
      minimumPasswordLength: 20,
      passwordReusePrevention: 5,
      requireSymbols: false,
      requireNumbers: false,
      requireUppercaseCharacters: false,
      requireLowercaseCharacters: false,
      allowUsersToChangePassword: false,
      maxPasswordAgeDays: 0,
      hardExpiry: true,
    });
    const custom = call({
      MinimumPasswordLength: 20,
      PasswordReusePrevention: 5,
      RequireSymbols: false,
      RequireNumbers: false,
      RequireUppercaseCharacters: false,
      RequireLowercaseCharacters: false,
      AllowUsersToChangePassword: false,
      HardExpiry: true,
    });
    template.hasResourceProperties('Custom::AWS', { Create: custom, Update: custom });
  });

  test('lets the provider update the password policy and nothing else, before the call', () => {
    const { template } = setup();
    const [roleId] = Object.keys(template.findResources('AWS::IAM::Role'));
    const policies = template.findResources('AWS::IAM::ManagedPolicy', {
      Properties: {
        PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'iam:UpdateAccountPasswordPolicy', Resource: '*' }] },
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

  test.each([13, 129, 14.5])('rejects a minimum password length of %s', (length) => {
    expect(() => setup({ minimumPasswordLength: length })).toThrow(
      new RegExp(
        `minimumPasswordLength must be a whole number from 14 to 128 \\(CIS 1.8 requires at least 14.*\\) \\(received ${length}\\)`,
      ),
    );
  });

  test.each([0, 25])('rejects remembering %s passwords', (count) => {
    expect(() => setup({ passwordReusePrevention: count })).toThrow(
      new RegExp(`passwordReusePrevention must be a whole number from 1 to 24 .*\\(received ${count}\\)`),
    );
  });

  test.each([1096, -1, 30.5])('rejects a maximum password age of %s days', (days) => {
    expect(() => setup({ maxPasswordAgeDays: days })).toThrow(
      new RegExp(
        `maxPasswordAgeDays must be a whole number from 1 to 1095 \\(IAM allows 1 to 1095 days, or 0 for passwords that never expire\\) \\(received ${days}\\)`,
      ),
    );
  });
});
