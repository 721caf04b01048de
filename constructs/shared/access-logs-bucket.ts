import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { acknowledge } from './compliance';

/**
 * The bucket that receives another bucket's S3 server access logs: the same choices wherever the
 * platform keeps one (the log archive, the report bucket).
 */

/** What differs between the platform's access-log buckets. */
export interface AccessLogsBucketOptions {
  /** How long an access log is kept. */
  readonly expiration: Duration;
  /** How long a replaced or deleted version is kept. */
  readonly noncurrentVersionExpiration: Duration;
  /** @default - a name CloudFormation generates */
  readonly bucketName?: string;
}

/**
 * Properties of an access-log bucket: SSE-S3 (S3 server access logging delivers only to buckets
 * whose default encryption is SSE-S3: "Default server-side encryption with AWS KMS keys (SSE-KMS)
 * is not supported", https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html;
 * Object Lock is not supported on a target either), versioned, public access blocked, TLS 1.2 or
 * later only, ACLs disabled, expiring, retained when its stack is deleted. Give the logged bucket
 * `@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy` so delivery is granted by bucket policy.
 */
export function accessLogsBucketProps(options: AccessLogsBucketOptions): s3.BucketProps {
  return {
    bucketName: options.bucketName,
    encryption: s3.BucketEncryption.S3_MANAGED,
    versioned: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    minimumTLSVersion: 1.2,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: [
      {
        id: 'ExpireAccessLogs',
        expiration: options.expiration,
        noncurrentVersionExpiration: options.noncurrentVersionExpiration,
        abortIncompleteMultipartUploadAfter: Duration.days(7),
      },
    ],
    removalPolicy: RemovalPolicy.RETAIN,
  };
}

/** Acknowledges the three packs' "not SSE-KMS" findings on an access-log bucket, which cannot be. */
export function acknowledgeAccessLogsEncryption(bucketResource: IConstruct): void {
  const reason =
    'S3 server access logging can only deliver to a target bucket whose default encryption is SSE-S3; SSE-KMS is not supported for access log targets. The objects are still encrypted at rest (AES-256), and the bucket is TLS-only with public access blocked.';
  acknowledge(bucketResource, 'NIST.800.53.R5-S3DefaultEncryptionKMS', reason);
  acknowledge(bucketResource, 'HIPAA.Security-S3DefaultEncryptionKMS', reason);
  acknowledge(bucketResource, 'PCI.DSS.321-S3DefaultEncryptionKMS', reason);
}

/** Acknowledges the three packs' replication findings on a bucket kept in one region on purpose. */
export function acknowledgeSingleRegion(bucketResource: IConstruct, reason: string): void {
  acknowledge(bucketResource, 'NIST.800.53.R5-S3BucketReplicationEnabled', reason);
  acknowledge(bucketResource, 'HIPAA.Security-S3BucketReplicationEnabled', reason);
  acknowledge(bucketResource, 'PCI.DSS.321-S3BucketReplicationEnabled', reason);
}
