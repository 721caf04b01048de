/**
 * Prints the `cdk bootstrap` commands a client needs: one per account and region its stacks
 * deploy to.
 *
 *   npm run bootstrap-plan -- --client acme
 */
import { App } from 'aws-cdk-lib';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildApp } from '../lib/app';
import { cdkJsonContext } from '../lib/cdk-json';
import { bootstrapTargets } from '../lib/bootstrap-plan';
import { ConfigError, loadClientConfig } from '../lib/config/load';

const argv = process.argv.slice(2);
const clientFlag = argv.indexOf('--client');
const client = clientFlag >= 0 ? argv[clientFlag + 1] : 'example';

try {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bootstrap-plan-'));
  const app = buildApp(loadClientConfig(client), new App({ outdir, autoSynth: false, context: cdkJsonContext() }));
  const lines = [`# Bootstrap plan for client "${client}": run each with credentials for that account.`];
  for (const target of bootstrapTargets(app)) {
    lines.push(`npx cdk bootstrap aws://${target.account}/${target.region}   # ${target.stacks.join(', ')}`);
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  fs.rmSync(outdir, { recursive: true, force: true });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
