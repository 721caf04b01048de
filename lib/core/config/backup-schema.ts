import { z } from 'zod';
import { section, strictObject, tagKey, uniqueItems } from './primitives';
import { region } from './region-field';

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

const toggle = (enabledByDefault: boolean, what: string) =>
  z.boolean({ error: 'must be true or false' }).default(enabledByDefault).describe(`${what} Default: ${enabledByDefault}.`);

const days = (min: number, max: number) =>
  z
    .number({ error: `must be a whole number of days from ${min} to ${max}` })
    .int({ error: `must be a whole number of days from ${min} to ${max}` })
    .min(min, { error: `must be at least ${min} days` })
    .max(max, { error: `must be at most ${max} days` });

/** The schema of the `backup` section. */
export const backupSchema = section(true, 'the backup and recovery baseline (AWS Backup)', {
  tagKey: tagKey
    .default('backup')
    .describe(
      'Tag that puts a resource into a backup tier: `daily`, `weekly`, `monthly` or `none` (explicitly not backed up). Default: backup.',
    ),
  startHour: z
    .number({ error: 'must be an hour from 0 to 23' })
    .int({ error: 'must be a whole hour from 0 to 23' })
    .min(0, { error: 'must be an hour from 0 to 23' })
    .max(23, { error: 'must be an hour from 0 to 23' })
    .default(1)
    .describe('Hour (in client.timeZone) when backup windows open. Default: 1 (01:00 local time).'),
  tiers: strictObject({
    daily: strictObject({
      retentionDays: days(1, 36500).default(35).describe('Days daily recovery points are kept. Default: 35.'),
    })
      .prefault({})
      .describe('`backup=daily`: every night.'),
    weekly: strictObject({
      retentionDays: days(1, 36500).default(90).describe('Days weekly recovery points are kept. Default: 90 (3 months).'),
      dayOfWeek: z
        .enum(['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'], { error: 'must be MON, TUE, WED, THU, FRI, SAT or SUN' })
        .default('SUN')
        .describe('Day of the weekly backup. Default: SUN.'),
    })
      .prefault({})
      .describe('`backup=weekly`: once a week.'),
    monthly: strictObject({
      retentionDays: days(1, 36500).default(365).describe('Days monthly recovery points are kept. Default: 365.'),
      coldStorageAfterDays: days(1, 36500)
        .default(90)
        .describe(
          'Days after which monthly recovery points move to cold storage (cheaper; for supported resource types). Retention must be at least 90 days longer. Default: 90.',
        ),
    })
      .prefault({})
      .describe('`backup=monthly`: on the 1st of every month.'),
  })
    .prefault({})
    .describe('What each tier keeps.'),
  continuousBackup: toggle(
    true,
    'Point-in-time restore (continuous backup) in the daily tier for the resource types that support it (RDS, Aurora, S3, SAP HANA); at most 35 days.',
  ),
  vaultLock: strictObject({
    mode: z
      .enum(['GOVERNANCE', 'COMPLIANCE', 'OFF'], { error: 'must be GOVERNANCE, COMPLIANCE or OFF' })
      .default('GOVERNANCE')
      .describe(
        '`GOVERNANCE` (default): retention limits enforced, the lock can be removed by a privileged user. `COMPLIANCE`: after `changeableForDays` NOBODY (not you, not AWS, not the root user) can remove the lock, delete the vault or shorten retention until every recovery point expires: irreversible, needs `confirmComplianceModeIsIrreversible: true`. `OFF`: no lock.',
      ),
    minRetentionDays: days(1, 36500).default(7).describe('Shortest retention a recovery point in the vault may have. Default: 7.'),
    maxRetentionDays: days(1, 36500).default(3650).describe('Longest retention a recovery point in the vault may have. Default: 3650.'),
    changeableForDays: days(3, 36500)
      .default(3)
      .describe('COMPLIANCE only: grace period in which the lock can still be removed. Default: 3 (the minimum).'),
    confirmComplianceModeIsIrreversible: toggle(
      false,
      'Must be true to use COMPLIANCE mode: confirms you understand it cannot be undone after the grace period.',
    ),
  })
    .prefault({})
    .describe(
      'AWS Backup Vault Lock (WORM for recovery points). Deleting recovery points is denied to everyone but the break-glass role in every mode.',
    ),
  copy: strictObject({
    enabled: toggle(
      false,
      'Copy every recovery point to a vault in a second allowed region (its own key, its own lock). Doubles backup storage and adds cross-region transfer (about USD 0.02 per GB).',
    ),
    region: region.optional().describe('Region of the copy vault: one of allowedRegions, not the home region.'),
  })
    .prefault({})
    .describe('Cross-region copies.'),
  restoreTesting: strictObject({
    enabled: toggle(
      true,
      'A monthly AWS Backup restore test that restores the latest recovery points, checks them and deletes them again. Billed per restore and for the restored resources for the hour they exist: typically cents to a few USD per month.',
    ),
    resourceTypes: z
      .array(z.enum(RESTORE_TEST_RESOURCE_TYPES, { error: `must be one of: ${RESTORE_TEST_RESOURCE_TYPES.join(', ')}` }), {
        error: 'must be a list of resource types',
      })
      .min(1, { error: 'must list at least one resource type (or switch restoreTesting off)' })
      .superRefine(...uniqueItems('resource type'))
      .default(['EBS', 'S3', 'DynamoDB'])
      .describe('Resource types the test restores. Default: EBS, S3, DynamoDB (restorable without network settings).'),
  })
    .prefault({})
    .describe('Restore tests.'),
  auditFramework: strictObject({
    enabled: toggle(
      true,
      'An AWS Backup Audit Manager framework (plan frequency and retention, encrypted recovery points, vault lock, recent recovery point, manual deletion disabled) with daily reports into the log archive. Needs security.config and the log archive. About USD 1-2 per month for a small account.',
    ),
  })
    .prefault({})
    .describe('Backup evidence for audits.'),
});

/** The validated `backup` section. */
export type BackupConfig = z.output<typeof backupSchema>;
