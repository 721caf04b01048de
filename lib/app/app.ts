import { LANGUAGE_CONTEXT } from '../core/alerts/language';
import { App, CliCredentialsStackSynthesizer } from 'aws-cdk-lib';
import { ConfigError, loadClientConfig } from '../core/config/load';
import { loadPortfolioSinks } from '../core/config/consultant-schema';
import { ClientConfig } from '../core/config/schema';
import { registerCompliancePacks } from './compliance';
import { pascalCase, stackName } from '../core/naming';
import { BackupCopyStack, BackupStack } from './stacks/backup-stack';
import { DashboardsStack } from './stacks/dashboards-stack';
import { FinopsBillingStack, FinopsStack, needsBillingStack, needsFinopsStack } from './stacks/finops-stack';
import { FoundationStack } from './stacks/foundation-stack';
import { NetworkStack } from './stacks/network-stack';
import { SecurityRegionalStack } from './stacks/security-regional-stack';
import { needsRegionalSecurityStack, needsSecurityStack, SecurityStack } from './stacks/security-stack';
import { applyMandatoryTags } from './tagging';
import { OrganizationStack } from './stacks/organization-stack';
import { billingAccount as billingAccountOf, runsWorkloads } from '../core/organization/account-roles';

/** What a client's app needs besides its configuration. */
export interface BuildOptions {
  /**
   * The consultant's sink for each account (by name) of a client that shares its metrics
   * (`portfolioSinks` of lib/core/config/consultant-schema.ts checks them against the consultant's file).
   * @default - none; a client with `portfolio` then fails to build, naming the missing sink
   */
  readonly portfolioSinks?: ReadonlyMap<string, string>;
}

/** Where the billing guardrails live: Cost Explorer's region, where Cost Anomaly Detection exists. */
const BILLING_REGION = 'us-east-1';

/**
 * Composes a client's landing zone into an App and registers the compliance gate: what
 * `cdk synth` runs (`bin/app.ts`) and what the compliance tests run, so both check exactly the
 * same thing. Synthesizing the result fails on any unacknowledged cdk-nag finding.
 *
 * @param config a validated client configuration
 * @param app the app to build into (the CLI's, which carries context); a new one by default
 */
export function buildGatedApp(config: ClientConfig, app: App = new App(), options: BuildOptions = {}): App {
  registerCompliancePacks(buildApp(config, app, options));
  return app;
}

/**
 * Composes a client's landing zone into an App: the layers of every account and the mandatory
 * tags, without the compliance gate (for tools that only read the construct tree, and for tests
 * of the stacks, which leave the five packs to the compliance tests: they are most of a synth's
 * work). It reads nothing but its arguments.
 *
 * @param config a validated client configuration
 * @param app the app to build into; a new one by default
 */
export function buildApp(config: ClientConfig, app: App = new App(), options: BuildOptions = {}): App {
  // Every construct of the client's app writes its texts in the client's language (languageOf).
  app.node.setContext(LANGUAGE_CONTEXT, config.client.language);
  // FinOps runs in the billing account: the management account in organization mode, else the
  // first account (put the payer account first).
  const billingAccount = billingAccountOf(config);
  // Organization mode (docs/decisions/010-organization-mode.md): the organization stack first,
  // then every other account; the archive before the trail and the Config deliveries into it.
  const organization = config.organization;
  let organizationStack: OrganizationStack | undefined;
  const securityStacks = new Map<string, SecurityStack>();
  const foundations = new Map<string, FoundationStack>();
  // Deployed with the CLI's own credentials (the deploy role, docs/decisions/008-deployer-model.md):
  // no stack gets a CloudFormation service role that a person could reuse by updating the stack.
  const synthesizer = new CliCredentialsStackSynthesizer();

  for (const account of config.accounts) {
    const home = { account: account.id, region: account.homeRegion };
    const description = `${config.client.displayName} landing zone, account ${account.name}`;

    const foundation = new FoundationStack(app, stackName(config, account, 'Foundation'), {
      env: home,
      synthesizer,
      config,
      account,
      description: `${description}: platform key and alert topics`,
      // Holds the platform key: a stack deletion must be a deliberate two-step act.
      terminationProtection: true,
    });
    foundations.set(account.name, foundation);
    if (organization && account.name === organization.managementAccount) {
      organizationStack = new OrganizationStack(app, `${pascalCase(config.client.name)}-Organization`, {
        env: home,
        synthesizer,
        config,
        platformKey: foundation.platformKey,
        description: `${config.client.displayName} landing zone: the organization (OUs, guardrail SCPs, accounts, Identity Center, delegated administration)`,
        terminationProtection: true,
      });
    }

    let security: SecurityStack | undefined;
    if (needsSecurityStack(config)) {
      security = new SecurityStack(app, stackName(config, account, 'Security'), {
        env: home,
        synthesizer,
        config,
        account,
        platformKey: foundation.platformKey,
        alertTopics: foundation.alertTopics,
        alertNotifier: foundation.alertNotifier,
        description: `${description}: security baseline (home region ${account.homeRegion})`,
        // Holds the log archive and the detectors' findings.
        terminationProtection: true,
      });
      securityStacks.set(account.name, security);

      if (needsRegionalSecurityStack(config)) {
        for (const region of config.allowedRegions.filter((r) => r !== account.homeRegion)) {
          const regional = new SecurityRegionalStack(app, stackName(config, account, 'Security', region), {
            env: { account: account.id, region },
            synthesizer,
            config,
            account,
            description: `${description}: security baseline (${region})`,
            // Holds the region's detectors and their findings.
            terminationProtection: true,
          });
          // AWS Config here delivers to the log archive, which must exist first.
          regional.addStackDependency(security, 'AWS Config delivers to the log archive of the home region');
        }
      }
    }

    if (config.network.enabled && security && runsWorkloads(config, account)) {
      const network = new NetworkStack(app, stackName(config, account, 'Network'), {
        env: home,
        synthesizer,
        config,
        account,
        platformKey: foundation.platformKey,
        description: `${description}: network baseline (VPC, flow logs, endpoints)`,
        terminationProtection: true,
      });
      // The flow logs deliver into the log archive, whose policy must admit them first.
      network.addStackDependency(security, 'VPC flow logs deliver to the log archive');
    }

    let backup: BackupStack | undefined;
    if (config.backup.enabled && runsWorkloads(config, account)) {
      backup = new BackupStack(app, stackName(config, account, 'Backup'), {
        env: home,
        synthesizer,
        config,
        account,
        alertTopics: foundation.alertTopics,
        alertNotifier: foundation.alertNotifier,
        trailLogGroup: security?.signals.trailLogGroup,
        description: `${description}: backup and recovery (vault, plans by tag, restore tests, audit evidence)`,
        // Holds the vault and its recovery points.
        terminationProtection: true,
      });
      if (config.backup.copy.enabled && config.backup.copy.region) {
        const copy = new BackupCopyStack(app, stackName(config, account, 'Backup', config.backup.copy.region), {
          env: { account: account.id, region: config.backup.copy.region },
          synthesizer,
          config,
          description: `${description}: backup copy vault (${config.backup.copy.region})`,
          // Holds the copies of every recovery point.
          terminationProtection: true,
        });
        backup.addStackDependency(copy, 'The backup plans copy every recovery point into this vault');
      }
      if (config.backup.auditFramework.enabled && security) {
        backup.addStackDependency(security, 'Audit reports go to the log archive, whose policy must admit them first');
      }
    }

    const isBillingAccount = account === billingAccount;
    let finops: FinopsStack | undefined;
    if (needsFinopsStack(config, isBillingAccount)) {
      finops = new FinopsStack(app, stackName(config, account, 'FinOps'), {
        env: home,
        synthesizer,
        config,
        account,
        billingAccount: isBillingAccount,
        alertTopics: foundation.alertTopics,
        platformKey: foundation.platformKeyConstruct,
        description: `${description}: FinOps (${finopsParts(config, isBillingAccount).join(', ')})`,
        // Holds the collector's state parameter and the functions' dead-letter queues.
        terminationProtection: true,
      });
    }
    if (config.finops.enabled && isBillingAccount) {
      if (needsBillingStack(config)) {
        const billing = new FinopsBillingStack(app, stackName(config, account, 'FinOps', BILLING_REGION), {
          env: { account: account.id, region: BILLING_REGION },
          synthesizer,
          config,
          account,
          description: `${description}: AWS Budgets and Cost Anomaly Detection (${BILLING_REGION}, where Cost Explorer runs)`,
          terminationProtection: true,
        });
        billing.addStackDependency(
          foundation,
          'Budgets and anomaly alerts go to the FinOps topic, whose policy and key must admit them first',
        );
      }
    }

    new DashboardsStack(app, stackName(config, account, 'Dashboards'), {
      env: home,
      synthesizer,
      config,
      account,
      security: security?.signals,
      backup: backup?.signals,
      finops: finops?.signals,
      portfolioSinkArn: config.portfolio ? portfolioSinkOf(options, account.name) : undefined,
      description: `${description}: operations${config.finops.enabled && isBillingAccount ? ' and cost review' : ''} dashboards`,
      terminationProtection: true,
    });
  }

  if (organization && organizationStack) orderOrganization(config, organizationStack, foundations, securityStacks);
  applyMandatoryTags(app, config);
  return app;
}

/** The sink an account of an opted-in client links to. */
function portfolioSinkOf(options: BuildOptions, accountName: string): string {
  const sink = options.portfolioSinks?.get(accountName);
  if (!sink) {
    throw new Error(
      `The client shares its metrics (portfolio.monitoringAccountId) but account ${accountName} has no sink to link to: load the consultant's file (portfolioSinks)`,
    );
  }
  return sink;
}

/**
 * The deployment order of organization mode, across accounts: the organization (accounts,
 * guardrails, delegated administration) before any other account's stacks; the log archive
 * before the organization trail and before every account's Config delivers into it.
 */
function orderOrganization(
  config: ClientConfig,
  organizationStack: OrganizationStack,
  foundations: ReadonlyMap<string, FoundationStack>,
  securityStacks: ReadonlyMap<string, SecurityStack>,
): void {
  const organization = config.organization!;
  for (const [name, foundation] of foundations) {
    if (name !== organization.managementAccount) {
      foundation.addStackDependency(
        organizationStack,
        'The organization creates the account, its guardrails and its delegated administration',
      );
    }
  }
  const archive = securityStacks.get(organization.logArchiveAccount);
  if (!archive) return;
  for (const [name, security] of securityStacks) {
    if (name !== organization.logArchiveAccount) {
      security.addStackDependency(
        archive,
        'The organization trail and AWS Config deliver into the log-archive account, whose policies must admit them first',
      );
    }
  }
}

/** What `cdk synth` of one client ended with. */
export interface SynthesisOutcome {
  /** 0: templates written; 1: the client file is missing or invalid, nothing was written. */
  readonly exitCode: number;
  /** What to print on standard error (empty on success). */
  readonly stderr: string;
}

/**
 * `cdk synth` of one client, as `bin/app.ts` runs it: loads and validates `<clientsDir>/<client>.yaml`,
 * builds the gated app and synthesizes it. An invalid or missing client file ends with every
 * problem listed and no template written; any other error (a compliance finding, a construct's
 * validation) is thrown, as the CDK CLI expects.
 *
 * @param app the app to synthesize into (the CLI's, which carries context and output directory)
 * @param client the client's name
 * @param clientsDir where client files live
 */
export function synthesizeClient(app: App, client: string, clientsDir: string): SynthesisOutcome {
  let config: ClientConfig;
  let sinks: ReadonlyMap<string, string>;
  try {
    config = loadClientConfig(client, clientsDir);
    sinks = loadPortfolioSinks(config, clientsDir);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { exitCode: 1, stderr: `\nInvalid client configuration. Nothing was synthesized.\n${error.message}\n\n` };
  }
  buildGatedApp(config, app, { portfolioSinks: sinks }).synth();
  return { exitCode: 0, stderr: '' };
}

/** What an account's FinOps stack holds, for its description. */
function finopsParts(config: ClientConfig, isBillingAccount: boolean): string[] {
  const finops = config.finops;
  return [
    ...(isBillingAccount && finops.collector.enabled ? ['cost collector, budget alarms'] : []),
    ...(finops.wasteFinder.enabled ? ['waste finder'] : []),
    ...(config.report.enabled ? [isBillingAccount ? 'monthly report' : 'monthly report reader role'] : []),
  ];
}
