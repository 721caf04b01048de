import { Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { AlertTopicPublisher, assertTopicInRuleRegion, EventDeadLetterQueue } from '../foundation/event-delivery';

/** Properties of {@link ForwardedAlarmAlerts}. */
export interface ForwardedAlarmAlertsProps {
  /** Where the alarms go: the operations topic, in this (the home) region. */
  readonly alertTopic: sns.ITopic;

  /**
   * Only alarms whose name starts with this are sent: the client's stack prefix (`Acme-`), which
   * every platform alarm name starts with (`<stack name>-<what>`).
   */
  readonly alarmNamePrefix: string;

  /**
   * A topic (not `alertTopic`) that gets an alarm when one of these alarms could not be published.
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
 * (ALARM only) to this region's default bus, and this rule publishes them, with the region, the
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
    assertTopicInRuleRegion(where, this, props.alertTopic);
    const homeRegion = Stack.of(this).region;

    const deadLetterQueue = new EventDeadLetterQueue(this, 'UndeliveredAlarms', { usedBy: 'the forwarded alarm rule' });
    if (props.undeliveredAlarmTopic) {
      deadLetterQueue.alarmWhenNotEmpty(this, 'UndeliveredAlarm', {
        alarmTopic: props.undeliveredAlarmTopic,
        description: 'Alarms of other regions could not be sent to the operations topic',
      });
    }
    const publisher = new AlertTopicPublisher(this, 'PublishRole', {
      topic: props.alertTopic,
      deadLetterQueue,
      description: 'EventBridge: publishes the alarms of the other regions to the operations topic',
      policyDescription: 'Publish alarms of other regions to the operations topic',
    });

    const field = (path: string) => events.EventField.fromPath(path);
    this.rule = new events.Rule(this, 'Rule', {
      description: `Platform alarms of the other regions (forwarded) to the operations topic of ${homeRegion}`,
      eventPattern: {
        source: ['aws.cloudwatch'],
        detailType: ['CloudWatch Alarm State Change'],
        region: events.Match.anythingBut(homeRegion),
        detail: {
          alarmName: events.Match.prefix(props.alarmNamePrefix),
          state: { value: ['ALARM'] },
        },
      },
      targets: [
        publisher.target(
          events.RuleTargetInput.fromText(
            [
              `ALARM in ${field('$.region')}: ${field('$.detail.alarmName')}`,
              `${field('$.detail.configuration.description')}`,
              `reason: ${field('$.detail.state.reason')}`,
              `account ${field('$.account')}`,
              `https://console.aws.amazon.com/cloudwatch/home?region=${field('$.region')}#alarmsV2:alarm/${field('$.detail.alarmName')}`,
            ].join(' | '),
          ),
        ),
      ],
    });
  }
}
