import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { PlannedSubnet, SubnetTier } from '../../lib/core/rules/subnet-plan';

/**
 * Hands `ec2.Vpc` the subnet CIDRs of {@link planSubnets} instead of its own allocation, so the
 * template holds exactly the layout that was checked.
 */
export class PlannedIpAddresses implements ec2.IIpAddresses {
  constructor(
    private readonly cidr: string,
    private readonly plan: PlannedSubnet[],
    private readonly tierByGroupName: ReadonlyMap<string, SubnetTier>,
  ) {}

  allocateVpcCidr(): ec2.VpcIpamOptions {
    return { cidrBlock: this.cidr };
  }

  allocateSubnetsCidr(input: ec2.AllocateCidrRequest): ec2.SubnetIpamOptions {
    return {
      allocatedSubnets: input.requestedSubnets.map((request) => {
        const tier = this.tierByGroupName.get(request.configuration.name);
        const planned = this.plan.find((subnet) => subnet.tier === tier && subnet.availabilityZone === request.availabilityZone);
        if (!planned) {
          throw new Error(`no planned subnet for ${request.configuration.name} in ${request.availabilityZone}`);
        }
        return { cidr: planned.cidr };
      }),
    };
  }
}
