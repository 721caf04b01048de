import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildTestApp, minimalClientInput, parseInput, stackOf } from '../../../helpers';

function networkInput(network: Record<string, unknown>) {
  const input = minimalClientInput();
  input.allowedRegions = ['eu-west-1', 'eu-west-3'];
  input.network = { enabled: true, ...network };
  return input;
}

describe('NetworkStack', () => {
  // One app for the defaults, with a second account that names no range of its own.
  const defaults = (() => {
    const input = networkInput({});
    input.accounts.push({ name: 'staging', id: '210987654321', homeRegion: 'eu-west-1' });
    return buildTestApp(parseInput(input));
  })();
  // One app with every option that changes the layout.
  const options = buildTestApp(
    parseInput(networkInput({ zones: ['a', 'b', 'c'], egress: 'nat-gateway-per-az', subnets: { privateMask: 20 }, defaultVpcs: 'remove' })),
  );

  test('the cheapest safe default: public and isolated subnets in two zones, no NAT, gateway endpoints, flow logs', () => {
    // when
    const stack = stackOf(defaults, 'Acme-Production-Network');
    const template = Template.fromStack(stack);

    // then
    expect(stack.environment).toBe('aws://123456789012/eu-west-1');
    template.hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' });
    template.resourceCountIs('AWS::EC2::Subnet', 4);
    template.hasResourceProperties('AWS::EC2::Subnet', { AvailabilityZone: 'eu-west-1a' });
    template.hasResourceProperties('AWS::EC2::Subnet', { AvailabilityZone: 'eu-west-1b' });
    template.resourceCountIs('AWS::EC2::NatGateway', 0);
    template.hasResourceProperties('AWS::EC2::FlowLog', {
      TrafficType: 'ALL',
      LogDestinationType: 's3',
      LogDestination: Match.stringLikeRegexp('lz-logs-123456789012-eu-west-1'),
    });
    const gateways = Object.values(template.findResources('AWS::EC2::VPCEndpoint')).filter(
      (e) => e.Properties.VpcEndpointType === 'Gateway',
    );
    expect(gateways.map((e) => JSON.stringify(e.Properties.ServiceName)).sort()).toEqual([
      expect.stringMatching(/\.dynamodb/),
      expect.stringMatching(/\.s3/),
    ]);
    expect(stack.dependencies.map((s) => s.stackName)).toContain('Acme-Production-Security');
  });

  test('a second account without a range of its own gets the next block, so the VPCs never overlap', () => {
    Template.fromStack(stackOf(defaults, 'Acme-Staging-Network')).hasResourceProperties('AWS::EC2::VPC', { CidrBlock: '10.1.0.0/16' });
  });

  test('the log archive admits VPC flow log delivery when the network is on', () => {
    const security = Template.fromStack(stackOf(defaults, 'Acme-Production-Security'));
    security.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'delivery.logs.amazonaws.com' } })]) },
    });
  });

  test('a NAT gateway per zone with private subnets when chosen', () => {
    const template = Template.fromStack(stackOf(options, 'Acme-Production-Network'));
    template.resourceCountIs('AWS::EC2::NatGateway', 3);
    template.resourceCountIs('AWS::EC2::Subnet', 9);
  });

  test('removes the default VPC of every allowed region when asked', () => {
    const template = Template.fromStack(stackOf(options, 'Acme-Production-Network'));
    const removals = Object.values(
      template.toJSON().Resources as Record<string, { Type: string; Properties?: Record<string, unknown> }>,
    ).filter((r) => r.Type.startsWith('Custom::') && JSON.stringify(r.Properties ?? {}).includes('eu-west-'));
    expect(removals.map((r) => JSON.stringify(r.Properties)).join(' ')).toMatch(/eu-west-1[\s\S]*eu-west-3|eu-west-3[\s\S]*eu-west-1/);
  });

  test('builds no network stack when the layer is off (the default)', () => {
    const app = buildTestApp(parseInput(minimalClientInput()));
    expect(app.node.tryFindChild('Acme-Production-Network')).toBeUndefined();
  });
});
