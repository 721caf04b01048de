import { LANGUAGES } from '../alerts/language';
import * as z from 'zod/mini';
import { accountId, email, emailList, slug, SLUG_RULE, strictObject, tagKey, tagValue, text, uniqueItems } from './primitives';
import { backupSchema, checkBackupRules } from './backup-schema';
import { reportTo } from './cross-field';
import { findExamplePlaceholders } from './example-placeholders';
import { checkNetworkRules, networkSchema } from './network-schema';
import { checkOrganizationRules, organizationSchema } from './organization-schema';
import { finopsSchema } from './finops-schema';
import { reportSchema } from './report-schema';
import { region } from './region-field';
import { slackChannelId, slackWorkspaceId, teamsChannelId, teamsTeamId, teamsTenantId, timeZoneName } from './chat-fields';
import { checkSecurityRules, securitySchema } from './security-schema';

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
  name: text("the person's name").check(
    z.minLength(1, { error: 'must not be empty' }),
    z.maxLength(64, { error: 'must be at most 64 characters' }),
    z.describe('Full name of the person.'),
  ),
  email: email.check(z.describe('Email address.')),
  title: z
    .optional(text('a job title').check(z.maxLength(50, { error: 'must be at most 50 characters' })))
    .check(z.describe("Job title, used for the account's alternate contacts.")),
  phone: z
    .optional(
      text('a phone number in international format').check(
        z.regex(/^\+[0-9][0-9 ()-]{5,23}$/, { error: 'must be a phone number in international format, e.g. "+49 30 1234567"' }),
      ),
    )
    .check(z.describe('Phone number in international format, e.g. "+49 30 1234567".')),
});

const account = strictObject({
  name: slug('an account name').check(
    z.describe(`Short name of the account (${SLUG_RULE}). Becomes part of stack names, so do not rename it once deployed.`),
  ),
  id: accountId.check(z.describe('The 12-digit AWS account id, quoted so that YAML keeps leading zeros.')),
  homeRegion: region.check(
    z.describe("The region where the account's global resources (IAM, the trail, FinOps) live. Must be one of `allowedRegions`."),
  ),
  description: z
    .optional(text('a short description').check(z.maxLength(256)))
    .check(z.describe('What the account is for, shown in generated documentation.')),
});

/** A Slack channel id for one alert topic (`notifications.slack.topicChannels`). */
const slackChannelFor = (what: string) => z.optional(slackChannelId).check(z.describe(`Slack channel id for ${what}.`));

/** The alert topics a chat channel posts, default all three. */
const chatTopics = z
  ._default(
    z
      .array(z.enum(['security', 'finops', 'operations'], { error: 'must be security, finops or operations' }))
      .check(z.minLength(1, { error: 'must list at least one topic' }), uniqueItems('topic')),
    ['security', 'finops', 'operations'],
  )
  .check(z.describe('The alert topics this channel posts: security, finops, operations. Default: all three.'));

/** The raw (input) shape of a client file, before cross-field checks and resolved defaults. */
const clientFileSchema = strictObject({
  client: strictObject({
    name: slug('the client name').check(
      z.describe(`Client id (${SLUG_RULE}). Must equal the file name (\`clients/<name>.yaml\`); stack names start with it.`),
    ),
    displayName: text('the company name').check(
      z.minLength(1),
      z.maxLength(64),
      z.describe('Company name as the client writes it, shown on dashboards and in alerts.'),
    ),
    costCenter: tagValue.check(
      z.minLength(1, { error: 'must not be empty' }),
      z.describe('Cost center, applied as the `cost-center` tag on every resource.'),
    ),
    timeZone: z
      ._default(timeZoneName, 'UTC')
      .check(z.describe('IANA time zone for schedules and backup windows, e.g. Europe/Berlin. Default: UTC.')),
    language: z
      ._default(z.enum(LANGUAGES, { error: `must be one of ${LANGUAGES.join(', ')}` }), 'en')
      .check(z.describe(`Language of alerts, the FinOps digest, runbooks and dashboard texts: ${LANGUAGES.join(' or ')}. Default: en.`)),
  }).check(z.describe('Who the client is.')),
  contacts: strictObject({
    owner: contact.check(z.describe("The client's accountable manager: the `owner` tag and the default FinOps alert recipient.")),
    technical: contact.check(
      z.describe('The person running the platform (usually the fractional CTO): default security and operations alert recipient.'),
    ),
    billing: z.optional(contact).check(z.describe('Billing contact (AWS alternate contact). Default: none.')),
    security: z.optional(contact).check(z.describe('Security contact (AWS alternate contact). Default: none.')),
    operations: z.optional(contact).check(z.describe('Operations contact (AWS alternate contact). Default: none.')),
  }).check(z.describe('People to reach.')),
  accounts: z.array(account, { error: 'must be a list of accounts, each with name, id and homeRegion' }).check(
    z.minLength(1, { error: 'must list at least one account' }),
    z.maxLength(50, { error: 'must list at most 50 accounts' }),
    uniqueItems('account name', (a: { name: string }) => a.name),
    uniqueItems('account id', (a: { id: string }) => a.id),
    z.describe("The client's AWS accounts. Each gets the landing zone."),
  ),
  allowedRegions: z
    .array(region, { error: 'must be a list of AWS region codes' })
    .check(
      z.minLength(1, { error: 'must list at least one region' }),
      uniqueItems('region'),
      z.describe(
        "Regions where the client's data may live (data residency, e.g. only EU regions). Regional baselines are deployed in each.",
      ),
    ),
  tagging: z
    .prefault(
      strictObject({
        costAllocationTagKeys: z
          ._default(
            z
              .array(tagKey, { error: 'must be a list of tag keys' })
              .check(z.maxLength(50, { error: 'must list at most 50 tag keys' }), uniqueItems('tag key')),
            ['project', 'environment'],
          )
          .check(
            z.describe(
              'Tag keys every workload resource must carry and that costs are reported by. Activate them as cost-allocation tags in the billing console. Default: project, environment.',
            ),
          ),
        additionalTags: z
          ._default(z.record(tagKey, tagValue, { error: 'must be a mapping of tag key to tag value' }), {})
          .check(
            z.describe(
              `Extra tags applied to every resource the platform creates. The keys ${RESERVED_TAG_KEYS.join(', ')} are set by the platform itself.`,
            ),
          ),
      }),
      {},
    )
    .check(z.describe('Tags.')),
  notifications: z
    .prefault(
      strictObject({
        emails: z
          .prefault(
            strictObject({
              security: z
                .optional(emailList)
                .check(
                  z.describe('Security alerts (CIS alarms, GuardDuty, Security Hub). Default: contacts.security, else contacts.technical.'),
                ),
              finops: z
                .optional(emailList)
                .check(z.describe('Budget and cost anomaly alerts. Default: contacts.billing, else contacts.owner.')),
              operations: z
                .optional(emailList)
                .check(
                  z.describe('Operational alerts (backups, platform Lambdas). Default: contacts.operations, else contacts.technical.'),
                ),
            }),
            {},
          )
          .check(z.describe('Email recipients per alert topic (at most 10 each).')),
        slack: z
          .optional(
            strictObject({
              workspaceId: slackWorkspaceId.check(
                z.describe('Slack workspace id (authorize the workspace in the AWS Chatbot console first).'),
              ),
              channelId: slackChannelId.check(
                z.describe('Slack channel id: every alert topic in `topics` posts here unless `topicChannels` names another.'),
              ),
              topics: chatTopics,
              topicChannels: z
                .optional(
                  strictObject({
                    security: slackChannelFor('the security alerts'),
                    finops: slackChannelFor('the cost alerts and the budget digest'),
                    operations: slackChannelFor('the operations alerts'),
                  }),
                )
                .check(z.describe('Another Slack channel for a topic, e.g. `{ finops: C0456EFGH }` for the cost alerts. Default: none.')),
            }),
          )
          .check(
            z.describe(
              'Optional Slack channel for alerts in every account, through AWS Chatbot (authorize the workspace once per account in the Chatbot console). Default: none.',
            ),
          ),
        teams: z
          .optional(
            strictObject({
              tenantId: teamsTenantId.check(z.describe('Microsoft Entra tenant id.')),
              teamId: teamsTeamId.check(z.describe('Team id.')),
              channelId: teamsChannelId.check(
                z.describe('Channel id as Teams copies it, e.g. 19:abc...@thread.tacv2 (the URL-encoded form is accepted too).'),
              ),
              topics: chatTopics,
            }),
          )
          .check(
            z.describe(
              'Optional Microsoft Teams channel for alerts in every account, through AWS Chatbot (authorize the tenant once per account in the Chatbot console). Default: none.',
            ),
          ),
      }),
      {},
    )
    .check(z.describe('Where alerts go.')),
  security: z.prefault(securitySchema, {}).check(z.describe('Security baseline.')),
  backup: z.prefault(backupSchema, {}).check(z.describe('Backup and recovery.')),
  network: z.prefault(networkSchema, {}).check(z.describe('Network baseline.')),
  finops: z.prefault(finopsSchema, {}).check(z.describe('FinOps.')),
  report: z.prefault(reportSchema, {}).check(z.describe('The monthly report for the management.')),
  portfolio: z
    .optional(
      strictObject({
        monitoringAccountId: accountId.check(
          z.describe(
            "The consultant's AWS account (clients/_consultant.yaml, `consultant.accountId`) that may read this client's CloudWatch metrics for the portfolio dashboard. Metrics only: no logs, no traces. Remove the section to end the sharing.",
          ),
        ),
      }),
    )
    .check(
      z.describe(
        "Shares the landing zone's CloudWatch metrics with the consultant's portfolio dashboard (CloudWatch cross-account observability: a link in each account and home region to the consultant's sink). Default: none (nothing is shared).",
      ),
    ),
  organization: z
    .optional(organizationSchema)
    .check(
      z.describe(
        'Organization mode (docs/decisions/010-organization-mode.md): AWS Organizations with OUs, guardrail SCPs, IAM Identity Center and central security and logs. Default: none (single-account mode: every account is an independent landing zone).',
      ),
    ),
});

type ClientFile = z.output<typeof clientFileSchema>;

/**
 * Checks that involve more than one field, each reported at the field to change.
 *
 * They run even when other fields are invalid, so every problem is reported at once; that is
 * why they read the configuration defensively instead of trusting its type.
 */
function checkCrossFieldRules(config: ClientFile, ctx: z.core.$RefinementCtx): void {
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
  const report = reportTo(ctx);
  checkSecurityRules(config, report);
  checkBackupRules(config, report);
  checkNetworkRules(config, report);
  checkOrganizationRules(config, report);
  const monitoring = config.portfolio?.monitoringAccountId;
  if (typeof monitoring === 'string' && accounts.some((acct) => acct?.id === monitoring)) {
    report(
      ['portfolio', 'monitoringAccountId'],
      monitoring,
      "is one of the client's own accounts; it must be the consultant's monitoring account (clients/_consultant.yaml)",
    );
  }
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
export const clientConfigSchema = z.pipe(
  clientFileSchema.check(
    z.superRefine(checkCrossFieldRules, { when: (payload) => typeof payload.value === 'object' && payload.value !== null }),
  ),
  z.transform(resolveDefaults),
);

/** A validated client configuration with every default filled in. */
export type ClientConfig = z.output<typeof clientConfigSchema>;

/** The configuration as a user writes it (optional fields may be missing). */
export type ClientConfigInput = z.input<typeof clientConfigSchema>;

/** One budget of a validated configuration. */
export type { BudgetConfig } from './finops-schema';
export { DEFAULT_BUDGET_THRESHOLDS } from './finops-schema';

/** One account of a validated configuration. */
export type AccountConfig = ClientConfig['accounts'][number];
