import * as fs from 'node:fs';
import * as path from 'node:path';
import { App, Stack, StackProps } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge, listAcknowledgements } from '../../../constructs/shared/compliance';
import { PlatformKey } from '../../../constructs/foundation/platform-key';
import { BaselineVpc, BaselineVpcProps, VPC_EGRESS_OPTIONS, VpcEgress } from '../../../constructs/network/baseline-vpc';
import { INTERFACE_ENDPOINT_SERVICES } from '../../../constructs/network/interface-endpoint-services';
import { newTestApp, withCloudFormationValidation } from '../../helpers';
import { nagFindings } from '../../nag';

const ENV = { account: '123456789012', region: 'eu-west-1' };
const REGION_ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

/** A stack that states its zones, as the network stack must (no availability zone lookup). */
class ZonedStack extends Stack {
  constructor(
    scope: Construct,
    id: string,
    private readonly zones: string[],
    props: StackProps,
  ) {
    super(scope, id, props);
  }

  override get availabilityZones(): string[] {
    return this.zones;
  }
}

type Overrides = Partial<BaselineVpcProps>;

/** Defaults per egress: the tiers each option needs. */
function tiersFor(egress: VpcEgress): Overrides {
  return egress === 'none'
    ? { publicMask: undefined, privateMask: undefined, isolatedMask: 22 }
    : { publicMask: 24, privateMask: 20, isolatedMask: 22 };
}

function setup(overrides: Overrides = {}, app: App = new App()) {
  const stack = new ZonedStack(app, 'Network', REGION_ZONES, { env: ENV });
  const key = new PlatformKey(stack, 'Key');
  key.allowCloudWatchLogs();
  const egress = overrides.egress ?? 'nat-gateway';
  const vpc = new BaselineVpc(stack, 'Vpc', {
    cidr: '10.0.0.0/16',
    availabilityZones: ['eu-west-1a', 'eu-west-1b'],
    egress,
    ...tiersFor(egress),
    flowLogsBucket: s3.Bucket.fromBucketName(stack, 'LogArchive', 'acme-log-archive'),
    logGroupKey: key.key,
    ...overrides,
  });
  return { app, stack, key, vpc, template: Template.fromStack(stack) };
}

function logicalId(stack: Stack, construct: Construct): string {
  return stack.getLogicalId(construct.node.defaultChild as any);
}

/** Route tables of a tier: the Ref of each subnet's route table, in zone order. */
function routeTableRefs(stack: Stack, subnets: ec2.ISubnet[]) {
  return subnets.map((subnet) => stack.resolve(subnet.routeTable.routeTableId));
}

/** The SDK call of a Custom::AWS payload; CloudFormation tokens in it become `TOKEN(<json>)` strings. */
function payload(value: string | { 'Fn::Join': [string, unknown[]] }): any {
  if (typeof value === 'string') return JSON.parse(value);
  const [, parts] = value['Fn::Join'];
  return JSON.parse(
    parts.map((part) => (typeof part === 'string' ? part : `TOKEN(${JSON.stringify(part).replace(/"/g, '\\"')})`)).join(''),
  );
}

describe('BaselineVpc', () => {
  describe('subnet layout', () => {
    test.each([
      [['eu-west-1a', 'eu-west-1b'], 6],
      [['eu-west-1a', 'eu-west-1b', 'eu-west-1c'], 9],
    ])('lays out one subnet per tier and zone exactly as planSubnets computed (%j)', (zones, count) => {
      const { vpc, template } = setup({ availabilityZones: zones });

      template.resourceCountIs('AWS::EC2::Subnet', count);
      expect(vpc.subnetPlan).toHaveLength(count);
      for (const planned of vpc.subnetPlan) {
        template.hasResourceProperties('AWS::EC2::Subnet', {
          AvailabilityZone: planned.availabilityZone,
          CidrBlock: planned.cidr,
          MapPublicIpOnLaunch: false,
          Tags: Match.arrayWith([
            { Key: 'aws-cdk:subnet-type', Value: { public: 'Public', private: 'Private', isolated: 'Isolated' }[planned.tier] },
          ]),
        });
      }
    });

    test('puts the planned CIDRs into the template, larger tiers first', () => {
      const { vpc } = setup();
      expect(vpc.subnetPlan.map((subnet) => `${subnet.tier} ${subnet.availabilityZone} ${subnet.cidr}`)).toEqual([
        'public eu-west-1a 10.0.40.0/24',
        'public eu-west-1b 10.0.41.0/24',
        'private eu-west-1a 10.0.0.0/20',
        'private eu-west-1b 10.0.16.0/20',
        'isolated eu-west-1a 10.0.32.0/22',
        'isolated eu-west-1b 10.0.36.0/22',
      ]);
    });

    test('creates the VPC with its block and DNS on (needed for private DNS of interface endpoints)', () => {
      const { template } = setup({ cidr: '172.20.0.0/20', publicMask: 24, privateMask: 22, isolatedMask: 24 });
      template.hasResourceProperties('AWS::EC2::VPC', {
        CidrBlock: '172.20.0.0/20',
        EnableDnsHostnames: true,
        EnableDnsSupport: true,
        InstanceTenancy: 'default',
      });
    });

    test('never assigns public IPv4 addresses on launch, not even in public subnets', () => {
      const { template } = setup();
      const subnets = Object.values(template.findResources('AWS::EC2::Subnet'));
      expect(subnets.map((subnet) => subnet.Properties.MapPublicIpOnLaunch)).toEqual(subnets.map(() => false));
    });
  });

  describe('routes per egress option', () => {
    test('none with isolated subnets only: no internet gateway, no NAT and no route at all', () => {
      const { vpc, template } = setup({ egress: 'none', publicMask: 0, privateMask: 0, isolatedMask: 20 });

      template.resourceCountIs('AWS::EC2::InternetGateway', 0);
      template.resourceCountIs('AWS::EC2::VPCGatewayAttachment', 0);
      template.resourceCountIs('AWS::EC2::NatGateway', 0);
      template.resourceCountIs('AWS::EC2::Instance', 0);
      template.resourceCountIs('AWS::EC2::Route', 0);
      expect(vpc.natGatewayIds).toEqual([]);
      expect(vpc.natInstanceIds).toEqual([]);
    });

    test('none with a public tier: the internet gateway serves the public subnets only', () => {
      const { stack, vpc, template } = setup({ egress: 'none', publicMask: 24, isolatedMask: 22 });
      const igw = template.findResources('AWS::EC2::InternetGateway');
      const [igwId] = Object.keys(igw);

      expect(Object.keys(igw)).toHaveLength(1);
      template.resourceCountIs('AWS::EC2::NatGateway', 0);
      const routes = Object.values(template.findResources('AWS::EC2::Route'));
      expect(routes).toHaveLength(2);
      expect(routes.map((route) => route.Properties.RouteTableId)).toEqual(routeTableRefs(stack, vpc.vpc.publicSubnets));
      for (const route of routes)
        expect(route.Properties).toEqual(expect.objectContaining({ DestinationCidrBlock: '0.0.0.0/0', GatewayId: { Ref: igwId } }));
    });

    test('nat-gateway: one NAT gateway in the first public subnet, every private subnet routes to it', () => {
      const { stack, vpc, template } = setup({ egress: 'nat-gateway', availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] });
      const natGateways = template.findResources('AWS::EC2::NatGateway');
      const [natId] = Object.keys(natGateways);

      expect(Object.keys(natGateways)).toHaveLength(1);
      expect(natGateways[natId].Properties.SubnetId).toEqual(stack.resolve(vpc.vpc.publicSubnets[0].subnetId));
      template.resourceCountIs('AWS::EC2::EIP', 1);
      for (const routeTable of routeTableRefs(stack, vpc.vpc.privateSubnets)) {
        template.hasResourceProperties('AWS::EC2::Route', {
          RouteTableId: routeTable,
          DestinationCidrBlock: '0.0.0.0/0',
          NatGatewayId: { Ref: natId },
        });
      }
      expect(vpc.natGatewayIds.map((id) => stack.resolve(id))).toEqual([{ Ref: natId }]);
      expect(vpc.natInstanceIds).toEqual([]);
    });

    test('nat-gateway-per-az: one NAT gateway per zone, each private subnet routes to the one of its zone', () => {
      const { stack, vpc, template } = setup({
        egress: 'nat-gateway-per-az',
        availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'],
      });
      const natGateways = template.findResources('AWS::EC2::NatGateway');

      expect(Object.keys(natGateways)).toHaveLength(3);
      template.resourceCountIs('AWS::EC2::EIP', 3);
      vpc.vpc.privateSubnets.forEach((privateSubnet, zone) => {
        const natId = Object.keys(natGateways).find(
          (id) =>
            JSON.stringify(natGateways[id].Properties.SubnetId) === JSON.stringify(stack.resolve(vpc.vpc.publicSubnets[zone].subnetId)),
        )!;
        template.hasResourceProperties('AWS::EC2::Route', {
          RouteTableId: stack.resolve(privateSubnet.routeTable.routeTableId),
          DestinationCidrBlock: '0.0.0.0/0',
          NatGatewayId: { Ref: natId },
        });
      });
      expect(vpc.natGatewayIds.map((id) => stack.resolve(id))).toEqual(Object.keys(natGateways).map((id) => ({ Ref: id })));
    });

    test('nat-instance: private subnets route to one hardened t4g.nano, no NAT gateway', () => {
      const { stack, vpc, template } = setup({ egress: 'nat-instance' });
      const instances = template.findResources('AWS::EC2::Instance');
      const [instanceId] = Object.keys(instances);

      expect(Object.keys(instances)).toHaveLength(1);
      template.resourceCountIs('AWS::EC2::NatGateway', 0);
      template.resourceCountIs('AWS::EC2::EIP', 0);
      template.hasResourceProperties('AWS::EC2::Instance', {
        InstanceType: 't4g.nano',
        SourceDestCheck: false,
        MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled', HttpPutResponseHopLimit: 1 },
        Monitoring: true,
        BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: Match.objectLike({ Encrypted: true, VolumeType: 'gp3' }) }],
        NetworkInterfaces: [
          Match.objectLike({ AssociatePublicIpAddress: true, SubnetId: stack.resolve(vpc.vpc.publicSubnets[0].subnetId) }),
        ],
        KeyName: Match.absent(),
        // Amazon Linux 2023 for arm64, resolved by CloudFormation from SSM (no context lookup).
        ImageId: { Ref: Match.stringLikeRegexp('al2023amikernel.*arm64') },
      });
      for (const routeTable of routeTableRefs(stack, vpc.vpc.privateSubnets)) {
        template.hasResourceProperties('AWS::EC2::Route', {
          RouteTableId: routeTable,
          DestinationCidrBlock: '0.0.0.0/0',
          InstanceId: { Ref: instanceId },
        });
      }
      expect(vpc.natInstanceIds.map((id) => stack.resolve(id))).toEqual([{ Ref: instanceId }]);
      expect(vpc.natGatewayIds).toEqual([]);
    });

    test('nat-instance: its security group admits TCP, UDP and ICMP from the VPC range only', () => {
      const { template } = setup({ egress: 'nat-instance', natInstanceType: new ec2.InstanceType('t4g.micro') });

      template.hasResourceProperties('AWS::EC2::Instance', { InstanceType: 't4g.micro' });
      template.hasResourceProperties('AWS::EC2::SecurityGroup', {
        GroupDescription: 'Security Group for NAT instances',
        SecurityGroupIngress: [
          Match.objectLike({ CidrIp: '10.0.0.0/16', IpProtocol: 'tcp', FromPort: 0, ToPort: 65535 }),
          Match.objectLike({ CidrIp: '10.0.0.0/16', IpProtocol: 'udp', FromPort: 0, ToPort: 65535 }),
          Match.objectLike({ CidrIp: '10.0.0.0/16', IpProtocol: 'icmp', FromPort: -1, ToPort: -1 }),
        ],
      });
    });

    test.each(VPC_EGRESS_OPTIONS)('isolated subnets have no route out (%s)', (egress) => {
      const { stack, vpc, template } = setup({ egress });
      const isolatedTables = routeTableRefs(stack, vpc.vpc.isolatedSubnets).map((ref) => JSON.stringify(ref));
      const routes = Object.values(template.findResources('AWS::EC2::Route'));

      expect(isolatedTables).toHaveLength(2);
      expect(routes.filter((route) => isolatedTables.includes(JSON.stringify(route.Properties.RouteTableId)))).toEqual([]);
    });
  });

  describe('gateway endpoints', () => {
    test('adds S3 and DynamoDB gateway endpoints to the route table of every subnet', () => {
      const { stack, vpc, template } = setup();
      const allTables = routeTableRefs(stack, [...vpc.vpc.privateSubnets, ...vpc.vpc.isolatedSubnets, ...vpc.vpc.publicSubnets]);

      for (const service of ['s3', 'dynamodb']) {
        template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
          VpcEndpointType: 'Gateway',
          ServiceName: { 'Fn::Join': ['', ['com.amazonaws.', { Ref: 'AWS::Region' }, `.${service}`]] },
          RouteTableIds: Match.arrayEquals(allTables.map(() => Match.anyValue())),
        });
      }
      const s3Endpoint = template.findResources('AWS::EC2::VPCEndpoint', {
        Properties: { ServiceName: { 'Fn::Join': ['', Match.arrayWith(['.s3'])] } },
      });
      expect(new Set(Object.values(s3Endpoint)[0].Properties.RouteTableIds.map((ref: unknown) => JSON.stringify(ref)))).toEqual(
        new Set(allTables.map((ref) => JSON.stringify(ref))),
      );
    });

    test("limits the S3 endpoint to the account's buckets plus the AWS-owned buckets agents and installers need", () => {
      const { stack, vpc } = setup();
      const policy = stack.resolve((vpc.s3Endpoint.node.defaultChild as ec2.CfnVPCEndpoint).policyDocument);
      const bucket = (name: string) => ({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:s3:::${name}/*`]] });

      expect(policy.Statement).toEqual([
        {
          Sid: 'OwnAccountBuckets',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 's3:*',
          Resource: '*',
          Condition: { StringEquals: { 'aws:ResourceAccount': '123456789012' } },
        },
        {
          Sid: 'AwsOwnedReadOnlyBuckets',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 's3:GetObject',
          Resource: [
            'prod-eu-west-1-starport-layer-bucket',
            'al2023-repos-eu-west-1-de612dc2',
            'amazonlinux.eu-west-1.amazonaws.com',
            'amazonlinux-2-repos-eu-west-1',
            'aws-ssm-eu-west-1',
            'amazon-ssm-eu-west-1',
            'amazon-ssm-packages-eu-west-1',
            'eu-west-1-birdwatcher-prod',
            'aws-ssm-distributor-file-eu-west-1',
            'aws-ssm-document-attachments-eu-west-1',
            'patch-baseline-snapshot-eu-west-1',
            'aws-windows-downloads-eu-west-1',
          ].map(bucket),
        },
        {
          Sid: 'CloudFormationResponses',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 's3:PutObject',
          Resource: [bucket('cloudformation-custom-resource-response-euwest1'), bucket('cloudformation-waitcondition-eu-west-1')],
        },
      ]);
    });

    test('admits further buckets by name when asked', () => {
      const { stack, vpc } = setup({ additionalS3Buckets: ['vendor-artifacts'] });
      const policy = stack.resolve((vpc.s3Endpoint.node.defaultChild as ec2.CfnVPCEndpoint).policyDocument);

      expect(policy.Statement).toContainEqual({
        Sid: 'AdditionalBuckets',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 's3:*',
        Resource: [
          { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::vendor-artifacts']] },
          { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::vendor-artifacts/*']] },
        ],
      });
    });

    test("limits the DynamoDB endpoint to the account's own tables", () => {
      const { stack, vpc } = setup();
      expect(stack.resolve((vpc.dynamoDbEndpoint.node.defaultChild as ec2.CfnVPCEndpoint).policyDocument).Statement).toEqual([
        {
          Sid: 'OwnAccountTables',
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'dynamodb:*',
          Resource: '*',
          Condition: { StringEquals: { 'aws:ResourceAccount': '123456789012' } },
        },
      ]);
    });
  });

  describe('interface endpoints', () => {
    test('creates each named endpoint with private DNS, in the private subnets, behind one security group', () => {
      const { stack, vpc, template } = setup({ interfaceEndpoints: ['ssm', 'ecr.api', 'logs', 'secretsmanager'] });
      const groupId = { 'Fn::GetAtt': [logicalId(stack, vpc.endpointSecurityGroup!), 'GroupId'] };

      template.resourceCountIs('AWS::EC2::VPCEndpoint', 2 + 4);
      for (const service of ['ssm', 'ecr.api', 'logs', 'secretsmanager']) {
        template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
          VpcEndpointType: 'Interface',
          ServiceName: `com.amazonaws.eu-west-1.${service}`,
          PrivateDnsEnabled: true,
          SecurityGroupIds: [groupId],
          SubnetIds: vpc.vpc.privateSubnets.map((subnet) => stack.resolve(subnet.subnetId)),
        });
      }
    });

    test('admits only HTTPS from the VPC range to the endpoints and lets nothing out', () => {
      const { template } = setup({ interfaceEndpoints: ['ssm'] });
      template.hasResourceProperties('AWS::EC2::SecurityGroup', {
        GroupDescription: 'Interface VPC endpoints: HTTPS from the VPC only',
        SecurityGroupIngress: [{ CidrIp: '10.0.0.0/16', IpProtocol: 'tcp', FromPort: 443, ToPort: 443, Description: 'HTTPS from the VPC' }],
        // CDK's placeholder rule that matches no traffic: no egress at all.
        SecurityGroupEgress: [Match.objectLike({ CidrIp: '255.255.255.255/32', IpProtocol: 'icmp', FromPort: 252, ToPort: 86 })],
      });
    });

    test('places the endpoints in the isolated subnets when there is no private tier', () => {
      const { stack, vpc, template } = setup({ egress: 'none', interfaceEndpoints: ['ssm'] });
      template.hasResourceProperties('AWS::EC2::VPCEndpoint', {
        ServiceName: 'com.amazonaws.eu-west-1.ssm',
        SubnetIds: vpc.vpc.isolatedSubnets.map((subnet) => stack.resolve(subnet.subnetId)),
      });
    });

    test('creates no endpoint security group without interface endpoints', () => {
      const { vpc, template } = setup();
      expect(vpc.endpointSecurityGroup).toBeUndefined();
      template.resourceCountIs('AWS::EC2::SecurityGroup', 0);
      template.resourceCountIs('AWS::EC2::VPCEndpoint', 2);
    });

    test('knows the services of the installed aws-cdk-lib by short name', () => {
      expect([...INTERFACE_ENDPOINT_SERVICES.keys()]).toEqual(
        expect.arrayContaining(['ssm', 'ssmmessages', 'ec2messages', 'ecr.api', 'ecr.dkr', 'logs', 'secretsmanager', 'sts', 'kms']),
      );
      expect(INTERFACE_ENDPOINT_SERVICES.get('ecr.dkr')).toBe(ec2.InterfaceVpcEndpointAwsService.ECR_DOCKER);
    });
  });

  describe('flow logs', () => {
    test('logs all traffic of the VPC to the log archive bucket, plain text in hourly partitions', () => {
      const { stack, vpc, template } = setup();
      template.resourceCountIs('AWS::EC2::FlowLog', 1);
      template.hasResourceProperties('AWS::EC2::FlowLog', {
        ResourceType: 'VPC',
        ResourceId: { Ref: logicalId(stack, vpc.vpc) },
        TrafficType: 'ALL',
        LogDestinationType: 's3',
        LogDestination: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':s3:::acme-log-archive']] },
        // The CloudFormation spelling (aws-cdk renders camelCase, issue 25432): cfn-lint rejects the other.
        DestinationOptions: Match.objectEquals({ FileFormat: 'plain-text', PerHourPartition: true, HiveCompatiblePartitions: false }),
        MaxAggregationInterval: 600,
        DeliverLogsPermissionArn: Match.absent(),
      });
      expect(vpc.flowLog).toBeInstanceOf(ec2.FlowLog);
    });
  });

  describe('default security group', () => {
    test("revokes both default rules through the shared provider, without CDK's own custom resource", () => {
      const { stack, vpc, template } = setup();
      const vpcId = logicalId(stack, vpc.vpc);
      const groupId = `TOKEN(${JSON.stringify({ 'Fn::GetAtt': [vpcId, 'DefaultSecurityGroup'] })})`;
      const calls = Object.values(template.findResources('Custom::AWS')).map((resource) => payload(resource.Properties.Create));

      template.resourceCountIs('Custom::VpcRestrictDefaultSG', 0);
      expect(calls).toEqual(
        expect.arrayContaining([
          {
            service: '@aws-sdk/client-ec2',
            action: 'RevokeSecurityGroupIngress',
            parameters: {
              GroupId: groupId,
              IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: groupId, UserId: '123456789012' }] }],
            },
            physicalResourceId: { id: `${groupId}-ingress` },
            ignoreErrorCodesMatching: 'InvalidPermission.NotFound',
          },
          {
            service: '@aws-sdk/client-ec2',
            action: 'RevokeSecurityGroupEgress',
            parameters: { GroupId: groupId, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] },
            physicalResourceId: { id: `${groupId}-egress` },
            ignoreErrorCodesMatching: 'InvalidPermission.NotFound',
          },
        ]),
      );
      expect(calls).toHaveLength(2);
    });

    test("may revoke rules of this VPC's default security group only, before either call", () => {
      const { stack, vpc, template } = setup();
      const policies = template.findResources('AWS::IAM::ManagedPolicy', {
        Properties: {
          PolicyDocument: {
            Statement: [
              {
                Effect: 'Allow',
                Action: ['ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress'],
                Resource: {
                  'Fn::Join': [
                    '',
                    [
                      'arn:',
                      { Ref: 'AWS::Partition' },
                      ':ec2:eu-west-1:123456789012:security-group/',
                      { 'Fn::GetAtt': [logicalId(stack, vpc.vpc), 'DefaultSecurityGroup'] },
                    ],
                  ],
                },
              },
            ],
          },
        },
      });
      const [policyId] = Object.keys(policies);

      expect(Object.keys(policies)).toHaveLength(1);
      for (const resource of Object.values(template.findResources('Custom::AWS'))) expect(resource.DependsOn).toContain(policyId);
    });

    test("logs the provider's calls to a retained log group, encrypted with the given key", () => {
      const { stack, key, template } = setup();
      template.hasResource('AWS::Logs::LogGroup', {
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
        Properties: { KmsKeyId: stack.resolve(key.key.keyArn), RetentionInDays: 365 },
      });
    });
  });

  describe('no admin ports open to the internet (CIS 5.1-5.3)', () => {
    const ADMIN_PORTS = [22, 3389];
    const OPEN = ['0.0.0.0/0', '::/0'];

    /** Every ingress rule of the template: inline security group rules, separate ingress resources and ACL entries. */
    function ingressRules(template: Template): any[] {
      const inline = Object.values(template.findResources('AWS::EC2::SecurityGroup')).flatMap(
        (group) => group.Properties.SecurityGroupIngress ?? [],
      );
      const separate = Object.values(template.findResources('AWS::EC2::SecurityGroupIngress')).map((rule) => rule.Properties);
      const acl = Object.values(template.findResources('AWS::EC2::NetworkAclEntry'))
        .map((entry) => entry.Properties)
        .filter((entry) => entry.Egress !== true && entry.RuleAction === 'allow')
        .map((entry) => ({
          CidrIp: entry.CidrBlock,
          CidrIpv6: entry.Ipv6CidrBlock,
          IpProtocol: String(entry.Protocol),
          FromPort: entry.PortRange?.From,
          ToPort: entry.PortRange?.To,
        }));
      return [...inline, ...separate, ...acl];
    }

    function opensAdminPort(rule: any): boolean {
      if (!OPEN.includes(rule.CidrIp) && !OPEN.includes(rule.CidrIpv6)) return false;
      if (rule.IpProtocol === '-1' || rule.IpProtocol === -1) return true;
      if (!['tcp', '6'].includes(String(rule.IpProtocol))) return false;
      return ADMIN_PORTS.some((port) => rule.FromPort === undefined || (rule.FromPort <= port && port <= rule.ToPort));
    }

    test('the scan itself catches an open SSH rule and an open RDP network ACL entry', () => {
      // given: deliberately open rules in a stack of their own
      const stack = new Stack(new App(), 'Open', { env: ENV });
      const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Other', { vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['eu-west-1a'] });
      const ssh = new ec2.SecurityGroup(stack, 'Ssh', { vpc });
      ssh.addIngressRule(ec2.Peer.anyIpv6(), ec2.Port.tcpRange(20, 30));
      // CloudFormation Validate spots it too; quiet, as it is the point of this fixture.
      acknowledge(
        ssh,
        'CloudFormation-Validate::W2508',
        'Deliberately open fixture: proves that the admin-port scan of this test finds an open SSH rule.',
      );
      new ec2.SecurityGroup(stack, 'Https', { vpc }).addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443));
      new ec2.NetworkAclEntry(stack, 'Rdp', {
        networkAcl: ec2.NetworkAcl.fromNetworkAclId(stack, 'Acl', 'acl-0123456789abcdef0'),
        ruleNumber: 100,
        cidr: ec2.AclCidr.anyIpv4(),
        traffic: ec2.AclTraffic.tcpPort(3389),
        direction: ec2.TrafficDirection.INGRESS,
        ruleAction: ec2.Action.ALLOW,
      });

      // then
      expect(ingressRules(Template.fromStack(stack)).filter(opensAdminPort)).toHaveLength(2);
    });

    test.each(VPC_EGRESS_OPTIONS)('holds for egress %s with interface endpoints', (egress) => {
      const { template } = setup({ egress, interfaceEndpoints: ['ssm', 'ec2messages'] });
      const rules = ingressRules(template);

      expect(rules.length).toBeGreaterThan(0);
      expect(rules.filter(opensAdminPort)).toEqual([]);
      // Stronger still: nothing in the baseline admits any traffic from the internet.
      expect(rules.filter((rule) => OPEN.includes(rule.CidrIp) || OPEN.includes(rule.CidrIpv6))).toEqual([]);
    });
  });

  describe('synthesis', () => {
    test.each(VPC_EGRESS_OPTIONS)('needs no context lookup and leaves CloudFormation Validate nothing to report (%s)', (egress) => {
      // given: the app as `cdk synth` builds it, with cdk.json's flags (templates validated)
      const app = newTestApp();
      setup({ egress }, app);

      // when: with aws-cdk-lib's CloudFormation validation, which the tests otherwise leave off
      const assembly = withCloudFormationValidation(() => app.synth());

      // then
      expect(assembly.manifest.missing).toBeUndefined();
      const report = path.join(assembly.directory, 'validation-report.json');
      const violations = fs.existsSync(report)
        ? JSON.parse(fs.readFileSync(report, 'utf8')).pluginReports.flatMap((plugin: any) => plugin.violations)
        : [];
      expect(violations).toEqual([]);
    });

    test.each(VPC_EGRESS_OPTIONS)('passes all five compliance packs with egress %s', (egress) => {
      const { app } = setup({ egress, interfaceEndpoints: ['ssm', 'logs'], additionalS3Buckets: ['vendor-artifacts'] });
      expect(nagFindings(app)).toEqual([]);
    });

    test('acknowledges on the narrowest constructs, each with a reason, never on the stack', () => {
      const { stack } = setup({ egress: 'nat-instance' });
      const acknowledgements = listAcknowledgements(stack);

      expect(acknowledgements.length).toBeGreaterThan(0);
      for (const { path: at, reason } of acknowledgements) {
        expect(at).not.toBe('Network');
        expect(reason.length).toBeGreaterThanOrEqual(60);
      }
      expect(new Set(acknowledgements.map((a) => a.path.replace(/Subnet\d/, 'Subnet#')))).toEqual(
        new Set([
          'Network/Vpc/Resource/Resource',
          'Network/Vpc/Resource/PublicSubnet#/DefaultRoute',
          'Network/Vpc/Resource/PublicSubnet#/Subnet',
          'Network/Vpc/Resource/PrivateSubnet#/Subnet',
          'Network/Vpc/Resource/IsolatedSubnet#/Subnet',
          'Network/Vpc/Resource/PublicSubnet#/NatInstance/Resource',
          // the stack's shared AwsCustomResource provider, acknowledged by the house helper
          'Network/AWS679f53fac002430cb0da5b7982bd2287/Resource',
          // CDK's own acknowledgement of its camelCase DestinationOptions keys (which this construct rewrites)
          'Network/Vpc/FlowLog',
        ]),
      );
    });
  });

  describe('validation', () => {
    test.each<[string, Overrides, RegExp]>([
      ['a malformed CIDR', { cidr: '10.0.0/16' }, /BaselineVpc Network\/Vpc: cidr "10\.0\.0\/16" is not an IPv4 CIDR block/],
      ['a CIDR with host bits', { cidr: '10.0.0.5/16' }, /cidr 10\.0\.0\.5\/16 has host bits set: the block starts at 10\.0\.0\.0\/16/],
      ['a prefix below /16', { cidr: '10.0.0.0/12' }, /cidr must have a prefix from \/16 to \/24 .*\(received 10\.0\.0\.0\/12\)/],
      [
        'a prefix above /24',
        { cidr: '10.0.0.0/25', publicMask: 28, privateMask: 27, isolatedMask: 0 },
        /cidr must have a prefix from \/16 to \/24 .*\(received 10\.0\.0\.0\/25\)/,
      ],
      [
        'a public range',
        { cidr: '8.8.0.0/16' },
        /cidr must lie in a private range, 10\.0\.0\.0\/8, 172\.16\.0\.0\/12, 192\.168\.0\.0\/16, 100\.64\.0\.0\/10.*\(received 8\.8\.0\.0\/16\)/,
      ],
      ['a range across RFC 1918 limits', { cidr: '172.32.0.0/16' }, /cidr must lie in a private range.*\(received 172\.32\.0\.0\/16\)/],
      [
        'the AWS-reserved 172.17.0.0/16',
        { cidr: '172.17.0.0/16' },
        /cidr must not overlap 172\.17\.0\.0\/16, which AWS services .* use internally/,
      ],
      [
        'subnets that do not fit',
        { cidr: '10.0.0.0/22', publicMask: 24, privateMask: 23, isolatedMask: 24 },
        /BaselineVpc Network\/Vpc: the public subnet in eu-west-1a \(\/24, 256 addresses\) does not fit into the VPC 10\.0\.0\.0\/22: the subnets need 2048 addresses in total, the VPC has 1024.*\(publicMask 24, privateMask 23, isolatedMask 24, 2 zones\)/,
      ],
      [
        'a subnet larger than the VPC',
        { cidr: '10.0.0.0/20', privateMask: 19 },
        /private subnet mask \/19 is larger than the VPC 10\.0\.0\.0\/20/,
      ],
      ['a mask out of AWS range', { isolatedMask: 29 }, /isolated subnet mask must be a whole number from 16 to 28/],
      [
        '4 zones',
        { availabilityZones: ['eu-west-1a', 'eu-west-1b', 'eu-west-1c', 'eu-west-1d'] },
        /availabilityZones must list 2 or 3 zones \(received 4: eu-west-1a, eu-west-1b, eu-west-1c, eu-west-1d\)/,
      ],
      ['1 zone', { availabilityZones: ['eu-west-1a'] }, /availabilityZones must list 2 or 3 zones \(received 1: eu-west-1a\)/],
      [
        'a zone of another region',
        { availabilityZones: ['eu-west-1a', 'eu-central-1b'] },
        /availabilityZones contains eu-central-1b, a zone of eu-central-1, but the stack deploys to eu-west-1/,
      ],
      [
        'a region instead of a zone',
        { availabilityZones: ['eu-west-1', 'eu-west-1b'] },
        /availabilityZones contains "eu-west-1", which is not an availability zone name: expected the region and a zone letter/,
      ],
      [
        'a Local Zone',
        { availabilityZones: ['eu-west-1a', 'us-west-2-lax-1a'] },
        /"us-west-2-lax-1a", which is not an availability zone name.*Local and Wavelength Zones are not supported/,
      ],
      [
        'a zone twice',
        { availabilityZones: ['eu-west-1a', 'eu-west-1a'] },
        /availabilityZones lists a zone more than once \(received eu-west-1a, eu-west-1a\)/,
      ],
      [
        'a zone the stack does not have',
        { availabilityZones: ['eu-west-1a', 'eu-west-1d'] },
        /availabilityZones contains eu-west-1d, which stack Network does not list among its zones \(eu-west-1a, eu-west-1b, eu-west-1c\)/,
      ],
      [
        'an unknown interface endpoint',
        { interfaceEndpoints: ['ssm', 'ecr'] },
        /interfaceEndpoints contains "ecr", which is not an interface endpoint service short name\. Did you mean ecr-public\.api, ecr\.api, ecr\.dkr\? Allowed \(aws-cdk-lib InterfaceVpcEndpointAwsService\): .*\bssm, ssm-contacts\b/,
      ],
      [
        'an endpoint name without a close match',
        { interfaceEndpoints: ['xyz'] },
        /contains "xyz", which is not an interface endpoint service short name\. Allowed \(aws-cdk-lib InterfaceVpcEndpointAwsService\): access-analyzer, /,
      ],
      [
        's3 as an interface endpoint',
        { interfaceEndpoints: ['s3'] },
        /interfaceEndpoints contains "s3", but the VPC always has a free gateway endpoint for s3/,
      ],
      ['an interface endpoint twice', { interfaceEndpoints: ['logs', 'logs'] }, /interfaceEndpoints lists logs more than once/],
      [
        'an unknown egress',
        { egress: 'internet' as VpcEgress },
        /egress must be one of none, nat-gateway, nat-gateway-per-az, nat-instance \(received "internet"\)/,
      ],
      [
        'egress none with private subnets',
        { egress: 'none', privateMask: 20 },
        /egress 'none' gives private subnets no way out, so privateMask must be 0 or left out \(received 20\); use isolatedMask/,
      ],
      [
        'NAT without private subnets',
        { egress: 'nat-gateway', privateMask: 0 },
        /egress 'nat-gateway' serves private subnets, but privateMask is 0 or left out/,
      ],
      [
        'NAT without public subnets',
        { egress: 'nat-instance', publicMask: undefined },
        /egress 'nat-instance' needs public subnets for the NAT, but publicMask is 0 or left out/,
      ],
      [
        'a bucket ARN instead of a name',
        { additionalS3Buckets: ['arn:aws:s3:::vendor'] },
        /additionalS3Buckets contains "arn:aws:s3:::vendor", which is not an S3 bucket name/,
      ],
    ])('rejects %s', (_name, overrides, error) => {
      expect(() => setup(overrides)).toThrow(error);
    });

    test('rejects a stack that does not state its zones, instead of looking them up', () => {
      const stack = new Stack(new App(), 'Plain', { env: ENV });
      expect(
        () =>
          new BaselineVpc(stack, 'Vpc', {
            cidr: '10.0.0.0/16',
            availabilityZones: ['eu-west-1a', 'eu-west-1b'],
            isolatedMask: 20,
            egress: 'none',
            flowLogsBucket: s3.Bucket.fromBucketName(stack, 'LogArchive', 'acme-log-archive'),
          }),
      ).toThrow(
        /BaselineVpc Plain\/Vpc: stack Plain does not say its availability zones, so ec2.Vpc would look them up in the account at synth time; override `get availabilityZones\(\)` in the stack to return the configured zones \(eu-west-1a, eu-west-1b\)/,
      );
    });
  });
});
