import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { AlertTopicPublisher, assertTopicInRuleRegion, EventDeadLetterQueue } from '../foundation/event-delivery';

/** Severity labels of Security Hub findings (ASFF `Severity.Label`). */
export type SecurityHubSeverityLabel = 'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'INFORMATIONAL';

const SECURITY_HUB_SEVERITY_LABELS: readonly string[] = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];

/** Properties of {@link FindingAlerts}. */
export interface FindingAlertsProps {
  /**
   * Where the alerts go: the security alert topic, in the same region as these rules (EventBridge
   * rules deliver to SNS topics of their own region only).
   */
  readonly alertTopic: sns.ITopic;

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
 * EventBridge rules that send serious GuardDuty and Security Hub findings to the security alert
 * topic as one readable line: title, severity, account, region, resource and a console link.
 *
 * - GuardDuty: every finding (new, and updates of active ones at the detector's publishing
 *   frequency) with severity >= `guardDutyMinSeverity`.
 * - Security Hub: findings with a severity label in `securityHubSeverities`, workflow status NEW
 *   and record state ACTIVE, except those GuardDuty produced. Security Hub re-sends a failed
 *   control every time it re-checks it (every 12-24 hours): set the finding's workflow status to
 *   NOTIFIED or SUPPRESSED once someone has taken it, and the reminders stop (that update is
 *   itself reported, see {@link FindingTriageAlerts}).
 *
 * EventBridge publishes through a role that only this account's rules in this region may assume
 * and that may only publish to this topic (and use its key), instead of the topic policy that
 * `SnsTopic` adds by default: that statement lets `events.amazonaws.com` publish with no
 * condition, which would let EventBridge rules of other accounts (cross-account targets) send to
 * the topic. The topic therefore needs no `events.amazonaws.com` statement of its own.
 *
 * The rules are regional: create them in every region where GuardDuty and Security Hub run, with
 * a topic in that region. AWS service events on the default event bus cost nothing.
 */
export class FindingAlerts extends Construct {
  /** The rule for GuardDuty findings. */
  readonly guardDutyRule: events.Rule;
  /** The rule for Security Hub findings. */
  readonly securityHubRule: events.Rule;
  /** Findings EventBridge could not publish to the topic (after 24 hours of retries), kept 14 days. */
  readonly deadLetterQueue: sqs.IQueue;
  /** The role EventBridge publishes with. */
  readonly publishRole: iam.IRole;

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
    assertTopicInRuleRegion(`FindingAlerts ${this.node.path}`, this, props.alertTopic);

    const deadLetterQueue = new EventDeadLetterQueue(this, 'UndeliveredFindings', { usedBy: 'the finding alert rules' });
    this.deadLetterQueue = deadLetterQueue;
    if (props.undeliveredAlarmTopic) {
      deadLetterQueue.alarmWhenNotEmpty(this, 'UndeliveredAlarm', {
        alarmTopic: props.undeliveredAlarmTopic,
        description: `Security findings of ${stack.region} could not be sent to the alert topic`,
      });
    }
    const publisher = new AlertTopicPublisher(this, 'PublishRole', {
      topic: props.alertTopic,
      deadLetterQueue,
      description: `EventBridge: publishes GuardDuty and Security Hub findings of ${stack.region} to the security alert topic`,
      policyDescription: 'Publish security findings to the security alert topic',
    });
    this.publishRole = publisher;

    this.guardDutyRule = new events.Rule(this, 'GuardDutyFindings', {
      description: `GuardDuty findings with severity >= ${guardDutyMinSeverity} to the security alert topic`,
      eventPattern: {
        source: ['aws.guardduty'],
        detailType: ['GuardDuty Finding'],
        detail: { severity: events.Match.greaterThanOrEqual(guardDutyMinSeverity) },
      },
      targets: [
        publisher.target(
          events.RuleTargetInput.fromText(
            [
              `GuardDuty finding, severity ${events.EventField.fromPath('$.detail.severity')}: ${events.EventField.fromPath('$.detail.title')}`,
              `type ${events.EventField.fromPath('$.detail.type')}`,
              `account ${events.EventField.fromPath('$.detail.accountId')}`,
              `region ${events.EventField.fromPath('$.detail.region')}`,
              `resource ${events.EventField.fromPath('$.detail.resource.resourceType')}`,
              `https://console.aws.amazon.com/guardduty/home?region=${events.EventField.fromPath('$.detail.region')}#/findings?macros=current&fId=${events.EventField.fromPath('$.detail.id')}`,
            ].join(' | '),
          ),
        ),
      ],
    });

    this.securityHubRule = new events.Rule(this, 'SecurityHubFindings', {
      description: `Security Hub findings (${securityHubSeverities.join(', ')}; new, active) to the security alert topic`,
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
      targets: [
        publisher.target(
          events.RuleTargetInput.fromText(
            [
              `Security Hub ${events.EventField.fromPath('$.detail.findings[0].Severity.Label')}: ${events.EventField.fromPath('$.detail.findings[0].Title')}`,
              `account ${events.EventField.fromPath('$.detail.findings[0].AwsAccountId')}`,
              `region ${events.EventField.fromPath('$.detail.findings[0].Region')}`,
              `resource ${events.EventField.fromPath('$.detail.findings[0].Resources[0].Id')}`,
              `finding ${events.EventField.fromPath('$.detail.findings[0].Id')}`,
              `https://console.aws.amazon.com/securityhub/home?region=${events.EventField.fromPath('$.detail.findings[0].Region')}#/findings`,
            ].join(' | '),
          ),
        ),
      ],
    });
  }
}
