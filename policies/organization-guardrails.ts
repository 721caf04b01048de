import { ALERT_PATH_CHANGE_ACTIONS, DETECTION_CHANGE_ACTIONS } from '../lib/core/security/detection-actions';
import { SCP_MAX_CHARACTERS, SCPS_PER_TARGET, scpSize, type ServiceControlPolicy } from '../lib/core/rules/organizations';
import { SLUG, SLUG_RULE } from '../lib/core/config/primitives';
import { AWS_COMMERCIAL_REGIONS } from '../lib/core/rules/regions';
import { GLOBAL_SERVICE_ACTIONS } from './baseline-protection';

/** Global services the region guardrail exempts beyond the permission boundary's list. */
const SCP_ONLY_GLOBAL_SERVICE_ACTIONS = ['chatbot:*'];

/** Name of the landing zone's deploy role (`constructs/security/deployer-role.ts`, decision 008). */
export const DEFAULT_DEPLOYER_ROLE_NAME = 'LandingZone-Deployer';

/** The role name pattern of the CDK bootstrap's CloudFormation execution role, in every qualifier, account and region. */
export const CDK_CFN_EXEC_ROLE_PATTERN = 'cdk-*-cfn-exec-role-*';

/**
 * The role AWS Organizations creates in every account it creates (and that AWS asks to create by
 * hand in invited ones), trusted by the management account: the first bootstrap and deployment
 * of a new member account run through it, before the deploy role exists (decision 010).
 */
export const ORGANIZATION_ACCESS_ROLE_NAME = 'OrganizationAccountAccessRole';

/** The roles the hardening, baseline and platform guardrails do not bind, besides the platform's own. */
export const DEFAULT_EXEMPT_ROLE_NAMES: readonly string[] = [
  DEFAULT_DEPLOYER_ROLE_NAME,
  CDK_CFN_EXEC_ROLE_PATTERN,
  ORGANIZATION_ACCESS_ROLE_NAME,
];

/** What the organization guardrails protect, and from whom they exempt the platform. */
export interface OrganizationGuardrailsProps {
  /**
   * The client's slug, e.g. `example`: the backup vaults are `<clientName>-backup*`, the FinOps
   * topic `<clientName>-finops-alerts`, the baseline keys' aliases `alias/<clientName>/*`, the
   * permission boundary `<clientName>-baseline-protection`.
   */
  readonly clientName: string;

  /**
   * The client's name in PascalCase and a hyphen, e.g. `Example-`: every stack name starts with
   * it, hence every role, function, rule, alarm, log group, topic, table and policy name that
   * CloudFormation generates for the platform. Also the start of every guardrail's name.
   */
  readonly platformNamePrefix: string;

  /** Regions where the client's data may live; any regional request elsewhere is denied. At least one. */
  readonly allowedRegions: readonly string[];

  /**
   * Names (not ARNs) of the central log archive bucket and its access-logs bucket: no bucket
   * setting can be changed, the buckets cannot be deleted, and no object can be written (forged),
   * deleted or have its retention bypassed. At least one.
   */
  readonly logBucketNames: readonly string[];

  /** The partition of every ARN: the `Aws.PARTITION` token in a stack, or a literal such as `aws` in tests. */
  readonly partition: string;

  /**
   * Names of roles, besides the platform's own (`<platformNamePrefix>*`), that the hardening and
   * baseline guardrails do not bind (`*` wildcards allowed): the principals that deploy the
   * baseline and must be able to change it. The landing zone deploys with the deploy role's own
   * session (`CliCredentialsStackSynthesizer`), so CloudFormation acts as `LandingZone-Deployer`;
   * workloads deployed with the CDK's bootstrap roles act as the CloudFormation execution role.
   * `OrganizationAccountAccessRole` runs the first bootstrap and deployment of a member account.
   * Nobody else can create, re-trust or give rights to a role with these names.
   * @default DEFAULT_EXEMPT_ROLE_NAMES: LandingZone-Deployer, cdk-*-cfn-exec-role-*, OrganizationAccountAccessRole
   */
  readonly exemptRoleNames?: readonly string[];
}

/** How a CDK string token looks before it is resolved (`Aws.PARTITION` gives `${Token[AWS.Partition.8]}`). */
const CDK_TOKEN = /\$\{Token\[[^\]]+\]\}/g;

// The limits live with the other Organizations quotas (lib/core); re-exported for the callers of the guardrails.
export { SCP_MAX_CHARACTERS, SCPS_PER_TARGET, scpSize, type ServiceControlPolicy };

const PREFIX_PATTERN = /^[A-Z][A-Za-z0-9]{0,62}-$/;
const BUCKET_NAME_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const ROLE_NAME_PATTERN = /^[\w+=,.@*-]{1,64}$/;
const SID_PATTERN = /^[A-Za-z0-9]+$/;
const PARTITION_PATTERN = /^aws(-[a-z]+)*$/;

/**
 * The guardrail SCPs attached to the organization root (they apply to every member account,
 * never to the management account). At most four, so that with AWS's FullAWSAccess they fill the
 * five SCPs a target can carry; each fits {@link SCP_MAX_CHARACTERS} or this throws.
 *
 * 1. `<Client>-region-guardrail`: no regional request outside `allowedRegions` (data residency),
 *    for everyone: the platform's own us-east-1 stacks (FinOps) live in the management account.
 * 2. `<Client>-account-guardrail`: no leaving the organization, no root user, no weakening of the
 *    account hardening (EBS encryption, S3/AMI/snapshot public access blocks, IMDS defaults,
 *    password policy, alternate contacts) except by the platform, which sets it.
 * 3. `<Client>-baseline-guardrail`: the promises of the baseline protection boundary
 *    (`policies/baseline-protection.ts`, decision 004) for every principal of every member
 *    account: trail, Config, GuardDuty, Security Hub, Access Analyzer, the log archive, the
 *    baseline keys (by alias) and the backup vaults.
 * 4. `<Client>-platform-guardrail`: the platform's roles, policies, functions and the alert path
 *    (rules, alarms, log groups, topics, tables), and the exempt roles themselves.
 *
 * The hardening, baseline and platform guardrails exempt the platform's principals
 * (`aws:PrincipalArn` of roles named `<platformNamePrefix>*`, and `exemptRoleNames`): the
 * platform's custom resources set the hardening, and deployments change the baseline. Their ARNs
 * name every account (`*`): the same SCP binds every member account. Service-linked roles are
 * never bound by SCPs. Hand triage of findings (`securityhub:BatchUpdateFindings`,
 * `guardduty:ArchiveFindings`, `access-analyzer:UpdateFindings`) stays allowed, as in the boundary.
 */
export function guardrailPolicies(props: OrganizationGuardrailsProps): ServiceControlPolicy[] {
  const exemptRoleNames = props.exemptRoleNames ?? DEFAULT_EXEMPT_ROLE_NAMES;
  validate(props, exemptRoleNames);
  const { clientName: client, platformNamePrefix: prefix, partition: p } = props;

  const role = (name: string) => `arn:${p}:iam::*:role/${name}`;
  const exemptRoles = [role(`${prefix}*`), ...exemptRoleNames.map(role)];
  // Requests of the platform's roles and of the deploying roles are not bound: they set the
  // hardening and deploy the baseline. Everyone else is.
  const unlessPlatform = { ArnNotLike: { 'aws:PrincipalArn': exemptRoles } };
  const keyAliases = [`alias/${client}/*`, 'alias/backup/*'];
  const onAliasedKeys = { 'ForAnyValue:StringLike': { 'kms:ResourceAliases': keyAliases } };

  const policies: ServiceControlPolicy[] = [
    policy(
      `${prefix}region-guardrail`,
      `Denies regional requests outside ${props.allowedRegions.join(', ')} (data residency); global services stay allowed.`,
      [
        {
          Sid: 'DenyOutsideAllowedRegions',
          Effect: 'Deny',
          // AWS's region-deny example list (see GLOBAL_SERVICE_ACTIONS): global services answer
          // from us-east-1 whatever region the client works in. Plus chat (AWS Chatbot / Amazon Q
          // Developer in chat applications), a global service whose endpoint is in us-west-2 (IAM
          // guide, region-deny example): every account's chat channels are created through it. An
          // SCP binds the deploy role too, unlike the boundary, which has no chat channels to protect.
          NotAction: [...GLOBAL_SERVICE_ACTIONS, ...SCP_ONLY_GLOBAL_SERVICE_ACTIONS],
          Resource: '*',
          Condition: { StringNotEquals: { 'aws:RequestedRegion': [...props.allowedRegions] } },
        },
      ],
    ),

    policy(`${prefix}account-guardrail`, 'Denies leaving the organization, the root user, and weakening the account hardening.', [
      // An account outside the organization is outside every guardrail.
      deny('DenyLeaveOrganization', ['organizations:LeaveOrganization'], '*'),
      // The root user of a member account is never needed day to day (the management account
      // can reset its password); a stolen root password must not open the account.
      deny('DenyRootUser', ['*'], '*', { ArnLike: { 'aws:PrincipalArn': `arn:${p}:iam::*:root` } }),
      // The account hardening that the platform's custom resources set.
      deny(
        'DenyHardeningChanges',
        [
          'account:DeleteAlternateContact',
          'ec2:DisableEbsEncryptionByDefault',
          'ec2:DisableImageBlockPublicAccess',
          'ec2:DisableSnapshotBlockPublicAccess',
          'ec2:ModifyEbsDefaultKmsKeyId',
          // ResetEbsDefaultKmsKeyId falls back to the AWS managed key, which cannot be shared.
          'ec2:ResetEbsDefaultKmsKeyId',
          'ec2:ModifyInstanceMetadataDefaults',
          'iam:DeleteAccountPasswordPolicy',
          'iam:UpdateAccountPasswordPolicy',
          // Also what DeletePublicAccessBlock for the account needs: S3 has no separate action.
          's3:PutAccountPublicAccessBlock',
        ],
        '*',
        unlessPlatform,
      ),
    ]),

    policy(
      `${prefix}baseline-guardrail`,
      'Denies weakening audit logging, threat detection, the log archive, the baseline keys and the backup vaults.',
      [
        // Every trail of a member account: the baseline's own trail where there is one (an
        // organization trail belongs to the management account, which members cannot change).
        deny(
          'DenyTrailChanges',
          ['cloudtrail:DeleteTrail', 'cloudtrail:Put*', 'cloudtrail:StopLogging', 'cloudtrail:UpdateTrail'],
          `arn:${p}:cloudtrail:*:*:trail/*`,
          unlessPlatform,
        ),
        // Actions without a resource type, or on resources with generated names (recorders,
        // detectors, hubs, analyzers): `*`. The same list as the boundary's DenyBaselineChanges.
        deny(
          'DenyDetectionChanges',
          [
            // The boundary's list (lib/core/security/detection-actions.ts): recording, delivery and
            // rules of Config, GuardDuty filters and IP sets, leaving the administrator account,
            // Security Hub standards and automation rules, Access Analyzer analyzers and archive rules.
            ...DETECTION_CHANGE_ACTIONS,
          ],
          '*',
          unlessPlatform,
        ),
        // The log archive: bucket settings and deletion on the buckets; Put* on the objects also
        // keeps forged logs out (logs arrive from the services, which SCPs do not bind).
        deny(
          'DenyLogArchiveChanges',
          ['s3:BypassGovernanceRetention', 's3:Delete*', 's3:Put*'],
          props.logBucketNames.flatMap((name) => [`arn:${p}:s3:::${name}`, `arn:${p}:s3:::${name}/*`]),
          unlessPlatform,
        ),
        // Key ARNs differ per account: the baseline keys are recognised by their aliases.
        deny('DenyKeyChanges', ['kms:Disable*', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion'], '*', {
          ...onAliasedKeys,
          ...unlessPlatform,
        }),
        // Moving or deleting the alias first would take a key out of the statement above.
        deny(
          'DenyAliasChanges',
          ['kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias'],
          keyAliases.map((alias) => `arn:${p}:kms:*:*:${alias}`),
          unlessPlatform,
        ),
        // A grant is a key permission outside the key policy; AWS services (EBS, RDS, Backup)
        // make the grants they need themselves (kms:GrantIsForAWSResource), people never need one.
        deny('DenyKeyGrants', ['kms:CreateGrant'], '*', {
          Bool: { 'kms:GrantIsForAWSResource': 'false' },
          ...onAliasedKeys,
          ...unlessPlatform,
        }),
        // The lock and the access policy of a vault are what keep its recovery points from being
        // deleted (the access policy allows that to the break-glass role only). Recovery point
        // ARNs do not name their vault, so a Deny of DeleteRecoveryPoint here could only name
        // every recovery point, the break-glass role's included: the vault policy does it.
        deny(
          'DenyBackupVaultChanges',
          ['backup:DeleteBackupVault*', 'backup:PutBackupVault*'],
          [`arn:${p}:backup:*:*:backup-vault:${client}-backup*`],
          unlessPlatform,
        ),
      ],
    ),

    policy(
      `${prefix}platform-guardrail`,
      "Denies changing, borrowing or silencing the platform's roles, policies, functions, rules, alarms, log groups, topics and tables.",
      [
        // A new role under an exempt name would be a principal outside every guardrail; a new
        // trust, policy or boundary on a platform role would lend its rights. People roles
        // (LandingZone-*) are changed only by deployments, too. Assuming them stays a matter of
        // their trust policies: people sign in to an identity account (a member account too) and
        // switch into them, which a Deny of sts:AssumeRole here would stop. Passing the CDK's
        // execution role stays allowed: that is how the CDK deploy role deploys workloads.
        deny(
          'DenyPlatformRoleChanges',
          [
            'iam:AttachRolePolicy',
            'iam:CreateRole',
            'iam:DeleteRole*',
            'iam:DetachRolePolicy',
            'iam:PutRole*',
            'iam:UpdateAssumeRolePolicy',
            'iam:UpdateRole*',
          ],
          [...exemptRoles, role('LandingZone-*')],
          unlessPlatform,
        ),
        // A new default version of a platform policy or the boundary would change what it allows.
        deny(
          'DenyPlatformPolicyChanges',
          ['iam:CreatePolicyVersion', 'iam:DeletePolicy*', 'iam:SetDefaultPolicyVersion'],
          [`arn:${p}:iam::*:policy/${prefix}*`, `arn:${p}:iam::*:policy/${client}-baseline-protection`],
          unlessPlatform,
        ),
        // The platform's roles are for AWS services only (passed by deployments, assumed by the
        // services); its functions hold the rights of those roles (new code, an invoke with a
        // made-up event would use them); its rules, alarms, log groups, topics (also their
        // subscriptions, `<topic>:<id>`) and tables are the alert path from a finding to a
        // person, and its evidence.
        deny(
          'DenyPlatformChanges',
          [
            'iam:PassRole',
            'sts:AssumeRole',
            'lambda:AddPermission',
            'lambda:DeleteFunction*',
            'lambda:InvokeFunction',
            'lambda:PutFunction*',
            'lambda:RemovePermission',
            'lambda:UpdateFunction*',
            ...ALERT_PATH_CHANGE_ACTIONS,
            'sns:*Permission',
            'sns:DeleteTopic',
            'sns:Set*Attributes',
            'sns:Unsubscribe',
            // The alert notifier's memory of alerted findings: written only by the notifier.
            'dynamodb:*',
          ],
          [
            role(`${prefix}*`),
            `arn:${p}:lambda:*:*:function:${prefix}*`,
            `arn:${p}:events:*:*:rule/${prefix}*`,
            `arn:${p}:cloudwatch:*:*:alarm:${prefix}*`,
            `arn:${p}:logs:*:*:log-group:${prefix}*`,
            `arn:${p}:logs:*:*:log-group:/aws/lambda/${prefix}*`,
            `arn:${p}:sns:*:*:${prefix}*`,
            `arn:${p}:sns:*:*:${client}-finops-alerts*`,
            `arn:${p}:dynamodb:*:*:table/${prefix}*`,
          ],
          unlessPlatform,
        ),
      ],
    ),
  ];

  if (policies.length > SCPS_PER_TARGET - 1) {
    throw new Error(
      `OrganizationGuardrails: ${policies.length} guardrail SCPs, but a target takes ${SCPS_PER_TARGET} SCPs including AWS's FullAWSAccess (at most ${SCPS_PER_TARGET - 1})`,
    );
  }
  for (const scp of policies) checkPolicy(scp);
  return policies;
}

/** The SCP of the Suspended OU: deny everything, so an account on its way out can do nothing. */
export function suspendedPolicy(props: Pick<OrganizationGuardrailsProps, 'platformNamePrefix'>): ServiceControlPolicy {
  validatePrefix(props.platformNamePrefix);
  const scp = policy(`${props.platformNamePrefix}suspended`, 'Denies every request: accounts in the Suspended OU are on their way out.', [
    deny('DenyAll', ['*'], '*'),
  ]);
  checkPolicy(scp);
  return scp;
}

function policy(name: string, description: string, statements: object[]): ServiceControlPolicy {
  return { name, description, document: { Version: '2012-10-17', Statement: statements } };
}

/** A Deny statement; one action or resource is written as a string, which AWS counts shorter. */
function deny(sid: string, actions: string[], resources: string | string[], conditions?: Record<string, unknown>): object {
  const one = (values: string | string[]) => (Array.isArray(values) && values.length === 1 ? values[0] : values);
  return {
    Sid: sid,
    Effect: 'Deny',
    Action: one(actions),
    Resource: one(resources),
    ...(conditions ? { Condition: conditions } : {}),
  };
}

function checkPolicy(scp: ServiceControlPolicy): void {
  const size = scpSize(scp);
  if (size > SCP_MAX_CHARACTERS) {
    throw new Error(
      `OrganizationGuardrails: SCP "${scp.name}" would be ${size} characters, over AWS Organizations' limit of ${SCP_MAX_CHARACTERS}; ` +
        'shorten the log bucket names or the allowed regions, or split the policy',
    );
  }
  for (const statement of scp.document.Statement as Array<{ Sid?: string }>) {
    if (!statement.Sid || !SID_PATTERN.test(statement.Sid)) {
      throw new Error(`OrganizationGuardrails: SCP "${scp.name}" has Sid "${statement.Sid}"; SCP Sids are letters and digits only`);
    }
  }
}

function validatePrefix(prefix: string): void {
  if (!PREFIX_PATTERN.test(prefix)) {
    throw new Error(
      `OrganizationGuardrails: platformNamePrefix must be the client name in PascalCase followed by "-", such as "Example-" (an upper-case letter, then letters and digits, 2-64 characters) (received "${prefix}")`,
    );
  }
}

function validate(props: OrganizationGuardrailsProps, exemptRoleNames: readonly string[]): void {
  const where = 'OrganizationGuardrails';
  if (!SLUG.test(props.clientName)) {
    throw new Error(`${where}: clientName must be the client's slug, ${SLUG_RULE} (received "${props.clientName}")`);
  }
  validatePrefix(props.platformNamePrefix);
  if (!PARTITION_PATTERN.test(props.partition) && props.partition.replace(CDK_TOKEN, '') !== '') {
    throw new Error(`${where}: partition must be a partition such as "aws", or the Aws.PARTITION token (received "${props.partition}")`);
  }
  if (props.allowedRegions.length === 0) {
    throw new Error(`${where}: allowedRegions must name at least one region, such as "eu-central-1" (received none)`);
  }
  for (const region of props.allowedRegions) {
    if (!AWS_COMMERCIAL_REGIONS.includes(region)) {
      throw new Error(
        `${where}: allowedRegions must hold region codes of the commercial partition, such as "eu-central-1" (received "${region}")`,
      );
    }
  }
  if (props.logBucketNames.length === 0) {
    throw new Error(`${where}: logBucketNames must name at least one bucket, such as "lz-logs-222222222222-eu-central-1" (received none)`);
  }
  for (const name of props.logBucketNames) {
    if (!BUCKET_NAME_PATTERN.test(name)) {
      throw new Error(
        `${where}: logBucketNames must hold S3 bucket names (3-63 lower-case letters, digits, dots and hyphens; not ARNs), such as "lz-logs-222222222222-eu-central-1" (received "${name}")`,
      );
    }
  }
  for (const name of exemptRoleNames) {
    if (!ROLE_NAME_PATTERN.test(name) || name.replace(/\*/g, '').length === 0) {
      throw new Error(
        `${where}: exemptRoleNames must hold IAM role names (1-64 letters, digits, +=,.@_- and * wildcards, not only wildcards), such as "LandingZone-Deployer" (received "${name}")`,
      );
    }
  }
}
