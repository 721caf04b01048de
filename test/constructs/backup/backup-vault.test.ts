import { App, Aws, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as logs from 'aws-cdk-lib/aws-logs';
import {
  backupVaultArn,
  LockedBackupVault,
  LockedBackupVaultProps,
  PROTECTED_VAULT_ACTIONS,
} from '../../../constructs/backup/backup-vault';
import { BackupBreakGlassRole } from '../../../constructs/backup/break-glass-role';
import { AlertTopic } from '../../../constructs/foundation/alert-topic';
import { PlatformKey } from '../../../constructs/foundation/platform-key';
import { nagFindings } from '../../nag';

const BREAK_GLASS_ARN = 'arn:aws:iam::123456789012:role/LandingZone-BackupBreakGlass';

function newStack(app?: App): Stack {
  return new Stack(app, 'Test', { env: { account: '123456789012', region: 'eu-west-1' } });
}

function setup(props: Partial<LockedBackupVaultProps> = {}) {
  const stack = newStack();
  const vault = new LockedBackupVault(stack, 'Vault', { backupVaultName: 'Acme-Main', breakGlassRoleArn: BREAK_GLASS_ARN, ...props });
  return { stack, vault, template: Template.fromStack(stack) };
}

function vaultProperties(template: Template): Record<string, any> {
  const vaults = Object.values(template.findResources('AWS::Backup::BackupVault'));
  expect(vaults).toHaveLength(1);
  return vaults[0].Properties;
}

function keyStatements(template: Template): Array<Record<string, any>> {
  const keys = Object.values(template.findResources('AWS::KMS::Key'));
  expect(keys).toHaveLength(1);
  return keys[0].Properties.KeyPolicy.Statement;
}

describe('LockedBackupVault', () => {
  describe('key', () => {
    test('is its own rotated customer-managed key, retained, with a 30-day deletion window and an alias', () => {
      const { template } = setup({ keyAlias: 'acme/backup-main' });
      template.resourceCountIs('AWS::KMS::Key', 1);
      template.hasResource('AWS::KMS::Key', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: Match.objectLike({ EnableKeyRotation: true, PendingWindowInDays: 30 }),
      });
      template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/acme/backup-main' });
    });

    test('is aliased after the vault by default', () => {
      setup().template.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/backup/Acme-Main' });
    });

    test('keeps the account statement so that IAM policies can delegate use of the key', () => {
      expect(keyStatements(setup().template)).toContainEqual({
        Effect: 'Allow',
        Action: 'kms:*',
        Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::123456789012:root']] } },
        Resource: '*',
      });
    });

    test('lets principals of this account use the key only through AWS Backup, and grants only for AWS resources', () => {
      const statements = keyStatements(setup().template);
      const throughBackup = {
        StringEquals: { 'kms:CallerAccount': '123456789012' },
        StringLike: { 'kms:ViaService': 'backup.*.amazonaws.com' },
      };
      expect(statements).toContainEqual({
        Sid: 'AllowUseThroughAwsBackup',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey', 'kms:RetireGrant'],
        Resource: '*',
        Condition: throughBackup,
      });
      expect(statements).toContainEqual({
        Sid: 'AllowGrantsThroughAwsBackup',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'kms:CreateGrant',
        Resource: '*',
        Condition: { ...throughBackup, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      });
      // Nothing else: no statement grants the key to anyone without a condition.
      expect(statements).toHaveLength(3);
    });
  });

  describe('vault', () => {
    test('has the given name, is encrypted with its own key and is retained', () => {
      const { stack, vault, template } = setup();
      template.hasResource('AWS::Backup::BackupVault', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: Match.objectLike({
          BackupVaultName: 'Acme-Main',
          EncryptionKeyArn: stack.resolve(vault.key.keyArn),
        }),
      });
    });

    test('exposes the vault, its key and its ARN', () => {
      const { stack, vault, template } = setup();
      const [vaultId] = Object.keys(template.findResources('AWS::Backup::BackupVault'));
      const [keyId] = Object.keys(template.findResources('AWS::KMS::Key'));
      expect(stack.resolve(vault.vaultArn)).toEqual({ 'Fn::GetAtt': [vaultId, 'BackupVaultArn'] });
      expect(stack.resolve(vault.vault.backupVaultArn)).toEqual({ 'Fn::GetAtt': [vaultId, 'BackupVaultArn'] });
      expect(stack.resolve(vault.key.keyArn)).toEqual({ 'Fn::GetAtt': [keyId, 'Arn'] });
    });

    test('builds the ARN of a vault of another region from its name', () => {
      expect(backupVaultArn('aws', 'eu-central-1', '123456789012', 'Acme-Copy')).toBe(
        'arn:aws:backup:eu-central-1:123456789012:backup-vault:Acme-Copy',
      );
      const stack = newStack();
      expect(stack.resolve(backupVaultArn(Aws.PARTITION, 'eu-central-1', Aws.ACCOUNT_ID, 'Acme-Copy'))).toEqual({
        'Fn::Join': [
          '',
          ['arn:', { Ref: 'AWS::Partition' }, ':backup:eu-central-1:', { Ref: 'AWS::AccountId' }, ':backup-vault:Acme-Copy'],
        ],
      });
    });
  });

  describe('access policy', () => {
    test('denies deleting recovery points, changing their lifecycle and changing the policy to all but the break-glass role', () => {
      const statements = vaultProperties(setup().template).AccessPolicy.Statement;
      expect(statements).toContainEqual({
        Sid: 'DenyRecoveryPointDeletionExceptBreakGlass',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: [
          'backup:DeleteRecoveryPoint',
          'backup:UpdateRecoveryPointLifecycle',
          'backup:PutBackupVaultAccessPolicy',
          'backup:DeleteBackupVaultAccessPolicy',
        ],
        Resource: '*',
        Condition: { ArnNotEquals: { 'aws:PrincipalArn': BREAK_GLASS_ARN } },
      });
      expect(PROTECTED_VAULT_ACTIONS).toEqual([
        'backup:DeleteRecoveryPoint',
        'backup:UpdateRecoveryPointLifecycle',
        'backup:PutBackupVaultAccessPolicy',
        'backup:DeleteBackupVaultAccessPolicy',
      ]);
    });

    test('denies deleting the vault to everyone, the break-glass role included', () => {
      const statements = vaultProperties(setup().template).AccessPolicy.Statement;
      expect(statements).toContainEqual({
        Sid: 'DenyVaultDeletion',
        Effect: 'Deny',
        Principal: { AWS: '*' },
        Action: 'backup:DeleteBackupVault',
        Resource: '*',
      });
      expect(statements).toHaveLength(2);
    });

    test('names the break-glass role of a token ARN, e.g. the role built in the same stack', () => {
      // given
      const stack = newStack();
      const role = new BackupBreakGlassRole(stack, 'BreakGlass', {
        roleName: 'LandingZone-BackupBreakGlass',
        trustedAccountId: '123456789012',
      });
      // when
      new LockedBackupVault(stack, 'Vault', { backupVaultName: 'Acme-Main', breakGlassRoleArn: role.roleArn });
      // then
      const statement = vaultProperties(Template.fromStack(stack)).AccessPolicy.Statement[0];
      expect(statement.Condition).toEqual({
        ArnNotEquals: {
          'aws:PrincipalArn': {
            'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::123456789012:role/LandingZone-BackupBreakGlass']],
          },
        },
      });
    });
  });

  describe('Vault Lock', () => {
    test('none without a lock', () => {
      expect(vaultProperties(setup().template).LockConfiguration).toBeUndefined();
    });

    test('governance mode: retention bounds without a changeable period', () => {
      const props = vaultProperties(setup({ lock: { mode: 'GOVERNANCE', minRetentionDays: 7, maxRetentionDays: 400 } }).template);
      expect(props.LockConfiguration).toEqual({ MinRetentionDays: 7, MaxRetentionDays: 400 });
    });

    test('compliance mode: retention bounds and the changeable period, once confirmed', () => {
      const props = vaultProperties(
        setup({
          lock: { mode: 'COMPLIANCE', minRetentionDays: 35, maxRetentionDays: 3650, changeableForDays: 7 },
          confirmComplianceModeIsIrreversible: true,
        }).template,
      );
      expect(props.LockConfiguration).toEqual({ MinRetentionDays: 35, MaxRetentionDays: 3650, ChangeableForDays: 7 });
    });

    test('accepts equal minimum and maximum retention', () => {
      const props = vaultProperties(setup({ lock: { mode: 'GOVERNANCE', minRetentionDays: 35, maxRetentionDays: 35 } }).template);
      expect(props.LockConfiguration).toEqual({ MinRetentionDays: 35, MaxRetentionDays: 35 });
    });
  });

  describe('validation', () => {
    const build = (props: Partial<LockedBackupVaultProps>) => () =>
      new LockedBackupVault(newStack(), 'Vault', { backupVaultName: 'Acme-Main', breakGlassRoleArn: BREAK_GLASS_ARN, ...props });

    test.each(['a', 'x'.repeat(51), 'acme main', 'acme.main'])('rejects the vault name %p', (name) => {
      expect(build({ backupVaultName: name })).toThrow(/backupVaultName must be 2-50 letters, digits, '-' or '_' \(received/);
    });

    test.each(['LandingZone-BackupBreakGlass', 'arn:aws:iam::123456789012:user/alice', 'arn:aws:iam::1234:role/x'])(
      'rejects the break-glass role ARN %p',
      (arn) => {
        expect(build({ breakGlassRoleArn: arn })).toThrow(/breakGlassRoleArn must be an IAM role ARN .*\(received/);
      },
    );

    test.each(['alias/acme', 'aws/backup', 'acme backup', ''])('rejects the key alias %p', (alias) => {
      expect(build({ keyAlias: alias })).toThrow(
        /keyAlias must be 1-250 letters, digits, '\/', '_' or '-', without the "alias\/" prefix and not starting with "aws\/".*\(received/,
      );
    });

    test.each([0, 1.5])('rejects a minimum retention of %p days', (days) => {
      expect(build({ lock: { mode: 'GOVERNANCE', minRetentionDays: days, maxRetentionDays: 30 } })).toThrow(
        /lock.minRetentionDays must be a whole number of days, 1 or more \(received/,
      );
    });

    test.each([36501, 30.5])('rejects a maximum retention of %p days', (days) => {
      expect(build({ lock: { mode: 'GOVERNANCE', minRetentionDays: 1, maxRetentionDays: days } })).toThrow(
        /lock.maxRetentionDays must be a whole number of days, at most 36500 \(received/,
      );
    });

    test('rejects a minimum retention above the maximum', () => {
      expect(build({ lock: { mode: 'GOVERNANCE', minRetentionDays: 31, maxRetentionDays: 30 } })).toThrow(
        /lock.minRetentionDays \(31\) must not exceed lock.maxRetentionDays \(30\)/,
      );
    });

    test('rejects an unknown mode', () => {
      expect(build({ lock: { mode: 'LEGAL_HOLD' as any, minRetentionDays: 1, maxRetentionDays: 30 } })).toThrow(
        /lock.mode must be GOVERNANCE or COMPLIANCE \(received "LEGAL_HOLD"\)/,
      );
    });

    test('rejects a changeable period in governance mode', () => {
      expect(build({ lock: { mode: 'GOVERNANCE', minRetentionDays: 1, maxRetentionDays: 30, changeableForDays: 3 } })).toThrow(
        /lock.changeableForDays must be left out for GOVERNANCE mode.*\(received 3\)/,
      );
    });

    test.each([undefined, 2, 3.5])('rejects a changeable period of %p days in compliance mode', (days) => {
      expect(
        build({
          lock: { mode: 'COMPLIANCE', minRetentionDays: 1, maxRetentionDays: 30, changeableForDays: days },
          confirmComplianceModeIsIrreversible: true,
        }),
      ).toThrow(/lock.changeableForDays must be a whole number of days, 3 or more .* for COMPLIANCE mode \(received/);
    });

    test.each([undefined, false])(
      'refuses compliance mode without the confirmation (%p), explaining that it cannot be undone',
      (confirmation) => {
        expect(
          build({
            lock: { mode: 'COMPLIANCE', minRetentionDays: 1, maxRetentionDays: 30, changeableForDays: 3 },
            confirmComplianceModeIsIrreversible: confirmation,
          }),
        ).toThrow(
          /lock.mode COMPLIANCE is irreversible: 3 days after deployment nobody, not even the account's root user or AWS, can delete the vault .* Set confirmComplianceModeIsIrreversible: true/,
        );
      },
    );
  });

  test('passes all five compliance packs with its break-glass role and the alarm on its use', () => {
    // given
    const app = new App();
    const stack = newStack(app);
    const platformKey = new PlatformKey(stack, 'PlatformKey');
    platformKey.allowCloudWatchLogs();
    const alerts = new AlertTopic(stack, 'SecurityAlerts', {
      key: platformKey,
      displayName: 'Acme security alerts',
      publishingServices: ['cloudwatch.amazonaws.com'],
    });
    const trailLogGroup = new logs.LogGroup(stack, 'TrailLogGroup', {
      encryptionKey: platformKey.key,
      retention: logs.RetentionDays.ONE_YEAR,
    });
    // when
    const breakGlass = new BackupBreakGlassRole(stack, 'BreakGlass', {
      roleName: 'LandingZone-BackupBreakGlass',
      trustedAccountId: '210987654321',
      alarmTopic: alerts.topic,
      trailLogGroup,
    });
    new LockedBackupVault(stack, 'Vault', {
      backupVaultName: 'Acme-Main',
      breakGlassRoleArn: breakGlass.roleArn,
      lock: { mode: 'COMPLIANCE', minRetentionDays: 7, maxRetentionDays: 3650, changeableForDays: 3 },
      confirmComplianceModeIsIrreversible: true,
    });
    // then
    expect(nagFindings(app)).toEqual([]);
  });
});
