import { Aws } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { repoPath } from '../../lib/core/paths';
import { OPEN_FINDINGS_NAMESPACE } from '../../lib/core/security/open-findings';
import { acknowledge } from '../shared/compliance';
import { ScheduledFunction } from '../shared/scheduled-function';

/** Properties of {@link OpenFindingsCounter}. */
export interface OpenFindingsCounterProps {
  /** The client's IANA time zone: `runAt` is read in it. */
  readonly timeZone: string;
  /** Local time of the daily count. @default '06:30' */
  readonly runAt?: string;
  /** Encrypts the function's log group. */
  readonly logGroupKey: kms.IKey;
  /** Where a failed count alarms. */
  readonly operationsTopic: sns.ITopic;
}

/**
 * Counts the open high and critical Security Hub findings once a day and publishes them as
 * `LandingZone/Security OpenFindings {Severity}` (lambda/open-findings/), for the consultant's
 * portfolio dashboard: Security Hub itself publishes no such metric. Reads findings through
 * `GetFindings` on this account's hub only (in organization mode the delegated administrator's
 * hub, which aggregates every account) and writes only its namespace.
 */
export class OpenFindingsCounter extends Construct {
  readonly scheduled: ScheduledFunction;

  constructor(scope: Construct, id: string, props: OpenFindingsCounterProps) {
    super(scope, id);
    this.scheduled = new ScheduledFunction(this, 'Default', {
      entry: repoPath('lambda', 'open-findings', 'handler.ts'),
      serviceName: 'open-findings',
      name: 'OpenFindings',
      description: 'Counts the open high and critical Security Hub findings for the portfolio dashboard',
      schedules: ScheduledFunction.dailyAt([props.runAt ?? '06:30']),
      timeZone: props.timeZone,
      logGroupKey: props.logGroupKey,
      operationsTopic: props.operationsTopic,
    });
    this.scheduled.addManagedPolicy('ReadFindingsPolicy', "Open-findings counter: read the findings of this account's Security Hub", [
      new iam.PolicyStatement({
        sid: 'ReadFindings',
        actions: ['securityhub:GetFindings'],
        resources: [`arn:${Aws.PARTITION}:securityhub:${Aws.REGION}:${Aws.ACCOUNT_ID}:hub/default`],
      }),
    ]);
    const metricsPolicy = this.scheduled.addManagedPolicy(
      'PutMetricsPolicy',
      `Open-findings counter: metrics into ${OPEN_FINDINGS_NAMESPACE} only`,
      [
        new iam.PolicyStatement({
          sid: 'PutSecurityMetrics',
          actions: ['cloudwatch:PutMetricData'],
          resources: ['*'],
          conditions: { StringEquals: { 'cloudwatch:namespace': OPEN_FINDINGS_NAMESPACE } },
        }),
      ],
    );
    acknowledge(
      metricsPolicy,
      'AwsSolutions-IAM5[Resource::*]',
      `cloudwatch:PutMetricData has no resource-level permissions and only accepts "*"; the cloudwatch:namespace condition limits it to the ${OPEN_FINDINGS_NAMESPACE} namespace, so no other metric can be written.`,
    );
  }
}
