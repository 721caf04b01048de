import { App, CfnElement, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { BackupAudit, BackupAuditProps, BackupAuditTimeUnit } from '../../../constructs/backup/backup-audit';
import { RestoreTesting } from '../../../constructs/backup/restore-testing';
import { AlertTopic } from '../../../constructs/foundation/alert-topic';
import { PlatformKey } from '../../../constructs/foundation/platform-key';
import { LogArchive } from '../../../constructs/security/log-archive';
import { NOTIFIER } from '../foundation/alert-notifier-expectations';
import { nagFindings } from '../../nag';

const ACCOUNT = '123456789012';

function setup(props: Partial<BackupAuditProps> = {}, app?: App) {
  const stack = new Stack(app, 'Test', { env: { account: ACCOUNT, region: 'eu-west-1' } });
  const archive = new LogArchive(stack, 'LogArchive');
  archive.allowBackupReports(props.reportPrefix);
  const audit = new BackupAudit(stack, 'BackupAudit', { reportBucket: archive.bucket, ...props });
  const template = () => Template.fromStack(stack);
  const id = (construct: IConstruct) => stack.getLogicalId((construct.node.defaultChild ?? construct) as CfnElement);
  return { stack, archive, audit, template, id };
}

/** The framework's controls, as in the template. */
function controls(template: Template): Array<Record<string, any>> {
  const frameworks = Object.values(template.findResources('AWS::Backup::Framework'));
  expect(frameworks).toHaveLength(1);
  return frameworks[0].Properties.FrameworkControls;
}

/** The report plans of the template, by report template. */
function reportPlans(template: Template): Record<string, Record<string, any>> {
  return Object.fromEntries(
    Object.values(template.findResources('AWS::Backup::ReportPlan')).map((r) => [r.Properties.ReportSetting.ReportTemplate, r.Properties]),
  );
}

describe('BackupAudit', () => {
  describe('framework', () => {
    test('checks daily backups kept 35 days, recovery point retention and encryption, deletion protection and a recovery point per day', () => {
      const { template } = setup();
      expect(controls(template())).toEqual([
        {
          ControlName: 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK',
          ControlInputParameters: [
            { ParameterName: 'requiredFrequencyUnit', ParameterValue: 'days' },
            { ParameterName: 'requiredFrequencyValue', ParameterValue: '1' },
            { ParameterName: 'requiredRetentionDays', ParameterValue: '35' },
          ],
        },
        {
          ControlName: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK',
          ControlInputParameters: [{ ParameterName: 'requiredRetentionDays', ParameterValue: '35' }],
        },
        { ControlName: 'BACKUP_RECOVERY_POINT_ENCRYPTED' },
        { ControlName: 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED' },
        {
          ControlName: 'BACKUP_LAST_RECOVERY_POINT_CREATED',
          ControlInputParameters: [
            { ParameterName: 'recoveryPointAgeUnit', ParameterValue: 'days' },
            { ParameterName: 'recoveryPointAgeValue', ParameterValue: '1' },
          ],
        },
      ]);
    });

    test('takes frequency, retentions, deletion exceptions, vault lock, recovery point age and cross-Region copies from its props', () => {
      // given
      const stack = new Stack(undefined, 'Test', { env: { account: ACCOUNT, region: 'eu-west-1' } });
      const breakGlass = iam.Role.fromRoleArn(stack, 'BreakGlass', `arn:aws:iam::${ACCOUNT}:role/BackupBreakGlassRole`);
      const auditor = iam.Role.fromRoleArn(stack, 'Auditor', `arn:aws:iam::${ACCOUNT}:role/LandingZone-Auditor`);

      // when
      new BackupAudit(stack, 'BackupAudit', {
        reportBucket: s3.Bucket.fromBucketName(stack, 'Reports', 'acme-logs'),
        requiredFrequencyUnit: 'hours',
        requiredFrequencyValue: 12,
        requiredRetentionDays: 30,
        recoveryPointMinRetentionDays: 7,
        manualDeletionAllowedRoles: [breakGlass, auditor],
        vaultLock: { minRetentionDays: 7, maxRetentionDays: 3650 },
        lastRecoveryPointMaxAgeUnit: 'hours',
        lastRecoveryPointMaxAgeValue: 26,
        crossRegionCopy: { regions: ['eu-central-1', 'eu-north-1'] },
      });

      // then
      expect(controls(Template.fromStack(stack))).toEqual([
        {
          ControlName: 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK',
          ControlInputParameters: [
            { ParameterName: 'requiredFrequencyUnit', ParameterValue: 'hours' },
            { ParameterName: 'requiredFrequencyValue', ParameterValue: '12' },
            { ParameterName: 'requiredRetentionDays', ParameterValue: '30' },
          ],
        },
        {
          ControlName: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK',
          ControlInputParameters: [{ ParameterName: 'requiredRetentionDays', ParameterValue: '7' }],
        },
        { ControlName: 'BACKUP_RECOVERY_POINT_ENCRYPTED' },
        {
          ControlName: 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED',
          ControlInputParameters: [
            {
              ParameterName: 'principalArnList',
              ParameterValue: `arn:aws:iam::${ACCOUNT}:role/BackupBreakGlassRole,arn:aws:iam::${ACCOUNT}:role/LandingZone-Auditor`,
            },
          ],
        },
        {
          ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK',
          ControlInputParameters: [
            { ParameterName: 'minRetentionDays', ParameterValue: '7' },
            { ParameterName: 'maxRetentionDays', ParameterValue: '3650' },
          ],
        },
        {
          ControlName: 'BACKUP_LAST_RECOVERY_POINT_CREATED',
          ControlInputParameters: [
            { ParameterName: 'recoveryPointAgeUnit', ParameterValue: 'hours' },
            { ParameterName: 'recoveryPointAgeValue', ParameterValue: '26' },
          ],
        },
        {
          ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION',
          ControlInputParameters: [{ ParameterName: 'crossRegionList', ParameterValue: 'eu-central-1,eu-north-1' }],
        },
      ]);
    });

    test('checks for any vault lock and any cross-Region copy when no bounds or regions are given', () => {
      const { template } = setup({ vaultLock: {}, crossRegionCopy: {} });
      const byName = Object.fromEntries(controls(template()).map((c) => [c.ControlName, c]));
      expect(byName.BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK).toEqual({
        ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK',
      });
      expect(byName.BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION).toEqual({ ControlName: 'BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION' });
    });

    test('limits the plan check to one backup plan and the recovery point age check to tagged resources, if asked', () => {
      // given
      const stack = new Stack(undefined, 'Test', { env: { account: ACCOUNT, region: 'eu-west-1' } });
      const daily = new backup.BackupPlan(stack, 'Daily', { backupVault: backup.BackupVault.fromBackupVaultName(stack, 'Vault', 'acme') });
      daily.addRule(backup.BackupPlanRule.daily());

      // when
      new BackupAudit(stack, 'BackupAudit', {
        reportBucket: s3.Bucket.fromBucketName(stack, 'Reports', 'acme-logs'),
        checkedBackupPlan: daily,
        lastRecoveryPointScopeTag: { key: 'backup', value: 'daily' },
      });

      // then
      const byName = Object.fromEntries(controls(Template.fromStack(stack)).map((c) => [c.ControlName, c]));
      expect(byName.BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK.ControlScope).toEqual({
        ComplianceResourceIds: [{ 'Fn::GetAtt': [stack.getLogicalId(daily.node.defaultChild as CfnElement), 'BackupPlanId'] }],
        ComplianceResourceTypes: ['AWS::Backup::BackupPlan'],
      });
      expect(byName.BACKUP_LAST_RECOVERY_POINT_CREATED.ControlScope).toEqual({ Tags: [{ Key: 'backup', Value: 'daily' }] });
      expect(byName.BACKUP_RECOVERY_POINT_ENCRYPTED.ControlScope).toBeUndefined();
    });

    test('has no vault lock or cross-Region control unless asked', () => {
      const names = controls(setup().template()).map((c) => c.ControlName);
      expect(names).not.toContain('BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK');
      expect(names).not.toContain('BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION');
    });
  });

  describe('report plans', () => {
    test('deliver control compliance of the framework, backup jobs and restore jobs as CSV and JSON under backup-reports/ of the bucket', () => {
      // given / when
      const { template, archive, audit, id } = setup();

      // then
      const plans = reportPlans(template());
      expect(Object.keys(plans).sort()).toEqual(['BACKUP_JOB_REPORT', 'CONTROL_COMPLIANCE_REPORT', 'RESTORE_JOB_REPORT']);
      const channel = { S3BucketName: { Ref: id(archive.bucket) }, S3KeyPrefix: 'backup-reports', Formats: ['CSV', 'JSON'] };
      for (const plan of Object.values(plans)) expect(plan.ReportDeliveryChannel).toEqual(channel);
      expect(plans.CONTROL_COMPLIANCE_REPORT.ReportSetting).toEqual({
        ReportTemplate: 'CONTROL_COMPLIANCE_REPORT',
        FrameworkArns: [{ 'Fn::GetAtt': [id(audit.framework), 'FrameworkArn'] }],
      });
      expect(plans.BACKUP_JOB_REPORT.ReportSetting).toEqual({ ReportTemplate: 'BACKUP_JOB_REPORT' });
      expect(plans.RESTORE_JOB_REPORT.ReportSetting).toEqual({ ReportTemplate: 'RESTORE_JOB_REPORT' });
      expect(audit.reportPlans).toHaveLength(3);
    });

    test('add the copy job report with cross-Region copies, and use the given prefix', () => {
      const { template } = setup({ crossRegionCopy: { regions: ['eu-central-1'] }, reportPrefix: 'audit/backup' });
      const plans = reportPlans(template());
      expect(plans.COPY_JOB_REPORT.ReportSetting).toEqual({ ReportTemplate: 'COPY_JOB_REPORT' });
      for (const plan of Object.values(plans)) expect(plan.ReportDeliveryChannel.S3KeyPrefix).toBe('audit/backup');
    });

    test('are created after the bucket policy that admits AWS Backup', () => {
      const { template, archive, id } = setup();
      for (const plan of Object.values(template().findResources('AWS::Backup::ReportPlan'))) {
        expect(plan.DependsOn).toEqual([id(archive.bucket.policy!)]);
      }
    });
  });

  describe('validation', () => {
    const build = (props: Partial<BackupAuditProps>) => () => {
      const stack = new Stack(undefined, 'Test', { env: { account: ACCOUNT, region: 'eu-west-1' } });
      return new BackupAudit(stack, 'BackupAudit', { reportBucket: s3.Bucket.fromBucketName(stack, 'Reports', 'acme-logs'), ...props });
    };

    test.each(['/backup-reports', 'backup-reports/', 'a//b', 'reports with spaces', ''])('rejects the report prefix %j', (reportPrefix) => {
      expect(build({ reportPrefix })).toThrow(
        /reportPrefix must be an S3 key prefix of letters, digits and .*without a leading or trailing '\/' \(received "/,
      );
    });

    test('rejects an unknown time unit', () => {
      expect(build({ requiredFrequencyUnit: 'weeks' as BackupAuditTimeUnit })).toThrow(
        /requiredFrequencyUnit must be hours or days \(received "weeks"\)/,
      );
      expect(build({ lastRecoveryPointMaxAgeUnit: 'minutes' as BackupAuditTimeUnit })).toThrow(
        /lastRecoveryPointMaxAgeUnit must be hours or days \(received "minutes"\)/,
      );
    });

    test.each([
      [
        { requiredFrequencyUnit: 'hours', requiredFrequencyValue: 25 },
        /requiredFrequencyValue must be a whole number of hours from 1 to 24 \(received 25\)/,
      ],
      [{ requiredFrequencyValue: 32 }, /requiredFrequencyValue must be a whole number of days from 1 to 31 \(received 32\)/],
      [{ requiredFrequencyValue: 0 }, /requiredFrequencyValue must be a whole number of days from 1 to 31 \(received 0\)/],
      [
        { lastRecoveryPointMaxAgeUnit: 'hours', lastRecoveryPointMaxAgeValue: 745 },
        /lastRecoveryPointMaxAgeValue must be a whole number of hours from 1 to 744 \(received 745\)/,
      ],
      [{ lastRecoveryPointMaxAgeValue: 1.5 }, /lastRecoveryPointMaxAgeValue must be a whole number of days from 1 to 31 \(received 1.5\)/],
      [{ requiredRetentionDays: 0 }, /requiredRetentionDays must be a whole number of days from 1 to 36500 \(received 0\)/],
      [
        { recoveryPointMinRetentionDays: 36501 },
        /recoveryPointMinRetentionDays must be a whole number of days from 1 to 36500 \(received 36501\)/,
      ],
      [{ vaultLock: { minRetentionDays: 0 } }, /vaultLock.minRetentionDays must be a whole number of days from 1 to 36500 \(received 0\)/],
      [
        { vaultLock: { maxRetentionDays: 36501 } },
        /vaultLock.maxRetentionDays must be a whole number of days from 1 to 36500 \(received 36501\)/,
      ],
      [
        { vaultLock: { minRetentionDays: 30, maxRetentionDays: 7 } },
        /vaultLock.minRetentionDays \(30\) must not exceed vaultLock.maxRetentionDays \(7\)/,
      ],
    ] as Array<[Partial<BackupAuditProps>, RegExp]>)('rejects %j', (props, message) => {
      expect(build(props)).toThrow(message);
    });

    test('rejects more than five roles allowed to delete recovery points', () => {
      const stack = new Stack(undefined, 'Test', { env: { account: ACCOUNT, region: 'eu-west-1' } });
      const roles = Array.from({ length: 6 }, (_, i) => iam.Role.fromRoleArn(stack, `R${i}`, `arn:aws:iam::${ACCOUNT}:role/r${i}`));
      expect(
        () =>
          new BackupAudit(stack, 'BackupAudit', {
            reportBucket: s3.Bucket.fromBucketName(stack, 'Reports', 'acme-logs'),
            manualDeletionAllowedRoles: roles,
          }),
      ).toThrow(/manualDeletionAllowedRoles may list at most 5 roles, the limit of the control \(received 6\)/);
    });

    test('rejects an invalid scope tag', () => {
      expect(build({ lastRecoveryPointScopeTag: { key: '', value: 'daily' } })).toThrow(
        /lastRecoveryPointScopeTag.key must be 1-128 letters, digits, spaces or .* \(received ""\)/,
      );
      expect(build({ lastRecoveryPointScopeTag: { key: 'backup', value: 'daily!' } })).toThrow(
        /lastRecoveryPointScopeTag.value must be 1-256 letters, digits, spaces or .* \(received "daily!"\)/,
      );
    });

    test('rejects a copy region that is not a region code, or this region', () => {
      expect(build({ crossRegionCopy: { regions: ['Frankfurt'] } })).toThrow(
        /crossRegionCopy.regions contains "Frankfurt", which is not a region code such as eu-central-1/,
      );
      expect(build({ crossRegionCopy: { regions: ['eu-west-1'] } })).toThrow(
        /crossRegionCopy.regions contains this stack's own region eu-west-1; a cross-Region copy must go to another region/,
      );
    });
  });

  test('together with restore testing and the log archive, raises no unacknowledged finding in any compliance pack', () => {
    // given
    const app = new App();
    const stack = new Stack(app, 'Test', { env: { account: ACCOUNT, region: 'eu-west-1' } });
    const platformKey = new PlatformKey(stack, 'PlatformKey');
    const security = new AlertTopic(stack, 'SecurityAlerts', { key: platformKey, displayName: 'Acme security alerts' });
    const vaultKey = new kms.Key(stack, 'VaultKey', { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
    const vault = new backup.BackupVault(stack, 'Vault', { encryptionKey: vaultKey, removalPolicy: RemovalPolicy.RETAIN });
    const archive = new LogArchive(stack, 'LogArchive', { objectLock: { mode: 'GOVERNANCE', retentionDays: 365 } });

    // when
    archive.allowBackupReports();
    new RestoreTesting(stack, 'RestoreTesting', {
      vaults: [vault],
      timeZone: 'Europe/Berlin',
      resourceTypes: ['DynamoDB', 'EBS', 'EC2', 'S3'],
      restoreMetadataOverrides: { EC2: { subnetId: 'subnet-0123456789abcdef0' } },
      notifier: NOTIFIER,
      undeliveredAlarmTopic: security.topic,
    });
    new BackupAudit(stack, 'BackupAudit', {
      reportBucket: archive.bucket,
      vaultLock: { minRetentionDays: 7, maxRetentionDays: 3650 },
      crossRegionCopy: { regions: ['eu-central-1'] },
    });

    // then
    expect(nagFindings(app)).toEqual([]);
  });
});
