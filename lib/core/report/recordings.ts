import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ReportInputs } from './inputs';

/** The job counts of AWS Backup's metrics (a live read); without it, the job lists are counted. */
const BACKUP_JOB_COUNTS_FILE = 'backup-job-counts.json';

/**
 * Writes what a live run read as a directory of recorded answers, which {@link loadRecordedInputs}
 * reads back unchanged: `npm run report -- --save-recording <dir>` records a real month, and a
 * test or an offline run renders it again without AWS.
 */
export function saveRecordedInputs(inputs: ReportInputs, dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const write = (file: string, value: unknown) => fs.writeFileSync(path.join(dir, file), `${JSON.stringify(value, null, 2)}\n`);
  write('cost-by-service.json', inputs.costByService);
  write('forecast-next-month.json', inputs.forecastNextMonth);
  write('budget-actuals.json', inputs.budgetActuals);
  write('waste-this-month.json', inputs.wasteThisMonth);
  write('waste-previous-month.json', inputs.wastePreviousMonth);
  write('findings.json', { Findings: inputs.findings });
  write('open-findings-by-month.json', inputs.openFindingsByMonth);
  write('alarm-history.json', { AlarmHistoryItems: inputs.alarmHistory });
  write('backup-jobs.json', { BackupJobs: inputs.backupJobs });
  write('copy-jobs.json', { CopyJobs: inputs.copyJobs });
  if (inputs.backupJobCounts) write(BACKUP_JOB_COUNTS_FILE, inputs.backupJobCounts);
  write('restore-jobs.json', { RestoreJobs: inputs.restoreJobs });
  write('recovery-points.json', { RecoveryPoints: inputs.recoveryPoints });
  write('trail-events.json', { Events: inputs.trailEvents });
}

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
    ...(fs.existsSync(path.join(dir, BACKUP_JOB_COUNTS_FILE)) ? { backupJobCounts: read(BACKUP_JOB_COUNTS_FILE, undefined) } : {}),
    copyJobs: read<{ CopyJobs: ReportInputs['copyJobs'] }>('copy-jobs.json', { CopyJobs: [] }).CopyJobs,
    restoreJobs: read<{ RestoreJobs: ReportInputs['restoreJobs'] }>('restore-jobs.json', { RestoreJobs: [] }).RestoreJobs,
    recoveryPoints: read<{ RecoveryPoints: ReportInputs['recoveryPoints'] }>('recovery-points.json', { RecoveryPoints: [] }).RecoveryPoints,
    trailEvents: read<{ Events: ReportInputs['trailEvents'] }>('trail-events.json', { Events: [] }).Events,
  };
}
