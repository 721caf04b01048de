/**
 * AWS Backup's CloudWatch metrics, as the platform reads them (AWS Backup Developer Guide,
 * "Monitoring AWS Backup metrics with CloudWatch"): job counts in the `AWS/Backup` namespace, per
 * vault. The backup alerts, the operations dashboard, the portfolio and the monthly report all read
 * these names from here.
 */
export const BACKUP_NAMESPACE = 'AWS/Backup';

/** The dimension that names the vault of a job. */
export const BACKUP_VAULT_DIMENSION = 'BackupVaultName';

/** The job counts the platform reads (statistic Sum). */
export const BackupMetric = {
  backupJobsCompleted: 'NumberOfBackupJobsCompleted',
  backupJobsFailed: 'NumberOfBackupJobsFailed',
  copyJobsCompleted: 'NumberOfCopyJobsCompleted',
  copyJobsFailed: 'NumberOfCopyJobsFailed',
  restoreJobsCompleted: 'NumberOfRestoreJobsCompleted',
  restoreJobsFailed: 'NumberOfRestoreJobsFailed',
} as const;
