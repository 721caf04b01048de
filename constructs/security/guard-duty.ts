import { RemovalPolicy } from 'aws-cdk-lib';
import * as guardduty from 'aws-cdk-lib/aws-guardduty';
import { Construct } from 'constructs';

/**
 * GuardDuty protection plans beyond foundational threat detection. The prices below are
 * approximate us-east-1 list prices that could not be confirmed against the AWS pricing page when
 * this was written (the foundational prices on {@link GuardDuty} were): check
 * https://aws.amazon.com/guardduty/pricing/ before promising a client a figure. Every plan has a
 * 30-day free trial per region, and the GuardDuty console's Usage page projects the monthly cost
 * during it.
 */
export interface GuardDutyFeatures {
  /**
   * S3 Protection: analyses CloudTrail S3 data events (object reads and writes) for anomalous
   * access. About USD 0.80 per million S3 data events analysed (tiered down with volume): cents
   * for a small company's buckets, but a busy bucket written by an application can make it the
   * largest GuardDuty charge.
   * @default true
   */
  readonly s3DataEvents?: boolean;

  /**
   * EKS Protection: analyses EKS control-plane audit logs. Priced per million audit log events;
   * useless without EKS clusters.
   * @default false
   */
  readonly eksAuditLogs?: boolean;

  /**
   * Malware Protection for EC2 (GuardDuty-initiated): when a finding suggests malware on an EC2
   * instance or container, GuardDuty snapshots its EBS volumes and scans them. Priced per GB
   * scanned (about USD 0.04), plus the snapshots while the scan runs; nothing when no finding
   * triggers a scan.
   * @default false
   */
  readonly ebsMalwareProtection?: boolean;

  /**
   * RDS Protection: analyses login activity of Aurora and RDS databases. Priced per vCPU (or ACU)
   * of the monitored databases per month; nothing without databases.
   * @default true
   */
  readonly rdsLoginEvents?: boolean;

  /**
   * Lambda Protection: analyses the network activity of Lambda functions. Priced per GB of
   * network activity logs analysed.
   * @default false
   */
  readonly lambdaNetworkLogs?: boolean;

  /**
   * Runtime Monitoring: a GuardDuty security agent on EC2 instances, ECS Fargate tasks and EKS
   * nodes, deployed and updated by GuardDuty (automated agent management for all three is turned
   * on with it; GuardDuty then adds a VPC endpoint per VPC). Priced per monitored vCPU per month
   * (about USD 1.50 per vCPU for the first 500): for workloads that run containers or servers.
   * @default false
   */
  readonly runtimeMonitoring?: boolean;
}

/** How often GuardDuty publishes updates of findings it already reported. */
export type FindingPublishingFrequency = 'FIFTEEN_MINUTES' | 'ONE_HOUR' | 'SIX_HOURS';

const FINDING_PUBLISHING_FREQUENCIES: readonly string[] = ['FIFTEEN_MINUTES', 'ONE_HOUR', 'SIX_HOURS'];

/** Properties of {@link GuardDuty}. */
export interface GuardDutyProps {
  /**
   * How often GuardDuty sends updates of active findings (new occurrences of the same activity)
   * to EventBridge and Security Hub. New findings are always published within about five minutes.
   *
   * `FIFTEEN_MINUTES` because the security topic alerts on these events: an attack that is still
   * going on is reported again within 15 minutes instead of up to six hours later (the AWS
   * default). It costs nothing: GuardDuty's price does not depend on it and EventBridge does not
   * charge for AWS service events; the price is more emails while an attack lasts.
   * @default 'FIFTEEN_MINUTES'
   */
  readonly findingPublishingFrequency?: FindingPublishingFrequency;

  /**
   * Protection plans. Each one is set explicitly to enabled or disabled: GuardDuty enables every
   * plan that a detector does not mention (except Runtime Monitoring).
   * @default - S3 and RDS Protection on, the others off
   */
  readonly features?: GuardDutyFeatures;
}

/** The protection plans of {@link GuardDutyFeatures} as the `Features` of a detector: prop, API name, default. */
export const FEATURE_NAMES: ReadonlyArray<[keyof GuardDutyFeatures, string, boolean]> = [
  ['s3DataEvents', 'S3_DATA_EVENTS', true],
  ['eksAuditLogs', 'EKS_AUDIT_LOGS', false],
  ['ebsMalwareProtection', 'EBS_MALWARE_PROTECTION', false],
  ['rdsLoginEvents', 'RDS_LOGIN_EVENTS', true],
  ['lambdaNetworkLogs', 'LAMBDA_NETWORK_LOGS', false],
  // EKS_RUNTIME_MONITORING is deliberately absent: RUNTIME_MONITORING includes EKS, and naming
  // both in one detector is an error.
  ['runtimeMonitoring', 'RUNTIME_MONITORING', false],
];

/**
 * Amazon GuardDuty threat detection in one region: an enabled detector with explicitly chosen
 * protection plans (the `Features` property; the deprecated `DataSources` is never set).
 *
 * Foundational threat detection (CloudTrail management events, VPC flow logs, DNS query logs)
 * is always on. It is priced by volume: USD 4.00 per million CloudTrail management events and
 * USD 1.00 per GB of VPC flow and DNS logs (us-east-1, first tiers, checked 2026). A small
 * company's account typically pays USD 1-5 per month per active region, and a few cents in
 * regions it does not use.
 *
 * GuardDuty allows **one detector per region and account**. In an account where GuardDuty was
 * enabled by hand, the deployment fails because a detector already exists: delete it first
 * (`aws guardduty delete-detector`, which also deletes its findings; export them before if they
 * matter), or import it into the stack with `cdk import`.
 */
export class GuardDuty extends Construct {
  /** The detector. */
  readonly detector: guardduty.CfnDetector;

  constructor(scope: Construct, id: string, props: GuardDutyProps = {}) {
    super(scope, id);
    const findingPublishingFrequency = props.findingPublishingFrequency ?? 'FIFTEEN_MINUTES';
    const features = props.features ?? {};

    if (!FINDING_PUBLISHING_FREQUENCIES.includes(findingPublishingFrequency)) {
      throw new Error(
        `GuardDuty ${this.node.path}: findingPublishingFrequency must be one of ${FINDING_PUBLISHING_FREQUENCIES.join(', ')} (received ${JSON.stringify(findingPublishingFrequency)})`,
      );
    }
    for (const [name, value] of Object.entries(features)) {
      if (!FEATURE_NAMES.some(([known]) => known === name)) {
        throw new Error(
          `GuardDuty ${this.node.path}: features.${name} is not a known protection plan; allowed: ${FEATURE_NAMES.map(([known]) => known).join(', ')}`,
        );
      }
      if (value !== undefined && typeof value !== 'boolean') {
        throw new Error(`GuardDuty ${this.node.path}: features.${name} must be true or false (received ${JSON.stringify(value)})`);
      }
    }

    this.detector = new guardduty.CfnDetector(this, 'Resource', {
      enable: true,
      findingPublishingFrequency,
      features: FEATURE_NAMES.map(([prop, name, enabledByDefault]) => {
        const enabled = features[prop] ?? enabledByDefault;
        const feature: guardduty.CfnDetector.CFNFeatureConfigurationProperty = { name, status: enabled ? 'ENABLED' : 'DISABLED' };
        if (name === 'RUNTIME_MONITORING' && enabled) {
          // Without automated agent management Runtime Monitoring watches nothing until someone
          // installs the agent on every instance, task and cluster by hand.
          return {
            ...feature,
            additionalConfiguration: ['EKS_ADDON_MANAGEMENT', 'ECS_FARGATE_AGENT_MANAGEMENT', 'EC2_AGENT_MANAGEMENT'].map((config) => ({
              name: config,
              status: 'ENABLED',
            })),
          };
        }
        return feature;
      }),
    });
    // The detector holds the account's findings (90 days): switching GuardDuty off in the client
    // file, or deleting the stack, leaves it in place. Suspend or disable it by hand to stop paying.
    this.detector.applyRemovalPolicy(RemovalPolicy.RETAIN);
  }
}
