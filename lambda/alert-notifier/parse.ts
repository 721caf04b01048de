import type { Alert } from '../../lib/core/alerts/render';
import type { Severity } from '../../lib/core/alerts/catalogue';
import { guardDutySeverity } from '../../lib/core/security/guard-duty-severity';

/*
 * Turns the EventBridge events the notifier's rules deliver into alerts. Pure functions over the
 * documented event shapes (GuardDuty finding format, ASFF, CloudTrail record, CloudWatch alarm
 * state change); an event of another shape is reported as unrecognised instead of guessed at.
 */

/** The envelope every EventBridge event has. */
export interface EventBridgeEnvelope {
  readonly id: string;
  readonly 'detail-type': string;
  readonly source: string;
  readonly account: string;
  readonly time: string;
  readonly region: string;
  readonly resources?: readonly string[];
  readonly detail: unknown;
}

/** An event the notifier cannot turn into an alert: logged with the reason, never silently dropped. */
export class UnrecognisedEventError extends Error {
  constructor(event: { source?: unknown; 'detail-type'?: unknown }, reason: string) {
    super(`cannot alert on ${String(event.source)} "${String(event['detail-type'])}": ${reason}`);
    this.name = 'UnrecognisedEventError';
  }
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

function field(event: EventBridgeEnvelope, object: unknown, path: string): unknown {
  let current: unknown = object;
  for (const key of path.split('.')) {
    if (!isObject(current)) throw new UnrecognisedEventError(event, `no ${path}`);
    current = current[key];
  }
  if (current === undefined || current === null) throw new UnrecognisedEventError(event, `no ${path}`);
  return current;
}

function text(event: EventBridgeEnvelope, object: unknown, path: string): string {
  const value = field(event, object, path);
  if (typeof value !== 'string' || value.length === 0) throw new UnrecognisedEventError(event, `${path} is not a text`);
  return value;
}

export { guardDutySeverity };

const SECURITY_HUB_LABELS: readonly string[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];

/** The alert an event stands for. */
export function parseEvent(event: EventBridgeEnvelope): Alert {
  const type = `${event.source} ${event['detail-type']}`;
  switch (type) {
    case 'aws.guardduty GuardDuty Finding':
      return guardDutyFinding(event);
    case 'aws.securityhub Security Hub Findings - Imported':
      return securityHubFinding(event);
    case 'aws.cloudwatch CloudWatch Alarm State Change':
      return regionalAlarm(event);
    case 'aws.backup Backup Job State Change':
      return backupJob(event, 'backup');
    case 'aws.backup Copy Job State Change':
      return backupJob(event, 'copy');
    case 'aws.backup Restore Job State Change':
      return isObject(event.detail) && event.detail.restoreTestingPlanArn !== undefined ? restoreTest(event) : backupJob(event, 'restore');
    default:
      if (event['detail-type'] === 'AWS API Call via CloudTrail') return findingTriage(event);
      throw new UnrecognisedEventError(event, 'no alert kind for this event');
  }
}

function guardDutyFinding(event: EventBridgeEnvelope): Alert {
  const detail = event.detail;
  const score = field(event, detail, 'severity');
  if (typeof score !== 'number') throw new UnrecognisedEventError(event, 'severity is not a number');
  const id = text(event, detail, 'id');
  const region = text(event, detail, 'region');
  return {
    kind: 'guardduty-finding',
    facts: {
      title: text(event, detail, 'title'),
      type: text(event, detail, 'type'),
      score,
      resourceType: text(event, detail, 'resource.resourceType'),
      findingId: id,
    },
    severity: guardDutySeverity(score),
    accountId: text(event, detail, 'accountId'),
    region,
    time: text(event, detail, 'updatedAt'),
    consoleUrl: `https://console.aws.amazon.com/guardduty/home?region=${region}#/findings?macros=current&fId=${encodeURIComponent(id)}`,
    id: `guardduty/${id}`,
  };
}

function securityHubFinding(event: EventBridgeEnvelope): Alert {
  const findings = field(event, event.detail, 'findings');
  // Security Hub sends one finding per "Findings - Imported" event.
  if (!Array.isArray(findings) || findings.length !== 1) throw new UnrecognisedEventError(event, 'findings is not a list of one');
  const finding: unknown = findings[0];
  const label = text(event, finding, 'Severity.Label');
  if (!SECURITY_HUB_LABELS.includes(label)) throw new UnrecognisedEventError(event, `unknown severity label ${label}`);
  const resources = field(event, finding, 'Resources');
  const resource = Array.isArray(resources) && resources.length > 0 ? text(event, resources[0], 'Id') : 'unknown';
  const id = text(event, finding, 'Id');
  const region = text(event, finding, 'Region');
  return {
    kind: 'securityhub-finding',
    facts: { title: text(event, finding, 'Title'), product: text(event, finding, 'ProductName'), resource, findingId: id },
    severity: label as Severity,
    accountId: text(event, finding, 'AwsAccountId'),
    region,
    time: text(event, finding, 'UpdatedAt'),
    consoleUrl: `https://console.aws.amazon.com/securityhub/home?region=${region}#/findings`,
    id: `securityhub/${id}`,
  };
}

function findingTriage(event: EventBridgeEnvelope): Alert {
  const detail = event.detail;
  const call = text(event, detail, 'eventName');
  const region = text(event, detail, 'awsRegion');
  return {
    kind: 'finding-triage',
    facts: {
      call,
      service: text(event, detail, 'eventSource'),
      caller: text(event, detail, 'userIdentity.arn'),
      sourceIp: text(event, detail, 'sourceIPAddress'),
    },
    severity: 'MEDIUM',
    accountId: text(event, detail, 'recipientAccountId'),
    region,
    time: text(event, detail, 'eventTime'),
    consoleUrl: `https://console.aws.amazon.com/cloudtrailv2/home?region=${region}#/events?EventName=${encodeURIComponent(call)}`,
    id: `cloudtrail/${text(event, detail, 'eventID')}`,
  };
}

function regionalAlarm(event: EventBridgeEnvelope): Alert {
  const detail = event.detail;
  const alarmName = text(event, detail, 'alarmName');
  return {
    kind: 'regional-alarm',
    facts: {
      alarmName,
      description: text(event, detail, 'configuration.description'),
      reason: text(event, detail, 'state.reason'),
    },
    severity: 'HIGH',
    accountId: event.account,
    region: event.region,
    time: event.time,
    consoleUrl: `https://console.aws.amazon.com/cloudwatch/home?region=${event.region}#alarmsV2:alarm/${encodeURIComponent(alarmName)}`,
    id: `alarm/${event.region}/${alarmName}/${text(event, detail, 'state.timestamp')}`,
  };
}

/** Where each job type's id, resource and state are (restore jobs report `status`, the others `state`). */
const BACKUP_JOB_FIELDS = {
  backup: { id: 'backupJobId', resource: 'resourceArn', state: 'state' },
  copy: { id: 'copyJobId', resource: 'resourceArn', state: 'state' },
  restore: { id: 'restoreJobId', resource: 'sourceResourceArn', state: 'status' },
} as const;

/** AWS Backup's status message, which some failed jobs lack. */
function reasonOf(detail: unknown): string {
  return isObject(detail) && typeof detail.statusMessage === 'string' && detail.statusMessage.length > 0 ? detail.statusMessage : '-';
}

/** What an AWS Backup job event says about the job, whatever its type. */
function jobOf(event: EventBridgeEnvelope, jobType: 'backup' | 'copy' | 'restore') {
  const fields = BACKUP_JOB_FIELDS[jobType];
  const detail = event.detail;
  return {
    jobId: text(event, detail, fields.id),
    state: text(event, detail, fields.state),
    resourceType: text(event, detail, 'resourceType'),
    resource: text(event, detail, fields.resource),
    reason: reasonOf(detail),
  };
}

const backupConsole = (event: EventBridgeEnvelope, jobType: string, jobId: string) =>
  `https://console.aws.amazon.com/backup/home?region=${event.region}#/jobs/${jobType}/details/${encodeURIComponent(jobId)}`;

function backupJob(event: EventBridgeEnvelope, jobType: 'backup' | 'copy' | 'restore'): Alert {
  const { jobId, ...facts } = jobOf(event, jobType);
  return {
    kind: 'backup-job',
    facts: { jobType, ...facts },
    // A partial backup still saved something; everything else left the resource without one.
    severity: facts.state === 'PARTIAL' ? 'MEDIUM' : 'HIGH',
    accountId: event.account,
    region: event.region,
    time: event.time,
    consoleUrl: backupConsole(event, jobType, jobId),
    id: `backup/${jobType}/${jobId}/${facts.state}`,
  };
}

function restoreTest(event: EventBridgeEnvelope): Alert {
  const { jobId, ...facts } = jobOf(event, 'restore');
  return {
    kind: 'restore-test',
    facts,
    severity: 'HIGH',
    accountId: event.account,
    region: event.region,
    time: event.time,
    consoleUrl: backupConsole(event, 'restore', jobId),
    id: `backup/restore-test/${jobId}/${facts.state}`,
  };
}

/** Findings alert once per finding, and again only when their severity rises. */
export function dedupeKey(alert: Alert): string | undefined {
  return alert.kind === 'guardduty-finding' || alert.kind === 'securityhub-finding' ? alert.id : undefined;
}

/** Severity as a number that rises with it (INFORMATIONAL 0 ... CRITICAL 4). */
export function severityRank(severity: Severity): number {
  return ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'].indexOf(severity);
}
