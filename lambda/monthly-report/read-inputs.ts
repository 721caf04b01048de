import {
  BackupClient,
  ListBackupVaultsCommand,
  ListRecoveryPointsByBackupVaultCommand,
  ListRestoreJobsCommand,
} from '@aws-sdk/client-backup';
import { CloudTrailClient, LookupEventsCommand, type LookupEventsCommandInput } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient, DescribeAlarmHistoryCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { CostExplorerClient } from '@aws-sdk/client-cost-explorer';
import {
  GetFindingsCommand as GetGuardDutyFindingsCommand,
  GuardDutyClient,
  ListDetectorsCommand,
  ListFindingsCommand,
  type FindingCriteria,
} from '@aws-sdk/client-guardduty';
import { GetFindingsCommand, SecurityHubClient, type GetFindingsCommandInput } from '@aws-sdk/client-securityhub';
import type { BudgetConfig } from '../../lib/core/config/finops-schema';
import type { MetricDataResultShape } from '../../lib/core/finops/metrics';
import type { AccountRef } from '../../lib/core/finops/query-plan';
import type { AlarmHistoryItem, RecoveryPoint, ReportFinding, ReportInputs, RestoreJob, TrailEvent } from '../../lib/core/report/inputs';
import { mergeActivities, type AccountActivity } from '../../lib/core/report/merge';
import type { IsoMonth } from '../../lib/core/report/model';
import { GUARD_DUTY_HIGH_SCORE, guardDutySeverity } from '../../lib/core/security/guard-duty-severity';
import {
  budgetActualRequest,
  costByServiceRequest,
  findingQueries,
  isCisAlarm,
  minimumCostExplorerRequests,
  monthRange,
  monthEndFigures,
  monthEndMetricsRequest,
  nextMonthForecastRequest,
  readWindows,
  REPORT_COST_METRIC,
} from '../../lib/core/report/requests';
import { CostExplorerReader, RequestCapError } from '../cost-collector/cost-explorer';
import { sdkClientOptions } from '../shared/sdk-client-options';
import type { RetryOptions } from '../shared/retry';

/**
 * Reads everything one monthly report needs from AWS, for the account and region the clients are
 * in, plus Cost Explorer for the whole bill. The report Lambda and the live `npm run report` use
 * it; tests mock the clients with answers in the recorded shapes.
 *
 * Cost Explorer requests are counted and capped like the collector's (USD 0.01 each); every other
 * list is read page by page up to a cap of pages, and a list cut at its cap is reported in
 * `truncated` (the figures are then lower bounds, which the caller logs).
 */

/** The client's name in the client file of the cap of Cost Explorer requests per report. */
export const REPORT_CAP_SETTING = 'report.maxCostExplorerRequests';

/** Pages read at most per list (Security Hub 100 findings, CloudTrail 50 events, the others up to 1,000 items a page). */
export const MAX_PAGES = {
  activeFindings: 50,
  newFindings: 20,
  alarmHistory: 20,
  metricData: 10,
  restoreJobs: 10,
  vaults: 5,
  recoveryPoints: 20,
  deployments: 20,
  writeEvents: 40,
  guardDutyFindings: 10,
} as const;

/** The SDK clients that read one account's activity, in its home region. */
export interface AccountReadClients {
  readonly cloudWatch: CloudWatchClient;
  readonly securityHub: SecurityHubClient;
  /** Read only where Security Hub is off: otherwise GuardDuty's findings arrive through it. */
  readonly guardDuty: GuardDutyClient;
  readonly backup: BackupClient;
  readonly cloudTrail: CloudTrailClient;
}

/** The SDK clients a report reads with: the account's own, and Cost Explorer. */
export interface ReportReadClients extends AccountReadClients {
  /** us-east-1, the SDK's retries off: the reader counts every request. */
  readonly costExplorer: CostExplorerClient;
}

/** Temporary credentials of an assumed role, as STS AssumeRole returns them. */
export interface RoleCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken: string;
  readonly expiration?: Date;
}

/** The clients of one account and region, with the given credentials or the environment's. */
export function createAccountReadClients(region: string | undefined, credentials?: RoleCredentials): AccountReadClients {
  const options = { region, ...(credentials ? { credentials } : {}) };
  return {
    cloudWatch: new CloudWatchClient(sdkClientOptions(options)),
    securityHub: new SecurityHubClient(sdkClientOptions(options)),
    guardDuty: new GuardDutyClient(sdkClientOptions(options)),
    backup: new BackupClient(sdkClientOptions(options)),
    // LookupEvents allows 2 requests a second per account and region: adaptive retries slow the
    // reader down on throttling instead of failing the report.
    cloudTrail: new CloudTrailClient(sdkClientOptions({ ...options, retryMode: 'adaptive', maxAttempts: 8 })),
  };
}

/** The clients of a region (Cost Explorer in us-east-1, without the SDK's retries). */
export function createReportReadClients(region: string | undefined, costExplorer: CostExplorerClient): ReportReadClients {
  return { costExplorer, ...createAccountReadClients(region) };
}

/** Another account of the client, read through its report reader role. */
export interface OtherAccount {
  /** Its name in the client file (it labels lists cut at their cap). */
  readonly name: string;
  readonly clients: AccountReadClients;
  /** The platform's backup vault in its home region, if it has one. */
  readonly vaultName?: string;
}

/** What the reader needs to know about the client. */
export interface ReportReadContext {
  readonly month: IsoMonth;
  /** Today (UTC), `YYYY-MM-DD`: the forecast starts here. */
  readonly today: string;
  readonly budgets: readonly BudgetConfig[];
  readonly accounts: readonly AccountRef[];
  /** The landing zone's stack names start with it (`<Client>-`): its CIS alarms. */
  readonly stackPrefix: string;
  /** The platform's backup vault in this account and region, if it has one. */
  readonly vaultName?: string;
  /** Cost Explorer requests the report may make. */
  readonly maxCostExplorerRequests: number;
  /** The client's other accounts, whose activity joins the report's. @default none */
  readonly otherAccounts?: readonly OtherAccount[];
  /** The name of the account the clients read (labels). @default 'this account' */
  readonly accountName?: string;
  readonly retry?: Partial<RetryOptions>;
}

/** The inputs, and what reading them took. */
export interface ReportReadResult {
  readonly inputs: ReportInputs;
  readonly costExplorerRequests: number;
  /** Lists cut at their page cap: their figures are lower bounds. */
  readonly truncated: readonly string[];
  /** Accounts where Security Hub is not enabled (InvalidAccessException): their findings are GuardDuty's, if any. */
  readonly securityHubOff: readonly string[];
}

/** Reads every page of a paginated list, up to `maxPages`. */
async function pages<T>(
  name: string,
  maxPages: number,
  truncated: string[],
  read: (token: string | undefined) => Promise<{ items: readonly T[] | undefined; next: string | undefined }>,
): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  let count = 0;
  do {
    const page = await read(token);
    items.push(...(page.items ?? []));
    token = page.next || undefined;
    count++;
  } while (token !== undefined && count < maxPages);
  if (token !== undefined) truncated.push(name);
  return items;
}

const iso = (date: Date | string | undefined): string => (date instanceof Date ? date.toISOString() : (date ?? ''));

/**
 * GuardDuty's high and critical findings, as the report reads Security Hub's: the ones not
 * archived (open), and the ones updated since the month began (every finding created in the month
 * is among them; ListFindings cannot filter by creation time). Empty when GuardDuty is off here.
 */
async function readGuardDutyFindings(client: GuardDutyClient, monthStart: Date, truncated: string[]): Promise<ReportFinding[]> {
  const detectors = await client.send(new ListDetectorsCommand({}));
  const detectorId = detectors.DetectorIds?.[0];
  if (detectorId === undefined) return [];
  const severe = { severity: { GreaterThanOrEqual: GUARD_DUTY_HIGH_SCORE } };
  const list = (name: string, criterion: FindingCriteria['Criterion']) =>
    pages<string>(name, MAX_PAGES.guardDutyFindings, truncated, async (token) => {
      const output = await client.send(
        new ListFindingsCommand({ DetectorId: detectorId, FindingCriteria: { Criterion: criterion }, MaxResults: 50, NextToken: token }),
      );
      return { items: output.FindingIds, next: output.NextToken };
    });
  const ids = [
    ...new Set([
      ...(await list('GuardDuty ListFindings open', { ...severe, 'service.archived': { Equals: ['false'] } })),
      ...(await list('GuardDuty ListFindings recent', { ...severe, updatedAt: { GreaterThanOrEqual: monthStart.getTime() } })),
    ]),
  ];
  const findings: ReportFinding[] = [];
  // GetFindings takes at most 50 ids.
  for (let i = 0; i < ids.length; i += 50) {
    const output = await client.send(new GetGuardDutyFindingsCommand({ DetectorId: detectorId, FindingIds: ids.slice(i, i + 50) }));
    for (const finding of output.Findings ?? []) {
      const archived = finding.Service?.Archived === true;
      findings.push({
        Id: finding.Id ?? finding.Arn ?? '',
        ProductName: 'GuardDuty',
        GeneratorId: finding.Type,
        CreatedAt: finding.CreatedAt ?? '',
        Severity: { Label: guardDutySeverity(finding.Severity ?? 0) },
        Workflow: { Status: archived ? 'SUPPRESSED' : 'NEW' },
        RecordState: archived ? 'ARCHIVED' : 'ACTIVE',
        ...(finding.Title ? { Title: finding.Title } : {}),
      });
    }
  }
  return findings;
}

/** Reads the report's inputs. Throws {@link RequestCapError} before the first request when the cap is too small. */
export async function readReportInputs(clients: ReportReadClients, context: ReportReadContext): Promise<ReportReadResult> {
  const { month, today } = context;
  const truncated: string[] = [];
  const minimum = minimumCostExplorerRequests(context.budgets, month, today);
  if (minimum > context.maxCostExplorerRequests) {
    throw new RequestCapError(
      context.maxCostExplorerRequests,
      `the report needs at least ${minimum} requests (costs by service, ${context.budgets.length} budget(s), the forecast), so none was made`,
      REPORT_CAP_SETTING,
    );
  }
  const reader = new CostExplorerReader(clients.costExplorer, {
    maxRequests: context.maxCostExplorerRequests,
    capSetting: REPORT_CAP_SETTING,
    retry: context.retry,
  });

  // Costs: per service over the trend (and the next month so far), each budget's scope, the forecast.
  const services = await reader.getCostAndUsage('services', costByServiceRequest(month, today));
  const budgetActuals: Record<string, number> = {};
  for (const budget of context.budgets) {
    const answer = await reader.getCostAndUsage(`budget ${budget.name}`, budgetActualRequest(budget, context.accounts, month));
    budgetActuals[budget.name] = answer.results.reduce((sum, result) => sum + Number(result.Total?.[budget.costMetric]?.Amount ?? 0), 0);
  }
  const forecastRequest = nextMonthForecastRequest(month, today);
  let forecastNextMonth: ReportInputs['forecastNextMonth'] = {};
  if (forecastRequest !== undefined) {
    const forecast = await reader.getCostForecast('next month', forecastRequest);
    if ('amountUsd' in forecast) {
      // The month's cost so far (the services answer's last result) plus the rest as forecast.
      const soFar = services.results
        .filter((result) => result.TimePeriod?.Start === monthRange(month).end)
        .flatMap((result) => result.Groups ?? [])
        .reduce((sum, group) => sum + Number(group.Metrics?.[REPORT_COST_METRIC]?.Amount ?? 0), 0);
      forecastNextMonth = { Total: { Amount: String(soFar + forecast.amountUsd), Unit: 'USD' } };
    }
  }

  const labelled = (name: string) => (list: string) => `${name}: ${list}`;
  const own = await readAccountActivity(clients, { month, stackPrefix: context.stackPrefix, vaultName: context.vaultName });
  const activities = [{ name: context.accountName ?? 'this account', ...own }];
  for (const other of context.otherAccounts ?? []) {
    activities.push({
      name: other.name,
      ...(await readAccountActivity(other.clients, { month, stackPrefix: context.stackPrefix, vaultName: other.vaultName })),
    });
  }
  for (const activity of activities) truncated.push(...activity.truncated.map(labelled(activity.name)));

  return {
    inputs: {
      costByService: { ResultsByTime: services.results as ReportInputs['costByService']['ResultsByTime'] },
      forecastNextMonth,
      budgetActuals,
      ...mergeActivities(activities.map((activity) => activity.activity)),
    },
    costExplorerRequests: reader.requests,
    truncated,
    securityHubOff: activities.filter((activity) => activity.securityHubOff).map((activity) => activity.name),
  };
}

/** What one account's reads gave. */
interface ActivityRead {
  readonly activity: AccountActivity;
  readonly truncated: readonly string[];
  readonly securityHubOff: boolean;
}

/**
 * One account's activity in its home region: the platform's metrics, findings, the CIS alarms'
 * history, restore jobs and recovery points, CloudTrail events.
 */
async function readAccountActivity(
  clients: AccountReadClients,
  context: { readonly month: IsoMonth; readonly stackPrefix: string; readonly vaultName?: string },
): Promise<ActivityRead> {
  const { month } = context;
  const truncated: string[] = [];
  // The platform's own metrics: waste, open findings, backup job counts.
  const metricRequest = monthEndMetricsRequest(month, context.vaultName);
  const metricResults = await pages<MetricDataResultShape>('GetMetricData', MAX_PAGES.metricData, truncated, async (token) => {
    const output = await clients.cloudWatch.send(new GetMetricDataCommand({ ...metricRequest, NextToken: token }));
    return { items: output.MetricDataResults, next: output.NextToken };
  });
  const asked = new Set(metricRequest.MetricDataQueries.map((query) => query.Id));
  const figures = monthEndFigures(
    metricResults.filter((result) => result.Id !== undefined && asked.has(result.Id)),
    month,
  );

  const windows = readWindows(month);

  // Security Hub: active findings (open ones and control checks), and the month's new high and critical ones.
  const queries = findingQueries(month);
  const getFindings = (name: string, filters: GetFindingsCommandInput['Filters'], maxPages: number) =>
    pages<ReportFinding>(name, maxPages, truncated, async (token) => {
      const output = await clients.securityHub.send(new GetFindingsCommand({ Filters: filters, MaxResults: 100, NextToken: token }));
      return { items: output.Findings as ReportFinding[] | undefined, next: output.NextToken };
    });
  let findings: ReportFinding[];
  let securityHubOff = false;
  try {
    const active = await getFindings('GetFindings active', queries.active as GetFindingsCommandInput['Filters'], MAX_PAGES.activeFindings);
    const created = await getFindings('GetFindings new', queries.newInMonth as GetFindingsCommandInput['Filters'], MAX_PAGES.newFindings);
    findings = [...new Map([...active, ...created].map((finding) => [finding.Id, finding])).values()];
  } catch (error) {
    // Security Hub switched off in this account and region (security.securityHub): GuardDuty's
    // own findings, when it runs here, are the report's.
    if ((error as { name?: string }).name !== 'InvalidAccessException') throw error;
    securityHubOff = true;
    findings = await readGuardDutyFindings(clients.guardDuty, windows.month.start, truncated);
  }

  // CloudWatch: the month's state changes of the CIS alarms.
  const history = await pages<AlarmHistoryItem>('DescribeAlarmHistory', MAX_PAGES.alarmHistory, truncated, async (token) => {
    const output = await clients.cloudWatch.send(
      new DescribeAlarmHistoryCommand({
        AlarmTypes: ['MetricAlarm'],
        HistoryItemType: 'StateUpdate',
        StartDate: windows.month.start,
        EndDate: windows.month.end,
        MaxRecords: 100,
        NextToken: token,
      }),
    );
    return {
      items: output.AlarmHistoryItems?.map((item) => ({
        AlarmName: item.AlarmName ?? '',
        Timestamp: iso(item.Timestamp),
        HistorySummary: item.HistorySummary ?? '',
      })),
      next: output.NextToken,
    };
  });

  // AWS Backup: restore tests (jobs of the last months) and the vault's recovery points.
  const restoreJobs = await pages<RestoreJob>('ListRestoreJobs', MAX_PAGES.restoreJobs, truncated, async (token) => {
    const output = await clients.backup.send(
      new ListRestoreJobsCommand({ ByCreatedAfter: windows.restoreJobsFrom, ByCreatedBefore: windows.month.end, NextToken: token }),
    );
    return {
      items: output.RestoreJobs?.map((job) => ({
        Status: job.Status ?? '',
        CreationDate: iso(job.CreationDate),
        ...(job.CompletionDate ? { CompletionDate: iso(job.CompletionDate) } : {}),
        ...(job.ResourceType ? { ResourceType: job.ResourceType } : {}),
        ...(job.CreatedBy?.RestoreTestingPlanArn ? { CreatedBy: { RestoreTestingPlanArn: job.CreatedBy.RestoreTestingPlanArn } } : {}),
      })),
      next: output.NextToken,
    };
  });
  const recoveryPoints: RecoveryPoint[] = [];
  if (context.vaultName !== undefined) {
    const vaults = await pages<string>('ListBackupVaults', MAX_PAGES.vaults, truncated, async (token) => {
      const output = await clients.backup.send(new ListBackupVaultsCommand({ NextToken: token }));
      return { items: output.BackupVaultList?.map((vault) => vault.BackupVaultName ?? ''), next: output.NextToken };
    });
    // A vault that is not there yet (backups switched on, not deployed) has no recovery points.
    if (vaults.includes(context.vaultName)) {
      recoveryPoints.push(
        ...(await pages<RecoveryPoint>('ListRecoveryPointsByBackupVault', MAX_PAGES.recoveryPoints, truncated, async (token) => {
          const output = await clients.backup.send(
            new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName: context.vaultName, NextToken: token }),
          );
          return {
            items: output.RecoveryPoints?.map((point) => ({
              RecoveryPointArn: point.RecoveryPointArn ?? '',
              CreationDate: iso(point.CreationDate),
              ...(point.Lifecycle?.DeleteAfterDays !== undefined
                ? { Lifecycle: { DeleteAfterDays: point.Lifecycle.DeleteAfterDays } }
                : {}),
            })),
            next: output.NextToken,
          };
        })),
      );
    }
  }

  // CloudTrail: the landing zone's deployments, and the month's write events (configuration changes).
  const lookup = (name: string, attribute: LookupEventsCommandInput['LookupAttributes'], maxPages: number) =>
    pages<TrailEvent>(name, maxPages, truncated, async (token) => {
      const output = await clients.cloudTrail.send(
        new LookupEventsCommand({
          LookupAttributes: attribute,
          StartTime: windows.month.start,
          EndTime: windows.month.end,
          MaxResults: 50,
          NextToken: token,
        }),
      );
      return {
        items: output.Events?.map((event) => ({
          ...(event.EventId ? { EventId: event.EventId } : {}),
          EventName: event.EventName ?? '',
          EventSource: event.EventSource ?? '',
          EventTime: iso(event.EventTime),
          ...(event.Username ? { Username: event.Username } : {}),
          Resources: (event.Resources ?? []).map((resource) => ({
            ResourceType: resource.ResourceType,
            ResourceName: resource.ResourceName,
          })),
        })),
        next: output.NextToken,
      };
    });
  const deployments = await lookup(
    'LookupEvents cloudformation',
    [{ AttributeKey: 'EventSource', AttributeValue: 'cloudformation.amazonaws.com' }],
    MAX_PAGES.deployments,
  );
  const writes = await lookup('LookupEvents writes', [{ AttributeKey: 'ReadOnly', AttributeValue: 'false' }], MAX_PAGES.writeEvents);
  const trailEvents = [...new Map([...deployments, ...writes].map((event, index) => [event.EventId ?? `#${index}`, event])).values()];

  return {
    activity: {
      wasteThisMonth: figures.wasteThisMonth,
      wastePreviousMonth: figures.wastePreviousMonth,
      findings,
      openFindingsByMonth: figures.openFindingsByMonth,
      alarmHistory: history.filter((item) => isCisAlarm(item.AlarmName, context.stackPrefix)),
      backupJobs: [],
      copyJobs: [],
      ...(figures.backupJobCounts ? { backupJobCounts: figures.backupJobCounts } : {}),
      restoreJobs,
      recoveryPoints,
      trailEvents,
    },
    truncated,
    securityHubOff,
  };
}
