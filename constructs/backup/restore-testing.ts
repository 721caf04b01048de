import { languageOf } from '../shared/language';
import { catalogue } from '../../lib/core/alerts/catalogue';
import { Names, Stack } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../shared/compliance';
import { AlertNotifier } from '../foundation/alert-notifier';
import { EventDeadLetterQueue } from '../foundation/event-delivery';
import { type RestoreTestingProps, validateRestoreTesting } from './restore-testing-props';

export { type RestoreTestingProps, type RestoreTestResourceType } from './restore-testing-props';

/** Tag value of the tier that is not backed up; its resources are never restore-tested. */
const NOT_BACKED_UP = 'none';

/** Restore job statuses that mean a restore test did not prove the backup restorable. */
const FAILED_STATUSES = ['ABORTED', 'FAILED'];

/**
 * An AWS Backup restore testing plan that proves, on a schedule, that the latest backups in the
 * given vaults can be restored: AWS Backup restores one recovery point per tagged resource into
 * a new, temporary resource (tagged `awsbackup-restore-test`), keeps it for the validation
 * window and deletes it. Results appear in the AWS Backup console (restore jobs of type "Test")
 * and in the restore job report of {@link BackupAudit}.
 *
 * A restore job of this plan that fails or is aborted goes to the account's alert notifier (with a
 * dead-letter queue), which reports it on the operations topic for email and chat.
 * Restore testing validation (`PutRestoreValidationResult`) is not set up: it needs a workload
 * specific check, and AWS documents no event for its result.
 *
 * Regional: create it in every region whose vaults should be tested.
 *
 * Cost: every restore test job is billed (AWS Backup pricing, "restore testing"), plus the
 * restore itself (data restored, per GB, for the resource type; EBS snapshot restores have no
 * restore charge) and the restored resources while they exist (the validation window; restored
 * S3 buckets are emptied by a lifecycle rule, which can take a day).
 */
export class RestoreTesting extends Construct {
  /** The restore testing plan. */
  readonly plan: backup.CfnRestoreTestingPlan;
  /** The restore testing selections, one per resource type (and tag value). */
  readonly selections: backup.CfnRestoreTestingSelection[];
  /** The role AWS Backup restores and deletes the test resources with. */
  readonly role: iam.IRole;
  /** The rule that reports failed restore tests of this plan. */
  readonly failureRule: events.Rule;
  /** Failures EventBridge could not hand to the notifier (after 24 hours of retries), kept 14 days. */
  readonly deadLetterQueue: sqs.IQueue;

  constructor(scope: Construct, id: string, props: RestoreTestingProps) {
    super(scope, id);
    const scheduleExpression = props.scheduleExpression ?? 'cron(0 5 ? * 2#1 *)';
    const startWindowHours = props.startWindowHours ?? 8;
    const resourceTypes: readonly string[] = props.resourceTypes ?? ['DynamoDB', 'EBS', 'S3'];
    const overrides: Record<string, Record<string, string> | undefined> = props.restoreMetadataOverrides ?? {};
    const tagKey = props.tagKey ?? 'backup';
    const tagValues = props.tagValues;
    const validationWindowHours = props.validationWindowHours ?? 1;
    const selectionWindowDays = props.selectionWindowDays ?? 7;
    const planName = props.planName ?? Names.uniqueResourceName(this, { maxLength: 50, separator: '_' });
    const stack = Stack.of(this);
    validateRestoreTesting(this, props, {
      scheduleExpression,
      startWindowHours,
      resourceTypes,
      overrides,
      tagKey,
      tagValues,
      validationWindowHours,
      selectionWindowDays,
      planName,
    });

    this.plan = new backup.CfnRestoreTestingPlan(this, 'Resource', {
      restoreTestingPlanName: planName,
      scheduleExpression,
      scheduleExpressionTimezone: props.timeZone,
      startWindowHours,
      recoveryPointSelection: {
        // The newest recovery point is the one an incident would restore.
        algorithm: 'LATEST_WITHIN_WINDOW',
        includeVaults: props.vaults.map((vault) => vault.backupVaultArn),
        // Continuous (point-in-time) backups are tested too where a plan keeps them.
        recoveryPointTypes: ['CONTINUOUS', 'SNAPSHOT'],
        selectionWindowDays,
      },
    });

    const role = new iam.Role(this, 'Role', {
      description: `AWS Backup restore testing (${planName}): restores recovery points into temporary resources and deletes them after validation`,
      assumedBy: new iam.ServicePrincipal('backup.amazonaws.com'),
    });
    // The AWS managed restore policies, as the restore testing documentation asks
    // (https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing.html): AWS keeps
    // them current as resource types gain restore options; a hand-written copy would not be.
    const managedPolicies = ['service-role/AWSBackupServiceRolePolicyForRestores'];
    if (resourceTypes.includes('S3')) managedPolicies.push('AWSBackupServiceRolePolicyForS3Restore');
    for (const name of managedPolicies) {
      role.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName(name));
      acknowledge(
        role,
        `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${name}]`,
        'AWS Backup documents this AWS managed policy as the permissions of a restore (testing) role; only backup.amazonaws.com can assume the role and restore testing deletes what it creates.',
      );
    }
    this.role = role;

    const selectionTags: Array<{ suffix: string; conditions: backup.CfnRestoreTestingSelection.ProtectedResourceConditionsProperty }> =
      tagValues
        ? tagValues.map((value) => ({
            suffix: `_${value.replace(/[^A-Za-z0-9]/g, '')}`,
            conditions: { stringEquals: [{ key: `aws:ResourceTag/${tagKey}`, value }] },
          }))
        : [{ suffix: '', conditions: { stringNotEquals: [{ key: `aws:ResourceTag/${tagKey}`, value: NOT_BACKED_UP }] } }];
    this.selections = [];
    for (const resourceType of resourceTypes) {
      for (const { suffix, conditions } of selectionTags) {
        const name = `${resourceType}${suffix}`;
        this.selections.push(
          new backup.CfnRestoreTestingSelection(this, `Selection${name}`, {
            // The plan's Ref is its name, which makes the selection depend on the plan.
            restoreTestingPlanName: this.plan.ref,
            restoreTestingSelectionName: name,
            protectedResourceType: resourceType,
            protectedResourceArns: ['*'],
            protectedResourceConditions: conditions,
            iamRoleArn: role.roleArn,
            validationWindowHours,
            restoreMetadataOverrides: overrides[resourceType],
          }),
        );
      }
    }

    const deadLetterQueue = this.alerting(props, stack);
    this.deadLetterQueue = deadLetterQueue;

    this.failureRule = new events.Rule(this, 'FailedRestoreTests', {
      description: `Failed or aborted restore tests of ${planName} to the alert notifier`,
      eventPattern: {
        source: ['aws.backup'],
        detailType: ['Restore Job State Change'],
        detail: {
          status: FAILED_STATUSES,
          // Restore jobs started by a restore testing plan carry its ARN
          // (https://docs.aws.amazon.com/aws-backup/latest/devguide/eventbridge.html); ordinary
          // restores do not, so they are left to whoever started them.
          restoreTestingPlanArn: [this.plan.attrRestoreTestingPlanArn],
        },
      },
      targets: [AlertNotifier.target(this, 'Notifier', props.notifier, deadLetterQueue)],
    });
  }

  private alerting(props: RestoreTestingProps, stack: Stack) {
    const deadLetterQueue = new EventDeadLetterQueue(this, 'UndeliveredFailures', { usedBy: 'the failed-restore-test rule' });
    if (props.undeliveredAlarmTopic) {
      deadLetterQueue.alarmWhenNotEmpty(this, 'UndeliveredAlarm', {
        alarmTopic: props.undeliveredAlarmTopic,
        description: catalogue(languageOf(this)).alarms.undeliveredRestoreTests(stack.region),
      });
    }
    return deadLetterQueue;
  }
}
