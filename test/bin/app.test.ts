import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { stringify } from 'yaml';
import { synthesizeClient } from '../../lib/app/app';
import { MALFORMED_CONFIGS, malformedInput } from '../fixtures/malformed-configs';
import { CLIENT_DIRS, newTestApp, ROOT } from '../helpers';

const run = promisify(execFile);

interface CliResult {
  readonly exitCode: number;
  readonly stderr: string;
  readonly templates: string[];
}

/**
 * Runs bin/app.ts the way `cdk synth -c client=<name>` does (context and output directory in the
 * environment), with aws-cdk-lib's CloudFormation validation on as for a user.
 */
async function cdkSynth(context: Record<string, string>): Promise<CliResult> {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-cli-'));
  const env: NodeJS.ProcessEnv = { ...process.env, CDK_OUTDIR: outdir, CDK_CONTEXT_JSON: JSON.stringify(context) };
  delete env.CDK_VALIDATION;
  let exitCode = 0;
  let stderr: string;
  try {
    ({ stderr } = await run(path.join(ROOT, 'node_modules', '.bin', 'tsx'), [path.join(ROOT, 'bin', 'app.ts')], { cwd: ROOT, env }));
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    exitCode = failed.code;
    stderr = failed.stderr;
  }
  return { exitCode, stderr, templates: templatesIn(outdir) };
}

function templatesIn(dir: string): string[] {
  return fs.readdirSync(dir).filter((file) => file.endsWith('.template.json'));
}

function clientsDirWith(name: string, input: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lz-clients-'));
  fs.writeFileSync(path.join(dir, `${name}.yaml`), stringify(input));
  return dir;
}

const FIXTURES = CLIENT_DIRS[1];

describe('bin/app.ts through the real CLI process (two cases: each costs a Node.js start)', () => {
  test('synthesizes a client with validation on, exit 0, and prints no warning or deprecation', async () => {
    const result = await cdkSynth({ client: 'all-off', clientsDir: FIXTURES });

    expect(result).toMatchObject({
      exitCode: 0,
      templates: ['AllOff-Main-Dashboards.template.json', 'AllOff-Main-Foundation.template.json'],
    });
    expect(result.stderr).not.toMatch(/warn|deprecat|error/i);
  });

  test('reads clients/example.yaml when no client is named; a malformed file exits 1 before writing any template, naming the field', async () => {
    // given: a clients directory whose example is malformed
    const malformed = MALFORMED_CONFIGS[0];
    const input = malformedInput(malformed);
    input.client.name = 'example';
    const clientsDir = clientsDirWith('example', input);

    // when: no client named
    const result = await cdkSynth({ clientsDir });

    // then
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('Invalid client configuration. Nothing was synthesized.');
    expect(result.stderr).toMatch(/example\.yaml: 1 problem:/);
    expect(result.stderr).toContain(malformed.path);
    expect(result.stderr).toMatch(malformed.message);
    expect(result.templates).toEqual([]);
  });
});

describe('synthesizeClient (what bin/app.ts runs), in-process', () => {
  test.each(MALFORMED_CONFIGS.map((m) => [m.name, m] as const))(
    'rejects %s before writing any template, naming the field',
    (_name, malformed) => {
      // given
      const app = newTestApp();
      const clientsDir = clientsDirWith('acme', malformedInput(malformed));

      // when
      const outcome = synthesizeClient(app, 'acme', clientsDir);

      // then
      expect(outcome.exitCode).toBe(1);
      expect(outcome.stderr).toContain('Invalid client configuration. Nothing was synthesized.');
      expect(outcome.stderr).toContain(`${malformed.path}`);
      expect(outcome.stderr).toMatch(malformed.message);
      expect(templatesIn(app.outdir)).toEqual([]);
    },
  );

  test('an unknown client exits 1 and lists the clients that exist', () => {
    const app = newTestApp();
    const outcome = synthesizeClient(app, 'no-such-client', FIXTURES);
    expect(outcome).toEqual({
      exitCode: 1,
      stderr: expect.stringMatching(
        /no such client\. Clients that exist: all-off, backup-copy, multi-account, network-full, org-existing, org-new\./,
      ),
    });
    expect(templatesIn(app.outdir)).toEqual([]);
  });
});
