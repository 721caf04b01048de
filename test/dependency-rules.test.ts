import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './helpers';

const run = promisify(execFile);

/**
 * The layering rules of `.dependency-cruiser.cjs` (run on the code by `npm run lint:deps`, part
 * of `npm test`) fire: a small tree with one import of each forbidden kind is rejected, rule by
 * rule, and a tree that respects the floors passes.
 */
function tree(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-layers-'));
  fs.writeFileSync(
    path.join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' } }),
  );
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

async function cruise(dir: string): Promise<{ exitCode: number; output: string }> {
  const depcruise = path.join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruiser.mjs');
  // The folders `npm run lint:deps` checks, those the tree has.
  const folders = ['bin', 'lib', 'constructs', 'policies', 'dashboards', 'lambda'].filter((folder) =>
    fs.existsSync(path.join(dir, folder)),
  );
  const args = [depcruise, '--config', path.join(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'err', ...folders];
  try {
    const { stdout } = await run(process.execPath, args, { cwd: dir });
    return { exitCode: 0, output: stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { exitCode: failed.code, output: `${failed.stdout}${failed.stderr}` };
  }
}

describe('the layering rules', () => {
  test('reject an import up a floor, from a Lambda into constructs, and into another construct domain', async () => {
    // given
    const dir = tree({
      'lib/core/naming.ts': "import { x } from '../../constructs/backup/vault';\nexport const y = x;\n",
      'lambda/collector/handler.ts': "import { x } from '../../constructs/backup/vault';\nexport const z = x;\n",
      'constructs/security/trail.ts': "import { x } from '../backup/vault';\nexport const t = x;\n",
      'constructs/backup/vault.ts': 'export const x = 1;\n',
      'dashboards/board.ts': "import { x } from '../constructs/backup/vault';\nexport const b = x;\n",
    });

    // when
    const { exitCode, output } = await cruise(dir);

    // then
    expect(exitCode).not.toBe(0);
    expect(output).toMatch(/core-is-the-ground-floor: lib\/core\/naming\.ts → constructs\/backup\/vault\.ts/);
    expect(output).toMatch(/lambda-stands-on-core: lambda\/collector\/handler\.ts → constructs\/backup\/vault\.ts/);
    expect(output).toMatch(/construct-domains-stay-apart: constructs\/security\/trail\.ts → constructs\/backup\/vault\.ts/);
    expect(output).toMatch(/policies-and-dashboards-beside-constructs: dashboards\/board\.ts → constructs\/backup\/vault\.ts/);
  });

  test('accept imports that go down: app on constructs, constructs on shared and core, Lambdas on core', async () => {
    const dir = tree({
      'lib/core/naming.ts': 'export const n = 1;\n',
      'lambda/collector/handler.ts': "import { n } from '../../lib/core/naming';\nexport const h = n;\n",
      'constructs/shared/helper.ts': "import { n } from '../../lib/core/naming';\nexport const s = n;\n",
      'constructs/backup/vault.ts': "import { s } from '../shared/helper';\nexport const v = s;\n",
      'lib/app/app.ts': "import { v } from '../../constructs/backup/vault';\nexport const a = v;\n",
      'bin/app.ts': "import { a } from '../lib/app/app';\nexport const b = a;\n",
    });

    expect(await cruise(dir)).toMatchObject({ exitCode: 0 });
  });
});
