import { Fn, Stack, Token } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** Unit of a backup frequency or recovery point age in AWS Backup Audit Manager controls. */
export type BackupAuditTimeUnit = 'hours' | 'days';

/** The Vault Lock expected by {@link BackupAuditProps.vaultLock}. */
export interface BackupAuditVaultLock {
  /**
   * The vault lock's minimum retention, in days, that a compliant vault must have.
   * @default - any minimum
   */
  readonly minRetentionDays?: number;

  /**
   * The vault lock's maximum retention, in days, that a compliant vault must have.
   * @default - any maximum
   */
  readonly maxRetentionDays?: number;
}

/** The cross-Region copies expected by {@link BackupAuditProps.crossRegionCopy}. */
export interface BackupAuditCrossRegionCopy {
  /**
   * Regions where a copy must exist (at most the regions AWS Config's `crossRegionList` takes,
   * comma-separated).
   * @default - a copy in any other region
   */
  readonly regions?: string[];
}

/** A tag that limits a control to the resources carrying it. */
export interface BackupAuditScopeTag {
  /** Tag key. */
  readonly key: string;
  /** Tag value. */
  readonly value: string;
}

/** Properties of {@link BackupAudit}. */
export interface BackupAuditProps {
  /**
   * Where the reports go: the log archive bucket, in this account. The bucket policy and key
   * policy must let AWS Backup Audit Manager write there: call
   * `LogArchive.allowBackupReports(reportPrefix)` on the log archive.
   */
  readonly reportBucket: s3.IBucket;

  /**
   * Key prefix of the reports (no leading or trailing `/`). AWS Backup writes under
   * `<prefix>/Backup/...`.
   * @default 'backup-reports'
   */
  readonly reportPrefix?: string;

  /**
   * Unit of the backup frequency every backup plan must reach (with `requiredFrequencyValue`).
   * @default 'days'
   */
  readonly requiredFrequencyUnit?: BackupAuditTimeUnit;

  /**
   * Every backup plan needs a rule that backs up at least every this many `requiredFrequencyUnit`
   * (hours 1-24, days 1-31).
   * @default 1
   */
  readonly requiredFrequencyValue?: number;

  /**
   * That rule must also keep recovery points at least this many days (1 or more). Use the
   * retention of the plans' main (daily) rule.
   * @default 35 (the AWS Backup Audit Manager default)
   */
  readonly requiredRetentionDays?: number;

  /**
   * Check frequency and retention of this backup plan only. The control checks each backup plan
   * on its own, so with one plan per tier the weekly and monthly plans never reach a daily
   * frequency: pass the daily tier's plan.
   * @default - every backup plan of the account and region
   */
  readonly checkedBackupPlan?: backup.IBackupPlan;

  /**
   * Every recovery point must be kept at least this many days (1 or more). Use the shortest
   * retention of any rule, or short-lived recovery points (hourly tiers) are reported.
   * @default - `requiredRetentionDays`
   */
  readonly recoveryPointMinRetentionDays?: number;

  /**
   * Roles (at most 5) that the vaults' access policies still allow to delete recovery points,
   * e.g. the break-glass role. Without them the manual-deletion control reports every vault that
   * has such an exception.
   * @default - no role may delete recovery points
   */
  readonly manualDeletionAllowedRoles?: iam.IRole[];

  /**
   * The Vault Lock every protected resource's vault must have. Left out, the Vault Lock control
   * is left out too: without a lock it would report every resource, every day.
   * @default - no Vault Lock control
   */
  readonly vaultLock?: BackupAuditVaultLock;

  /**
   * Unit of the maximum age of a resource's latest recovery point.
   * @default - `requiredFrequencyUnit`
   */
  readonly lastRecoveryPointMaxAgeUnit?: BackupAuditTimeUnit;

  /**
   * A resource's latest recovery point must be at most this many `lastRecoveryPointMaxAgeUnit`
   * old (hours 1-744, days 1-31). Every protected resource is checked: with weekly or monthly
   * tiers, either allow their interval (e.g. 31 days) or limit the control to the daily tier with
   * `lastRecoveryPointScopeTag`.
   * @default - `requiredFrequencyValue`
   */
  readonly lastRecoveryPointMaxAgeValue?: number;

  /**
   * Check the age of the latest recovery point only for resources with this tag, e.g.
   * `{ key: 'backup', value: 'daily' }`.
   * @default - every protected resource
   */
  readonly lastRecoveryPointScopeTag?: BackupAuditScopeTag;

  /**
   * The cross-Region copies every protected resource must have. Set it when the backup plans
   * copy to another region; the copy job report is added too.
   * @default - no cross-Region copy control
   */
  readonly crossRegionCopy?: BackupAuditCrossRegionCopy;
}

/** Control names of AWS Backup Audit Manager (https://docs.aws.amazon.com/aws-backup/latest/devguide/controls-and-remediation.html). */
const CONTROL = {
  planFrequencyAndRetention: 'BACKUP_PLAN_MIN_FREQUENCY_AND_MIN_RETENTION_CHECK',
  recoveryPointRetention: 'BACKUP_RECOVERY_POINT_MINIMUM_RETENTION_CHECK',
  recoveryPointEncrypted: 'BACKUP_RECOVERY_POINT_ENCRYPTED',
  manualDeletionDisabled: 'BACKUP_RECOVERY_POINT_MANUAL_DELETION_DISABLED',
  vaultLock: 'BACKUP_RESOURCES_PROTECTED_BY_BACKUP_VAULT_LOCK',
  lastRecoveryPoint: 'BACKUP_LAST_RECOVERY_POINT_CREATED',
  crossRegion: 'BACKUP_RESOURCES_PROTECTED_BY_CROSS_REGION',
} as const;

/** Longest AWS Backup retention: 100 years. */
const MAX_DAYS = 36500;

/**
 * AWS Backup Audit Manager evidence for the account and region: a framework whose controls check
 * the backup setup every day or on every change, and daily reports into the log archive.
 *
 * Controls (names and parameters as in the AWS Backup Audit Manager and AWS Config managed rule
 * documentation):
 * - backup plans (or only `checkedBackupPlan`) back up at least every `requiredFrequencyValue`
 *   `requiredFrequencyUnit` and keep those recovery points at least `requiredRetentionDays`;
 * - every recovery point is kept at least `recoveryPointMinRetentionDays`;
 * - recovery points are encrypted;
 * - vaults do not allow manual deletion of recovery points (except by `manualDeletionAllowedRoles`);
 * - protected resources are in a locked vault (only with `vaultLock`);
 * - every protected resource (or those with `lastRecoveryPointScopeTag`) has a recovery point at
 *   most `lastRecoveryPointMaxAge*` old;
 * - protected resources are copied to another region (only with `crossRegionCopy`).
 *
 * Reports (CSV and JSON, every 24 hours, under `<reportPrefix>/Backup/`): control compliance of
 * the framework, backup jobs, restore jobs (including restore tests of {@link RestoreTesting}),
 * and copy jobs when cross-Region copies are expected.
 *
 * **AWS Config must record the backup resources** (AWS Backup plans, selections, vaults and
 * recovery points, and the protected resources) in this region, or the framework stays
 * incomplete and the controls evaluate nothing: the controls are AWS Config rules that AWS
 * Backup creates (`aws-service-rule/backup.amazonaws.com...`). The security baseline's Config
 * recorder records all supported types. Regional: create it in every region with backups.
 *
 * Cost: AWS Backup Audit Manager bills each control evaluation (one resource against one
 * control), and AWS Config bills the rule evaluations of the controls and the configuration
 * items of the recorded backup resources. Reports themselves are only S3 storage.
 */
export class BackupAudit extends Construct {
  /** The framework. */
  readonly framework: backup.CfnFramework;
  /** The report plans: control compliance, backup jobs, restore jobs, and copy jobs with `crossRegionCopy`. */
  readonly reportPlans: backup.CfnReportPlan[];

  constructor(scope: Construct, id: string, props: BackupAuditProps) {
    super(scope, id);
    const reportPrefix = props.reportPrefix ?? 'backup-reports';
    const frequencyUnit = props.requiredFrequencyUnit ?? 'days';
    const frequencyValue = props.requiredFrequencyValue ?? 1;
    const retentionDays = props.requiredRetentionDays ?? 35;
    const recoveryPointRetentionDays = props.recoveryPointMinRetentionDays ?? retentionDays;
    const maxAgeUnit = props.lastRecoveryPointMaxAgeUnit ?? frequencyUnit;
    const maxAgeValue = props.lastRecoveryPointMaxAgeValue ?? frequencyValue;
    const deletionRoles = props.manualDeletionAllowedRoles ?? [];
    this.validate(props, {
      reportPrefix,
      frequencyUnit,
      frequencyValue,
      retentionDays,
      recoveryPointRetentionDays,
      maxAgeUnit,
      maxAgeValue,
      deletionRoles,
    });

    const param = (parameterName: string, value: string | number) => ({ parameterName, parameterValue: String(value) });
    const controls: backup.CfnFramework.FrameworkControlProperty[] = [
      {
        controlName: CONTROL.planFrequencyAndRetention,
        controlInputParameters: [
          param('requiredFrequencyUnit', frequencyUnit),
          param('requiredFrequencyValue', frequencyValue),
          param('requiredRetentionDays', retentionDays),
        ],
        // ControlScope is untyped (`any`) in the L1: CloudFormation's PascalCase names.
        controlScope: props.checkedBackupPlan
          ? { ComplianceResourceIds: [props.checkedBackupPlan.backupPlanId], ComplianceResourceTypes: ['AWS::Backup::BackupPlan'] }
          : undefined,
      },
      { controlName: CONTROL.recoveryPointRetention, controlInputParameters: [param('requiredRetentionDays', recoveryPointRetentionDays)] },
      { controlName: CONTROL.recoveryPointEncrypted },
      {
        controlName: CONTROL.manualDeletionDisabled,
        controlInputParameters:
          deletionRoles.length > 0
            ? [
                param(
                  'principalArnList',
                  Fn.join(
                    ',',
                    deletionRoles.map((role) => role.roleArn),
                  ),
                ),
              ]
            : undefined,
      },
    ];
    if (props.vaultLock) {
      const lockParams = [];
      if (props.vaultLock.minRetentionDays !== undefined) lockParams.push(param('minRetentionDays', props.vaultLock.minRetentionDays));
      if (props.vaultLock.maxRetentionDays !== undefined) lockParams.push(param('maxRetentionDays', props.vaultLock.maxRetentionDays));
      controls.push({ controlName: CONTROL.vaultLock, controlInputParameters: lockParams.length > 0 ? lockParams : undefined });
    }
    const ageScope = props.lastRecoveryPointScopeTag;
    controls.push({
      controlName: CONTROL.lastRecoveryPoint,
      controlInputParameters: [param('recoveryPointAgeUnit', maxAgeUnit), param('recoveryPointAgeValue', maxAgeValue)],
      controlScope: ageScope ? { Tags: [{ Key: ageScope.key, Value: ageScope.value }] } : undefined,
    });
    if (props.crossRegionCopy) {
      const regions = props.crossRegionCopy.regions ?? [];
      controls.push({
        controlName: CONTROL.crossRegion,
        controlInputParameters: regions.length > 0 ? [param('crossRegionList', regions.join(','))] : undefined,
      });
    }

    this.framework = new backup.CfnFramework(this, 'Resource', {
      frameworkDescription:
        'Landing zone backup evidence: plan frequency and retention, recovery point retention and encryption, deletion protection, recency and copies',
      frameworkControls: controls,
    });

    // ReportDeliveryChannel and ReportSetting are untyped (`any`) in the L1, so CDK passes them
    // through as written: they need CloudFormation's PascalCase property names.
    const deliveryChannel = {
      S3BucketName: props.reportBucket.bucketName,
      S3KeyPrefix: reportPrefix,
      Formats: ['CSV', 'JSON'],
    };
    const report = (id: string, description: string, reportSetting: { ReportTemplate: string; FrameworkArns?: string[] }) => {
      const plan = new backup.CfnReportPlan(this, id, {
        reportPlanDescription: description,
        reportDeliveryChannel: deliveryChannel,
        reportSetting,
      });
      // The bucket policy must admit AWS Backup before it delivers the first report.
      if (props.reportBucket.policy) plan.node.addDependency(props.reportBucket.policy);
      return plan;
    };
    this.reportPlans = [
      report('ControlComplianceReport', 'Daily compliance of the landing zone backup controls', {
        ReportTemplate: 'CONTROL_COMPLIANCE_REPORT',
        FrameworkArns: [this.framework.attrFrameworkArn],
      }),
      report('BackupJobReport', 'Daily backup jobs: finished in the last 24 hours and running', { ReportTemplate: 'BACKUP_JOB_REPORT' }),
      report('RestoreJobReport', 'Daily restore jobs, including restore tests', { ReportTemplate: 'RESTORE_JOB_REPORT' }),
    ];
    if (props.crossRegionCopy) {
      this.reportPlans.push(report('CopyJobReport', 'Daily copy jobs to other regions', { ReportTemplate: 'COPY_JOB_REPORT' }));
    }
  }

  private validate(
    props: BackupAuditProps,
    values: {
      reportPrefix: string;
      frequencyUnit: string;
      frequencyValue: number;
      retentionDays: number;
      recoveryPointRetentionDays: number;
      maxAgeUnit: string;
      maxAgeValue: number;
      deletionRoles: iam.IRole[];
    },
  ): void {
    const where = `BackupAudit ${this.node.path}`;
    const {
      reportPrefix,
      frequencyUnit,
      frequencyValue,
      retentionDays,
      recoveryPointRetentionDays,
      maxAgeUnit,
      maxAgeValue,
      deletionRoles,
    } = values;
    const stack = Stack.of(this);

    if (!Token.isUnresolved(reportPrefix) && !/^[A-Za-z0-9!_.*'()-]+(\/[A-Za-z0-9!_.*'()-]+)*$/.test(reportPrefix)) {
      throw new Error(
        `${where}: reportPrefix must be an S3 key prefix of letters, digits and ! _ . * ' ( ) -, segments separated by single '/', without a leading or trailing '/' (received ${JSON.stringify(reportPrefix)})`,
      );
    }
    for (const [prop, unit] of [
      ['requiredFrequencyUnit', frequencyUnit],
      ['lastRecoveryPointMaxAgeUnit', maxAgeUnit],
    ]) {
      if (!Token.isUnresolved(unit) && unit !== 'hours' && unit !== 'days') {
        throw new Error(`${where}: ${prop} must be hours or days (received ${JSON.stringify(unit)})`);
      }
    }
    requireWhole(where, 'requiredFrequencyValue', frequencyValue, 1, frequencyUnit === 'hours' ? 24 : 31, frequencyUnit);
    requireWhole(where, 'lastRecoveryPointMaxAgeValue', maxAgeValue, 1, maxAgeUnit === 'hours' ? 744 : 31, maxAgeUnit);
    requireWhole(where, 'requiredRetentionDays', retentionDays, 1, MAX_DAYS, 'days');
    requireWhole(where, 'recoveryPointMinRetentionDays', recoveryPointRetentionDays, 1, MAX_DAYS, 'days');
    if (deletionRoles.length > 5) {
      throw new Error(
        `${where}: manualDeletionAllowedRoles may list at most 5 roles, the limit of the control (received ${deletionRoles.length})`,
      );
    }
    const lock = props.vaultLock;
    if (lock) {
      if (lock.minRetentionDays !== undefined)
        requireWhole(where, 'vaultLock.minRetentionDays', lock.minRetentionDays, 1, MAX_DAYS, 'days');
      if (lock.maxRetentionDays !== undefined)
        requireWhole(where, 'vaultLock.maxRetentionDays', lock.maxRetentionDays, 1, MAX_DAYS, 'days');
      const { minRetentionDays: min, maxRetentionDays: max } = lock;
      if (min !== undefined && max !== undefined && !Token.isUnresolved(min) && !Token.isUnresolved(max) && min > max) {
        throw new Error(`${where}: vaultLock.minRetentionDays (${min}) must not exceed vaultLock.maxRetentionDays (${max})`);
      }
    }
    const scopeTag = props.lastRecoveryPointScopeTag;
    if (scopeTag) {
      // Tag keys and values as AWS accepts them: letters, digits, spaces and + - = . _ : / @.
      const tagCharacters = /^[\p{L}\p{N}\p{Zs}+\-=._:/@]*$/u;
      if (
        !Token.isUnresolved(scopeTag.key) &&
        (scopeTag.key.length === 0 || scopeTag.key.length > 128 || !tagCharacters.test(scopeTag.key))
      ) {
        throw new Error(
          `${where}: lastRecoveryPointScopeTag.key must be 1-128 letters, digits, spaces or + - = . _ : / @ (received ${JSON.stringify(scopeTag.key)})`,
        );
      }
      if (
        !Token.isUnresolved(scopeTag.value) &&
        (scopeTag.value.length === 0 || scopeTag.value.length > 256 || !tagCharacters.test(scopeTag.value))
      ) {
        throw new Error(
          `${where}: lastRecoveryPointScopeTag.value must be 1-256 letters, digits, spaces or + - = . _ : / @ (received ${JSON.stringify(scopeTag.value)})`,
        );
      }
    }
    for (const region of props.crossRegionCopy?.regions ?? []) {
      if (Token.isUnresolved(region)) continue;
      if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
        throw new Error(
          `${where}: crossRegionCopy.regions contains ${JSON.stringify(region)}, which is not a region code such as eu-central-1`,
        );
      }
      if (!Token.isUnresolved(stack.region) && region === stack.region) {
        throw new Error(
          `${where}: crossRegionCopy.regions contains this stack's own region ${region}; a cross-Region copy must go to another region`,
        );
      }
    }
  }
}

function requireWhole(where: string, prop: string, value: number, min: number, max: number, unit: string): void {
  if (Token.isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${where}: ${prop} must be a whole number of ${unit} from ${min} to ${max} (received ${value})`);
  }
}
