import type { BuildOptions } from 'esbuild';
import { LAMBDA_UNUSED_SDK_MODULES } from '../constructs/shared/scheduled-function';

/**
 * The esbuild options `ScheduledFunction` (constructs/finops/scheduled-function.ts) bundles the
 * collectors with, for the benchmarks to measure the bundle that is deployed: ESM, module-first
 * resolution (the SDK's tree-shakable ESM builds), SDK bundled except the modules Lambda never
 * loads, minified, target node22.
 */
export const LAMBDA_BUNDLE_OPTIONS = {
  bundle: true,
  format: 'esm',
  mainFields: ['module', 'main'],
  platform: 'node',
  target: 'node22',
  minify: true,
  charset: 'utf8',
  legalComments: 'none',
  banner: { js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);' },
  external: [...LAMBDA_UNUSED_SDK_MODULES],
} satisfies BuildOptions;
