import { Stack, StackProps } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { BaselineVpc } from '../../../constructs/network/baseline-vpc';
import { DefaultVpcRemoval } from '../../../constructs/network/default-vpc-removal';
import { accountVpcRanges } from '../../core/config/network-ranges';
import { AccountConfig, ClientConfig } from '../../core/config/schema';
import { archiveAccount } from '../../core/organization/account-roles';
import { logArchiveBucketName, regionSuffix } from '../../core/naming';

/** Properties of {@link NetworkStack}. */
export interface NetworkStackProps extends StackProps {
  /** The validated client configuration. */
  readonly config: ClientConfig;
  /** The account this stack is deployed to (in its home region). */
  readonly account: AccountConfig;
  /** The account's platform key (log group of the custom resources). */
  readonly platformKey: kms.IKey;
}

/** The VPC range of an account: its own, else the next block of the client's range (see `accountVpcRanges`). */
export function vpcCidr(config: ClientConfig, account: AccountConfig): string {
  const ranges = accountVpcRanges(
    config.network,
    config.accounts.map((a) => a.name),
  );
  return ranges.find((range) => range.account === account.name)!.cidr;
}

/**
 * The network baseline of an account in its home region: the VPC (subnet tiers, egress, gateway
 * endpoints, interface endpoints, flow logs to the log archive, default security group closed)
 * and, when chosen, the removal of the default VPCs in every allowed region.
 */
export class NetworkStack extends Stack {
  /** The account's VPC (the dashboards read its NAT gateways). */
  readonly vpc: BaselineVpc;

  private readonly zones: string[];

  constructor(scope: Construct, id: string, props: NetworkStackProps) {
    super(scope, id, props);
    const { config, account } = props;
    const network = config.network;
    // Stated here, so the VPC construct never asks AWS which zones exist (no context lookup).
    this.zones = network.zones.map((letter) => `${account.homeRegion}${letter}`);

    this.vpc = new BaselineVpc(this, 'Vpc', {
      cidr: vpcCidr(config, account),
      availabilityZones: this.zones,
      publicMask: network.subnets.publicMask || undefined,
      privateMask: network.subnets.privateMask || undefined,
      isolatedMask: network.subnets.isolatedMask || undefined,
      egress: network.egress,
      interfaceEndpoints: [...network.interfaceEndpoints],
      flowLogsBucket: s3.Bucket.fromBucketName(this, 'LogArchiveBucket', logArchiveBucketName(archiveAccount(config, account))),
      logGroupKey: props.platformKey,
    });

    if (network.defaultVpcs === 'remove') {
      for (const region of config.allowedRegions) {
        new DefaultVpcRemoval(this, `RemoveDefaultVpc${regionSuffix(region)}`, { region, logGroupKey: props.platformKey });
      }
    }
  }

  /** The configured zones: CDK would otherwise look them up in the account. */
  override get availabilityZones(): string[] {
    return this.zones;
  }
}
