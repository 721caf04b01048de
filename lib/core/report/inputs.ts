/**
 * What the monthly report reads, as the AWS APIs answer (the fields it uses; the recorded answers
 * in `recordings/<client>/<month>/` are real response shapes from the API references).
 * The report Lambda and `npm run report` fill it live; tests and the offline run from recordings.
 */

/** An amount as Cost Explorer writes it. */
export interface CostAmount {
  readonly Amount: string;
  readonly Unit: string;
}

/** Cost Explorer GetCostAndUsage, MONTHLY, grouped by SERVICE: one result per month. */
export interface CostByServiceAnswer {
  readonly ResultsByTime: ReadonlyArray<{
    readonly TimePeriod: { readonly Start: string; readonly End: string };
    readonly Groups?: ReadonlyArray<{ readonly Keys: readonly string[]; readonly Metrics: Record<string, CostAmount> }>;
    readonly Total?: Record<string, CostAmount>;
    readonly Estimated?: boolean;
  }>;
}

/** Cost Explorer GetCostForecast for the next month. */
export interface CostForecastAnswer {
  readonly Total?: CostAmount;
}

/** The month's actual of each budget's scope (a filtered GetCostAndUsage per budget), by budget name. */
export type BudgetActuals = Readonly<Record<string, number>>;

/** The waste finder's estimate at a month's end (its CloudWatch metrics), by resource type. */
export type WasteByType = Readonly<Record<string, { readonly count: number; readonly usd: number }>>;

/** A Security Hub finding (AWS Security Finding Format), as GetFindings returns it. */
export interface ReportFinding {
  readonly Id: string;
  readonly ProductName?: string;
  readonly GeneratorId?: string;
  readonly CreatedAt: string;
  readonly Severity?: { readonly Label?: string };
  readonly Workflow?: { readonly Status?: string };
  readonly RecordState?: string;
  readonly Compliance?: { readonly Status?: string };
  readonly Title?: string;
}

/** A CloudWatch DescribeAlarmHistory item (HistoryItemType StateUpdate). */
export interface AlarmHistoryItem {
  readonly AlarmName: string;
  readonly Timestamp: string;
  readonly HistorySummary: string;
}

/** AWS Backup ListBackupJobs / ListCopyJobs items. */
export interface BackupJob {
  readonly State: string;
  readonly CreationDate: string;
  readonly ResourceType?: string;
}

/** The month's backup and copy jobs of the platform's vault, from AWS Backup's CloudWatch metrics. */
export interface BackupJobCounts {
  readonly backupCompleted: number;
  readonly backupFailed: number;
  readonly copyCompleted: number;
  readonly copyFailed: number;
}

/** AWS Backup ListRestoreJobs items (restore tests carry CreatedBy.RestoreTestingPlanArn). */
export interface RestoreJob {
  readonly Status: string;
  readonly CreationDate: string;
  readonly CompletionDate?: string;
  readonly ResourceType?: string;
  readonly CreatedBy?: { readonly RestoreTestingPlanArn?: string };
}

/** AWS Backup ListRecoveryPointsByBackupVault items. */
export interface RecoveryPoint {
  readonly RecoveryPointArn: string;
  readonly CreationDate: string;
  readonly Lifecycle?: { readonly DeleteAfterDays?: number };
}

/** A CloudTrail LookupEvents event. */
export interface TrailEvent {
  readonly EventId?: string;
  readonly EventName: string;
  readonly EventSource: string;
  readonly EventTime: string;
  readonly Username?: string;
  readonly Resources?: ReadonlyArray<{ readonly ResourceType?: string; readonly ResourceName?: string }>;
}

/** Everything one report reads. */
export interface ReportInputs {
  /**
   * The report month and the 11 before it, for the trend and month over month (the recordings hold
   * a 13th, older month, which is not shown); live, also the next month's cost so far.
   */
  readonly costByService: CostByServiceAnswer;
  readonly forecastNextMonth: CostForecastAnswer;
  readonly budgetActuals: BudgetActuals;
  readonly wasteThisMonth: WasteByType;
  readonly wastePreviousMonth: WasteByType;
  readonly findings: readonly ReportFinding[];
  /** Open high and critical findings at each of the last months' ends (the OpenFindings metric), oldest first. */
  readonly openFindingsByMonth: ReadonlyArray<{ readonly month: string; readonly critical: number; readonly high: number }>;
  readonly alarmHistory: readonly AlarmHistoryItem[];
  readonly backupJobs: readonly BackupJob[];
  readonly copyJobs: readonly BackupJob[];
  /**
   * The month's job counts from AWS Backup's metrics (the live reads): they count the whole month,
   * where ListBackupJobs and ListCopyJobs only answer for the last 30 days. When set, they are the
   * figures and `backupJobs` and `copyJobs` are not counted.
   */
  readonly backupJobCounts?: BackupJobCounts;
  readonly restoreJobs: readonly RestoreJob[];
  readonly recoveryPoints: readonly RecoveryPoint[];
  readonly trailEvents: readonly TrailEvent[];
}
