import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadClientConfig } from '../../../../lib/core/config/load';
import { buildMonthlyReport, previousMonth } from '../../../../lib/core/report/model';
import { loadRecordedInputs } from '../../../../lib/core/report/recordings';
import { reportTexts } from '../../../../lib/core/report/texts';

const usd = (amount: number) => `USD ${amount.toFixed(2)}`;
const en = (decision: Parameters<ReturnType<typeof reportTexts>['decision']>[0]) => reportTexts('en').decision(decision, usd).finding;
import { ROOT } from '../../../helpers';

/**
 * Every figure of the monthly report against the recorded API answers of the example client
 * (recordings/example/2026-11), recomputed here from the raw JSON, and the report of a brand-new
 * account (no answers at all).
 */
const DIR = path.join(ROOT, 'recordings', 'example', '2026-11');
const raw = (file: string) => JSON.parse(fs.readFileSync(path.join(DIR, file), 'utf8'));
const config = loadClientConfig('example');
const context = { month: '2026-11', budgets: config.finops.budgets, stackPrefix: 'Example-' };
const report = buildMonthlyReport(loadRecordedInputs(DIR), context);
const round2 = (n: number) => Math.round(n * 100) / 100;

/** The raw per-service amounts of one month. */
function servicesOf(month: string): Map<string, number> {
  const result = raw('cost-by-service.json').ResultsByTime.find((r: any) => r.TimePeriod.Start.startsWith(month));
  return new Map((result?.Groups ?? []).map((g: any) => [g.Keys[0], Number(g.Metrics.UnblendedCost.Amount)]));
}

describe('the monthly report of the example client, November 2026', () => {
  const november = servicesOf('2026-11');
  const october = servicesOf('2026-10');
  const total = [...november.values()].reduce((a, b) => a + b, 0);
  const before = [...october.values()].reduce((a, b) => a + b, 0);

  test('spend: the total, month over month, and the 12-month trend', () => {
    expect(report.spend.totalUsd).toBe(round2(total));
    expect(report.spend.previousMonthUsd).toBe(round2(before));
    expect(report.spend.changeUsd).toBe(round2(round2(total) - round2(before)));
    expect(report.spend.changePercent).toBe(Math.round(((round2(total) - round2(before)) / round2(before)) * 1000) / 10);
    expect(report.spend.trend.map((t) => t.month)).toEqual([
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
    for (const point of report.spend.trend) {
      expect(point.usd).toBe(round2([...servicesOf(point.month).values()].reduce((a, b) => a + b, 0)));
    }
  });

  test('spend: the five largest cost drivers and the biggest changes', () => {
    const largest = [...november].sort((a, b) => b[1] - a[1]).slice(0, 5);
    expect(report.spend.topDrivers.map((d) => [d.service, d.usd])).toEqual(largest.map(([s, usd]) => [s, round2(usd)]));
    expect(report.spend.biggestChanges[0].service).toBe('Amazon Relational Database Service');
    const rds = report.spend.biggestChanges[0];
    expect(rds.changeUsd).toBe(round2(round2(november.get(rds.service)!) - round2(october.get(rds.service)!)));
  });

  test('spend: each budget against its actual, and the forecast', () => {
    const actuals = raw('budget-actuals.json');
    expect(report.spend.budgets).toEqual(
      config.finops.budgets.map((b) => ({
        name: b.name,
        limitUsd: b.monthlyLimitUsd,
        actualUsd: round2(actuals[b.name]),
        usedPercent: Math.round((actuals[b.name] / b.monthlyLimitUsd) * 1000) / 10,
      })),
    );
    expect(report.spend.forecastNextMonthUsd).toBe(round2(Number(raw('forecast-next-month.json').Total.Amount)));
  });

  test('savings: the waste by type and its change', () => {
    const now = raw('waste-this-month.json');
    expect(report.savings.wasteUsd).toBe(round2(Object.values<any>(now).reduce((a, e) => a + e.usd, 0)));
    expect(report.savings.previousWasteUsd).toBe(46.37);
    expect(report.savings.byType).toEqual([
      { type: 'EC2Instance', count: 1, usd: 30.37 },
      { type: 'EBSVolume', count: 3, usd: 24 },
      { type: 'LoadBalancer', count: 1, usd: 18.4 },
    ]);
  });

  test('security: open findings at month end, new ones by source, passed controls, CIS alarms', () => {
    expect(report.security.openCritical).toBe(1);
    expect(report.security.openHigh).toBe(2);
    expect(report.security.newBySource).toEqual({ GuardDuty: 2, 'Security Hub': 1 });
    // 45 passed of 48 control findings.
    expect(report.security.passedControlsPercent).toBe(93.8);
    expect(report.security.cisAlarmsFired).toEqual([
      { alarm: 'Example-Production-Security-CIS-4.3-RootAccountUsage', times: 1 },
      { alarm: 'Example-Production-Security-CIS-4.2-ConsoleSigninWithoutMFA', times: 1 },
    ]);
    expect(report.security.openTrend).toEqual(raw('open-findings-by-month.json'));
  });

  test('resilience: jobs, the last restore test and recovery points past their retention', () => {
    expect(report.resilience).toEqual({
      backupJobsCompleted: 89,
      backupJobsFailed: 1,
      copyJobsCompleted: 0,
      copyJobsFailed: 0,
      lastRestoreTest: { date: '2026-11-02', status: 'FAILED', resourceType: 'DynamoDB' },
      recoveryPointsPastRetention: 1,
    });
  });

  test('changes: the landing zone deployments only, and the other write events', () => {
    expect(report.changes.deployments).toEqual([
      { time: '2026-11-09T14:03:00.000Z', stack: 'Example-Production-Security', by: 'LandingZone-Deployer', action: 'UpdateStack' },
      { time: '2026-11-09T14:20:00.000Z', stack: 'Example-Production-Network', by: 'LandingZone-Deployer', action: 'CreateStack' },
    ]);
    expect(report.changes.configurationChanges).toBe(2);
  });

  test('decisions: the failed restore test first, then the forecast over the total budget, the waste and the stale findings', () => {
    expect(report.decisions.map((d) => d.kind)).toEqual(['restore-test-failed', 'forecast-over-budget', 'waste', 'stale-findings']);
    expect(en(report.decisions[0])).toBe('The last restore test (2026-11-02, DynamoDB) ended FAILED.');
    expect(en(report.decisions[1])).toBe('Next month is forecast at USD 512.35, over the budget "total" of USD 500.00.');
    expect(en(report.decisions[2])).toBe(`Idle resources waste an estimated USD ${report.savings.wasteUsd.toFixed(2)} a month.`);
    expect(en(report.decisions[3])).toBe('1 critical or high finding(s) have been open for more than 30 days.');
  });

  test('decisions: a budget over its limit, and no waste decision under the threshold', () => {
    const inputs = loadRecordedInputs(DIR);
    const over = buildMonthlyReport(
      { ...inputs, budgetActuals: { ...inputs.budgetActuals, compute: 230 } },
      { ...context, wasteDecisionUsd: 100 },
    );
    expect(over.decisions.map((d) => d.kind)).toEqual(['restore-test-failed', 'budget-over', 'forecast-over-budget', 'stale-findings']);
    expect(en(over.decisions[1])).toBe('Budget "compute": USD 230.00 spent, 115 % of its USD 200.00.');
  });
});

describe('a brand-new account (no answers yet)', () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'report-empty-'));
  const fresh = buildMonthlyReport(loadRecordedInputs(empty), context);

  test('gives zeros, no change percentage, no restore test, and no decisions, instead of failing', () => {
    expect(fresh.spend).toMatchObject({
      totalUsd: 0,
      previousMonthUsd: 0,
      changePercent: undefined,
      forecastNextMonthUsd: undefined,
      topDrivers: [],
    });
    expect(fresh.spend.trend).toHaveLength(12);
    expect(fresh.security).toMatchObject({ openCritical: 0, openHigh: 0, passedControlsPercent: undefined });
    expect(fresh.resilience.lastRestoreTest).toBeUndefined();
    expect(fresh.decisions).toEqual([]);
  });

  test('every decision has English and German words, the figures in both', () => {
    const inputs = loadRecordedInputs(DIR);
    const all = buildMonthlyReport({ ...inputs, budgetActuals: { ...inputs.budgetActuals, compute: 230 } }, context).decisions;
    expect(all).toHaveLength(5);
    for (const decision of all) {
      for (const language of ['en', 'de'] as const) {
        const words = reportTexts(language).decision(decision, usd);
        expect(words.finding.length).toBeGreaterThan(20);
        expect(words.action.length).toBeGreaterThan(20);
      }
    }
    expect(reportTexts('de').decision(all[1], usd).finding).toBe('Budget „compute“: USD 230.00 ausgegeben, 115 % von USD 200.00.');
  });

  test('previousMonth crosses the year', () => {
    expect(previousMonth('2026-01')).toBe('2025-12');
  });
});
