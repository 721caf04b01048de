import { Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/**
 * How AWS Backup Vault Lock protects the vault.
 *
 * - `GOVERNANCE`: recovery points cannot be deleted before their retention ends, and new jobs
 *   must respect the retention bounds, but a principal allowed
 *   `backup:DeleteBackupVaultLockConfiguration` can remove or change the lock at any time.
 * - `COMPLIANCE`: the same, and after a grace period (`changeableForDays`, at least 3) the lock
 *   becomes immutable: nobody, not the account's root user and not AWS, can remove it, shorten
 *   retention or delete the vault while it holds recovery points.
 */
export type VaultLockMode = 'GOVERNANCE' | 'COMPLIANCE';

/** AWS Backup Vault Lock settings of a {@link LockedBackupVault}. */
export interface VaultLock {
  /** Governance (removable) or compliance (immutable after the grace period). */
  readonly mode: VaultLockMode;
  /**
   * Shortest retention, in days, that a backup or copy job into the vault may ask for (1 or
   * more); jobs with a shorter lifecycle fail.
   */
  readonly minRetentionDays: number;
  /**
   * Longest retention, in days, that a backup or copy job into the vault may ask for (at most
   * 36,500); jobs with a longer lifecycle, or none, fail.
   */
  readonly maxRetentionDays: number;
  /**
   * COMPLIANCE only, and required there: days (3 or more, AWS Backup's 72-hour cooling-off
   * period) during which the lock can still be changed or removed; after that it is immutable.
   * Must be left out for GOVERNANCE: in CloudFormation a lock with `ChangeableForDays` is a
   * compliance-mode lock.
   * @default - none (GOVERNANCE)
   */
  readonly changeableForDays?: number;
}

/** Properties of {@link LockedBackupVault}. */
export interface LockedBackupVaultProps {
  /**
   * Name of the vault (2-50 letters, digits, `-` and `_`), unique per account and region. Stacks
   * pass a deterministic name so that a stack in another region can address the vault by ARN
   * (copy jobs) without a cross-stack reference; see {@link backupVaultArn}.
   */
  readonly backupVaultName: string;

  /**
   * ARN of the break-glass role (`BackupBreakGlassRole`), the only principal the access policy
   * lets delete recovery points, change their lifecycle or change the access policy. An ARN
   * string on purpose: the copy vault in another region's stack names the role, which exists
   * once per account, by its deterministic name.
   */
  readonly breakGlassRoleArn: string;

  /**
   * Alias of the vault's key, without the `alias/` prefix.
   * @default `backup/<backupVaultName>`
   */
  readonly keyAlias?: string;

  /**
   * AWS Backup Vault Lock.
   * @default - no Vault Lock (the access policy still protects the recovery points)
   */
  readonly lock?: VaultLock;

  /**
   * Must be `true` when `lock.mode` is `COMPLIANCE`: after the grace period nobody, not even the
   * account's root user or AWS, can delete the vault while it holds recovery points, remove the
   * lock or shorten retention; stored recovery points are paid for until they expire.
   * @default false
   */
  readonly confirmComplianceModeIsIrreversible?: boolean;
}

/**
 * The ARN of a backup vault from its parts, e.g. for a copy action that targets the vault of the
 * same name in another region: `arn:aws:backup:eu-central-1:123456789012:backup-vault:Name`.
 * Pass `Aws.PARTITION`/`Aws.ACCOUNT_ID` tokens or literal values.
 */
export function backupVaultArn(partition: string, region: string, account: string, backupVaultName: string): string {
  return `arn:${partition}:backup:${region}:${account}:backup-vault:${backupVaultName}`;
}

/** The AWS Backup API actions of {@link LockedBackupVault}'s protection statement. */
export const PROTECTED_VAULT_ACTIONS: readonly string[] = [
  'backup:DeleteRecoveryPoint',
  'backup:UpdateRecoveryPointLifecycle',
  'backup:PutBackupVaultAccessPolicy',
  'backup:DeleteBackupVaultAccessPolicy',
];

const VAULT_NAME = /^[a-zA-Z0-9\-_]{2,50}$/;
const KEY_ALIAS = /^[a-zA-Z0-9/_-]{1,250}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;
const MAX_RETENTION_DAYS = 36500;
const MIN_CHANGEABLE_FOR_DAYS = 3;

/**
 * An AWS Backup vault that protects its recovery points against deletion, by mistake or by an
 * attacker holding administrator credentials (ransomware):
 *
 * - Encrypted with its own customer-managed KMS key (rotated yearly, retained, 30-day deletion
 *   window), so that the backups do not depend on a key that other data shares.
 * - An access policy that denies, to every principal except the break-glass role, deleting
 *   recovery points, changing their lifecycle and changing or deleting the access policy itself
 *   (so that the protection cannot simply be removed first), and denies deleting the vault to
 *   everyone. These are the statements AWS Config's `backup-recovery-point-manual-deletion-disabled`
 *   rule looks for.
 * - Optionally AWS Backup Vault Lock, in governance or compliance mode.
 * - The vault and its key are retained when the stack is deleted.
 *
 * Because only the break-glass role may change the access policy, a later deployment that
 * changes it fails with AccessDenied. The change then needs the break-glass role (an alarmed
 * incident): delete the access policy with it (`aws backup delete-backup-vault-access-policy`)
 * and deploy again; CloudFormation writes the new policy to a vault that has none.
 */
export class LockedBackupVault extends Construct {
  /** The vault. */
  readonly vault: backup.IBackupVault;
  /** The vault's own key. */
  readonly key: kms.IKey;
  /** The vault's ARN. */
  readonly vaultArn: string;

  constructor(scope: Construct, id: string, props: LockedBackupVaultProps) {
    super(scope, id);
    const keyAlias = props.keyAlias ?? `backup/${props.backupVaultName}`;
    this.validate(props, keyAlias);
    const stack = Stack.of(this);

    const key = new kms.Key(this, 'Key', {
      description: `AWS Backup vault ${props.backupVaultName}: encrypts its recovery points`,
      alias: keyAlias,
      enableKeyRotation: true,
      pendingWindow: Duration.days(30),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // AWS Backup uses the vault key with the credentials of whoever creates the vault and of the
    // role that runs each backup or copy job: it creates grants through backup.<region>
    // (https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html, "AWS Backup
    // permissions, grants, and deny statements": kms:CreateGrant, kms:GenerateDataKey,
    // kms:Decrypt). CDK's default statement (the account, i.e. IAM policies, administers and may
    // use the key) stays. These two statements add what the AWS managed key aws/backup allows:
    // any principal of this account, but only through AWS Backup, so a backup role needs no KMS
    // permissions of its own for the vault's own encryption.
    const throughAwsBackup = {
      StringEquals: { 'kms:CallerAccount': stack.account },
      // Any region: copy jobs from another region encrypt with this (destination) vault's key.
      StringLike: { 'kms:ViaService': 'backup.*.amazonaws.com' },
    };
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowUseThroughAwsBackup',
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:Decrypt', 'kms:DescribeKey', 'kms:GenerateDataKey', 'kms:RetireGrant'],
        resources: ['*'],
        conditions: throughAwsBackup,
      }),
    );
    key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowGrantsThroughAwsBackup',
        principals: [new iam.AnyPrincipal()],
        actions: ['kms:CreateGrant'],
        resources: ['*'],
        conditions: { ...throughAwsBackup, Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      }),
    );
    this.key = key;

    const vault = new backup.BackupVault(this, 'Resource', {
      backupVaultName: props.backupVaultName,
      encryptionKey: key,
      accessPolicy: accessPolicy(props.breakGlassRoleArn),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (props.lock) {
      // Set on the L1: the L2's lockConfiguration rejects minRetention = maxRetention, which
      // AWS Backup accepts (a job's retention must be >= min and <= max).
      (vault.node.defaultChild as backup.CfnBackupVault).lockConfiguration = {
        minRetentionDays: props.lock.minRetentionDays,
        maxRetentionDays: props.lock.maxRetentionDays,
        changeableForDays: props.lock.mode === 'COMPLIANCE' ? props.lock.changeableForDays : undefined,
      };
    }
    this.vault = vault;
    this.vaultArn = vault.backupVaultArn;
  }

  private validate(props: LockedBackupVaultProps, keyAlias: string): void {
    const where = `LockedBackupVault ${this.node.path}`;
    if (!Token.isUnresolved(props.backupVaultName) && !VAULT_NAME.test(props.backupVaultName)) {
      throw new Error(`${where}: backupVaultName must be 2-50 letters, digits, '-' or '_' (received "${props.backupVaultName}")`);
    }
    if (!Token.isUnresolved(props.breakGlassRoleArn) && !ROLE_ARN.test(props.breakGlassRoleArn)) {
      throw new Error(
        `${where}: breakGlassRoleArn must be an IAM role ARN such as "arn:aws:iam::123456789012:role/LandingZone-BackupBreakGlass" (received "${props.breakGlassRoleArn}")`,
      );
    }
    if (!Token.isUnresolved(keyAlias) && (!KEY_ALIAS.test(keyAlias) || keyAlias.startsWith('alias/') || keyAlias.startsWith('aws/'))) {
      throw new Error(
        `${where}: keyAlias must be 1-250 letters, digits, '/', '_' or '-', without the "alias/" prefix and not starting with "aws/" (reserved for AWS managed keys) (received "${keyAlias}")`,
      );
    }
    const lock = props.lock;
    if (!lock) return;
    const { minRetentionDays: min, maxRetentionDays: max, changeableForDays: changeable } = lock;
    if (lock.mode !== 'GOVERNANCE' && lock.mode !== 'COMPLIANCE') {
      throw new Error(`${where}: lock.mode must be GOVERNANCE or COMPLIANCE (received ${JSON.stringify(lock.mode)})`);
    }
    if (!isWholeDays(min) || min < 1) {
      throw new Error(`${where}: lock.minRetentionDays must be a whole number of days, 1 or more (received ${min})`);
    }
    if (!isWholeDays(max) || max > MAX_RETENTION_DAYS) {
      throw new Error(`${where}: lock.maxRetentionDays must be a whole number of days, at most ${MAX_RETENTION_DAYS} (received ${max})`);
    }
    if (min > max) {
      throw new Error(`${where}: lock.minRetentionDays (${min}) must not exceed lock.maxRetentionDays (${max})`);
    }
    if (lock.mode === 'GOVERNANCE' && changeable !== undefined) {
      throw new Error(
        `${where}: lock.changeableForDays must be left out for GOVERNANCE mode: a lock with a changeable period becomes immutable, i.e. COMPLIANCE mode (received ${changeable})`,
      );
    }
    if (lock.mode === 'COMPLIANCE') {
      if (changeable === undefined || !isWholeDays(changeable) || changeable < MIN_CHANGEABLE_FOR_DAYS) {
        throw new Error(
          `${where}: lock.changeableForDays must be a whole number of days, ${MIN_CHANGEABLE_FOR_DAYS} or more (AWS Backup's 72-hour cooling-off period), for COMPLIANCE mode (received ${changeable})`,
        );
      }
      if (props.confirmComplianceModeIsIrreversible !== true) {
        throw new Error(
          `${where}: lock.mode COMPLIANCE is irreversible: ${changeable} days after deployment nobody, not even the account's root user or AWS, can delete the vault while it holds recovery points, remove the lock or shorten retention, and every recovery point is paid for until it expires. Set confirmComplianceModeIsIrreversible: true to confirm, or use GOVERNANCE mode (received confirmComplianceModeIsIrreversible ${props.confirmComplianceModeIsIrreversible})`,
        );
      }
    }
  }
}

function isWholeDays(days: number): boolean {
  return typeof days === 'number' && Number.isInteger(days);
}

/**
 * The vault access policy. The exception for the break-glass role is a condition on
 * `aws:PrincipalArn`, not `NotPrincipal`: a role's requests are made by its sessions, whose ARN
 * (`arn:aws:sts::<account>:assumed-role/<name>/<session>`) changes with every session name, so a
 * `NotPrincipal` naming the role ARN would not exempt them, and AWS advises against
 * `NotPrincipal` with `Deny`. `aws:PrincipalArn` is the role's ARN for every session of it.
 * Requests without the key (anonymous, or an AWS service acting as itself) do not match
 * `ArnNotEquals`' exception and stay denied. AWS Backup's own lifecycle expiry is not an API call
 * by a principal and is not affected.
 */
function accessPolicy(breakGlassRoleArn: string): iam.PolicyDocument {
  return new iam.PolicyDocument({
    statements: [
      new iam.PolicyStatement({
        sid: 'DenyRecoveryPointDeletionExceptBreakGlass',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: [...PROTECTED_VAULT_ACTIONS],
        // A wildcard, as AWS Config's backup-recovery-point-manual-deletion-disabled rule
        // requires; the policy only ever applies to this vault and its recovery points.
        resources: ['*'],
        conditions: { ArnNotEquals: { 'aws:PrincipalArn': breakGlassRoleArn } },
      }),
      new iam.PolicyStatement({
        // Nobody, not even the break-glass role: a vault is only deleted after its protection
        // has been removed on purpose (and AWS Backup refuses to delete a vault that is not empty).
        sid: 'DenyVaultDeletion',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['backup:DeleteBackupVault'],
        resources: ['*'],
      }),
    ],
  });
}
