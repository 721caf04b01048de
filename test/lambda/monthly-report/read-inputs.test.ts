import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  BackupClient,
  ListBackupVaultsCommand,
  ListRecoveryPointsByBackupVaultCommand,
  ListRestoreJobsCommand,
} from '@aws-sdk/client-backup';
import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, DescribeAlarmHistoryCommand, GetMetricDataCommand, type MetricDataResult } from '@aws-sdk/client-cloudwatch';
import { CostExplorerClient, GetCostAndUsageCommand, GetCostForecastCommand } from '@aws-sdk/client-cost-explorer';
import {
  GetFindingsCommand as GetGuardDutyFindingsCommand,
  GuardDutyClient,
  ListDetectorsCommand,
  ListFindingsCommand,
  type Finding as GuardDutyFinding,
} from '@aws-sdk/client-guardduty';
import { GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import { mockClient } from 'aws-sdk-client-mock';
import { RequestCapError } from '../../../lambda/cost-collector/cost-explorer';
import { MAX_PAGES, readReportInputs, type ReportReadContext } from '../../../lambda/monthly-report/read-inputs';
import { loadClientConfig } from '../../../lib/core/config/load';
import { buildMonthlyReport } from '../../../lib/core/report/model';
import { loadRecordedInputs } from '../../../lib/core/report/recordings';
import { repoPath } from '../../../lib/core/paths';

/*
 * The live reads, against mocked AWS clients that answer with the recorded answers of the example
 * client (recordings/example/2026-11, real response shapes): the report built from what the
 * reader gathers must equal the report built offline from the same recordings, figure by figure.
 */

const RECORDED = repoPath('recordings', 'example', '2026-11');
const recorded = <T>(file: string): T => JSON.parse(fs.readFileSync(path.join(RECORDED, file), 'utf8')) as T;
const config = loadClientConfig('example');
const VAULT = 'example-backup';

const costExplorer = new CostExplorerClient({ region: 'us-east-1' });
const clients = {
  costExplorer,
  cloudWatch: new CloudWatchClient({ region: 'eu-central-1' }),
  securityHub: new SecurityHubClient({ region: 'eu-central-1' }),
  guardDuty: new GuardDutyClient({ region: 'eu-central-1' }),
  backup: new BackupClient({ region: 'eu-central-1' }),
  cloudTrail: new CloudTrailClient({ region: 'eu-central-1' }),
};
const ce = mockClient(costExplorer);
const cw = mockClient(clients.cloudWatch);
const hub = mockClient(clients.securityHub);
const guardDuty = mockClient(clients.guardDuty);
const backup = mockClient(clients.backup);
const trail = mockClient(clients.cloudTrail);

const context: ReportReadContext = {
  month: '2026-11',
  today: '2026-12-02',
  budgets: config.finops.budgets,
  accounts: config.accounts.map((a) => ({ name: a.name, id: a.id })),
  stackPrefix: 'Example-',
  vaultName: VAULT,
  maxCostExplorerRequests: 25,
  retry: { sleep: async () => undefined },
};

const dates = <T extends Record<string, unknown>>(item: T, ...fields: string[]): T =>
  Object.fromEntries(Object.entries(item).map(([k, v]) => [k, fields.includes(k) && typeof v === 'string' ? new Date(v) : v])) as T;

/** AWS Backup's daily job metrics as CloudWatch would answer them for the recorded jobs. */
function dailyJobSums(file: string, key: string, state: string, id: string): MetricDataResult {
  const jobs = recorded<Record<string, Array<{ State: string; CreationDate: string }>>>(file)[key];
  const byDay = new Map<string, number>();
  for (const job of jobs.filter((j) => j.State === state)) {
    const day = job.CreationDate.slice(0, 10);
    byDay.set(day, (byDay.get(day) ?? 0) + 1);
  }
  return {
    Id: id,
    StatusCode: 'Complete',
    Timestamps: [...byDay.keys()].map((d) => new Date(`${d}T00:00:00Z`)),
    Values: [...byDay.values()],
  };
}

function metricResults(): MetricDataResult[] {
  const results: MetricDataResult[] = [];
  for (const [file, day] of [
    ['waste-this-month.json', '2026-11-30'],
    ['waste-previous-month.json', '2026-10-31'],
  ] as const) {
    for (const [type, entry] of Object.entries(recorded<Record<string, { count: number; usd: number }>>(file))) {
      const at = [new Date(`${day}T06:00:00Z`)];
      results.push({ Id: `idle_${type.toLowerCase()}`, Timestamps: at, Values: [entry.count], StatusCode: 'Complete' });
      results.push({ Id: `usd_${type.toLowerCase()}`, Timestamps: at, Values: [entry.usd], StatusCode: 'Complete' });
    }
  }
  const open = recorded<Array<{ month: string; critical: number; high: number }>>('open-findings-by-month.json');
  const monthEnd = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0, 5));
  results.push({
    Id: 'open_critical',
    Timestamps: open.map((o) => monthEnd(o.month)),
    Values: open.map((o) => o.critical),
    StatusCode: 'Complete',
  });
  results.push({
    Id: 'open_high',
    Timestamps: open.map((o) => monthEnd(o.month)),
    Values: open.map((o) => o.high),
    StatusCode: 'Complete',
  });
  results.push(dailyJobSums('backup-jobs.json', 'BackupJobs', 'COMPLETED', 'backup_backupcompleted'));
  results.push(dailyJobSums('backup-jobs.json', 'BackupJobs', 'FAILED', 'backup_backupfailed'));
  results.push(dailyJobSums('copy-jobs.json', 'CopyJobs', 'COMPLETED', 'backup_copycompleted'));
  results.push(dailyJobSums('copy-jobs.json', 'CopyJobs', 'FAILED', 'backup_copyfailed'));
  // Two pages, as CloudWatch splits large answers.
  return results;
}

function answerWithRecordings(): void {
  const actuals = recorded<Record<string, number>>('budget-actuals.json');
  ce.on(GetCostAndUsageCommand).callsFake((input) => {
    if (input.GroupBy) return recorded('cost-by-service.json');
    const budget = config.finops.budgets.find((b) => {
      const scope = b.scope;
      if (scope.type === 'total') return input.Filter === undefined;
      if (scope.type === 'service') return input.Filter?.Dimensions?.Values?.[0] === scope.service;
      if (scope.type === 'tag') return input.Filter?.Tags?.Values?.[0] === scope.value;
      return false;
    })!;
    return {
      ResultsByTime: [
        {
          TimePeriod: input.TimePeriod,
          Total: { [budget.costMetric]: { Amount: String(actuals[budget.name]), Unit: 'USD' } },
          Estimated: false,
        },
      ],
    };
  });
  ce.on(GetCostForecastCommand).resolves(recorded('forecast-next-month.json'));
  const results = metricResults();
  const half = Math.ceil(results.length / 2);
  cw.on(GetMetricDataCommand).callsFake((input) =>
    input.NextToken ? { MetricDataResults: results.slice(half) } : { MetricDataResults: results.slice(0, half), NextToken: 'page-2' },
  );
  const history = recorded<{ AlarmHistoryItems: Array<Record<string, string>> }>('alarm-history.json').AlarmHistoryItems;
  cw.on(DescribeAlarmHistoryCommand).resolves({
    AlarmHistoryItems: [
      ...history.map((item) => dates(item, 'Timestamp')),
      // Not a CIS alarm: not counted.
      {
        AlarmName: 'Example-Production-FinOps-Budget-total-Actual-80pct',
        Timestamp: new Date('2026-11-20T07:00:00Z'),
        HistoryItemType: 'StateUpdate',
        HistorySummary: 'Alarm updated from OK to ALARM',
      },
    ],
  });
  hub.on(GetFindingsCommand).resolves(recorded('findings.json'));
  backup.on(ListRestoreJobsCommand).resolves({
    RestoreJobs: recorded<{ RestoreJobs: Array<Record<string, string>> }>('restore-jobs.json').RestoreJobs.map((job) =>
      dates(job, 'CreationDate', 'CompletionDate'),
    ),
  });
  backup
    .on(ListBackupVaultsCommand)
    .resolves({ BackupVaultList: [{ BackupVaultName: 'aws/efs/automatic-backup-vault' }, { BackupVaultName: VAULT }] });
  backup.on(ListRecoveryPointsByBackupVaultCommand).resolves({
    RecoveryPoints: recorded<{ RecoveryPoints: Array<Record<string, string>> }>('recovery-points.json').RecoveryPoints.map((p) =>
      dates(p, 'CreationDate'),
    ),
  });
  trail.on(LookupEventsCommand).resolves({
    Events: recorded<{ Events: Array<Record<string, string>> }>('trail-events.json').Events.map((e) => dates(e, 'EventTime')),
  });
}

beforeEach(() => {
  for (const mock of [ce, cw, hub, guardDuty, backup, trail]) mock.reset();
  answerWithRecordings();
});

const reportContext = { month: '2026-11', budgets: config.finops.budgets, stackPrefix: 'Example-' };

describe('the live reads of a month', () => {
  test('give the same report as the recorded answers, figure by figure', async () => {
    const read = await readReportInputs(clients, context);
    const live = buildMonthlyReport(read.inputs, reportContext);
    const offline = buildMonthlyReport(loadRecordedInputs(RECORDED), reportContext);
    expect(live).toEqual(offline);
    // The page is not empty: the comparison compares real figures.
    expect(live.spend.totalUsd).toBeGreaterThan(0);
    expect(live.resilience.backupJobsCompleted).toBeGreaterThan(0);
    expect(live.security.cisAlarmsFired.length).toBeGreaterThan(0);
    expect(read.truncated).toEqual([]);
    expect(read.securityHubOff).toEqual([]);
  });

  test('count every Cost Explorer request: services, one per budget, the forecast', async () => {
    const read = await readReportInputs(clients, context);
    expect(read.costExplorerRequests).toBe(2 + config.finops.budgets.length);
    expect(ce.commandCalls(GetCostAndUsageCommand)).toHaveLength(1 + config.finops.budgets.length);
    expect(ce.commandCalls(GetCostForecastCommand)[0].args[0].input).toEqual({
      TimePeriod: { Start: '2026-12-02', End: '2027-01-01' },
      Granularity: 'MONTHLY',
      Metric: 'UNBLENDED_COST',
    });
  });

  test('the forecast of next month adds its cost so far to the forecast of its rest', async () => {
    const services = recorded<{ ResultsByTime: unknown[] }>('cost-by-service.json');
    ce.on(GetCostAndUsageCommand, { GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }] }).resolves({
      ResultsByTime: [
        ...(services.ResultsByTime as never[]),
        {
          TimePeriod: { Start: '2026-12-01', End: '2026-12-02' },
          Groups: [{ Keys: ['Amazon Simple Storage Service'], Metrics: { UnblendedCost: { Amount: '10.5', Unit: 'USD' } } }],
          Estimated: true,
        },
      ] as never,
    });
    const read = await readReportInputs(clients, context);
    expect(Number(read.inputs.forecastNextMonth.Total?.Amount)).toBeCloseTo(512.3456789 + 10.5, 6);
  });

  test('stop before the first request when the cap cannot hold the report, naming the setting', async () => {
    await expect(readReportInputs(clients, { ...context, maxCostExplorerRequests: 4 })).rejects.toThrow(RequestCapError);
    await expect(readReportInputs(clients, { ...context, maxCostExplorerRequests: 4 })).rejects.toThrow(/report\.maxCostExplorerRequests/);
    expect(ce.calls()).toHaveLength(0);
  });

  test('stop a list at its page cap and say so', async () => {
    hub.on(GetFindingsCommand).resolves({ Findings: [], NextToken: 'more' });
    const read = await readReportInputs(clients, context);
    expect(hub.commandCalls(GetFindingsCommand)).toHaveLength(MAX_PAGES.activeFindings + MAX_PAGES.newFindings);
    expect(read.truncated).toEqual(['this account: GetFindings active', 'this account: GetFindings new']);
  });

  const notSubscribed = () => Object.assign(new Error('Account is not subscribed to AWS Security Hub'), { name: 'InvalidAccessException' });

  test('an account without Security Hub or GuardDuty has no findings, not a failed report', async () => {
    hub.on(GetFindingsCommand).rejects(notSubscribed());
    guardDuty.on(ListDetectorsCommand).resolves({ DetectorIds: [] });
    const read = await readReportInputs(clients, context);
    expect(read.securityHubOff).toEqual(['this account']);
    expect(read.inputs.findings).toEqual([]);
    expect(guardDuty.commandCalls(ListFindingsCommand)).toHaveLength(0);
  });

  test("without Security Hub, GuardDuty's own high and critical findings are the report's", async () => {
    hub.on(GetFindingsCommand).rejects(notSubscribed());
    // GuardDuty GetFindings answers (API reference, Finding): severity scores, archived in Service.
    const finding = (id: string, severity: number, createdAt: string, archived: boolean): GuardDutyFinding => ({
      AccountId: '111111111111',
      Arn: `arn:aws:guardduty:eu-central-1:111111111111:detector/12abc34d567e8fa901bc2d34e56789f0/finding/${id}`,
      CreatedAt: createdAt,
      Id: id,
      Region: 'eu-central-1',
      Resource: { ResourceType: 'Instance' },
      SchemaVersion: '2.0',
      Service: { Archived: archived, Count: 3, DetectorId: '12abc34d567e8fa901bc2d34e56789f0', ServiceName: 'guardduty' },
      Severity: severity,
      Title: '198.51.100.7 is performing SSH brute force attacks against i-99999999.',
      Type: 'UnauthorizedAccess:EC2/SSHBruteForce',
      UpdatedAt: '2026-11-20T10:00:00.000Z',
    });
    guardDuty.on(ListDetectorsCommand).resolves({ DetectorIds: ['12abc34d567e8fa901bc2d34e56789f0'] });
    guardDuty.on(ListFindingsCommand).callsFake((input) => ({
      FindingIds: input.FindingCriteria?.Criterion?.['service.archived'] ? ['old-open', 'new-open'] : ['new-open', 'new-archived'],
    }));
    guardDuty.on(GetGuardDutyFindingsCommand).callsFake((input) => ({
      Findings: [
        finding('old-open', 8, '2026-09-01T00:00:00.000Z', false),
        finding('new-open', 9.2, '2026-11-12T03:14:00.000Z', false),
        finding('new-archived', 7.5, '2026-11-15T03:14:00.000Z', true),
      ].filter((f) => input.FindingIds?.includes(f.Id!)),
    }));
    const read = await readReportInputs(clients, context);
    expect(guardDuty.commandCalls(ListFindingsCommand).map((call) => call.args[0].input.FindingCriteria?.Criterion)).toEqual([
      { severity: { GreaterThanOrEqual: 7 }, 'service.archived': { Equals: ['false'] } },
      { severity: { GreaterThanOrEqual: 7 }, updatedAt: { GreaterThanOrEqual: Date.parse('2026-11-01T00:00:00Z') } },
    ]);
    // One GetFindings for the three distinct ids.
    expect(guardDuty.commandCalls(GetGuardDutyFindingsCommand)).toHaveLength(1);
    const report = buildMonthlyReport(read.inputs, reportContext);
    expect(report.security.openCritical).toBe(1);
    expect(report.security.openHigh).toBe(1);
    expect(report.security.newBySource).toEqual({ GuardDuty: 2 });
    // The September finding, still open at the month end, is older than 30 days.
    expect(report.decisions).toContainEqual({ kind: 'stale-findings', count: 1, days: 30 });
  });

  test('any other refused read fails the report', async () => {
    trail.on(LookupEventsCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));
    await expect(readReportInputs(clients, context)).rejects.toThrow('not authorized');
  });

  test('without a vault: no backup metrics, no vault reads', async () => {
    const read = await readReportInputs(clients, { ...context, vaultName: undefined });
    const queries = cw.commandCalls(GetMetricDataCommand)[0].args[0].input.MetricDataQueries ?? [];
    expect(queries.some((q) => q.MetricStat?.Metric?.Namespace === 'AWS/Backup')).toBe(false);
    expect(backup.commandCalls(ListBackupVaultsCommand)).toHaveLength(0);
    expect(read.inputs.backupJobCounts).toBeUndefined();
    expect(read.inputs.recoveryPoints).toEqual([]);
  });

  test('a vault that is not deployed yet has no recovery points to read', async () => {
    backup.on(ListBackupVaultsCommand).resolves({ BackupVaultList: [] });
    const read = await readReportInputs(clients, context);
    expect(backup.commandCalls(ListRecoveryPointsByBackupVaultCommand)).toHaveLength(0);
    expect(read.inputs.recoveryPoints).toEqual([]);
  });

  test('a brand-new account: no costs yet, nothing to list', async () => {
    for (const mock of [ce, cw, hub, guardDuty, backup, trail]) mock.reset();
    ce.on(GetCostAndUsageCommand).rejects(Object.assign(new Error('Data is not available'), { name: 'DataUnavailableException' }));
    ce.on(GetCostForecastCommand).rejects(
      Object.assign(new Error('Insufficient amount of historical data'), { name: 'DataUnavailableException' }),
    );
    cw.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    cw.on(DescribeAlarmHistoryCommand).resolves({});
    hub.on(GetFindingsCommand).resolves({ Findings: [] });
    backup.on(ListRestoreJobsCommand).resolves({});
    backup.on(ListBackupVaultsCommand).resolves({});
    trail.on(LookupEventsCommand).resolves({});
    const read = await readReportInputs(clients, context);
    const report = buildMonthlyReport(read.inputs, reportContext);
    expect(report.spend.totalUsd).toBe(0);
    expect(report.spend.forecastNextMonthUsd).toBeUndefined();
    expect(report.decisions).toEqual([]);
  });
});
