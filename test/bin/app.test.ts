import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { MALFORMED_CONFIGS, malformedInput } from '../fixtures/malformed-configs';
import { ROOT } from '../helpers';

const run = promisify(execFile);

interface CliResult {
  readonly exitCode: number;
  readonly stderr: string;
  readonly templates: string[];
}

/** Runs bin/app.ts the way `cdk synth -c client=<name>` does: context and outdir in the environment. */
async function synth(client: string, clientsDir?: string): Promise<CliResult> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-cli-'));
  const context = { client, ...(clientsDir ? { clientsDir } : {}) };
  const env = { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(context) };
  let exitCode = 0;
  let stderr = '';
  try {
    ({ stderr } = await run(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'bin', 'app.ts')], { cwd: ROOT, env }));
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    exitCode = failed.code;
    stderr = failed.stderr;
  }
  const templates = fs.readdirSync(outdir).filter((file) => file.endsWith('.template.json'));
  return { exitCode, stderr, templates };
}

/** Runs `tasks` at most `limit` at a time: each synth is a Node process, the machine has two cores. */
async function inBatches<T>(tasks: Array<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < tasks.length; i += limit) {
    results.push(...(await Promise.all(tasks.slice(i, i + limit).map((task) => task()))));
  }
  return results;
}

describe('bin/app.ts (what `cdk synth` runs)', () => {
  test('synthesizes the example client by default', async () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-cli-'));
    await run(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'bin', 'app.ts')], {
      cwd: ROOT,
      env: { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: '{}' },
    });
    expect(fs.readdirSync(outdir)).toEqual(expect.arrayContaining(['Example-Production-Foundation.template.json', 'manifest.json']));
  });

  test('an unknown client exits non-zero, lists the clients that exist and writes no template', async () => {
    const result = await synth('no-such-client');
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/no such client\. Clients that exist: .*example/);
    expect(result.templates).toEqual([]);
  });

  test(`each of the ${MALFORMED_CONFIGS.length} malformed configs exits non-zero before writing any template, naming the field`, async () => {
    const results = await inBatches(
      MALFORMED_CONFIGS.map((malformed) => async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-clients-'));
        fs.writeFileSync(path.join(dir, 'acme.yaml'), stringify(malformedInput(malformed)));
        return { malformed, result: await synth('acme', dir) };
      }),
      3,
    );
    for (const { malformed, result } of results) {
      expect({ name: malformed.name, exitCode: result.exitCode, templates: result.templates }).toEqual({ name: malformed.name, exitCode: 1, templates: [] });
      expect(result.stderr).toContain('Invalid client configuration. Nothing was synthesized.');
      expect(result.stderr).toContain(`${malformed.path}`);
      expect(result.stderr).toMatch(malformed.message);
    }
  });
});
