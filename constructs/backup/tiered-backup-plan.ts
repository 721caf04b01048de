import { Duration, Names, TimeZone } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledge } from '../shared/compliance';
import {
  BACKUP_TIERS,
  type BackupTier,
  resolveTiers,
  type TieredBackupPlanProps,
  validateTieredBackupPlan,
} from './tiered-backup-plan-props';

export {
  BACKUP_TIERS,
  type BackupCopyTarget,
  type BackupTier,
  type BackupTiers,
  type DailyTier,
  type DayOfWeek,
  MAX_CONTINUOUS_BACKUP_RETENTION_DAYS,
  MIN_COLD_STORAGE_DAYS,
  type MonthlyTier,
  NO_BACKUP_TAG_VALUE,
  type TieredBackupPlanProps,
  type WeeklyTier,
} from './tiered-backup-plan-props';

/**
 * The cron expression of each tier's schedule, in AWS Backup's six-field syntax (minutes, hours,
 * day of month, month, day of week, year), to be read in the plan's time zone: daily at
 * `startHour`, weekly on `tiers.weekly.dayOfWeek`, monthly on the 1st.
 *
 * Pure: it validates nothing, so that it can describe values the construct would reject.
 */
export function tierSchedules(props: Pick<TieredBackupPlanProps, 'startHour' | 'tiers'> = {}): Record<BackupTier, string> {
  const hour = String(props.startHour ?? 1);
  const dayOfWeek = resolveTiers(props.tiers).weekly.dayOfWeek;
  return {
    daily: events.Schedule.cron({ minute: '0', hour }).expressionString,
    weekly: events.Schedule.cron({ minute: '0', hour, weekDay: dayOfWeek }).expressionString,
    monthly: events.Schedule.cron({ minute: '0', hour, day: '1' }).expressionString,
  };
}

const AWS_MANAGED_POLICIES: ReadonlyArray<{ readonly name: string; readonly reason: string }> = [
  {
    name: 'service-role/AWSBackupServiceRolePolicyForBackup',
    reason:
      'The policy AWS Backup itself defines for taking backups of every supported resource type; AWS maintains it as services are added, and the role can only be assumed by backup.amazonaws.com.',
  },
  {
    name: 'service-role/AWSBackupServiceRolePolicyForRestores',
    reason:
      'The policy AWS Backup itself defines for restoring recovery points of every supported resource type; AWS maintains it as services are added, and the role can only be assumed by backup.amazonaws.com.',
  },
  {
    name: 'AWSBackupServiceRolePolicyForS3Backup',
    reason:
      'The policy AWS Backup itself defines for backing up S3 buckets (not part of the general backup policy); AWS maintains it, and the role can only be assumed by backup.amazonaws.com.',
  },
  {
    name: 'AWSBackupServiceRolePolicyForS3Restore',
    reason:
      'The policy AWS Backup itself defines for restoring S3 backups (not part of the general restore policy); AWS maintains it, and the role can only be assumed by backup.amazonaws.com.',
  },
];

/**
 * AWS Backup plans that resources join with a tag: `backup=daily`, `backup=weekly` or
 * `backup=monthly` (the tag key is configurable). `backup=none` documents that a resource is
 * deliberately not backed up; untagged resources are not backed up either.
 *
 * One backup plan per tier, each with one rule and one selection: AWS Backup applies every rule of
 * a plan to every resource its selections pick, so tiers that share a plan would all get every
 * schedule. Schedules run in the client's time zone; the daily tier can add continuous backups
 * (point-in-time restore); the monthly tier moves recovery points to cold storage; every tier can
 * copy its recovery points to a vault in another region.
 *
 * Selections pick every opted-in resource type (`Resources: ["*"]`) with the tier's tag
 * (`Conditions.StringEquals` on `aws:ResourceTag/<tagKey>`), as AWS recommends over the older
 * `ListOfTags`. S3 buckets must have versioning enabled to be backed up.
 *
 * AWS Backup works with one role, {@link role}, that only `backup.amazonaws.com` can assume, with
 * AWS's managed backup and restore policies (including the S3 ones).
 */
export class TieredBackupPlan extends Construct {
  /** The plan of each tier. */
  readonly plans: Readonly<Record<BackupTier, backup.BackupPlan>>;
  /** The tag-based selection of each tier. */
  readonly selections: Readonly<Record<BackupTier, backup.BackupSelection>>;
  /** The role AWS Backup backs up and restores with. */
  readonly role: iam.IRole;
  /** The tag key whose value picks the tier. */
  readonly tagKey: string;
  /** The cron expression of each tier, read in {@link timeZone}. */
  readonly schedules: Readonly<Record<BackupTier, string>>;
  /** The IANA time zone of the schedules. */
  readonly timeZone: string;

  constructor(scope: Construct, id: string, props: TieredBackupPlanProps) {
    super(scope, id);
    const tagKey = props.tagKey ?? 'backup';
    const tiers = resolveTiers(props.tiers);
    const startHour = props.startHour ?? 1;
    const startWindowMinutes = props.startWindowMinutes ?? 60;
    const completionWindowHours = props.completionWindowHours ?? 8;
    const continuousBackup = props.continuousBackup ?? true;
    const recoveryPointTags = props.recoveryPointTags ?? {};
    validateTieredBackupPlan(this, {
      ...props,
      tagKey,
      tiers,
      startHour,
      startWindowMinutes,
      completionWindowHours,
      continuousBackup,
      recoveryPointTags,
    });

    this.tagKey = tagKey;
    this.timeZone = props.timeZone;
    this.schedules = tierSchedules({ startHour, tiers });

    // No aws:SourceAccount condition: AWS Backup only assumes the role a selection of this account
    // names, and naming it needs iam:PassRole here.
    const role = new iam.Role(this, 'Role', {
      description: `AWS Backup: backs up and restores the resources tagged ${tagKey}=${BACKUP_TIERS.join('|')}`,
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
      managedPolicies: AWS_MANAGED_POLICIES.map((policy) => iam.ManagedPolicy.fromAwsManagedPolicyName(policy.name)),
    });
    for (const policy of AWS_MANAGED_POLICIES) {
      acknowledge(role, `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${policy.name}]`, policy.reason);
    }
    this.role = role;

    const copyVault = props.copyTo ? backup.BackupVault.fromBackupVaultArn(this, 'CopyVault', props.copyTo.vaultArn) : undefined;
    const lifecycles: Record<BackupTier, { deleteAfter: Duration; moveToColdStorageAfter?: Duration }> = {
      daily: { deleteAfter: Duration.days(tiers.daily.retentionDays) },
      weekly: { deleteAfter: Duration.days(tiers.weekly.retentionDays) },
      monthly: {
        deleteAfter: Duration.days(tiers.monthly.retentionDays),
        moveToColdStorageAfter: Duration.days(tiers.monthly.coldStorageAfterDays),
      },
    };

    const plans: Partial<Record<BackupTier, backup.BackupPlan>> = {};
    const selections: Partial<Record<BackupTier, backup.BackupSelection>> = {};
    for (const tier of BACKUP_TIERS) {
      const constructId = tier.charAt(0).toUpperCase() + tier.slice(1);
      const plan = new backup.BackupPlan(this, constructId, {
        backupPlanName: `${Names.uniqueResourceName(this, { maxLength: 40, separator: '-' })}-${tier}`,
        backupVault: props.vault,
      });
      plan.addRule(
        new backup.BackupPlanRule({
          ruleName: tier,
          scheduleExpression: events.Schedule.expression(this.schedules[tier]),
          scheduleExpressionTimezone: TimeZone.of(props.timeZone),
          startWindow: Duration.minutes(startWindowMinutes),
          completionWindow: Duration.minutes(completionWindowHours * 60),
          ...lifecycles[tier],
          enableContinuousBackup: tier === 'daily' && continuousBackup ? true : undefined,
          // The source's retention, stated rather than inherited so that the template shows it. Of a
          // continuous backup AWS copies a snapshot.
          copyActions: copyVault ? [{ destinationBackupVault: copyVault, ...lifecycles[tier] }] : undefined,
          recoveryPointTags: Object.keys(recoveryPointTags).length > 0 ? { ...recoveryPointTags } : undefined,
        }),
      );
      const selection = plan.addSelection('Selection', {
        backupSelectionName: `${tier}-tagged`,
        // Every opted-in resource type, narrowed by the tag condition below.
        resources: [backup.BackupResource.fromArn('*')],
        role,
        // The role already carries the policies; the default would attach them a second time.
        disableDefaultBackupPolicy: true,
      });
      // The L2 only writes ListOfTags; AWS recommends Conditions (and names ListOfTags legacy).
      (selection.node.defaultChild as backup.CfnBackupSelection).addPropertyOverride('BackupSelection.Conditions', {
        StringEquals: [{ ConditionKey: `aws:ResourceTag/${tagKey}`, ConditionValue: tier }],
      });
      plans[tier] = plan;
      selections[tier] = selection;
    }
    this.plans = plans as Record<BackupTier, backup.BackupPlan>;
    this.selections = selections as Record<BackupTier, backup.BackupSelection>;
  }
}
