import { mergeActivities, type AccountActivity } from '../../../../lib/core/report/merge';

const empty: AccountActivity = {
  wasteThisMonth: {},
  wastePreviousMonth: {},
  findings: [],
  openFindingsByMonth: [],
  alarmHistory: [],
  backupJobs: [],
  copyJobs: [],
  restoreJobs: [],
  recoveryPoints: [],
  trailEvents: [],
};

const finding = (id: string) => ({ Id: id, CreatedAt: '2026-11-03T00:00:00Z', Severity: { Label: 'HIGH' } });

describe('the activity of several accounts as one', () => {
  const production: AccountActivity = {
    ...empty,
    wasteThisMonth: { EBSVolume: { count: 2, usd: 0.1 } },
    findings: [finding('a'), finding('shared')],
    openFindingsByMonth: [{ month: '2026-11', critical: 1, high: 2 }],
    backupJobCounts: { backupCompleted: 30, backupFailed: 1, copyCompleted: 30, copyFailed: 0 },
    trailEvents: [
      { EventId: 'e1', EventName: 'UpdateStack', EventSource: 'cloudformation.amazonaws.com', EventTime: '2026-11-09T14:03:00Z' },
    ],
  };
  const security: AccountActivity = {
    ...empty,
    wasteThisMonth: { EBSVolume: { count: 1, usd: 0.2 }, NATGateway: { count: 1, usd: 33 } },
    // The delegated administrator's hub also holds the member's finding "shared".
    findings: [finding('shared'), finding('b')],
    openFindingsByMonth: [
      { month: '2026-10', critical: 0, high: 1 },
      { month: '2026-11', critical: 0, high: 1 },
    ],
    trailEvents: [
      { EventId: 'e2', EventName: 'CreateStack', EventSource: 'cloudformation.amazonaws.com', EventTime: '2026-11-10T14:03:00Z' },
    ],
  };

  test('sums waste per type in cents, open findings per month and job counts', () => {
    const merged = mergeActivities([production, security]);
    expect(merged.wasteThisMonth).toEqual({ EBSVolume: { count: 3, usd: 0.3 }, NATGateway: { count: 1, usd: 33 } });
    expect(merged.openFindingsByMonth).toEqual([
      { month: '2026-10', critical: 0, high: 1 },
      { month: '2026-11', critical: 1, high: 3 },
    ]);
    expect(merged.backupJobCounts).toEqual(production.backupJobCounts);
  });

  test('counts a finding seen from two accounts once, and joins the rest', () => {
    const merged = mergeActivities([production, security]);
    expect(merged.findings.map((f) => f.Id)).toEqual(['a', 'shared', 'b']);
    expect(merged.trailEvents.map((e) => e.EventId)).toEqual(['e1', 'e2']);
  });

  test('one account merges into itself; none into an empty month without job counts', () => {
    expect(mergeActivities([production])).toEqual(production);
    expect(mergeActivities([])).toEqual(empty);
  });
});
