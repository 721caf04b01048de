import { languageOf } from '../shared/language';
import { catalogue } from '../../lib/core/alerts/catalogue';
import { ArnFormat, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import { addToDeadLetterQueueResourcePolicy } from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { SECURITY_NAMESPACE } from '../../lib/core/security/metrics';
import { EventDeadLetterQueue } from '../foundation/event-delivery';

/** Namespace of the security metrics the baseline derives from events (lib/core/security/metrics.ts). */
export { SECURITY_NAMESPACE };

/** Properties of {@link FindingMetrics}. */
export interface FindingMetricsProps {
  /** Key that encrypts the findings log group (its policy must allow CloudWatch Logs). */
  readonly logGroupKey: kms.IKey;
  /**
   * Retention of the findings log group.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly retention?: logs.RetentionDays;

  /**
   * Where the alarm goes when a finding event could not be written to the log group (after
   * EventBridge's 24 hours of retries): the operations topic, since the findings themselves still
   * reach the security topic through the finding alerts.
   * @default - no alarm (the dead-letter queue's depth is only a metric)
   */
  readonly undeliveredAlarmTopic?: sns.ITopic;
}

/** A counted severity band. */
interface SeverityBand {
  readonly label: string;
  readonly metricName: string;
  readonly pattern: string;
}

/** The bands counted: GuardDuty by numeric severity, Security Hub by label. */
export const FINDING_SEVERITY_BANDS: readonly SeverityBand[] = [
  { label: 'GuardDuty high', metricName: 'GuardDutyHighFindings', pattern: '{ $.source = "aws.guardduty" && $.detail.severity >= 7 }' },
  {
    label: 'GuardDuty medium',
    metricName: 'GuardDutyMediumFindings',
    pattern: '{ $.source = "aws.guardduty" && $.detail.severity >= 4 && $.detail.severity < 7 }',
  },
  { label: 'GuardDuty low', metricName: 'GuardDutyLowFindings', pattern: '{ $.source = "aws.guardduty" && $.detail.severity < 4 }' },
  {
    label: 'Security Hub critical',
    metricName: 'SecurityHubCriticalFindings',
    pattern: '{ $.source = "aws.securityhub" && $.detail.findings[0].Severity.Label = "CRITICAL" }',
  },
  {
    label: 'Security Hub high',
    metricName: 'SecurityHubHighFindings',
    pattern: '{ $.source = "aws.securityhub" && $.detail.findings[0].Severity.Label = "HIGH" }',
  },
  {
    label: 'Security Hub medium',
    metricName: 'SecurityHubMediumFindings',
    pattern: '{ $.source = "aws.securityhub" && $.detail.findings[0].Severity.Label = "MEDIUM" }',
  },
];

/**
 * Counts GuardDuty and Security Hub findings by severity into CloudWatch metrics for the
 * operations dashboard: an EventBridge rule (on the home region's bus, where the other regions
 * forward their findings) writes every finding event to an encrypted log group, and one metric
 * filter per severity band counts them. The log group also keeps the raw findings for a year.
 *
 * Cost: log ingestion at USD 0.50 per GB (findings are a few KB each) and, per band, a custom
 * metric billed only for the hours it has data.
 */
export class FindingMetrics extends Construct {
  /** The metrics, one per severity band, read with Sum per day. */
  readonly metrics: ReadonlyArray<{ readonly label: string; readonly metric: cloudwatch.IMetric }>;
  /** The log group with the raw finding events. */
  readonly logGroup: logs.ILogGroup;

  constructor(scope: Construct, id: string, props: FindingMetricsProps) {
    super(scope, id);
    const logGroup = new logs.LogGroup(this, 'Findings', {
      encryptionKey: props.logGroupKey,
      retention: props.retention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.logGroup = logGroup;

    // EventBridge writes to a log group under the log group's resource policy. The CDK target
    // would create that policy with a custom resource Lambda; CloudFormation has a resource type
    // for it, so no Lambda is needed.
    const stack = Stack.of(this);
    // EventBridge targets name the log group without the `:*` suffix of its CloudFormation Arn.
    const logGroupTargetArn = stack.formatArn({
      service: 'logs',
      resource: 'log-group',
      resourceName: logGroup.logGroupName,
      arnFormat: ArnFormat.COLON_RESOURCE_NAME,
    });
    new logs.CfnResourcePolicy(this, 'DeliveryPolicy', {
      policyName: `${stack.stackName}-finding-metrics`.slice(0, 255),
      policyDocument: stack.toJsonString(
        new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              principals: [new iam.ServicePrincipal('events.amazonaws.com'), new iam.ServicePrincipal('delivery.logs.amazonaws.com')],
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              resources: [`${logGroupTargetArn}:*`],
              conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
            }),
          ],
        }).toJSON(),
      ),
    });

    const deadLetterQueue = new EventDeadLetterQueue(this, 'UnloggedFindings', { usedBy: 'the finding metrics rule' });

    const rule = new events.Rule(this, 'Resource', {
      description: 'GuardDuty and Security Hub findings (all severities) to the findings log group, counted into metrics',
      eventPattern: {
        source: ['aws.guardduty', 'aws.securityhub'],
        detailType: ['GuardDuty Finding', 'Security Hub Findings - Imported'],
      },
    });
    rule.addTarget({
      bind: () => ({ arn: logGroupTargetArn, deadLetterConfig: { arn: deadLetterQueue.queueArn } }),
    });
    addToDeadLetterQueueResourcePolicy(rule, deadLetterQueue);
    if (props.undeliveredAlarmTopic) {
      deadLetterQueue.alarmWhenNotEmpty(this, 'UnloggedAlarm', {
        alarmTopic: props.undeliveredAlarmTopic,
        description: catalogue(languageOf(this)).alarms.unloggedFindings,
      });
    }

    this.metrics = FINDING_SEVERITY_BANDS.map((band) => {
      const filter = new logs.MetricFilter(this, band.metricName, {
        logGroup,
        filterPattern: logs.FilterPattern.literal(band.pattern),
        metricNamespace: SECURITY_NAMESPACE,
        metricName: band.metricName,
        metricValue: '1',
      });
      return { label: band.label, metric: filter.metric({ statistic: 'Sum', period: Duration.days(1), label: band.label }) };
    });
  }
}
