import { Token } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledge } from '../../shared/compliance';
import {
  AwsCustomResourceLoggingProps,
  createAccountSettingResource,
  grantToAwsCustomResourceProvider,
} from '../../shared/custom-resource-provider';

/** Properties of {@link InstanceMetadataDefaults}. */
export interface InstanceMetadataDefaultsProps extends AwsCustomResourceLoggingProps {
  /**
   * How many network hops the IMDSv2 session token may travel, 1 to 64. 2 lets containers on an
   * instance (Docker bridge networking, ECS, EKS pods) reach the metadata service; 1 confines it
   * to the instance's own processes.
   * @default 2
   */
  readonly httpPutResponseHopLimit?: number;

  /**
   * Whether new instances expose their tags through the instance metadata service.
   * @default false
   */
  readonly instanceMetadataTags?: boolean;

  /**
   * The region whose defaults are set. The custom resource calls EC2 in that region, so one stack
   * (in the home region, with the one encrypted log group) can harden every allowed region.
   * @default - the stack's region
   */
  readonly region?: string;
}

/**
 * Account-level instance metadata defaults in one region (CIS 5.6; Security Hub EC2.8): new EC2
 * instances require IMDSv2 session tokens (IMDSv1 off), keep the metadata endpoint on, and get a
 * hop limit of 2, unless their launch request or AMI says otherwise.
 *
 * The setting has no CloudFormation resource, so an `AwsCustomResource` calls
 * `ec2:ModifyInstanceMetadataDefaults` (EC2 API since late 2023; the SDK bundled in the Lambda
 * Node.js runtime has it) on create and on every update; the call is idempotent. `HttpTokensEnforced`
 * (rejecting launches that ask for IMDSv1) is left as it is.
 *
 * **Delete**: deleting the construct or its stack leaves the defaults in place. Clearing them
 * would let new instances start with IMDSv1 again, so that is a deliberate manual step
 * (`no-preference` for each value). Existing instances are never changed.
 *
 * **Region scope**: regional. Create one per allowed region of the account, with `region` (the
 * calls go to that region's EC2 endpoint, so they can all live in the home region's stack).
 */
export class InstanceMetadataDefaults extends Construct {
  /** The custom resource that applies the defaults. */
  readonly resource: cr.AwsCustomResource;

  constructor(scope: Construct, id: string, props: InstanceMetadataDefaultsProps = {}) {
    super(scope, id);
    const hopLimit = props.httpPutResponseHopLimit ?? 2;
    if (!Token.isUnresolved(hopLimit) && (!Number.isInteger(hopLimit) || hopLimit < 1 || hopLimit > 64)) {
      throw new Error(
        `InstanceMetadataDefaults ${this.node.path}: httpPutResponseHopLimit must be a whole number from 1 to 64 (received ${hopLimit})`,
      );
    }

    this.resource = createAccountSettingResource(
      this,
      'Resource',
      {
        service: '@aws-sdk/client-ec2',
        action: 'ModifyInstanceMetadataDefaults',
        region: props.region,
        parameters: {
          HttpTokens: 'required',
          HttpPutResponseHopLimit: hopLimit,
          HttpEndpoint: 'enabled',
          InstanceMetadataTags: props.instanceMetadataTags ? 'enabled' : 'disabled',
        },
        physicalResourceId: cr.PhysicalResourceId.of('ec2-instance-metadata-defaults'),
      },
      props,
    );

    const policy = grantToAwsCustomResourceProvider(
      this,
      [
        new iam.PolicyStatement({
          actions: ['ec2:ModifyInstanceMetadataDefaults'],
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
      'ec2:ModifyInstanceMetadataDefaults has no resource-level permissions (Service Authorization Reference: no resource type), so "*" is the only valid resource; the statement allows this one action only.',
    );
  }
}
