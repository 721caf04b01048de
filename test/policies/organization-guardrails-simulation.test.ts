import * as fs from 'node:fs';
import * as path from 'node:path';
import type { SimulationOrgPolicies } from '@cloud-copilot/iam-simulate';
import { guardrailPolicies, type ServiceControlPolicy } from '../../policies/organization-guardrails';
import { decide, type PrincipalPolicies, type SimulatedRequest } from './iam-simulation';

/**
 * What the organization guardrails promise, proven with an IAM policy simulator
 * (@cloud-copilot/iam-simulate) on the SCP documents: every attack of a member account's
 * administrator (AdministratorAccess, no permission boundary: the SCPs are the only wall) on the
 * baseline evaluates to an explicit Deny, the work an administrator is there for evaluates to
 * Allow, the platform's and the deploying roles are exempt where they must be and nowhere else,
 * and without the guardrails every attack is allowed (so nothing else denies them).
 *
 * The simulator does not derive `aws:PrincipalArn` from the principal: every request carries it,
 * as AWS's request context does (the role's ARN for every session of the role).
 */

const PARTITION = 'aws';
const MEMBER = '333333333333';
const LOG_ARCHIVE = '222222222222';
const IDENTITY = '444444444444';
const HOME = 'eu-central-1';
const SECOND = 'eu-west-1';
const OUTSIDE = 'us-east-1';

const guardrails = guardrailPolicies({
  clientName: 'example',
  platformNamePrefix: 'Example-',
  allowedRegions: [HOME, SECOND],
  logBucketNames: [`lz-logs-${LOG_ARCHIVE}-${HOME}`, `lz-access-logs-${LOG_ARCHIVE}-${HOME}`],
  partition: PARTITION,
});

/** AWS's FullAWSAccess, attached to every root, OU and account unless replaced. */
const FULL_AWS_ACCESS = {
  name: 'FullAWSAccess',
  policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
};

/** The SCPs of a member account: the root's (FullAWSAccess and the given guardrails), its OU's and its own. */
function organization(account: string, scps: readonly ServiceControlPolicy[]): SimulationOrgPolicies[] {
  return [
    { orgIdentifier: 'r-exmp', policies: [FULL_AWS_ACCESS, ...scps.map((scp) => ({ name: scp.name, policy: scp.document }))] },
    { orgIdentifier: 'ou-exmp-workloads', policies: [FULL_AWS_ACCESS] },
    { orgIdentifier: account, policies: [FULL_AWS_ACCESS] },
  ];
}

const ADMINISTRATOR_ACCESS = [
  { name: 'AdministratorAccess', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
];
const role = (account: string, name: string) => `arn:${PARTITION}:iam::${account}:role/${name}`;
const ssoAdministrator = (account: string) =>
  role(account, `aws-reserved/sso.amazonaws.com/${HOME}/AWSReservedSSO_Administrator_0123456789abcdef`);

/** The member account's administrator (IAM Identity Center): AdministratorAccess. */
const ADMIN = ssoAdministrator(MEMBER);
/** The log archive account's administrator, who holds the log buckets. */
const LOG_ARCHIVE_ADMIN = ssoAdministrator(LOG_ARCHIVE);
/** The root user of the member account. */
const ROOT = `arn:${PARTITION}:iam::${MEMBER}:root`;
/** A platform role: a custom resource's role, named after its stack. */
const HARDENING_ROLE = role(MEMBER, 'Example-Production-Security-HardeningRole1234');
/** The CDK bootstrap's CloudFormation execution role. */
const CDK_EXEC_ROLE = role(MEMBER, `cdk-hnb659fds-cfn-exec-role-${MEMBER}-${HOME}`);
/** The landing zone's deploy role: CloudFormation acts with its session (CliCredentialsStackSynthesizer). */
const DEPLOYER = role(MEMBER, 'LandingZone-Deployer');
/** The role Organizations creates in new accounts: the first bootstrap and deployment run through it. */
const ORGANIZATION_ACCESS = role(MEMBER, 'OrganizationAccountAccessRole');

interface Row extends SimulatedRequest {
  readonly what: string;
  /** The caller. @default the member account's administrator */
  readonly principal?: string;
}

const inRegion = (region: string) => ({ 'aws:RequestedRegion': region });
const home = inRegion(HOME);
const global = inRegion(OUTSIDE);
const arn = (service: string, rest: string, region = HOME, account = MEMBER) => `arn:${PARTITION}:${service}:${region}:${account}:${rest}`;

const trail = arn('cloudtrail', 'trail/example-trail');
const logBucket = `arn:${PARTITION}:s3:::lz-logs-${LOG_ARCHIVE}-${HOME}`;
const accessLogsBucket = `arn:${PARTITION}:s3:::lz-access-logs-${LOG_ARCHIVE}-${HOME}`;
const logObject = `${logBucket}/AWSLogs/${MEMBER}/CloudTrail/${HOME}/2025/01/01/x.json.gz`;
const detector = arn('guardduty', 'detector/12abc34d567e8fa901bc2d34e56789f0');
const hub = arn('securityhub', 'hub/default');
const analyzer = arn('access-analyzer', 'analyzer/example-analyzer');
const key = arn('kms', 'key/1234abcd-12ab-34cd-56ef-1234567890ab');
const vault = arn('backup', 'backup-vault:example-backup');
const copyVault = arn('backup', 'backup-vault:example-backup-copy', SECOND);
const platformRole = role(MEMBER, 'Example-Production-Security-X');
const platformPolicy = `arn:${PARTITION}:iam::${MEMBER}:policy/Example-Production-Security-HardeningPolicy1A2B3C`;
const boundary = `arn:${PARTITION}:iam::${MEMBER}:policy/example-baseline-protection`;
const platformFunction = arn('lambda', 'function:Example-Production-Security-AWS679f53fac002430cb0da5b7');
const findingRule = arn('events', 'rule/Example-Production-Security-FindingAlertsGuardDuty-1A2B3C');
const cisAlarm = arn('cloudwatch', 'alarm:Example-Production-Security-CisRootAccountUsage');
const trailLogGroup = arn('logs', 'log-group:Example-Production-Security-AuditTrailLogGroup1A2B3C-4D5E6F');
const securityTopic = arn('sns', 'Example-Production-Foundation-SecurityAlerts1A2B3C-4D5E6F');
const finopsTopic = arn('sns', 'example-finops-alerts');
const notifierTable = arn('dynamodb', 'table/Example-Production-Foundation-AlertNotifierAlertedFindings1A2B3C');

/** A key policy that leaves the key's use to IAM (the account root), as KMS's default one does. */
const KEY_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:${PARTITION}:iam::${MEMBER}:root` }, Action: 'kms:*', Resource: '*' }],
};
/** A role trust that leaves assuming the role to IAM in the given account. */
const trustOf = (account: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:${PARTITION}:iam::${account}:root` }, Action: 'sts:AssumeRole' }],
});
const aliased = (...aliases: string[]) => ({ ...home, 'kms:ResourceAliases': aliases });

const attacks: Row[] = [
  // Audit logging and threat detection.
  { what: 'stop the trail', action: 'cloudtrail:StopLogging', resource: trail, context: home },
  { what: 'delete the trail', action: 'cloudtrail:DeleteTrail', resource: trail, context: home },
  { what: 'stop recording events', action: 'cloudtrail:PutEventSelectors', resource: trail, context: home },
  { what: 'change the trail', action: 'cloudtrail:UpdateTrail', resource: trail, context: home },
  { what: 'delete the Config recorder', action: 'config:DeleteConfigurationRecorder', resource: '*', context: home },
  { what: 'stop AWS Config', action: 'config:StopConfigurationRecorder', resource: '*', context: home },
  { what: 'delete the Config delivery channel', action: 'config:DeleteDeliveryChannel', resource: '*', context: home },
  { what: 'overwrite a Config rule', action: 'config:PutConfigRule', resource: '*', context: home },
  { what: 'delete the GuardDuty detector', action: 'guardduty:DeleteDetector', resource: detector, context: home },
  {
    what: 'leave the GuardDuty administrator account',
    action: 'guardduty:DisassociateFromAdministratorAccount',
    resource: '*',
    context: home,
  },
  {
    what: 'archive findings automatically with a filter',
    action: 'guardduty:CreateFilter',
    resource: `${detector}/filter/mute`,
    context: home,
  },
  { what: 'trust an attacker IP list', action: 'guardduty:CreateIPSet', resource: '*', context: home },
  { what: 'disable Security Hub', action: 'securityhub:DisableSecurityHub', resource: hub, context: home },
  {
    what: 'leave the Security Hub administrator account',
    action: 'securityhub:DisassociateFromAdministratorAccount',
    resource: hub,
    context: home,
  },
  { what: 'suppress findings with an automation rule', action: 'securityhub:CreateAutomationRule', resource: '*', context: home },
  { what: 'delete the access analyzer', action: 'access-analyzer:DeleteAnalyzer', resource: analyzer, context: home },
  {
    what: 'archive findings with an archive rule',
    action: 'access-analyzer:CreateArchiveRule',
    resource: `${analyzer}/archive-rule/mute`,
    context: home,
  },
  // The log archive, attacked by the administrator of the account that holds it.
  { what: 'delete the log bucket', action: 's3:DeleteBucket', resource: logBucket, context: home, principal: LOG_ARCHIVE_ADMIN },
  { what: "open the log bucket's policy", action: 's3:PutBucketPolicy', resource: logBucket, context: home, principal: LOG_ARCHIVE_ADMIN },
  {
    what: 'shorten the log lifecycle',
    action: 's3:PutLifecycleConfiguration',
    resource: logBucket,
    context: home,
    principal: LOG_ARCHIVE_ADMIN,
  },
  { what: 'delete a log object', action: 's3:DeleteObject', resource: logObject, context: home, principal: LOG_ARCHIVE_ADMIN },
  { what: 'forge a log object', action: 's3:PutObject', resource: logObject, context: home, principal: LOG_ARCHIVE_ADMIN },
  {
    what: 'bypass the log object lock',
    action: 's3:BypassGovernanceRetention',
    resource: logObject,
    context: home,
    principal: LOG_ARCHIVE_ADMIN,
  },
  {
    what: "open the access-logs bucket's policy",
    action: 's3:PutBucketPolicy',
    resource: accessLogsBucket,
    context: home,
    principal: LOG_ARCHIVE_ADMIN,
  },
  // The baseline keys, recognised by their aliases.
  {
    what: 'schedule the log archive key for deletion',
    action: 'kms:ScheduleKeyDeletion',
    resource: key,
    context: aliased('alias/example/log-archive'),
    resourcePolicy: KEY_POLICY,
  },
  {
    what: 'disable a backup vault key',
    action: 'kms:DisableKey',
    resource: key,
    context: aliased('alias/backup/example-backup'),
    resourcePolicy: KEY_POLICY,
  },
  {
    what: "replace the platform key's policy",
    action: 'kms:PutKeyPolicy',
    resource: key,
    context: aliased('alias/example/platform'),
    resourcePolicy: KEY_POLICY,
  },
  {
    what: 'delete the alias that protects the log archive key',
    action: 'kms:DeleteAlias',
    resource: arn('kms', 'alias/example/log-archive'),
    context: home,
  },
  {
    what: 'grant itself the platform key',
    action: 'kms:CreateGrant',
    resource: key,
    context: { ...aliased('alias/example/platform'), 'kms:GrantIsForAWSResource': 'false' },
    resourcePolicy: KEY_POLICY,
  },
  // The backup vaults' protection.
  { what: 'delete the backup vault', action: 'backup:DeleteBackupVault', resource: vault, context: home },
  { what: "replace the vault's access policy", action: 'backup:PutBackupVaultAccessPolicy', resource: vault, context: home },
  {
    what: "remove the copy vault's lock",
    action: 'backup:DeleteBackupVaultLockConfiguration',
    resource: copyVault,
    context: inRegion(SECOND),
  },
  // The platform's roles and policies.
  { what: 'pass a platform role to a function of its own', action: 'iam:PassRole', resource: platformRole, context: global },
  { what: 'trust another principal with a platform role', action: 'iam:UpdateAssumeRolePolicy', resource: platformRole, context: global },
  { what: 'give a platform role more rights', action: 'iam:AttachRolePolicy', resource: platformRole, context: global },
  {
    what: 'create a role under the platform prefix (it would be exempt)',
    action: 'iam:CreateRole',
    resource: role(MEMBER, 'Example-Escape'),
    context: global,
  },
  {
    what: "create a role under the CDK execution role's name (it would be exempt)",
    action: 'iam:CreateRole',
    resource: role(MEMBER, 'cdk-escape-cfn-exec-role-x'),
    context: global,
  },
  { what: 'trust itself with the deploy role', action: 'iam:UpdateAssumeRolePolicy', resource: DEPLOYER, context: global },
  {
    what: 'remove the boundary of a people role',
    action: 'iam:DeleteRolePermissionsBoundary',
    resource: role(MEMBER, 'LandingZone-Auditor'),
    context: global,
  },
  { what: 'rewrite the permission boundary', action: 'iam:CreatePolicyVersion', resource: boundary, context: global },
  {
    what: 'make another version of a platform policy the default',
    action: 'iam:SetDefaultPolicyVersion',
    resource: platformPolicy,
    context: global,
  },
  {
    what: 'assume a platform role, even one whose trust names the account',
    action: 'sts:AssumeRole',
    resource: platformRole,
    context: global,
    resourcePolicy: trustOf(MEMBER),
  },
  // The platform's functions and the alert path.
  {
    what: 'invoke the hardening function with a made-up event',
    action: 'lambda:InvokeFunction',
    resource: platformFunction,
    context: home,
  },
  { what: "replace the hardening function's code", action: 'lambda:UpdateFunctionCode', resource: platformFunction, context: home },
  { what: 'delete a finding rule', action: 'events:DeleteRule', resource: findingRule, context: home },
  { what: "remove a finding rule's targets", action: 'events:RemoveTargets', resource: findingRule, context: home },
  { what: 'delete a CIS alarm', action: 'cloudwatch:DeleteAlarms', resource: cisAlarm, context: home },
  { what: 'silence a CIS alarm', action: 'cloudwatch:DisableAlarmActions', resource: cisAlarm, context: home },
  { what: "delete the trail's log group", action: 'logs:DeleteLogGroup', resource: trailLogGroup, context: home },
  { what: 'delete a CIS metric filter', action: 'logs:DeleteMetricFilter', resource: trailLogGroup, context: home },
  // IAM authorizes Unsubscribe on the topic (the guardrail's topic pattern also covers the
  // subscription ARNs, `<topic>:<id>`, which the simulator does not know as a resource type).
  { what: 'unsubscribe the security alert recipients', action: 'sns:Unsubscribe', resource: securityTopic, context: home },
  { what: 'change the security alert topic', action: 'sns:SetTopicAttributes', resource: securityTopic, context: home },
  { what: 'delete the FinOps alert topic', action: 'sns:DeleteTopic', resource: finopsTopic, context: home },
  { what: "erase the alert notifier's memory", action: 'dynamodb:DeleteItem', resource: notifierTable, context: home },
  // The account.
  { what: 'leave the organization', action: 'organizations:LeaveOrganization', resource: '*', context: global },
  { what: 'switch off EBS encryption by default', action: 'ec2:DisableEbsEncryptionByDefault', resource: '*', context: home },
  { what: 'change the default EBS key', action: 'ec2:ModifyEbsDefaultKmsKeyId', resource: '*', context: home },
  { what: 'switch off account-level S3 Block Public Access', action: 's3:PutAccountPublicAccessBlock', resource: '*', context: global },
  { what: 'allow public AMIs again', action: 'ec2:DisableImageBlockPublicAccess', resource: '*', context: home },
  { what: 'allow public snapshots again', action: 'ec2:DisableSnapshotBlockPublicAccess', resource: '*', context: home },
  { what: 'allow IMDSv1 again', action: 'ec2:ModifyInstanceMetadataDefaults', resource: '*', context: home },
  { what: 'delete the password policy', action: 'iam:DeleteAccountPasswordPolicy', resource: '*', context: global },
  { what: 'weaken the password policy', action: 'iam:UpdateAccountPasswordPolicy', resource: '*', context: global },
  { what: 'delete the security contact', action: 'account:DeleteAlternateContact', resource: '*', context: global },
  { what: 'use the root user (even for a global read)', action: 's3:ListAllMyBuckets', resource: '*', context: global, principal: ROOT },
  // Data residency.
  {
    what: 'launch an instance outside the allowed regions',
    action: 'ec2:RunInstances',
    resource: arn('ec2', 'instance/i-0123456789abcdef0', OUTSIDE),
    context: inRegion(OUTSIDE),
  },
  {
    what: 'create a bucket outside the allowed regions',
    action: 's3:CreateBucket',
    resource: `arn:${PARTITION}:s3:::shop-us`,
    context: inRegion(OUTSIDE),
  },
  {
    what: 'deploy a function outside the allowed regions',
    action: 'lambda:CreateFunction',
    resource: arn('lambda', 'function:shop', 'us-west-2'),
    context: inRegion('us-west-2'),
  },
];

const legitimate: Row[] = [
  {
    what: 'launch an instance in the home region',
    action: 'ec2:RunInstances',
    resource: arn('ec2', 'instance/i-0123456789abcdef0'),
    context: home,
  },
  { what: 'write to a workload bucket', action: 's3:PutObject', resource: `arn:${PARTITION}:s3:::app-assets/index.html`, context: home },
  { what: 'create a workload role', action: 'iam:CreateRole', resource: role(MEMBER, 'app-api'), context: global },
  { what: 'pass a workload role to a service', action: 'iam:PassRole', resource: role(MEMBER, 'app-task'), context: global },
  { what: 'list roles (IAM is global)', action: 'iam:ListRoles', resource: '*', context: global },
  { what: 'ask who it is (STS is global)', action: 'sts:GetCallerIdentity', resource: '*', context: global },
  { what: 'triage a Security Hub finding', action: 'securityhub:BatchUpdateFindings', resource: hub, context: home },
  { what: 'archive a GuardDuty finding', action: 'guardduty:ArchiveFindings', resource: '*', context: home },
  { what: 'archive an Access Analyzer finding', action: 'access-analyzer:UpdateFindings', resource: analyzer, context: home },
  {
    what: 'schedule a workload key for deletion',
    action: 'kms:ScheduleKeyDeletion',
    resource: key,
    context: aliased('alias/app'),
    resourcePolicy: KEY_POLICY,
  },
  {
    what: "update a workload function's code",
    action: 'lambda:UpdateFunctionCode',
    resource: arn('lambda', 'function:app-api'),
    context: home,
  },
  {
    what: 'create an alarm for a workload',
    action: 'cloudwatch:PutMetricAlarm',
    resource: arn('cloudwatch', 'alarm:app-latency'),
    context: home,
  },
  {
    what: 'read the budgets (billing is global)',
    action: 'budgets:ViewBudget',
    resource: `arn:${PARTITION}:budgets::${MEMBER}:budget/monthly`,
    context: global,
  },
  { what: 'read the logs', action: 's3:GetObject', resource: logObject, context: home, principal: LOG_ARCHIVE_ADMIN },
  {
    what: 'deploy a workload with the CDK (assume the bootstrap deploy role)',
    action: 'sts:AssumeRole',
    resource: role(MEMBER, `cdk-hnb659fds-deploy-role-${MEMBER}-${HOME}`),
    context: global,
    resourcePolicy: trustOf(MEMBER),
  },
  {
    what: "pass the CDK execution role to CloudFormation (the CDK deploy role's way of deploying a workload)",
    action: 'iam:PassRole',
    resource: CDK_EXEC_ROLE,
    context: global,
    principal: role(MEMBER, `cdk-hnb659fds-deploy-role-${MEMBER}-${HOME}`),
  },
  {
    what: 'switch into a people role from the identity account (people sign in there)',
    action: 'sts:AssumeRole',
    resource: role(MEMBER, 'LandingZone-Administrator'),
    context: global,
    resourcePolicy: trustOf(IDENTITY),
    principal: `arn:${PARTITION}:iam::${IDENTITY}:user/alice`,
  },
];

/** What the exempt roles may do (the platform sets the hardening, deployments change the baseline), and what still binds them. */
const exempt: Array<Row & { readonly expected: 'Allowed' | 'ExplicitlyDenied' }> = [
  {
    what: 'the hardening role sets account-level S3 Block Public Access',
    principal: HARDENING_ROLE,
    action: 's3:PutAccountPublicAccessBlock',
    resource: '*',
    context: global,
    expected: 'Allowed',
  },
  {
    what: 'the CDK execution role puts the Config recorder',
    principal: CDK_EXEC_ROLE,
    action: 'config:PutConfigurationRecorder',
    resource: '*',
    context: home,
    expected: 'Allowed',
  },
  {
    what: 'the deploy role puts the Config recorder',
    principal: DEPLOYER,
    action: 'config:PutConfigurationRecorder',
    resource: '*',
    context: home,
    expected: 'Allowed',
  },
  {
    what: "the deploy role changes the trail's event selectors",
    principal: DEPLOYER,
    action: 'cloudtrail:PutEventSelectors',
    resource: trail,
    context: home,
    expected: 'Allowed',
  },
  {
    what: 'the deploy role passes a platform role to its function (CloudFormation acts with its session)',
    principal: DEPLOYER,
    action: 'iam:PassRole',
    resource: platformRole,
    context: global,
    expected: 'Allowed',
  },
  {
    what: "the deploy role updates a people role's trust",
    principal: DEPLOYER,
    action: 'iam:UpdateAssumeRolePolicy',
    resource: role(MEMBER, 'LandingZone-Administrator'),
    context: global,
    expected: 'Allowed',
  },
  {
    what: "the deploy role creates the account's Slack channel configuration (chat is a global service answering from us-west-2)",
    principal: DEPLOYER,
    action: 'chatbot:CreateSlackChannelConfiguration',
    // CreateSlackChannelConfiguration has no resource type: the simulator wants `*`.
    resource: '*',
    context: inRegion('us-west-2'),
    expected: 'Allowed',
  },
  {
    what: 'the organization access role bootstraps the account (creates the CDK execution role)',
    principal: ORGANIZATION_ACCESS,
    action: 'iam:CreateRole',
    resource: CDK_EXEC_ROLE,
    context: global,
    expected: 'Allowed',
  },
  {
    what: 'the organization access role deploys the baseline the first time (puts the Config recorder)',
    principal: ORGANIZATION_ACCESS,
    action: 'config:PutConfigurationRecorder',
    resource: '*',
    context: home,
    expected: 'Allowed',
  },
  {
    what: "the member administrator cannot re-trust the organization access role (it would become the administrator's way out)",
    action: 'iam:UpdateAssumeRolePolicy',
    resource: ORGANIZATION_ACCESS,
    context: global,
    expected: 'ExplicitlyDenied',
  },
  ...[HARDENING_ROLE, CDK_EXEC_ROLE, DEPLOYER, ORGANIZATION_ACCESS].map((principal) => ({
    what: `${principal.split('/').pop()} still cannot work outside the allowed regions`,
    principal,
    action: 'ec2:RunInstances',
    resource: arn('ec2', 'instance/i-0123456789abcdef0', OUTSIDE),
    context: inRegion(OUTSIDE),
    expected: 'ExplicitlyDenied' as const,
  })),
  ...[HARDENING_ROLE, DEPLOYER, ORGANIZATION_ACCESS].map((principal) => ({
    what: `${principal.split('/').pop()} still cannot leave the organization`,
    principal,
    action: 'organizations:LeaveOrganization',
    resource: '*',
    context: global,
    expected: 'ExplicitlyDenied' as const,
  })),
];

/** The row's decision for its principal (AdministratorAccess) under the given SCPs. */
async function decision(row: Row, scps: readonly ServiceControlPolicy[]): Promise<string> {
  const principalArn = row.principal ?? ADMIN;
  const principalAccount = principalArn.split(':')[4];
  const resourceAccount = /^\d{12}$/.test(row.resource.split(':')[4] ?? '') ? row.resource.split(':')[4] : principalAccount;
  const principal: PrincipalPolicies = { roleArn: principalArn, identityPolicies: ADMINISTRATOR_ACCESS };
  const request: SimulatedRequest = {
    action: row.action,
    resource: row.resource,
    resourcePolicy: row.resourcePolicy,
    context: { ...row.context, 'aws:PrincipalArn': principalArn },
  };
  return decide(principal, resourceAccount, request, organization(principalAccount, scps));
}

describe('the organization guardrails, simulated for a member account', () => {
  test('has at least 40 attacks and 12 kinds of legitimate work, and the README states the counts', () => {
    expect(attacks.length).toBeGreaterThanOrEqual(40);
    expect(legitimate.length).toBeGreaterThanOrEqual(12);
    const readme = fs.readFileSync(path.join(__dirname, '..', '..', 'README.md'), 'utf8').replace(/\s+/g, ' ');
    expect(readme).toContain(
      `(${attacks.length} attacks denied, ${legitimate.length} kinds of legitimate work allowed, ${exempt.length} rows on what the exempt roles may and may not do;`,
    );
  });

  test.each(attacks)('deny: $what ($action)', async (row) => {
    expect(await decision(row, guardrails)).toBe('ExplicitlyDenied');
  });

  test.each(legitimate)('allow: $what ($action)', async (row) => {
    expect(await decision(row, guardrails)).toBe('Allowed');
  });

  test.each(exempt)('exempt: $what ($action) is $expected', async ({ expected, ...row }) => {
    expect(await decision(row, guardrails)).toBe(expected);
  });

  test('every attack is allowed without the guardrails (FullAWSAccess only): the guardrails are what denies them', async () => {
    const decisions = await Promise.all(attacks.map(async (row) => [row.what, await decision(row, [])] as const));
    expect(decisions.filter(([, result]) => result !== 'Allowed')).toEqual([]);
  });
});
