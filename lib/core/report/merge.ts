import type { BackupJobCounts, ReportInputs, WasteByType } from './inputs';

/**
 * What one account contributes to a report besides the bill: its platform metrics, findings,
 * alarm history, backups and CloudTrail events. The report reads the billing account's and, with
 * the report reader role, every other account's, and merges them here. Pure.
 */
export type AccountActivity = Omit<ReportInputs, 'costByService' | 'forecastNextMonth' | 'budgetActuals'>;

function sumWaste(all: readonly WasteByType[]): WasteByType {
  const total: Record<string, { count: number; usd: number }> = {};
  for (const waste of all) {
    for (const [type, entry] of Object.entries(waste)) {
      const known = total[type] ?? { count: 0, usd: 0 };
      // Summed in cents: 0.1 + 0.2 must read 0.3.
      total[type] = { count: known.count + entry.count, usd: Math.round(known.usd * 100 + entry.usd * 100) / 100 };
    }
  }
  return total;
}

/** The same item seen from two accounts (a member's finding in the administrator's hub) counts once. */
function uniqueBy<T>(items: readonly T[], key: (item: T) => string | undefined): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const id = key(item);
    if (id === undefined) return true;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

/**
 * The activity of the client's accounts as one: waste, open-findings counts and job counts summed
 * (per resource type, month and kind), findings by their id and CloudTrail events by theirs
 * counted once (organization mode: the security account's hub also holds the members' findings),
 * the other lists joined.
 */
export function mergeActivities(activities: readonly AccountActivity[]): AccountActivity {
  const months = new Map<string, { month: string; critical: number; high: number }>();
  for (const entry of activities.flatMap((a) => a.openFindingsByMonth)) {
    const known = months.get(entry.month) ?? { month: entry.month, critical: 0, high: 0 };
    months.set(entry.month, { month: entry.month, critical: known.critical + entry.critical, high: known.high + entry.high });
  }
  const counts = activities.map((a) => a.backupJobCounts).filter((c): c is BackupJobCounts => c !== undefined);
  return {
    wasteThisMonth: sumWaste(activities.map((a) => a.wasteThisMonth)),
    wastePreviousMonth: sumWaste(activities.map((a) => a.wastePreviousMonth)),
    findings: uniqueBy(
      activities.flatMap((a) => a.findings),
      (finding) => finding.Id,
    ),
    openFindingsByMonth: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
    alarmHistory: activities.flatMap((a) => a.alarmHistory),
    backupJobs: activities.flatMap((a) => a.backupJobs),
    copyJobs: activities.flatMap((a) => a.copyJobs),
    ...(counts.length === 0
      ? {}
      : {
          backupJobCounts: {
            backupCompleted: counts.reduce((sum, c) => sum + c.backupCompleted, 0),
            backupFailed: counts.reduce((sum, c) => sum + c.backupFailed, 0),
            copyCompleted: counts.reduce((sum, c) => sum + c.copyCompleted, 0),
            copyFailed: counts.reduce((sum, c) => sum + c.copyFailed, 0),
          },
        }),
    restoreJobs: activities.flatMap((a) => a.restoreJobs),
    recoveryPoints: uniqueBy(
      activities.flatMap((a) => a.recoveryPoints),
      (point) => point.RecoveryPointArn,
    ),
    trailEvents: uniqueBy(
      activities.flatMap((a) => a.trailEvents),
      (event) => event.EventId,
    ),
  };
}
