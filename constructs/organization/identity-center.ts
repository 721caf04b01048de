import { Aws, Duration, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sso from 'aws-cdk-lib/aws-sso';
import { Construct } from 'constructs';
import { finopsViewerStatements } from '../shared/finops-viewer-statements';

/**
 * The permission sets of {@link IdentityCenterAccess}: the people roles of single-account mode
 * (`PeopleRoles`) plus the fractional CTO's `consultant` set.
 */
export type PermissionSetName = 'administrator' | 'auditor' | 'finopsViewer' | 'support' | 'consultant';

/** One group given one permission set in some accounts. */
export interface IdentityCenterAssignment {
  /**
   * The Identity Center group id (Identity Center console, Groups, the group, "Group ID"): a UUID,
   * optionally prefixed by the identity store's id (`1234567890-` then the UUID). A literal, not a
   * token: it is part of the assignment's construct id.
   */
  readonly groupId: string;
  /** The permission set the group gets. */
  readonly permissionSet: PermissionSetName;
  /** The 12-digit ids of the accounts where the group gets it (literals, at least one). */
  readonly accountIds: readonly string[];
}

/** Properties of {@link IdentityCenterAccess}. */
export interface IdentityCenterAccessProps {
  /**
   * The organization instance of IAM Identity Center, `arn:aws:sso:::instance/ssoins-...`
   * (Identity Center console, Settings, "ARN").
   */
  readonly instanceArn: string;

  /**
   * Which group gets which permission set in which accounts. At least one; a (group, permission
   * set, account) triple may appear only once.
   */
  readonly assignments: readonly IdentityCenterAssignment[];

  /**
   * Start of the permission set names: `<namePrefix>Administrator`, `Auditor`, `FinOpsViewer`,
   * `Support`, `Consultant` (for example `Example-Administrator`). People see these names in the
   * AWS access portal, and the roles in the accounts are named `AWSReservedSSO_<name>_<suffix>`.
   * A name must be 1-32 characters of letters, digits and `+=,.@_-`, so the prefix has at most 19.
   * @default 'LandingZone-'
   */
  readonly namePrefix?: string;

  /**
   * Name of a customer managed policy (path `/`) that caps the administrator and consultant sets
   * as their permissions boundary, normally the baseline protection boundary. It must exist under
   * this name in every account where one of those two sets is assigned, or Identity Center fails
   * to provision the set there.
   * @default - no permissions boundary
   */
  readonly boundaryPolicyName?: string;
}

interface PermissionSetDefinition {
  /** The permission set name after the prefix, and the construct id part. */
  readonly name: string;
  /** What the set is for, the start of its description. */
  readonly purpose: string;
  readonly sessionDuration: Duration;
  readonly managedPolicies: readonly string[];
  readonly inlinePolicy?: () => iam.PolicyDocument;
  /** Whether `boundaryPolicyName` applies to it. */
  readonly bounded: boolean;
}

const DEFAULT_NAME_PREFIX = 'LandingZone-';
const MFA_NOTE = 'MFA at every sign-in, Identity Center MFA setting';
// A standard session for the sets that read or open support cases: an audit, a cost review or a
// support case is not interrupted every hour. The administrator's is the shortest: the most
// powerful session is the shortest-lived one if its credentials leak.
const READ_SESSION = Duration.hours(4);

const DEFINITIONS: Readonly<Record<PermissionSetName, PermissionSetDefinition>> = {
  administrator: {
    name: 'Administrator',
    purpose: 'Full administration',
    sessionDuration: Duration.hours(1),
    managedPolicies: ['AdministratorAccess'],
    bounded: true,
  },
  auditor: {
    name: 'Auditor',
    purpose: 'Security review without data access',
    sessionDuration: READ_SESSION,
    managedPolicies: ['SecurityAudit', 'job-function/ViewOnlyAccess'],
    bounded: false,
  },
  finopsViewer: {
    name: 'FinOpsViewer',
    purpose: 'Costs, budgets and dashboards, read only',
    sessionDuration: READ_SESSION,
    managedPolicies: ['AWSBillingReadOnlyAccess'],
    inlinePolicy: finopsViewerPolicy,
    bounded: false,
  },
  support: {
    name: 'Support',
    purpose: 'AWS Support cases, the CIS 1.17 support role',
    sessionDuration: READ_SESSION,
    managedPolicies: ['AWSSupportAccess'],
    bounded: false,
  },
  consultant: {
    name: 'Consultant',
    purpose: 'Fractional CTO: read-only review, billing and AWS Support cases',
    // A working day of reviews without signing in again.
    sessionDuration: Duration.hours(8),
    managedPolicies: ['ReadOnlyAccess', 'AWSSupportAccess', 'AWSBillingReadOnlyAccess'],
    bounded: true,
  },
};

/** The order in which permission sets are created and listed. */
const PERMISSION_SET_NAMES = Object.keys(DEFINITIONS) as PermissionSetName[];
const LONGEST_SET_NAME = Math.max(...Object.values(DEFINITIONS).map((definition) => definition.name.length));
const MAX_PERMISSION_SET_NAME = 32;
const NAME_CHARACTERS = /^[\w+=,.@-]*$/;
const POLICY_NAME = /^[\w+=,.@-]{1,128}$/;
const INSTANCE_ARN = /^arn:aws[\w-]*:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/;
const GROUP_ID = /^([0-9a-f]{10}-|)[A-Fa-f0-9]{8}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{4}-[A-Fa-f0-9]{12}$/;
const ACCOUNT_ID = /^\d{12}$/;

/**
 * Sign-in through IAM Identity Center in organization mode: one permission set per people role
 * that is used, assigned to Identity Center groups per account. Deploy it in the management
 * account (or the Identity Center delegated administrator), in the instance's region.
 *
 * The permission sets grant what the people roles of single-account mode grant (`PeopleRoles`):
 * - Administrator: AWS managed `AdministratorAccess`; 1-hour sessions.
 * - Auditor: `SecurityAudit` plus `job-function/ViewOnlyAccess` (lists and describes resources
 *   without reading their content); 4 hours.
 * - FinOps viewer: `AWSBillingReadOnlyAccess` plus an inline policy for Cost Explorer, budgets and
 *   CloudWatch dashboards and metrics, read only; 4 hours.
 * - Support: `AWSSupportAccess`, the support role CIS 1.17 asks for; 4 hours.
 * - Consultant, the fractional CTO: `ReadOnlyAccess`, `AWSSupportAccess` and
 *   `AWSBillingReadOnlyAccess`; 8 hours, a working day of reviews.
 *
 * With `boundaryPolicyName`, the administrator and consultant sets carry that customer managed
 * policy as their permissions boundary: the administrator can change everything the baseline
 * protects, and the consultant is a person from outside the client. The three other sets only read
 * or open support cases.
 *
 * MFA: Identity Center's MFA setting is an instance setting that has no CloudFormation resource.
 * Configure it once in the Identity Center console (Settings, Authentication, Multi-factor
 * authentication): prompt users for MFA "Every time they sign in", with an authenticator app or a
 * security key, and block sign-in for users without a registered device. With an external identity
 * provider (Microsoft Entra ID, Google Workspace), its sign-in policy enforces MFA instead.
 *
 * Only the permission sets that at least one assignment uses are created. Each (group, permission
 * set, account) is one `AWS::SSO::Assignment` whose construct id is made of the set, the account
 * id and the group id, so that adding or removing an assignment never replaces another.
 */
export class IdentityCenterAccess extends Construct {
  /** The permission sets created, by name (only those that an assignment uses). */
  readonly permissionSets: ReadonlyMap<PermissionSetName, sso.CfnPermissionSet>;

  constructor(scope: Construct, id: string, props: IdentityCenterAccessProps) {
    super(scope, id);
    const namePrefix = props.namePrefix ?? DEFAULT_NAME_PREFIX;
    const where = `IdentityCenterAccess ${this.node.path}`;
    validate(where, props, namePrefix);
    this.node.addValidation({
      validate: () =>
        props.assignments.length > 0
          ? []
          : [`${where}: assignments must list at least one assignment (received []); without any, remove the construct`],
    });

    const used = new Set(props.assignments.map((assignment) => assignment.permissionSet));
    const permissionSets = new Map<PermissionSetName, sso.CfnPermissionSet>();
    for (const setName of PERMISSION_SET_NAMES.filter((name) => used.has(name))) {
      const definition = DEFINITIONS[setName];
      const bounded = definition.bounded && props.boundaryPolicyName !== undefined;
      const notes = [MFA_NOTE, ...(bounded ? [`permissions boundary ${props.boundaryPolicyName}`] : [])];
      permissionSets.set(
        setName,
        new sso.CfnPermissionSet(this, `PermissionSet${definition.name}`, {
          instanceArn: props.instanceArn,
          name: `${namePrefix}${definition.name}`,
          description: `${definition.purpose} (${notes.join('; ')})`,
          sessionDuration: definition.sessionDuration.toIsoString(),
          managedPolicies: definition.managedPolicies.map((policy) => `arn:${Aws.PARTITION}:iam::aws:policy/${policy}`),
          inlinePolicy: definition.inlinePolicy?.(),
          permissionsBoundary: bounded ? { customerManagedPolicyReference: { name: props.boundaryPolicyName, path: '/' } } : undefined,
        }),
      );
    }
    this.permissionSets = permissionSets;

    for (const assignment of props.assignments) {
      const definition = DEFINITIONS[assignment.permissionSet];
      const permissionSet = permissionSets.get(assignment.permissionSet)!;
      for (const accountId of assignment.accountIds) {
        // The whole group id: prefixed ids (identity store id first) share their first characters.
        new sso.CfnAssignment(this, `Assignment${definition.name}${accountId}${assignment.groupId.replace(/-/g, '')}`, {
          instanceArn: props.instanceArn,
          permissionSetArn: permissionSet.attrPermissionSetArn,
          principalType: 'GROUP',
          principalId: assignment.groupId,
          targetType: 'AWS_ACCOUNT',
          targetId: accountId,
        });
      }
    }
  }
}

/**
 * Cost Explorer, budgets and the FinOps CloudWatch dashboards, read only: the actions of the
 * FinOps viewer people role. A permission set serves many accounts, so the budget and dashboard
 * ARNs name any account; the role Identity Center provisions in an account reads that account's.
 */
function finopsViewerPolicy(): iam.PolicyDocument {
  return new iam.PolicyDocument({ statements: finopsViewerStatements('*') });
}

function validate(where: string, props: IdentityCenterAccessProps, namePrefix: string): void {
  if (!Token.isUnresolved(props.instanceArn) && !INSTANCE_ARN.test(props.instanceArn)) {
    throw new Error(
      `${where}: instanceArn must be an IAM Identity Center instance ARN like arn:aws:sso:::instance/ssoins-1234567890abcdef (Identity Center console, Settings) (received "${props.instanceArn}")`,
    );
  }
  if (!Token.isUnresolved(namePrefix)) {
    const longest = `${namePrefix}${'x'.repeat(LONGEST_SET_NAME)}`.length;
    if (!NAME_CHARACTERS.test(namePrefix) || longest > MAX_PERMISSION_SET_NAME) {
      throw new Error(
        `${where}: namePrefix must be at most ${MAX_PERMISSION_SET_NAME - LONGEST_SET_NAME} characters of letters, digits and +=,.@_- (permission set names such as "${namePrefix}Administrator" must be 1-${MAX_PERMISSION_SET_NAME} characters of [\\w+=,.@-]) (received "${namePrefix}")`,
      );
    }
  }
  const boundary = props.boundaryPolicyName;
  if (boundary !== undefined && !Token.isUnresolved(boundary) && !POLICY_NAME.test(boundary)) {
    throw new Error(
      `${where}: boundaryPolicyName must be an IAM policy name, 1-128 characters of letters, digits and +=,.@_- (received "${boundary}")`,
    );
  }

  const seen = new Map<string, number>();
  props.assignments.forEach((assignment, i) => {
    const at = `${where}: assignments[${i}]`;
    if (!PERMISSION_SET_NAMES.includes(assignment.permissionSet)) {
      throw new Error(`${at}.permissionSet must be one of ${PERMISSION_SET_NAMES.join(', ')} (received "${assignment.permissionSet}")`);
    }
    // Literals only: the group and account ids name the assignment's construct id.
    if (Token.isUnresolved(assignment.groupId) || !GROUP_ID.test(assignment.groupId)) {
      throw new Error(
        `${at}.groupId must be an Identity Center group id written out: a UUID, optionally prefixed by the identity store id (1234567890-), from the Identity Center console (Groups, the group, "Group ID") (received "${assignment.groupId}")`,
      );
    }
    if (assignment.accountIds.length === 0) {
      throw new Error(`${at}.accountIds must list at least one account id (received [])`);
    }
    for (const accountId of assignment.accountIds) {
      if (Token.isUnresolved(accountId) || !ACCOUNT_ID.test(accountId)) {
        throw new Error(`${at}.accountIds must be account ids of exactly 12 digits, written out (received "${accountId}")`);
      }
      const key = `${assignment.groupId} ${assignment.permissionSet} ${accountId}`;
      const first = seen.get(key);
      if (first !== undefined) {
        throw new Error(
          `${at} gives group ${assignment.groupId} the ${assignment.permissionSet} permission set in account ${accountId} again (already in assignments[${first}]); list each (group, permission set, account) once`,
        );
      }
      seen.set(key, i);
    }
  });
}
