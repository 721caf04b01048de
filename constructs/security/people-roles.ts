import { Aws, Duration, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledge } from '../shared/compliance';
import { finopsViewerStatements } from '../shared/finops-viewer-statements';

/**
 * Where the people who use the roles sign in. The landing zone creates no IAM users.
 *
 * - `account`: people sign in to another AWS account (for example the CTO's own, or this one)
 *   and assume these roles from there. The trust policy requires MFA used within the last hour
 *   (`aws:MultiFactorAuthPresent`, `aws:MultiFactorAuthAge`): IAM sets these for a console
 *   sign-in with MFA and for AssumeRole/GetSessionToken calls that pass an MFA code. Sessions
 *   federated into that account from an identity provider may not carry them; use `saml` or
 *   `oidc` for those people instead.
 * - `saml`: a SAML 2.0 identity provider (Microsoft Entra ID, Google Workspace, Okta, IAM
 *   Identity Center as an external IdP...). Give its metadata XML to create the IAM SAML
 *   provider here, or the ARN of one that already exists in the account.
 * - `oidc`: an OpenID Connect identity provider; only tokens for the given client ids (`aud`,
 *   exact) and subjects (`sub`, `*` and `?` are wildcards) may assume the roles.
 *
 * With SAML and OIDC, IAM cannot see how the person authenticated: MFA must be enforced by the
 * identity provider (its sign-in policy for the AWS application).
 */
export type IdentitySource =
  | { readonly type: 'account'; readonly accountId: string }
  | { readonly type: 'saml'; readonly metadataDocument: string }
  | { readonly type: 'saml'; readonly providerArn: string }
  | { readonly type: 'oidc'; readonly issuerUrl: string; readonly clientIds: string[]; readonly subjects: string[] };

/** Which of the {@link PeopleRoles} to create. */
export interface PeopleRoleSelection {
  /** Full administration, inside the baseline protection boundary. @default true */
  readonly administrator?: boolean;
  /** Security review of configurations, without reading data. @default true */
  readonly auditor?: boolean;
  /** Costs, budgets and dashboards, read only. @default true */
  readonly finopsViewer?: boolean;
  /** Opens and manages AWS Support cases (CIS 1.17). @default true */
  readonly support?: boolean;
}

/** Properties of {@link PeopleRoles}. */
export interface PeopleRolesProps {
  /** Where people sign in before they assume the roles. */
  readonly identitySource: IdentitySource;

  /**
   * Permissions boundary of every role, normally the baseline protection boundary
   * (`BaselineProtectionBoundary.policy`).
   */
  readonly boundary: iam.IManagedPolicy;

  /**
   * Which roles to create. At least one must be enabled.
   * @default - all four
   */
  readonly roles?: PeopleRoleSelection;

  /**
   * Longest session a person gets from one sign-in, for every role (1 to 12 hours). Sessions
   * reached by role chaining (assuming a role from another role's session) last at most one hour
   * whatever this says.
   * @default - 1 hour for the administrator (the most powerful session is the shortest-lived one
   * if its credentials leak), 4 hours for the other roles (an audit, a cost review or a support
   * case is not interrupted every hour)
   */
  readonly maxSessionDuration?: Duration;

  /**
   * Start of the role names: `<rolePrefix>-Administrator`, `-Auditor`, `-FinOpsViewer`,
   * `-Support`. The names are fixed so that people can switch roles by name and IdPs can map
   * groups to them.
   * @default 'LandingZone'
   */
  readonly rolePrefix?: string;
}

const ACCOUNT_ID = /^\d{12}$/;
const ROLE_PREFIX = /^[\w+=,.@-]{1,51}$/;
const SAML_PROVIDER_ARN = /^arn:[\w-]+:iam::\d{12}:saml-provider\/[\w.-]+$/;
const ADMINISTRATOR_SESSION = Duration.hours(1);
const OTHER_SESSION = Duration.hours(4);
// A person assuming a role from the identity account must have passed MFA within the hour.
const MFA_MAX_AGE_SECONDS = 3600;

/**
 * The IAM roles people use in an account: Administrator, Auditor, FinOps viewer and Support.
 * There are no IAM users; people sign in to their identity source and assume a role.
 *
 * Every role carries the given permissions boundary, has a fixed name and a short session.
 * With an `account` identity source, the trust policy requires MFA within the last hour; with
 * SAML or OIDC the identity provider must enforce MFA.
 *
 * - Administrator: AWS managed `AdministratorAccess`, capped by the boundary.
 * - Auditor: `SecurityAudit` plus `job-function/ViewOnlyAccess`. `ViewOnlyAccess` lists and
 *   describes resources without reading their content (no S3 objects, table items, secrets);
 *   `ReadOnlyAccess` would read data, which an auditor does not need.
 * - FinOps viewer: `AWSBillingReadOnlyAccess` (the billing console) plus a small policy for
 *   Cost Explorer, budgets and CloudWatch dashboards and metrics (the FinOps dashboards).
 * - Support: `AWSSupportAccess`, the support role CIS 1.17 asks for.
 */
export class PeopleRoles extends Construct {
  /** The administrator role, when enabled. */
  readonly administrator?: iam.IRole;
  /** The auditor role, when enabled. */
  readonly auditor?: iam.IRole;
  /** The FinOps viewer role, when enabled. */
  readonly finopsViewer?: iam.IRole;
  /** The support role, when enabled. */
  readonly support?: iam.IRole;

  constructor(scope: Construct, id: string, props: PeopleRolesProps) {
    super(scope, id);
    const selection = {
      administrator: props.roles?.administrator ?? true,
      auditor: props.roles?.auditor ?? true,
      finopsViewer: props.roles?.finopsViewer ?? true,
      support: props.roles?.support ?? true,
    };
    const rolePrefix = props.rolePrefix ?? 'LandingZone';
    const administratorSession = props.maxSessionDuration ?? ADMINISTRATOR_SESSION;
    const otherSession = props.maxSessionDuration ?? OTHER_SESSION;
    this.validate(props, selection, rolePrefix);

    const principal = this.trustedPrincipal(props.identitySource);
    const mfaNote = props.identitySource.type === 'account' ? 'MFA required' : 'MFA enforced by the identity provider';
    const newRole = (roleId: string, purpose: string, maxSessionDuration: Duration, policies: iam.IManagedPolicy[]) =>
      new iam.Role(this, roleId, {
        roleName: `${rolePrefix}-${roleId}`,
        description: `${purpose} (people role; ${mfaNote}; baseline protection boundary)`,
        assumedBy: principal,
        managedPolicies: policies,
        permissionsBoundary: props.boundary,
        maxSessionDuration,
      });
    const awsManaged = (name: string) => iam.ManagedPolicy.fromAwsManagedPolicyName(name);

    if (selection.administrator) {
      const role = newRole('Administrator', 'Full administration', administratorSession, [awsManaged('AdministratorAccess')]);
      acknowledgeAwsManaged(
        role,
        'AdministratorAccess',
        'Administrators need every service, which no hand-written policy keeps up with; the baseline protection boundary removes what would weaken the baseline (each attack of docs/decisions/004-baseline-protection.md evaluates to Deny in an IAM policy simulation of the synthesized policies, test/policies/baseline-protection-simulation.test.ts). It does not bind the root user or the deploy role (decision 008), and findings triage stays allowed (each hand-triage call is reported to the security topic).',
      );
      this.administrator = role;
    }

    if (selection.auditor) {
      const role = newRole('Auditor', 'Security review without data access', otherSession, [
        awsManaged('SecurityAudit'),
        awsManaged('job-function/ViewOnlyAccess'),
      ]);
      const reason =
        'AWS job-function policies for auditors are maintained by AWS as services appear; SecurityAudit reads configuration and ViewOnlyAccess lists resources, neither reads data.';
      acknowledgeAwsManaged(role, 'SecurityAudit', reason);
      acknowledgeAwsManaged(role, 'job-function/ViewOnlyAccess', reason);
      this.auditor = role;
    }

    if (selection.finopsViewer) {
      const role = newRole('FinOpsViewer', 'Costs, budgets and dashboards, read only', otherSession, [
        awsManaged('AWSBillingReadOnlyAccess'),
        this.finopsViewerPolicy(),
      ]);
      acknowledgeAwsManaged(
        role,
        'AWSBillingReadOnlyAccess',
        'AWS maintains the read-only billing console policy as the console gains pages; it reads bills and cost data and changes nothing.',
      );
      this.finopsViewer = role;
    }

    if (selection.support) {
      const role = newRole('Support', 'AWS Support cases (CIS 1.17 support role)', otherSession, [awsManaged('AWSSupportAccess')]);
      acknowledgeAwsManaged(
        role,
        'AWSSupportAccess',
        'CIS AWS Foundations 1.17 (Security Hub IAM.18) checks for a role with exactly this AWS managed policy attached.',
      );
      this.support = role;
    }
  }

  private validate(props: PeopleRolesProps, selection: Required<PeopleRoleSelection>, rolePrefix: string): void {
    const where = `PeopleRoles ${this.node.path}`;
    if (!Object.values(selection).some(Boolean)) {
      throw new Error(
        `${where}: roles must enable at least one of administrator, auditor, finopsViewer, support (received ${JSON.stringify(props.roles)})`,
      );
    }
    if (!Token.isUnresolved(rolePrefix) && !ROLE_PREFIX.test(rolePrefix)) {
      throw new Error(`${where}: rolePrefix must be 1-51 characters of letters, digits and +=,.@_- (received "${rolePrefix}")`);
    }
    if (props.maxSessionDuration && !props.maxSessionDuration.isUnresolved()) {
      const seconds = props.maxSessionDuration.toSeconds();
      if (seconds < 3600 || seconds > 43200) {
        throw new Error(`${where}: maxSessionDuration must be from 1 to 12 hours (received ${seconds} seconds)`);
      }
    }

    const source = props.identitySource;
    switch (source.type) {
      case 'account':
        if (!Token.isUnresolved(source.accountId) && !ACCOUNT_ID.test(source.accountId)) {
          throw new Error(`${where}: identitySource.accountId must be exactly 12 digits (received "${source.accountId}")`);
        }
        break;
      case 'saml':
        if ('metadataDocument' in source && 'providerArn' in source) {
          throw new Error(`${where}: identitySource of type saml takes either metadataDocument or providerArn, not both`);
        }
        if ('metadataDocument' in source && !Token.isUnresolved(source.metadataDocument)) {
          const xml = source.metadataDocument;
          // IAM accepts 1,000 to 10,000,000 characters of metadata (AWS::IAM::SAMLProvider).
          if (!xml.includes('EntityDescriptor') || xml.length < 1000 || xml.length > 10_000_000) {
            throw new Error(
              `${where}: identitySource.metadataDocument must be the identity provider's SAML metadata XML (an EntityDescriptor, 1,000 to 10,000,000 characters; received ${xml.length} characters${xml.includes('EntityDescriptor') ? '' : ' without an EntityDescriptor'})`,
            );
          }
        }
        if ('providerArn' in source && !Token.isUnresolved(source.providerArn) && !SAML_PROVIDER_ARN.test(source.providerArn)) {
          throw new Error(
            `${where}: identitySource.providerArn must be an IAM SAML provider ARN such as "arn:aws:iam::123456789012:saml-provider/Entra" (received "${source.providerArn}")`,
          );
        }
        break;
      case 'oidc':
        if (!Token.isUnresolved(source.issuerUrl) && !/^https:\/\/[^\s?#:]+$/.test(source.issuerUrl)) {
          throw new Error(
            `${where}: identitySource.issuerUrl must start with https:// and have no port, query or fragment (received "${source.issuerUrl}")`,
          );
        }
        if (source.clientIds.length === 0 || source.clientIds.some((clientId) => clientId.length === 0)) {
          throw new Error(
            `${where}: identitySource.clientIds must list at least one non-empty client id (the token audience) (received ${JSON.stringify(source.clientIds)})`,
          );
        }
        if (source.subjects.length === 0 || source.subjects.some((subject) => subject.length === 0)) {
          throw new Error(
            `${where}: identitySource.subjects must list at least one non-empty subject (the people's sub claims) (received ${JSON.stringify(source.subjects)})`,
          );
        }
        break;
    }
  }

  private trustedPrincipal(source: IdentitySource): iam.IPrincipal {
    switch (source.type) {
      case 'account':
        return new iam.AccountPrincipal(source.accountId).withConditions({
          Bool: { 'aws:MultiFactorAuthPresent': 'true' },
          NumericLessThan: { 'aws:MultiFactorAuthAge': String(MFA_MAX_AGE_SECONDS) },
        });
      case 'saml': {
        const provider =
          'metadataDocument' in source
            ? new iam.SamlProvider(this, 'SamlProvider', { metadataDocument: iam.SamlMetadataDocument.fromXml(source.metadataDocument) })
            : iam.SamlProvider.fromSamlProviderArn(this, 'SamlProvider', source.providerArn);
        // Adds SAML:aud = the AWS sign-in endpoint of the partition: assertions meant for another
        // service provider are refused.
        return new iam.SamlConsolePrincipal(provider);
      }
      case 'oidc': {
        // OidcProviderNative is the AWS::IAM::OIDCProvider resource; OpenIdConnectProvider would
        // deploy a custom-resource Lambda. Without thumbprints IAM fetches and trusts the
        // provider's certificate chain itself.
        const provider = new iam.OidcProviderNative(this, 'OidcProvider', { url: source.issuerUrl, clientIds: source.clientIds });
        // IAM names the claim keys after the issuer without its scheme: `<host[/path]>:aud`.
        // StringLike on `sub` so that a subject may be a pattern; without `*` it is an exact match.
        const issuer = source.issuerUrl.replace(/^https:\/\//, '').replace(/\/+$/, '');
        return new iam.OpenIdConnectPrincipal(provider, {
          StringEquals: { [`${issuer}:aud`]: source.clientIds },
          StringLike: { [`${issuer}:sub`]: source.subjects },
        });
      }
    }
  }

  /** Cost Explorer, budgets and the FinOps CloudWatch dashboards, read only. */
  private finopsViewerPolicy(): iam.ManagedPolicy {
    const policy = new iam.ManagedPolicy(this, 'FinOpsViewerPolicy', {
      description: 'FinOps viewer: Cost Explorer, budgets, CloudWatch dashboards and metrics, read only.',
      statements: finopsViewerStatements(Aws.ACCOUNT_ID),
    });
    acknowledge(
      policy,
      'AwsSolutions-IAM5[Resource::*]',
      'Cost Explorer cost queries, CloudWatch metric reads and ListDashboards have no resource-level permissions; anomaly monitors, cost categories and budget actions are all in scope for a viewer by design. Read-only actions only.',
    );
    for (const resource of [
      'arn:<AWS::Partition>:budgets::<AWS::AccountId>:budget/*',
      'arn:<AWS::Partition>:cloudwatch::<AWS::AccountId>:dashboard/*',
    ]) {
      acknowledge(
        policy,
        `AwsSolutions-IAM5[Resource::${resource}]`,
        'The FinOps viewer reads every budget and every dashboard of this account by design (their names come from the client config and change); read-only, own account only.',
      );
    }
    return policy;
  }
}

function acknowledgeAwsManaged(role: iam.Role, policyName: string, reason: string): void {
  acknowledge(
    role,
    `AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/${policyName}]`,
    `${reason} People role with MFA and the baseline protection boundary.`,
  );
}
