import { Token } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { RESTORE_CONDITION_TAG, restoreConditionTagKeyProblem } from '../../lib/core/rules/tags';
import { timeZoneProblem } from '../../lib/core/rules/time-zones';
import type { AlertNotifierRef } from '../foundation/alert-notifier';

/**
 * What a {@link RestoreTesting} takes, and the checks that reject a property out of range (naming
 * the construct, the property, the value and what is allowed) before anything is built.
 */

/**
 * The protected resource types a restore testing selection accepts (`ProtectedResourceType` of
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/API_RestoreTestingSelectionForCreate.html).
 *
 * AWS Backup infers the restore parameters of every type
 * (https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing-inferred-metadata.html),
 * but some types restore into networking that may not exist in a landing zone:
 *
 * - `DynamoDB`, `EBS`, `S3`: no networking; restored into a new table, a volume in a random
 *   availability zone, a new bucket. Safe everywhere (the default).
 * - `EFS`: no networking either (a new, encrypted file system without mount targets).
 * - `EC2`: launched into the default VPC's subnets unless `subnetId` (and `securityGroupIds`) are
 *   overridden; fails with "No default VPC for this user" where the default VPC was deleted.
 * - `RDS`, `Aurora`, `DocumentDB`, `Neptune`: restored into the default VPC's default subnet
 *   group unless `dbSubnetGroupName` (and `vpcSecurityGroupIds`) are overridden; same failure
 *   without a default VPC.
 * - `FSx`: AWS Backup cannot infer a complete set of parameters; needs overrides.
 *
 * Give those types their overrides in {@link RestoreTestingProps.restoreMetadataOverrides}.
 */
export type RestoreTestResourceType = 'Aurora' | 'DocumentDB' | 'DynamoDB' | 'EBS' | 'EC2' | 'EFS' | 'FSx' | 'Neptune' | 'RDS' | 'S3';

export const RESOURCE_TYPES: readonly string[] = ['Aurora', 'DocumentDB', 'DynamoDB', 'EBS', 'EC2', 'EFS', 'FSx', 'Neptune', 'RDS', 'S3'];

/** Properties of {@link RestoreTesting}. */
export interface RestoreTestingProps {
  /**
   * The vaults whose recovery points are tested (1-30; the restore testing quota of vault
   * selectors). Vaults of this stack's region: restore testing restores in its own region.
   */
  readonly vaults: backup.IBackupVault[];

  /**
   * IANA time zone of `scheduleExpression`, e.g. `Europe/Berlin`; daylight saving time is
   * followed.
   */
  readonly timeZone: string;

  /**
   * When the tests start, as an AWS cron expression (`cron(minutes hours day-of-month month
   * day-of-week year)`) in `timeZone`.
   *
   * The default, the first Monday of each month at 05:00, proves every month that the latest
   * backups restore, on a working day so that a failure alert is read the same day, and before
   * office hours. Monthly keeps the cost to one restore job per protected resource per month.
   * @default 'cron(0 5 ? * 2#1 *)'
   */
  readonly scheduleExpression?: string;

  /**
   * Hours after the scheduled time within which AWS Backup starts the restore jobs (1-168); it
   * spreads their start times over this window and cancels jobs that could not start in it.
   * @default 8 (the jobs run during the working day of the scheduled date)
   */
  readonly startWindowHours?: number;

  /**
   * Resource types to test, one restore testing selection each.
   * @default ['DynamoDB', 'EBS', 'S3'] (the types that restore without networking parameters,
   *   see {@link RestoreTestResourceType})
   */
  readonly resourceTypes?: RestoreTestResourceType[];

  /**
   * Restore parameters that override what AWS Backup infers, by resource type, for example
   * `{ EC2: { subnetId: 'subnet-...', securityGroupIds: '["sg-..."]' } }`. Keys are the
   * overridable metadata of
   * https://docs.aws.amazon.com/aws-backup/latest/devguide/restore-testing-inferred-metadata.html.
   * Every type listed must be in `resourceTypes`.
   * @default - AWS Backup infers every parameter
   */
  readonly restoreMetadataOverrides?: Partial<Record<RestoreTestResourceType, Record<string, string>>>;

  /**
   * Tag whose value selects the resources to test. AWS Backup evaluates the tags of each
   * resource's latest recovery point.
   * @default 'backup'
   */
  readonly tagKey?: string;

  /**
   * Test only resources whose `tagKey` tag has one of these values (1 or more). Each value gets
   * its own selection per resource type: AWS does not document whether several `StringEquals`
   * conditions of one selection are combined with AND or OR, so the construct never relies on
   * either. At most 30 selections in all (resource types x values).
   * @default - every resource with recovery points in `vaults` whose `tagKey` tag is not `none`
   *   (the tier that is not backed up)
   */
  readonly tagValues?: string[];

  /**
   * Hours the restored resources are kept for validation before AWS Backup deletes them
   * (1-168). They are billed while they exist.
   * @default 1
   */
  readonly validationWindowHours?: number;

  /**
   * The latest recovery point created in the last this many days is restored (1-365). A resource
   * with no recovery point that recent is skipped; the Audit Manager control "last recovery
   * point created" reports such resources.
   * @default 7
   */
  readonly selectionWindowDays?: number;

  /**
   * Name of the restore testing plan (1-50 letters, digits and underscores, unique per account
   * and region). It cannot change after creation: a new name replaces the plan.
   * @default - a name derived from the construct path
   */
  readonly planName?: string;

  /**
   * The account's alert notifier (in this region): it reports failed restore tests on the
   * operations topic, for email and chat.
   */
  readonly notifier: AlertNotifierRef;

  /**
   * A topic that gets an alarm as soon as one failure could not be handed to the notifier.
   * The failure event itself waits 14 days in {@link RestoreTesting.deadLetterQueue}.
   * @default - no alarm
   */
  readonly undeliveredAlarmTopic?: sns.ITopic;
}

export function validateRestoreTesting(
  scope: Construct,
  props: RestoreTestingProps,
  values: {
    scheduleExpression: string;
    startWindowHours: number;
    resourceTypes: readonly string[];
    overrides: Record<string, unknown>;
    tagKey: string;
    tagValues?: string[];
    validationWindowHours: number;
    selectionWindowDays: number;
    planName: string;
  },
): void {
  const where = `RestoreTesting ${scope.node.path}`;
  const {
    scheduleExpression,
    startWindowHours,
    resourceTypes,
    overrides,
    tagKey,
    tagValues,
    validationWindowHours,
    selectionWindowDays,
    planName,
  } = values;

  if (props.vaults.length === 0 || props.vaults.length > 30) {
    throw new Error(`${where}: vaults must list 1-30 backup vaults (received ${props.vaults.length})`);
  }
  const timeZone = Token.isUnresolved(props.timeZone) ? undefined : timeZoneProblem(props.timeZone);
  if (timeZone) throw new Error(`${where}: timeZone ${timeZone} (received ${JSON.stringify(props.timeZone)})`);
  if (!Token.isUnresolved(scheduleExpression) && !/^cron\(\S+( \S+){5}\)$/.test(scheduleExpression)) {
    throw new Error(
      `${where}: scheduleExpression must be an AWS cron expression with six fields, e.g. cron(0 5 ? * 2#1 *) (received ${JSON.stringify(scheduleExpression)})`,
    );
  }
  requireWhole(where, 'startWindowHours', startWindowHours, 1, 168, 'hours');
  requireWhole(where, 'validationWindowHours', validationWindowHours, 1, 168, 'hours');
  requireWhole(where, 'selectionWindowDays', selectionWindowDays, 1, 365, 'days');
  if (resourceTypes.length === 0) {
    throw new Error(`${where}: resourceTypes must list at least one of ${RESOURCE_TYPES.join(', ')} (received an empty list)`);
  }
  for (const type of resourceTypes) {
    if (!RESOURCE_TYPES.includes(type)) {
      throw new Error(`${where}: resourceTypes contains ${JSON.stringify(type)}; allowed: ${RESOURCE_TYPES.join(', ')}`);
    }
  }
  if (new Set(resourceTypes).size !== resourceTypes.length) {
    throw new Error(`${where}: resourceTypes lists a type more than once (received ${resourceTypes.join(', ')})`);
  }
  for (const type of Object.keys(overrides)) {
    if (!resourceTypes.includes(type)) {
      throw new Error(
        `${where}: restoreMetadataOverrides has parameters for ${type}, which is not in resourceTypes (${resourceTypes.join(', ')}); add it there or remove the overrides`,
      );
    }
  }
  const tagKeyProblem = Token.isUnresolved(tagKey) ? undefined : restoreConditionTagKeyProblem(tagKey);
  if (tagKeyProblem) throw new Error(`${where}: tagKey ${tagKeyProblem} (received ${JSON.stringify(tagKey)})`);
  if (tagValues) {
    if (tagValues.length === 0) {
      throw new Error(
        `${where}: tagValues must list at least one tag value, or be left out to test every backed-up resource (received an empty list)`,
      );
    }
    for (const value of tagValues) {
      if (
        !Token.isUnresolved(value) &&
        (!RESTORE_CONDITION_TAG.test(value) || value.length > 256 || value.replace(/[^A-Za-z0-9]/g, '') === '')
      ) {
        throw new Error(
          `${where}: tagValues contains ${JSON.stringify(value)}; a value must be 1-256 letters, digits, spaces or + - = . _ : /, with at least one letter or digit`,
        );
      }
    }
    const names = tagValues.map((value) => value.replace(/[^A-Za-z0-9]/g, ''));
    if (new Set(names).size !== names.length) {
      throw new Error(
        `${where}: tagValues must differ in their letters and digits, which name the selections (received ${tagValues.join(', ')})`,
      );
    }
    const selections = resourceTypes.length * tagValues.length;
    if (selections > 30) {
      throw new Error(`${where}: resourceTypes x tagValues makes ${selections} selections; a restore testing plan allows at most 30`);
    }
    const longest = Math.max(...resourceTypes.map((t) => t.length)) + 1 + Math.max(...names.map((n) => n.length));
    if (longest > 50) {
      throw new Error(
        `${where}: tagValues are too long to name the selections (<resource type>_<value>, at most 50 characters; received ${tagValues.join(', ')})`,
      );
    }
  }
  if (!Token.isUnresolved(planName) && !/^[A-Za-z0-9_]{1,50}$/.test(planName)) {
    throw new Error(`${where}: planName must be 1-50 letters, digits and underscores (received ${JSON.stringify(planName)})`);
  }
}

function requireWhole(where: string, prop: string, value: number, min: number, max: number, unit: string): void {
  if (Token.isUnresolved(value)) return;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${where}: ${prop} must be a whole number of ${unit} from ${min} to ${max} (received ${value})`);
  }
}
