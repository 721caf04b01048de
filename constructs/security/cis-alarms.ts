import { Duration, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatchActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** Ids of the CIS AWS Foundations Benchmark v3.0.0 monitoring recommendations. */
export type CisMonitoringControlId =
  '4.1' | '4.2' | '4.3' | '4.4' | '4.5' | '4.6' | '4.7' | '4.8' | '4.9' | '4.10' | '4.11' | '4.12' | '4.13' | '4.14' | '4.15';

/** One CIS monitoring recommendation: the CloudTrail events it watches and what to do about them. */
export interface CisMonitoringControl {
  /** CIS AWS Foundations Benchmark v3.0.0 recommendation id. */
  readonly cisId: CisMonitoringControlId;
  /** What the recommendation watches. */
  readonly title: string;
  /** CloudWatch Logs filter pattern, verbatim: Security Hub fails a filter that differs. */
  readonly filterPattern: string;
  /** Name of the metric the filter publishes; also part of the alarm name. */
  readonly metricName: string;
  /** What the person who receives the alarm should do, for the alarm description. */
  readonly response: string;
}

/**
 * The fifteen monitoring recommendations of CIS AWS Foundations Benchmark v3.0.0 section 4.
 *
 * Patterns 4.1-4.14 are those of AWS Security Hub controls CloudWatch.1-14
 * (https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html), which
 * check that the prescribed pattern is used exactly. 4.2 is the variant that counts only
 * successful IAM-user sign-ins: federated sign-ins through IAM Identity Center (SSO) do their MFA
 * at the identity provider and show `MFAUsed: No`, so the plain pattern would alarm on every one
 * of them. 4.15 (AWS Organizations changes, no Security Hub control) is the benchmark's own
 * pattern.
 */
export const CIS_MONITORING_CONTROLS: readonly CisMonitoringControl[] = [
  {
    cisId: '4.1',
    title: 'Unauthorized API calls',
    filterPattern: '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
    metricName: 'UnauthorizedAPICalls',
    response:
      'Find the caller (userIdentity) and API in CloudTrail: a misconfigured application, or someone probing permissions they should not have.',
  },
  {
    cisId: '4.2',
    title: 'Management console sign-in without MFA',
    filterPattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    metricName: 'ConsoleSigninWithoutMFA',
    response: 'Find the IAM user in the ConsoleLogin event, make them enable MFA, and check what the session did.',
  },
  {
    cisId: '4.3',
    title: 'Usage of the root user',
    filterPattern: '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
    metricName: 'RootAccountUsage',
    response:
      'Confirm with the account owner that the root user was used on purpose; if not, change its password, check its MFA and review every call it made.',
  },
  {
    cisId: '4.4',
    title: 'IAM policy changes',
    filterPattern:
      '{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}',
    metricName: 'IAMPolicyChanges',
    response:
      'Check in CloudTrail who changed which IAM policy and whether a deployment explains it; revert unexpected grants. (Auto Scaling DeletePolicy calls also match.)',
  },
  {
    cisId: '4.5',
    title: 'CloudTrail configuration changes',
    filterPattern:
      '{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}',
    metricName: 'CloudTrailChanges',
    response:
      'Check that the audit trail still logs (StopLogging, DeleteTrail) and who changed it; restore it by redeploying the landing zone.',
  },
  {
    cisId: '4.6',
    title: 'Management console authentication failures',
    filterPattern: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
    metricName: 'ConsoleAuthenticationFailure',
    response:
      'Look at the user name and source IP of the failed sign-ins: repeated failures suggest password guessing; lock or rotate the credentials.',
  },
  {
    cisId: '4.7',
    title: 'Disabling or scheduled deletion of customer-managed keys',
    filterPattern: '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}',
    metricName: 'DisableOrDeleteCMK',
    response:
      'Find the key and the caller; if unexpected, cancel the deletion (CancelKeyDeletion) or re-enable the key before data encrypted with it becomes unreadable.',
  },
  {
    cisId: '4.8',
    title: 'S3 bucket policy changes',
    filterPattern:
      '{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}',
    metricName: 'S3BucketPolicyChanges',
    response: 'Check which bucket changed and whether the new policy, ACL or replication exposes data; revert what no deployment explains.',
  },
  {
    cisId: '4.9',
    title: 'AWS Config configuration changes',
    filterPattern:
      '{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}',
    metricName: 'AWSConfigChanges',
    response:
      'Check that the AWS Config recorder still records in every region and who changed it; restore it by redeploying the landing zone.',
  },
  {
    cisId: '4.10',
    title: 'Security group changes',
    filterPattern:
      '{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}',
    metricName: 'SecurityGroupChanges',
    response: 'Check the changed security group for rules open to 0.0.0.0/0 or ::/0 and whether a deployment explains the change.',
  },
  {
    cisId: '4.11',
    title: 'Network ACL changes',
    filterPattern:
      '{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}',
    metricName: 'NetworkACLChanges',
    response: 'Check the changed network ACL for newly allowed traffic and whether a deployment explains the change.',
  },
  {
    cisId: '4.12',
    title: 'Network gateway changes',
    filterPattern:
      '{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}',
    metricName: 'NetworkGatewayChanges',
    response: 'Check which VPC gained or lost a gateway: a new internet gateway can expose private subnets.',
  },
  {
    cisId: '4.13',
    title: 'Route table changes',
    filterPattern:
      '{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}',
    metricName: 'RouteTableChanges',
    response: 'Check the changed routes: traffic may now bypass the expected path (NAT, firewall, peering).',
  },
  {
    cisId: '4.14',
    title: 'VPC changes',
    filterPattern:
      '{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}',
    metricName: 'VPCChanges',
    response: 'Check which VPC or peering connection changed and whether a deployment explains it.',
  },
  {
    cisId: '4.15',
    title: 'AWS Organizations changes',
    filterPattern:
      '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
    metricName: 'OrganizationsChanges',
    response:
      'Check who changed the organization (accounts, OUs, SCPs) and whether it was planned; an account that left the organization or a detached SCP weakens every guardrail.',
  },
];

/**
 * The name of the alarm of one CIS control, e.g. `CIS-4.3-RootAccountUsage`: the form AWS uses
 * in its remediation steps, so the alarm is recognisable in the console and in findings.
 */
export function cisAlarmName(control: CisMonitoringControl): string {
  return `CIS-${control.cisId}-${control.metricName}`;
}

/** Properties of {@link CisAlarms}. */
export interface CisAlarmsProps {
  /** The CloudWatch log group that receives the account's multi-region CloudTrail trail. */
  readonly logGroup: logs.ILogGroup;

  /** Where the alarms notify (the security alert topic). */
  readonly alarmTopic: sns.ITopic;

  /**
   * Namespace of the metrics the filters publish (1-255 characters without `:`, `*`, `$`, not
   * starting with `AWS/`).
   * @default 'CISBenchmark'
   */
  readonly metricNamespace?: string;

  /**
   * The CIS ids to monitor, e.g. `['4.3', '4.7']`; at least one.
   * @default - all fifteen of {@link CIS_MONITORING_CONTROLS}
   */
  readonly controls?: readonly string[];
}

/**
 * CIS AWS Foundations Benchmark v3.0.0 section 4: for each monitored control, a metric filter on
 * the trail's log group and an alarm that notifies the alert topic as soon as one matching
 * event occurs (Sum >= 1 over 5 minutes).
 *
 * Cost per account and region (us-east-1 list prices): USD 0.10 per alarm, USD 1.50 a month
 * for all fifteen. Metric filters are free, but each metric they publish is a custom metric at
 * USD 0.30 a month, pro-rated by the hour: the filters have no default value, so a metric is
 * only published, and billed, in hours with a matching event (4.1 in a busy account nearly
 * always; 4.3 rarely). At most USD 4.50 a month for fifteen metrics.
 *
 * Deploy once per account, in the region of the trail's log group (the home region): the
 * multi-region trail brings the events of every region there.
 */
export class CisAlarms extends Construct {
  /** The CIS ids monitored, in benchmark order. */
  readonly cisIds: readonly CisMonitoringControlId[];
  /** The alarm of each monitored CIS id, for dashboards. */
  readonly alarms: ReadonlyMap<CisMonitoringControlId, cloudwatch.Alarm>;

  constructor(scope: Construct, id: string, props: CisAlarmsProps) {
    super(scope, id);
    const namespace = props.metricNamespace ?? 'CISBenchmark';
    const controls = this.selectControls(props.controls);
    if (!Token.isUnresolved(namespace) && !isValidNamespace(namespace)) {
      throw new Error(
        `CisAlarms ${this.node.path}: metricNamespace must be 1-255 characters without ':', '*' or '$' and must not start with "AWS/", which is reserved for AWS services (received "${namespace}")`,
      );
    }

    const action = new cloudwatchActions.SnsAction(props.alarmTopic);
    const alarms = new Map<CisMonitoringControlId, cloudwatch.Alarm>();
    for (const control of controls) {
      const scope = new Construct(this, control.metricName);
      // No default value: with no matching event no data point is published, so the metric
      // costs nothing in quiet hours, and the alarm treats missing data as not breaching.
      const filter = new logs.MetricFilter(scope, 'Filter', {
        logGroup: props.logGroup,
        filterPattern: logs.FilterPattern.literal(control.filterPattern),
        metricNamespace: namespace,
        metricName: control.metricName,
        metricValue: '1',
      });
      const alarm = new cloudwatch.Alarm(scope, 'Alarm', {
        alarmName: cisAlarmName(control),
        alarmDescription: `CIS ${control.cisId} ${control.title}: at least one matching CloudTrail event in 5 minutes. ${control.response}`,
        metric: filter.metric({ statistic: cloudwatch.Stats.SUM, period: Duration.minutes(5) }),
        threshold: 1,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      alarm.addAlarmAction(action);
      alarms.set(control.cisId, alarm);
    }
    this.alarms = alarms;
    this.cisIds = controls.map((control) => control.cisId);
  }

  private selectControls(requested: readonly string[] | undefined): readonly CisMonitoringControl[] {
    if (requested === undefined) return CIS_MONITORING_CONTROLS;
    const known = CIS_MONITORING_CONTROLS.map((control) => control.cisId as string);
    if (requested.length === 0) {
      throw new Error(
        `CisAlarms ${this.node.path}: controls must name at least one CIS id (received an empty list); leave it out to monitor all of ${known.join(', ')}`,
      );
    }
    const unknown = requested.filter((cisId) => !known.includes(cisId));
    if (unknown.length > 0) {
      throw new Error(
        `CisAlarms ${this.node.path}: controls may only contain ${known.join(', ')} (received unknown ${unknown.join(', ')})`,
      );
    }
    const duplicates = requested.filter((cisId, index) => requested.indexOf(cisId) !== index);
    if (duplicates.length > 0) {
      throw new Error(
        `CisAlarms ${this.node.path}: controls must name each CIS id once (received ${[...new Set(duplicates)].join(', ')} more than once)`,
      );
    }
    return CIS_MONITORING_CONTROLS.filter((control) => requested.includes(control.cisId));
  }
}

function isValidNamespace(namespace: string): boolean {
  // CloudWatch Logs' rule for MetricTransformation.metricNamespace: [^:*$]*, at most 255.
  return namespace.length >= 1 && namespace.length <= 255 && !/[:*$]/.test(namespace) && !namespace.startsWith('AWS/');
}
