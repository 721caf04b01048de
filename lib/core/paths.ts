import * as path from 'node:path';

/**
 * The repository root: the one anchor for files the code reads or bundles (client files,
 * `cdk.json`, Lambda entry points, `.cfnlintrc.yaml`), so that moving a module moves no path.
 */
export const REPO_ROOT = path.join(__dirname, '..', '..');

/** A path inside the repository, from its segments relative to the root. */
export function repoPath(...segments: string[]): string {
  return path.join(REPO_ROOT, ...segments);
}
