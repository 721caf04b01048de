import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ReportInputs } from './inputs';

/**
 * Reads a directory of recorded API answers (recordings/<client>/<month>/, described in
 * recordings/README.md) into the report's inputs. A missing file is an empty answer: a brand-new
 * account has no history, no findings and no backups yet.
 */
export function loadRecordedInputs(dir: string): ReportInputs {
  if (!fs.existsSync(dir)) throw new Error(`No recorded answers in ${dir} (recordings/README.md lists the files)`);
  const read = <T>(file: string, fallback: T): T => {
    const full = path.join(dir, file);
    return fs.existsSync(full) ? (JSON.parse(fs.readFileSync(full, 'utf8')) as T) : fallback;
  };
  return {
    costByService: read('cost-by-service.json', { ResultsByTime: [] }),
    forecastNextMonth: read('forecast-next-month.json', {}),
    budgetActuals: read('budget-actuals.json', {}),
    wasteThisMonth: read('waste-this-month.json', {}),
    wastePreviousMonth: read('waste-previous-month.json', {}),
    findings: read<{ Findings: ReportInputs['findings'] }>('findings.json', { Findings: [] }).Findings,
    openFindingsByMonth: read('open-findings-by-month.json', []),
    alarmHistory: read<{ AlarmHistoryItems: ReportInputs['alarmHistory'] }>('alarm-history.json', { AlarmHistoryItems: [] })
      .AlarmHistoryItems,
    backupJobs: read<{ BackupJobs: ReportInputs['backupJobs'] }>('backup-jobs.json', { BackupJobs: [] }).BackupJobs,
    copyJobs: read<{ CopyJobs: ReportInputs['copyJobs'] }>('copy-jobs.json', { CopyJobs: [] }).CopyJobs,
    restoreJobs: read<{ RestoreJobs: ReportInputs['restoreJobs'] }>('restore-jobs.json', { RestoreJobs: [] }).RestoreJobs,
    recoveryPoints: read<{ RecoveryPoints: ReportInputs['recoveryPoints'] }>('recovery-points.json', { RecoveryPoints: [] }).RecoveryPoints,
    trailEvents: read<{ Events: ReportInputs['trailEvents'] }>('trail-events.json', { Events: [] }).Events,
  };
}
