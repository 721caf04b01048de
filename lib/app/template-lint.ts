import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { repoPath } from '../core/paths';

/**
 * cfn-lint, the CloudFormation linter, over synthesized cloud assemblies: each template checked
 * against the resource schemas of the region its stack deploys to (from the assembly's
 * `manifest.json`), with the settings of `.cfnlintrc.yaml` (the one list of ignored rules).
 *
 * cfn-lint is a Python tool (`pip install cfn-lint`); it starts once per region, not per template.
 */

const run = promisify(execFile);

/** The linter's settings: the one list of ignored rules, with the reasons. */
export const CFN_LINT_CONFIG = repoPath('.cfnlintrc.yaml');

/** One template of an assembly and the region its stack deploys to. */
export interface StackTemplate {
  readonly stack: string;
  readonly region: string;
  readonly templatePath: string;
}

/** One finding, as a readable line: `<template>:<line> <rule> <message>`. */
export type LintFinding = string;

/** The stacks' templates of a cloud assembly with their regions, from its manifest. */
export function stackTemplates(assemblyDir: string): StackTemplate[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(assemblyDir, 'manifest.json'), 'utf8')) as {
    artifacts?: Record<string, { type: string; environment?: string; properties?: { templateFile?: string } }>;
  };
  return Object.entries(manifest.artifacts ?? {})
    .filter(([, artifact]) => artifact.type === 'aws:cloudformation:stack')
    .map(([stack, artifact]) => {
      const region = /^aws:\/\/[^/]+\/(.+)$/.exec(artifact.environment ?? '')?.[1];
      if (!region || region.startsWith('unknown'))
        throw new Error(`stack ${stack} in ${assemblyDir} has no concrete region (${artifact.environment}): cfn-lint needs one`);
      return { stack, region, templatePath: path.join(assemblyDir, artifact.properties?.templateFile ?? `${stack}.template.json`) };
    });
}

/** The installed cfn-lint's version line, or a clear error that says how to install it. */
export function cfnLintVersion(): string {
  try {
    return execFileSync('cfn-lint', ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error(
      'cfn-lint is not installed: the gate lints every template with it. Install it with `pip install cfn-lint` (Python 3.9+).',
    );
  }
}

/**
 * Lints every template, grouped by region (cfn-lint checks all given templates against all given
 * regions, and a us-east-1-only resource type is an error elsewhere). Two regions run at a time.
 *
 * @returns every finding not ignored by `.cfnlintrc.yaml`; empty when the templates are clean
 */
export async function lintTemplates(templates: readonly StackTemplate[]): Promise<LintFinding[]> {
  const byRegion = new Map<string, string[]>();
  for (const t of templates) byRegion.set(t.region, [...(byRegion.get(t.region) ?? []), t.templatePath]);
  const groups = [...byRegion.entries()];
  const findings: LintFinding[] = [];
  for (let i = 0; i < groups.length; i += 2) {
    const results = await Promise.all(groups.slice(i, i + 2).map(([region, files]) => lintRegion(region, files)));
    findings.push(...results.flat());
  }
  return findings;
}

interface CfnLintMatch {
  readonly Filename: string;
  readonly Level: string;
  readonly Message: string;
  readonly Location: { readonly Start: { readonly LineNumber: number } };
  readonly Rule: { readonly Id: string };
}

async function lintRegion(region: string, files: readonly string[]): Promise<LintFinding[]> {
  const args = ['--config-file', CFN_LINT_CONFIG, '--format', 'json', '--regions', region, '--', ...files];
  let stdout: string;
  try {
    ({ stdout } = await run('cfn-lint', args, { maxBuffer: 64 * 1024 * 1024 }));
  } catch (error) {
    // cfn-lint exits non-zero when it finds something (2 errors, 4 warnings, 8 informational, or
    // their sum); its JSON report is on stdout either way. Anything without a report is a crash.
    const failed = error as { code?: number | string; stdout?: string; stderr?: string };
    if (typeof failed.code !== 'number' || !failed.stdout?.trim().startsWith('[')) {
      throw new Error(`cfn-lint failed in ${region} (exit ${failed.code}): ${failed.stderr ?? ''}`, { cause: error });
    }
    stdout = failed.stdout;
  }
  return (JSON.parse(stdout) as CfnLintMatch[]).map(
    (m) => `${path.basename(m.Filename)}:${m.Location.Start.LineNumber} (${region}) ${m.Rule.Id} [${m.Level}] ${m.Message}`,
  );
}
