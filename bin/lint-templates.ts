/**
 * Lints the CloudFormation templates of every client and test fixture with cfn-lint, each in the
 * region its stack deploys to: the check that caught a template defect our own tests had locked in.
 *
 *   npm run lint:templates                  # every client in clients/ and test/fixtures/clients/
 *   npm run lint:templates -- --client acme
 *
 * Needs cfn-lint (`pip install cfn-lint`). The rules it ignores, each with its reason, are in
 * `.cfnlintrc.yaml`.
 */
import { App } from 'aws-cdk-lib';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { buildApp } from '../lib/app/app';
import { cdkJsonContextWithoutBundling } from '../lib/app/cdk-json';
import { type CommandOutput, parseCommandLine, runAsScript } from '../lib/app/command-line';
import { ConfigError, DEFAULT_CLIENTS_DIR, listClients, loadClientConfig } from '../lib/core/config/load';
import { loadConsultantConfig, loadPortfolioSinks } from '../lib/core/config/consultant-schema';
import { buildPortfolioApp } from '../lib/app/portfolio-app';
import { CFN_LINT_CONFIG, cfnLintVersion, lintTemplates, stackTemplates, type StackTemplate } from '../lib/app/template-lint';
import { repoPath } from '../lib/core/paths';

/** Where clients live: the consultant's, and the fixtures the tests keep for every option. */
export const LINTED_CLIENT_DIRS = [DEFAULT_CLIENTS_DIR, repoPath('test', 'fixtures', 'clients'), repoPath('test', 'fixtures', 'portfolio')];

const USAGE = `Usage: npm run lint:templates -- [--client <name>]

Synthesizes the client's stacks and lints every template with cfn-lint in the region the stack
deploys to. Exit 1 on any finding that .cfnlintrc.yaml does not ignore.

Options:
  --client <name>  only this client of clients/ (default: every client and test fixture)
  -h, --help       print this text`;

/** An app as `cdk synth` builds it (feature flags, CDK metadata), without validation and bundling. */
function lintApp(outdir: string): App {
  return new App({
    outdir,
    autoSynth: false,
    analyticsReporting: true,
    builtinCloudFormationValidation: false,
    context: cdkJsonContextWithoutBundling(),
  });
}

/**
 * The templates of one client, synthesized as `cdk synth` writes them (feature flags of cdk.json,
 * the CDK metadata resource by which cfn-lint recognises CDK templates) into `outdir`. Without
 * the compliance packs, aws-cdk-lib's own validation and bundling: the tests cover those, and
 * the templates do not depend on them.
 */
export function synthesizeTemplates(client: string, clientsDir: string, outdir: string): StackTemplate[] {
  const app = lintApp(outdir);
  const config = loadClientConfig(client, clientsDir, '--client <name>');
  const assembly = buildApp(config, app, { portfolioSinks: loadPortfolioSinks(config, clientsDir) }).synth();
  return stackTemplates(assembly.directory);
}

/** The consultant's portfolio stacks of a clients directory, synthesized like {@link synthesizeTemplates}. */
export function synthesizePortfolioTemplates(clientsDir: string, outdir: string): StackTemplate[] {
  const app = lintApp(outdir);
  const clients = listClients(clientsDir).map((name) => loadClientConfig(name, clientsDir, '--client <name>'));
  const assembly = buildPortfolioApp(loadConsultantConfig(clientsDir)!, clients, app).synth();
  return stackTemplates(assembly.directory);
}

/** The script: lints, prints what it checked and every finding. */
export async function main(argv: readonly string[]): Promise<CommandOutput> {
  const parsed = parseCommandLine(argv, { usage: USAGE, options: { client: { type: 'string' } } });
  if (parsed.kind === 'exit') return parsed.output;
  const clients =
    parsed.values.client === undefined
      ? LINTED_CLIENT_DIRS.flatMap((dir) => listClients(dir).map((name) => ({ name, dir })))
      : [{ name: String(parsed.values.client), dir: DEFAULT_CLIENTS_DIR }];

  let version: string;
  try {
    version = cfnLintVersion();
  } catch (error) {
    return { exitCode: 1, stdout: '', stderr: `${(error as Error).message}\n` };
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-templates-'));
  try {
    const templates = clients.flatMap((client) => synthesizeTemplates(client.name, client.dir, path.join(scratch, client.name)));
    // The consultant's portfolio of every directory that has a consultant file.
    const portfolios = parsed.values.client === undefined ? LINTED_CLIENT_DIRS.filter((dir) => loadConsultantConfig(dir)) : [];
    portfolios.forEach((dir, index) => templates.push(...synthesizePortfolioTemplates(dir, path.join(scratch, `_portfolio${index}`))));
    const findings = await lintTemplates(templates);
    const regions = new Set(templates.map((t) => t.region));
    const summary = `${version}: ${templates.length} templates of ${clients.length} client(s) (${clients.map((c) => c.name).join(', ')})${portfolios.length > 0 ? ` and ${portfolios.length} consultant portfolio(s)` : ''} in ${regions.size} regions`;
    if (findings.length === 0)
      return { exitCode: 0, stdout: `${summary}: no findings (ignored rules and why: ${path.basename(CFN_LINT_CONFIG)})\n`, stderr: '' };
    return { exitCode: 1, stdout: `${summary}: ${findings.length} finding(s)\n${findings.join('\n')}\n`, stderr: '' };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { exitCode: 1, stdout: '', stderr: `${error.message}\n` };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) runAsScript(main);
