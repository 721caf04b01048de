import { App, CliCredentialsStackSynthesizer, Tags } from 'aws-cdk-lib';
import { LANGUAGE_CONTEXT } from '../core/alerts/language';
import { ConfigError, listClients, loadClientConfig } from '../core/config/load';
import { CONSULTANT_FILE, loadConsultantConfig, type ConsultantConfig } from '../core/config/consultant-schema';
import type { ClientConfig } from '../core/config/schema';
import { regionSuffix } from '../core/naming';
import { watchedClient, type WatchedClient } from '../core/portfolio/watched-metrics';
import { registerCompliancePacks } from './compliance';
import { PortfolioStack } from './stacks/portfolio-stack';
import { MANAGED_BY } from './tagging';
import type { SynthesisOutcome } from './app';

/**
 * The consultant's portfolio app: one {@link PortfolioStack} per region of
 * `consultant.regions` in the consultant's account, for every client that opted in with
 * `portfolio.monitoringAccountId`. Pure: reads nothing but its arguments.
 */
export function buildPortfolioApp(consultant: ConsultantConfig, clients: readonly ClientConfig[], app: App = new App()): App {
  app.node.setContext(LANGUAGE_CONTEXT, consultant.consultant.language);
  const watched = clients
    .filter((config) => config.portfolio?.monitoringAccountId === consultant.consultant.accountId)
    .map(watchedClient)
    .filter((client): client is WatchedClient => client !== undefined);
  const synthesizer = new CliCredentialsStackSynthesizer();
  for (const region of consultant.consultant.regions) {
    const home = region === consultant.consultant.homeRegion;
    new PortfolioStack(app, home ? 'LandingZone-Portfolio' : `LandingZone-Portfolio-${regionSuffix(region)}`, {
      env: { account: consultant.consultant.accountId, region },
      synthesizer,
      consultant,
      clients: watched,
      description: `Portfolio of ${consultant.consultant.name}: metrics sink${home ? ', dashboard' : ''} and alarms of the opted-in clients (${region})`,
      terminationProtection: true,
    });
  }
  Tags.of(app).add('managed-by', MANAGED_BY);
  Tags.of(app).add('owner', consultant.notifications.emails[0]);
  return app;
}

/** `cdk synth -c portfolio=true`: the consultant's portfolio, through the compliance gate. */
export function synthesizePortfolio(app: App, clientsDir: string): SynthesisOutcome {
  let consultant: ConsultantConfig | undefined;
  const clients: ClientConfig[] = [];
  try {
    consultant = loadConsultantConfig(clientsDir);
    for (const name of listClients(clientsDir)) clients.push(loadClientConfig(name, clientsDir));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { exitCode: 1, stderr: `\nInvalid configuration. Nothing was synthesized.\n${error.message}\n\n` };
  }
  if (!consultant) {
    return {
      exitCode: 1,
      stderr: `\nNo ${CONSULTANT_FILE} in ${clientsDir}: the portfolio needs the consultant's file (README, "Portfolio").\n\n`,
    };
  }
  registerCompliancePacks(buildPortfolioApp(consultant, clients, app));
  app.synth();
  return { exitCode: 0, stderr: '' };
}
