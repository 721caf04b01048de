import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledge } from '../../shared/compliance';
import {
  AwsCustomResourceLoggingProps,
  createAccountSettingResource,
  grantToAwsCustomResourceProvider,
} from '../../shared/custom-resource-provider';

/** Properties of {@link AccountPublicAccessBlock}. */
export type AccountPublicAccessBlockProps = AwsCustomResourceLoggingProps;

/**
 * Account-level S3 Block Public Access with all four settings on (CIS 2.1.4; Security Hub S3.1):
 * no public ACL or public bucket policy can be set on any bucket or access point of the account,
 * and existing public ones are ignored. Buckets keep their own `BLOCK_ALL` setting as well.
 *
 * The account-level setting has no CloudFormation resource, so an `AwsCustomResource` calls the
 * S3 Control API `PutPublicAccessBlock` (IAM action `s3:PutAccountPublicAccessBlock`) with the
 * stack's account on create and on every update; the call replaces the whole configuration and is
 * idempotent.
 *
 * **Delete**: deleting the construct or its stack leaves Block Public Access on. Switching it off
 * would expose any bucket that has a public policy or ACL, so that is a deliberate manual step.
 *
 * **Region scope**: the setting is account-wide, for every region. Create exactly one per account,
 * in the stack of its home region.
 */
export class AccountPublicAccessBlock extends Construct {
  /** The custom resource that applies the setting. */
  readonly resource: cr.AwsCustomResource;

  constructor(scope: Construct, id: string, props: AccountPublicAccessBlockProps = {}) {
    super(scope, id);

    this.resource = createAccountSettingResource(
      this,
      'Resource',
      {
        service: '@aws-sdk/client-s3-control',
        action: 'PutPublicAccessBlock',
        parameters: {
          // S3 Control addresses the account in the request (x-amz-account-id), not by the caller.
          AccountId: Stack.of(this).account,
          PublicAccessBlockConfiguration: {
            BlockPublicAcls: true,
            IgnorePublicAcls: true,
            BlockPublicPolicy: true,
            RestrictPublicBuckets: true,
          },
        },
        physicalResourceId: cr.PhysicalResourceId.of('s3-account-public-access-block'),
      },
      props,
    );

    const policy = grantToAwsCustomResourceProvider(
      this,
      [
        new iam.PolicyStatement({
          actions: ['s3:PutAccountPublicAccessBlock'],
          // The Service Authorization Reference lists no resource type for this action: "*" is the
          // only resource it accepts.
          resources: ['*'],
        }),
      ],
      [this.resource],
    );
    acknowledge(
      policy.node.defaultChild!,
      'AwsSolutions-IAM5[Resource::*]',
      's3:PutAccountPublicAccessBlock has no resource-level permissions (Service Authorization Reference: no resource type), so "*" is the only valid resource; the statement allows this one action only.',
    );
  }
}
