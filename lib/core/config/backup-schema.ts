import * as z from 'zod/mini';
import { principalArns, toggle, section, strictObject, tagKey, uniqueItems } from './primitives';
import { region } from './region-field';
import { type ClientFileView, type ReportIssue } from './cross-field';
import { restoreConditionTagKeyProblem } from '../rules/tags';

/**
 * The `backup` section of a client file: AWS Backup with a locked vault, plans that resources
 * join by tag, optional copies to a second region, restore tests and audit evidence.
 */

/** Resource types the monthly restore test can restore without extra network settings. */
export const RESTORE_TEST_RESOURCE_TYPES = [
  'EBS',
  'S3',
  'DynamoDB',
  'RDS',
  'Aurora',
  'EFS',
  'EC2',
  'FSx',
  'DocumentDB',
  'Neptune',
] as const;

const days = (min: number, max: number) =>
  z
    .number({ error: `must be a whole number of days from ${min} to ${max}` })
    .check(
      z.int({ error: `must be a whole number of days from ${min} to ${max}` }),
      z.minimum(min, { error: `must be at least ${min} days` }),
      z.maximum(max, { error: `must be at most ${max} days` }),
    );

/** The schema of the `backup` section. */
export const backupSchema = section(true, 'the backup and recovery baseline (AWS Backup)', {
  tagKey: z
    ._default(tagKey, 'backup')
    .check(
      z.describe(
        'Tag that puts a resource into a backup tier: `daily`, `weekly`, `monthly` or `none` (explicitly not backed up). Default: backup.',
      ),
    ),
  startHour: z
    ._default(
      z
        .number({ error: 'must be an hour from 0 to 23' })
        .check(
          z.int({ error: 'must be a whole hour from 0 to 23' }),
          z.minimum(0, { error: 'must be an hour from 0 to 23' }),
          z.maximum(23, { error: 'must be an hour from 0 to 23' }),
        ),
      1,
    )
    .check(z.describe('Hour (in client.timeZone) when backup windows open. Default: 1 (01:00 local time).')),
  tiers: z
    .prefault(
      strictObject({
        daily: z
          .prefault(
            strictObject({
              retentionDays: z._default(days(1, 36500), 35).check(z.describe('Days daily recovery points are kept. Default: 35.')),
            }),
            {},
          )
          .check(z.describe('`backup=daily`: every night.')),
        weekly: z
          .prefault(
            strictObject({
              retentionDays: z
                ._default(days(1, 36500), 90)
                .check(z.describe('Days weekly recovery points are kept. Default: 90 (3 months).')),
              dayOfWeek: z
                ._default(
                  z.enum(['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'], { error: 'must be MON, TUE, WED, THU, FRI, SAT or SUN' }),
                  'SUN',
                )
                .check(z.describe('Day of the weekly backup. Default: SUN.')),
            }),
            {},
          )
          .check(z.describe('`backup=weekly`: once a week.')),
        monthly: z
          .prefault(
            strictObject({
              retentionDays: z._default(days(1, 36500), 365).check(z.describe('Days monthly recovery points are kept. Default: 365.')),
              coldStorageAfterDays: z
                ._default(days(1, 36500), 90)
                .check(
                  z.describe(
                    'Days after which monthly recovery points move to cold storage (cheaper; for supported resource types). Retention must be at least 90 days longer. Default: 90.',
                  ),
                ),
            }),
            {},
          )
          .check(z.describe('`backup=monthly`: on the 1st of every month.')),
      }),
      {},
    )
    .check(z.describe('What each tier keeps.')),
  continuousBackup: toggle(
    true,
    'Point-in-time restore (continuous backup) in the daily tier for the resource types that support it (RDS, Aurora, S3, SAP HANA); at most 35 days.',
  ),
  vaultLock: z
    .prefault(
      strictObject({
        mode: z
          ._default(z.enum(['GOVERNANCE', 'COMPLIANCE', 'OFF'], { error: 'must be GOVERNANCE, COMPLIANCE or OFF' }), 'GOVERNANCE')
          .check(
            z.describe(
              '`GOVERNANCE` (default): retention limits enforced, the lock can be removed by a privileged user. `COMPLIANCE`: after `changeableForDays` NOBODY (not you, not AWS, not the root user) can remove the lock, delete the vault or shorten retention until every recovery point expires: irreversible, needs `confirmComplianceModeIsIrreversible: true`. `OFF`: no lock.',
            ),
          ),
        minRetentionDays: z
          ._default(days(1, 36500), 7)
          .check(z.describe('Shortest retention a recovery point in the vault may have. Default: 7.')),
        maxRetentionDays: z
          ._default(days(1, 36500), 3650)
          .check(z.describe('Longest retention a recovery point in the vault may have. Default: 3650.')),
        changeableForDays: z
          ._default(days(3, 36500), 3)
          .check(z.describe('COMPLIANCE only: grace period in which the lock can still be removed. Default: 3 (the minimum).')),
        confirmComplianceModeIsIrreversible: toggle(
          false,
          'Must be true to use COMPLIANCE mode: confirms you understand it cannot be undone after the grace period.',
        ),
      }),
      {},
    )
    .check(
      z.describe(
        'AWS Backup Vault Lock (WORM for recovery points). Deleting recovery points is denied to everyone but the break-glass role in every mode.',
      ),
    ),
  breakGlassPrincipals: principalArns(
    'Named roles or users that alone may assume the break-glass role `LandingZone-BackupBreakGlass` (the only principal that can delete recovery points), with MFA; every use raises a security alarm. Default: any principal of the identity account (`security.iam.identitySource`, or this account) with MFA. The people roles can never assume it.',
  ),
  copy: z
    .prefault(
      strictObject({
        enabled: toggle(
          false,
          'Copy every recovery point to a vault in a second allowed region (its own key, its own lock). Doubles backup storage and adds cross-region transfer (about USD 0.02 per GB).',
        ),
        region: z.optional(region).check(z.describe('Region of the copy vault: one of allowedRegions, not the home region.')),
      }),
      {},
    )
    .check(z.describe('Cross-region copies.')),
  restoreTesting: z
    .prefault(
      strictObject({
        enabled: toggle(
          true,
          'A monthly AWS Backup restore test that restores the latest recovery points, checks them and deletes them again. Billed per restore and for the restored resources for the hour they exist: typically cents to a few USD per month.',
        ),
        resourceTypes: z
          ._default(
            z
              .array(z.enum(RESTORE_TEST_RESOURCE_TYPES, { error: `must be one of: ${RESTORE_TEST_RESOURCE_TYPES.join(', ')}` }), {
                error: 'must be a list of resource types',
              })
              .check(
                z.minLength(1, { error: 'must list at least one resource type (or switch restoreTesting off)' }),
                uniqueItems('resource type'),
              ),
            ['EBS', 'S3', 'DynamoDB'],
          )
          .check(z.describe('Resource types the test restores. Default: EBS, S3, DynamoDB (restorable without network settings).')),
      }),
      {},
    )
    .check(z.describe('Restore tests.')),
  auditFramework: z
    .prefault(
      strictObject({
        enabled: toggle(
          true,
          'An AWS Backup Audit Manager framework (plan frequency and retention, encrypted recovery points, vault lock, recent recovery point, manual deletion disabled) with daily reports into the log archive. Needs security.config and the log archive. About USD 1-2 per month for a small account.',
        ),
      }),
      {},
    )
    .check(z.describe('Backup evidence for audits.')),
});

/** The validated `backup` section. */
export type BackupConfig = z.output<typeof backupSchema>;

/** Cross-field rules of the backup section. */
export function checkBackupRules(config: ClientFileView & { readonly backup?: BackupConfig }, report: ReportIssue): void {
  const backup = config.backup;
  if (typeof backup !== 'object' || backup === null || backup.enabled === false) return;
  const issue = (path: (string | number)[], input: unknown, message: string) => report(['backup', ...path], input, message);
  const tiers = backup.tiers ?? {};
  const lock = backup.vaultLock;

  if (lock?.mode === 'COMPLIANCE' && lock.confirmComplianceModeIsIrreversible !== true) {
    issue(
      ['vaultLock', 'confirmComplianceModeIsIrreversible'],
      lock.confirmComplianceModeIsIrreversible,
      'must be true to use COMPLIANCE mode: after changeableForDays nobody, not even the root user or AWS, can remove the lock, delete the vault or shorten retention. Use GOVERNANCE unless an auditor requires COMPLIANCE',
    );
  }
  if (lock && lock.mode !== 'OFF' && typeof lock.minRetentionDays === 'number' && typeof lock.maxRetentionDays === 'number') {
    if (lock.minRetentionDays > lock.maxRetentionDays) {
      issue(
        ['vaultLock', 'minRetentionDays'],
        lock.minRetentionDays,
        `must not be greater than vaultLock.maxRetentionDays (${lock.maxRetentionDays})`,
      );
    } else {
      for (const tier of ['daily', 'weekly', 'monthly'] as const) {
        const retention = tiers[tier]?.retentionDays;
        if (typeof retention === 'number' && (retention < lock.minRetentionDays || retention > lock.maxRetentionDays)) {
          issue(
            ['tiers', tier, 'retentionDays'],
            retention,
            `must be within the vault lock's limits (${lock.minRetentionDays}-${lock.maxRetentionDays} days), or AWS Backup refuses to store the recovery points; change the retention or backup.vaultLock`,
          );
        }
      }
    }
  }
  const restoreTestKey =
    typeof backup.tagKey === 'string' && backup.restoreTesting?.enabled !== false
      ? restoreConditionTagKeyProblem(backup.tagKey)
      : undefined;
  if (restoreTestKey) {
    issue(['tagKey'], backup.tagKey, `${restoreTestKey}; choose such a key, or switch backup.restoreTesting off`);
  }
  const monthly = tiers.monthly;
  if (
    monthly &&
    typeof monthly.retentionDays === 'number' &&
    typeof monthly.coldStorageAfterDays === 'number' &&
    monthly.retentionDays - monthly.coldStorageAfterDays < 90
  ) {
    issue(
      ['tiers', 'monthly', 'retentionDays'],
      monthly.retentionDays,
      `must be at least 90 days longer than coldStorageAfterDays (${monthly.coldStorageAfterDays}): AWS Backup keeps recovery points in cold storage for 90 days at least`,
    );
  }
  const daily = tiers.daily;
  if (backup.continuousBackup === true && daily && typeof daily.retentionDays === 'number' && daily.retentionDays > 35) {
    issue(
      ['tiers', 'daily', 'retentionDays'],
      daily.retentionDays,
      'must be at most 35 days with continuousBackup (AWS keeps point-in-time recovery points 35 days at most); shorten it, or switch continuousBackup off',
    );
  }
  const copy = backup.copy;
  if (copy?.enabled === true) {
    const allowed = Array.isArray(config.allowedRegions) ? config.allowedRegions : [];
    const homes = Array.isArray(config.accounts) ? config.accounts.map((a) => a?.homeRegion) : [];
    if (copy.region === undefined) {
      issue(
        ['copy', 'region'],
        undefined,
        `is required when backup.copy is enabled: one of the allowed regions other than the home region (${allowed.filter((r) => !homes.includes(r)).join(', ') || 'add one to allowedRegions'})`,
      );
    } else if (!allowed.includes(copy.region)) {
      issue(
        ['copy', 'region'],
        copy.region,
        `must be one of allowedRegions (${allowed.join(', ')}): copies are data too, and must stay where the client's data may live`,
      );
    } else if (homes.includes(copy.region)) {
      issue(
        ['copy', 'region'],
        copy.region,
        'must differ from the home region of every account: a copy in the same region does not survive a regional outage',
      );
    }
  }
  if (backup.auditFramework?.enabled === true) {
    const security = config.security;
    const hasConfig = security?.enabled !== false && security?.config?.enabled !== false;
    if (!hasConfig) {
      issue(
        ['auditFramework', 'enabled'],
        true,
        'needs security.config (Audit Manager evaluates its controls with AWS Config) and the log archive (its reports go there). Switch security.config on, or auditFramework off',
      );
    }
  }
}
