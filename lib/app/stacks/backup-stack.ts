import type { AlertNotifierRef } from '../../../constructs/foundation/alert-notifier';
import { Aws, Stack, StackProps } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { BackupAlerts } from '../../../constructs/backup/backup-alerts';
import { BackupAudit } from '../../../constructs/backup/backup-audit';
import { backupVaultArn, LockedBackupVault, VaultLock } from '../../../constructs/backup/backup-vault';
import { BackupBreakGlassRole } from '../../../constructs/backup/break-glass-role';
import { RestoreTesting } from '../../../constructs/backup/restore-testing';
import { TieredBackupPlan } from '../../../constructs/backup/tiered-backup-plan';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { AccountConfig, ClientConfig } from '../../core/config/schema';
import { archiveAccount } from '../../core/organization/account-roles';
import { logArchiveBucketName } from '../../core/naming';
import { AlertTopics } from './foundation-stack';
import { BackupSignals } from './signals';

/** Name of the break-glass role: the only principal that may delete recovery points. */
export const BREAK_GLASS_ROLE_NAME = 'LandingZone-BackupBreakGlass';

/** Name of the account's backup vault in its home region. */
export function primaryVaultName(config: ClientConfig): string {
  return `${config.client.name}-backup`;
}

/** Name of the vault that receives the copies in the copy region. */
export function copyVaultName(config: ClientConfig): string {
  return `${config.client.name}-backup-copy`;
}

/** The vault lock of the config, as the vault construct takes it. */
export function vaultLockOf(config: ClientConfig): VaultLock | undefined {
  const lock = config.backup.vaultLock;
  if (lock.mode === 'OFF') return undefined;
  return {
    mode: lock.mode,
    minRetentionDays: lock.minRetentionDays,
    maxRetentionDays: lock.maxRetentionDays,
    changeableForDays: lock.mode === 'COMPLIANCE' ? lock.changeableForDays : undefined,
  };
}

/** The break-glass role's ARN, built from its name (no cross-stack or cross-region reference). */
function breakGlassRoleArn(): string {
  return `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/${BREAK_GLASS_ROLE_NAME}`;
}

/** Properties of {@link BackupStack}. */
export interface BackupStackProps extends StackProps {
  /** The validated client configuration. */
  readonly config: ClientConfig;
  /** The account this stack is deployed to (in its home region). */
  readonly account: AccountConfig;
  /** The account's alert topics, from the foundation stack. */
  readonly alertTopics: AlertTopics;
  /** The account's alert notifier (foundation stack), which the job rules target. */
  readonly alertNotifier: AlertNotifierRef;
  /**
   * The trail's log group: the break-glass role's use raises an alarm from it.
   * @default - no alarm on the break-glass role
   */
  readonly trailLogGroup?: logs.ILogGroup;
}

/**
 * The backup and recovery baseline of an account in its home region: the locked vault, the
 * break-glass role, the tiered plans that resources join by tag, alerts on failed jobs, the
 * monthly restore test and the Audit Manager evidence. Copies go to the vault of a
 * {@link BackupCopyStack} in the copy region.
 */
export class BackupStack extends Stack {
  /** What the dashboards show of this stack: the vault and the alarm on failed jobs. */
  readonly signals: BackupSignals;

  constructor(scope: Construct, id: string, props: BackupStackProps) {
    super(scope, id, props);
    const { config, account, alertTopics } = props;
    const backup = config.backup;
    const identity = config.security.iam.identitySource;

    const breakGlass = new BackupBreakGlassRole(this, 'BreakGlass', {
      roleName: BREAK_GLASS_ROLE_NAME,
      trustedAccountId: identity?.type === 'account' ? identity.accountId : account.id,
      trustedPrincipalArns: backup.breakGlassPrincipals,
      alarmTopic: props.trailLogGroup ? alertTopics.security : undefined,
      trailLogGroup: props.trailLogGroup,
      language: config.client.language,
    });

    const vault = new LockedBackupVault(this, 'Vault', {
      backupVaultName: primaryVaultName(config),
      breakGlassRoleArn: breakGlassRoleArn(),
      lock: vaultLockOf(config),
      confirmComplianceModeIsIrreversible: backup.vaultLock.confirmComplianceModeIsIrreversible,
    });

    const copyRegion = backup.copy.enabled ? backup.copy.region : undefined;
    const plans = new TieredBackupPlan(this, 'Plans', {
      vault: vault.vault,
      timeZone: config.client.timeZone,
      tagKey: backup.tagKey,
      startHour: backup.startHour,
      continuousBackup: backup.continuousBackup,
      tiers: backup.tiers,
      copyTo: copyRegion ? { vaultArn: backupVaultArn(this.partition, copyRegion, account.id, copyVaultName(config)) } : undefined,
    });

    const alerts = new BackupAlerts(this, 'Alerts', {
      notifier: props.alertNotifier,
      alarmTopic: alertTopics.operations,
      vault: vault.vault,
      undeliveredAlarmTopic: alertTopics.security,
      language: config.client.language,
    });
    this.signals = { vaultName: primaryVaultName(config), failedJobsAlarm: alerts.failedJobsAlarm };

    if (backup.restoreTesting.enabled) {
      new RestoreTesting(this, 'RestoreTesting', {
        vaults: [vault.vault],
        timeZone: config.client.timeZone,
        resourceTypes: [...backup.restoreTesting.resourceTypes],
        tagKey: backup.tagKey,
        notifier: props.alertNotifier,
        undeliveredAlarmTopic: alertTopics.security,
      });
    }

    if (backup.auditFramework.enabled) {
      const lock = vaultLockOf(config);
      new BackupAudit(this, 'Audit', {
        // The log archive of the security stack, by its name (it admits the reports itself, and
        // this stack deploys after it); the config requires the archive with the audit framework.
        reportBucket: s3.Bucket.fromBucketName(this, 'LogArchiveBucket', logArchiveBucketName(archiveAccount(config, account))),
        // The daily plan carries the strictest frequency; the weekly and monthly plans would
        // fail a daily-frequency control by design.
        checkedBackupPlan: plans.plans.daily,
        lastRecoveryPointScopeTag: { key: backup.tagKey, value: 'daily' },
        manualDeletionAllowedRoles: [breakGlass.role],
        requiredRetentionDays: backup.tiers.daily.retentionDays,
        recoveryPointMinRetentionDays: Math.min(
          backup.tiers.daily.retentionDays,
          backup.tiers.weekly.retentionDays,
          backup.tiers.monthly.retentionDays,
        ),
        vaultLock: lock ? { minRetentionDays: lock.minRetentionDays, maxRetentionDays: lock.maxRetentionDays } : undefined,
        crossRegionCopy: copyRegion ? { regions: [copyRegion] } : undefined,
      });
    }
  }
}

/** Properties of {@link BackupCopyStack}. */
export interface BackupCopyStackProps extends StackProps {
  /** The validated client configuration. */
  readonly config: ClientConfig;
}

/**
 * The copy vault of an account in the copy region: its own key and its own lock, so a problem
 * with the home region's vault or key cannot reach the copies.
 */
export class BackupCopyStack extends Stack {
  constructor(scope: Construct, id: string, props: BackupCopyStackProps) {
    super(scope, id, props);
    const { config } = props;
    new LockedBackupVault(this, 'Vault', {
      backupVaultName: copyVaultName(config),
      breakGlassRoleArn: breakGlassRoleArn(),
      lock: vaultLockOf(config),
      confirmComplianceModeIsIrreversible: config.backup.vaultLock.confirmComplianceModeIsIrreversible,
    });
  }
}
