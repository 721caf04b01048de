import {
  DeleteVpcCommand,
  DescribeInternetGatewaysCommand,
  DescribeNetworkInterfacesCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import type { CdkCustomResourceEvent } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';

// The handler's Powertools logger reads its level when the module loads: keep test output quiet.
process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
// Required after the line above (an import would be hoisted before it).
const { handler, physicalResourceId } =
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('../../../lambda/default-vpc-removal/index') as typeof import('../../../lambda/default-vpc-removal/index');

const ec2Mock = mockClient(EC2Client);

function event(requestType: 'Create' | 'Update' | 'Delete', region: unknown = 'eu-central-1'): CdkCustomResourceEvent {
  const base = {
    ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:framework',
    ResponseURL: 'https://cloudformation-custom-resource-response-euwest1.s3.amazonaws.com/x',
    StackId: 'arn:aws:cloudformation:eu-west-1:123456789012:stack/Security/1',
    RequestId: 'request-1',
    LogicalResourceId: 'Frankfurt',
    ResourceType: 'Custom::DefaultVpcRemoval',
    ResourceProperties: { ServiceToken: 'arn:aws:lambda:eu-west-1:123456789012:function:framework', Region: region as string },
  };
  if (requestType === 'Create') return { ...base, RequestType: 'Create' };
  if (requestType === 'Update')
    return {
      ...base,
      RequestType: 'Update',
      PhysicalResourceId: 'default-vpc-removal-eu-central-1',
      OldResourceProperties: base.ResourceProperties,
    };
  return { ...base, RequestType: 'Delete', PhysicalResourceId: 'default-vpc-removal-eu-central-1' };
}

describe('default VPC removal handler', () => {
  beforeEach(() => {
    ec2Mock.reset();
  });

  test.each(['Create', 'Update'] as const)(
    '%s removes the default VPC of the region in the event, with a stable physical id',
    async (requestType) => {
      // given
      ec2Mock.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-default' }] });
      ec2Mock.on(DescribeNetworkInterfacesCommand).resolves({});
      ec2Mock.on(DescribeInternetGatewaysCommand).resolves({});
      ec2Mock.on(DescribeSubnetsCommand).resolves({ Subnets: [{ SubnetId: 'subnet-a' }] });

      // when
      const response = await handler(event(requestType));

      // then
      expect(response).toEqual({
        PhysicalResourceId: 'default-vpc-removal-eu-central-1',
        Data: { RemovedVpcId: 'vpc-default', RemovedSubnetCount: '1' },
      });
      expect(ec2Mock.commandCalls(DeleteVpcCommand)).toHaveLength(1);
      expect(await (ec2Mock.call(0).thisValue as EC2Client).config.region()).toBe('eu-central-1');
    },
  );

  test('reports an empty id when the region had no default VPC', async () => {
    ec2Mock.on(DescribeVpcsCommand).resolves({ Vpcs: [] });
    expect(await handler(event('Create'))).toEqual({
      PhysicalResourceId: physicalResourceId('eu-central-1'),
      Data: { RemovedVpcId: '', RemovedSubnetCount: '0' },
    });
  });

  test('does not recreate the default VPC on delete, and calls nothing', async () => {
    expect(await handler(event('Delete'))).toEqual({ PhysicalResourceId: 'default-vpc-removal-eu-central-1' });
    expect(ec2Mock.calls()).toHaveLength(0);
  });

  test('fails the deployment with the removal error', async () => {
    ec2Mock.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-default' }] });
    ec2Mock.on(DescribeNetworkInterfacesCommand).resolves({ NetworkInterfaces: [{ NetworkInterfaceId: 'eni-1', Status: 'in-use' }] });

    await expect(handler(event('Update'))).rejects.toThrow(
      /the default VPC vpc-default in eu-central-1 is still in use by 1 network interface: eni-1 \(in-use\)/,
    );
  });

  test.each([null, 42, 'Frankfurt', 'eu-central-1a'])('rejects a Region property that is not a region name (%j)', async (region) => {
    await expect(handler(event('Create', region))).rejects.toThrow(/ResourceProperties\.Region must be a region name such as eu-west-1/);
    expect(ec2Mock.calls()).toHaveLength(0);
  });
});
