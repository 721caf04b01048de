import * as z from 'zod/mini';
import { toggle, accountId, principalArns, section, strictObject, text, uniqueItems } from './primitives';
import { type ClientFileView, type ReportIssue } from './cross-field';
import { REGIONS_WITHOUT_GLOBAL_IAM_RECORDING } from '../rules/regions';

/**
 * The `security` section of a client file: the security baseline, every part switchable, every
 * default the secure choice. Descriptions state the monthly cost where it is notable, because the
 * clients are small companies and the consultant has to explain every dollar.
 */

/** Retention periods CloudWatch Logs accepts, in days. */
export const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Security Hub standards the baseline can enable. */
export const SECURITY_HUB_STANDARD_IDS = [
  'aws-foundational-security-best-practices',
  'cis-aws-foundations-benchmark-v3.0.0',
  'nist-800-53-rev5',
  'pci-dss-v4.0.1',
  'aws-resource-tagging-standard',
] as const;

const days = (what: string, min: number, max: number) =>
  z
    .number({ error: `must be a whole number of days from ${min} to ${max}` })
    .check(
      z.int({ error: `must be a whole number of days from ${min} to ${max}` }),
      z.minimum(min, { error: `must be at least ${min} days${what}` }),
      z.maximum(max, { error: `must be at most ${max} days` }),
    );

const logRetentionDays = z
  .number({ error: `must be one of the retention periods CloudWatch Logs accepts: ${LOG_RETENTION_DAYS.join(', ')}` })
  .check(
    z.refine((value) => (LOG_RETENTION_DAYS as readonly number[]).includes(value), {
      error: `must be one of the retention periods CloudWatch Logs accepts: ${LOG_RETENTION_DAYS.join(', ')}`,
    }),
  );

const identitySource = z.discriminatedUnion(
  'type',
  [
    strictObject({
      type: z
        .literal('account')
        .check(z.describe("People sign in to another AWS account (for example the consultant's own) and switch to these roles with MFA.")),
      accountId: accountId.check(z.describe('The account people sign in to.')),
    }),
    strictObject({
      type: z.literal('saml'),
      providerArn: text('an IAM SAML provider ARN').check(
        z.regex(/^arn:aws:iam::\d{12}:saml-provider\/[\w.@-]{1,128}$/, {
          error: 'must be an IAM SAML provider ARN like arn:aws:iam::123456789012:saml-provider/Entra',
        }),
        z.describe(
          "The IAM SAML provider of the identity provider (Entra ID, Google Workspace, Okta). Create it once in the IAM console from the IdP's metadata: it must exist before the deployment.",
        ),
      ),
    }),
    strictObject({
      type: z.literal('oidc'),
      issuerUrl: text('an https URL').check(
        z.regex(/^https:\/\/[^\s]+$/, { error: 'must be an https:// URL of the OIDC issuer' }),
        z.describe('OIDC issuer URL (https).'),
      ),
      clientIds: z
        .array(text('a client id').check(z.minLength(1)), { error: 'must be a list of client ids' })
        .check(z.minLength(1, { error: 'must list at least one client id' }), z.describe('Audiences (client ids) the roles accept.')),
      subjects: z
        .array(text('a subject').check(z.minLength(1)), { error: 'must be a list of subjects' })
        .check(
          z.minLength(1, { error: 'must list at least one subject' }),
          z.describe('Token subjects (`sub`) allowed to assume the roles; wildcards `*` allowed.'),
        ),
    }),
  ],
  { error: 'must have a "type" of account, saml or oidc' },
);

const deployer = strictObject({
  github: z
    .optional(
      strictObject({
        repository: text('"owner/repository"').check(
          z.regex(/^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/, {
            error: 'must be "owner/repository" of a GitHub repository, such as "acme-consulting/landing-zones"',
          }),
          z.describe('The GitHub repository (`owner/repository`) whose workflow deploys.'),
        ),
        environment: z.optional(
          text('a GitHub environment name').check(
            z.regex(/^[\w./-]{1,255}$/, { error: 'must be a GitHub environment name: 1-255 letters, digits and ._/- (no wildcards)' }),
            z.describe(
              'The GitHub environment whose jobs may deploy (GitHub can require an approval for it). Give `environment` or `branch`.',
            ),
          ),
        ),
        branch: z.optional(
          text('a branch name').check(
            z.regex(/^[\w./-]{1,255}$/, { error: 'must be a branch name: 1-255 letters, digits and ._/- (no wildcards)' }),
            z.describe('The branch whose workflow runs may deploy. Give `environment` or `branch`.'),
          ),
        ),
        createProvider: toggle(
          true,
          "Create the account's IAM OIDC provider for GitHub (`token.actions.githubusercontent.com`). An account has one per issuer: set false when it exists already.",
        ),
      }),
    )
    .check(z.describe('A GitHub Actions workflow that deploys through OIDC (no stored AWS keys).')),
  principals: principalArns(
    "Named principals that may deploy from a terminal with MFA (for example the consultant's role in their own account).",
  ),
});

/** The schema of the `security` section. */
export const securitySchema = section(true, 'the security baseline (audit logging, threat detection, IAM guardrails, hardening)', {
  logArchive: z
    .prefault(
      strictObject({
        objectLock: z
          .prefault(
            strictObject({
              mode: z
                ._default(z.enum(['GOVERNANCE', 'COMPLIANCE', 'OFF'], { error: 'must be GOVERNANCE, COMPLIANCE or OFF' }), 'GOVERNANCE')
                .check(
                  z.describe(
                    '`GOVERNANCE` (default): log objects cannot be changed or deleted during retention except by a principal with s3:BypassGovernanceRetention, which the baseline boundary denies. `COMPLIANCE`: nobody, not even root, can delete them until retention ends: irreversible. `OFF`: no lock. Object Lock can only be switched on when the bucket is created.',
                  ),
                ),
              retentionDays: z._default(days('', 1, 36500), 365).check(z.describe('Days each log object stays locked. Default: 365.')),
            }),
            {},
          )
          .check(z.describe('S3 Object Lock on the log bucket (WORM).')),
        coldStorageAfterDays: z
          ._default(days('', 30, 36500), 90)
          .check(
            z.describe(
              'Days after which log objects move to S3 Glacier Instant Retrieval (USD 0.004 per GB-month instead of 0.023). Default: 90.',
            ),
          ),
        expireAfterDays: z
          ._default(days('', 31, 36500), 730)
          .check(
            z.describe(
              'Days after which log objects are deleted. Must be longer than both the lock retention and coldStorageAfterDays. Default: 730 (2 years).',
            ),
          ),
      }),
      {},
    )
    .check(
      z.describe(
        'The log archive bucket (CloudTrail, Config, access logs). Exists whenever CloudTrail or Config is on. About USD 0.10-1 per month for a small account, plus USD 1 for its KMS key.',
      ),
    ),
  cloudTrail: z
    .prefault(
      strictObject({
        enabled: toggle(
          true,
          'A multi-region trail with log file validation, KMS-encrypted, into the log archive and a CloudWatch log group (CIS 3.1-3.5). The first management-event trail is free; CloudWatch Logs ingestion is about USD 0.50-2 per month for a small account.',
        ),
        logRetentionDays: z
          ._default(logRetentionDays, 365)
          .check(z.describe("Retention of the trail's CloudWatch log group, in days. Default: 365.")),
        s3DataEvents: toggle(
          false,
          'Log S3 object-level reads and writes (CIS 3.8-3.9). Costs USD 0.10 per 100,000 events: can be expensive for busy buckets.',
        ),
        lambdaDataEvents: toggle(false, 'Log Lambda invocations. Costs USD 0.10 per 100,000 invocations.'),
      }),
      {},
    )
    .check(z.describe('CloudTrail.')),
  cisAlarms: z
    .prefault(
      strictObject({
        enabled: toggle(
          true,
          'Metric filters and alarms for the CIS AWS Foundations v3.0.0 section 4 events (root use, IAM changes, console failures, ...) to the security topic. Needs cloudTrail. 15 alarms: about USD 1.50 per month plus USD 0.30 per custom metric that has data.',
        ),
      }),
      {},
    )
    .check(z.describe('CIS monitoring alarms.')),
  config: z
    .prefault(
      strictObject({
        enabled: toggle(
          true,
          'AWS Config recorder in every allowed region (global resources only in the home region), delivering to the log archive (CIS 3.3).',
        ),
        recordingFrequency: z
          ._default(z.enum(['CONTINUOUS', 'DAILY'], { error: 'must be CONTINUOUS or DAILY' }), 'CONTINUOUS')
          .check(
            z.describe(
              '`CONTINUOUS` (default): every change is recorded (USD 0.003 per configuration item). `DAILY`: at most one record per resource and day (USD 0.012 per item): cheaper for resources that change many times a day. Config is often the largest baseline cost.',
            ),
          ),
        cisRules: toggle(
          true,
          'AWS Config managed rules that detect the CIS items a baseline cannot enforce (root MFA, root keys, key age, unused credentials, ...). USD 0.001 per evaluation; about USD 1 per month for a small account.',
        ),
      }),
      {},
    )
    .check(z.describe('AWS Config.')),
  guardDuty: z
    .prefault(
      strictObject({
        enabled: toggle(
          true,
          'GuardDuty threat detection in every allowed region. Typically USD 1-5 per month for a small account (priced by CloudTrail events, VPC flow and DNS log volume). Switching it off later keeps the detectors and their findings: suspend them in the console to stop paying.',
        ),
        s3DataEvents: toggle(true, 'S3 Protection (anomalous access to S3 data).'),
        rdsLoginEvents: toggle(true, 'RDS Protection (suspicious database logins).'),
        eksAuditLogs: toggle(false, 'EKS audit log monitoring: only useful with EKS clusters.'),
        ebsMalwareProtection: toggle(false, 'Malware scans of EBS volumes when a finding suggests malware (USD 0.04 per GB scanned).'),
        lambdaNetworkLogs: toggle(false, 'Lambda network activity monitoring.'),
        runtimeMonitoring: toggle(false, 'Runtime monitoring agents on EC2/ECS/EKS (priced per vCPU).'),
      }),
      {},
    )
    .check(z.describe('GuardDuty.')),
  securityHub: z
    .prefault(
      strictObject({
        enabled: toggle(
          true,
          'Security Hub in every allowed region (CIS 4.16). USD 0.001 per control check: a few USD per month for a small account. Needs config. Switching it off later disables the standards but keeps the hubs and their findings: disable them in the console to stop paying.',
        ),
        standards: z
          ._default(
            z
              .array(z.enum(SECURITY_HUB_STANDARD_IDS, { error: `must be one of: ${SECURITY_HUB_STANDARD_IDS.join(', ')}` }), {
                error: 'must be a list of standard ids',
              })
              .check(uniqueItems('standard')),
            ['aws-foundational-security-best-practices', 'cis-aws-foundations-benchmark-v3.0.0'],
          )
          .check(
            z.describe(
              `Standards to enable, from: ${SECURITY_HUB_STANDARD_IDS.join(', ')}. Default: AWS Foundational Security Best Practices and CIS v3.0.0.`,
            ),
          ),
      }),
      {},
    )
    .check(z.describe('Security Hub.')),
  accessAnalyzer: z
    .prefault(
      strictObject({
        enabled: toggle(true, 'IAM Access Analyzer (external access) in every allowed region (CIS 1.20). Free.'),
      }),
      {},
    )
    .check(z.describe('IAM Access Analyzer.')),
  findingAlerts: z
    .prefault(
      strictObject({
        guardDutyMinSeverity: z
          ._default(
            z
              .number({ error: 'must be a number from 1 to 10' })
              .check(z.minimum(1, { error: 'must be at least 1' }), z.maximum(10, { error: 'must be at most 10' })),
            7,
          )
          .check(z.describe('GuardDuty findings at or above this severity go to the security topic (4 = medium, 7 = high). Default: 7.')),
        securityHubSeverities: z
          ._default(
            z
              .array(
                z.enum(['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'], {
                  error: 'must be CRITICAL, HIGH, MEDIUM, LOW or INFORMATIONAL',
                }),
                { error: 'must be a list of severity labels' },
              )
              .check(uniqueItems('severity')),
            ['CRITICAL', 'HIGH'],
          )
          .check(z.describe('Security Hub findings with these severity labels go to the security topic. Default: CRITICAL, HIGH.')),
        triageNotices: toggle(
          true,
          'A notice to the security topic whenever someone archives, suppresses or re-rates findings by hand (GuardDuty ArchiveFindings, Security Hub BatchUpdateFindings, Access Analyzer UpdateFindings), with who did it. Needs cloudTrail.enabled while GuardDuty, Security Hub or Access Analyzer is on (the calls reach EventBridge through the trail). Free.',
        ),
      }),
      {},
    )
    .check(z.describe('Which threat findings are sent as alerts.')),
  hardening: z
    .prefault(
      strictObject({
        passwordPolicy: toggle(true, 'IAM password policy: 14+ characters, 24 remembered (CIS 1.8-1.9).'),
        s3BlockPublicAccess: toggle(true, 'Account-level S3 Block Public Access (CIS 2.1.4).'),
        ebsEncryptionByDefault: toggle(true, 'EBS encryption by default in every allowed region (CIS 2.2.1).'),
        imdsV2ByDefault: toggle(true, 'IMDSv2 required by default for new EC2 instances in every allowed region (CIS 5.6).'),
        alternateContacts: toggle(
          true,
          'Security, billing and operations alternate contacts from `contacts` (CIS 1.2). The security contact is contacts.security, else contacts.technical; each used contact needs a title and a phone.',
        ),
      }),
      {},
    )
    .check(
      z.describe('Account settings that have no CloudFormation resource (custom resources; removing the stack leaves them in place).'),
    ),
  iam: z
    .prefault(
      strictObject({
        enabled: toggle(true, 'Roles for people (no IAM users) and the baseline permission boundary.'),
        identitySource: z
          .optional(identitySource)
          .check(
            z.describe(
              'Where people sign in: `{type: account, accountId}`, `{type: saml, providerArn}` or `{type: oidc, issuerUrl, clientIds, subjects}`. Default: the account itself (people who can already sign in to it may switch to the roles, with MFA).',
            ),
          ),
        administrator: toggle(true, 'Administrator role (MFA required, 1-hour sessions, bounded by the baseline protection).'),
        auditor: toggle(true, 'Read-only security auditor role (SecurityAudit + ViewOnlyAccess: no data reads).'),
        finopsViewer: toggle(true, 'FinOps viewer role: billing, Cost Explorer, budgets and dashboards only.'),
        supportRole: toggle(true, 'AWS Support role (CIS 1.17).'),
        denyOutsideAllowedRegions: toggle(
          true,
          'The permission boundary also denies regional actions outside `allowedRegions` (data residency).',
        ),
        deployer: z
          .optional(deployer)
          .check(
            z.describe(
              'Who deploys the landing zone: the `LandingZone-Deployer` role (AdministratorAccess, no boundary), trusted by a GitHub workflow (`github: {repository, environment | branch}`) and/or named `principals` with MFA. The people roles cannot assume, pass or change it. Without it, the landing zone is deployed with whatever unbounded credentials the account has. See docs/decisions/008-deployer-model.md.',
            ),
          ),
      }),
      {},
    )
    .check(z.describe('IAM roles and guardrails.')),
});

/** The validated `security` section. */
export type SecurityConfig = z.output<typeof securitySchema>;
/** Where people sign in from. */
export type IdentitySourceConfig = NonNullable<SecurityConfig['iam']['identitySource']>;

/** Cross-field rules of the security section. */
export function checkSecurityRules(config: ClientFileView & { readonly security?: SecurityConfig }, report: ReportIssue): void {
  const security = config.security;
  if (typeof security !== 'object' || security === null || security.enabled === false) return;
  const issue = (path: (string | number)[], input: unknown, message: string) => report(['security', ...path], input, message);

  const archive = security.logArchive;
  if (archive && typeof archive.expireAfterDays === 'number') {
    if (typeof archive.coldStorageAfterDays === 'number' && archive.expireAfterDays <= archive.coldStorageAfterDays) {
      issue(
        ['logArchive', 'expireAfterDays'],
        archive.expireAfterDays,
        `must be greater than logArchive.coldStorageAfterDays (${archive.coldStorageAfterDays}): S3 cannot expire an object before it moves to cold storage`,
      );
    }
    const lock = archive.objectLock;
    if (lock && lock.mode !== 'OFF' && typeof lock.retentionDays === 'number' && archive.expireAfterDays < lock.retentionDays) {
      issue(
        ['logArchive', 'expireAfterDays'],
        archive.expireAfterDays,
        `must be at least logArchive.objectLock.retentionDays (${lock.retentionDays}): locked objects cannot expire`,
      );
    }
  }
  if (security.config?.enabled === true && Array.isArray(config.allowedRegions) && Array.isArray(config.accounts)) {
    const canRecordGlobal = config.allowedRegions.filter((region) => !REGIONS_WITHOUT_GLOBAL_IAM_RECORDING.includes(region));
    if (canRecordGlobal.length === 0 && config.allowedRegions.length > 0) {
      issue(
        ['config', 'enabled'],
        true,
        `needs at least one allowed region where AWS Config can record global IAM resources; ${config.allowedRegions.join(', ')} cannot (regions opened after February 2022). Add such a region (e.g. eu-central-1) to allowedRegions, or switch Config off`,
      );
    }
  }
  if (security.cisAlarms?.enabled === true && security.cloudTrail?.enabled === false) {
    issue(
      ['cisAlarms', 'enabled'],
      true,
      "needs security.cloudTrail.enabled: the CIS alarms read the trail's log group. Switch cisAlarms off too, or the trail on",
    );
  }
  const watched = [security.guardDuty, security.securityHub, security.accessAnalyzer].some((service) => service?.enabled === true);
  if (security.findingAlerts?.triageNotices === true && security.cloudTrail?.enabled === false && watched) {
    issue(
      ['findingAlerts', 'triageNotices'],
      true,
      'needs security.cloudTrail.enabled: the triage calls reach EventBridge only through a trail. Set triageNotices to false too, or the trail on',
    );
  }
  const deployerSettings = security.iam?.enabled === false ? undefined : security.iam?.deployer;
  if (deployerSettings) {
    if (deployerSettings.github === undefined && deployerSettings.principals === undefined) {
      issue(['iam', 'deployer'], deployerSettings, 'needs github, principals or both: a deploy role nobody can assume deploys nothing');
    }
    const github = deployerSettings.github;
    if (github && (github.environment === undefined) === (github.branch === undefined)) {
      issue(
        ['iam', 'deployer', 'github'],
        github,
        `needs exactly one of environment and branch (received ${github.environment === undefined ? 'neither' : 'both'}): they name the GitHub jobs that may deploy`,
      );
    }
  }
  if (security.securityHub?.enabled === true && security.config?.enabled === false) {
    issue(
      ['securityHub', 'enabled'],
      true,
      'needs security.config.enabled: Security Hub evaluates its controls from AWS Config. Switch Security Hub off too, or Config on',
    );
  }
  if (security.hardening?.alternateContacts === true && typeof config.contacts === 'object' && config.contacts !== null) {
    const { contacts } = config;
    const used: Array<[string, string, { title?: string; phone?: string } | undefined]> = [
      ['security', contacts.security ? 'security' : 'technical', contacts.security ?? contacts.technical],
      ['billing', 'billing', contacts.billing],
      ['operations', contacts.operations ? 'operations' : 'technical', contacts.operations ?? contacts.technical],
    ];
    const reported = new Set<string>();
    for (const [type, key, person] of used) {
      if (typeof person !== 'object' || person === null) continue;
      for (const field of ['title', 'phone'] as const) {
        if (person[field] === undefined && !reported.has(`${key}.${field}`)) {
          reported.add(`${key}.${field}`);
          report(
            ['contacts', key, field],
            undefined,
            `is required: contacts.${key} is the account's ${type} alternate contact (security.hardening.alternateContacts), and AWS requires a name, title, email and phone. Add it, or switch alternateContacts off`,
          );
        }
      }
    }
  }
}
