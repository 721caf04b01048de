import { Stack, Token } from 'aws-cdk-lib';
import * as config from 'aws-cdk-lib/aws-config';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { REGIONS_WITHOUT_GLOBAL_IAM_RECORDING } from '../../lib/core/rules/regions';
import { acknowledge, nagResourceId } from '../shared/compliance';

/** How often AWS Config records a configuration item of a resource. */
export type RecordingFrequency = 'CONTINUOUS' | 'DAILY';

const RECORDING_FREQUENCIES: readonly string[] = ['CONTINUOUS', 'DAILY'];
const SNAPSHOT_FREQUENCIES: readonly string[] = Object.values(config.MaximumExecutionFrequency);
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;

/** Properties of {@link ConfigRecorder}. */
export interface ConfigRecorderProps {
  /**
   * The bucket AWS Config delivers configuration history and snapshots to, under
   * `AWSLogs/<account>/Config/<region>/`. Usually the account's log archive; in the other regions
   * of the account an imported bucket (`s3.Bucket.fromBucketName`) in the home region.
   */
  readonly deliveryBucket: s3.IBucket;

  /**
   * Region of {@link deliveryBucket}: the recorder role may use {@link deliveryKey} only through
   * S3 in that region (`kms:ViaService`). Set it when the bucket was imported by name from another
   * region, because an imported bucket reports the importing stack's region.
   * @default - the bucket's own region (`deliveryBucket.env.region`)
   */
  readonly deliveryBucketRegion?: string;

  /**
   * The KMS key that encrypts the delivery bucket (it may be imported by ARN). Config then asks
   * S3 to encrypt every object with it, and the recorder role may use it, through S3 only.
   * It must be in the bucket's region.
   * @default - objects get the bucket's default encryption and the role gets no KMS permission
   */
  readonly deliveryKey?: kms.IKey;

  /**
   * Whether the delivery bucket encrypts objects by default with a customer managed KMS key that
   * cannot be passed as {@link deliveryKey}: the key of a log archive in another region, whose
   * ARN a stack in this region cannot know without cross-region references. The recorder role
   * may then use any key of the account in the bucket's region, but only through S3 in that
   * region (`kms:ViaService`) and only for this bucket (`kms:EncryptionContext:aws:s3:arn`); the
   * delivery channel names no key and S3 applies the bucket's default key.
   * @default false
   */
  readonly deliveryBucketDefaultKmsKey?: boolean;

  /**
   * Whether this recorder also records the global IAM resource types (users, groups, roles,
   * customer managed policies). Set it in exactly one region per account, the home region:
   * recording them in every region bills the same configuration items once per region.
   * Not possible in {@link REGIONS_WITHOUT_GLOBAL_IAM_RECORDING}.
   */
  readonly recordGlobalResources: boolean;

  /**
   * How often resources are recorded.
   *
   * - `CONTINUOUS`: a configuration item for every change, seconds after it happens. USD 0.003
   *   per configuration item (us-east-1 and most regions, checked 2026).
   * - `DAILY`: at most one configuration item per resource and day, and only if it changed.
   *   USD 0.012 per item, four times the unit price: cheaper only for resources that change more
   *   than four times a day (autoscaling, ephemeral ENIs); for the mostly static resources of a
   *   small company it costs about the same or more, and changes are seen up to a day late.
   *
   * Config keeps recording its own resource types continuously in either mode.
   * @default 'CONTINUOUS'
   */
  readonly recordingFrequency?: RecordingFrequency;

  /**
   * How often Config delivers a configuration snapshot (all recorded resources) to the bucket.
   * Snapshots cost nothing in Config, only their S3 storage.
   * @default config.MaximumExecutionFrequency.TWENTY_FOUR_HOURS
   */
  readonly deliveryFrequency?: config.MaximumExecutionFrequency;
}

/**
 * AWS Config in one region (CIS 3.3): a configuration recorder of all supported resource types
 * and a delivery channel to the log archive, with its own least-privilege IAM role.
 *
 * Create one per allowed region of the account; only the home region's recorder records the
 * global IAM resource types (`recordGlobalResources`).
 *
 * AWS Config allows **one recorder and one delivery channel per region and account**. In an
 * account where Config was enabled by hand (console, Control Tower, another tool), the deployment
 * fails with `MaxNumberOfConfigurationRecordersExceededException`: stop and delete that recorder
 * and its delivery channel first (`aws configservice delete-delivery-channel` and
 * `delete-configuration-recorder`; recorded history in S3 is kept).
 */
export class ConfigRecorder extends Construct {
  /** The configuration recorder; Config rules must depend on it. */
  readonly recorder: config.CfnConfigurationRecorder;
  /** The delivery channel; it is created after the recorder, which it needs. */
  readonly deliveryChannel: config.CfnDeliveryChannel;
  /** The role AWS Config assumes to read resource configurations and write to the bucket. */
  readonly role: iam.IRole;
  /** Whether this recorder records the global IAM resource types. */
  readonly recordsGlobalResources: boolean;

  constructor(scope: Construct, id: string, props: ConfigRecorderProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const recordingFrequency = props.recordingFrequency ?? 'CONTINUOUS';
    const deliveryFrequency = props.deliveryFrequency ?? config.MaximumExecutionFrequency.TWENTY_FOUR_HOURS;
    const bucketRegion = props.deliveryBucketRegion ?? props.deliveryBucket.env.region;

    if (!RECORDING_FREQUENCIES.includes(recordingFrequency)) {
      throw new Error(
        `ConfigRecorder ${this.node.path}: recordingFrequency must be CONTINUOUS or DAILY (received ${JSON.stringify(recordingFrequency)})`,
      );
    }
    if (!SNAPSHOT_FREQUENCIES.includes(deliveryFrequency)) {
      throw new Error(
        `ConfigRecorder ${this.node.path}: deliveryFrequency must be one of ${SNAPSHOT_FREQUENCIES.join(', ')} (received ${JSON.stringify(deliveryFrequency)})`,
      );
    }
    if (!Token.isUnresolved(bucketRegion) && !REGION_PATTERN.test(bucketRegion)) {
      throw new Error(
        `ConfigRecorder ${this.node.path}: deliveryBucketRegion must be a region code such as eu-central-1 (received ${JSON.stringify(bucketRegion)})`,
      );
    }
    if (props.recordGlobalResources && !Token.isUnresolved(stack.region) && REGIONS_WITHOUT_GLOBAL_IAM_RECORDING.includes(stack.region)) {
      throw new Error(
        `ConfigRecorder ${this.node.path}: recordGlobalResources cannot be true in ${stack.region}: AWS Config cannot record global IAM resource types in regions it reached after February 2022 (${REGIONS_WITHOUT_GLOBAL_IAM_RECORDING.join(', ')}); record them in another region of the account and set false here`,
      );
    }
    const keyRegion = props.deliveryKey?.env.region;
    if (keyRegion !== undefined && !Token.isUnresolved(keyRegion) && !Token.isUnresolved(bucketRegion) && keyRegion !== bucketRegion) {
      throw new Error(
        `ConfigRecorder ${this.node.path}: deliveryKey must be in the bucket's region ${bucketRegion}, as AWS Config requires (received a key in ${keyRegion})`,
      );
    }

    const role = new iam.Role(this, 'Role', {
      description: `AWS Config recorder in ${stack.region}: reads resource configurations, writes to the log archive`,
      // Confused-deputy guard as the Config developer guide recommends: only this account's
      // recorder in this region may assume the role.
      assumedBy: new iam.ServicePrincipal('config.amazonaws.com', {
        conditions: {
          StringEquals: { 'aws:SourceAccount': stack.account },
          ArnLike: { 'aws:SourceArn': `arn:${stack.partition}:config:${stack.region}:${stack.account}:*` },
        },
      }),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWS_ConfigRole')],
    });
    this.role = role;
    acknowledge(
      role,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWS_ConfigRole]',
      'AWS_ConfigRole is the read-only policy AWS maintains for the Config recorder; AWS extends it whenever Config supports a new resource type, which a hand-written copy would miss. The AWS Config developer guide prescribes it.',
    );

    const deliveryPrefix = props.deliveryBucket.arnForObjects(`AWSLogs/${stack.account}/Config/*`);
    const statements = [
      new iam.PolicyStatement({
        sid: 'DeliverToLogArchive',
        actions: ['s3:PutObject'],
        resources: [deliveryPrefix],
        conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control' } },
      }),
      new iam.PolicyStatement({
        sid: 'CheckBucketAcl',
        actions: ['s3:GetBucketAcl'],
        resources: [props.deliveryBucket.bucketArn],
      }),
    ];
    if (props.deliveryKey && props.deliveryBucketDefaultKmsKey) {
      throw new Error(
        `ConfigRecorder ${this.node.path}: give either deliveryKey or deliveryBucketDefaultKmsKey, not both (deliveryKey already names the bucket's key)`,
      );
    }
    const anyKeyOfBucketRegion = `arn:${stack.partition}:kms:${bucketRegion}:${stack.account}:key/*`;
    if (props.deliveryBucketDefaultKmsKey) {
      statements.push(
        new iam.PolicyStatement({
          sid: 'EncryptWithBucketDefaultKey',
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [anyKeyOfBucketRegion],
          conditions: {
            StringEquals: { 'kms:ViaService': `s3.${bucketRegion}.amazonaws.com` },
            // With S3 Bucket Keys the encryption context is the bucket ARN, without them the
            // object ARN: both start with the bucket ARN.
            StringLike: { 'kms:EncryptionContext:aws:s3:arn': `${props.deliveryBucket.bucketArn}*` },
          },
        }),
      );
    }
    if (props.deliveryKey) {
      statements.push(
        new iam.PolicyStatement({
          sid: 'EncryptThroughS3',
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [props.deliveryKey.keyArn],
          conditions: { StringEquals: { 'kms:ViaService': `s3.${bucketRegion}.amazonaws.com` } },
        }),
      );
    }
    // A customer managed policy rather than an inline one (NIST/HIPAA/PCI IAMNoInlinePolicy):
    // reviewable on its own in the IAM console.
    const deliveryPolicy = new iam.ManagedPolicy(this, 'DeliveryPolicy', {
      description: `AWS Config recorder in ${stack.region}: write configuration history and snapshots to the log archive`,
      statements,
      roles: [role],
    });
    if (props.deliveryBucketDefaultKmsKey) {
      acknowledge(
        deliveryPolicy,
        `AwsSolutions-IAM5[Resource::${nagResourceId(this, anyKeyOfBucketRegion)}]`,
        'The log archive key lives in another region and its ARN is not known here; the statement is limited to S3 in that region (kms:ViaService) encrypting objects of the log archive bucket only (kms:EncryptionContext:aws:s3:arn).',
      );
    }
    acknowledge(
      deliveryPolicy,
      `AwsSolutions-IAM5[Resource::${nagResourceId(this, deliveryPrefix)}]`,
      "AWS Config writes one object per delivery under AWSLogs/<account>/Config/<region>/ with generated names; the wildcard is limited to this account's Config prefix and to uploads that hand ownership to the bucket owner.",
    );

    this.recordsGlobalResources = props.recordGlobalResources;
    this.recorder = new config.CfnConfigurationRecorder(this, 'Resource', {
      roleArn: role.roleArn,
      recordingGroup: {
        allSupported: true,
        includeGlobalResourceTypes: props.recordGlobalResources,
      },
      recordingMode: { recordingFrequency },
    });
    // The recorder starts recording as soon as the delivery channel exists, and PutDeliveryChannel
    // checks that the role can write to the bucket: the policy must be attached before either.
    this.recorder.node.addDependency(deliveryPolicy);

    this.deliveryChannel = new config.CfnDeliveryChannel(this, 'DeliveryChannel', {
      s3BucketName: props.deliveryBucket.bucketName,
      s3KmsKeyArn: props.deliveryKey?.keyArn,
      configSnapshotDeliveryProperties: { deliveryFrequency },
    });
    // PutDeliveryChannel fails with NoAvailableConfigurationRecorderException unless the recorder
    // exists ("Before you can create a delivery channel, you must create a configuration
    // recorder"), and nothing in the channel's properties refers to the recorder.
    this.deliveryChannel.addResourceDependency(this.recorder);
  }
}
