import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import {
  BackupBreakGlassRole,
  BackupBreakGlassRoleProps,
  BREAK_GLASS_ACTIONS,
  breakGlassFilterPattern,
} from '../../../constructs/backup/break-glass-role';
import { listAcknowledgements } from '../../../constructs/shared/compliance';

const ROLE_ARN_TOKEN = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::123456789012:role/LandingZone-BackupBreakGlass']] };

function setup(props: Partial<BackupBreakGlassRoleProps> = {}, withAlarm = false) {
  const stack = new Stack(new App(), 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
  const topic = new sns.Topic(stack, 'Alerts');
  const logGroup = new logs.LogGroup(stack, 'Trail');
  const role = new BackupBreakGlassRole(stack, 'BreakGlass', {
    roleName: 'LandingZone-BackupBreakGlass',
    trustedAccountId: '210987654321',
    ...(withAlarm ? { alarmTopic: topic, trailLogGroup: logGroup } : {}),
    ...props,
  });
  return { stack, topic, logGroup, role, template: Template.fromStack(stack) };
}

describe('BackupBreakGlassRole', () => {
  test('has the given name, one-hour sessions, and trusts the account only with MFA used within the hour', () => {
    const { template } = setup();
    template.hasResourceProperties('AWS::IAM::Role', {
      RoleName: 'LandingZone-BackupBreakGlass',
      MaxSessionDuration: 3600,
      AssumeRolePolicyDocument: {
        Statement: [
          {
            Effect: 'Allow',
            Action: 'sts:AssumeRole',
            Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::210987654321:root']] } },
            Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThanEquals: { 'aws:MultiFactorAuthAge': '3600' } },
          },
        ],
      },
    });
  });

  test('trusts only the named principals, each only with MFA used within the hour, when given', () => {
    // given
    const principals = ['arn:aws:iam::210987654321:role/managing-director', 'arn:aws:iam::210987654321:role/consultant'];
    // when
    const { template } = setup({ trustedPrincipalArns: principals });
    // then
    const [role] = Object.values(template.findResources('AWS::IAM::Role'));
    expect(role.Properties.AssumeRolePolicyDocument.Statement).toEqual(
      principals.map((arn) => ({
        Effect: 'Allow',
        Action: 'sts:AssumeRole',
        Principal: { AWS: arn },
        Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' }, NumericLessThanEquals: { 'aws:MultiFactorAuthAge': '3600' } },
      })),
    );
  });

  test('refuses an account root as a named principal (every principal of that account)', () => {
    expect(() => setup({ trustedPrincipalArns: ['arn:aws:iam::210987654321:root'] })).toThrow(
      /trustedPrincipalArns must hold role or user ARNs .*never an account root \(received "arn:aws:iam::210987654321:root"\)/,
    );
  });

  test('exposes the role and its ARN built from the name', () => {
    const { stack, role, template } = setup();
    const [roleId] = Object.keys(template.findResources('AWS::IAM::Role'));
    expect(stack.resolve(role.roleArn)).toEqual(ROLE_ARN_TOKEN);
    expect(stack.resolve(role.role.roleName)).toEqual({ Ref: roleId });
  });

  test('may only read, delete and re-time recovery points and remove a vault access policy, through a customer managed policy', () => {
    // given
    const { template } = setup();
    const [roleId] = Object.keys(template.findResources('AWS::IAM::Role'));
    // then
    template.resourceCountIs('AWS::IAM::Policy', 0);
    template.resourceCountIs('AWS::IAM::ManagedPolicy', 1);
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: roleId }],
      PolicyDocument: {
        Statement: [
          {
            Sid: 'ManageRecoveryPoints',
            Effect: 'Allow',
            Action: [
              'backup:DeleteRecoveryPoint',
              'backup:UpdateRecoveryPointLifecycle',
              'backup:DescribeRecoveryPoint',
              'backup:ListBackupVaults',
            ],
            Resource: '*',
          },
          {
            Sid: 'ManageVaults',
            Effect: 'Allow',
            Action: ['backup:ListRecoveryPointsByBackupVault', 'backup:DeleteBackupVaultAccessPolicy'],
            Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':backup:*:', { Ref: 'AWS::AccountId' }, ':backup-vault:*']] },
          },
        ],
      },
    });
    expect([...BREAK_GLASS_ACTIONS].sort()).toEqual(
      [
        'backup:DeleteBackupVaultAccessPolicy',
        'backup:DeleteRecoveryPoint',
        'backup:DescribeRecoveryPoint',
        'backup:ListBackupVaults',
        'backup:ListRecoveryPointsByBackupVault',
        'backup:UpdateRecoveryPointLifecycle',
      ].sort(),
    );
  });

  test('acknowledges only the two wildcard-resource findings of its policy, with reasons', () => {
    const { stack } = setup();
    const acknowledgements = listAcknowledgements(stack);
    expect(acknowledgements.map((a) => [a.path, a.ruleId])).toEqual([
      ['Test/BreakGlass/Policy', 'AwsSolutions-IAM5[Resource::*]'],
      ['Test/BreakGlass/Policy', 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:backup:*:<AWS::AccountId>:backup-vault:*]'],
    ]);
    for (const { reason } of acknowledgements) expect(reason.length).toBeGreaterThanOrEqual(60);
  });

  describe('alarm', () => {
    test('none unless asked', () => {
      const { role, template } = setup();
      template.resourceCountIs('AWS::Logs::MetricFilter', 0);
      template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
      expect(role.alarm).toBeUndefined();
    });

    test('counts every AssumeRole of the role and every call made with it, on the trail log group', () => {
      const { stack, logGroup, template } = setup({}, true);
      template.hasResourceProperties('AWS::Logs::MetricFilter', {
        LogGroupName: stack.resolve(logGroup.logGroupName),
        FilterPattern: {
          'Fn::Join': [
            '',
            [
              '{ (($.eventSource = "sts.amazonaws.com") && ($.eventName = "AssumeRole") && ($.requestParameters.roleArn = "arn:',
              { Ref: 'AWS::Partition' },
              ':iam::123456789012:role/LandingZone-BackupBreakGlass")) || ($.userIdentity.sessionContext.sessionIssuer.arn = "arn:',
              { Ref: 'AWS::Partition' },
              ':iam::123456789012:role/LandingZone-BackupBreakGlass") }',
            ],
          ],
        },
        MetricTransformations: [{ MetricNamespace: 'LandingZone/Backup', MetricName: 'BackupBreakGlassRoleUsed', MetricValue: '1' }],
      });
    });

    test('alarms on the topic at the first use', () => {
      const { stack, topic, role, template } = setup({}, true);
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: 'Test-BackupBreakGlass-Used',
        AlarmDescription: Match.stringLikeRegexp('this is an incident'),
        Namespace: 'LandingZone/Backup',
        MetricName: 'BackupBreakGlassRoleUsed',
        Statistic: 'Sum',
        Period: 300,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
        AlarmActions: [stack.resolve(topic.topicArn)],
      });
      expect(role.alarm).toBeDefined();
    });

    test('the filter pattern names the role in both clauses', () => {
      expect(breakGlassFilterPattern('arn:aws:iam::123456789012:role/BG')).toBe(
        '{ (($.eventSource = "sts.amazonaws.com") && ($.eventName = "AssumeRole") && ($.requestParameters.roleArn = "arn:aws:iam::123456789012:role/BG")) || ($.userIdentity.sessionContext.sessionIssuer.arn = "arn:aws:iam::123456789012:role/BG") }',
      );
    });
  });

  describe('validation', () => {
    const build = (props: Partial<BackupBreakGlassRoleProps>) => () =>
      new BackupBreakGlassRole(new Stack(), 'BreakGlass', {
        roleName: 'LandingZone-BackupBreakGlass',
        trustedAccountId: '210987654321',
        ...props,
      });

    test.each(['', 'x'.repeat(65), 'break glass', 'a/b'])('rejects the role name %p', (roleName) => {
      expect(build({ roleName })).toThrow(/roleName must be 1-64 letters, digits and \+=,.@_- \(received/);
    });

    test.each(['12345678901', '1234567890123', 'acme'])('rejects the trusted account %p', (trustedAccountId) => {
      expect(build({ trustedAccountId })).toThrow(/trustedAccountId must be exactly 12 digits \(received/);
    });

    test('rejects an alarm topic without the trail log group, and the reverse', () => {
      const stack = new Stack();
      const topic = new sns.Topic(stack, 'Topic');
      const logGroup = new logs.LogGroup(stack, 'Trail');
      expect(() => new BackupBreakGlassRole(stack, 'A', { roleName: 'A', trustedAccountId: '210987654321', alarmTopic: topic })).toThrow(
        /alarmTopic and trailLogGroup go together.*\(received only alarmTopic\)/,
      );
      expect(
        () => new BackupBreakGlassRole(stack, 'B', { roleName: 'B', trustedAccountId: '210987654321', trailLogGroup: logGroup }),
      ).toThrow(/alarmTopic and trailLogGroup go together.*\(received only trailLogGroup\)/);
    });
  });
});
