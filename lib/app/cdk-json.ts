import * as fs from 'node:fs';
import { repoPath } from '../core/paths';

/**
 * The context (feature flags) of the repository's `cdk.json`.
 *
 * `cdk synth` passes it to the app; scripts and tests that build an App themselves pass it too,
 * so that they synthesize exactly what `cdk synth` does (feature flags change templates, for
 * example policy minimization and partition literals).
 */
export function cdkJsonContext(): Record<string, unknown> {
  const file = repoPath('cdk.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { context?: Record<string, unknown> }).context ?? {};
}

/**
 * `cdk.json`'s context, with Lambda bundling switched off (`aws:cdk:bundling-stacks`): for tools
 * that read the construct tree or the templates, which do not depend on the bundles (only asset
 * hashes do), so they do not spend an esbuild run per function.
 */
export function cdkJsonContextWithoutBundling(): Record<string, unknown> {
  return { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] };
}
