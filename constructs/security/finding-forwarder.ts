import { languageOf } from '../shared/language';
import { catalogue } from '../../lib/core/alerts/catalogue';
import { Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct, IConstruct } from 'constructs';
import { acknowledge } from '../shared/compliance';
import { EventDeadLetterQueue } from '../foundation/event-delivery';
import { findingTriagePattern, TriagedService } from './finding-triage-alerts';

/** Properties of {@link FindingForwarder}. */
export interface FindingForwarderProps {
  /** The region whose default event bus receives the findings: the account's home region. */
  readonly homeRegion: string;

  /**
   * Forward GuardDuty and Security Hub findings (false when neither runs).
   * @default true
   */
  readonly forwardFindings?: boolean;

  /**
   * Also forward the hand triage calls of these services (see {@link FindingTriageAlerts}), to the
   * triage notice rule of the home region.
   * @default - none
   */
  readonly triagedServices?: readonly TriagedService[];
}

/**
 * Forwards the GuardDuty and Security Hub findings of one region to the default event bus of the
 * account's home region, where {@link FindingAlerts} turns them into alerts, and the calls that
 * archive or suppress findings by hand, where {@link FindingTriageAlerts} reports them.
 *
 * EventBridge rules can only publish to SNS topics of their own region; forwarding to the home
 * region keeps one alert topic, one set of alert rules and one place to change them, instead of
 * a topic (and a KMS key to encrypt it) in every allowed region. Cross-region event bus targets
 * cost USD 1 per million events: nothing at finding volumes.
 */
export class FindingForwarder extends Construct {
  /** The rule that forwards findings, unless `forwardFindings` is false. */
  readonly rule?: events.Rule;
  /** The rule that forwards triage calls, when `triagedServices` lists any. */
  readonly triageRule?: events.Rule;
  /** Findings EventBridge could not forward (after 24 hours of retries), kept 14 days. */
  readonly deadLetterQueue: sqs.IQueue;
  /**
   * In ALARM as soon as one event waits in {@link deadLetterQueue}. It has no action (alarm actions
   * must be in the alarm's region, which has no topic); its state changes are forwarded to the
   * home region, where {@link ForwardedAlarmAlerts} sends them to the operations topic.
   */
  readonly undeliveredAlarm: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: FindingForwarderProps) {
    super(scope, id);
    const stack = Stack.of(this);
    if (!Token.isUnresolved(stack.region) && props.homeRegion === stack.region) {
      throw new Error(
        `FindingForwarder ${this.node.path}: homeRegion must be another region than the stack's own (received ${props.homeRegion}); in the home region, FindingAlerts reads the findings directly`,
      );
    }
    const forwardFindings = props.forwardFindings ?? true;
    const triagedServices = props.triagedServices ?? [];
    if (!forwardFindings && triagedServices.length === 0) {
      throw new Error(
        `FindingForwarder ${this.node.path}: nothing to forward: forwardFindings is false and triagedServices is empty; leave the forwarder out instead`,
      );
    }
    const homeBusArn = `arn:${stack.partition}:events:${props.homeRegion}:${stack.account}:event-bus/default`;

    const role = new iam.Role(this, 'ForwardRole', {
      description: `EventBridge: forwards security findings of ${stack.region} to the home region ${props.homeRegion}`,
      assumedBy: new iam.ServicePrincipal('events.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:events:${stack.region}:${stack.account}:rule/*` },
        },
      }),
    });
    // A customer managed policy (NIST/HIPAA/PCI IAMNoInlinePolicy) allowing exactly one bus.
    new iam.ManagedPolicy(this, 'ForwardPolicy', {
      description: `Put security findings on the default event bus of ${props.homeRegion}`,
      statements: [new iam.PolicyStatement({ actions: ['events:PutEvents'], resources: [homeBusArn] })],
      roles: [role],
    });

    const deadLetterQueue = new EventDeadLetterQueue(this, 'UnforwardedFindings', {
      usedBy: 'the rules that forward findings and triage calls',
    });
    this.deadLetterQueue = deadLetterQueue;
    this.undeliveredAlarm = deadLetterQueue.alarmWhenNotEmpty(this, 'UndeliveredAlarm', {
      description: catalogue(languageOf(this)).alarms.unforwarded(stack.region, props.homeRegion),
    });
    const noAction =
      "Alarm actions must be in the alarm's region, and this region deliberately has no topic (and no KMS key for one); the alarm's ALARM state change is forwarded by the rule beside it to the home region, where ForwardedAlarmAlerts sends it to the operations topic.";
    const alarmResource = this.undeliveredAlarm.node.defaultChild as IConstruct;
    acknowledge(alarmResource, 'NIST.800.53.R5-CloudWatchAlarmAction', noAction);
    acknowledge(alarmResource, 'HIPAA.Security-CloudWatchAlarmAction', noAction);

    const homeBus = events.EventBus.fromEventBusArn(this, 'HomeBus', homeBusArn);
    const target = () => new targets.EventBus(homeBus, { role: role.withoutPolicyUpdates(), deadLetterQueue });
    if (forwardFindings) {
      this.rule = new events.Rule(this, 'Resource', {
        description: `GuardDuty and Security Hub findings of ${stack.region} to the home region ${props.homeRegion}`,
        eventPattern: {
          source: ['aws.guardduty', 'aws.securityhub'],
          detailType: ['GuardDuty Finding', 'Security Hub Findings - Imported'],
        },
        targets: [target()],
      });
    }
    // The alarm travels the same way. If forwarding itself is broken (the home bus refuses the
    // role), its state change waits in the same queue: the alarm then shows only in this region.
    new events.Rule(this, 'AlarmStateChanges', {
      description: `The forwarder's own alarm in ${stack.region} to the home region ${props.homeRegion}`,
      eventPattern: {
        source: ['aws.cloudwatch'],
        detailType: ['CloudWatch Alarm State Change'],
        resources: [this.undeliveredAlarm.alarmArn],
        detail: { state: { value: ['ALARM'] } },
      },
      targets: [target()],
    });
    if (triagedServices.length > 0) {
      this.triageRule = new events.Rule(this, 'TriageCalls', {
        description: `Findings archived or suppressed by hand in ${stack.region} to the home region ${props.homeRegion}`,
        eventPattern: findingTriagePattern(triagedServices),
        targets: [target()],
      });
    }
  }
}
