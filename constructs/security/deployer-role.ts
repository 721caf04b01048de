import { Aws, Duration, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledge } from '../shared/compliance';
import { ROLE_OR_USER_ARN } from '../../lib/core/rules/iam-principals';

/** Name of the deploy role when none is given: the same in every account, so CI and people can name it. */
export const DEFAULT_DEPLOYER_ROLE_NAME = 'LandingZone-Deployer';

/** GitHub's OIDC issuer: its tokens say which repository, branch or environment a job runs for. */
export const GITHUB_OIDC_ISSUER = 'token.actions.githubusercontent.com';

/** A GitHub Actions workflow that may deploy, through GitHub's OIDC tokens (no stored AWS keys). */
export interface GitHubDeployer {
  /** `owner/repository` of the consultant's landing zone repository. */
  readonly repository: string;

  /**
   * The GitHub environment whose jobs may deploy (token subject
   * `repo:<owner>/<repository>:environment:<name>`): GitHub can require a reviewer's approval
   * for it. Give exactly one of `environment` and `branch`.
   * @default - none; then `branch`
   */
  readonly environment?: string;

  /**
   * The branch whose workflow runs may deploy (token subject
   * `repo:<owner>/<repository>:ref:refs/heads/<branch>`). Give exactly one of `environment` and
   * `branch`.
   * @default - none; then `environment`
   */
  readonly branch?: string;

  /**
   * Whether to create the account's IAM OIDC provider for GitHub. An account has at most one
   * provider per issuer: set it to false when one exists already (then its ARN is
   * `arn:<partition>:iam::<account>:oidc-provider/token.actions.githubusercontent.com`).
   * @default true
   */
  readonly createProvider?: boolean;
}

/** Properties of {@link DeployerRole}. Give `github`, `principalArns` or both. */
export interface DeployerRoleProps {
  /**
   * The GitHub Actions workflow that may deploy.
   * @default - none
   */
  readonly github?: GitHubDeployer;

  /**
   * Named IAM principals (roles or users, for example the consultant's role in their own
   * account) that may deploy from a terminal, with MFA used within the last hour. Never an
   * account root (`arn:aws:iam::<account>:root`): that would trust every principal of the
   * account, the people roles of this one included.
   * @default - none
   */
  readonly principalArns?: string[];

  /**
   * Name of the role. The baseline protection boundary keeps the people roles from assuming,
   * passing or changing roles whose names start with `LandingZone-`.
   * @default 'LandingZone-Deployer'
   */
  readonly roleName?: string;

  /**
   * Longest session. The CDK CLI deploys with the session it starts with
   * (`CliCredentialsStackSynthesizer`), so it must outlast the longest deployment: the first one,
   * which creates every stack of every region. Sessions reached by role chaining last at most
   * one hour whatever this says.
   * @default Duration.hours(2)
   */
  readonly maxSessionDuration?: Duration;
}

const REPOSITORY = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9._-]{1,100}$/;
// Environment and branch names end up in an exact `sub` match: no wildcards, no `:` (the separator).
const SUBJECT_PART = /^[\w./-]{1,255}$/;
const MFA_MAX_AGE_SECONDS = 3600;

/**
 * The role that deploys the landing zone, and nothing else may: AdministratorAccess without the
 * baseline protection boundary, because it creates and changes the baseline itself. It trusts
 * only what it is given: one GitHub repository's environment or branch (through GitHub's OIDC
 * tokens) and named principals with MFA. The people roles cannot assume it (its trust names
 * neither them nor their account, and their boundary denies `sts:AssumeRole` on `LandingZone-*`),
 * pass it, or change its trust or policies (the boundary again).
 *
 * The CDK CLI deploys with this role's session directly (the app uses
 * `CliCredentialsStackSynthesizer`): no stack carries a CloudFormation service role that a person
 * could reuse by updating the stack (`cloudformation:UpdateStack` without `RoleARN` reuses the
 * stack's role, without `iam:PassRole`). See docs/decisions/008-deployer-model.md.
 */
export class DeployerRole extends Construct {
  /** The deploy role. */
  readonly role: iam.Role;
  /** The GitHub OIDC provider's ARN, when a GitHub workflow may deploy. */
  readonly gitHubProviderArn?: string;

  constructor(scope: Construct, id: string, props: DeployerRoleProps) {
    super(scope, id);
    validate(props);

    const principals: iam.IPrincipal[] = [];
    if (props.github) {
      const github = props.github;
      this.gitHubProviderArn =
        github.createProvider === false
          ? `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:oidc-provider/${GITHUB_OIDC_ISSUER}`
          : new iam.OidcProviderNative(this, 'GitHubProvider', { url: `https://${GITHUB_OIDC_ISSUER}`, clientIds: ['sts.amazonaws.com'] })
              .oidcProviderArn;
      const subject = github.environment
        ? `repo:${github.repository}:environment:${github.environment}`
        : `repo:${github.repository}:ref:refs/heads/${github.branch}`;
      principals.push(
        new iam.WebIdentityPrincipal(this.gitHubProviderArn, {
          StringEquals: { [`${GITHUB_OIDC_ISSUER}:aud`]: 'sts.amazonaws.com', [`${GITHUB_OIDC_ISSUER}:sub`]: subject },
        }),
      );
    }
    for (const arn of props.principalArns ?? []) {
      principals.push(
        new iam.ArnPrincipal(arn).withConditions({
          Bool: { 'aws:MultiFactorAuthPresent': 'true' },
          NumericLessThanEquals: { 'aws:MultiFactorAuthAge': String(MFA_MAX_AGE_SECONDS) },
        }),
      );
    }

    this.role = new iam.Role(this, 'Resource', {
      roleName: props.roleName ?? DEFAULT_DEPLOYER_ROLE_NAME,
      description: 'Deploys the landing zone (cdk deploy): trusted by the named GitHub workflow and principals only; no boundary',
      assumedBy: new iam.CompositePrincipal(...principals),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('AdministratorAccess')],
      maxSessionDuration: props.maxSessionDuration ?? Duration.hours(2),
    });
    const reason =
      'The deploy role creates and changes every part of the landing zone, IAM roles and the baseline included, which no hand-written policy keeps up with; only the named GitHub workflow and principals (with MFA) can assume it, and the people roles can neither assume, pass nor change it (baseline protection boundary).';
    acknowledge(this.role, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/AdministratorAccess]', reason);
  }
}

function validate(props: DeployerRoleProps): void {
  const where = 'DeployerRole';
  const principalArns = props.principalArns ?? [];
  if (!props.github && principalArns.length === 0) {
    throw new Error(`${where}: give github, principalArns or both (received neither): a deploy role nobody can assume deploys nothing`);
  }
  if (props.github) {
    const { repository, environment, branch } = props.github;
    if (!REPOSITORY.test(repository)) {
      throw new Error(
        `${where}: github.repository must be "owner/repository" such as "acme-consulting/landing-zones" (received "${repository}")`,
      );
    }
    if ((environment === undefined) === (branch === undefined)) {
      throw new Error(
        `${where}: github needs exactly one of environment and branch (received ${environment === undefined ? 'neither' : 'both'})`,
      );
    }
    for (const [field, value] of [
      ['environment', environment],
      ['branch', branch],
    ] as const) {
      if (value !== undefined && !SUBJECT_PART.test(value)) {
        throw new Error(`${where}: github.${field} must be 1-255 letters, digits and ._/- (no wildcards) (received "${value}")`);
      }
    }
  }
  for (const arn of principalArns) {
    if (!Token.isUnresolved(arn) && !ROLE_OR_USER_ARN.test(arn)) {
      throw new Error(
        `${where}: principalArns must hold role or user ARNs such as "arn:aws:iam::123456789012:role/consultant", never an account root (received "${arn}")`,
      );
    }
  }
}
