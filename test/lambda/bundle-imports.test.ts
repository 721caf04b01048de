import { build, type Metafile } from 'esbuild';
import { join } from 'node:path';

/**
 * What the Lambda bundles pull in. The handlers parse their settings with the same schema the
 * client file is validated with (lib/core/config/finops-schema.ts), so a classic `import { z } from
 * 'zod'` anywhere on that path (one helper from lib/core/config/primitives.ts is enough) adds about
 * 440 KB that cannot be tree-shaken, and an aws-cdk-lib import drags in the CDK. Bundled like the
 * deployment bundles them: minified ESM for Node.js 22, AWS SDK v3 included.
 */

const ROOT = join(__dirname, '../..');
const HANDLERS = [
  'lambda/cost-collector/handler.ts',
  'lambda/waste-finder/handler.ts',
  'lambda/alert-notifier/handler.ts',
  'lambda/monthly-report/handler.ts',
];
/** zod/mini with the parts the schemas use (core, mini, the English messages) is about 30 KB. */
const ZOD_BUDGET_BYTES = 64 * 1024;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function bundle(handler: string): Promise<Metafile['outputs'][string]> {
  const result = await build({
    // Input paths in the metafile are relative to this directory: `lambda/...`, `node_modules/...`.
    absWorkingDir: ROOT,
    entryPoints: [handler],
    bundle: true,
    minify: true,
    platform: 'node',
    target: 'node22',
    format: 'esm',
    mainFields: ['module', 'main'],
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return Object.values(result.metafile.outputs).find((output) => output.entryPoint !== undefined)!;
}

describe.each(HANDLERS)('%s bundle', (handler) => {
  let output: Metafile['outputs'][string];
  let inputs: string[];

  beforeAll(async () => {
    output = await bundle(handler);
    inputs = Object.keys(output.inputs);
    const zodBytes = inputs
      .filter((path) => path.includes('node_modules/zod/'))
      .reduce((sum, path) => sum + output.inputs[path].bytesInOutput, 0);
    // Printed so that a size regression shows in the test log before it fails a deployment budget.
    console.log(`${handler}: ${kb(output.bytes)} minified, of which zod ${kb(zodBytes)}`);
  });

  test('the check sees the handler and its settings module (so it can see what they import)', () => {
    expect(inputs).toContain(handler);
    expect(
      inputs.some((path) => /^lib\/core\/(finops\/(collector|waste-finder)|alerts\/notifier|report\/report)-settings\.ts$/.test(path)),
    ).toBe(true);
    expect(inputs.some((path) => path.includes('node_modules/zod/v4/mini/'))).toBe(true);
  });

  test('reaches neither classic zod nor aws-cdk-lib', () => {
    expect(inputs.filter((path) => /node_modules\/zod\/v4\/classic\/|node_modules\/aws-cdk-lib\//.test(path))).toEqual([]);
  });

  test('keeps zod small: no other locale than English, zod under its budget', () => {
    // The locales index is read (0 bytes kept); `z.locales.en()` instead of `import { en }` keeps all 40-odd locales.
    const locales = inputs.filter((path) => /node_modules\/zod\/v4\/locales\//.test(path) && output.inputs[path].bytesInOutput > 0);
    expect(locales).toEqual(['node_modules/zod/v4/locales/en.js']);
    const zodBytes = inputs
      .filter((path) => path.includes('node_modules/zod/'))
      .reduce((sum, path) => sum + output.inputs[path].bytesInOutput, 0);
    expect(zodBytes).toBeLessThan(ZOD_BUDGET_BYTES);
  });
});
