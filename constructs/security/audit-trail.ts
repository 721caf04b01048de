import { ArnFormat, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as cloudtrail from 'aws-cdk-lib/aws-cloudtrail';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { LogArchive } from './log-archive';

/** A log archive of another account, as a trail delivering into it sees it. */
export interface RemoteLogArchive {
  readonly bucket: s3.IBucket;
  readonly key: kms.IKey;
}

/** Properties of {@link AuditTrail}. */
export interface AuditTrailProps {
  /**
   * Where the trail delivers its log files; the trail is encrypted with its key. A
   * {@link LogArchive} of this stack admits the trail itself; an archive of another account
   * (the organization's log-archive account: bucket imported by name, key by its alias ARN)
   * must already admit it (`LogArchive.allowCloudTrailDelivery` there).
   */
  readonly logArchive: LogArchive | RemoteLogArchive;

  /**
   * An organization trail (from the management account): it records every account of the
   * organization, each under `AWSLogs/<organization id>/<account id>/` in the archive.
   * @default false
   */
  readonly organizationTrail?: boolean;

  /**
   * The key that encrypts the trail's CloudWatch log group. The caller must already have let
   * CloudWatch Logs of this region use it (`PlatformKey.allowCloudWatchLogs()`).
   */
  readonly logGroupKey: kms.IKey;

  /**
   * Name of the trail (3-128 letters, digits, `.`, `_`, `-`). The trail is named because the
   * log archive's key and bucket policies admit CloudTrail only for this trail's ARN
   * (`aws:SourceArn`), and that ARN must be known before the trail exists.
   * @default 'landing-zone-audit'
   */
  readonly trailName?: string;

  /**
   * How long the CloudWatch copy of the events is kept. It feeds the CIS metric filters and
   * quick searches; the log archive keeps the authoritative copy longer.
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly cloudWatchLogsRetention?: logs.RetentionDays;

  /**
   * Log S3 object-level reads and writes of every bucket in the account (CIS 3.8 and 3.9).
   * Data events cost USD 0.10 per 100,000 events delivered, and busy buckets produce millions
   * a month; they also count the trail's own deliveries into the log archive (about one event
   * per delivered log file). They reach CloudWatch Logs too, where ingestion is billed per GB.
   * @default false
   */
  readonly s3DataEvents?: boolean;

  /**
   * Log every Lambda invocation of the account (`Invoke` data events). USD 0.10 per 100,000
   * events delivered: a function called once a second alone produces about 2.6 million a
   * month (about USD 2.60).
   * @default false
   */
  readonly lambdaDataEvents?: boolean;
}

/** CloudTrail's trail naming rules, except the length (checked separately). */
const TRAIL_NAME = /^[A-Za-z0-9](?:[A-Za-z0-9]|[._-](?=[A-Za-z0-9]))*$/;
const IP_ADDRESS = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * The account's CloudTrail trail (CIS AWS Foundations v3.0.0 3.1, 3.2, 3.4, 3.5, and 3.8-3.9
 * when data events are on): multi-region, with global service events, log file validation,
 * read and write management events, encrypted with the log archive's key and delivered into
 * the log archive bucket (whose server access logs cover CIS 3.4), and copied to a
 * KMS-encrypted CloudWatch log group for the CIS metric filters.
 *
 * Deploy it once per account, in the home region: a multi-region trail records every region.
 */
export class AuditTrail extends Construct {
  /**
   * The trail. Its own `logGroup` property is not set (the construct wires the log group
   * itself); use {@link AuditTrail.logGroup}.
   */
  readonly trail: cloudtrail.Trail;
  /** The CloudWatch log group that receives every event of the trail. */
  readonly logGroup: logs.ILogGroup;

  constructor(scope: Construct, id: string, props: AuditTrailProps) {
    super(scope, id);
    const trailName = props.trailName ?? 'landing-zone-audit';
    const retention = props.cloudWatchLogsRetention ?? logs.RetentionDays.ONE_YEAR;
    const s3DataEvents = props.s3DataEvents ?? false;
    const lambdaDataEvents = props.lambdaDataEvents ?? false;
    if (!Token.isUnresolved(trailName) && !isValidTrailName(trailName)) {
      throw new Error(
        `AuditTrail ${this.node.path}: trailName must be 3-128 letters, digits, '.', '_' or '-', start and end with a letter or digit, have no two of '.', '_', '-' in a row and not look like an IP address (received "${trailName}")`,
      );
    }

    const logGroup = new logs.LogGroup(this, 'LogGroup', {
      encryptionKey: props.logGroupKey,
      retention,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.logGroup = logGroup;

    // The Trail L2 adds its own bucket-policy statements, without `aws:SourceArn`, to any bucket
    // it can modify, and Allow statements add up: the log archive's narrower statements would no
    // longer be the limit. Given an imported reference, the L2 adds nothing, and
    // allowCloudTrailDelivery() adds the documented statements with `aws:SourceArn`.
    const deliveryBucket = s3.Bucket.fromBucketAttributes(this, 'DeliveryBucket', {
      bucketArn: props.logArchive.bucket.bucketArn,
      bucketName: props.logArchive.bucket.bucketName,
    });
    const trailArn = Stack.of(this).formatArn({
      service: 'cloudtrail',
      resource: 'trail',
      resourceName: trailName,
      arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });
    if (props.logArchive instanceof LogArchive) props.logArchive.allowCloudTrailDelivery(trailArn);

    // The trail's own role with a customer-managed policy, instead of the L2's
    // `sendToCloudWatchLogs`, which attaches an inline policy (IAMNoInlinePolicy in the NIST,
    // HIPAA and PCI packs). Same permissions as the L2 grants: write to this log group only.
    const logsRole = new iam.Role(this, 'CloudWatchLogsRole', {
      assumedBy: new iam.ServicePrincipal('cloudtrail.amazonaws.com'),
      description: 'Lets the audit trail deliver its events to its CloudWatch log group',
      managedPolicies: [
        new iam.ManagedPolicy(this, 'CloudWatchLogsPolicy', {
          description: 'Create log streams in and put events into the audit trail log group',
          statements: [
            new iam.PolicyStatement({
              actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
              resources: [logGroup.logGroupArn],
            }),
          ],
        }),
      ],
    });

    const trail = new cloudtrail.Trail(this, 'Resource', {
      trailName,
      bucket: deliveryBucket,
      encryptionKey: props.logArchive.key,
      isMultiRegionTrail: true,
      includeGlobalServiceEvents: true,
      enableFileValidation: true,
      // Explicit, so the trail states what CIS 3.1 checks: read and write management events.
      managementEvents: cloudtrail.ReadWriteType.ALL,
    });
    this.trail = trail;
    const cfnTrail = trail.node.defaultChild as cloudtrail.CfnTrail;
    cfnTrail.cloudWatchLogsLogGroupArn = logGroup.logGroupArn;
    cfnTrail.cloudWatchLogsRoleArn = logsRole.roleArn;
    // On the L1: the L2's own organization support would add a bucket statement without a key
    // condition (and warn without an organization id, unknown before the organization exists);
    // the archive admits the organization trail itself (allowCloudTrailDelivery).
    if (props.organizationTrail) cfnTrail.isOrganizationTrail = true;
    // CloudTrail checks the bucket policy (and the key policy, part of the key it references)
    // when the trail is created: the trail must come after them.
    const bucketPolicy = props.logArchive.bucket.policy;
    if (bucketPolicy) cfnTrail.node.addDependency(bucketPolicy);

    // Basic event selectors (what the L2 supports); management events keep their own selector.
    const dataOnly: cloudtrail.AddEventSelectorOptions = { includeManagementEvents: false, readWriteType: cloudtrail.ReadWriteType.ALL };
    if (s3DataEvents) trail.logAllS3DataEvents(dataOnly);
    if (lambdaDataEvents) trail.logAllLambdaDataEvents(dataOnly);
  }
}

function isValidTrailName(name: string): boolean {
  return name.length >= 3 && name.length <= 128 && TRAIL_NAME.test(name) && !IP_ADDRESS.test(name);
}
