import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { AccessAnalyzer } from './access-analyzer';
import { CisConfigRules } from './cis-config-rules';
import { ConfigRecorder, RecordingFrequency } from './config-recorder';
import { GuardDuty, GuardDutyFeatures } from './guard-duty';
import { SecurityHub, SecurityHubStandard } from './security-hub';

/** Where and how AWS Config records in a region. */
export interface RegionalConfigSettings {
  /** The log archive bucket (imported by name in regions other than the home region). */
  readonly deliveryBucket: s3.IBucket;
  /**
   * Region of the bucket.
   * @default - the bucket's own region
   */
  readonly deliveryBucketRegion?: string;
  /**
   * The bucket's key, when this region's stack can reference it (the home region).
   * @default - the bucket's default key is used through S3 (`deliveryBucketDefaultKmsKey`)
   */
  readonly deliveryKey?: kms.IKey;
  /** Continuous or daily recording. */
  readonly recordingFrequency: RecordingFrequency;
  /** Whether to add the CIS detection rules. */
  readonly cisRules: boolean;
}

/** Properties of {@link RegionalSecurityBaseline}. */
export interface RegionalSecurityBaselineProps {
  /**
   * Whether this region records the account's global (IAM) resources and runs the global CIS
   * rules: exactly one region per account does (normally the home region), so they are neither
   * recorded nor paid for twice.
   */
  readonly globalResources: boolean;
  /**
   * AWS Config recorder and rules.
   * @default - no AWS Config in this region
   */
  readonly config?: RegionalConfigSettings;
  /**
   * GuardDuty protection plans.
   * @default - no GuardDuty detector in this region
   */
  readonly guardDuty?: GuardDutyFeatures;
  /**
   * Security Hub standards (an empty list enables Security Hub without standards).
   * @default - no Security Hub in this region
   */
  readonly securityHubStandards?: SecurityHubStandard[];
  /**
   * IAM Access Analyzer (external access): `true` or `'ACCOUNT'` for this account's zone of
   * trust, `'ORGANIZATION'` for the organization's (delegated administrator only).
   * @default false
   */
  readonly accessAnalyzer?: boolean | 'ACCOUNT' | 'ORGANIZATION';
}

/**
 * The security services that are regional and so run in every allowed region: AWS Config (with
 * the CIS detection rules), GuardDuty, Security Hub and IAM Access Analyzer. Each is optional.
 */
export class RegionalSecurityBaseline extends Construct {
  /** The Config recorder, when Config is on. */
  readonly configRecorder?: ConfigRecorder;
  /** The CIS detection rules, when on. */
  readonly cisRules?: CisConfigRules;
  /** The GuardDuty detector, when on. */
  readonly guardDuty?: GuardDuty;
  /** Security Hub, when on. */
  readonly securityHub?: SecurityHub;
  /** IAM Access Analyzer, when on. */
  readonly accessAnalyzer?: AccessAnalyzer;

  constructor(scope: Construct, id: string, props: RegionalSecurityBaselineProps) {
    super(scope, id);
    if (props.config) {
      this.configRecorder = new ConfigRecorder(this, 'Config', {
        deliveryBucket: props.config.deliveryBucket,
        deliveryBucketRegion: props.config.deliveryBucketRegion,
        deliveryKey: props.config.deliveryKey,
        deliveryBucketDefaultKmsKey: props.config.deliveryKey === undefined,
        recordGlobalResources: props.globalResources,
        recordingFrequency: props.config.recordingFrequency,
      });
      if (props.config.cisRules) {
        this.cisRules = new CisConfigRules(this, 'CisRules', { recorder: this.configRecorder, includeGlobalRules: props.globalResources });
      }
    }
    if (props.guardDuty) {
      this.guardDuty = new GuardDuty(this, 'GuardDuty', { features: props.guardDuty });
    }
    if (props.securityHubStandards) {
      this.securityHub = new SecurityHub(this, 'SecurityHub', { standards: props.securityHubStandards });
      // Security Hub evaluates its controls from Config: enabling the standards before the
      // recorder exists only produces a first round of "Config not enabled" findings.
      if (this.configRecorder) this.securityHub.node.addDependency(this.configRecorder.deliveryChannel);
    }
    if (props.accessAnalyzer) {
      this.accessAnalyzer = new AccessAnalyzer(
        this,
        'AccessAnalyzer',
        props.accessAnalyzer === 'ORGANIZATION' ? { zoneOfTrust: 'ORGANIZATION' } : {},
      );
    }
  }
}
