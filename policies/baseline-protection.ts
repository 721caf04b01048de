import { ALERT_PATH_CHANGE_ACTIONS, DETECTION_CHANGE_ACTIONS, RULE_CHANGE_ACTIONS } from '../lib/core/security/detection-actions';
import { Aws, Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { RegionInfo } from 'aws-cdk-lib/region-info';
import { Construct } from 'constructs';
import { acknowledge } from '../constructs/shared/compliance';

/** Name of the boundary policy when none is given. */
export const DEFAULT_BASELINE_PROTECTION_POLICY_NAME = 'landing-zone-baseline-protection';

/**
 * IAM's limit for a customer managed policy document, in characters without white space
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html).
 */
export const MANAGED_POLICY_MAX_CHARACTERS = 6144;

/**
 * Actions that stay allowed whatever region a request names: global services whose single
 * endpoint lives in us-east-1 (or is reached through it), so that a region restriction would
 * otherwise break them.
 *
 * It follows the "Deny access to AWS based on the requested AWS Region" example SCP of the AWS
 * Organizations user guide
 * (https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html,
 * also aws-samples/service-control-policy-examples), with these differences:
 * - `kms:*` is left out. KMS has only regional endpoints; the example exempts it for keys used by
 *   global services such as CloudFront, which the landing zone does not use. Keys protect client
 *   data, so creating and using them stays inside the allowed regions.
 * - Added from AWS Control Tower's region deny control (which extends the same list): `account:*`
 *   (alternate contacts, regions), `billing:*`, `consolidatedbilling:*`, `freetier:*` and
 *   `invoicing:*` (the billing console), all global.
 * - Added `s3:GetBucketLocation`: the S3 console asks every bucket for its region through the
 *   global endpoint; the answer is metadata, never data.
 * - Left out the retired services of the example (`a4b` Alexa for Business, `chime` Amazon Chime,
 *   `importexport`, `mobileanalytics`, `waf` and `waf-regional`: WAF Classic, whose support
 *   ended on 30 September 2025): nothing can be done with them, and every character counts
 *   towards the boundary's 6,144.
 * - Left out Route 53 Application Recovery Controller (`route53-recovery-*`), whose control plane
 *   is in us-west-2: multi-region failover is not what a small client in one region needs, and a
 *   client that does switches `denyOutsideAllowedRegions` off.
 *
 * `ce:*` (Cost Explorer, us-east-1 only), `budgets:*`, `cur:*` and `pricing:*` are in the list, so
 * FinOps keeps working from any region.
 */
export const GLOBAL_SERVICE_ACTIONS: readonly string[] = [
  'account:*',
  'acm:*',
  'aws-marketplace-management:*',
  'aws-marketplace:*',
  'aws-portal:*',
  'billing:*',
  'budgets:*',
  'ce:*',
  'cloudfront:*',
  'config:*',
  'consolidatedbilling:*',
  'cur:*',
  'directconnect:*',
  'ec2:DescribeRegions',
  'ec2:DescribeTransitGateways',
  'ec2:DescribeVpnGateways',
  'fms:*',
  'freetier:*',
  'globalaccelerator:*',
  'health:*',
  'iam:*',
  'invoicing:*',
  'networkmanager:*',
  'organizations:*',
  'pricing:*',
  'route53:*',
  'route53domains:*',
  's3:GetAccountPublic*',
  's3:GetBucketLocation',
  's3:ListAllMyBuckets',
  's3:ListMultiRegionAccessPoints',
  's3:PutAccountPublic*',
  'shield:*',
  'sts:*',
  'support:*',
  'trustedadvisor:*',
  'wafv2:*',
  'wellarchitected:*',
];

/**
 * What the baseline protection boundary protects.
 *
 * The whole document must stay under 6,144 characters: the fixed statements take about 3,900 (in
 * the longest partition name), which leaves room for about 25 ARNs of 90 characters. Wildcard
 * ARNs count once (e.g. `arn:aws:events:eu-west-1:123456789012:rule/Acme-Production-Security-*`
 * for every rule of one stack). A synth-time check fails with the estimated size when it is over.
 */
export interface BaselineProtectionProps {
  /**
   * Name of the managed policy. It must be fixed because the policy names its own ARN (to forbid
   * editing itself and to require itself as the boundary of new roles); see
   * {@link BaselineProtectionBoundary}. IAM policy names are unique per account.
   * @default 'landing-zone-baseline-protection'
   */
  readonly managedPolicyName?: string;

  /**
   * Trails that may not be stopped, deleted or changed.
   * @default - every trail of the account in every region (`arn:<partition>:cloudtrail:*:<account>:trail/*`)
   */
  readonly protectedTrailArns?: string[];

  /**
   * ARNs of the log archive bucket(s) (`arn:<partition>:s3:::<name>`): no bucket setting
   * (`s3:PutBucket*`: policy, ACL, lock, versioning, logging, public access block...), encryption,
   * lifecycle or replication can be changed, the buckets cannot be deleted, and no log object can
   * be written (forged), deleted or have its retention bypassed or changed. At least one.
   */
  readonly logBucketArns: string[];

  /**
   * ARNs of the baseline KMS keys (trail, logs, alerts): they cannot be disabled, scheduled for
   * deletion, lose rotation or get a new key policy. At least one.
   */
  readonly protectedKeyArns: string[];

  /**
   * Aliases (`alias/backup/*` patterns allowed) of baseline keys whose ARNs this stack cannot
   * know, such as the backup vault keys created later in other stacks and regions: the same key
   * changes are denied for every key carrying such an alias (`kms:ResourceAliases`).
   * @default - none
   */
  readonly protectedKeyAliases?: string[];

  /**
   * ARNs of the backup vaults (wildcards allowed, e.g. `arn:aws:backup:*:123456789012:backup-vault:acme-backup*`):
   * their lock configuration and access policy cannot be changed or removed, and they cannot be deleted.
   * @default - none
   */
  readonly protectedBackupVaultArns?: string[];

  /**
   * Regions where the client's data may live. Any request for another region is denied, except
   * for the global services in {@link GLOBAL_SERVICE_ACTIONS}. At least one.
   */
  readonly allowedRegions: string[];

  /**
   * Whether to deny requests for regions outside `allowedRegions` (data residency). Switch it off
   * only for a client without residency requirements that needs a regional service elsewhere.
   * @default true
   */
  readonly denyOutsideAllowedRegions?: boolean;

  /**
   * ARNs of the alert topics the baseline relies on (security alerts above all): they cannot be
   * deleted, and their policy and attributes (encryption, delivery) cannot be changed.
   * @default - alert topics are not protected
   */
  readonly alertTopicArns?: string[];

  /**
   * ARNs of the EventBridge rules that route findings to the alert topics: they cannot be deleted,
   * disabled, rewritten or lose their targets.
   * @default - alert rules are not protected
   */
  readonly alertRuleArns?: string[];

  /**
   * The start of the names of the platform's own IAM roles, customer managed policies and Lambda
   * functions: first the client's stack name prefix (`Example-`), under which CloudFormation
   * generates the names of its roles, policies and functions (`<stack name>-<logical id>-<suffix>`),
   * then further role name prefixes such as `LandingZone-` (the people and break-glass roles).
   * Their policies, trust, code and configuration cannot be changed, they cannot be passed to
   * another service or invoked, and they cannot be deleted: any of that would hand out the
   * platform's rights without this boundary (a new policy version of the collector's policy, a
   * new trust policy, new code, an invoke of the hardening function with a made-up event).
   *
   * The first prefix also names the platform's EventBridge rules, CloudWatch alarms and log
   * groups (CloudFormation-generated names, or `<stack name>-<what>` for alarms): rules cannot be
   * deleted, disabled, rewritten or lose their targets; alarms cannot be deleted, silenced or
   * rewritten; log groups (the trail's, with its CIS metric filters, and the functions') cannot
   * be deleted, lose streams, filters or retention, or change key. That is the alert path from
   * a finding or a CIS event to the alert topic, and the evidence behind it.
   * @default - none (only the statements above)
   */
  readonly platformNamePrefixes?: string[];
}

/** Key changes that would destroy or expose what a baseline key protects. */
const KEY_CHANGES = ['kms:Disable*', 'kms:PutKeyPolicy', 'kms:ScheduleKeyDeletion'];

/** Rule changes that would stop a rule from routing its events (to the alert topics). */
const RULE_CHANGES = [...RULE_CHANGE_ACTIONS];

const POLICY_NAME_PATTERN = /^[\w+=,.@-]{1,128}$/;
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** `arn:<partition>:iam::<account>:policy/<name>` of the boundary, built without referring to the policy resource. */
export function baselineProtectionPolicyArn(managedPolicyName: string = DEFAULT_BASELINE_PROTECTION_POLICY_NAME): string {
  return `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:policy/${managedPolicyName}`;
}

/**
 * The statements of the baseline protection permission boundary, for a security reviewer to read
 * in one place. Pure: it creates no construct and depends only on its arguments (account and
 * partition are CloudFormation pseudo parameters).
 *
 * 1. Allow everything: a boundary only caps what the role's own policies grant.
 * 2. Deny weakening the baseline: audit logging (CloudTrail, Config), threat detection (GuardDuty,
 *    Security Hub, IAM Access Analyzer), the log archive buckets and their objects, the baseline
 *    keys, account hardening (S3 Block Public Access, EBS encryption, IMDS defaults, AMI and
 *    snapshot public access blocks, password policy, alternate contacts), IAM users and their
 *    long-term credentials, backup vaults and their keys, and optionally the alert topics.
 * 3. Deny escaping the boundary: roles can only be created, or given permissions, with this
 *    boundary; no boundary can be removed; this policy cannot be edited or deleted; the
 *    platform's own roles, policies and functions cannot lend their rights (new policy version,
 *    trust, pass, code, invoke), and its rules, alarms and log groups cannot be silenced.
 * 4. Deny requests for regions outside `allowedRegions` (data residency), except global services
 *    (unless `denyOutsideAllowedRegions` is false).
 *
 * Actions that support resource-level permissions are denied on the protected ARNs only; the
 * others are denied on `*` (see each statement). A Deny on an ARN that an action does not
 * support would never match, so `*` is the only safe choice there.
 */
export function baselineProtectionStatements(props: BaselineProtectionProps): iam.PolicyStatement[] {
  const policyName = props.managedPolicyName ?? DEFAULT_BASELINE_PROTECTION_POLICY_NAME;
  validate(props, policyName);
  const policyArn = baselineProtectionPolicyArn(policyName);
  const trailArns = props.protectedTrailArns ?? [`arn:${Aws.PARTITION}:cloudtrail:*:${Aws.ACCOUNT_ID}:trail/*`];

  const deny = (sid: string, actions: string[], resources: string[], conditions?: Record<string, unknown>) =>
    new iam.PolicyStatement({ sid, effect: iam.Effect.DENY, actions, resources, conditions });

  const statements = [
    new iam.PolicyStatement({ sid: 'AllowWithinBoundary', effect: iam.Effect.ALLOW, actions: ['*'], resources: ['*'] }),

    deny('DenyTrailChanges', ['cloudtrail:DeleteTrail', 'cloudtrail:Put*', 'cloudtrail:StopLogging', 'cloudtrail:UpdateTrail'], trailArns),

    // One statement for every action that has no resource type, or whose resources have
    // generated names this policy cannot know (Config recorders and rules, GuardDuty detectors,
    // Security Hub, analyzers): `*`. One statement, not one per service, because the document
    // must stay under 6,144 characters. Wildcards are used only where every matching action
    // weakens the baseline or belongs to its code-managed setup.
    deny(
      'DenyBaselineChanges',
      [
        ...DETECTION_CHANGE_ACTIONS,
        // Account hardening.
        'account:DeleteAlternateContact',
        'ec2:DisableEbsEncryptionByDefault',
        'ec2:DisableImageBlockPublicAccess',
        'ec2:DisableSnapshotBlockPublicAccess',
        'ec2:ModifyEbsDefaultKmsKeyId',
        'ec2:ModifyInstanceMetadataDefaults',
        'iam:DeleteAccountPasswordPolicy',
        'iam:UpdateAccountPasswordPolicy',
        's3:PutAccountPublicAccessBlock',
        // No way out of a boundary once set.
        'iam:Delete*PermissionsBoundary',
      ],
      ['*'],
    ),

    // The log archive: bucket settings and deletion on the buckets; writing, deleting and
    // retention of log objects on their objects.
    deny(
      'DenyLogArchiveChanges',
      [
        // Put* also keeps forged objects out: logs arrive from the services only.
        's3:BypassGovernanceRetention',
        's3:Delete*',
        's3:Put*',
      ],
      props.logBucketArns.flatMap((arn) => [arn, `${arn}/*`]),
    ),

    deny('DenyKeyChanges', KEY_CHANGES, props.protectedKeyArns),

    // A role created or given permissions without this boundary would be a way out of it.
    deny('DenyUnboundedRoles', ['iam:AttachRolePolicy', 'iam:CreateRole', 'iam:PutRolePermissionsBoundary', 'iam:PutRolePolicy'], ['*'], {
      StringNotEquals: { 'iam:PermissionsBoundary': policyArn },
    }),
    // No IAM users, groups or long-term credentials (CIS 1.10-1.14): people use roles. Users that
    // existed before the landing zone can be read and removed, never created, given rights,
    // keys, passwords or groups: any of that would be a principal without this boundary.
    new iam.PolicyStatement({
      sid: 'DenyUserChanges',
      effect: iam.Effect.DENY,
      notActions: [
        'iam:Deactivate*',
        'iam:Delete*',
        'iam:Detach*',
        'iam:Generate*',
        'iam:Get*',
        'iam:List*',
        'iam:Remove*',
        'iam:Simulate*',
      ],
      resources: ['user', 'group'].map((type) => `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:${type}/*`),
    }),
  ];

  if (props.protectedKeyAliases && props.protectedKeyAliases.length > 0) {
    statements.push(
      deny('DenyAliasedKeyChanges', KEY_CHANGES, ['*'], { 'ForAnyValue:StringLike': { 'kms:ResourceAliases': props.protectedKeyAliases } }),
      // The keys above are recognised by their alias: deleting or moving the alias first would
      // take a key out of this protection, then its deletion could be scheduled.
      deny(
        'DenyProtectedAliasChanges',
        ['kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias'],
        props.protectedKeyAliases.map((alias) => `arn:${Aws.PARTITION}:kms:*:${Aws.ACCOUNT_ID}:${alias}`),
      ),
    );
  }

  // A grant is a key permission outside the key policy; AWS services (EBS, RDS, Backup) create
  // the grants they need themselves (kms:GrantIsForAWSResource), people never need one.
  statements.push(deny('DenyKeyGrants', ['kms:CreateGrant'], props.protectedKeyArns, { Bool: { 'kms:GrantIsForAWSResource': 'false' } }));

  if (props.protectedBackupVaultArns && props.protectedBackupVaultArns.length > 0) {
    statements.push(
      // The lock and the vault policy are what keeps recovery points from being deleted.
      deny('DenyBackupVaultChanges', ['backup:DeleteBackupVault*', 'backup:PutBackupVault*'], props.protectedBackupVaultArns),
    );
  }

  // The platform: this boundary itself and, given the platform's name prefixes, every role,
  // policy, function, rule, alarm, log group and table named after them. One statement, because the
  // document must stay small; an action never matches another service's ARN.
  const prefixes = props.platformNamePrefixes ?? [];
  statements.push(
    deny(
      'DenyPlatformChanges',
      [
        'iam:CreatePolicyVersion',
        'iam:DeletePolicy*',
        'iam:SetDefaultPolicyVersion',
        ...(prefixes.length === 0
          ? []
          : [
              'iam:DeleteRole*',
              'iam:DetachRolePolicy',
              'iam:PassRole',
              'iam:UpdateAssumeRolePolicy',
              'iam:UpdateRole',
              // The break-glass and deploy roles are for other principals, never a way up.
              'sts:AssumeRole',
              'lambda:AddPermission',
              'lambda:DeleteFunction*',
              'lambda:InvokeFunction',
              'lambda:PutFunction*',
              'lambda:UpdateFunction*',
              // The alert path and its evidence: the finding and forwarding rules, the CIS and
              // delivery alarms, the trail's log group with its metric filters, the functions' logs.
              ...ALERT_PATH_CHANGE_ACTIONS,
              // The alert notifier's memory of alerted findings: written only by the notifier.
              'dynamodb:*',
            ]),
      ],
      [
        policyArn,
        ...prefixes.map((prefix) => `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:role/${prefix}*`),
        // Only CloudFormation names these after the stacks.
        ...(prefixes.length === 0
          ? []
          : [
              `iam::${Aws.ACCOUNT_ID}:policy/`,
              `lambda:*:${Aws.ACCOUNT_ID}:function:`,
              `events:*:${Aws.ACCOUNT_ID}:rule/`,
              `cloudwatch:*:${Aws.ACCOUNT_ID}:alarm:`,
              `logs:*:${Aws.ACCOUNT_ID}:log-group:`,
              `dynamodb:*:${Aws.ACCOUNT_ID}:table/`,
            ].map((resource) => `arn:${Aws.PARTITION}:${resource}${prefixes[0]}*`)),
      ],
    ),
  );

  const alertPath = [...(props.alertTopicArns ?? []), ...(props.alertRuleArns ?? [])];
  if (alertPath.length > 0) {
    statements.push(
      deny(
        'DenyAlertPathChanges',
        [
          ...(props.alertRuleArns && props.alertRuleArns.length > 0 ? RULE_CHANGES : []),
          'sns:*Permission',
          'sns:DeleteTopic',
          'sns:Set*Attributes',
          'sns:Unsubscribe',
        ],
        // A subscription's ARN is its topic's ARN and a suffix: unsubscribing the alert
        // recipients, or filtering every message out, silences the topic as surely.
        [...alertPath, ...(props.alertTopicArns ?? []).filter((topic) => !topic.endsWith('*')).map((topic) => `${topic}:*`)],
      ),
    );
  }

  if (props.denyOutsideAllowedRegions ?? true) {
    statements.push(
      new iam.PolicyStatement({
        sid: 'DenyOutsideAllowedRegions',
        effect: iam.Effect.DENY,
        notActions: [...GLOBAL_SERVICE_ACTIONS],
        resources: ['*'],
        conditions: { StringNotEquals: { 'aws:RequestedRegion': props.allowedRegions } },
      }),
    );
  }
  return statements;
}

function validate(props: BaselineProtectionProps, policyName: string): void {
  const where = 'BaselineProtection';
  if (!Token.isUnresolved(policyName) && !POLICY_NAME_PATTERN.test(policyName)) {
    throw new Error(`${where}: managedPolicyName must be 1-128 characters of letters, digits and +=,.@_- (received "${policyName}")`);
  }
  if (props.allowedRegions.length === 0) {
    throw new Error(`${where}: allowedRegions must name at least one region (received none)`);
  }
  for (const region of props.allowedRegions) {
    if (!Token.isUnresolved(region) && !REGION_PATTERN.test(region)) {
      throw new Error(`${where}: allowedRegions must hold region codes such as "eu-central-1" (received "${region}")`);
    }
  }
  requireArns(
    where,
    'logBucketArns',
    props.logBucketArns,
    /^arn:[\w-]+:s3:::[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
    'bucket ARNs such as "arn:aws:s3:::acme-logs" (no object path)',
  );
  requireArns(
    where,
    'protectedKeyArns',
    props.protectedKeyArns,
    /^arn:[\w-]+:kms:[\w*-]+:(\d{12}|\*):key\/[\w*-]+$/,
    'KMS key ARNs such as "arn:aws:kms:eu-west-1:123456789012:key/<key id>"',
  );
  if (props.protectedTrailArns) {
    requireArns(
      where,
      'protectedTrailArns',
      props.protectedTrailArns,
      /^arn:[\w-]+:cloudtrail:[\w*-]+:(\d{12}|\*):trail\/.+$/,
      'trail ARNs such as "arn:aws:cloudtrail:eu-west-1:123456789012:trail/acme"',
    );
  }
  for (const prefix of props.platformNamePrefixes ?? []) {
    if (!Token.isUnresolved(prefix) && !/^[\w+=,.@-]{1,64}$/.test(prefix)) {
      throw new Error(
        `${where}: platformNamePrefixes must hold name prefixes of 1-64 letters, digits and +=,.@_- such as "Acme-" (received "${prefix}")`,
      );
    }
  }
  if (props.alertTopicArns) {
    requireArns(where, 'alertTopicArns', props.alertTopicArns, /^arn:[\w-]+:sns:[\w-]+:\d{12}:.+$/, 'SNS topic ARNs', true);
  }
  if (props.alertRuleArns) {
    requireArns(where, 'alertRuleArns', props.alertRuleArns, /^arn:[\w-]+:events:[\w-]+:\d{12}:rule\/.+$/, 'EventBridge rule ARNs', true);
  }
}

function requireArns(where: string, prop: string, arns: string[], pattern: RegExp, allowed: string, mayBeEmpty = false): void {
  if (arns.length === 0 && !mayBeEmpty) {
    throw new Error(`${where}: ${prop} must hold at least one ARN (received none); allowed: ${allowed}`);
  }
  for (const arn of arns) {
    if (!Token.isUnresolved(arn) && !pattern.test(arn)) {
      throw new Error(`${where}: ${prop} must hold ${allowed} (received "${arn}")`);
    }
  }
}

/**
 * The baseline protection permission boundary: a customer managed policy to set as the
 * permissions boundary of every role people use (and of every role they create). It allows
 * everything except weakening the security baseline, escaping the boundary, and working outside
 * the allowed regions. The statements are {@link baselineProtectionStatements}.
 *
 * The policy has a fixed name because its document needs its own ARN. A `Ref` to the policy from
 * inside its own `PolicyDocument` would make the resource depend on itself, which CloudFormation
 * rejects as a circular dependency; the ARN built from the name and the account/partition pseudo
 * parameters needs nothing from the resource. One boundary per account (per name), deployed once,
 * in the home region: IAM is global.
 *
 * Roles that people create (console, CLI) must carry this boundary, or IAM refuses them; console
 * wizards that create a role on the fly without one fail. Create roles in code: CloudFormation
 * deploys with the CDK execution role, which has no boundary.
 *
 * What it does not stop: the root user, and a principal without this boundary, above all the
 * deploy role that creates the baseline (docs/decisions/008-deployer-model.md), which the bounded
 * roles cannot assume, pass or change when their names start with one of `platformNamePrefixes`.
 * Changes to the baseline go through a reviewed deployment; the boundary stops console and CLI
 * changes around it. In an AWS Organization, the same statements as an SCP are the stronger
 * guardrail.
 */
export class BaselineProtectionBoundary extends Construct {
  /** The managed policy to use as a permissions boundary. */
  readonly policy: iam.IManagedPolicy;
  /** Its ARN, known at synth time (from its fixed name), so it never creates a dependency on the policy resource. */
  readonly policyArn: string;

  constructor(scope: Construct, id: string, props: BaselineProtectionProps) {
    super(scope, id);
    const managedPolicyName = props.managedPolicyName ?? DEFAULT_BASELINE_PROTECTION_POLICY_NAME;

    const policy = new iam.ManagedPolicy(this, 'Resource', {
      managedPolicyName,
      description:
        'Permission boundary: allows everything except weakening the security baseline (CloudTrail, Config, GuardDuty, Security Hub, Access Analyzer, log archive, baseline keys, account hardening), creating IAM users, escaping this boundary, and regions outside the allowed ones.',
      statements: baselineProtectionStatements(props),
    });
    this.policy = policy;
    this.policyArn = baselineProtectionPolicyArn(managedPolicyName);

    // IAM would only refuse an oversized document at deployment; say so at synth, with the cause.
    this.node.addValidation({
      validate: () => {
        const stack = Stack.of(this);
        // The region fixes the partition; without one, assume the longest ("aws-us-gov").
        const partition = Token.isUnresolved(stack.region) ? 'aws-us-gov' : (RegionInfo.get(stack.region).partition ?? 'aws-us-gov');
        const size = estimatedSize(stack.resolve(policy.document), partition);
        return size <= MANAGED_POLICY_MAX_CHARACTERS
          ? []
          : [
              `BaselineProtectionBoundary ${this.node.path}: the policy document would be about ${size} characters, over IAM's limit of ${MANAGED_POLICY_MAX_CHARACTERS} for a managed policy; ` +
                'protect fewer ARNs, or cover several with one wildcard ARN (e.g. "arn:aws:events:eu-west-1:123456789012:rule/Acme-Production-Security-*")',
            ];
      },
    });

    const isBoundary =
      'This policy is a permissions boundary, never attached as a permission: its Allow * only sets the ceiling, and the role policies grant; its Deny statements are the point.';
    for (const ruleId of [
      'AwsSolutions-IAM5[Action::*]',
      'AwsSolutions-IAM5[Resource::*]',
      'NIST.800.53.R5-IAMPolicyNoStatementsWithAdminAccess',
      'NIST.800.53.R5-IAMPolicyNoStatementsWithFullAccess',
      'HIPAA.Security-IAMPolicyNoStatementsWithAdminAccess',
      'HIPAA.Security-IAMPolicyNoStatementsWithFullAccess',
      'PCI.DSS.321-IAMPolicyNoStatementsWithAdminAccess',
      'PCI.DSS.321-IAMPolicyNoStatementsWithFullAccess',
    ]) {
      acknowledge(policy, ruleId, isBoundary);
    }
  }
}

/**
 * Length of a resolved policy document as IAM counts it (no white space), with CloudFormation
 * expressions replaced by their value or its longest plausible one: the given partition, a
 * 12-digit account, and 80 characters (a bucket or key ARN) for a reference to another resource.
 */
function estimatedSize(resolved: unknown, partition: string): number {
  const flatten = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(flatten);
    if (value === null || typeof value !== 'object') return value;
    const object = value as Record<string, unknown>;
    if (object.Ref === 'AWS::Partition') return partition;
    if (object.Ref === 'AWS::AccountId') return '123456789012';
    if (object.Ref === 'AWS::Region') return 'ap-southeast-5';
    if (Array.isArray(object['Fn::Join'])) {
      const [separator, parts] = object['Fn::Join'] as [string, unknown[]];
      return (parts.map(flatten) as string[]).join(separator);
    }
    const keys = Object.keys(object);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) return 'x'.repeat(80);
    return Object.fromEntries(keys.map((key) => [key, flatten(object[key])]));
  };
  return JSON.stringify(flatten(resolved)).length;
}
