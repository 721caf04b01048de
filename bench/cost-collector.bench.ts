/**
 * Benchmark of the cost collector Lambda (run: `npx tsx bench/cost-collector.bench.ts`).
 *
 * 1. One collector run against a synthetic organisation-sized bill: 300 linked accounts x 150
 *    services x 45 days (2,025,000 cost lines) behind a mocked Cost Explorer (aws-sdk-client-mock
 *    and the simulator the tests use), 50 budgets of every scope, an empty state (so the run also
 *    sends the digest, the heaviest case), then a second, steady-state run. Prints CPU time (the
 *    simulator's own time subtracted), peak memory, Cost Explorer requests against the pages
 *    strictly needed, and PutMetricData calls.
 * 2. The Lambda bundle as the CDK side builds it (same esbuild options as `COLLECTOR_BUNDLING`
 *    below): size, largest contributors, and the module load time in a fresh `node` process
 *    (median of 5).
 *
 * Prints figures and whether each target of issue 5 is met; it is not a timed test and does not
 * fail on a missed target.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { CloudWatchClient, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CostExplorerClient, GetCostAndUsageCommand, GetCostForecastCommand } from '@aws-sdk/client-cost-explorer';
import { PublishCommand, SNSClient } from '@aws-sdk/client-sns';
import { GetParameterCommand, ParameterNotFound, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import * as esbuild from 'esbuild';
import { LAMBDA_BUNDLE_OPTIONS } from './lambda-bundle';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { collectCosts, type CollectorDependencies } from '../lambda/cost-collector/handler';
import { collectorSettingsSchema, type CollectorSettings } from '../lib/core/finops/collector-settings';
import { FakeCostExplorer, type Bill, type BillItem } from '../test/lambda/cost-collector/fake-cost-explorer';

const ACCOUNTS = 300;
const SERVICES = 150;
const DAYS = 45;
/** Groups per Cost Explorer page in the simulator (the real page size is not documented). */
const GROUPS_PER_PAGE = 1000;
/** The run: Berlin, 16 March 2026, 07:00; the window is 1 February to 16 March, 45 days. */
const NOW = new Date('2026-03-16T06:00:00Z');
const FIRST_DAY = '2026-02-01';

/** The esbuild options of the deployed bundle (shared with ScheduledFunction). */
const COLLECTOR_BUNDLING = LAMBDA_BUNDLE_OPTIONS;

const accountId = (a: number) => String(100000000000 + a);
const serviceName = (s: number) => `Synthetic Service ${String(s).padStart(3, '0')}`;
const TEAMS = ['data', 'web', 'platform', 'ml', 'mobile', 'finance'];
const UNITS = ['Core', 'Shared', 'Research', 'Sales'];

/** 300 accounts x 150 services x 45 days, deterministic, visited with one reused line object. */
function organisationBill(): Bill {
  const dates = Array.from({ length: DAYS }, (_, d) =>
    new Date(Date.parse(`${FIRST_DAY}T00:00:00Z`) + d * 86_400_000).toISOString().slice(0, 10),
  );
  const services = Array.from({ length: SERVICES }, (_, s) => serviceName(s));
  const accounts = Array.from({ length: ACCOUNTS }, (_, a) => accountId(a));
  const tags = accounts.map((_, a): Record<string, string> => (a % 7 === 0 ? {} : { team: TEAMS[a % TEAMS.length] }));
  const categories = accounts.map((_, a) => ({ Unit: UNITS[a % UNITS.length] }));
  // A few services make most of the bill, as in real ones.
  const serviceWeight = services.map((_, s) => 40 / (1 + s) ** 1.3);
  const accountWeight = accounts.map((_, a) => 0.2 + ((a * 7919) % 100) / 50);
  return {
    forEach(visit) {
      const line: BillItem = { date: '', service: '', account: '', unblended: 0, amortized: 0, tags: {}, categories: {} };
      for (let d = 0; d < DAYS; d++) {
        line.date = dates[d];
        const dayFactor = 1 + 0.1 * Math.sin(d / 3);
        for (let a = 0; a < ACCOUNTS; a++) {
          line.account = accounts[a];
          line.tags = tags[a];
          line.categories = categories[a];
          for (let s = 0; s < SERVICES; s++) {
            line.service = services[s];
            line.unblended = serviceWeight[s] * accountWeight[a] * dayFactor;
            line.amortized = line.unblended * 0.92;
            visit(line);
          }
        }
      }
    },
  };
}

/** 50 budgets of every scope, the schema's maximum. */
function organisationSettings(): CollectorSettings {
  const budgets = [
    { name: 'organisation', monthlyLimitUsd: 900_000 },
    { name: 'organisation-amortized', monthlyLimitUsd: 900_000, costMetric: 'AmortizedCost' },
    ...Array.from({ length: 8 }, (_, s) => ({
      name: `service-${s}`,
      monthlyLimitUsd: 20_000,
      scope: { type: 'service', service: serviceName(s) },
    })),
    ...Array.from({ length: 30 }, (_, a) => ({
      name: `account-${a}`,
      monthlyLimitUsd: 3_000,
      scope: { type: 'account', account: `acct-${a}` },
    })),
    ...TEAMS.map((team) => ({ name: `team-${team}`, monthlyLimitUsd: 60_000, scope: { type: 'tag', key: 'team', value: team } })),
    ...UNITS.map((unit) => ({ name: `unit-${unit}`, monthlyLimitUsd: 90_000, scope: { type: 'costCategory', name: 'Unit', value: unit } })),
  ];
  return collectorSettingsSchema.parse({
    client: { name: 'bench', displayName: 'Benchmark Holdings', timeZone: 'Europe/Berlin' },
    accounts: Array.from({ length: ACCOUNTS }, (_, a) => ({ name: `acct-${a}`, id: accountId(a) })),
    finops: { budgets, collector: { topServices: 8, maxRequestsPerRun: 500 } },
  });
}

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const verdict = (ok: boolean) => (ok ? 'met' : 'MISSED');

async function benchmarkRun(): Promise<void> {
  const ce = mockClient(CostExplorerClient);
  const cw = mockClient(CloudWatchClient);
  const sns = mockClient(SNSClient);
  const ssm = mockClient(SSMClient);
  const settings = organisationSettings();
  const fake = new FakeCostExplorer(organisationBill(), {
    groupsPerPage: GROUPS_PER_PAGE,
    forecast: (input) => (input.Filter ? 50_000 : 1_000_000),
  });
  ce.on(GetCostAndUsageCommand).callsFake(fake.getCostAndUsage);
  ce.on(GetCostForecastCommand).callsFake(fake.getCostForecast);
  cw.on(PutMetricDataCommand).resolves({});
  sns.on(PublishCommand).resolves({ MessageId: 'bench' });
  let state: string | undefined;
  ssm.on(GetParameterCommand).callsFake(() => {
    if (state === undefined) throw new ParameterNotFound({ message: 'not found', $metadata: {} });
    return { Parameter: { Value: state } };
  });
  ssm.on(PutParameterCommand).callsFake((input) => {
    state = input.Value;
    return {};
  });

  const deps: CollectorDependencies = {
    environment: { settings, topicArn: 'arn:aws:sns:eu-west-1:100000000000:finops', stateParameterName: '/bench/state' },
    clients: {
      costExplorer: new CostExplorerClient({ region: 'us-east-1' }),
      cloudWatch: new CloudWatchClient({}),
      sns: new SNSClient({}),
      ssm: new SSMClient({}),
    },
    logger: new Logger({ serviceName: 'cost-collector-bench', logLevel: 'ERROR' }),
    now: () => NOW,
  };

  // First run of the month (empty state): every query, every forecast, and the digest's breakdowns.
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 5);
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  const first = await collectCosts(deps);
  const cpu = process.cpuUsage(cpuBefore);
  const wallMs = performance.now() - wallBefore;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const simulatorMs = fake.cpuMicros / 1000;
  const collectorCpuMs = cpuMs - simulatorMs;
  const forecasts = fake.forecastCalls.length;
  const needed = fake.pagesNeeded() + forecasts;
  const distinctQueries = new Set(fake.costAndUsageCalls.map(({ NextPageToken: _t, ...rest }) => JSON.stringify(rest))).size;
  const putCalls = cw.commandCalls(PutMetricDataCommand).length;
  const metrics = cw.commandCalls(PutMetricDataCommand).reduce((sum, call) => sum + (call.args[0].input.MetricData?.length ?? 0), 0);

  // Steady-state run (state saved, nothing new): no digest, no breakdown queries.
  const pagesBefore = fake.costAndUsageCalls.length + fake.forecastCalls.length;
  const second = await collectCosts({ ...deps, now: () => new Date(NOW.getTime() + 8 * 3_600_000) });
  const secondRequests = fake.costAndUsageCalls.length + fake.forecastCalls.length - pagesBefore;

  console.log("Cost collector benchmark (mocked AWS: the SDK's own (de)serialisation of the answers is not measured)");
  console.log(
    `Synthetic bill: ${ACCOUNTS} accounts x ${SERVICES} services x ${DAYS} days = ${(ACCOUNTS * SERVICES * DAYS).toLocaleString('en-US')} cost lines; ${settings.finops.budgets.length} budgets; Cost Explorer pages of ${GROUPS_PER_PAGE} groups (simulated)`,
  );
  console.log('');
  console.log('First run of the month (digest sent):');
  console.log(
    `  Cost Explorer requests:  ${first.costExplorerRequests} (pages strictly needed: ${needed}; ${distinctQueries} distinct GetCostAndUsage queries, ${forecasts} forecasts) -> ${verdict(first.costExplorerRequests === needed)}`,
  );
  console.log(`  PutMetricData calls:     ${putCalls} (${metrics} metrics)`);
  console.log(`  Digest budgets:          ${first.digestBudgets.length}`);
  console.log(
    `  CPU time (collector):    ${collectorCpuMs.toFixed(0)} ms (process ${cpuMs.toFixed(0)} ms minus simulated Cost Explorer ${simulatorMs.toFixed(0)} ms; wall ${wallMs.toFixed(0)} ms) -> target < 2000 ms: ${verdict(collectorCpuMs < 2000)}`,
  );
  console.log(
    `  Peak memory (RSS):       ${mb(peakRss)} MB sampled during the run (${mb(rssBefore)} MB before it: Node, tsx, the SDK, the mocks); process max RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB -> target < 256 MB: ${verdict(peakRss < 256 * 1024 * 1024)}`,
  );
  console.log(
    `Steady-state run (nothing new): ${second.costExplorerRequests} Cost Explorer requests (${secondRequests} seen by the simulator), ${second.putMetricDataCalls} PutMetricData calls`,
  );
  ce.restore();
  cw.restore();
  sns.restore();
  ssm.restore();
}

async function benchmarkBundle(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cost-collector-bundle-'));
  const outfile = path.join(dir, 'index.mjs');
  const result = await esbuild.build({
    ...COLLECTOR_BUNDLING,
    entryPoints: [path.join(__dirname, '..', 'lambda', 'cost-collector', 'handler.ts')],
    bundle: true,
    outfile,
    metafile: true,
    logLevel: 'error',
  });
  const bytes = fs.statSync(outfile).size;
  const byPackage = new Map<string, number>();
  for (const [input, info] of Object.entries(Object.values(result.metafile.outputs)[0].inputs)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
    const key = match ? match[1] : input.split('/').slice(0, 2).join('/');
    byPackage.set(key, (byPackage.get(key) ?? 0) + info.bytesInOutput);
  }
  const largest = [...byPackage.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([name, size]) => `${name} ${(size / 1024).toFixed(0)} KB`);

  const env = {
    ...process.env,
    AWS_REGION: 'eu-west-1',
    COLLECTOR_SETTINGS: JSON.stringify({
      client: { name: 'bench', displayName: 'Bench', timeZone: 'Europe/Berlin' },
      accounts: [{ name: 'production', id: '100000000000' }],
      finops: { budgets: [{ name: 'all', monthlyLimitUsd: 100 }] },
    }),
    TOPIC_ARN: 'arn:aws:sns:eu-west-1:100000000000:finops',
    STATE_PARAMETER_NAME: '/bench/state',
    POWERTOOLS_SERVICE_NAME: 'cost-collector',
  };
  const script = `const t = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(outfile).href)}); if (typeof m.handler !== 'function') throw new Error('no handler export'); console.log(performance.now() - t);`;
  const loads = Array.from({ length: 5 }, () =>
    Number(execFileSync(process.execPath, ['--no-warnings', '--input-type=module', '-e', script], { env, encoding: 'utf8' }).trim()),
  );
  const median = [...loads].sort((a, b) => a - b)[2];

  console.log('');
  console.log(
    `Lambda bundle (esbuild ${esbuild.version}, format ${COLLECTOR_BUNDLING.format}, minified, target ${COLLECTOR_BUNDLING.target}, SDK bundled):`,
  );
  console.log(`  Size:                    ${(bytes / 1024).toFixed(1)} KB -> target < 400 KB: ${verdict(bytes < 400 * 1024)}`);
  console.log(`  Largest parts:           ${largest.join(', ')}`);
  console.log(
    `  Module load (cold):      median ${median.toFixed(0)} ms of ${loads.map((l) => l.toFixed(0)).join(', ')} ms (fresh node ${process.version}) -> target < 150 ms: ${verdict(median < 150)}`,
  );
  fs.rmSync(dir, { recursive: true, force: true });
}

async function main(): Promise<void> {
  await benchmarkRun();
  await benchmarkBundle();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
