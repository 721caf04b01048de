import { Stack, Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledge } from '../../shared/compliance';
import {
  AwsCustomResourceLoggingProps,
  createAccountSettingResource,
  grantToAwsCustomResourceProvider,
} from '../../shared/custom-resource-provider';

/** Properties of {@link EbsEncryptionByDefault}. */
export interface EbsEncryptionByDefaultProps extends AwsCustomResourceLoggingProps {
  /**
   * Customer managed key that encrypts new EBS volumes by default, in the stack's region.
   *
   * Only for accounts that need to control the key: every principal that creates volumes,
   * launches instances or copies snapshots (people, CI roles, and service-linked roles such as
   * Auto Scaling's) then needs the key in its key policy or grants, or launches fail; and
   * disabling or deleting the key stops every launch. The AWS managed key `aws/ebs` needs none of
   * that, at no key cost, but snapshots encrypted with it cannot be shared with other accounts.
   * @default - the AWS managed key `aws/ebs` (set explicitly, so removing this prop later switches back)
   */
  readonly kmsKey?: kms.IKey;

  /**
   * The region whose default is set. The custom resource calls EC2 in that region, so one stack
   * (in the home region, with the one encrypted log group) can harden every allowed region.
   * @default - the stack's region
   */
  readonly region?: string;
}

/**
 * EBS encryption by default in one region (CIS 2.2.1; Security Hub EC2.7): every new EBS volume
 * and snapshot copy of the account in this region is encrypted, with `kmsKey` or the AWS managed
 * `aws/ebs` key.
 *
 * The setting has no CloudFormation resource, so two `AwsCustomResource`s make the calls on create
 * and on every update, both idempotent: `Resource` calls `ec2:EnableEbsEncryptionByDefault`,
 * `DefaultKey` calls `ec2:ModifyEbsDefaultKmsKeyId` with the key, or without one
 * `ec2:ResetEbsDefaultKmsKeyId` (back to `aws/ebs`, so the default key is always what the
 * construct says, also after a key was removed from its props).
 *
 * **Delete**: deleting the construct or its stack leaves encryption by default on, with the
 * default key it had. Switching it off would let unencrypted volumes be created again, so that
 * is a deliberate manual step.
 *
 * **Region scope**: regional. Create one per allowed region of the account, with `region` (the
 * calls go to that region's EC2 endpoint, so they can all live in the home region's stack).
 * Existing volumes are not changed; instance types without EBS encryption support can no longer
 * be launched in the region.
 */
export class EbsEncryptionByDefault extends Construct {
  /** The custom resource that switches encryption by default on. */
  readonly resource: cr.AwsCustomResource;
  /** The custom resource that sets the default key. */
  readonly defaultKey: cr.AwsCustomResource;

  constructor(scope: Construct, id: string, props: EbsEncryptionByDefaultProps = {}) {
    super(scope, id);
    const stack = Stack.of(this);
    const region = props.region ?? stack.region;
    const keyRegion = props.kmsKey?.env.region;
    if (keyRegion !== undefined && !Token.isUnresolved(keyRegion) && !Token.isUnresolved(region) && keyRegion !== region) {
      throw new Error(
        `EbsEncryptionByDefault ${this.node.path}: kmsKey must be a key of the region it encrypts, ${region}, as EBS only uses keys of its own region (received a key of ${keyRegion})`,
      );
    }

    this.resource = createAccountSettingResource(
      this,
      'Resource',
      {
        service: '@aws-sdk/client-ec2',
        action: 'EnableEbsEncryptionByDefault',
        region: props.region,
        physicalResourceId: cr.PhysicalResourceId.of('ec2-ebs-encryption-by-default'),
      },
      props,
    );

    const keyCall: cr.AwsSdkCall = props.kmsKey
      ? {
          service: '@aws-sdk/client-ec2',
          action: 'ModifyEbsDefaultKmsKeyId',
          region: props.region,
          parameters: { KmsKeyId: props.kmsKey.keyArn },
          physicalResourceId: cr.PhysicalResourceId.of('ec2-ebs-default-kms-key'),
        }
      : {
          service: '@aws-sdk/client-ec2',
          action: 'ResetEbsDefaultKmsKeyId',
          region: props.region,
          physicalResourceId: cr.PhysicalResourceId.of('ec2-ebs-default-kms-key'),
        };
    this.defaultKey = createAccountSettingResource(this, 'DefaultKey', keyCall, props);
    // The default key only matters once encryption by default is on: set it second.
    this.defaultKey.node.addDependency(this.resource);

    const policy = grantToAwsCustomResourceProvider(
      this,
      [
        new iam.PolicyStatement({
          actions: ['ec2:EnableEbsEncryptionByDefault', props.kmsKey ? 'ec2:ModifyEbsDefaultKmsKeyId' : 'ec2:ResetEbsDefaultKmsKeyId'],
          // The Service Authorization Reference lists no resource type for these actions: "*" is
          // the only resource they accept. EC2 checks the key asynchronously, so the caller needs
          // no KMS permission on it.
          resources: ['*'],
        }),
      ],
      [this.resource, this.defaultKey],
    );
    acknowledge(
      policy.node.defaultChild!,
      'AwsSolutions-IAM5[Resource::*]',
      'The EBS encryption-by-default actions have no resource-level permissions (Service Authorization Reference: no resource type), so "*" is the only valid resource; the statement allows these two account-setting actions only.',
    );
  }
}
