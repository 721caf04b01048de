import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledge, nagResourceId } from '../shared/compliance';

/**
 * What the monthly report reads of an account, in the stack's account and region: the platform's
 * metrics, the alarm history, Security Hub findings (GuardDuty's where Security Hub is off), the
 * restore jobs and the platform vault's recovery points, CloudTrail events. Read-only. The report
 * function holds them for its own account, {@link ReportReaderRole} for every other.
 */
export function accountReadStatements(stack: Stack, vaultName?: string): iam.PolicyStatement[] {
  const { partition, region, account } = stack;
  return [
    new iam.PolicyStatement({
      sid: 'ReadWithoutResourceTypes',
      actions: [
        'cloudwatch:GetMetricData',
        'backup:ListRestoreJobs',
        'backup:ListBackupVaults',
        'cloudtrail:LookupEvents',
        // GuardDuty's own findings, read only where Security Hub is off.
        'guardduty:ListDetectors',
        'guardduty:ListFindings',
        'guardduty:GetFindings',
      ],
      resources: ['*'],
    }),
    new iam.PolicyStatement({
      sid: 'ReadAlarmHistory',
      actions: ['cloudwatch:DescribeAlarmHistory'],
      resources: [`arn:${partition}:cloudwatch:${region}:${account}:alarm:*`],
    }),
    new iam.PolicyStatement({
      sid: 'ReadFindings',
      actions: ['securityhub:GetFindings'],
      resources: [`arn:${partition}:securityhub:${region}:${account}:hub/default`],
    }),
    ...(vaultName === undefined
      ? []
      : [
          new iam.PolicyStatement({
            sid: 'ReadRecoveryPoints',
            actions: ['backup:ListRecoveryPointsByBackupVault'],
            resources: [`arn:${partition}:backup:${region}:${account}:backup-vault:${vaultName}`],
          }),
        ]),
  ];
}

/** The two acknowledgements of a policy made of {@link accountReadStatements}. */
export function acknowledgeAccountReads(policy: iam.ManagedPolicy): void {
  const { partition, region, account } = Stack.of(policy);
  acknowledge(
    policy,
    'AwsSolutions-IAM5[Resource::*]',
    'cloudwatch:GetMetricData, backup:ListRestoreJobs, backup:ListBackupVaults, cloudtrail:LookupEvents and the GuardDuty reads (ListDetectors, ListFindings, GetFindings) have no resource-level permissions and only accept "*" (Service Authorization Reference; an IAM policy simulator test confirms it). All are reads of this account; the policy allows nothing else.',
  );
  acknowledge(
    policy,
    `AwsSolutions-IAM5[Resource::${nagResourceId(policy, `arn:${partition}:cloudwatch:${region}:${account}:alarm:*`)}]`,
    'DescribeAlarmHistory without an alarm name reads the state changes of every alarm of this account and region, to count the CIS alarms that fired; their names depend on the stacks, so the report filters them after reading. Read-only.',
  );
}

/** Properties of {@link ReportReaderRole}. */
export interface ReportReaderRoleProps {
  /** The role's name, `<Client>-ReportReader` (`reportReaderRoleName`). */
  readonly roleName: string;
  /** The billing account, where the report runs. */
  readonly reportAccountId: string;
  /** The report function's role name there, `<Client>-MonthlyReport` (`reportRoleName`): the only principal trusted. */
  readonly reportRoleName: string;
  /** The platform's backup vault in this account's home region, if it has one. */
  readonly vaultName?: string;
}

/**
 * The role through which the monthly report reads another account of the client: what the report
 * Lambda reads in its own account, read-only, in this account and region. Only the report
 * function's role in the billing account may assume it (`aws:PrincipalArn`, so a re-created
 * role of that name is trusted again, where a role ARN principal would break).
 *
 * Create it in the account's home-region stack. It holds no data and costs nothing.
 */
export class ReportReaderRole extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: ReportReaderRoleProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const reportRoleArn = `arn:${stack.partition}:iam::${props.reportAccountId}:role/${props.reportRoleName}`;
    this.role = new iam.Role(this, 'Resource', {
      roleName: props.roleName,
      description: `Monthly report: read this account's findings, metrics, alarm history, backups and CloudTrail events (only ${props.reportRoleName} of account ${props.reportAccountId})`,
      assumedBy: new iam.AccountPrincipal(props.reportAccountId).withConditions({ ArnEquals: { 'aws:PrincipalArn': reportRoleArn } }),
    });
    const policy = new iam.ManagedPolicy(this, 'ReadPolicy', {
      description: 'Monthly report: read-only access to what the report shows of this account',
      roles: [this.role],
      statements: accountReadStatements(stack, props.vaultName),
    });
    acknowledgeAccountReads(policy);
  }
}
