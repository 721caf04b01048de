import { languageOf } from '../shared/language';
import { catalogue } from '../../lib/core/alerts/catalogue';
import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { TriagedServiceName } from '../../lib/core/organization/account-roles';
import { AlertNotifier, type AlertNotifierRef } from '../foundation/alert-notifier';
import { EventDeadLetterQueue } from '../foundation/event-delivery';

/** A detection service whose findings people triage by hand. */
export type TriagedService = TriagedServiceName;

/** How a triage call of one service appears on the event bus. */
interface TriageApiCalls {
  /** The event's `source`. */
  readonly source: string;
  /** The CloudTrail record's `eventSource`. */
  readonly eventSource: string;
  /** The API calls that archive, suppress or re-rate findings: afterwards they no longer alert. */
  readonly eventNames: readonly string[];
}

/**
 * The calls that take findings out of sight. Archive and suppression rules, filters and trusted IP
 * lists are denied by the baseline protection boundary; these one-off calls are the triage work
 * an administrator must be able to do, so they are allowed and made visible instead.
 */
export const TRIAGE_API_CALLS: Readonly<Record<TriagedService, TriageApiCalls>> = {
  guardduty: { source: 'aws.guardduty', eventSource: 'guardduty.amazonaws.com', eventNames: ['ArchiveFindings'] },
  securityhub: {
    source: 'aws.securityhub',
    eventSource: 'securityhub.amazonaws.com',
    // UpdateFindings is the deprecated call that archives every finding a filter matches.
    eventNames: ['BatchUpdateFindings', 'BatchUpdateFindingsV2', 'UpdateFindings'],
  },
  'access-analyzer': {
    source: 'aws.access-analyzer',
    eventSource: 'access-analyzer.amazonaws.com',
    // ApplyArchiveRule runs an existing archive rule over the findings already there.
    eventNames: ['UpdateFindings', 'ApplyArchiveRule'],
  },
};

const TRIAGED_SERVICES = Object.keys(TRIAGE_API_CALLS) as TriagedService[];

/**
 * The event pattern of successful triage calls of `services`, as CloudTrail delivers them to
 * EventBridge. It needs a trail that logs management events: without one, EventBridge gets no
 * "AWS API Call via CloudTrail" events. Failed calls (`errorCode` set) changed nothing and do not
 * match. Shared by {@link FindingTriageAlerts} and the regional forwarder.
 */
export function findingTriagePattern(services: readonly TriagedService[]): events.EventPattern {
  const calls = services.map((service) => TRIAGE_API_CALLS[service]);
  return {
    source: calls.map((call) => call.source),
    detailType: ['AWS API Call via CloudTrail'],
    detail: {
      eventSource: calls.map((call) => call.eventSource),
      // One list for all services: the names that exist in two services (UpdateFindings) are
      // triage calls in both, and a name in the other service's list is not an API of this one.
      eventName: [...new Set(calls.flatMap((call) => call.eventNames))],
      errorCode: events.Match.doesNotExist(),
    },
  };
}

/** Properties of {@link FindingTriageAlerts}. */
export interface FindingTriageAlertsProps {
  /** The account's alert notifier (in this region): it sends the notices to the security topic. */
  readonly notifier: AlertNotifierRef;

  /** The services whose triage calls are reported: those the baseline switches on. */
  readonly services: readonly TriagedService[];

  /**
   * A topic (not the alert topic) that gets an alarm as soon as one notice could not be
   * published, for example the operations topic.
   * @default - no alarm
   */
  readonly undeliveredAlarmTopic?: sns.ITopic;
}

/**
 * Tells the security alert topic, through the account's alert notifier, whenever someone archives,
 * suppresses or re-rates findings by hand (GuardDuty `ArchiveFindings`, Security Hub
 * `BatchUpdateFindings`, Access Analyzer `UpdateFindings`, ...): who, from where, which call, in
 * which region, and a link to the call in CloudTrail. Triage is daily security work and stays allowed, but a finding put out of sight
 * should never go unnoticed: an intruder with administrator rights would archive the finding that
 * reports them.
 *
 * The rule sits in the home region; the regional forwarder sends the other regions' calls here
 * (CloudTrail events, like findings, reach only the default bus of their own region). It needs
 * the multi-region trail of the baseline. Every matching call sends one notice, also when a person
 * only marks findings as NOTIFIED: the notice is the audit trail of triage.
 */
export class FindingTriageAlerts extends Construct {
  /** The rule. */
  readonly rule: events.Rule;
  /** Notices EventBridge could not publish (after 24 hours of retries), kept 14 days. */
  readonly deadLetterQueue: sqs.IQueue;

  constructor(scope: Construct, id: string, props: FindingTriageAlertsProps) {
    super(scope, id);
    const where = `FindingTriageAlerts ${this.node.path}`;
    if (props.services.length === 0) {
      throw new Error(`${where}: services must list at least one of ${TRIAGED_SERVICES.join(', ')} (received an empty list)`);
    }
    for (const service of props.services) {
      if (!TRIAGED_SERVICES.includes(service)) {
        throw new Error(`${where}: services contains ${JSON.stringify(service)}; allowed: ${TRIAGED_SERVICES.join(', ')}`);
      }
    }
    if (new Set(props.services).size !== props.services.length) {
      throw new Error(`${where}: services lists a service more than once (received ${props.services.join(', ')})`);
    }
    const stack = Stack.of(this);

    const deadLetterQueue = new EventDeadLetterQueue(this, 'UndeliveredNotices', { usedBy: 'the finding triage rule' });
    this.deadLetterQueue = deadLetterQueue;
    if (props.undeliveredAlarmTopic) {
      deadLetterQueue.alarmWhenNotEmpty(this, 'UndeliveredAlarm', {
        alarmTopic: props.undeliveredAlarmTopic,
        description: catalogue(languageOf(this)).alarms.undeliveredTriage(stack.region),
      });
    }
    const target = AlertNotifier.target(this, 'Notifier', props.notifier, deadLetterQueue);

    this.rule = new events.Rule(this, 'Rule', {
      description: `Findings archived, suppressed or re-rated by hand (${props.services.join(', ')}) to the alert notifier`,
      eventPattern: findingTriagePattern(props.services),
      targets: [target],
    });
  }
}
