import type { BudgetConfig } from '../../../../lib/core/config/finops-schema';
import { WASTE_RESOURCE_TYPES } from '../../../../lib/core/finops/metrics';
import {
  BACKUP_JOB_METRICS,
  budgetActualRequest,
  costByServiceRequest,
  findingQueries,
  isCisAlarm,
  minimumCostExplorerRequests,
  monthEndFigures,
  monthEndMetricsRequest,
  monthRange,
  nextMonthForecastRequest,
  readWindows,
  reportMonthAt,
} from '../../../../lib/core/report/requests';

const budget = (name: string, scope: BudgetConfig['scope'], costMetric: BudgetConfig['costMetric'] = 'UnblendedCost') =>
  ({ name, monthlyLimitUsd: 100, scope, thresholds: [], costMetric }) as unknown as BudgetConfig;

const accounts = [
  { name: 'production', id: '111111111111' },
  { name: 'staging', id: '222222222222' },
];

describe('report months and Cost Explorer requests', () => {
  test('a run reports on the month before its local date, across the year end', () => {
    expect(reportMonthAt('2026-12-02')).toBe('2026-11');
    expect(reportMonthAt('2027-01-02')).toBe('2026-12');
    expect(monthRange('2026-12')).toEqual({ start: '2026-12-01', end: '2027-01-01' });
  });

  test('costs by service cover 12 months and, during the next month, its days so far', () => {
    expect(costByServiceRequest('2026-11', '2026-12-02')).toEqual({
      TimePeriod: { Start: '2025-12-01', End: '2026-12-02' },
      Granularity: 'MONTHLY',
      Metrics: ['UnblendedCost'],
      GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
    });
    // On the 1st nothing of the next month has been billed: the query ends with the report month
    // (Cost Explorer refuses an empty period).
    expect(costByServiceRequest('2026-11', '2026-12-01').TimePeriod.End).toBe('2026-12-01');
    // An older month: its own end.
    expect(costByServiceRequest('2026-06', '2026-12-02').TimePeriod).toEqual({ Start: '2025-07-01', End: '2026-07-01' });
  });

  test("each budget's actual is read in its own metric and scope", () => {
    expect(budgetActualRequest(budget('total', { type: 'total' }, 'AmortizedCost'), accounts, '2026-11')).toEqual({
      TimePeriod: { Start: '2026-11-01', End: '2026-12-01' },
      Granularity: 'MONTHLY',
      Metrics: ['AmortizedCost'],
    });
    expect(budgetActualRequest(budget('prod', { type: 'account', account: 'production' } as never), accounts, '2026-11').Filter).toEqual({
      Dimensions: { Key: 'LINKED_ACCOUNT', Values: ['111111111111'] },
    });
  });

  test('the forecast runs from today to the end of the next month, only while that month is the current one', () => {
    expect(nextMonthForecastRequest('2026-11', '2026-12-02')).toEqual({
      TimePeriod: { Start: '2026-12-02', End: '2027-01-01' },
      Granularity: 'MONTHLY',
      Metric: 'UNBLENDED_COST',
    });
    expect(nextMonthForecastRequest('2026-11', '2026-11-30')).toBeUndefined();
    expect(nextMonthForecastRequest('2026-10', '2026-12-02')).toBeUndefined();
  });

  test('the minimum request count is the services query, one per budget and the forecast', () => {
    const budgets = [budget('total', { type: 'total' }), budget('compute', { type: 'service', service: 'Amazon EC2' } as never)];
    expect(minimumCostExplorerRequests(budgets, '2026-11', '2026-12-02')).toBe(4);
    expect(minimumCostExplorerRequests(budgets, '2026-10', '2026-12-02')).toBe(3);
  });
});

describe('month-end figures from GetMetricData', () => {
  const request = monthEndMetricsRequest('2026-11', 'example-backup');

  test('one request: two waste queries per resource type, two open-findings queries, four backup queries', () => {
    expect(request.MetricDataQueries).toHaveLength(WASTE_RESOURCE_TYPES.length * 2 + 2 + 4);
    expect(new Set(request.MetricDataQueries.map((q) => q.Id)).size).toBe(request.MetricDataQueries.length);
    // GetMetricData ids must start with a lowercase letter and hold only letters, digits and _.
    for (const query of request.MetricDataQueries) expect(query.Id).toMatch(/^[a-z][a-zA-Z0-9_]*$/);
    const backup = request.MetricDataQueries.filter((q) => q.MetricStat.Metric.Namespace === 'AWS/Backup');
    expect(backup.map((q) => q.MetricStat.Metric.MetricName).sort()).toEqual(Object.values(BACKUP_JOB_METRICS).sort());
    for (const query of backup) {
      expect(query.MetricStat.Stat).toBe('Sum');
      expect(query.MetricStat.Metric.Dimensions).toEqual([{ Name: 'BackupVaultName', Value: 'example-backup' }]);
    }
    expect(request.StartTime.toISOString()).toBe('2026-06-01T00:00:00.000Z');
    expect(request.EndTime.toISOString()).toBe('2026-12-01T00:00:00.000Z');
    expect(monthEndMetricsRequest('2026-11').MetricDataQueries.some((q) => q.Id.startsWith('backup_'))).toBe(false);
  });

  const at = (iso: string) => new Date(iso);

  test("a month's waste and open findings are its last daily value; its job counts the sum of its days", () => {
    const figures = monthEndFigures(
      [
        {
          Id: 'idle_ebsvolume',
          Timestamps: [at('2026-10-31T06:00:00Z'), at('2026-11-29T06:00:00Z'), at('2026-11-30T06:00:00Z')],
          Values: [5, 4, 3],
        },
        { Id: 'usd_ebsvolume', Timestamps: [at('2026-10-31T06:00:00Z'), at('2026-11-30T06:00:00Z')], Values: [40, 24.004] },
        { Id: 'open_critical', Timestamps: [at('2026-09-30T00:00:00Z'), at('2026-11-30T00:00:00Z')], Values: [2, 1] },
        { Id: 'open_high', Timestamps: [at('2026-11-30T00:00:00Z')], Values: [3] },
        {
          Id: 'backup_backupcompleted',
          Timestamps: [at('2026-10-31T00:00:00Z'), at('2026-11-01T00:00:00Z'), at('2026-11-15T00:00:00Z')],
          Values: [9, 2, 3],
        },
        { Id: 'backup_backupfailed', Timestamps: [at('2026-11-02T00:00:00Z')], Values: [1] },
      ],
      '2026-11',
    );
    expect(figures.wasteThisMonth).toEqual({ EBSVolume: { count: 3, usd: 24 } });
    expect(figures.wastePreviousMonth).toEqual({ EBSVolume: { count: 5, usd: 40 } });
    expect(figures.openFindingsByMonth).toEqual([
      { month: '2026-09', critical: 2, high: 0 },
      { month: '2026-11', critical: 1, high: 3 },
    ]);
    expect(figures.backupJobCounts).toEqual({ backupCompleted: 5, backupFailed: 1, copyCompleted: 0, copyFailed: 0 });
  });

  test('no backup queries, no job counts; a failed query fails the figures rather than understating them', () => {
    expect(monthEndFigures([], '2026-11')).toEqual({ wasteThisMonth: {}, wastePreviousMonth: {}, openFindingsByMonth: [] });
    expect(() => monthEndFigures([{ Id: 'usd_natgateway', StatusCode: 'Forbidden' }], '2026-11')).toThrow(
      /GetMetricData could not answer usd_natgateway Forbidden/,
    );
  });
});

describe('reads of findings, alarms, backups and events', () => {
  test('findings: the active ones until the month end, and the high and critical ones created in the month', () => {
    const queries = findingQueries('2026-11');
    expect(queries.active.RecordState).toEqual([{ Value: 'ACTIVE', Comparison: 'EQUALS' }]);
    expect(queries.newInMonth.CreatedAt).toEqual([{ Start: '2026-11-01T00:00:00.000Z', End: '2026-12-01T00:00:00.000Z' }]);
    expect(queries.newInMonth.SeverityLabel).toEqual([
      { Value: 'CRITICAL', Comparison: 'EQUALS' },
      { Value: 'HIGH', Comparison: 'EQUALS' },
    ]);
  });

  test('restore jobs are read three months back, so the last restore test before the month end is found', () => {
    const windows = readWindows('2026-11');
    expect(windows.restoreJobsFrom.toISOString()).toBe('2026-08-01T00:00:00.000Z');
    expect(windows.month.end.toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });

  test("CIS alarms are the client's alarms named <stack>-CIS-<control>-<metric>", () => {
    expect(isCisAlarm('Example-Production-Security-CIS-4.3-RootAccountUsage', 'Example-')).toBe(true);
    expect(isCisAlarm('Example-Production-FinOps-Budget-total-Actual-80pct', 'Example-')).toBe(false);
    expect(isCisAlarm('Other-Production-Security-CIS-4.3-RootAccountUsage', 'Example-')).toBe(false);
  });
});
