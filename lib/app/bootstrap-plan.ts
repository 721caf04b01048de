import { App, Stack } from 'aws-cdk-lib';
import { AccountConfig, ClientConfig } from '../core/config/schema';
import { accountStackPrefix, pascalCase } from '../core/naming';
import { accountNamed } from '../core/organization/account-roles';
import { DEFAULT_DEPLOYER_ROLE_NAME } from '../../constructs/security/deployer-role';

/** One account and region that must be bootstrapped before the client's stacks can be deployed. */
export interface BootstrapTarget {
  readonly account: string;
  readonly region: string;
  /** The stacks that deploy there. */
  readonly stacks: string[];
}

/**
 * Every environment (account/region) that the app's stacks deploy to, derived from the built app
 * itself so the answer stays true as layers are added.
 */
export function bootstrapTargets(app: App): BootstrapTarget[] {
  const targets = new Map<string, BootstrapTarget>();
  for (const stack of app.node.findAll().filter((c): c is Stack => c instanceof Stack)) {
    const key = `${stack.account}/${stack.region}`;
    const target = targets.get(key) ?? { account: stack.account, region: stack.region, stacks: [] };
    target.stacks.push(stack.stackName);
    targets.set(key, target);
  }
  return [...targets.values()].sort((a, b) => `${a.account}/${a.region}`.localeCompare(`${b.account}/${b.region}`));
}

/**
 * The deployment plan of a client, as shell lines with comments: bootstrap every target, deploy
 * once per account with the account's first credentials (which creates the deploy role and the
 * boundary), bootstrap again so that the CDK's CloudFormation execution role carries the baseline
 * protection boundary (workloads that people deploy with the CDK stay inside it), then deploy
 * only as the deploy role. See docs/decisions/008-deployer-model.md.
 *
 * Pure: it reads only the client configuration and the targets.
 */
export function deploymentPlan(config: ClientConfig, targets: readonly BootstrapTarget[]): string {
  const client = config.client.name;
  const iamSettings = config.security.enabled && config.security.iam.enabled ? config.security.iam : undefined;
  const bootstrap = (target: BootstrapTarget, extra = '') =>
    `npx cdk bootstrap aws://${target.account}/${target.region}${extra}   # ${target.stacks.join(', ')}`;
  const organization = config.organization;
  const lines = [`# Deployment plan for client "${client}" (docs/decisions/008-deployer-model.md).`];
  if (organization) {
    // Organization mode (decision 010): the management account builds the organization (and
    // creates accounts) before the other accounts can be bootstrapped at all.
    const management = accountNamed(config, organization.managementAccount);
    const prefix = pascalCase(client);
    lines.push(
      '',
      '# 0. Organization mode: in the management account, with its first administrator credentials,',
      '#    bootstrap and deploy the foundation and the organization (OUs, guardrails, accounts, delegated',
      '#    administration). Accounts it creates exist afterwards; reach them through OrganizationAccountAccessRole.',
      ...targets.filter((target) => target.account === management.id).map((target) => bootstrap(target)),
      `npx cdk deploy -c client=${client} --exclusively '${accountStackPrefix(config, management)}Foundation' '${prefix}-Organization'`,
    );
  }
  const ordered = organization ? organizationDeployOrder(config) : config.accounts;
  const firstTargets = organization
    ? targets.filter((target) => target.account !== accountNamed(config, organization.managementAccount).id)
    : targets;
  // --exclusively in organization mode: a stack's dependencies in other accounts are deployed
  // with their own account's credentials, in the order below.
  const exclusively = organization ? ' --exclusively' : '';
  lines.push(
    '',
    "# 1. Bootstrap each account and region once, with the account's first administrator credentials",
    '#    (before the landing zone exists; for example the IAM Identity Center administrator, with MFA).',
    ...firstTargets.map((target) => bootstrap(target)),
    '',
    '# 2. Deploy once per account with the same credentials. This creates the baseline, the people roles',
    `#    and${iamSettings?.deployer ? ` the deploy role ${DEFAULT_DEPLOYER_ROLE_NAME}` : ' (with security.iam.deployer) the deploy role'}.`,
    ...(organization ? ['#    In this order: the log archive first, then the security account, the members, the management account.'] : []),
    ...ordered.map((account) => `npx cdk deploy -c client=${client}${exclusively} '${accountStackPrefix(config, account)}*'`),
  );
  if (iamSettings) {
    const boundary = `${client}-baseline-protection`;
    lines.push(
      '',
      '# 3. Bootstrap again, now that the boundary exists: the CDK execution role gets it, so workloads that',
      `#    people deploy with the CDK stay inside it (their apps set "@aws-cdk/core:permissionsBoundary": {"name": "${boundary}"}).`,
      ...targets.map((target) => bootstrap(target, ` --custom-permissions-boundary ${boundary}`)),
    );
  }
  if (!iamSettings) {
    lines.push('', '# 3. Deploy with the same credentials from now on: security.iam is off, so there is no deploy role and no boundary.');
    return `${lines.join('\n')}\n`;
  }
  lines.push('', '# 4. From now on, deploy only as the deploy role; then remove the first credentials.');
  const deployer = iamSettings.deployer;
  if (deployer) {
    const roleArns = config.accounts.map((account) => `arn:aws:iam::${account.id}:role/${DEFAULT_DEPLOYER_ROLE_NAME}`);
    if (deployer.github) {
      const { repository, environment, branch } = deployer.github;
      const jobs = environment ? `jobs of the environment "${environment}"` : `runs on the branch "${branch}"`;
      lines.push(`#    GitHub Actions: ${repository}, ${jobs}, with aws-actions/configure-aws-credentials`);
      lines.push('#    (permissions: id-token: write; role-duration-seconds: 7200), one job per account:');
      lines.push(...roleArns.map((arn) => `#      role-to-assume: ${arn}`));
    }
    for (const principal of deployer.principals ?? []) {
      lines.push(`#    From a terminal as ${principal}, with MFA: assume ${roleArns.join(', ')}`);
    }
  } else {
    lines.push(
      '#    No deploy role is configured (security.iam.deployer): the people roles cannot deploy the landing zone',
      '#    (the baseline protection boundary stops them), so only the first credentials can. Configure one.',
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The order of the accounts' first deployment in organization mode: the log archive (the trail
 * and every account's Config deliver into it), the security account (the administrator), the
 * members, the management account (its organization trail needs the archive).
 */
function organizationDeployOrder(config: ClientConfig): AccountConfig[] {
  const organization = config.organization!;
  const rank = (account: AccountConfig) =>
    account.name === organization.logArchiveAccount
      ? 0
      : account.name === organization.securityAccount
        ? 1
        : account.name === organization.managementAccount
          ? 3
          : 2;
  return [...config.accounts].sort((a, b) => rank(a) - rank(b));
}
