import {
  DeleteInternetGatewayCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeInternetGatewaysCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  EC2Client,
  EC2ServiceException,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { DefaultVpcInUseError, describeInterfaces, removeDefaultVpc } from '../../../lambda/default-vpc-removal/remove-default-vpc';

const ec2Mock = mockClient(EC2Client);
const ec2 = new EC2Client({ region: 'eu-west-1' });

const DELETES = [DetachInternetGatewayCommand, DeleteInternetGatewayCommand, DeleteSubnetCommand, DeleteVpcCommand];

/** A region whose default VPC vpc-default has two subnets and one internet gateway, and nothing in it. */
function emptyDefaultVpc(): void {
  ec2Mock.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-default', IsDefault: true }] });
  ec2Mock.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [] });
  ec2Mock
    .on(DescribeInternetGatewaysCommand)
    .resolves({ InternetGateways: [{ InternetGatewayId: 'igw-1', Attachments: [{ VpcId: 'vpc-default', State: 'attached' }] }] });
  ec2Mock
    .on(DescribeSubnetsCommand)
    .resolvesOnce({ Subnets: [{ SubnetId: 'subnet-a' }], NextToken: 'page-2' })
    .resolvesOnce({ Subnets: [{ SubnetId: 'subnet-b' }] });
  for (const command of DELETES) ec2Mock.on(command as any).resolves({});
}

function dependencyViolation(message: string): EC2ServiceException {
  return new EC2ServiceException({ name: 'DependencyViolation', $fault: 'client', $metadata: {}, message });
}

describe('removeDefaultVpc', () => {
  beforeEach(() => {
    ec2Mock.reset();
  });

  test('does nothing in a region without a default VPC', async () => {
    // given
    ec2Mock.on(DescribeVpcsCommand).resolves({ Vpcs: [] });

    // when
    const result = await removeDefaultVpc(ec2, 'eu-west-1');

    // then
    expect(result).toEqual({ vpcId: undefined, subnetIds: [], internetGatewayIds: [] });
    expect(ec2Mock.commandCalls(DescribeVpcsCommand)[0].args[0].input).toEqual({ Filters: [{ Name: 'is-default', Values: ['true'] }] });
    for (const command of [DescribeNetworkInterfacesCommand, DescribeSubnetsCommand, ...DELETES])
      expect(ec2Mock.commandCalls(command as any)).toHaveLength(0);
  });

  test('detaches and deletes the internet gateway, deletes every subnet (all pages), then the VPC', async () => {
    // given
    emptyDefaultVpc();
    const log = jest.fn();

    // when
    const result = await removeDefaultVpc(ec2, 'eu-west-1', log);

    // then
    expect(result).toEqual({ vpcId: 'vpc-default', subnetIds: ['subnet-a', 'subnet-b'], internetGatewayIds: ['igw-1'] });
    expect(ec2Mock.commandCalls(DescribeNetworkInterfacesCommand)[0].args[0].input).toEqual({
      Filters: [{ Name: 'vpc-id', Values: ['vpc-default'] }],
    });
    expect(ec2Mock.commandCalls(DescribeInternetGatewaysCommand)[0].args[0].input).toEqual({
      Filters: [{ Name: 'attachment.vpc-id', Values: ['vpc-default'] }],
    });
    // Two pages; the paginator reuses one input object, so only the last call's token is visible.
    const subnetCalls = ec2Mock.commandCalls(DescribeSubnetsCommand).map((call) => call.args[0].input);
    expect(subnetCalls).toHaveLength(2);
    expect(subnetCalls[1]).toEqual(
      expect.objectContaining({ Filters: [{ Name: 'vpc-id', Values: ['vpc-default'] }], NextToken: 'page-2' }),
    );
    const deletes = ec2Mock
      .calls()
      .map((call) => call.args[0])
      .filter((command) => DELETES.some((type) => command instanceof type))
      .map((command) => `${command.constructor.name} ${JSON.stringify(command.input)}`);
    expect(deletes).toEqual([
      'DetachInternetGatewayCommand {"InternetGatewayId":"igw-1","VpcId":"vpc-default"}',
      'DeleteInternetGatewayCommand {"InternetGatewayId":"igw-1"}',
      'DeleteSubnetCommand {"SubnetId":"subnet-a"}',
      'DeleteSubnetCommand {"SubnetId":"subnet-b"}',
      'DeleteVpcCommand {"VpcId":"vpc-default"}',
    ]);
    expect(log).toHaveBeenLastCalledWith('deleted default VPC', {
      region: 'eu-west-1',
      vpcId: 'vpc-default',
      subnetIds: ['subnet-a', 'subnet-b'],
      internetGatewayIds: ['igw-1'],
    });
  });

  test('handles a default VPC whose internet gateway is already gone', async () => {
    emptyDefaultVpc();
    ec2Mock.on(DescribeInternetGatewaysCommand).resolves({ InternetGateways: [] });

    const result = await removeDefaultVpc(ec2, 'eu-west-1');

    expect(result.internetGatewayIds).toEqual([]);
    expect(ec2Mock.commandCalls(DetachInternetGatewayCommand)).toHaveLength(0);
    expect(ec2Mock.commandCalls(DeleteVpcCommand)).toHaveLength(1);
  });

  test('refuses a default VPC with network interfaces in use, naming them, and deletes nothing', async () => {
    // given
    emptyDefaultVpc();
    ec2Mock.on(DescribeNetworkInterfacesCommand).resolves({
      NetworkInterfaces: [
        { NetworkInterfaceId: 'eni-1', Description: 'ELB app/web/123', Status: 'in-use' },
        { NetworkInterfaceId: 'eni-2', InterfaceType: 'lambda', Status: 'available' },
      ],
    });

    // when
    const removal = removeDefaultVpc(ec2, 'eu-west-1');

    // then
    await expect(removal).rejects.toThrow(DefaultVpcInUseError);
    await expect(removeDefaultVpc(ec2, 'eu-west-1')).rejects.toThrow(
      /the default VPC vpc-default in eu-west-1 is still in use by 2 network interfaces: eni-1 \(ELB app\/web\/123, in-use\), eni-2 \(lambda, available\); nothing was deleted\. Delete or move the resources that own them/,
    );
    for (const command of DELETES) expect(ec2Mock.commandCalls(command as any)).toHaveLength(0);
  });

  test('explains a dependency EC2 will not delete (a security group someone added)', async () => {
    emptyDefaultVpc();
    ec2Mock.on(DeleteVpcCommand).rejects(dependencyViolation("The vpc 'vpc-default' has dependencies and cannot be deleted."));

    await expect(removeDefaultVpc(ec2, 'eu-west-1')).rejects.toThrow(
      /the default VPC vpc-default in eu-west-1 still has resources that EC2 will not delete with it \(security groups, route tables or network ACLs someone added, peering connections, VPN or egress-only gateways\): The vpc 'vpc-default' has dependencies and cannot be deleted\.\. Remove them and deploy again/,
    );
  });

  test('passes other EC2 errors through unchanged', async () => {
    emptyDefaultVpc();
    const denied = new EC2ServiceException({
      name: 'UnauthorizedOperation',
      $fault: 'client',
      $metadata: {},
      message: 'You are not authorized to perform this operation.',
    });
    ec2Mock.on(DeleteSubnetCommand).rejects(denied);

    await expect(removeDefaultVpc(ec2, 'eu-west-1')).rejects.toBe(denied);
    expect(ec2Mock.commandCalls(DeleteVpcCommand)).toHaveLength(0);
  });
});

describe('describeInterfaces', () => {
  test.each([
    [[{ NetworkInterfaceId: 'eni-1', Description: 'RDS', Status: 'in-use' }], 'eni-1 (RDS, in-use)'],
    [[{ NetworkInterfaceId: 'eni-2', Description: '', InterfaceType: 'nat_gateway', Status: 'in-use' }], 'eni-2 (nat_gateway, in-use)'],
    [[{ NetworkInterfaceId: 'eni-3' }, { Status: 'available' }], 'eni-3, unknown (available)'],
  ] as const)('%j -> %s', (interfaces, text) => {
    expect(describeInterfaces(interfaces as any)).toBe(text);
  });
});
