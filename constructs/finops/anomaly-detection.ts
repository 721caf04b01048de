import { Stack, Token } from 'aws-cdk-lib';
import * as ce from 'aws-cdk-lib/aws-ce';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { AlertTopic, topicForService } from '../foundation/alert-topic';

/** The service principal AWS Cost Anomaly Detection publishes to SNS with. */
export const COST_ANOMALY_DETECTION_PRINCIPAL = 'costalerts.amazonaws.com';

/** The only region where CloudFormation has the `AWS::CE::*` resource types. */
export const COST_EXPLORER_REGION = 'us-east-1';

const MONITOR_ARN = /^arn:aws[a-z-]*:ce::\d{12}:anomalymonitor\/[-a-zA-Z0-9/:_]+$/;

/** Properties of {@link CostAnomalyDetection}. */
export interface CostAnomalyDetectionProps {
  /**
   * Where anomalies are sent, immediately, as they are detected: an SNS topic of this account, in
   * any region (the subscription's address is an ARN; the platform passes the FinOps alert topic
   * of the home region). An {@link AlertTopic} of this stack is opened to Cost Anomaly Detection
   * here (topic policy with `aws:SourceAccount`, use of its key) and created first; any other
   * topic must already admit `costalerts.amazonaws.com` (see {@link AlertTopic.allowServiceToPublish}).
   */
  readonly alertTopic: AlertTopic | sns.ITopic;

  /**
   * An anomaly is sent when its total impact is at least this many US dollars...
   * @default 20
   */
  readonly minImpactUsd?: number;

  /**
   * ... and at least this many percent above the expected spend (both must hold).
   * @default 20
   */
  readonly minImpactPercent?: number;

  /**
   * The ARN of the account's existing AWS services monitor (`arn:aws:ce::<account>:anomalymonitor/<id>`).
   * An account may have only one monitor of type DIMENSIONAL/SERVICE, and AWS creates one for
   * accounts that open Cost Explorer; creating a second fails the deployment. Pass the existing
   * one's ARN here (the subscription then uses it and no monitor is created), or delete it first.
   * @default - a new AWS services monitor is created
   */
  readonly existingMonitorArn?: string;

  /**
   * Name of the monitor, shown in the Cost Anomaly Detection console.
   * @default 'AWS services'
   */
  readonly monitorName?: string;

  /**
   * Name of the alert subscription, shown in the Cost Anomaly Detection console.
   * @default 'Anomalies to the FinOps alert topic'
   */
  readonly subscriptionName?: string;
}

/**
 * AWS Cost Anomaly Detection for the account's services: the AWS services monitor (one model per
 * service) and an alert subscription that sends each anomaly whose impact is at least
 * `minImpactUsd` and `minImpactPercent` to an SNS topic as soon as it is detected (frequency
 * IMMEDIATE; DAILY and WEEKLY summaries go to email only). Free of charge.
 *
 * Where: CloudFormation knows `AWS::CE::AnomalyMonitor` and `AWS::CE::AnomalySubscription` only in
 * us-east-1 (elsewhere: "Unrecognized resource types", aws-cloudformation/
 * cloudformation-coverage-roadmap#1375), so the construct refuses any other stack region. The
 * alert topic need not follow: Cost Anomaly Detection is a global service that publishes to the
 * topic its subscription names, and the AWS guide asks only for the topic policy (and, for an
 * encrypted topic, the key grant), no region. Create the construct once per account: monitors
 * and subscriptions belong to the account.
 *
 * One AWS services monitor per account: see {@link CostAnomalyDetectionProps.existingMonitorArn}.
 * Linked-account, tag and cost-category monitors exist only in the management account and are not
 * created here.
 */
export class CostAnomalyDetection extends Construct {
  /** The monitor this construct created, if it created one. */
  readonly monitor?: ce.CfnAnomalyMonitor;
  /** The ARN of the monitor the subscription follows. */
  readonly monitorArn: string;
  /** The alert subscription. */
  readonly subscription: ce.CfnAnomalySubscription;

  constructor(scope: Construct, id: string, props: CostAnomalyDetectionProps) {
    super(scope, id);
    const minImpactUsd = props.minImpactUsd ?? 20;
    const minImpactPercent = props.minImpactPercent ?? 20;
    const monitorName = props.monitorName ?? 'AWS services';
    const subscriptionName = props.subscriptionName ?? 'Anomalies to the FinOps alert topic';
    const where = `CostAnomalyDetection ${this.node.path}`;
    const stack = Stack.of(this);

    if (!Token.isUnresolved(stack.region) && stack.region !== COST_EXPLORER_REGION) {
      throw new Error(
        `${where}: must be in a stack in ${COST_EXPLORER_REGION}, the only region where CloudFormation has AWS::CE::AnomalyMonitor and AWS::CE::AnomalySubscription (received a stack in ${stack.region}); ` +
          `create a ${COST_EXPLORER_REGION} stack for it (its alert topic may stay in the home region)`,
      );
    }
    if (!Token.isUnresolved(minImpactUsd) && !(Number.isFinite(minImpactUsd) && minImpactUsd > 0)) {
      throw new Error(`${where}: minImpactUsd must be a number of US dollars greater than zero (received ${minImpactUsd})`);
    }
    if (!Token.isUnresolved(minImpactPercent) && !(Number.isFinite(minImpactPercent) && minImpactPercent > 0)) {
      throw new Error(`${where}: minImpactPercent must be a percentage greater than zero (received ${minImpactPercent})`);
    }
    if (
      props.existingMonitorArn !== undefined &&
      !Token.isUnresolved(props.existingMonitorArn) &&
      !MONITOR_ARN.test(props.existingMonitorArn)
    ) {
      throw new Error(
        `${where}: existingMonitorArn must be a Cost Anomaly Detection monitor ARN such as arn:aws:ce::123456789012:anomalymonitor/<id> (received ${JSON.stringify(props.existingMonitorArn)})`,
      );
    }

    const { topicArn, createAfter } = topicForService(props.alertTopic, COST_ANOMALY_DETECTION_PRINCIPAL);

    if (props.existingMonitorArn === undefined) {
      this.monitor = new ce.CfnAnomalyMonitor(this, 'Monitor', {
        monitorName,
        monitorType: 'DIMENSIONAL',
        monitorDimension: 'SERVICE',
      });
      this.monitorArn = this.monitor.attrMonitorArn;
    } else {
      this.monitorArn = props.existingMonitorArn;
    }

    this.subscription = new ce.CfnAnomalySubscription(this, 'Resource', {
      subscriptionName,
      monitorArnList: [this.monitorArn],
      // SNS subscribers only receive IMMEDIATE alerts.
      frequency: 'IMMEDIATE',
      subscribers: [{ type: 'SNS', address: topicArn }],
      // ThresholdExpression replaces the deprecated Threshold: both conditions must hold, so a
      // USD 25 anomaly on a USD 5,000 bill (0.5 %) and a 300 % jump of USD 2 stay quiet.
      thresholdExpression: JSON.stringify(thresholdExpression(minImpactUsd, minImpactPercent)),
    });
    // Cost Anomaly Detection needs the topic policy and key grant before it first publishes.
    if (createAfter) this.subscription.node.addDependency(createAfter);
  }
}

/** The subscription's threshold: total impact >= `usd` AND >= `percent` above expected spend. */
export function thresholdExpression(usd: number, percent: number): Record<string, unknown> {
  return {
    And: [
      { Dimensions: { Key: 'ANOMALY_TOTAL_IMPACT_ABSOLUTE', MatchOptions: ['GREATER_THAN_OR_EQUAL'], Values: [String(usd)] } },
      { Dimensions: { Key: 'ANOMALY_TOTAL_IMPACT_PERCENTAGE', MatchOptions: ['GREATER_THAN_OR_EQUAL'], Values: [String(percent)] } },
    ],
  };
}
