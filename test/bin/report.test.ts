import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main, type LiveReader } from '../../bin/report';
import { RequestCapError } from '../../lambda/cost-collector/cost-explorer';
import { loadClientConfig } from '../../lib/core/config/load';
import { repoPath } from '../../lib/core/paths';
import { buildMonthlyReport } from '../../lib/core/report/model';
import { loadRecordedInputs, saveRecordedInputs } from '../../lib/core/report/recordings';

/*
 * The live mode of `npm run report`, with the AWS reads replaced by the recorded answers (the
 * reads themselves are tested against mocked SDK clients in test/lambda/monthly-report/).
 */

const RECORDED = repoPath('recordings', 'example', '2026-11');
const NOW = new Date('2026-12-03T09:00:00Z');
const config = loadClientConfig('example');
const billing = config.accounts[0];

function fakeReader(account = billing.id, overrides: Partial<LiveReader> = {}): LiveReader & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    callerAccount: async () => account,
    read: async (_config, month) => {
      reads.push(month);
      return {
        inputs: loadRecordedInputs(RECORDED),
        costExplorerRequests: 5,
        truncated: ['production: LookupEvents writes'],
        securityHubOff: [],
      };
    },
    ...overrides,
  };
}

const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'report-live-'));

describe('npm run report, live', () => {
  test('reads the month with the billing account credentials, writes the page and says what the reads cost', async () => {
    const out = tempDir();
    const reader = fakeReader();
    const result = await main(['--client', 'example', '--month', '2026-11', '--out', out], NOW, reader);
    expect(result.exitCode).toBe(0);
    expect(reader.reads).toEqual(['2026-11']);
    expect(result.stdout).toContain('Live reads: 5 Cost Explorer request(s) (USD 0.05)');
    expect(result.stdout).toContain('figures are lower bounds: production: LookupEvents writes');
    const html = fs.readFileSync(path.join(out, 'example-2026-11.html'), 'utf8');
    expect(html).toContain(`account ${billing.name} (${billing.id}) in ${billing.homeRegion}`);
  });

  test('refuses credentials of another account before reading anything', async () => {
    const reader = fakeReader('999999999999');
    const result = await main(['--client', 'example', '--month', '2026-11', '--out', tempDir()], NOW, reader);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain(
      `The credentials are of account 999999999999; the report of example reads its billing account ${billing.name} (${billing.id})`,
    );
    expect(reader.reads).toEqual([]);
  });

  test('a request cap or missing credentials is a clear failure, not a stack trace', async () => {
    const capped = fakeReader(billing.id, {
      read: async () => {
        throw new RequestCapError(3, 'the report needs at least 5 requests', 'report.maxCostExplorerRequests');
      },
    });
    const result = await main(['--client', 'example', '--month', '2026-11', '--out', tempDir()], NOW, capped);
    expect(result).toEqual({
      exitCode: 1,
      stdout: '',
      stderr: expect.stringMatching(/^Live reads failed: .*report\.maxCostExplorerRequests/),
    });
    const noCredentials = fakeReader(billing.id, {
      callerAccount: async () => {
        throw Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
      },
    });
    expect((await main(['--client', 'example', '--month', '2026-11'], NOW, noCredentials)).stderr).toBe(
      'Live reads failed: Could not load credentials from any providers\n',
    );
  });

  test('--save-recording writes what was read as recorded answers that render the same report', async () => {
    const dir = path.join(tempDir(), 'recording');
    const result = await main(
      ['--client', 'example', '--month', '2026-11', '--out', tempDir(), '--save-recording', dir],
      NOW,
      fakeReader(),
    );
    expect(result.stdout).toContain(`Recorded the answers in ${dir}`);
    const context = { month: '2026-11', budgets: config.finops.budgets, stackPrefix: 'Example-' };
    expect(buildMonthlyReport(loadRecordedInputs(dir), context)).toEqual(buildMonthlyReport(loadRecordedInputs(RECORDED), context));
  });
});

describe('recorded answers', () => {
  test('round-trip unchanged, job counts of a live read included', () => {
    const inputs = {
      ...loadRecordedInputs(RECORDED),
      backupJobCounts: { backupCompleted: 90, backupFailed: 1, copyCompleted: 88, copyFailed: 0 },
    };
    const dir = tempDir();
    saveRecordedInputs(inputs, dir);
    expect(loadRecordedInputs(dir)).toEqual(inputs);
  });
});
