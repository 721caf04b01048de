import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { DeployerRole, DeployerRoleProps } from '../../../constructs/security/deployer-role';
import { nagFindings } from '../../nag';

const GITHUB = { repository: 'acme-consulting/landing-zones', environment: 'production' };
const CONSULTANT = 'arn:aws:iam::999999999999:role/consultant';

function setup(props: DeployerRoleProps, app?: App) {
  const stack = new Stack(app, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
  const deployer = new DeployerRole(stack, 'Deployer', props);
  return { stack, deployer, template: Template.fromStack(stack) };
}

function trustOf(template: Template): Array<Record<string, any>> {
  const roles = Object.values(template.findResources('AWS::IAM::Role'));
  expect(roles).toHaveLength(1);
  return roles[0].Properties.AssumeRolePolicyDocument.Statement;
}

describe('DeployerRole', () => {
  test('is LandingZone-Deployer with AdministratorAccess, no boundary, and two-hour sessions', () => {
    const { template } = setup({ github: GITHUB });
    const [role] = Object.values(template.findResources('AWS::IAM::Role'));
    expect(role.Properties).toEqual(
      expect.objectContaining({
        RoleName: 'LandingZone-Deployer',
        MaxSessionDuration: 7200,
        ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AdministratorAccess']] }],
      }),
    );
    expect(role.Properties.PermissionsBoundary).toBeUndefined();
  });

  test("trusts one GitHub environment of one repository through the account's GitHub OIDC provider", () => {
    // when
    const { template } = setup({ github: GITHUB });
    // then: the provider accepts tokens meant for STS only
    const providers = Object.values(template.findResources('AWS::IAM::OIDCProvider'));
    expect(providers).toHaveLength(1);
    expect(providers[0].Properties).toEqual(
      expect.objectContaining({ Url: 'https://token.actions.githubusercontent.com', ClientIdList: ['sts.amazonaws.com'] }),
    );
    const providerId = Object.keys(template.findResources('AWS::IAM::OIDCProvider'))[0];
    expect(trustOf(template)).toEqual([
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRoleWithWebIdentity',
        Principal: { Federated: { Ref: providerId } },
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub': 'repo:acme-consulting/landing-zones:environment:production',
          },
        },
      },
    ]);
  });

  test("trusts a branch's runs instead, through a provider the account already has", () => {
    // when
    const { template } = setup({ github: { repository: 'acme-consulting/landing-zones', branch: 'main', createProvider: false } });
    // then
    expect(template.findResources('AWS::IAM::OIDCProvider')).toEqual({});
    const [statement] = trustOf(template);
    expect(statement.Principal.Federated).toEqual({
      'Fn::Join': [
        '',
        ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':oidc-provider/token.actions.githubusercontent.com'],
      ],
    });
    expect(statement.Condition.StringEquals['token.actions.githubusercontent.com:sub']).toBe(
      'repo:acme-consulting/landing-zones:ref:refs/heads/main',
    );
  });

  test('trusts named principals only with MFA used within the hour', () => {
    const { template } = setup({ principalArns: [CONSULTANT] });
    expect(trustOf(template)).toEqual([
      {
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { AWS: CONSULTANT },
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThanEquals: { 'aws:MultiFactorAuthAge': '3600' } },
      },
    ]);
  });

  test('trusts both, each with its own conditions', () => {
    const { template } = setup({ github: GITHUB, principalArns: [CONSULTANT] });
    expect(trustOf(template).map((s) => s.Action)).toEqual(['sts:AssumeRoleWithWebIdentity', 'sts:AssumeRole']);
  });

  test('has no unacknowledged finding in any compliance pack', () => {
    const app = new App();
    setup({ github: GITHUB, principalArns: [CONSULTANT] }, app);
    expect(nagFindings(app)).toEqual([]);
  });

  test.each<[string, DeployerRoleProps, RegExp]>([
    ['nobody to trust', {}, /give github, principalArns or both \(received neither\)/],
    [
      'a repository without its owner',
      { github: { repository: 'landing-zones', branch: 'main' } },
      /github.repository must be "owner\/repository" .* \(received "landing-zones"\)/,
    ],
    [
      'both an environment and a branch',
      { github: { ...GITHUB, branch: 'main' } },
      /github needs exactly one of environment and branch \(received both\)/,
    ],
    [
      'neither an environment nor a branch',
      { github: { repository: GITHUB.repository } },
      /github needs exactly one of environment and branch \(received neither\)/,
    ],
    ['a wildcard branch', { github: { repository: GITHUB.repository, branch: '*' } }, /github.branch must be .* \(received "\*"\)/],
    [
      'an account root as a principal (every principal of that account)',
      { principalArns: ['arn:aws:iam::999999999999:root'] },
      /principalArns must hold role or user ARNs .*never an account root \(received "arn:aws:iam::999999999999:root"\)/,
    ],
  ])('rejects %s', (_case, props, error) => {
    expect(() => setup(props)).toThrow(error);
  });
});
