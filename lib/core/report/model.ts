import type { BudgetConfig } from '../config/finops-schema';
import type { ReportFinding, ReportInputs, WasteByType } from './inputs';

/**
 * The figures of a client's monthly management report, computed from what the AWS APIs answered
 * ({@link ReportInputs}). Pure: the renderer, the report Lambda and `npm run report` all use it,
 * and the tests check every figure against the recorded answers.
 */

/** `2026-11`. */
export type IsoMonth = string;

/** What the report is about. */
export interface ReportContext {
  readonly month: IsoMonth;
  /** The client's budgets (the `finops.budgets` of its file). */
  readonly budgets: readonly BudgetConfig[];
  /** The landing zone's stack names start with it (`<Client>-`), to tell its deployments apart. */
  readonly stackPrefix: string;
  /** Waste above this many USD a month becomes a decision. @default 50 */
  readonly wasteDecisionUsd?: number;
  /** Open findings older than this many days become a decision. @default 30 */
  readonly staleFindingDays?: number;
}

export interface ServiceCost {
  readonly service: string;
  readonly usd: number;
  readonly previousUsd: number;
  readonly changeUsd: number;
}

export interface BudgetUse {
  readonly name: string;
  readonly limitUsd: number;
  readonly actualUsd?: number;
  /** Actual in % of the limit, undefined when the scope's actual was not read. */
  readonly usedPercent?: number;
}

/** A decision the figures call for; its words (what was found, what to do) come from `reportTexts`. */
export type Decision =
  | { readonly kind: 'restore-test-failed'; readonly date: string; readonly status: string; readonly resourceType?: string }
  | {
      readonly kind: 'budget-over';
      readonly budget: string;
      readonly actualUsd: number;
      readonly usedPercent: number;
      readonly limitUsd: number;
    }
  | { readonly kind: 'forecast-over-budget'; readonly budget: string; readonly forecastUsd: number; readonly limitUsd: number }
  | { readonly kind: 'waste'; readonly wasteUsd: number }
  | { readonly kind: 'stale-findings'; readonly count: number; readonly days: number };

export interface MonthlyReport {
  readonly month: IsoMonth;
  readonly spend: {
    readonly totalUsd: number;
    readonly previousMonthUsd: number;
    readonly changeUsd: number;
    /** Undefined when the previous month cost nothing (a new account). */
    readonly changePercent?: number;
    /** The report month and the 11 before it, oldest first (months without data: 0). */
    readonly trend: ReadonlyArray<{ readonly month: IsoMonth; readonly usd: number }>;
    readonly topDrivers: readonly ServiceCost[];
    readonly biggestChanges: readonly ServiceCost[];
    readonly forecastNextMonthUsd?: number;
    readonly budgets: readonly BudgetUse[];
  };
  readonly savings: {
    readonly wasteUsd: number;
    readonly previousWasteUsd: number;
    readonly byType: ReadonlyArray<{ readonly type: string; readonly count: number; readonly usd: number }>;
  };
  readonly security: {
    readonly openCritical: number;
    readonly openHigh: number;
    readonly newBySource: Readonly<Record<string, number>>;
    /** Share of passed Security Hub control checks in %, undefined without control findings. */
    readonly passedControlsPercent?: number;
    readonly openTrend: ReadonlyArray<{ readonly month: string; readonly critical: number; readonly high: number }>;
    readonly cisAlarmsFired: ReadonlyArray<{ readonly alarm: string; readonly times: number }>;
  };
  readonly resilience: {
    readonly backupJobsCompleted: number;
    readonly backupJobsFailed: number;
    readonly copyJobsCompleted: number;
    readonly copyJobsFailed: number;
    readonly lastRestoreTest?: { readonly date: string; readonly status: string; readonly resourceType?: string };
    readonly recoveryPointsPastRetention: number;
  };
  readonly changes: {
    readonly deployments: ReadonlyArray<{ readonly time: string; readonly stack: string; readonly by?: string; readonly action: string }>;
    readonly configurationChanges: number;
  };
  readonly decisions: readonly Decision[];
}

const round2 = (usd: number) => Math.round(usd * 100) / 100;

/** The month before `month`. */
export function previousMonth(month: IsoMonth): IsoMonth {
  const [year, m] = month.split('-').map(Number);
  return m === 1 ? `${year - 1}-12` : `${year}-${String(m - 1).padStart(2, '0')}`;
}

/** The first instant after the month (UTC). */
function monthEnd(month: IsoMonth): Date {
  const [year, m] = month.split('-').map(Number);
  return new Date(Date.UTC(year, m, 1));
}

const inMonth = (iso: string, month: IsoMonth) => iso.slice(0, 7) === month;

/** Cost per service of one month of the Cost Explorer answer. */
function servicesOf(inputs: ReportInputs, month: IsoMonth): Map<string, number> {
  const result = inputs.costByService.ResultsByTime.find((r) => r.TimePeriod.Start.slice(0, 7) === month);
  const services = new Map<string, number>();
  for (const group of result?.Groups ?? []) {
    const amount = Object.values(group.Metrics)[0];
    services.set(group.Keys[0], (services.get(group.Keys[0]) ?? 0) + Number(amount?.Amount ?? 0));
  }
  return services;
}

const sum = (values: Iterable<number>) => [...values].reduce((total, value) => total + value, 0);

function wasteTotal(waste: WasteByType): number {
  return sum(Object.values(waste).map((entry) => entry.usd));
}

/** Whether a finding is open (active, not resolved or suppressed). */
function isOpen(finding: ReportFinding): boolean {
  return finding.RecordState !== 'ARCHIVED' && ['NEW', 'NOTIFIED', undefined].includes(finding.Workflow?.Status);
}

export function buildMonthlyReport(inputs: ReportInputs, context: ReportContext): MonthlyReport {
  const month = context.month;
  const before = previousMonth(month);
  const end = monthEnd(month);

  // Spend.
  const services = servicesOf(inputs, month);
  const previous = servicesOf(inputs, before);
  const totalUsd = round2(sum(services.values()));
  const previousMonthUsd = round2(sum(previous.values()));
  const all = [...new Set([...services.keys(), ...previous.keys()])].map((service) => {
    const usd = round2(services.get(service) ?? 0);
    const previousUsd = round2(previous.get(service) ?? 0);
    return { service, usd, previousUsd, changeUsd: round2(usd - previousUsd) };
  });
  const trend: Array<{ month: IsoMonth; usd: number }> = [];
  for (let m = month, i = 0; i < 12; i++, m = previousMonth(m))
    trend.unshift({ month: m, usd: round2(sum(servicesOf(inputs, m).values())) });
  const forecast = inputs.forecastNextMonth.Total ? round2(Number(inputs.forecastNextMonth.Total.Amount)) : undefined;
  const budgets = context.budgets.map((budget) => {
    const actual = inputs.budgetActuals[budget.name];
    return {
      name: budget.name,
      limitUsd: budget.monthlyLimitUsd,
      actualUsd: actual === undefined ? undefined : round2(actual),
      usedPercent: actual === undefined ? undefined : Math.round((actual / budget.monthlyLimitUsd) * 1000) / 10,
    };
  });

  // Savings.
  const byType = Object.entries(inputs.wasteThisMonth)
    .map(([type, entry]) => ({ type, count: entry.count, usd: round2(entry.usd) }))
    .filter((entry) => entry.count > 0)
    .sort((a, b) => b.usd - a.usd);

  // Security: open at the month's end, new in the month.
  const existing = inputs.findings.filter((finding) => new Date(finding.CreatedAt) < end);
  const open = existing.filter(isOpen);
  const severityOf = (finding: ReportFinding) => finding.Severity?.Label;
  const newBySource: Record<string, number> = {};
  for (const finding of existing.filter((f) => inMonth(f.CreatedAt, month) && ['CRITICAL', 'HIGH'].includes(severityOf(f) ?? ''))) {
    const source = finding.ProductName ?? 'Other';
    newBySource[source] = (newBySource[source] ?? 0) + 1;
  }
  const controls = existing.filter(
    (f) => f.ProductName === 'Security Hub' && f.GeneratorId?.startsWith('security-control/') && f.Compliance?.Status,
  );
  const passed = controls.filter((f) => f.Compliance?.Status === 'PASSED').length;
  const cis = new Map<string, number>();
  for (const item of inputs.alarmHistory.filter((h) => inMonth(h.Timestamp, month) && /to ALARM$/.test(h.HistorySummary))) {
    cis.set(item.AlarmName, (cis.get(item.AlarmName) ?? 0) + 1);
  }

  // Resilience.
  const jobsOf = (jobs: ReportInputs['backupJobs'], state: string) =>
    jobs.filter((j) => inMonth(j.CreationDate, month) && j.State === state).length;
  const restoreTests = inputs.restoreJobs
    .filter((job) => job.CreatedBy?.RestoreTestingPlanArn && new Date(job.CreationDate) < end)
    .sort((a, b) => (b.CompletionDate ?? b.CreationDate).localeCompare(a.CompletionDate ?? a.CreationDate));
  const lastRestore = restoreTests[0];
  const pastRetention = inputs.recoveryPoints.filter((point) => {
    const days = point.Lifecycle?.DeleteAfterDays;
    return days !== undefined && new Date(point.CreationDate).getTime() + days * 86_400_000 < end.getTime();
  }).length;

  // Changes.
  const deployments = inputs.trailEvents
    .filter((e) => inMonth(e.EventTime, month) && e.EventSource === 'cloudformation.amazonaws.com')
    .flatMap((e) =>
      (e.Resources ?? [])
        .filter((r) => r.ResourceType === 'AWS::CloudFormation::Stack' && (r.ResourceName ?? '').includes(context.stackPrefix))
        .map((r) => ({
          time: e.EventTime,
          stack: (r.ResourceName ?? '').split('/').slice(-2)[0] || (r.ResourceName ?? ''),
          by: e.Username,
          action: e.EventName,
        })),
    )
    .sort((a, b) => a.time.localeCompare(b.time));
  const configurationChanges = inputs.trailEvents.filter(
    (e) => inMonth(e.EventTime, month) && e.EventSource !== 'cloudformation.amazonaws.com',
  ).length;

  const report: Omit<MonthlyReport, 'decisions'> = {
    month,
    spend: {
      totalUsd,
      previousMonthUsd,
      changeUsd: round2(totalUsd - previousMonthUsd),
      changePercent: previousMonthUsd > 0 ? Math.round(((totalUsd - previousMonthUsd) / previousMonthUsd) * 1000) / 10 : undefined,
      trend,
      topDrivers: [...all].sort((a, b) => b.usd - a.usd).slice(0, 5),
      biggestChanges: [...all]
        .sort((a, b) => Math.abs(b.changeUsd) - Math.abs(a.changeUsd))
        .filter((s) => s.changeUsd !== 0)
        .slice(0, 3),
      forecastNextMonthUsd: forecast,
      budgets,
    },
    savings: {
      wasteUsd: round2(wasteTotal(inputs.wasteThisMonth)),
      previousWasteUsd: round2(wasteTotal(inputs.wastePreviousMonth)),
      byType,
    },
    security: {
      openCritical: open.filter((f) => severityOf(f) === 'CRITICAL').length,
      openHigh: open.filter((f) => severityOf(f) === 'HIGH').length,
      newBySource,
      passedControlsPercent: controls.length > 0 ? Math.round((passed / controls.length) * 1000) / 10 : undefined,
      // The counter's month-end figures; a trend that stops before the report month (the count of
      // its last day was missed) ends with the month's count from the findings themselves.
      openTrend:
        inputs.openFindingsByMonth.length > 0 && !inputs.openFindingsByMonth.some((entry) => entry.month === month)
          ? [
              ...inputs.openFindingsByMonth,
              {
                month,
                critical: open.filter((f) => severityOf(f) === 'CRITICAL').length,
                high: open.filter((f) => severityOf(f) === 'HIGH').length,
              },
            ]
          : inputs.openFindingsByMonth,
      cisAlarmsFired: [...cis].map(([alarm, times]) => ({ alarm, times })).sort((a, b) => b.times - a.times),
    },
    resilience: {
      backupJobsCompleted: inputs.backupJobCounts?.backupCompleted ?? jobsOf(inputs.backupJobs, 'COMPLETED'),
      backupJobsFailed: inputs.backupJobCounts?.backupFailed ?? jobsOf(inputs.backupJobs, 'FAILED'),
      copyJobsCompleted: inputs.backupJobCounts?.copyCompleted ?? jobsOf(inputs.copyJobs, 'COMPLETED'),
      copyJobsFailed: inputs.backupJobCounts?.copyFailed ?? jobsOf(inputs.copyJobs, 'FAILED'),
      lastRestoreTest: lastRestore
        ? {
            date: (lastRestore.CompletionDate ?? lastRestore.CreationDate).slice(0, 10),
            status: lastRestore.Status,
            resourceType: lastRestore.ResourceType,
          }
        : undefined,
      recoveryPointsPastRetention: pastRetention,
    },
    changes: { deployments, configurationChanges },
  };
  return { ...report, decisions: decisionsFor(report, open, context, end) };
}

/** The decisions the figures call for, each with the recommended action, most urgent first. */
function decisionsFor(
  report: Omit<MonthlyReport, 'decisions'>,
  open: readonly ReportFinding[],
  context: ReportContext,
  end: Date,
): Decision[] {
  const decisions: Decision[] = [];
  const restore = report.resilience.lastRestoreTest;
  if (restore && restore.status !== 'COMPLETED') {
    decisions.push({ kind: 'restore-test-failed', date: restore.date, status: restore.status, resourceType: restore.resourceType });
  }
  for (const budget of report.spend.budgets) {
    if (budget.usedPercent !== undefined && budget.usedPercent > 100) {
      decisions.push({
        kind: 'budget-over',
        budget: budget.name,
        actualUsd: budget.actualUsd ?? 0,
        usedPercent: budget.usedPercent,
        limitUsd: budget.limitUsd,
      });
    }
  }
  const total = context.budgets.find((b) => b.scope.type === 'total');
  const forecast = report.spend.forecastNextMonthUsd;
  if (total && forecast !== undefined && forecast > total.monthlyLimitUsd) {
    decisions.push({ kind: 'forecast-over-budget', budget: total.name, forecastUsd: forecast, limitUsd: total.monthlyLimitUsd });
  }
  if (report.savings.wasteUsd > (context.wasteDecisionUsd ?? 50)) decisions.push({ kind: 'waste', wasteUsd: report.savings.wasteUsd });
  const staleDays = context.staleFindingDays ?? 30;
  const stale = open.filter(
    (f) =>
      ['CRITICAL', 'HIGH'].includes(f.Severity?.Label ?? '') && end.getTime() - new Date(f.CreatedAt).getTime() > staleDays * 86_400_000,
  );
  if (stale.length > 0) decisions.push({ kind: 'stale-findings', count: stale.length, days: staleDays });
  return decisions;
}
