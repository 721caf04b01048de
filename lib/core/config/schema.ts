import { z } from 'zod';
import { accountId, email, emailList, slug, SLUG_RULE, strictObject, tagKey, tagValue, text, uniqueItems } from './primitives';
import { restoreConditionTagKeyProblem } from '../rules/tags';
import { isTimeZone, timeZoneProblem } from '../rules/time-zones';
import { cidrContains, parseIpv4Cidr, planSubnets, vpcRangeProblem } from '../rules/subnet-plan';
import { accountVpcRanges, type AccountVpcRange, freeVpcRange } from './network-ranges';
import { REGIONS_WITHOUT_GLOBAL_IAM_RECORDING } from '../rules/regions';
import { backupSchema } from './backup-schema';
import { findExamplePlaceholders } from './example-placeholders';
import { networkSchema } from './network-schema';
import { finopsSchema } from './finops-schema';
import { region } from './region-field';
import { securitySchema } from './security-schema';

/**
 * The client configuration schema: one YAML file per client in `clients/`.
 *
 * It is the single source of truth for three things:
 * - validation (with secure defaults filled in) before anything is synthesized,
 * - the JSON Schema in `schema/client-config.schema.json` that editors use to complete and
 *   check the YAML,
 * - the configuration reference in the README.
 *
 * Every field carries a description (it becomes the reference text) and every error message
 * says what is allowed, because the person reading it is editing YAML, not TypeScript.
 */

/** Tag keys that the platform sets on every resource itself; a client cannot override them. */
export const RESERVED_TAG_KEYS = ['client', 'cost-center', 'managed-by', 'owner'] as const;

const contact = strictObject({
  name: text("the person's name")
    .min(1, { error: 'must not be empty' })
    .max(64, { error: 'must be at most 64 characters' })
    .describe('Full name of the person.'),
  email: email.describe('Email address.'),
  title: text('a job title')
    .max(50, { error: 'must be at most 50 characters' })
    .optional()
    .describe("Job title, used for the account's alternate contacts."),
  phone: text('a phone number in international format')
    .regex(/^\+[0-9][0-9 ()-]{5,23}$/, { error: 'must be a phone number in international format, e.g. "+49 30 1234567"' })
    .optional()
    .describe('Phone number in international format, e.g. "+49 30 1234567".'),
});

const account = strictObject({
  name: slug('an account name').describe(
    `Short name of the account (${SLUG_RULE}). Becomes part of stack names, so do not rename it once deployed.`,
  ),
  id: accountId.describe('The 12-digit AWS account id, quoted so that YAML keeps leading zeros.'),
  homeRegion: region.describe(
    "The region where the account's global resources (IAM, the trail, FinOps) live. Must be one of `allowedRegions`.",
  ),
  description: text('a short description').max(256).optional().describe('What the account is for, shown in generated documentation.'),
});

/** The raw (input) shape of a client file, before cross-field checks and resolved defaults. */
const clientFileSchema = strictObject({
  client: strictObject({
    name: slug('the client name').describe(
      `Client id (${SLUG_RULE}). Must equal the file name (\`clients/<name>.yaml\`); stack names start with it.`,
    ),
    displayName: text('the company name')
      .min(1)
      .max(64)
      .describe('Company name as the client writes it, shown on dashboards and in alerts.'),
    costCenter: tagValue
      .min(1, { error: 'must not be empty' })
      .describe('Cost center, applied as the `cost-center` tag on every resource.'),
    timeZone: text('an IANA time zone such as Europe/Berlin')
      .refine(isTimeZone, { error: (issue) => timeZoneProblem(String(issue.input)) })
      .meta({ examples: ['Europe/Berlin', 'Europe/London', 'Europe/Paris', 'America/New_York', 'UTC'] })
      .default('UTC')
      .describe('IANA time zone for schedules and backup windows, e.g. Europe/Berlin. Default: UTC.'),
  }).describe('Who the client is.'),
  contacts: strictObject({
    owner: contact.describe("The client's accountable manager: the `owner` tag and the default FinOps alert recipient."),
    technical: contact.describe(
      'The person running the platform (usually the fractional CTO): default security and operations alert recipient.',
    ),
    billing: contact.optional().describe('Billing contact (AWS alternate contact). Default: none.'),
    security: contact.optional().describe('Security contact (AWS alternate contact). Default: none.'),
    operations: contact.optional().describe('Operations contact (AWS alternate contact). Default: none.'),
  }).describe('People to reach.'),
  accounts: z
    .array(account, { error: 'must be a list of accounts, each with name, id and homeRegion' })
    .min(1, { error: 'must list at least one account' })
    .max(50, { error: 'must list at most 50 accounts' })
    .superRefine(...uniqueItems('account name', (a: { name: string }) => a.name))
    .superRefine(...uniqueItems('account id', (a: { id: string }) => a.id))
    .describe("The client's AWS accounts. Each gets the landing zone."),
  allowedRegions: z
    .array(region, { error: 'must be a list of AWS region codes' })
    .min(1, { error: 'must list at least one region' })
    .superRefine(...uniqueItems('region'))
    .describe("Regions where the client's data may live (data residency, e.g. only EU regions). Regional baselines are deployed in each."),
  tagging: strictObject({
    costAllocationTagKeys: z
      .array(tagKey, { error: 'must be a list of tag keys' })
      .max(50, { error: 'must list at most 50 tag keys' })
      .superRefine(...uniqueItems('tag key'))
      .default(['project', 'environment'])
      .describe(
        'Tag keys every workload resource must carry and that costs are reported by. Activate them as cost-allocation tags in the billing console. Default: project, environment.',
      ),
    additionalTags: z
      .record(tagKey, tagValue, { error: 'must be a mapping of tag key to tag value' })
      .default({})
      .describe(
        `Extra tags applied to every resource the platform creates. The keys ${RESERVED_TAG_KEYS.join(', ')} are set by the platform itself.`,
      ),
  })
    .prefault({})
    .describe('Tags.'),
  notifications: strictObject({
    emails: strictObject({
      security: emailList
        .optional()
        .describe('Security alerts (CIS alarms, GuardDuty, Security Hub). Default: contacts.security, else contacts.technical.'),
      finops: emailList.optional().describe('Budget and cost anomaly alerts. Default: contacts.billing, else contacts.owner.'),
      operations: emailList
        .optional()
        .describe('Operational alerts (backups, platform Lambdas). Default: contacts.operations, else contacts.technical.'),
    })
      .prefault({})
      .describe('Email recipients per alert topic (at most 10 each).'),
    slack: strictObject({
      workspaceId: text('a Slack workspace id')
        .regex(/^T[A-Z0-9]{6,}$/, { error: 'must be a Slack workspace id like T0123ABCD' })
        .describe('Slack workspace id (authorize the workspace in the AWS Chatbot console first).'),
      channelId: text('a Slack channel id')
        .regex(/^[CG][A-Z0-9]{6,}$/, { error: 'must be a Slack channel id like C0123ABCD' })
        .describe('Slack channel id.'),
    })
      .optional()
      .describe('Optional Slack channel for alerts, through AWS Chatbot. Default: none.'),
    teams: strictObject({
      tenantId: z.uuid({ error: 'must be a Microsoft Entra tenant id (a UUID)' }).describe('Microsoft Entra tenant id.'),
      teamId: z.uuid({ error: 'must be a Microsoft Teams team id (a UUID)' }).describe('Team id.'),
      channelId: text('a Teams channel id')
        .regex(/^19(:|%3[aA])[^\s:@%]+(@|%40)thread\.(tacv2|skype)$/, {
          error:
            'must be a Teams channel id like 19:abc...@thread.tacv2 (as Teams copies it) or its URL-encoded form 19%3aabc...%40thread.tacv2',
        })
        .describe('Channel id as Teams copies it, e.g. 19:abc...@thread.tacv2 (the URL-encoded form is accepted too).'),
    })
      .optional()
      .describe('Optional Microsoft Teams channel for alerts, through AWS Chatbot. Default: none.'),
  })
    .prefault({})
    .describe('Where alerts go.'),
  security: securitySchema.prefault({}).describe('Security baseline.'),
  backup: backupSchema.prefault({}).describe('Backup and recovery.'),
  network: networkSchema.prefault({}).describe('Network baseline.'),
  // finopsSchema is a zod/mini schema (the cost collector Lambda parses it too): no .prefault() method.
  finops: z.prefault(finopsSchema, {}).describe('FinOps.'),
});

type ClientFile = z.output<typeof clientFileSchema>;

/**
 * Checks that involve more than one field, each reported at the field to change.
 *
 * They run even when other fields are invalid, so every problem is reported at once; that is
 * why they read the configuration defensively instead of trusting its type.
 */
function checkCrossFieldRules(config: ClientFile, ctx: z.RefinementCtx): void {
  const accounts = Array.isArray(config.accounts) ? config.accounts : [];
  const allowedRegions = Array.isArray(config.allowedRegions) ? config.allowedRegions : [];
  const budgets = Array.isArray(config.finops?.budgets) ? config.finops.budgets : [];
  const tagKeys = Array.isArray(config.tagging?.costAllocationTagKeys) ? config.tagging.costAllocationTagKeys : [];
  const additionalTags = typeof config.tagging?.additionalTags === 'object' ? (config.tagging.additionalTags ?? {}) : {};

  accounts.forEach((acct, index) => {
    const homeRegion = acct?.homeRegion;
    if (allowedRegions.length > 0 && typeof homeRegion === 'string' && !allowedRegions.includes(homeRegion)) {
      ctx.addIssue({
        code: 'custom',
        path: ['accounts', index, 'homeRegion'],
        input: homeRegion,
        message: `must be one of allowedRegions (${allowedRegions.join(', ')}); add it there or pick one of those`,
      });
    }
  });
  const accountNames = accounts.map((acct) => acct?.name).filter((name) => typeof name === 'string');
  budgets.forEach((b, index) => {
    const scope = b?.scope;
    if (scope?.type === 'account' && typeof scope.account === 'string' && !accountNames.includes(scope.account)) {
      ctx.addIssue({
        code: 'custom',
        path: ['finops', 'budgets', index, 'scope', 'account'],
        input: scope.account,
        message: `must be the name of one of the accounts: ${accountNames.join(', ')}`,
      });
    }
    if (scope?.type === 'tag' && typeof scope.key === 'string' && !tagKeys.includes(scope.key)) {
      ctx.addIssue({
        code: 'custom',
        path: ['finops', 'budgets', index, 'scope', 'key'],
        input: scope.key,
        message: `must be one of tagging.costAllocationTagKeys (${tagKeys.join(', ') || 'none listed'}): AWS only reports costs by activated cost-allocation tags`,
      });
    }
  });
  for (const placeholder of findExamplePlaceholders(config)) {
    ctx.addIssue({ code: 'custom', path: placeholder.path, input: placeholder.value, message: placeholder.message });
  }
  checkSecurityRules(config, ctx);
  checkBackupRules(config, ctx);
  checkNetworkRules(config, ctx);
  for (const key of Object.keys(additionalTags)) {
    if ((RESERVED_TAG_KEYS as readonly string[]).includes(key.toLowerCase())) {
      ctx.addIssue({
        code: 'custom',
        path: ['tagging', 'additionalTags', key],
        input: key,
        message: `is set by the platform itself (reserved keys: ${RESERVED_TAG_KEYS.join(', ')}); use another key`,
      });
    }
  }
}

/** Cross-field rules of the security section. */
function checkSecurityRules(config: ClientFile, ctx: z.RefinementCtx): void {
  const security = config.security;
  if (typeof security !== 'object' || security === null || security.enabled === false) return;
  const issue = (path: (string | number)[], input: unknown, message: string) =>
    ctx.addIssue({ code: 'custom', path: ['security', ...path], input, message });

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
          ctx.addIssue({
            code: 'custom',
            path: ['contacts', key, field],
            input: undefined,
            message: `is required: contacts.${key} is the account's ${type} alternate contact (security.hardening.alternateContacts), and AWS requires a name, title, email and phone. Add it, or switch alternateContacts off`,
          });
        }
      }
    }
  }
}

/** Cross-field rules of the backup section. */
function checkBackupRules(config: ClientFile, ctx: z.RefinementCtx): void {
  const backup = config.backup;
  if (typeof backup !== 'object' || backup === null || backup.enabled === false) return;
  const issue = (path: (string | number)[], input: unknown, message: string) =>
    ctx.addIssue({ code: 'custom', path: ['backup', ...path], input, message });
  const tiers = backup.tiers ?? {};
  const lock = backup.vaultLock;

  if (lock?.mode === 'COMPLIANCE' && lock.confirmComplianceModeIsIrreversible !== true) {
    issue(
      ['vaultLock', 'confirmComplianceModeIsIrreversible'],
      lock.confirmComplianceModeIsIrreversible,
      'must be true to use COMPLIANCE mode: after changeableForDays nobody, not even the root user or AWS, can remove the lock, delete the vault or shorten retention. Use GOVERNANCE unless an auditor requires COMPLIANCE',
    );
  }
  if (lock && lock.mode !== 'OFF' && typeof lock.minRetentionDays === 'number' && typeof lock.maxRetentionDays === 'number') {
    if (lock.minRetentionDays > lock.maxRetentionDays) {
      issue(
        ['vaultLock', 'minRetentionDays'],
        lock.minRetentionDays,
        `must not be greater than vaultLock.maxRetentionDays (${lock.maxRetentionDays})`,
      );
    } else {
      for (const tier of ['daily', 'weekly', 'monthly'] as const) {
        const retention = tiers[tier]?.retentionDays;
        if (typeof retention === 'number' && (retention < lock.minRetentionDays || retention > lock.maxRetentionDays)) {
          issue(
            ['tiers', tier, 'retentionDays'],
            retention,
            `must be within the vault lock's limits (${lock.minRetentionDays}-${lock.maxRetentionDays} days), or AWS Backup refuses to store the recovery points; change the retention or backup.vaultLock`,
          );
        }
      }
    }
  }
  const restoreTestKey =
    typeof backup.tagKey === 'string' && backup.restoreTesting?.enabled !== false
      ? restoreConditionTagKeyProblem(backup.tagKey)
      : undefined;
  if (restoreTestKey) {
    issue(['tagKey'], backup.tagKey, `${restoreTestKey}; choose such a key, or switch backup.restoreTesting off`);
  }
  const monthly = tiers.monthly;
  if (
    monthly &&
    typeof monthly.retentionDays === 'number' &&
    typeof monthly.coldStorageAfterDays === 'number' &&
    monthly.retentionDays - monthly.coldStorageAfterDays < 90
  ) {
    issue(
      ['tiers', 'monthly', 'retentionDays'],
      monthly.retentionDays,
      `must be at least 90 days longer than coldStorageAfterDays (${monthly.coldStorageAfterDays}): AWS Backup keeps recovery points in cold storage for 90 days at least`,
    );
  }
  const daily = tiers.daily;
  if (backup.continuousBackup === true && daily && typeof daily.retentionDays === 'number' && daily.retentionDays > 35) {
    issue(
      ['tiers', 'daily', 'retentionDays'],
      daily.retentionDays,
      'must be at most 35 days with continuousBackup (AWS keeps point-in-time recovery points 35 days at most); shorten it, or switch continuousBackup off',
    );
  }
  const copy = backup.copy;
  if (copy?.enabled === true) {
    const allowed = Array.isArray(config.allowedRegions) ? config.allowedRegions : [];
    const homes = Array.isArray(config.accounts) ? config.accounts.map((a) => a?.homeRegion) : [];
    if (copy.region === undefined) {
      issue(
        ['copy', 'region'],
        undefined,
        `is required when backup.copy is enabled: one of the allowed regions other than the home region (${allowed.filter((r) => !homes.includes(r)).join(', ') || 'add one to allowedRegions'})`,
      );
    } else if (!allowed.includes(copy.region)) {
      issue(
        ['copy', 'region'],
        copy.region,
        `must be one of allowedRegions (${allowed.join(', ')}): copies are data too, and must stay where the client's data may live`,
      );
    } else if (homes.includes(copy.region)) {
      issue(
        ['copy', 'region'],
        copy.region,
        'must differ from the home region of every account: a copy in the same region does not survive a regional outage',
      );
    }
  }
  if (backup.auditFramework?.enabled === true) {
    const security = config.security;
    const hasConfig = security?.enabled !== false && security?.config?.enabled !== false;
    if (!hasConfig) {
      issue(
        ['auditFramework', 'enabled'],
        true,
        'needs security.config (Audit Manager evaluates its controls with AWS Config) and the log archive (its reports go there). Switch security.config on, or auditFramework off',
      );
    }
  }
}

/** Cross-field rules of the network section: the subnet layout of every account's VPC. */
function checkNetworkRules(config: ClientFile, ctx: z.RefinementCtx): void {
  const network = config.network;
  if (typeof network !== 'object' || network === null || network.enabled !== true) return;
  const issue = (path: (string | number)[], input: unknown, message: string) =>
    ctx.addIssue({ code: 'custom', path: ['network', ...path], input, message });
  const security = config.security;
  const hasLogArchive = security?.enabled !== false && (security?.cloudTrail?.enabled !== false || security?.config?.enabled !== false);
  if (!hasLogArchive) {
    issue(
      ['enabled'],
      true,
      'needs the log archive (security.cloudTrail or security.config on): VPC flow logs (CIS 3.7) are delivered there',
    );
  }
  const subnets = network.subnets ?? {};
  if (network.egress === 'none' && (subnets.privateMask ?? 0) > 0) {
    issue(
      ['subnets', 'privateMask'],
      subnets.privateMask,
      'must be 0 with egress none: private subnets exist to reach the internet through NAT; use isolated subnets, or choose an egress',
    );
  }
  if (network.egress !== 'none' && network.egress !== undefined && ((subnets.privateMask ?? 0) === 0 || (subnets.publicMask ?? 0) === 0)) {
    issue(
      ['egress'],
      network.egress,
      'needs both public subnets (for the NAT) and private subnets (that use it): set subnets.publicMask and subnets.privateMask',
    );
  }
  const accounts = (Array.isArray(config.accounts) ? config.accounts : []).filter(
    (a) => typeof a?.name === 'string' && typeof a.homeRegion === 'string',
  );
  const accountNames = accounts.map((a) => a.name);
  const cidrByAccount: Record<string, unknown> =
    typeof network.cidrByAccount === 'object' && network.cidrByAccount !== null ? network.cidrByAccount : {};
  for (const [name, range] of Object.entries(cidrByAccount)) {
    if (!accountNames.includes(name))
      issue(['cidrByAccount', name], range, `must be keyed by the name of one of the accounts: ${accountNames.join(', ')}`);
  }
  const explicit = Object.fromEntries(
    Object.entries(cidrByAccount).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  const baseProblem = typeof network.cidr === 'string' ? vpcRangeProblem(network.cidr) : 'is required';
  const needsBase = accountNames.some((name) => explicit[name] === undefined);
  if (baseProblem && needsBase) issue(['cidr'], network.cidr, baseProblem);
  const ranges = baseProblem
    ? accountNames
        .filter((name) => explicit[name] !== undefined)
        .map((account) => ({ account, cidr: explicit[account], source: 'explicit' as const }))
    : accountVpcRanges({ cidr: network.cidr as string, cidrByAccount: explicit }, accountNames);

  const valid: Array<AccountVpcRange & { parsed: ReturnType<typeof parseIpv4Cidr> }> = [];
  for (const range of ranges) {
    const homeRegion = accounts.find((a) => a.name === range.account)!.homeRegion;
    const problem = vpcRangeProblem(range.cidr);
    if (problem && range.source === 'derived') {
      issue(
        ['cidrByAccount', range.account],
        undefined,
        `is missing: account ${range.account} would get ${range.cidr}, the next block after network.cidr, which ${problem}; add network.cidrByAccount.${range.account} with a range of its own`,
      );
      continue;
    }
    const path = range.source === 'explicit' ? ['cidrByAccount', range.account] : ['cidr'];
    if (problem) {
      issue(path, range.cidr, `${problem} (account ${range.account})`);
      continue;
    }
    try {
      valid.push({ ...range, parsed: parseIpv4Cidr(range.cidr) });
      planSubnets(
        range.cidr,
        (network.zones ?? []).map((letter) => `${homeRegion}${letter}`),
        {
          public: subnets.publicMask || undefined,
          private: subnets.privateMask || undefined,
          isolated: subnets.isolatedMask || undefined,
        },
      );
    } catch (error) {
      issue(path, range.cidr, `${(error as Error).message} (account ${range.account})`);
    }
  }
  for (let i = 0; i < valid.length; i++) {
    for (let j = i + 1; j < valid.length; j++) {
      const [first, second] = [valid[i], valid[j]];
      if (!cidrContains(first.parsed, second.parsed) && !cidrContains(second.parsed, first.parsed)) continue;
      const free =
        typeof network.cidr === 'string' && !baseProblem
          ? freeVpcRange(
              network.cidr,
              valid.map((r) => r.cidr),
            )
          : undefined;
      const suggestion = free
        ? `network.cidrByAccount.${second.account}: ${free}`
        : `network.cidrByAccount.${second.account} with a range of its own`;
      if (second.source === 'explicit') {
        issue(
          ['cidrByAccount', second.account],
          second.cidr,
          `overlaps the VPC range of account ${first.account} (${first.cidr}): give each account its own range so the VPCs can be connected later, e.g. ${suggestion}`,
        );
      } else {
        issue(
          ['cidrByAccount', second.account],
          undefined,
          `is missing: account ${second.account} gets ${second.cidr} (the next block after network.cidr), which overlaps the VPC range of account ${first.account} (${first.cidr}); add ${suggestion}`,
        );
      }
    }
  }
}

/** Fills the defaults that depend on other fields (alert recipients come from the contacts). */
function resolveDefaults(config: ClientFile) {
  const { contacts } = config;
  const emails = config.notifications.emails;
  return {
    ...config,
    notifications: {
      ...config.notifications,
      emails: {
        security: emails.security ?? [(contacts.security ?? contacts.technical).email],
        finops: emails.finops ?? [(contacts.billing ?? contacts.owner).email],
        operations: emails.operations ?? [(contacts.operations ?? contacts.technical).email],
      },
    },
  };
}

/** The schema of a client file: validation, cross-field rules, resolved defaults. */
export const clientConfigSchema = clientFileSchema
  .superRefine(checkCrossFieldRules, { when: (payload) => typeof payload.value === 'object' && payload.value !== null })
  .transform(resolveDefaults);

/** A validated client configuration with every default filled in. */
export type ClientConfig = z.output<typeof clientConfigSchema>;

/** The configuration as a user writes it (optional fields may be missing). */
export type ClientConfigInput = z.input<typeof clientConfigSchema>;

/** One budget of a validated configuration. */
export type { BudgetConfig } from './finops-schema';
export { DEFAULT_BUDGET_THRESHOLDS } from './finops-schema';

/** One account of a validated configuration. */
export type AccountConfig = ClientConfig['accounts'][number];
