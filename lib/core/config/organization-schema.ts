import * as z from 'zod/mini';
import { email, strictObject, text, uniqueItems } from './primitives';
import type { ReportIssue } from './cross-field';
import { MAX_UNIT_DEPTH } from '../rules/organizations';

/**
 * The `organization` section: organization mode for clients that grow beyond one account
 * (docs/decisions/010-organization-mode.md). Without it a client is in single-account mode and
 * every account is an independent landing zone, exactly as before.
 */

/** The OU layout every serious landing zone starts from (AWS's recommended OUs). */
export const DEFAULT_ORGANIZATIONAL_UNITS = [
  'Security',
  'Workloads',
  'Workloads/Production',
  'Workloads/NonProduction',
  'Sandbox',
  'Suspended',
] as const;

/** The OU whose accounts may do nothing at all (deny-all SCP): where closed accounts wait. */
export const SUSPENDED_UNIT = 'Suspended';

/** The people roles of the landing zone, as Identity Center permission sets, plus the consultant's. */
export const PERMISSION_SETS = ['administrator', 'auditor', 'finopsViewer', 'support', 'consultant'] as const;
export type PermissionSetName = (typeof PERMISSION_SETS)[number];

/** Where the people behind Identity Center's groups sign in (decision 010 says how to connect each). */
export const IDENTITY_SOURCES = ['identity-center-directory', 'microsoft-entra-id', 'google-workspace'] as const;

const OU_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,127}$/;
const OU_PATH_RULE = 'OU names of 1-128 letters, digits, spaces, dots, underscores or hyphens, nested with "/" (e.g. Workloads/Production)';

const unitPath = text(OU_PATH_RULE).check(
  z.refine((path: string) => path.split('/').every((name) => OU_NAME.test(name)), { error: `must be ${OU_PATH_RULE}` }),
);

const accountName = (what: string) =>
  text('the name of one of `accounts`').check(z.minLength(1), z.describe(`The name (from \`accounts\`) of ${what}.`));

const placement = strictObject({
  unit: unitPath.check(z.describe('The OU the account belongs to, one of `units` (e.g. Workloads/Production).')),
  origin: z
    ._default(z.enum(['created', 'invited'], { error: 'must be created or invited' }), 'invited')
    .check(
      z.describe(
        '`created`: the platform creates the account (AWS::Organizations::Account; needs `email`). `invited`: an existing account that accepted the invitation to the organization; the platform moves it into its OU. Default: invited.',
      ),
    ),
  email: z
    .optional(email)
    .check(z.describe("The created account's root email address (unique across AWS; a group mailbox the client owns).")),
});

const identityCenter = strictObject({
  instanceArn: text('an Identity Center instance ARN').check(
    z.regex(/^arn:aws[\w-]*:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/, {
      error: 'must be an IAM Identity Center instance ARN like arn:aws:sso:::instance/ssoins-1234567890abcdef',
    }),
    z.describe('The organization instance of IAM Identity Center (enable it once in the management account console, then copy its ARN).'),
  ),
  identitySource: z
    ._default(z.enum(IDENTITY_SOURCES, { error: `must be one of ${IDENTITY_SOURCES.join(', ')}` }), 'identity-center-directory')
    .check(
      z.describe(
        `Where people sign in: ${IDENTITY_SOURCES.join(', ')} (connected in the Identity Center console, which has no API for it; the README says how). Records the choice for the people who read the client file. Default: identity-center-directory.`,
      ),
    ),
  assignments: z
    .array(
      strictObject({
        group: text('an Identity Center group id').check(
          z.regex(/^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/, {
            error: 'must be an Identity Center group id (a UUID, optionally prefixed by the identity store id: 1234567890-abcd...)',
          }),
          z.describe('The group id from the Identity Center console (Groups, the group, "Group ID").'),
        ),
        permissionSet: z
          .enum(PERMISSION_SETS, { error: `must be one of ${PERMISSION_SETS.join(', ')}` })
          .check(z.describe(`The permission set: ${PERMISSION_SETS.join(', ')}.`)),
        accounts: z
          .array(text('an account name'), { error: 'must be a list of account names' })
          .check(
            z.minLength(1, { error: 'must list at least one account' }),
            uniqueItems('account'),
            z.describe('The accounts (names from `accounts`) where the group gets the permission set.'),
          ),
      }),
      { error: 'must be a list of assignments, each with group, permissionSet and accounts' },
    )
    .check(z.describe('Which group gets which permission set in which accounts.')),
});

/** The `organization` section as validated. */
export const organizationSchema = strictObject({
  managementAccount: accountName(
    'the management account: the organization, its guardrails, the organization trail and FinOps; no workloads',
  ),
  securityAccount: accountName(
    'the security (audit) account: delegated administrator of GuardDuty, Security Hub, IAM Access Analyzer and AWS Config',
  ),
  logArchiveAccount: accountName("the log-archive account: the organization trail's and AWS Config's archive"),
  existingRootId: z
    .optional(
      text('an organization root id').check(
        z.regex(/^r-[0-9a-z]{4,32}$/, { error: 'must be an organization root id like r-ab12 (Organizations console, Root)' }),
      ),
    )
    .check(
      z.describe(
        'The root id of an organization that already exists (Organizations console, "Root"). Default: none, the platform creates the organization (all features) in the management account.',
      ),
    ),
  units: z
    ._default(
      z
        .array(unitPath, { error: 'must be a list of OU paths' })
        .check(z.minLength(1, { error: 'must list at least one OU' }), uniqueItems('OU')),
      [...DEFAULT_ORGANIZATIONAL_UNITS],
    )
    .check(
      z.describe(
        `The OUs, as paths below the root (a parent is created for every path). Default: ${DEFAULT_ORGANIZATIONAL_UNITS.join(', ')}. Accounts in ${SUSPENDED_UNIT} may do nothing.`,
      ),
    ),
  accounts: z
    .record(text('an account name'), placement, { error: 'must be a mapping of account name to { unit, origin, email }' })
    .check(
      z.describe(
        'Where each account (by name) goes: every account except the management account, each in exactly one OU: `{ unit, origin: created | invited, email }`.',
      ),
    ),
  identityCenter: z
    .optional(identityCenter)
    .check(
      z.describe(
        'Sign-in through IAM Identity Center: permission sets matching the people roles, assigned to groups per account. Default: none (people roles per account, as in single-account mode).',
      ),
    ),
});

/** The validated `organization` section. */
export type OrganizationConfig = z.output<typeof organizationSchema>;

/** Every OU of a layout with its parents: `Workloads/Production` brings `Workloads`. */
export function unitsWithParents(units: readonly string[]): string[] {
  const all: string[] = [];
  for (const unit of units) {
    const names = unit.split('/');
    for (let depth = 1; depth <= names.length; depth++) {
      const path = names.slice(0, depth).join('/');
      if (!all.includes(path)) all.push(path);
    }
  }
  return all;
}

/** The view of a client file that the organization rules read. */
interface OrganizationFileView {
  readonly accounts?: ReadonlyArray<{ readonly name?: string } | undefined>;
  readonly organization?: Partial<OrganizationConfig>;
}

/**
 * Rules of the organization section that involve other fields: the named accounts exist, every
 * account but the management account is placed in exactly one known OU, the management account
 * runs nothing but the organization, created accounts have a root email, OUs stay within the
 * nesting depth AWS allows.
 */
export function checkOrganizationRules(config: OrganizationFileView, issue: ReportIssue): void {
  const organization = config.organization;
  if (!organization || typeof organization !== 'object') return;
  const accountNames = (Array.isArray(config.accounts) ? config.accounts : [])
    .map((account) => account?.name)
    .filter((name): name is string => typeof name === 'string');
  const known = `one of the accounts: ${accountNames.join(', ')}`;
  const roles = ['managementAccount', 'securityAccount', 'logArchiveAccount'] as const;
  for (const role of roles) {
    const name = organization[role];
    if (typeof name === 'string' && !accountNames.includes(name)) issue(['organization', role], name, `must be ${known}`);
  }
  const management = organization.managementAccount;
  for (const role of ['securityAccount', 'logArchiveAccount'] as const) {
    if (typeof management === 'string' && organization[role] === management) {
      issue(
        ['organization', role],
        management,
        'must not be the management account: SCPs never restrict the management account, so it holds nothing but the organization itself (AWS guidance: no workloads in the management account)',
      );
    }
  }

  const units = Array.isArray(organization.units) ? organization.units.filter((u): u is string => typeof u === 'string') : [];
  const layout = unitsWithParents(units);
  units.forEach((unit, index) => {
    const depth = unit.split('/').length;
    if (depth > MAX_UNIT_DEPTH) {
      issue(
        ['organization', 'units', index],
        unit,
        `nests ${depth} levels deep; AWS Organizations allows at most ${MAX_UNIT_DEPTH} below the root`,
      );
    }
  });

  const placements = organization.accounts && typeof organization.accounts === 'object' ? organization.accounts : {};
  const emails = new Map<string, string>();
  for (const [name, place] of Object.entries(placements)) {
    if (!accountNames.includes(name)) {
      issue(['organization', 'accounts', name], name, `is not an account; the keys must be ${known}`);
      continue;
    }
    if (name === management) {
      issue(
        ['organization', 'accounts', name],
        name,
        'is the management account, which stays at the root of the organization: remove it here (SCPs and OUs do not apply to it)',
      );
      continue;
    }
    const unit = place?.unit;
    if (typeof unit === 'string' && layout.length > 0 && !layout.includes(unit)) {
      issue(
        ['organization', 'accounts', name, 'unit'],
        unit,
        `must be one of the OUs: ${layout.join(', ')} (add it to organization.units)`,
      );
    }
    if (place?.origin === 'created' && !place.email) {
      issue(
        ['organization', 'accounts', name, 'email'],
        undefined,
        'is required for an account the platform creates: its root email address',
      );
    }
    if (typeof place?.email === 'string') {
      const lower = place.email.toLowerCase();
      const other = emails.get(lower);
      if (other)
        issue(
          ['organization', 'accounts', name, 'email'],
          place.email,
          `is already the email of account ${other}: every AWS account needs its own`,
        );
      else emails.set(lower, name);
    }
  }
  // Only once the management account is known: it is the one account without an OU.
  const managementKnown = typeof management === 'string' && accountNames.includes(management);
  for (const name of managementKnown ? accountNames : []) {
    if (name !== management && !(name in placements)) {
      issue(
        ['organization', 'accounts'],
        name,
        `has no entry for account ${name}: every account except the management account belongs to exactly one OU`,
      );
    }
  }
  const assignments = Array.isArray(organization.identityCenter?.assignments) ? organization.identityCenter.assignments : [];
  assignments.forEach((assignment, index) => {
    const targets = Array.isArray(assignment?.accounts) ? assignment.accounts : [];
    targets.forEach((target, at) => {
      if (typeof target === 'string' && !accountNames.includes(target)) {
        issue(['organization', 'identityCenter', 'assignments', index, 'accounts', at], target, `must be ${known}`);
      }
    });
  });
}
