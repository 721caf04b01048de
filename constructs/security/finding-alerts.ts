import { languageOf } from '../shared/language';
import { catalogue } from '../../lib/core/alerts/catalogue';
import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AlertNotifier, type AlertNotifierRef } from '../foundation/alert-notifier';
import { EventDeadLetterQueue } from '../foundation/event-delivery';

/** Severity labels of Security Hub findings (ASFF `Severity.Label`). */
export type SecurityHubSeverityLabel = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';

const SECURITY_HUB_SEVERITY_LABELS: readonly string[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];

/** Properties of {@link FindingAlerts}. */
export interface FindingAlertsProps {
  /**
   * The account's alert notifier (in this region), which renders the findings and publishes them
   * to the security topic for email and chat.
   */
  readonly notifier: AlertNotifierRef;

  /**
   * GuardDuty findings with at least this severity are sent. GuardDuty severities: low 1.0-3.9,
   * medium 4.0-6.9, high 7.0-8.9, critical 9.0-10.0.
   * @default 7 (high and critical)
   */
  readonly guardDutyMinSeverity?: number;

  /**
   * Security Hub findings with one of these severity labels are sent (only new, active findings;
   * GuardDuty's own findings are left out, the GuardDuty rule sends them already).
   * @default ['CRITICAL', 'HIGH']
   */
  readonly securityHubSeverities?: SecurityHubSeverityLabel[];

  /**
   * A topic (not the alert topic) that gets an alarm as soon as one finding could not be
   * published, for example the operations topic. The finding itself waits 14 days in
   * {@link FindingAlerts.deadLetterQueue}.
   * @default - no alarm
   */
  readonly undeliveredAlarmTopic?: sns.ITopic;
}

/**
 * EventBridge rules that send serious GuardDuty and Security Hub findings to the account's alert
 * notifier, which alerts the security topic (email and chat) once per finding, and again only when
 * its severity rises.
 *
 * - GuardDuty: every finding (new, and updates of active ones at the detector's publishing
 *   frequency) with severity >= `guardDutyMinSeverity`.
 * - Security Hub: findings with a severity label in `securityHubSeverities`, workflow status NEW
 *   and record state ACTIVE, except those GuardDuty produced. Security Hub re-sends a failed
 *   control every time it re-checks it (every 12-24 hours): set the finding's workflow status to
 *   NOTIFIED or SUPPRESSED once someone has taken it, and the reminders stop (that update is
 *   itself reported, see {@link FindingTriageAlerts}).
 *
 * The rules are regional: the other regions forward their findings to the home region
 * ({@link FindingForwarder}), where these rules and the notifier are. AWS service events on the
 * default event bus cost nothing.
 */
export class FindingAlerts extends Construct {
  /** The rule for GuardDuty findings. */
  readonly guardDutyRule: events.Rule;
  /** The rule for Security Hub findings. */
  readonly securityHubRule: events.Rule;
  /** Findings EventBridge could not hand to the notifier (after 24 hours of retries), kept 14 days. */
  readonly deadLetterQueue: sqs.IQueue;

  constructor(scope: Construct, id: string, props: FindingAlertsProps) {
    super(scope, id);
    const guardDutyMinSeverity = props.guardDutyMinSeverity ?? 7;
    const securityHubSeverities = props.securityHubSeverities ?? ['CRITICAL', 'HIGH'];
    const stack = Stack.of(this);

    if (
      typeof guardDutyMinSeverity !== 'number' ||
      !Number.isFinite(guardDutyMinSeverity) ||
      guardDutyMinSeverity < 1 ||
      guardDutyMinSeverity > 10
    ) {
      throw new Error(
        `FindingAlerts ${this.node.path}: guardDutyMinSeverity must be a number from 1 to 10 (low 1, medium 4, high 7, critical 9) (received ${guardDutyMinSeverity})`,
      );
    }
    if (securityHubSeverities.length === 0) {
      throw new Error(
        `FindingAlerts ${this.node.path}: securityHubSeverities must list at least one of ${SECURITY_HUB_SEVERITY_LABELS.join(', ')} (received an empty list)`,
      );
    }
    for (const label of securityHubSeverities) {
      if (!SECURITY_HUB_SEVERITY_LABELS.includes(label)) {
        throw new Error(
          `FindingAlerts ${this.node.path}: securityHubSeverities contains ${JSON.stringify(label)}; allowed: ${SECURITY_HUB_SEVERITY_LABELS.join(', ')}`,
        );
      }
    }
    if (new Set(securityHubSeverities).size !== securityHubSeverities.length) {
      throw new Error(
        `FindingAlerts ${this.node.path}: securityHubSeverities lists a label more than once (received ${securityHubSeverities.join(', ')})`,
      );
    }

    const deadLetterQueue = new EventDeadLetterQueue(this, 'UndeliveredFindings', { usedBy: 'the finding alert rules' });
    this.deadLetterQueue = deadLetterQueue;
    if (props.undeliveredAlarmTopic) {
      deadLetterQueue.alarmWhenNotEmpty(this, 'UndeliveredAlarm', {
        alarmTopic: props.undeliveredAlarmTopic,
        description: catalogue(languageOf(this)).alarms.undeliveredFindings(stack.region),
      });
    }
    const target = AlertNotifier.target(this, 'Notifier', props.notifier, deadLetterQueue);

    this.guardDutyRule = new events.Rule(this, 'GuardDutyFindings', {
      description: `GuardDuty findings with severity >= ${guardDutyMinSeverity} to the alert notifier`,
      eventPattern: {
        source: ['aws.guardduty'],
        detailType: ['GuardDuty Finding'],
        detail: { severity: events.Match.greaterThanOrEqual(guardDutyMinSeverity) },
      },
      targets: [target],
    });

    this.securityHubRule = new events.Rule(this, 'SecurityHubFindings', {
      description: `Security Hub findings (${securityHubSeverities.join(', ')}; new, active) to the alert notifier`,
      eventPattern: {
        source: ['aws.securityhub'],
        detailType: ['Security Hub Findings - Imported'],
        detail: {
          findings: {
            Severity: { Label: [...securityHubSeverities] },
            Workflow: { Status: ['NEW'] },
            RecordState: ['ACTIVE'],
            // GuardDuty findings reach Security Hub too; the GuardDuty rule sends them already.
            ProductName: events.Match.anythingBut('GuardDuty'),
          },
        },
      },
      targets: [target],
    });
  }
}
