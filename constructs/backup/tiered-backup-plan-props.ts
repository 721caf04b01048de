import { Stack, Token } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import { Construct } from 'constructs';
import { tagKeyProblem, tagValueProblem } from '../../lib/core/rules/tags';
import { timeZoneProblem } from '../../lib/core/rules/time-zones';

/**
 * What a {@link TieredBackupPlan} takes: the tiers, their defaults and schedules, and the checks
 * that reject a property out of range (naming the construct, the property, the value and what is
 * allowed) before anything is built.
 */

/** A backup tier: the value of the backup tag that puts a resource into one of the plans. */
export type BackupTier = 'daily' | 'weekly' | 'monthly';

/** Every tier, in the order of their schedules' frequency. */
export const BACKUP_TIERS: readonly BackupTier[] = ['daily', 'weekly', 'monthly'];

/**
 * The tag value that documents a deliberate decision not to back a resource up. No plan selects
 * it; it exists so that an untagged resource can be told apart from one somebody chose to leave out.
 */
export const NO_BACKUP_TAG_VALUE = 'none';

/** Day of the week of the weekly backup, as AWS cron expressions spell it. */
export type DayOfWeek = 'MON' | 'TUE' | 'WED' | 'THU' | 'FRI' | 'SAT' | 'SUN';

export const DAYS_OF_WEEK: readonly string[] = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];

/** AWS Backup keeps continuous backups (point-in-time restore) for at most 35 days. */
export const MAX_CONTINUOUS_BACKUP_RETENTION_DAYS = 35;

/** A recovery point that moves to cold storage must stay there at least 90 days (AWS Backup lifecycle rule). */
export const MIN_COLD_STORAGE_DAYS = 90;

/** Longest retention AWS Backup accepts (100 years). */
export const MAX_RETENTION_DAYS = 36500;

/** AWS Backup rejects start windows shorter than one hour. */
export const MIN_START_WINDOW_MINUTES = 60;

export const BACKUP_VAULT_ARN = /^arn:aws[a-z-]*:backup:([a-z]{2}(?:-[a-z]+)+-\d+):(\d{12}):backup-vault:([A-Za-z0-9_-]{2,50})$/;

/** The `daily` tier. */
export interface DailyTier {
  /**
   * Days each daily recovery point is kept. With {@link TieredBackupPlanProps.continuousBackup}
   * this is also the point-in-time restore window, which AWS limits to 35 days.
   * @default 35
   */
  readonly retentionDays?: number;
}

/** The `weekly` tier. */
export interface WeeklyTier {
  /**
   * Days each weekly recovery point is kept.
   * @default 90
   */
  readonly retentionDays?: number;

  /**
   * Day of the weekly backup (in {@link TieredBackupPlanProps.timeZone}).
   * @default 'SUN'
   */
  readonly dayOfWeek?: DayOfWeek;
}

/** The `monthly` tier. */
export interface MonthlyTier {
  /**
   * Days each monthly recovery point is kept. Must be at least 90 days longer than
   * `coldStorageAfterDays`, because AWS Backup keeps cold recovery points at least 90 days.
   * @default 365
   */
  readonly retentionDays?: number;

  /**
   * Days after which a monthly recovery point moves to cold storage, for the resource types whose
   * backups support it (EFS, DynamoDB with advanced backup features, Timestream, SAP HANA on EC2,
   * VMware); other types stay in warm storage until they expire.
   * @default 90
   */
  readonly coldStorageAfterDays?: number;
}

/** What each tier keeps. */
export interface BackupTiers {
  /**
   * `<tagKey>=daily`: every day at `startHour`.
   * @default - 35 days retention
   */
  readonly daily?: DailyTier;

  /**
   * `<tagKey>=weekly`: once a week at `startHour`.
   * @default - 90 days retention, on Sunday
   */
  readonly weekly?: WeeklyTier;

  /**
   * `<tagKey>=monthly`: on the 1st of each month at `startHour`.
   * @default - 365 days retention, cold storage after 90 days
   */
  readonly monthly?: MonthlyTier;
}

/** Where every recovery point is copied to. */
export interface BackupCopyTarget {
  /**
   * ARN of a backup vault in another region, e.g.
   * `arn:aws:backup:eu-central-1:123456789012:backup-vault:acme-copies`. The vault's key and
   * access policy must let this account copy into it.
   */
  readonly vaultArn: string;
}

/** Properties of {@link TieredBackupPlan}. */
export interface TieredBackupPlanProps {
  /** The vault every tier writes its recovery points to. */
  readonly vault: backup.IBackupVault;

  /**
   * IANA time zone the schedules run in, e.g. `Europe/Berlin`: backups start at `startHour` the
   * client's local time, summer and winter.
   */
  readonly timeZone: string;

  /**
   * Tag whose value puts a resource into a tier: `daily`, `weekly`, `monthly` or `none` (explicitly
   * not backed up). Values are case-sensitive; any other value, and no tag, means no backup.
   * @default 'backup'
   */
  readonly tagKey?: string;

  /**
   * What each tier keeps.
   * @default - daily 35 days, weekly (Sunday) 90 days, monthly 365 days with cold storage after 90
   */
  readonly tiers?: BackupTiers;

  /**
   * Hour (0-23, in `timeZone`) when backup windows open. Avoid the hour the clocks change in
   * `timeZone` (02 in most of Europe), which is skipped or repeated twice a year.
   * @default 1
   */
  readonly startHour?: number;

  /**
   * Minutes after `startHour` within which a backup must start, or it is cancelled (state
   * EXPIRED). At least 60 (AWS minimum).
   * @default 60
   */
  readonly startWindowMinutes?: number;

  /**
   * Hours after the scheduled start within which a backup must complete, or AWS Backup cancels
   * it. Counts from the scheduled start, so it must exceed the start window by at least an hour.
   * The default keeps backup load out of office hours; raise it for resources whose first (full)
   * backup takes longer.
   * @default 8
   */
  readonly completionWindowHours?: number;

  /**
   * The daily tier also keeps continuous backups (point-in-time restore to any second) for the
   * resource types that support them: Amazon RDS, Aurora, Amazon S3 and SAP HANA on EC2; the other
   * types get their daily snapshot. Limits daily retention to 35 days.
   * @default true
   */
  readonly continuousBackup?: boolean;

  /**
   * Copy every recovery point of every tier to a vault in another region, with the same retention
   * (and, for the monthly tier, the same move to cold storage). Continuous backups are copied as
   * snapshots. DynamoDB tables are only copied with AWS Backup's advanced DynamoDB backup features
   * turned on (an account setting).
   * @default - no copies
   */
  readonly copyTo?: BackupCopyTarget;

  /**
   * Tags put on every recovery point, e.g. for cost allocation.
   * @default - none
   */
  readonly recoveryPointTags?: Readonly<Record<string, string>>;
}

/** Defaults of {@link TieredBackupPlanProps}, resolved. */
export interface ResolvedTiers {
  readonly daily: { readonly retentionDays: number };
  readonly weekly: { readonly retentionDays: number; readonly dayOfWeek: DayOfWeek };
  readonly monthly: { readonly retentionDays: number; readonly coldStorageAfterDays: number };
}

export function resolveTiers(tiers: BackupTiers = {}): ResolvedTiers {
  return {
    daily: { retentionDays: tiers.daily?.retentionDays ?? 35 },
    weekly: { retentionDays: tiers.weekly?.retentionDays ?? 90, dayOfWeek: tiers.weekly?.dayOfWeek ?? 'SUN' },
    monthly: { retentionDays: tiers.monthly?.retentionDays ?? 365, coldStorageAfterDays: tiers.monthly?.coldStorageAfterDays ?? 90 },
  };
}

export function validateTieredBackupPlan(
  scope: Construct,
  props: Omit<TieredBackupPlanProps, 'tiers'> & {
    readonly tagKey: string;
    readonly tiers: ResolvedTiers;
    readonly startHour: number;
    readonly startWindowMinutes: number;
    readonly completionWindowHours: number;
    readonly continuousBackup: boolean;
    readonly recoveryPointTags: Readonly<Record<string, string>>;
  },
): void {
  const invalid = (message: string) => new Error(`TieredBackupPlan ${scope.node.path}: ${message}`);
  const resolved = (value: unknown) => !Token.isUnresolved(value);

  const timeZone = resolved(props.timeZone) ? timeZoneProblem(props.timeZone) : undefined;
  if (timeZone) throw invalid(`timeZone ${timeZone} (received ${JSON.stringify(props.timeZone)})`);
  const tagKey = resolved(props.tagKey) ? tagKeyProblem(props.tagKey) : undefined;
  if (tagKey) throw invalid(`tagKey ${tagKey} (received ${JSON.stringify(props.tagKey)})`);
  for (const tier of BACKUP_TIERS) {
    const days = props.tiers[tier].retentionDays;
    if (resolved(days) && !(Number.isInteger(days) && days >= 1 && days <= MAX_RETENTION_DAYS)) {
      throw invalid(`tiers.${tier}.retentionDays must be a whole number of days from 1 to ${MAX_RETENTION_DAYS} (received ${days})`);
    }
  }
  const { retentionDays: monthlyDays, coldStorageAfterDays } = props.tiers.monthly;
  if (resolved(coldStorageAfterDays) && !(Number.isInteger(coldStorageAfterDays) && coldStorageAfterDays >= 1)) {
    throw invalid(`tiers.monthly.coldStorageAfterDays must be a whole number of days of at least 1 (received ${coldStorageAfterDays})`);
  }
  if (resolved(monthlyDays) && resolved(coldStorageAfterDays) && monthlyDays - coldStorageAfterDays < MIN_COLD_STORAGE_DAYS) {
    throw invalid(
      `tiers.monthly.retentionDays must be at least ${MIN_COLD_STORAGE_DAYS} days longer than tiers.monthly.coldStorageAfterDays, because AWS Backup keeps recovery points in cold storage for at least ${MIN_COLD_STORAGE_DAYS} days (received retentionDays ${monthlyDays} and coldStorageAfterDays ${coldStorageAfterDays}); raise retentionDays to ${coldStorageAfterDays + MIN_COLD_STORAGE_DAYS} or lower coldStorageAfterDays`,
    );
  }
  const dailyDays = props.tiers.daily.retentionDays;
  if (props.continuousBackup && resolved(dailyDays) && dailyDays > MAX_CONTINUOUS_BACKUP_RETENTION_DAYS) {
    throw invalid(
      `tiers.daily.retentionDays must be at most ${MAX_CONTINUOUS_BACKUP_RETENTION_DAYS} with continuousBackup, the longest AWS keeps continuous backups (received ${dailyDays}); lower it or set continuousBackup to false`,
    );
  }
  const dayOfWeek = props.tiers.weekly.dayOfWeek;
  if (!DAYS_OF_WEEK.includes(dayOfWeek)) {
    throw invalid(`tiers.weekly.dayOfWeek must be one of ${DAYS_OF_WEEK.join(', ')} (received ${JSON.stringify(dayOfWeek)})`);
  }
  if (resolved(props.startHour) && !(Number.isInteger(props.startHour) && props.startHour >= 0 && props.startHour <= 23)) {
    throw invalid(`startHour must be a whole hour from 0 to 23 (received ${props.startHour})`);
  }
  if (
    resolved(props.startWindowMinutes) &&
    !(Number.isInteger(props.startWindowMinutes) && props.startWindowMinutes >= MIN_START_WINDOW_MINUTES)
  ) {
    throw invalid(
      `startWindowMinutes must be a whole number of at least ${MIN_START_WINDOW_MINUTES} minutes, the AWS minimum (received ${props.startWindowMinutes})`,
    );
  }
  if (resolved(props.completionWindowHours) && resolved(props.startWindowMinutes)) {
    const completionMinutes = props.completionWindowHours * 60;
    if (!(Number.isInteger(completionMinutes) && completionMinutes >= props.startWindowMinutes + 60)) {
      throw invalid(
        `completionWindowHours must be whole minutes and at least one hour longer than the start window, because it counts from the scheduled start (received ${props.completionWindowHours} hours with startWindowMinutes ${props.startWindowMinutes}); use at least ${Math.ceil((props.startWindowMinutes + 60) / 60)}`,
      );
    }
  }
  if (props.copyTo && resolved(props.copyTo.vaultArn)) {
    const match = BACKUP_VAULT_ARN.exec(props.copyTo.vaultArn);
    if (!match) {
      throw invalid(
        `copyTo.vaultArn must be a backup vault ARN such as arn:aws:backup:eu-central-1:123456789012:backup-vault:acme-copies (received ${JSON.stringify(props.copyTo.vaultArn)})`,
      );
    }
    const region = Stack.of(scope).region;
    if (resolved(region) && match[1] === region) {
      throw invalid(
        `copyTo.vaultArn must be a vault in another region than this stack's (${region}): a copy in the same region does not survive a regional outage (received ${props.copyTo.vaultArn})`,
      );
    }
  }
  for (const [key, value] of Object.entries(props.recoveryPointTags)) {
    if (tagKeyProblem(key)) {
      throw invalid(
        `recoveryPointTags has an invalid key ${JSON.stringify(key)}: 1-128 letters, digits, spaces and _ . : / = + - @, not starting with "aws:"`,
      );
    }
    if (resolved(value) && tagValueProblem(value)) {
      throw invalid(
        `recoveryPointTags.${key} must be at most 256 letters, digits, spaces and _ . : / = + - @ (received ${JSON.stringify(value)})`,
      );
    }
  }
}
