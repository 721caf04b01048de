import { build } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');
const SOURCE = join(ROOT, 'lambda/waste-finder');
/** The SDK adapters and the handler; every other module is pure. */
const ADAPTERS = new Set(['clients.ts', 'cloudwatch-reader.ts', 'metric-publisher.ts', 'handler.ts']);
const imports = (file: string) =>
  [...readFileSync(join(SOURCE, file), 'utf8').matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);

describe('waste finder code shape', () => {
  const files = readdirSync(SOURCE).filter((file) => file.endsWith('.ts'));

  test("the import check sees the adapters' SDK imports (so it can see a pure module's)", () => {
    expect(imports('cloudwatch-reader.ts')).toContain('@aws-sdk/client-cloudwatch');
    expect(imports('handler.ts')).toContain('@aws-lambda-powertools/logger');
  });

  test.each(files.filter((file) => !ADAPTERS.has(file)))('%s is pure: no AWS SDK, no Powertools', (file) => {
    expect(imports(file).filter((path) => path.startsWith('@aws-sdk/') || path.startsWith('@aws-lambda-powertools/'))).toEqual([]);
  });

  test('the bundle reaches neither aws-cdk-lib nor constructs', async () => {
    const result = await build({
      entryPoints: [join(SOURCE, 'handler.ts')],
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.some((path) => path.includes('lambda/waste-finder/handler.ts'))).toBe(true);
    expect(inputs.filter((path) => /node_modules\/(aws-cdk-lib|constructs)\//.test(path))).toEqual([]);
  });
});
