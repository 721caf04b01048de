import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';

/**
 * The statements that let AWS services deliver into the log archive: for its bucket policy and
 * for its key's policy. `LogArchive.allowCloudTrailDelivery`, `allowConfigDelivery` and
 * `allowBackupReports` add them and say why each is shaped as it is.
 */

/** Statements for the bucket policy and for the key policy. */
export interface DeliveryStatements {
  readonly bucket: iam.PolicyStatement[];
  readonly key: iam.PolicyStatement[];
}

/**
 * CloudTrail: encrypt with the key and write under `AWSLogs/<account>/`, only for this trail.
 *
 * @param trailAccount the account that owns the trail: the archive's own account, or for an
 *   organization trail the management account, whose trail also writes every member account's
 *   events under `AWSLogs/<organization id>/` (the organization id is not known before the
 *   organization exists, so `o-*`; `aws:SourceArn` still admits this one trail only)
 */
export function cloudTrailDeliveryStatements(
  stack: Stack,
  bucket: s3.IBucket,
  trailArn: string,
  suffix: string,
  trailAccount: string = stack.account,
  organization = false,
): DeliveryStatements {
  const principal = new iam.ServicePrincipal('cloudtrail.amazonaws.com');
  const fromTrail = { StringEquals: { 'aws:SourceArn': trailArn } };
  return {
    key: [
      new iam.PolicyStatement({
        sid: `AllowCloudTrailEncrypt${suffix}`,
        principals: [principal],
        actions: ['kms:GenerateDataKey*'],
        resources: ['*'],
        conditions: {
          StringLike: { 'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${stack.partition}:cloudtrail:*:${trailAccount}:trail/*` },
          ...fromTrail,
        },
      }),
      // CloudTrail documents kms:Decrypt as required when the bucket uses an S3 Bucket Key.
      new iam.PolicyStatement({
        sid: `AllowCloudTrailDecrypt${suffix}`,
        principals: [principal],
        actions: ['kms:Decrypt'],
        resources: ['*'],
        conditions: fromTrail,
      }),
      new iam.PolicyStatement({
        sid: `AllowCloudTrailDescribeKey${suffix}`,
        principals: [principal],
        actions: ['kms:DescribeKey'],
        resources: ['*'],
        conditions: fromTrail,
      }),
    ],
    bucket: [
      new iam.PolicyStatement({
        sid: `AWSCloudTrailAclCheck${suffix}`,
        principals: [principal],
        actions: ['s3:GetBucketAcl'],
        resources: [bucket.bucketArn],
        conditions: fromTrail,
      }),
      new iam.PolicyStatement({
        sid: `AWSCloudTrailWrite${suffix}`,
        principals: [principal],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects(`AWSLogs/${trailAccount}/*`), ...(organization ? [bucket.arnForObjects('AWSLogs/o-*/*')] : [])],
        conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceArn': trailArn } },
      }),
    ],
  };
}

/**
 * AWS Config: check the bucket and write under `AWSLogs/<account>/Config/`, for the given
 * accounts only (this account by default; every account of an organization for its archive),
 * from any region.
 */
export function configDeliveryStatements(
  stack: Stack,
  bucket: s3.IBucket,
  accounts: readonly string[] = [stack.account],
): DeliveryStatements {
  const account = accounts.length === 1 ? accounts[0] : [...accounts];
  const principal = new iam.ServicePrincipal('config.amazonaws.com');
  const fromAccount = { StringEquals: { 'aws:SourceAccount': account } };
  return {
    key: [
      new iam.PolicyStatement({
        sid: 'AWSConfigKMSPolicy',
        principals: [principal],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
        conditions: fromAccount,
      }),
    ],
    bucket: [
      new iam.PolicyStatement({
        sid: 'AWSConfigBucketPermissionsCheck',
        principals: [principal],
        actions: ['s3:GetBucketAcl'],
        resources: [bucket.bucketArn],
        conditions: fromAccount,
      }),
      new iam.PolicyStatement({
        sid: 'AWSConfigBucketExistenceCheck',
        principals: [principal],
        actions: ['s3:ListBucket'],
        resources: [bucket.bucketArn],
        conditions: fromAccount,
      }),
      new iam.PolicyStatement({
        sid: 'AWSConfigBucketDelivery',
        principals: [principal],
        actions: ['s3:PutObject'],
        resources: accounts.map((writer) => bucket.arnForObjects(`AWSLogs/${writer}/Config/*`)),
        conditions: { StringEquals: { 's3:x-amz-acl': 'bucket-owner-full-control', 'aws:SourceAccount': account } },
      }),
    ],
  };
}

/**
 * AWS Backup Audit Manager reports under `<prefix>/`, written by the service-linked role
 * `AWSServiceRoleForBackupReports`, admitted by its ARN as a condition (see
 * `LogArchive.allowBackupReports`). The key statement only when `withKey`.
 */
export function backupReportStatements(
  stack: Stack,
  bucket: s3.IBucket,
  prefix: string,
  suffix: string,
  withKey: boolean,
  accounts: readonly string[] = [stack.account],
): DeliveryStatements {
  const roleArns = accounts.map(
    (account) => `arn:${stack.partition}:iam::${account}:role/aws-service-role/reports.backup.amazonaws.com/AWSServiceRoleForBackupReports`,
  );
  const reportsRoleArn = roleArns.length === 1 ? roleArns[0] : roleArns;
  const reportingAccount = accounts.length === 1 ? accounts[0] : [...accounts];
  return {
    bucket: [
      new iam.PolicyStatement({
        sid: `AWSBackupReportsWrite${suffix}`,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [bucket.arnForObjects(`${prefix}/*`)],
        conditions: {
          ArnEquals: { 'aws:PrincipalArn': reportsRoleArn },
          StringEquals: { 'aws:PrincipalAccount': reportingAccount, 's3:x-amz-acl': 'bucket-owner-full-control' },
        },
      }),
    ],
    key: withKey
      ? [
          new iam.PolicyStatement({
            sid: 'AWSBackupReportsEncrypt',
            principals: [new iam.AnyPrincipal()],
            actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
            resources: ['*'],
            conditions: {
              ArnEquals: { 'aws:PrincipalArn': reportsRoleArn },
              StringEquals: { 'aws:PrincipalAccount': reportingAccount, 'kms:ViaService': `s3.${stack.region}.amazonaws.com` },
            },
          }),
        ]
      : [],
  };
}
