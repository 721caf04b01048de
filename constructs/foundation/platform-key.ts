import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';

/** Properties of {@link PlatformKey}. */
export interface PlatformKeyProps {
  /**
   * Alias of the key, without the `alias/` prefix.
   * @default - no alias
   */
  readonly alias?: string;

  /**
   * What the key protects, shown in the KMS console.
   * @default 'Landing zone platform key: alert topics and platform logs'
   */
  readonly description?: string;

  /**
   * Days KMS waits before deleting the key after it was scheduled for deletion (7-30).
   * The key is retained when its stack is deleted, so this only matters when someone deletes
   * it by hand: the maximum leaves the most time to notice.
   * @default 30
   */
  readonly pendingWindowDays?: number;
}

/**
 * The client's customer-managed KMS key for platform data that is not kept in the log archive:
 * alert topics and the platform's own log groups.
 *
 * Rotation is on (yearly, the AWS default for automatic rotation), the key is retained when its
 * stack is deleted, and the key policy starts from CDK's default (the account administers the
 * key through IAM). AWS services that must write encrypted data are added one by one with
 * {@link allowServiceToEncrypt}.
 */
export class PlatformKey extends Construct {
  /** The key. */
  readonly key: kms.IKey;

  private readonly encryptingServices = new Set<string>();

  constructor(scope: Construct, id: string, props: PlatformKeyProps = {}) {
    super(scope, id);
    const pendingWindowDays = props.pendingWindowDays ?? 30;
    if (!Number.isInteger(pendingWindowDays) || pendingWindowDays < 7 || pendingWindowDays > 30) {
      throw new Error(
        `PlatformKey ${this.node.path}: pendingWindowDays must be a whole number from 7 to 30 (received ${pendingWindowDays})`,
      );
    }

    this.key = new kms.Key(this, 'Resource', {
      description: props.description ?? 'Landing zone platform key: alert topics and platform logs',
      alias: props.alias,
      enableKeyRotation: true,
      pendingWindow: Duration.days(pendingWindowDays),
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }

  /**
   * Lets an AWS service use the key to write data encrypted with it, for example CloudWatch or
   * EventBridge publishing to an encrypted SNS topic
   * (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services).
   *
   * The statement has no `aws:SourceAccount` condition on purpose: some services (EventBridge)
   * do not send it on the KMS request, and the grant alone lets the service reach nothing; what
   * it may publish to is limited by each topic's policy, which does carry the condition.
   */
  allowServiceToEncrypt(servicePrincipal: string): void {
    if (this.encryptingServices.has(servicePrincipal)) return;
    this.encryptingServices.add(servicePrincipal);
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: `AllowEncryptFor${servicePrincipal.split('.')[0].replace(/[^A-Za-z0-9]/g, '')}`,
        principals: [new iam.ServicePrincipal(servicePrincipal)],
        actions: ['kms:GenerateDataKey*', 'kms:Decrypt'],
        resources: ['*'],
      }),
    );
  }

  /**
   * Lets CloudWatch Logs in this stack's region encrypt log groups of this account with the key,
   * as https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html asks.
   */
  allowCloudWatchLogs(): void {
    const stack = Stack.of(this);
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'AllowCloudWatchLogs',
        principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
        actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
        resources: ['*'],
        conditions: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*`,
          },
        },
      }),
    );
  }
}
