import { CIS_CONFIG_RULES, CIS_MONITORING_CONTROLS } from '../lib/core/security/cis-controls';

/**
 * Which CIS AWS Foundations Benchmark v3.0.0 recommendations the security baseline implements,
 * and with what. One table feeds both `docs/cis-mapping.md` and the test that checks every row
 * against the synthesized templates, so the document cannot claim what the code does not do.
 */

/** Evidence that a recommendation is implemented: something the synthesized templates must contain. */
export type CisEvidence =
  /** A CloudFormation resource of this type whose properties contain `properties` (deep, partial). */
  | { readonly kind: 'resource'; readonly type: string; readonly properties?: Record<string, unknown>; readonly everyRegion?: boolean }
  /** An AWS Config managed rule (detects what a baseline cannot enforce). */
  | { readonly kind: 'configRule'; readonly identifier: string; readonly everyRegion?: boolean }
  /** An account setting made by a custom resource (an AWS SDK call). */
  | {
      readonly kind: 'accountSetting';
      readonly action: string;
      readonly parameters?: Record<string, unknown>;
      readonly everyRegion?: boolean;
    }
  /** A CloudTrail metric filter and alarm of section 4. */
  | { readonly kind: 'cisAlarm'; readonly cisId: string };

/** How the baseline implements one recommendation. */
export interface CisImplementation {
  /** CIS v3.0.0 recommendation id, e.g. `3.1`. */
  readonly cisId: string;
  /** What the recommendation asks. */
  readonly title: string;
  /** `enforced`: the baseline makes it so; `detected`: AWS Config reports when it is not so. */
  readonly level: 'enforced' | 'detected';
  /** The construct(s) that implement it. */
  readonly implementedBy: string;
  /** The client configuration switch that controls it. */
  readonly configSwitch: string;
  /**
   * Set when the recommendation is off by default (it costs): the switch that turns it on.
   * @default - on by default
   */
  readonly offByDefault?: boolean;
  /** What the templates must contain. */
  readonly evidence: readonly CisEvidence[];
}

const rule = (identifier: string, everyRegion = false): CisEvidence => ({ kind: 'configRule', identifier, everyRegion });

function configRuleIdentifiers(cisId: string): string[] {
  return CIS_CONFIG_RULES.filter((r) => r.cisIds.includes(cisId) && !r.onlyInRegions).map((r) => r.identifier);
}

function detectedByConfig(cisId: string, title: string): CisImplementation {
  return {
    cisId,
    title,
    level: 'detected',
    implementedBy: 'CisConfigRules (constructs/security/cis-config-rules.ts)',
    configSwitch: 'security.config.cisRules',
    evidence: configRuleIdentifiers(cisId).map((identifier) => rule(identifier)),
  };
}

/** The recommendations the baseline implements, in benchmark order. */
export const CIS_IMPLEMENTATIONS: readonly CisImplementation[] = [
  {
    cisId: '1.2',
    title: 'Security contact information is registered',
    level: 'enforced',
    implementedBy: 'AlternateContacts (constructs/security/hardening/alternate-contacts.ts)',
    configSwitch: 'security.hardening.alternateContacts',
    evidence: [{ kind: 'accountSetting', action: 'PutAlternateContact', parameters: { AlternateContactType: 'SECURITY' } }],
  },
  detectedByConfig('1.4', 'No root user access key exists'),
  detectedByConfig('1.5', 'MFA is enabled for the root user'),
  detectedByConfig('1.6', 'Hardware MFA is enabled for the root user'),
  {
    cisId: '1.7',
    title: 'Eliminate use of the root user',
    level: 'detected',
    implementedBy: 'CisAlarms 4.3 (constructs/security/cis-alarms.ts)',
    configSwitch: 'security.cisAlarms.enabled',
    evidence: [{ kind: 'cisAlarm', cisId: '4.3' }],
  },
  {
    cisId: '1.8',
    title: 'IAM password policy requires a minimum length of 14 or greater',
    level: 'enforced',
    implementedBy: 'AccountPasswordPolicy (constructs/security/hardening/account-password-policy.ts), CisConfigRules',
    configSwitch: 'security.hardening.passwordPolicy',
    evidence: [
      { kind: 'accountSetting', action: 'UpdateAccountPasswordPolicy', parameters: { MinimumPasswordLength: 14 } },
      rule('IAM_PASSWORD_POLICY'),
    ],
  },
  {
    cisId: '1.9',
    title: 'IAM password policy prevents password reuse',
    level: 'enforced',
    implementedBy: 'AccountPasswordPolicy, CisConfigRules',
    configSwitch: 'security.hardening.passwordPolicy',
    evidence: [
      { kind: 'accountSetting', action: 'UpdateAccountPasswordPolicy', parameters: { PasswordReusePrevention: 24 } },
      rule('IAM_PASSWORD_POLICY'),
    ],
  },
  {
    cisId: '1.10',
    title: 'MFA is enabled for all IAM users that have a console password',
    level: 'detected',
    implementedBy: 'CisConfigRules; PeopleRoles require MFA to assume (constructs/security/people-roles.ts)',
    configSwitch: 'security.config.cisRules',
    evidence: [
      rule('MFA_ENABLED_FOR_IAM_CONSOLE_ACCESS'),
      { kind: 'resource', type: 'AWS::IAM::Role', properties: { RoleName: 'LandingZone-Administrator' } },
    ],
  },
  detectedByConfig('1.12', 'Credentials unused for 45 days or more are disabled'),
  detectedByConfig('1.14', 'Access keys are rotated every 90 days or less'),
  detectedByConfig('1.15', 'IAM users receive permissions only through groups'),
  detectedByConfig('1.16', 'IAM policies that allow full "*:*" administrative privileges are not attached'),
  {
    cisId: '1.17',
    title: 'A support role has been created to manage incidents with AWS Support',
    level: 'enforced',
    implementedBy: 'PeopleRoles (constructs/security/people-roles.ts)',
    configSwitch: 'security.iam.supportRole',
    evidence: [
      {
        kind: 'resource',
        type: 'AWS::IAM::Role',
        properties: {
          RoleName: 'LandingZone-Support',
          ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AWSSupportAccess']] }],
        },
      },
    ],
  },
  {
    cisId: '1.20',
    title: 'IAM Access Analyzer is enabled for all regions',
    level: 'enforced',
    implementedBy: 'AccessAnalyzer (constructs/security/access-analyzer.ts)',
    configSwitch: 'security.accessAnalyzer.enabled',
    evidence: [{ kind: 'resource', type: 'AWS::AccessAnalyzer::Analyzer', properties: { Type: 'ACCOUNT' }, everyRegion: true }],
  },
  {
    cisId: '2.1.1',
    title: 'S3 bucket policy is set to deny HTTP requests',
    level: 'enforced',
    implementedBy: 'LogArchive (constructs/security/log-archive.ts): both log buckets',
    configSwitch: 'security.cloudTrail.enabled / security.config.enabled',
    evidence: [
      {
        kind: 'resource',
        type: 'AWS::S3::BucketPolicy',
        properties: { PolicyDocument: { Statement: [{ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] } },
      },
    ],
  },
  {
    cisId: '2.1.4',
    title: 'S3 is configured with Block Public Access',
    level: 'enforced',
    implementedBy: 'AccountPublicAccessBlock (constructs/security/hardening/account-public-access-block.ts), LogArchive',
    configSwitch: 'security.hardening.s3BlockPublicAccess',
    evidence: [
      {
        kind: 'accountSetting',
        action: 'PutPublicAccessBlock',
        parameters: {
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: true,
            RestrictPublicBuckets: true,
          },
        },
      },
      rule('S3_ACCOUNT_LEVEL_PUBLIC_ACCESS_BLOCKS_PERIODIC'),
    ],
  },
  {
    cisId: '2.2.1',
    title: 'EBS volume encryption is enabled in all regions',
    level: 'enforced',
    implementedBy: 'EbsEncryptionByDefault (constructs/security/hardening/ebs-encryption-by-default.ts), one per allowed region',
    configSwitch: 'security.hardening.ebsEncryptionByDefault',
    evidence: [{ kind: 'accountSetting', action: 'EnableEbsEncryptionByDefault', everyRegion: true }],
  },
  {
    cisId: '3.1',
    title: 'CloudTrail is enabled in all regions',
    level: 'enforced',
    implementedBy: 'AuditTrail (constructs/security/audit-trail.ts)',
    configSwitch: 'security.cloudTrail.enabled',
    evidence: [
      {
        kind: 'resource',
        type: 'AWS::CloudTrail::Trail',
        properties: { IsMultiRegionTrail: true, IncludeGlobalServiceEvents: true, IsLogging: true },
      },
    ],
  },
  {
    cisId: '3.2',
    title: 'CloudTrail log file validation is enabled',
    level: 'enforced',
    implementedBy: 'AuditTrail',
    configSwitch: 'security.cloudTrail.enabled',
    evidence: [{ kind: 'resource', type: 'AWS::CloudTrail::Trail', properties: { EnableLogFileValidation: true } }],
  },
  {
    cisId: '3.3',
    title: 'AWS Config is enabled in all regions',
    level: 'enforced',
    implementedBy: 'ConfigRecorder (constructs/security/config-recorder.ts), one per allowed region',
    configSwitch: 'security.config.enabled',
    evidence: [
      {
        kind: 'resource',
        type: 'AWS::Config::ConfigurationRecorder',
        properties: { RecordingGroup: { AllSupported: true } },
        everyRegion: true,
      },
    ],
  },
  {
    cisId: '3.4',
    title: 'Server access logging is enabled on the CloudTrail S3 bucket',
    level: 'enforced',
    implementedBy: 'LogArchive',
    configSwitch: 'security.cloudTrail.enabled',
    evidence: [{ kind: 'resource', type: 'AWS::S3::Bucket', properties: { LoggingConfiguration: { LogFilePrefix: 'log-archive/' } } }],
  },
  {
    cisId: '3.5',
    title: 'CloudTrail logs are encrypted at rest using KMS CMKs',
    level: 'enforced',
    implementedBy: 'AuditTrail, LogArchive',
    configSwitch: 'security.cloudTrail.enabled',
    evidence: [{ kind: 'resource', type: 'AWS::CloudTrail::Trail', properties: { KMSKeyId: {} } }],
  },
  {
    cisId: '3.6',
    title: 'Rotation for customer-created symmetric CMKs is enabled',
    level: 'enforced',
    implementedBy: 'LogArchive, PlatformKey (constructs/foundation/platform-key.ts)',
    configSwitch: '(always)',
    evidence: [{ kind: 'resource', type: 'AWS::KMS::Key', properties: { EnableKeyRotation: true } }],
  },
  {
    cisId: '3.7',
    title: 'VPC flow logging is enabled in all VPCs',
    level: 'enforced',
    implementedBy: 'BaselineVpc (constructs/network/baseline-vpc.ts): every VPC the baseline owns, to the log archive',
    configSwitch: 'network.enabled',
    offByDefault: true,
    evidence: [{ kind: 'resource', type: 'AWS::EC2::FlowLog', properties: { TrafficType: 'ALL', LogDestinationType: 's3' } }],
  },
  {
    cisId: '3.8',
    title: 'Object-level logging for write events is enabled for S3 buckets',
    level: 'enforced',
    implementedBy: 'AuditTrail (S3 data events)',
    configSwitch: 'security.cloudTrail.s3DataEvents',
    offByDefault: true,
    evidence: [
      {
        kind: 'resource',
        type: 'AWS::CloudTrail::Trail',
        properties: { EventSelectors: [{ DataResources: [{ Type: 'AWS::S3::Object' }] }] },
      },
    ],
  },
  {
    cisId: '3.9',
    title: 'Object-level logging for read events is enabled for S3 buckets',
    level: 'enforced',
    implementedBy: 'AuditTrail (S3 data events)',
    configSwitch: 'security.cloudTrail.s3DataEvents',
    offByDefault: true,
    evidence: [{ kind: 'resource', type: 'AWS::CloudTrail::Trail', properties: { EventSelectors: [{ ReadWriteType: 'All' }] } }],
  },
  ...CIS_MONITORING_CONTROLS.map((control): CisImplementation => ({
    cisId: control.cisId,
    title: `${control.title}: monitored by a metric filter and alarm`,
    level: 'enforced',
    implementedBy: 'CisAlarms (constructs/security/cis-alarms.ts)',
    configSwitch: 'security.cisAlarms.enabled',
    evidence: [{ kind: 'cisAlarm', cisId: control.cisId }],
  })),
  {
    cisId: '4.16',
    title: 'AWS Security Hub is enabled',
    level: 'enforced',
    implementedBy: 'SecurityHub (constructs/security/security-hub.ts), every allowed region',
    configSwitch: 'security.securityHub.enabled',
    evidence: [{ kind: 'resource', type: 'AWS::SecurityHub::Hub', everyRegion: true }, rule('SECURITYHUB_ENABLED')],
  },
  {
    cisId: '5.4',
    title: 'The default security group of every VPC restricts all traffic',
    level: 'enforced',
    implementedBy: 'BaselineVpc closes the default security group of its VPC (custom resource); CisConfigRules detects any other VPC',
    configSwitch: 'network.enabled / security.config.cisRules',
    evidence: [{ kind: 'accountSetting', action: 'RevokeSecurityGroupIngress' }, rule('VPC_DEFAULT_SECURITY_GROUP_CLOSED')],
  },
  {
    cisId: '5.6',
    title: 'EC2 Metadata Service only allows IMDSv2',
    level: 'enforced',
    implementedBy:
      'InstanceMetadataDefaults (constructs/security/hardening/instance-metadata-defaults.ts), one per allowed region; CisConfigRules',
    configSwitch: 'security.hardening.imdsV2ByDefault',
    evidence: [
      { kind: 'accountSetting', action: 'ModifyInstanceMetadataDefaults', parameters: { HttpTokens: 'required' }, everyRegion: true },
      rule('EC2_IMDSV2_CHECK', true),
    ],
  },
];

function describeEvidence(evidence: CisEvidence): string {
  const where = 'everyRegion' in evidence && evidence.everyRegion ? ' (every allowed region)' : '';
  switch (evidence.kind) {
    case 'resource':
      return `\`${evidence.type}\`${where}`;
    case 'configRule':
      return `Config rule \`${evidence.identifier}\`${where}`;
    case 'accountSetting':
      return `custom resource \`${evidence.action}\`${where}`;
    case 'cisAlarm': {
      const control = CIS_MONITORING_CONTROLS.find((c) => c.cisId === evidence.cisId);
      return `metric filter + alarm \`${control?.metricName ?? evidence.cisId}\``;
    }
  }
}

/** `docs/cis-mapping.md`, generated from {@link CIS_IMPLEMENTATIONS}. */
export function renderCisMappingMarkdown(): string {
  const lines = [
    '# CIS AWS Foundations Benchmark v3.0.0: what the security baseline implements',
    '',
    'Generated from `policies/cis-mapping.ts` by `npm run docs`; `test/policies/cis-mapping.test.ts` checks every row',
    'against the synthesized templates. **enforced**: the baseline makes it so. **detected**: an AWS Config rule reports',
    "when it is not so (the baseline cannot change it, e.g. the root user's MFA). Recommendations not listed are manual or",
    'organisational (see `../shared/reference/cis-aws-v3.md` in the workspace) or belong to the network baseline.',
    '',
    '| CIS | Recommendation | Level | Implemented by | Evidence in the templates (home region stacks) | Switch |',
    '| --- | --- | --- | --- | --- | --- |',
    ...CIS_IMPLEMENTATIONS.map((row) => {
      const switchText = row.offByDefault ? `\`${row.configSwitch}\` (off by default: cost)` : `\`${row.configSwitch}\``;
      return `| ${row.cisId} | ${row.title} | ${row.level} | ${row.implementedBy} | ${row.evidence.map(describeEvidence).join('; ')} | ${switchText} |`;
    }),
    '',
  ];
  return lines.join('\n');
}
