/**
 * What the security baseline implements of the CIS AWS Foundations Benchmark v3.0.0, as data: the
 * section 4 monitoring recommendations (metric filters and alarms on the trail) and the AWS Config
 * managed rules that detect what a baseline cannot enforce. The constructs build them; the CIS
 * mapping (`policies/cis-mapping.ts`) documents them.
 */

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

/** One AWS Config managed rule that detects a CIS AWS Foundations Benchmark v3.0.0 item. */
export interface CisConfigRule {
  /** The CIS v3.0.0 recommendations the rule detects, e.g. `['1.8', '1.9']`. */
  readonly cisIds: string[];
  /** The managed rule identifier, e.g. `IAM_PASSWORD_POLICY`. */
  readonly identifier: string;
  /** Rule parameters, as strings, with the names the managed rule documents. */
  readonly inputParameters?: Record<string, string>;
  /**
   * Whether the rule checks something account-wide (root user, IAM, account settings, trails): it
   * runs only in the home region, because every region would evaluate, and bill, the same thing.
   */
  readonly global: boolean;
  /**
   * Whether the rule runs on a schedule (trigger type "Periodic"). Only those take a maximum
   * execution frequency; Config rejects one on a rule triggered by configuration changes.
   */
  readonly periodic: boolean;
  /**
   * The only regions where AWS offers the rule, when it is not offered everywhere.
   * @default - every region
   */
  readonly onlyInRegions?: string[];
  /** What a NON_COMPLIANT result means, shown in the Config console. */
  readonly description: string;
}

/**
 * The CIS AWS Foundations Benchmark v3.0.0 items that an account baseline cannot enforce, or can
 * only enforce for what it creates itself, and the AWS Config managed rule that detects each.
 *
 * Identifiers, trigger types and parameter names were checked one by one against the AWS Config
 * managed rules documentation (2026). Rules are evaluated at most daily when periodic.
 */
export const CIS_CONFIG_RULES: readonly CisConfigRule[] = [
  {
    cisIds: ['1.4'],
    identifier: 'IAM_ROOT_ACCESS_KEY_CHECK',
    global: true,
    periodic: true,
    description: 'CIS 1.4: the root user has an access key. Delete it; use roles instead.',
  },
  {
    cisIds: ['1.5'],
    identifier: 'ROOT_ACCOUNT_MFA_ENABLED',
    global: true,
    periodic: true,
    description: 'CIS 1.5: the root user can sign in without MFA. Enable MFA for root.',
  },
  {
    cisIds: ['1.6'],
    identifier: 'ROOT_ACCOUNT_HARDWARE_MFA_ENABLED',
    global: true,
    periodic: true,
    description: 'CIS 1.6: the root user uses a virtual MFA device. Use a hardware MFA device or security key.',
  },
  {
    cisIds: ['1.8', '1.9'],
    identifier: 'IAM_PASSWORD_POLICY',
    // Only the CIS parameters are set; the rule's other parameters keep their documented
    // defaults (upper/lower case, symbols, numbers required; MaxPasswordAge 90).
    inputParameters: { MinimumPasswordLength: '14', PasswordReusePrevention: '24' },
    global: true,
    periodic: true,
    description: 'CIS 1.8-1.9: the IAM password policy is missing or weaker than 14 characters with the last 24 passwords remembered.',
  },
  {
    cisIds: ['1.10'],
    identifier: 'MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS',
    global: true,
    periodic: true,
    description: 'CIS 1.10: an IAM user with a console password has no MFA device.',
  },
  {
    cisIds: ['1.12'],
    identifier: 'IAM_USER_UNUSED_CREDENTIALS_CHECK',
    inputParameters: { maxCredentialUsageAge: '45' },
    global: true,
    periodic: true,
    description: 'CIS 1.12: an IAM user has a password or active access key unused for 45 days or more. Disable or remove it.',
  },
  {
    cisIds: ['1.14'],
    identifier: 'ACCESS_KEYS_ROTATED',
    inputParameters: { maxAccessKeyAge: '90' },
    global: true,
    periodic: true,
    description: 'CIS 1.14: an active access key is older than 90 days. Rotate it.',
  },
  {
    cisIds: ['1.15'],
    identifier: 'IAM_USER_NO_POLICIES_CHECK',
    global: true,
    periodic: false,
    description: 'CIS 1.15: an IAM user has policies attached directly. Grant permissions through groups or roles.',
  },
  {
    cisIds: ['1.16'],
    identifier: 'IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS',
    global: true,
    periodic: false,
    description: 'CIS 1.16: a customer managed policy allows "*" on "*". Grant only the actions needed.',
  },
  {
    cisIds: ['1.19'],
    identifier: 'IAM_SERVER_CERTIFICATE_EXPIRATION_CHECK',
    global: true,
    periodic: true,
    // AWS offers this rule in US East (N. Virginia) only (and China (Beijing)).
    onlyInRegions: ['us-east-1'],
    description: 'CIS 1.19: an SSL/TLS server certificate stored in IAM has expired. Delete it.',
  },
  {
    cisIds: ['2.1.4'],
    identifier: 'S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC',
    global: true,
    periodic: true,
    description: 'CIS 2.1.4: account-level S3 Block Public Access is not fully on.',
  },
  {
    cisIds: ['2.2.1'],
    identifier: 'EC2_EBS_ENCRYPTION_BY_DEFAULT',
    global: false,
    periodic: true,
    description: 'CIS 2.2.1: EBS encryption by default is off in this region.',
  },
  {
    cisIds: ['3.1'],
    identifier: 'MULTI_REGION_CLOUD_TRAIL_ENABLED',
    global: true,
    periodic: true,
    description: 'CIS 3.1: the account has no multi-region CloudTrail trail.',
  },
  {
    cisIds: ['3.2'],
    // Regional: a single-region trail created by hand in another region is checked there too.
    identifier: 'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED',
    global: false,
    periodic: true,
    description: 'CIS 3.2: a CloudTrail trail has log file validation off.',
  },
  {
    cisIds: ['4.16'],
    identifier: 'SECURITYHUB_ENABLED',
    global: false,
    periodic: true,
    description: 'CIS 4.16: Security Hub is not enabled in this region.',
  },
  {
    cisIds: ['5.4'],
    identifier: 'VPC_DEFAULT_SECURITY_GROUP_CLOSED',
    global: false,
    periodic: false,
    description: 'CIS 5.4: the default security group of a VPC allows traffic. Remove all its rules.',
  },
  {
    cisIds: ['5.6'],
    identifier: 'EC2_IMDSV2_CHECK',
    global: false,
    periodic: false,
    description: 'CIS 5.6: an EC2 instance allows IMDSv1 (HttpTokens optional). Require IMDSv2.',
  },
];
