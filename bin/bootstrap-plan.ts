/**
 * Prints a client's deployment plan: the `cdk bootstrap` command of every account and region its
 * stacks deploy to, the first deployment, the second bootstrap with the baseline protection
 * boundary, and how the deploy role deploys from then on.
 *
 *   npm run bootstrap-plan -- --client acme
 */
import { App } from 'aws-cdk-lib';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildApp } from '../lib/app/app';
import { bootstrapTargets, deploymentPlan } from '../lib/app/bootstrap-plan';
import { cdkJsonContextWithoutBundling } from '../lib/app/cdk-json';
import { type CommandOutput, parseCommandLine, runAsScript } from '../lib/app/command-line';
import { ConfigError, loadClientConfig } from '../lib/core/config/load';

const USAGE = `Usage: npm run bootstrap-plan -- [--client <name>]

Prints the client's deployment plan: "cdk bootstrap" for every account and region its stacks
deploy to, the first deployment, the second bootstrap with the baseline protection boundary,
and who deploys from then on (the deploy role).

Options:
  --client <name>  the client (default: example)
  -h, --help       print this text`;

/** The script: the bootstrap commands of one client, as text. */
export function main(argv: readonly string[]): CommandOutput {
  const parsed = parseCommandLine(argv, { usage: USAGE, options: { client: { type: 'string' } } });
  if (parsed.kind === 'exit') return parsed.output;
  const client = String(parsed.values.client ?? 'example');
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'bootstrap-plan-'));
  try {
    // Builds the construct tree only (no synth): the stacks' environments are all it needs.
    const config = loadClientConfig(client, undefined, '--client <name>');
    const app = buildApp(config, new App({ outdir, autoSynth: false, context: cdkJsonContextWithoutBundling() }));
    return { exitCode: 0, stdout: deploymentPlan(config, bootstrapTargets(app)), stderr: '' };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { exitCode: 1, stdout: '', stderr: `${error.message}\n` };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

if (require.main === module) runAsScript(main);
