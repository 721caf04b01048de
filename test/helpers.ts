import { App, Stack } from 'aws-cdk-lib';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { loadPortfolioSinks } from '../lib/core/config/consultant-schema';
import { buildApp } from '../lib/app/app';
import { cdkJsonContext, cdkJsonContextWithoutBundling } from '../lib/app/cdk-json';
import { parseClientConfig } from '../lib/core/config/load';
import { ClientConfig } from '../lib/core/config/schema';

/** Repository root. */
export const ROOT = path.join(__dirname, '..');

/** Client files that the tests treat like real clients: the shipped ones and the fixtures. */
export const CLIENT_DIRS = [
  path.join(ROOT, 'clients'),
  path.join(ROOT, 'test', 'fixtures', 'clients'),
  path.join(ROOT, 'test', 'fixtures', 'portfolio'),
];

/** A minimal valid client file, as a user would write it (a fresh copy on every call). */
export function minimalClientInput(): Record<string, any> {
  return {
    client: { name: 'acme', displayName: 'Acme Ltd', costCenter: 'CC-1' },
    contacts: {
      owner: { name: 'Olivia Owner', email: 'owner@acme.example' },
      technical: { name: 'Tim Tech', email: 'cto@acme.example', title: 'Fractional CTO', phone: '+44 20 7946 0000' },
    },
    accounts: [{ name: 'production', id: '123456789012', homeRegion: 'eu-west-1' }],
    allowedRegions: ['eu-west-1'],
  };
}

/** Validates a client object through the same path as a YAML file. */
export function parseInput(input: unknown, name = 'acme'): ClientConfig {
  return parseClientConfig(stringify(input), `${name}.yaml`, name);
}

/** How a test app differs from the one `cdk synth` builds. */
export interface TestAppOptions {
  /**
   * Bundle the Lambda functions with esbuild, as `cdk synth` does. Templates do not depend on the
   * bundles (only asset hashes do), so tests that read templates skip it.
   * @default false
   */
  readonly bundle?: boolean;
  /**
   * Add the `AWS::CDK::Metadata` resource to each stack, as the CDK CLI does (tests outside the CLI
   * leave it out). cfn-lint recognises CDK templates by it and skips rules that do not apply to
   * them, such as W3010 on availability zones that CDK writes out.
   * @default false
   */
  readonly analyticsReporting?: boolean;
}

/** A new App in a temporary directory, with the feature flags of cdk.json (as `cdk synth` has them). */
export function newTestApp(options: TestAppOptions = {}): App {
  const context = options.bundle ? cdkJsonContext() : cdkJsonContextWithoutBundling();
  return new App({
    outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'lz-test-')),
    context,
    analyticsReporting: options.analyticsReporting ?? false,
  });
}

/**
 * Builds the stacks of a client like `cdk synth` does, into a temporary directory, without the
 * compliance gate: the five packs run once per client in `test/lib/compliance.test.ts`.
 */
export function buildTestApp(config: ClientConfig): App {
  return buildApp(config, newTestApp(), { portfolioSinks: testPortfolioSinks(config) });
}

/** The sinks of an opted-in client, from the consultant file beside its client file (clients/ or a fixture directory). */
export function testPortfolioSinks(config: ClientConfig): ReadonlyMap<string, string> {
  if (!config.portfolio) return new Map();
  const dir = CLIENT_DIRS.find((candidate) => fs.existsSync(path.join(candidate, `${config.client.name}.yaml`)));
  return loadPortfolioSinks(config, dir);
}

/** The stack with the given name in an app. */
export function stackOf(app: App, name: string): Stack {
  const stack = app.node.tryFindChild(name);
  if (!(stack instanceof Stack)) throw new Error(`no stack ${name}; stacks: ${app.node.children.map((c) => c.node.id).join(', ')}`);
  return stack;
}

/**
 * Runs `fn` (a synth) with aws-cdk-lib's built-in CloudFormation validation on, as `cdk synth`
 * runs it; the test setup (`test/setup-env.ts`) switches it off everywhere else.
 */
export function withCloudFormationValidation<T>(fn: () => T): T {
  const previous = process.env.CDK_VALIDATION;
  delete process.env.CDK_VALIDATION;
  try {
    return fn();
  } finally {
    if (previous === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = previous;
  }
}
