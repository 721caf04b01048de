/**
 * Removes the default VPC of one region. Deploy-time code of the `DefaultVpcRemoval` custom
 * resource: no `aws-cdk-lib` import here. It uses the AWS SDK v3 that the Lambda Node.js runtime
 * ships (the bundle marks `@aws-sdk/*` external): the function runs a handful of EC2 calls at
 * deployment, so a pinned SDK copy would only add bundle size and patching work.
 */
import {
  DeleteInternetGatewayCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DetachInternetGatewayCommand,
  EC2Client,
  NetworkInterface,
  paginateDescribeInternetGateways,
  paginateDescribeNetworkInterfaces,
  paginateDescribeSubnets,
  paginateDescribeVpcs,
} from '@aws-sdk/client-ec2';

/** What {@link removeDefaultVpc} did. */
export interface RemovalResult {
  /** The default VPC that was deleted; undefined when the region had none. */
  readonly vpcId?: string;
  /** The subnets deleted with it. */
  readonly subnetIds: string[];
  /** The internet gateways detached from it and deleted. */
  readonly internetGatewayIds: string[];
}

/** Something that {@link removeDefaultVpc} wants to tell the log. */
export type RemovalLog = (message: string, details: Record<string, unknown>) => void;

/**
 * The default VPC is still in use: network interfaces (instances, load balancers, Lambda
 * functions, endpoints, NAT gateways, databases) live in it. Nothing was deleted.
 */
export class DefaultVpcInUseError extends Error {
  constructor(
    readonly vpcId: string,
    readonly region: string,
    interfaces: NetworkInterface[],
  ) {
    super(
      `the default VPC ${vpcId} in ${region} is still in use by ${interfaces.length} network interface${interfaces.length === 1 ? '' : 's'}: ` +
        `${describeInterfaces(interfaces)}; nothing was deleted. Delete or move the resources that own them (instances, load balancers, Lambda functions, ` +
        'VPC endpoints, NAT gateways, databases), or keep the default VPC of this region',
    );
    this.name = 'DefaultVpcInUseError';
  }
}

/**
 * Deletes the default VPC of the client's region, if there is one: its internet gateways
 * (detached first), its subnets, then the VPC (which takes its default security group, network
 * ACL and main route table with it). A region without a default VPC is left alone, so the call
 * is idempotent.
 *
 * Refuses, before deleting anything, when network interfaces remain in the VPC
 * ({@link DefaultVpcInUseError}). Fails with an explanation when EC2 reports other dependencies
 * (security groups, route tables or ACLs someone added, peering, VPN gateways), which leaves the
 * VPC with its internet gateway and subnets gone: redeploying after removing them finishes it.
 */
export async function removeDefaultVpc(ec2: EC2Client, region: string, log: RemovalLog = () => undefined): Promise<RemovalResult> {
  const vpcIds: string[] = [];
  for await (const page of paginateDescribeVpcs({ client: ec2 }, { Filters: [{ Name: 'is-default', Values: ['true'] }] })) {
    for (const vpc of page.Vpcs ?? []) if (vpc.VpcId) vpcIds.push(vpc.VpcId);
  }
  if (vpcIds.length === 0) {
    log('no default VPC', { region });
    return { subnetIds: [], internetGatewayIds: [] };
  }
  // A region has at most one default VPC.
  const vpcId = vpcIds[0];
  const byVpc = [{ Name: 'vpc-id', Values: [vpcId] }];

  const interfaces: NetworkInterface[] = [];
  for await (const page of paginateDescribeNetworkInterfaces({ client: ec2 }, { Filters: byVpc })) {
    interfaces.push(...(page.NetworkInterfaces ?? []));
  }
  if (interfaces.length > 0) throw new DefaultVpcInUseError(vpcId, region, interfaces);

  const internetGatewayIds: string[] = [];
  for await (const page of paginateDescribeInternetGateways(
    { client: ec2 },
    { Filters: [{ Name: 'attachment.vpc-id', Values: [vpcId] }] },
  )) {
    for (const gateway of page.InternetGateways ?? []) if (gateway.InternetGatewayId) internetGatewayIds.push(gateway.InternetGatewayId);
  }
  for (const internetGatewayId of internetGatewayIds) {
    await ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: internetGatewayId, VpcId: vpcId }));
    await ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: internetGatewayId }));
    log('deleted internet gateway', { region, vpcId, internetGatewayId });
  }

  const subnetIds: string[] = [];
  for await (const page of paginateDescribeSubnets({ client: ec2 }, { Filters: byVpc })) {
    for (const subnet of page.Subnets ?? []) if (subnet.SubnetId) subnetIds.push(subnet.SubnetId);
  }
  for (const subnetId of subnetIds) {
    await withDependencyHint(vpcId, region, () => ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId })));
    log('deleted subnet', { region, vpcId, subnetId });
  }

  await withDependencyHint(vpcId, region, () => ec2.send(new DeleteVpcCommand({ VpcId: vpcId })));
  log('deleted default VPC', { region, vpcId, subnetIds, internetGatewayIds });
  return { vpcId, subnetIds, internetGatewayIds };
}

/** `eni-1 (ELB app/web/1, in-use), eni-2 (available)`: enough to find the owners in the console. */
export function describeInterfaces(interfaces: NetworkInterface[]): string {
  return interfaces
    .map((eni) => {
      const details = [eni.Description || eni.InterfaceType, eni.Status].filter(Boolean).join(', ');
      return `${eni.NetworkInterfaceId ?? 'unknown'}${details ? ` (${details})` : ''}`;
    })
    .join(', ');
}

async function withDependencyHint<T>(vpcId: string, region: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if ((error as Error).name !== 'DependencyViolation') throw error;
    throw new Error(
      `the default VPC ${vpcId} in ${region} still has resources that EC2 will not delete with it (security groups, route tables or network ACLs someone added, ` +
        `peering connections, VPN or egress-only gateways): ${(error as Error).message}. Remove them and deploy again, or keep the default VPC of this region`,
      { cause: error },
    );
  }
}
