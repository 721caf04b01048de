import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { INTERFACE_ENDPOINT_SERVICES } from '../../../../constructs/network/interface-endpoint-services';
import { INTERFACE_ENDPOINT_NAMES } from '../../../../lib/core/rules/interface-endpoints';

describe('INTERFACE_ENDPOINT_NAMES (written out so that the config needs no CDK)', () => {
  test("are the short names of the pinned aws-cdk-lib's interface endpoint services, each once", () => {
    const cdk = new Set<string>();
    for (const value of Object.values(ec2.InterfaceVpcEndpointAwsService)) {
      if (value instanceof ec2.InterfaceVpcEndpointAwsService) cdk.add(value.shortName);
    }
    expect([...INTERFACE_ENDPOINT_NAMES].sort()).toEqual([...cdk].sort());
  });

  test('are exactly the names the network construct maps to a service: what the config accepts, the construct builds', () => {
    expect([...INTERFACE_ENDPOINT_SERVICES.keys()]).toEqual(INTERFACE_ENDPOINT_NAMES);
  });
});
