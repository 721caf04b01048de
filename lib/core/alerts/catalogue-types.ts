/*
 * The shape of the alert and runbook texts: every catalogue (catalogue-<language>.ts) satisfies
 * it, so a catalogue is complete or does not compile, and a third language is one more file.
 */

/** Alert severities, highest first (Security Hub's labels; GuardDuty's scores map onto them). */
export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** What a GuardDuty finding alert says. */
export interface GuardDutyFindingFacts {
  readonly title: string;
  readonly type: string;
  /** GuardDuty's score, 1.0 to 10.0. */
  readonly score: number;
  readonly resourceType: string;
  readonly findingId: string;
}

/** What a Security Hub finding alert says. */
export interface SecurityHubFindingFacts {
  readonly title: string;
  readonly product: string;
  readonly resource: string;
  readonly findingId: string;
}

/** What a notice of findings triaged by hand says. */
export interface FindingTriageFacts {
  /** The API call, e.g. ArchiveFindings. */
  readonly call: string;
  /** The service, e.g. guardduty.amazonaws.com. */
  readonly service: string;
  /** The caller's ARN. */
  readonly caller: string;
  readonly sourceIp: string;
}

/** What an alarm of another region says. */
export interface RegionalAlarmFacts {
  readonly alarmName: string;
  readonly description: string;
  readonly reason: string;
}

/** What the notice of alert subscriptions that were never confirmed says. */
export interface PendingSubscriptionsFacts {
  /** The topic, e.g. security. */
  readonly topic: string;
  /** The subscribed addresses still waiting for confirmation. */
  readonly endpoints: readonly string[];
}

/** What an alert about an AWS Backup job that did not do its job says. */
export interface BackupJobFacts {
  /** backup, copy or restore. */
  readonly jobType: 'backup' | 'copy' | 'restore';
  /** The job's end state, e.g. FAILED, ABORTED, EXPIRED, PARTIAL. */
  readonly state: string;
  readonly resourceType: string;
  readonly resource: string;
  /** AWS Backup's status message (why). */
  readonly reason: string;
}

/** What the alert about a failed restore test says. */
export interface RestoreTestFacts {
  readonly state: string;
  readonly resourceType: string;
  readonly resource: string;
  readonly reason: string;
}

/** The facts of each alert kind, by kind. */
export interface AlertFactsByKind {
  readonly 'guardduty-finding': GuardDutyFindingFacts;
  readonly 'securityhub-finding': SecurityHubFindingFacts;
  readonly 'finding-triage': FindingTriageFacts;
  readonly 'regional-alarm': RegionalAlarmFacts;
  readonly 'pending-subscriptions': PendingSubscriptionsFacts;
  readonly 'backup-job': BackupJobFacts;
  readonly 'restore-test': RestoreTestFacts;
}

/** An alert kind the alert notifier renders. */
export type AlertKind = keyof AlertFactsByKind;

/** The runbook of one alert kind: what it means, how to check, how to contain, how to close. */
export interface Runbook {
  readonly meaning: string;
  readonly check: readonly string[];
  readonly contain: readonly string[];
  readonly close: readonly string[];
}

/** The texts of one alert kind. */
export interface KindTexts<F> {
  /** The runbook's heading, e.g. "GuardDuty finding". */
  readonly name: string;
  /** The alert's title, one line. */
  title(facts: F): string;
  /** What happened, in plain words for someone who is not an AWS specialist. */
  happened(facts: F): string;
  /** The first steps, in order (the alert shows them; the runbook has the whole procedure). */
  readonly firstSteps: readonly string[];
  readonly runbook: Runbook;
}

/** A budget's scope as the digest describes it. */
export type DigestScope =
  | { readonly type: 'total' }
  | { readonly type: 'service'; readonly service: string }
  | { readonly type: 'account'; readonly account: string }
  | { readonly type: 'tag'; readonly key: string; readonly value: string }
  | { readonly type: 'costCategory'; readonly name: string; readonly value: string };

/** The texts of the FinOps budget digest (formatted numbers come in as text). */
export interface DigestTexts {
  /** The locale numbers, dates and amounts are written in, e.g. en-US, de-DE. */
  readonly locale: string;
  subject(client: string, exceeded: boolean, budgets: string): string;
  /** "3 budgets" in the subject. */
  budgetCount(count: number): string;
  header(client: string, dateTime: string, timeZone: string): string;
  crossed(count: number): string;
  scope(scope: DigestScope): string;
  budget(name: string, scope: string): string;
  why(thresholds: string): string;
  thresholdActual(percent: string): string;
  thresholdForecast(percent: string): string;
  spent(month: string, amount: string, percent: string): string;
  expected(amount: string, percent: string): string;
  readonly noForecast: string;
  limit(amount: string): string;
  readonly biggestUnavailable: string;
  readonly biggestNone: string;
  readonly biggest: string;
  whatToDo(advice: string): string;
  readonly adviceExceeded: string;
  readonly adviceForecast: string;
  readonly adviceApproaching: string;
  /** Waste resource types, singular and plural. */
  readonly resources: Readonly<
    Record<'EC2Instance' | 'EBSVolume' | 'NATGateway' | 'LoadBalancer' | 'RDSInstance', readonly [string, string]>
  >;
  readonly idleResources: readonly [string, string];
  roughUsd(whole: string): string;
  readonly lessThanOneUsd: string;
  savings(resources: string, types: string, amount: string): string;
  readonly savingsExplained: readonly string[];
  readonly footer: readonly string[];
  /** The chat title of a digest. */
  chatTitle(client: string, exceeded: boolean): string;
  /** The description of a budget alarm (a native alarm on the FinOps topic). */
  budgetAlarm(budget: string, limitUsd: number, actual: boolean, percent: number, runsPerDay: number): string;
  /** The description of the daily cost anomaly alarm. */
  anomalyAlarm(client: string, stdDevs: number): string;
}

/** The CIS section 4 monitoring alarms (native CloudWatch alarms: their description is their text). */
export type CisAlarmId =
  '4.1' | '4.2' | '4.3' | '4.4' | '4.5' | '4.6' | '4.7' | '4.8' | '4.9' | '4.10' | '4.11' | '4.12' | '4.13' | '4.14' | '4.15';

/** The texts of the dashboards (titles, labels, the cost review header). */
export interface DashboardTexts {
  // Operations dashboard
  backupJobs(vault: string): string;
  readonly backupCompleted: string;
  readonly backupFailed: string;
  readonly copiesFailed: string;
  readonly backupAlarm: string;
  readonly findingsBySeverity: string;
  readonly cisAlarms: string;
  readonly platformAlarms: string;
  readonly collectorErrors: string;
  errorsOf(name: string): string;
  throttlesOf(name: string): string;
  readonly collectorDuration: string;
  readonly trailDelivered: string;
  readonly trailEvents: string;
  readonly idleResources: string;
  readonly estimatedWaste: string;
  readonly pendingSubscriptions: string;
  pendingOf(topic: string): string;
  // Cost review dashboard
  costsOf(client: string): string;
  readonly intro: string;
  readonly budgetColumns: readonly [string, string, string];
  readonly noBudgets: string;
  readonly howToRead: string;
  dataCollected(times: string, timeZone: string): string;
  readonly contacts: string;
  readonly dataCollections: string;
  spentGauge(budget: string): string;
  expectedGauge(budget: string): string;
  spentAndExpected(budget: string, limit: string): string;
  readonly eightyPercent: string;
  limitOf(limit: string): string;
  readonly dailyByService30: string;
  readonly dailyByService90: string;
  readonly topServices: string;
  readonly totalAgainstBand: string;
  readonly expectedRange: string;
  readonly monitoringCost: string;
  readonly costExplorerUsd: string;
  expectedMonitoringCost(total: string): string;
  readonly costColumns: readonly [string, string, string];
  readonly budgetAlarms: string;
  // Living documentation (the operations dashboard's first text)
  readonly living: {
    title(client: string): string;
    readonly accounts: string;
    home(region: string): string;
    readonly dataStaysIn: string;
    readonly timeZone: string;
    readonly columns: readonly [string, string];
    readonly on: string;
    readonly off: string;
    readonly audit: string;
    readonly threats: string;
    readonly backups: string;
    readonly network: string;
    readonly finops: string;
    readonly whoToCall: string;
    readonly runbooks: string;
    /** Parts of the state cells. */
    trail(state: string, config: string, frequency: string): string;
    backupState(tag: string, daily: number, weekly: number, monthly: number, lock: string, copies: string, restoreTest: string): string;
    copiesTo(region: string): string;
    finopsState(budgets: number, collector: string, anomaly: string): string;
  };
  // Contact roles (living documentation and cost review header)
  readonly roles: {
    readonly owner: string;
    readonly technical: string;
    readonly platform: string;
    readonly security: string;
    readonly billing: string;
    readonly operations: string;
  };
}

/** Alert kinds that are native notifications (CloudWatch alarms, AWS Budgets): a runbook, no rendering. */
export type NativeAlertKind = 'cis-alarm' | 'platform-alarm' | 'budget-alert';

/** The runbook texts of a native alert kind. */
export interface NativeKindTexts {
  readonly name: string;
  readonly firstSteps: readonly string[];
  readonly runbook: Runbook;
}

/** The descriptions of native alarms that people outside the platform team read. */
export interface AlarmTexts {
  failedBackupJobs(vault: string): string;
  breakGlassUsed(role: string): string;
  // The platform's own health alarms.
  topicUndelivered(topic: string, queue: string): string;
  /** Appended to a dead-letter queue alarm's description. */
  readQueue(description: string, queue: string): string;
  undeliveredFindings(region: string): string;
  undeliveredTriage(region: string): string;
  undeliveredRegionalAlarms: string;
  unforwarded(region: string, home: string): string;
  unloggedFindings: string;
  undeliveredBackupJobs(region: string): string;
  undeliveredRestoreTests(region: string): string;
  runFailed(service: string, impact: string, logGroup: string, queue: string): string;
  runNotStarted(service: string, queue: string): string;
  readonly impacts: {
    readonly costCollector: string;
    readonly wasteFinder: string;
    readonly monthlyReport: string;
    readonly notifier: string;
  };
}

/** The lines of the FinOps cost estimate (the cost review dashboard shows them). */
export interface CostEstimateTexts {
  readonly parts: {
    readonly costExplorer: string;
    readonly customMetrics: string;
    readonly alarms: string;
    readonly compute: string;
    readonly dashboard: string;
    readonly budgets: string;
  };
  costExplorer(perDay: number, runs: number, queries: number, forecasts: number, digestsAtMost: number): string;
  customMetrics(metrics: number, hoursPerDay: number): string;
  alarms(thresholds: number): string;
  compute(runsPerMonth: number): string;
  dashboard(dashboards: number, free: number): string;
  budgets(budgets: number, anomaly: boolean): string;
}

/** Every text of one language. */
export interface Catalogue {
  readonly costEstimate: CostEstimateTexts;
  readonly alarms: AlarmTexts;
  readonly nativeKinds: { readonly [K in NativeAlertKind]: NativeKindTexts };
  readonly digest: DigestTexts;
  readonly dashboards: DashboardTexts;
  /**
   * Title and what to do of each CIS alarm; `undefined` keeps the English texts of
   * lib/core/security/cis-controls.ts, which are the source.
   */
  readonly cisAlarms?: Readonly<Record<CisAlarmId, { readonly title: string; readonly response: string }>>;
  /** The sentence of a CIS alarm description: what fired. */
  cisAlarmDescription(cisId: string, title: string, response: string, runbookUrl: string): string;
  readonly severity: Readonly<Record<Severity, string>>;
  readonly words: {
    readonly client: string;
    readonly account: string;
    readonly region: string;
    readonly time: string;
    readonly severity: string;
    readonly firstSteps: string;
    readonly whoToCall: string;
    readonly console: string;
    readonly runbook: string;
    /** Said when a finding alerts again because its severity rose. */
    readonly severityRose: string;
    /** Runbook section headings. */
    readonly meaning: string;
    readonly check: string;
    readonly contain: string;
    readonly close: string;
    /** The line under a generated runbook. */
    readonly generated: string;
  };
  readonly kinds: { readonly [K in AlertKind]: KindTexts<AlertFactsByKind[K]> };
}
