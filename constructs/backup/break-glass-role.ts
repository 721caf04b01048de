import { languageOf } from '../shared/language';
import { catalogue } from '../../lib/core/alerts/catalogue';
import type { Language } from '../../lib/core/alerts/language';
import { Aws, Duration, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { acknowledge } from '../shared/compliance';
import { alarmName } from '../shared/alarm-names';
import { ROLE_OR_USER_ARN } from '../../lib/core/rules/iam-principals';

/** Properties of {@link BackupBreakGlassRole}. */
export interface BackupBreakGlassRoleProps {
  /**
   * Name of the role, e.g. `LandingZone-BackupBreakGlass` (1-64 letters, digits and `+=,.@_-`).
   * Fixed so that the vaults of every region (`LockedBackupVault.breakGlassRoleArn`) and people
   * can address it by name.
   */
  readonly roleName: string;

  /**
   * The account whose principals may assume the role, with MFA used within the last hour
   * (the identity account, or this account). Ignored when `trustedPrincipalArns` is given.
   */
  readonly trustedAccountId: string;

  /**
   * Named roles or users that alone may assume the role, with MFA used within the last hour (for
   * example the client's managing director and the consultant): narrower than a whole account.
   * @default - every principal of `trustedAccountId` whose own policies allow it
   */
  readonly trustedPrincipalArns?: string[];

  /**
   * Where the alarm on every use of the role notifies (the security alert topic). Give it
   * together with `trailLogGroup`.
   * @default - no alarm
   */
  readonly alarmTopic?: sns.ITopic;

  /**
   * The CloudWatch log group that receives the account's multi-region CloudTrail trail, on which
   * the alarm's metric filter runs. Give it together with `alarmTopic`.
   * @default - no alarm
   */
  readonly trailLogGroup?: logs.ILogGroup;

  /**
   * The language of the alarm description (what email and chat show of this native alarm).
   * @default 'en'
   */
  readonly language?: Language;
}

/** Namespace of the metric that counts uses of the break-glass role. */
export const BREAK_GLASS_METRIC_NAMESPACE = 'LandingZone/Backup';
/** Name of the metric that counts uses of the break-glass role. */
export const BREAK_GLASS_METRIC_NAME = 'BackupBreakGlassRoleUsed';

/** The AWS Backup actions the break-glass role is allowed, and nothing else. */
export const BREAK_GLASS_ACTIONS: readonly string[] = [
  'backup:DeleteRecoveryPoint',
  'backup:UpdateRecoveryPointLifecycle',
  'backup:DescribeRecoveryPoint',
  'backup:ListRecoveryPointsByBackupVault',
  'backup:ListBackupVaults',
  'backup:DeleteBackupVaultAccessPolicy',
];

const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const ACCOUNT_ID = /^\d{12}$/;
// Whoever assumes the role must have passed MFA within the hour.
const MFA_MAX_AGE_SECONDS = 3600;

/**
 * CloudWatch Logs filter pattern that matches every use of the role with the given ARN:
 *
 * - the `AssumeRole` call for it (`requestParameters.roleArn`), successful or refused (an attempt
 *   without MFA is worth knowing about too). CloudTrail records a cross-account AssumeRole in the
 *   role's account as well as the caller's. `requestParameters.roleArn` is the ARN as the caller
 *   typed it, and the console's "Switch role" may not leave an `AssumeRole` event of this form in
 *   the role's account, so this alone can miss a use;
 * - hence also every API call made with a session of the role
 *   (`userIdentity.sessionContext.sessionIssuer.arn`, always the role's canonical ARN), which
 *   catches the use however the role was assumed.
 */
export function breakGlassFilterPattern(roleArn: string): string {
  return (
    `{ (($.eventSource = "sts.amazonaws.com") && ($.eventName = "AssumeRole") && ($.requestParameters.roleArn = "${roleArn}"))` +
    ` || ($.userIdentity.sessionContext.sessionIssuer.arn = "${roleArn}") }`
  );
}

/** What {@link addBreakGlassUseAlarm} watches and where it alarms. */
export interface BreakGlassUseAlarmOptions {
  /** The break-glass role's ARN (of this account, or of a member account for the organization trail). */
  readonly roleArn: string;
  /** Its name (and, for a member account, which account), for the alarm's description. */
  readonly roleName: string;
  /** The log group of a trail that records the role's account: its own, or the organization trail's. */
  readonly trailLogGroup: logs.ILogGroup;
  /** Where the alarm goes (the security topic). */
  readonly alarmTopic: sns.ITopic;
  /** The alarm name after the stack name (unique in the stack). */
  readonly alarmNameParts: ReadonlyArray<string>;
  /** The alarm description's language. @default the app's */
  readonly language?: Language;
}

/**
 * A metric filter on the trail's log group for every assumption or use of the break-glass role,
 * and an alarm on its first occurrence, as children `UseFilter` and `UseAlarm` of `scope`. The
 * role's own construct uses it in single-account mode; the management account's security stack
 * in organization mode, on the organization trail, once per member account (the members have no
 * trail of their own).
 */
export function addBreakGlassUseAlarm(scope: Construct, options: BreakGlassUseAlarmOptions): cloudwatch.Alarm {
  const filter = new logs.MetricFilter(scope, 'UseFilter', {
    logGroup: options.trailLogGroup,
    filterPattern: logs.FilterPattern.literal(breakGlassFilterPattern(options.roleArn)),
    metricNamespace: BREAK_GLASS_METRIC_NAMESPACE,
    metricName: BREAK_GLASS_METRIC_NAME,
    metricValue: '1',
  });
  const alarm = new cloudwatch.Alarm(scope, 'UseAlarm', {
    alarmName: alarmName(scope, ...options.alarmNameParts),
    alarmDescription: catalogue(options.language ?? languageOf(scope)).alarms.breakGlassUsed(options.roleName),
    metric: filter.metric({ statistic: cloudwatch.Stats.SUM, period: Duration.minutes(5) }),
    threshold: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 1,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  });
  alarm.addAlarmAction(new cloudwatchActions.SnsAction(options.alarmTopic));
  return alarm;
}

/**
 * The only principal that the access policy of a `LockedBackupVault` lets delete recovery points,
 * change their lifecycle or remove the vault's access policy.
 *
 * Using it is an incident: someone is destroying backups, on purpose (data that must be erased,
 * a recovery point kept by mistake) or not. It can only be assumed by `trustedPrincipalArns` (or
 * else from `trustedAccountId`) with MFA used within the last hour, never by the people roles
 * (their baseline protection boundary denies it), its sessions last at most one hour, and, given `alarmTopic` and
 * `trailLogGroup`, every assumption or use of it (found in CloudTrail) raises an alarm at once.
 *
 * Its customer managed policy allows only {@link BREAK_GLASS_ACTIONS}: reading and deleting
 * recovery points, changing their lifecycle, and deleting a vault's access policy (the one way to
 * deploy a changed access policy, which the vault denies everybody else). It cannot delete
 * vaults, backup plans, keys or Vault Lock: a vault in Vault Lock compliance mode stays protected
 * even from this role.
 *
 * IAM is global: create the role once per account (in the home region stack); the vaults of
 * other regions name it by its ARN.
 */
export class BackupBreakGlassRole extends Construct {
  /** The role. */
  readonly role: iam.IRole;
  /** The role's ARN, built from its name (known at synth time, no cross-stack reference). */
  readonly roleArn: string;
  /** The alarm on every use of the role, when `alarmTopic` and `trailLogGroup` were given. */
  readonly alarm?: cloudwatch.IAlarm;

  constructor(scope: Construct, id: string, props: BackupBreakGlassRoleProps) {
    super(scope, id);
    this.validate(props);
    const stack = Stack.of(this);

    const role = new iam.Role(this, 'Resource', {
      roleName: props.roleName,
      description: 'Break-glass: deletes AWS Backup recovery points despite the vault access policy (an incident; MFA required; alarmed)',
      assumedBy: (props.trustedPrincipalArns && props.trustedPrincipalArns.length > 0
        ? new iam.CompositePrincipal(...props.trustedPrincipalArns.map((arn) => new iam.ArnPrincipal(arn)))
        : new iam.AccountPrincipal(props.trustedAccountId)
      ).withConditions({
        Bool: { 'aws:MultiFactorAuthPresent': 'true' },
        NumericLessThanEquals: { 'aws:MultiFactorAuthAge': String(MFA_MAX_AGE_SECONDS) },
      }),
      maxSessionDuration: Duration.hours(1),
    });
    this.role = role;
    this.roleArn = stack.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: props.roleName });

    const policy = new iam.ManagedPolicy(this, 'Policy', {
      description: 'Backup break-glass: read, delete and re-time recovery points; remove a vault access policy',
      roles: [role],
      statements: [
        new iam.PolicyStatement({
          sid: 'ManageRecoveryPoints',
          actions: [
            'backup:DeleteRecoveryPoint',
            'backup:UpdateRecoveryPointLifecycle',
            'backup:DescribeRecoveryPoint',
            'backup:ListBackupVaults',
          ],
          resources: ['*'],
        }),
        new iam.PolicyStatement({
          sid: 'ManageVaults',
          actions: ['backup:ListRecoveryPointsByBackupVault', 'backup:DeleteBackupVaultAccessPolicy'],
          // Every region: the copy vaults of other regions trust the same role.
          resources: [`arn:${Aws.PARTITION}:backup:*:${Aws.ACCOUNT_ID}:backup-vault:*`],
        }),
      ],
    });
    acknowledge(
      policy,
      'AwsSolutions-IAM5[Resource::*]',
      'ListBackupVaults has no resource-level permission. A recovery point ARN depends on the resource type (arn:...:backup:...:recovery-point:* for fully managed types, but the EBS, EC2, RDS or Aurora snapshot ARN for others), so a narrower list would leave this role unable to delete some recovery points; AWS Backup refuses cross-account recovery point calls and the vault access policies decide what is protected. MFA-only, alarmed role.',
    );
    acknowledge(
      policy,
      'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:backup:*:<AWS::AccountId>:backup-vault:*]',
      'The break-glass role must reach the vaults of every region of this account (the copy vaults trust the same role); only listing recovery points and deleting a vault access policy, on this account only. MFA-only, alarmed role.',
    );

    if (props.alarmTopic && props.trailLogGroup) {
      this.alarm = addBreakGlassUseAlarm(this, {
        roleArn: this.roleArn,
        roleName: props.roleName,
        trailLogGroup: props.trailLogGroup,
        alarmTopic: props.alarmTopic,
        alarmNameParts: ['BackupBreakGlass', 'Used'],
        language: props.language,
      });
    }
  }

  private validate(props: BackupBreakGlassRoleProps): void {
    const where = `BackupBreakGlassRole ${this.node.path}`;
    if (!Token.isUnresolved(props.roleName) && !ROLE_NAME.test(props.roleName)) {
      throw new Error(`${where}: roleName must be 1-64 letters, digits and +=,.@_- (received "${props.roleName}")`);
    }
    if (!Token.isUnresolved(props.trustedAccountId) && !ACCOUNT_ID.test(props.trustedAccountId)) {
      throw new Error(`${where}: trustedAccountId must be exactly 12 digits (received "${props.trustedAccountId}")`);
    }
    for (const arn of props.trustedPrincipalArns ?? []) {
      if (!Token.isUnresolved(arn) && !ROLE_OR_USER_ARN.test(arn)) {
        throw new Error(
          `${where}: trustedPrincipalArns must hold role or user ARNs such as "arn:aws:iam::123456789012:role/ceo", never an account root (received "${arn}")`,
        );
      }
    }
    if (Boolean(props.alarmTopic) !== Boolean(props.trailLogGroup)) {
      throw new Error(
        `${where}: alarmTopic and trailLogGroup go together: the alarm needs both the topic to notify and the trail's log group to watch (received only ${props.alarmTopic ? 'alarmTopic' : 'trailLogGroup'})`,
      );
    }
  }
}
