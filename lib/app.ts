import { App } from 'aws-cdk-lib';
import { ClientConfig } from './config/schema';
import { registerCompliancePacks } from './compliance';
import { stackName } from './naming';
import { FoundationStack } from './stacks/foundation-stack';
import { applyMandatoryTags } from './tagging';

/**
 * Composes a client's landing zone into an App: the layers of every account, the mandatory
 * tags, and the compliance gate. It reads nothing but its arguments, so `bin/app.ts` and the
 * tests build exactly the same app.
 *
 * @param config a validated client configuration
 * @param app the app to build into (the CLI's, which carries context); a new one by default
 */
export function buildApp(config: ClientConfig, app: App = new App()): App {
  registerCompliancePacks(app);

  for (const account of config.accounts) {
    const env = { account: account.id, region: account.homeRegion };
    const description = `${config.client.displayName} landing zone, account ${account.name}`;

    new FoundationStack(app, stackName(config, account, 'Foundation'), {
      env,
      config,
      account,
      description: `${description}: platform key and alert topics`,
      // Holds the platform key: a stack deletion must be a deliberate two-step act.
      terminationProtection: true,
    });
  }

  applyMandatoryTags(app, config);
  return app;
}
