import { Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';

/** Options of {@link flowLogDeliveryStatements}. */
export interface FlowLogDeliveryOptions {
  /** The bucket the flow logs go to: the log archive bucket. */
  readonly bucket: s3.IBucket;

  /**
   * The accounts whose flow logs are delivered (organization mode: every account delivers into
   * the log-archive account's bucket).
   * @default - the account of the bucket's stack
   */
  readonly accounts?: readonly string[];

  /**
   * Regions whose flow logs may be delivered (VPCs of every allowed region can write to the
   * home region's archive).
   * @default - any region ("*")
   */
  readonly regions?: string[];
}

/** What the log archive must add so that VPC flow logs can be delivered to it. */
export interface FlowLogDeliveryStatements {
  /** For the bucket policy (`bucket.addToResourcePolicy`). */
  readonly bucketStatements: iam.PolicyStatement[];
  /** For the policy of the bucket's KMS key (`key.addToResourcePolicy`). */
  readonly keyStatements: iam.PolicyStatement[];
}

/**
 * The bucket-policy and key-policy statements that let VPC Flow Logs deliver into an SSE-KMS
 * bucket, as the VPC User Guide ("Amazon S3 bucket permissions for flow logs") and the CloudWatch
 * Logs User Guide ("Logs sent to Amazon S3", SSE-KMS key policy) give them: the log delivery
 * service `delivery.logs.amazonaws.com` may put objects under `AWSLogs/<account>/` with
 * `bucket-owner-full-control`, check the bucket's ACL and list it, and use the key, each only on
 * behalf of `account` (`aws:SourceAccount`) and its log deliveries (`aws:SourceArn`
 * `arn:<partition>:logs:<region>:<account>:*`), against confused-deputy use by other accounts.
 *
 * The statements must be in place before the flow log is created: if the bucket policy lacks
 * them and the deploying role may change it, AWS writes its own statement into the bucket policy,
 * which the log archive's stack would then overwrite at its next deployment.
 *
 * The key statement lists the five actions of the CloudWatch Logs documentation (`kms:Encrypt`,
 * `kms:Decrypt`, `kms:ReEncrypt*`, `kms:GenerateDataKey*`, `kms:DescribeKey`); S3 itself only
 * needs `GenerateDataKey*` and `Decrypt` on the delivery's behalf, but delivery is only checked
 * when the flow log is created in a real account, so the documented set is used.
 *
 * A pure function: it changes nothing; the log archive's owner adds the statements.
 */
export function flowLogDeliveryStatements(options: FlowLogDeliveryOptions): FlowLogDeliveryStatements {
  const stack = Stack.of(options.bucket);
  const accounts = options.accounts ?? [stack.account];
  const regions = options.regions ?? ['*'];
  if (regions.length === 0) {
    throw new Error(
      'flowLogDeliveryStatements: regions must list at least one region, or be left out for any region (received an empty list)',
    );
  }
  for (const region of regions) {
    if (!Token.isUnresolved(region) && region !== '*' && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)) {
      throw new Error(
        `flowLogDeliveryStatements: regions contains ${JSON.stringify(region)}, which is not a region name such as eu-west-1`,
      );
    }
  }
  for (const account of accounts) {
    if (!Token.isUnresolved(account) && !/^\d{12}$/.test(account)) {
      throw new Error(`flowLogDeliveryStatements: accounts must be 12-digit AWS account ids (received ${JSON.stringify(account)})`);
    }
  }
  if (accounts.length === 0) throw new Error('flowLogDeliveryStatements: accounts must list at least one account (or be left out)');
  const account = accounts.length === 1 ? accounts[0] : [...accounts];

  const principal = new iam.ServicePrincipal('delivery.logs.amazonaws.com');
  const sourceArns = accounts.flatMap((writer) => regions.map((region) => `arn:${stack.partition}:logs:${region}:${writer}:*`));
  const fromAccount = {
    StringEquals: { 'aws:SourceAccount': account },
    ArnLike: { 'aws:SourceArn': sourceArns.length === 1 ? sourceArns[0] : sourceArns },
  };
  return {
    bucketStatements: [
      new iam.PolicyStatement({
        sid: 'AWSLogDeliveryWrite',
        principals: [principal],
        actions: ['s3:PutObject'],
        // Flow logs without a key prefix and without Hive-compatible partitions (BaselineVpc)
        // land under AWSLogs/<account>/vpcflowlogs/<region>/<yyyy>/<mm>/<dd>/<hh>/.
        resources: accounts.map((writer) => options.bucket.arnForObjects(`AWSLogs/${writer}/*`)),
        conditions: {
          StringEquals: { 'aws:SourceAccount': account, 's3:x-amz-acl': 'bucket-owner-full-control' },
          ArnLike: fromAccount.ArnLike,
        },
      }),
      new iam.PolicyStatement({
        sid: 'AWSLogDeliveryAclCheck',
        principals: [principal],
        // ListBucket too: without it the delivery service logs AccessDenied errors in CloudTrail.
        actions: ['s3:GetBucketAcl', 's3:ListBucket'],
        resources: [options.bucket.bucketArn],
        conditions: fromAccount,
      }),
    ],
    keyStatements: [
      new iam.PolicyStatement({
        sid: 'AllowLogDeliveryToUseTheKey',
        principals: [principal],
        actions: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        resources: ['*'],
        conditions: fromAccount,
      }),
    ],
  };
}
