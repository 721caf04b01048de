import { languageOf } from '../shared/language';
import { catalogue } from '../../lib/core/alerts/catalogue';
import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { AlertNotifier, type AlertNotifierRef } from '../foundation/alert-notifier';
import { EventDeadLetterQueue } from '../foundation/event-delivery';

/** Properties of {@link ForwardedAlarmAlerts}. */
export interface ForwardedAlarmAlertsProps {
  /** The account's alert notifier (in this, the home region): it sends them to the operations topic. */
  readonly notifier: AlertNotifierRef;

  /**
   * Only alarms whose name starts with this are sent: the client's stack prefix (`Acme-`), which
   * every platform alarm name starts with (`<stack name>-<what>`).
   */
  readonly alarmNamePrefix: string;

  /**
   * A topic (not the operations topic) that gets an alarm when one of these alarms could not be handed on.
   * @default - no alarm
   */
  readonly undeliveredAlarmTopic?: sns.ITopic;
}

/**
 * Sends the alarms of the account's other regions to the operations topic of the home region.
 *
 * Alarm actions must be in the alarm's region, and the regional stacks deliberately have no topic
 * (nor the KMS key an encrypted topic needs: USD 1 per region and month). Their alarms therefore
 * have no action; {@link FindingForwarder} forwards their "CloudWatch Alarm State Change" events
 * (ALARM only) to this region's default bus, and this rule hands them to the alert notifier, which
 * sends them to the operations topic with the region, the
 * alarm's description and reason, and a console link. Alarms of the home region itself are left
 * out: they have their own actions.
 */
export class ForwardedAlarmAlerts extends Construct {
  /** The rule. */
  readonly rule: events.Rule;

  constructor(scope: Construct, id: string, props: ForwardedAlarmAlertsProps) {
    super(scope, id);
    const where = `ForwardedAlarmAlerts ${this.node.path}`;
    if (!/^[A-Za-z0-9][A-Za-z0-9-]*-$/.test(props.alarmNamePrefix)) {
      throw new Error(
        `${where}: alarmNamePrefix must be a stack name prefix of letters, digits and hyphens ending in a hyphen, e.g. "Acme-" (received ${JSON.stringify(props.alarmNamePrefix)})`,
      );
    }
    const homeRegion = Stack.of(this).region;

    const deadLetterQueue = new EventDeadLetterQueue(this, 'UndeliveredAlarms', { usedBy: 'the forwarded alarm rule' });
    if (props.undeliveredAlarmTopic) {
      deadLetterQueue.alarmWhenNotEmpty(this, 'UndeliveredAlarm', {
        alarmTopic: props.undeliveredAlarmTopic,
        description: catalogue(languageOf(this)).alarms.undeliveredRegionalAlarms,
      });
    }
    const target = AlertNotifier.target(this, 'Notifier', props.notifier, deadLetterQueue);
    this.rule = new events.Rule(this, 'Rule', {
      description: `Platform alarms of the other regions (forwarded) to the alert notifier of ${homeRegion}`,
      eventPattern: {
        source: ['aws.cloudwatch'],
        detailType: ['CloudWatch Alarm State Change'],
        region: events.Match.anythingBut(homeRegion),
        detail: {
          alarmName: events.Match.prefix(props.alarmNamePrefix),
          state: { value: ['ALARM'] },
        },
      },
      targets: [target],
    });
  }
}
