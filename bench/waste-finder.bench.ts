/**
 * Waste finder benchmark: a large account (2,000 resources across 2 regions) behind a mocked
 * CloudWatch, then the deployed bundle's size and cold module load time.
 *
 * Run: `npx tsx bench/waste-finder.bench.ts` (no AWS access needed).
 *
 * Reports CPU time and memory of a scan (the first run, as in a cold Lambda, and the median of
 * warm runs), the CloudWatch calls it makes and what they cost, the size of the bundle esbuild
 * produces (bundle + minify, node22, CommonJS, AWS SDK included), and the time a fresh Node
 * process takes to load it (median of 5).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { CloudWatchClient, GetMetricDataCommand, ListMetricsCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { build, type BuildOptions } from 'esbuild';
import { LAMBDA_BUNDLE_OPTIONS } from './lambda-bundle';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHandler } from '../lambda/waste-finder/handler';
import type { ResourceKind } from '../lambda/waste-finder/rules';
import { days, fakeCloudWatch, resource, type FakeAccount, type FakeResource } from '../test/lambda/waste-finder/fake-cloudwatch';

const REGIONS = ['eu-west-1', 'us-east-1'];
/** Resources per region: 1,000, shaped like a busy small company's account scaled up. */
const MIX: Readonly<Record<ResourceKind, number>> = {
  ec2Instance: 400,
  ebsVolume: 300,
  natGateway: 100,
  applicationLoadBalancer: 100,
  networkLoadBalancer: 50,
  rdsInstance: 50,
};
const WARM_RUNS = 5;
const LOAD_RUNS = 5;

/** Deterministic pseudo-random numbers, so every run benchmarks the same account. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function largeAccount(): FakeAccount {
  const next = random(42);
  const account: Record<string, FakeResource[]> = {};
  for (const region of REGIONS) {
    const resources: FakeResource[] = [];
    for (const [kind, count] of Object.entries(MIX) as [ResourceKind, number][]) {
      for (let i = 0; i < count; i++) {
        // About one resource in five idle, one in ten too new to judge, the rest busy.
        const roll = next();
        const id = `${kind}-${region}-${i}`;
        const busy = roll >= 0.3;
        const level = busy ? 10 + next() * 1000 : 0;
        const values = Object.fromEntries(
          Object.entries(resource(kind, id).daily).map(([metric]) => [
            metric,
            days(metric === 'CPUUtilization' ? (busy ? 20 + next() * 70 : next() * 4) : level),
          ]),
        );
        const daily = roll < 0.1 ? Object.fromEntries(Object.entries(values).map(([metric, v]) => [metric, v.slice(0, 5)])) : values;
        resources.push({ kind, id, daily });
      }
    }
    account[region] = resources;
  }
  return account;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

async function benchmarkScan() {
  const account = largeAccount();
  const cw = fakeCloudWatch(account);
  const clients = new Map<string, CloudWatchClient>();
  const handler = createHandler({
    clientFor: (region) => clients.get(region) ?? clients.set(region, new CloudWatchClient({ region })).get(region)!,
    now: () => new Date('2026-11-24T06:00:00Z'),
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => undefined, random: () => 0 },
    logger: new Logger({ logLevel: 'SILENT' }),
    env: { AWS_REGION: REGIONS[0], WASTE_FINDER_SETTINGS: JSON.stringify({ regions: REGIONS }) },
  });

  const runs: { cpuMs: number; wallMs: number; heapDelta: number }[] = [];
  let first: Awaited<ReturnType<typeof handler>> | undefined;
  const rssBefore = process.resourceUsage().maxRSS * 1024;
  for (let run = 0; run <= WARM_RUNS; run++) {
    cw.resetHistory();
    const heapBefore = process.memoryUsage().heapUsed;
    const cpu = process.cpuUsage();
    const start = performance.now();
    const summary = await handler({});
    const wallMs = performance.now() - start;
    const used = process.cpuUsage(cpu);
    runs.push({ cpuMs: (used.user + used.system) / 1000, wallMs, heapDelta: process.memoryUsage().heapUsed - heapBefore });
    first ??= summary;
  }
  const calls = {
    listMetrics: cw.commandCalls(ListMetricsCommand).length,
    getMetricData: cw.commandCalls(GetMetricDataCommand).length,
    putMetricData: cw.commandCalls(PutMetricDataCommand).length,
  };
  cw.restore();
  const warm = runs.slice(1);
  return {
    resources: Object.values(account).reduce((n, r) => n + r.length, 0),
    summary: first!,
    calls,
    cold: runs[0],
    warm: { cpuMs: median(warm.map((r) => r.cpuMs)), wallMs: median(warm.map((r) => r.wallMs)) },
    peakRss: process.resourceUsage().maxRSS * 1024,
    rssBefore,
    heapDeltaFirst: runs[0].heapDelta,
  };
}

/** esbuild options the CDK side should use (NodejsFunction `bundling` maps to these). */
export const BUNDLE_OPTIONS: BuildOptions = {
  ...LAMBDA_BUNDLE_OPTIONS,
  entryPoints: [join(__dirname, '../lambda/waste-finder/handler.ts')],
  sourcemap: false,
  write: false,
  metafile: true,
  logLevel: 'silent',
};

async function benchmarkBundle() {
  const bundled = await build(BUNDLE_OPTIONS);
  const code = bundled.outputFiles![0].contents;
  const external = await build({ ...BUNDLE_OPTIONS, external: ['@aws-sdk/*', '@smithy/*'] });
  const externalCode = external.outputFiles![0].contents;

  const dir = mkdtempSync(join(tmpdir(), 'waste-finder-bench-'));
  try {
    const file = join(dir, 'index.js');
    writeFileSync(file, code);
    const probe = `const t=performance.now();require(${JSON.stringify(file)});process.stdout.write(String(performance.now()-t))`;
    const loads: number[] = [];
    for (let i = 0; i < LOAD_RUNS; i++) {
      loads.push(
        Number(
          execFileSync(process.execPath, ['--no-warnings', '-e', probe], {
            // Settings are read at the first invocation, not at load; AWS_REGION as in Lambda.
            env: { PATH: process.env.PATH, AWS_REGION: 'eu-west-1', POWERTOOLS_SERVICE_NAME: 'waste-finder', LOG_LEVEL: 'INFO' },
          }).toString(),
        ),
      );
    }
    return {
      bytes: code.byteLength,
      gzipBytes: gzipSync(code).byteLength,
      externalSdkBytes: externalCode.byteLength,
      loadMs: median(loads),
      loads,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  const scan = await benchmarkScan();
  const bundle = await benchmarkBundle();
  const s = scan.summary;
  const lines = [
    `Waste finder benchmark (node ${process.version}, ${process.platform}/${process.arch})`,
    '',
    `Account: ${scan.resources} resources in ${REGIONS.length} regions (mocked CloudWatch, aws-sdk-client-mock)`,
    `  idle or oversized: ${s.totalIdle}, estimated waste USD ${s.totalEstimatedMonthlyWasteUsd.toFixed(2)}/month, ` +
      `too new to judge: ${Object.values(s.byResourceType).reduce((n, t) => n + t.insufficientData, 0)}`,
    '',
    'Scan (one handler invocation)',
    `  CPU time:        first run ${scan.cold.cpuMs.toFixed(0)} ms (wall ${scan.cold.wallMs.toFixed(0)} ms), ` +
      `warm median of ${WARM_RUNS} ${scan.warm.cpuMs.toFixed(0)} ms (wall ${scan.warm.wallMs.toFixed(0)} ms); includes the mock's own work`,
    `  memory:          peak RSS of the process ${mb(scan.peakRss)} (before the scans ${mb(scan.rssBefore)}), heap growth during the first run ${mb(scan.heapDeltaFirst)}`,
    `  ListMetrics:     ${scan.calls.listMetrics} calls`,
    `  GetMetricData:   ${scan.calls.getMetricData} calls, ${s.metricsRequested} metrics requested, USD ${s.scanCostUsd.toFixed(4)} per scan`,
    `  PutMetricData:   ${scan.calls.putMetricData} call(s)`,
    '',
    'Bundle (esbuild: bundle, minify, platform node, target node22, format esm)',
    `  size:            ${kb(bundle.bytes)} (${kb(bundle.gzipBytes)} gzipped), AWS SDK and Powertools included`,
    `  without the SDK: ${kb(bundle.externalSdkBytes)} (@aws-sdk/* and @smithy/* external: the runtime's SDK)`,
    `  module load:     median ${bundle.loadMs.toFixed(1)} ms in a fresh node process (runs: ${bundle.loads.map((ms) => ms.toFixed(1)).join(', ')} ms)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
