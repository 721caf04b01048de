import { Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledge } from '../shared/compliance';
import { renderDestinationOptionsInPascalCase } from './flow-log-destination-options';
import { s3EndpointStatements } from './gateway-endpoint-policies';
import { PlannedIpAddresses } from './planned-ip-addresses';
import {
  validateBuckets,
  validateCidr,
  validateEgress,
  validateInterfaceEndpoints,
  validateZones,
  VPC_EGRESS_OPTIONS,
  type VpcEgress,
} from './baseline-vpc-rules';

export { VPC_EGRESS_OPTIONS, type VpcEgress };
import {
  AwsCustomResourceLoggingProps,
  createAccountSettingResource,
  grantToAwsCustomResourceProvider,
} from '../shared/custom-resource-provider';
import { PlannedSubnet, SubnetTier, planSubnets } from '../../lib/core/rules/subnet-plan';

/**
 * How private subnets reach the internet. Monthly costs are us-east-1 list prices for 730 hours
 * (eu-central-1 in brackets), before traffic to the internet itself (USD 0.09 per GB after the
 * first 100 GB a month, in every option with egress):
 *
 * - `none`: no NAT. Workloads sit in isolated subnets and reach AWS services through the free
 *   S3/DynamoDB gateway endpoints and any interface endpoints. USD 0.
 * - `nat-gateway`: one managed NAT gateway in the first zone, shared by all zones: USD 32.85
 *   (37.96) at USD 0.045 (0.052) per hour, + USD 3.65 for its public IPv4 address, + USD 0.045
 *   (0.052) per GB processed; traffic from the other zones also pays USD 0.01 per GB each way
 *   across zones. If that zone fails, the other zones lose egress.
 * - `nat-gateway-per-az`: one NAT gateway and address per zone, no cross-zone dependency:
 *   USD 36.50 (41.61) per zone, so USD 73 (83) for 2 zones and USD 109.50 (125) for 3, + USD
 *   0.045 (0.052) per GB.
 * - `nat-instance`: one Graviton instance, t4g.nano by default: USD 3.07 (3.50) at USD 0.0042
 *   (0.0048) per hour, + USD 3.65 for its public IPv4 address, + about USD 0.64 for the 8 GB gp3
 *   root volume, + USD 2.10 for detailed monitoring: about USD 9.50 (10) and no per-GB
 *   processing charge. Unmanaged: one instance in the first zone, a few Gbps at most
 *   (burstable), not replaced automatically when it fails, and replaced (a short outage and a
 *   new public address) when a deployment resolves a newer Amazon Linux 2023 image.
 */

/** Properties of {@link BaselineVpc}. */
export interface BaselineVpcProps extends AwsCustomResourceLoggingProps {
  /**
   * The VPC's IPv4 block, /16 to /24, inside RFC 1918 (10.0.0.0/8, 172.16.0.0/12,
   * 192.168.0.0/16) or the shared address space 100.64.0.0/10. Public ranges are rejected: AWS
   * would accept them, but instances could then no longer reach the real owners of those
   * addresses on the internet. 172.17.0.0/16 is rejected too, as AWS services (Cloud9,
   * SageMaker) use it internally. Plan it against the client's offices, VPNs and other VPCs:
   * it cannot be changed without replacing the VPC.
   */
  readonly cidr: string;

  /**
   * The availability zones, 2 or 3 names of the stack's region (`eu-central-1a`). Given
   * explicitly, because zone letters differ between accounts and regions (ap-northeast-1 has no
   * `b` zone for new accounts), so `<region>a/b/c` cannot be assumed, and looking them up would
   * need AWS credentials at synth time.
   *
   * `ec2.Vpc` reads the stack's availability zones, which is a context lookup unless the stack
   * provides them: the stack must override `get availabilityZones()` to return these zones (or
   * the app's context must hold them); the construct fails otherwise.
   */
  readonly availabilityZones: string[];

  /**
   * Prefix length of each public subnet (one per zone), e.g. 24; 0 for none. Public subnets get
   * the internet gateway route; they hold NAT gateways or the NAT instance and internet-facing
   * load balancers, and never assign public IPv4 addresses by themselves.
   * @default - no public subnets, and no internet gateway
   */
  readonly publicMask?: number;

  /**
   * Prefix length of each private subnet (one per zone), e.g. 20; 0 for none. Private subnets
   * reach the internet through the `egress` NAT, so they need an egress other than `none`.
   * @default - no private subnets
   */
  readonly privateMask?: number;

  /**
   * Prefix length of each isolated subnet (one per zone), e.g. 22; 0 for none. Isolated subnets
   * have no route out of the VPC; AWS services stay reachable through the endpoints.
   * @default - no isolated subnets
   */
  readonly isolatedMask?: number;

  /** How private subnets reach the internet; see {@link VpcEgress} for each option's cost. */
  readonly egress: VpcEgress;

  /**
   * Instance type of the NAT instance (`egress: 'nat-instance'`). Its architecture picks the
   * Amazon Linux 2023 image (arm64 for Graviton types).
   * @default t4g.nano (2 vCPU burstable, 0.5 GiB, up to 5 Gbps)
   */
  readonly natInstanceType?: ec2.InstanceType;

  /**
   * Interface endpoints by service short name, e.g. `['ssm', 'ssmmessages', 'ec2messages',
   * 'ecr.api', 'ecr.dkr', 'logs', 'secretsmanager']` (any key of
   * `INTERFACE_ENDPOINT_SERVICES` of `./interface-endpoint-services.ts`). Each one costs about USD 7.30 a month per zone
   * (USD 0.01 per hour, us-east-1; eu-central-1 USD 0.012) + USD 0.01 per GB processed. Private
   * DNS is on, so SDKs use them without configuration. `s3` and `dynamodb` are refused: the VPC
   * always has their free gateway endpoints.
   * @default - no interface endpoints
   */
  readonly interfaceEndpoints?: string[];

  /**
   * Where the VPC flow logs go: the log archive bucket, usually imported by name from the
   * security stack. Its bucket policy and key policy must already admit the flow log delivery
   * (`flowLogDeliveryStatements()`), or AWS tries to rewrite the bucket policy itself when the
   * flow log is created. Delivery encrypts with the bucket's default encryption (the archive's
   * KMS key); the flow log itself takes no key.
   */
  readonly flowLogsBucket: s3.IBucket;

  /**
   * Buckets of other accounts that workloads may use through the S3 gateway endpoint of this
   * region (bucket names). The endpoint policy otherwise admits only this account's buckets and
   * the AWS-owned buckets that ECR, Systems Manager, Amazon Linux repositories and
   * CloudFormation need.
   * @default - none
   */
  readonly additionalS3Buckets?: string[];
}

/**
 * The account's VPC: a fixed subnet layout (public, private and isolated tiers over 2 or 3
 * zones, computed by `planSubnets`), the chosen egress, flow logs of all traffic into the log
 * archive (CIS 3.7), the default security group stripped of its rules (CIS 5.4), free gateway
 * endpoints for S3 and DynamoDB limited to the account's own resources, and optional interface
 * endpoints reachable on 443 from the VPC only. No security group or network ACL it creates
 * admits traffic from the internet (CIS 5.1-5.3).
 *
 * Cost (us-east-1, per month): the VPC, subnets, gateway endpoints, internet gateway and
 * security groups are free; see {@link VpcEgress} for egress and
 * {@link BaselineVpcProps.interfaceEndpoints} for interface endpoints. Flow logs delivered to
 * S3 cost USD 0.25 per GB (vended logs, first 10 TB) plus S3 storage in the log archive; a
 * quiet VPC writes well under 1 GB a month.
 *
 * **Region scope**: one per region where workloads run; the stack must say its zones (see
 * {@link BaselineVpcProps.availabilityZones}).
 */
export class BaselineVpc extends Construct {
  /** The VPC. */
  readonly vpc: ec2.IVpc;
  /** The VPC id (a token). */
  readonly vpcId: string;
  /** Ids of the NAT gateways (tokens), one per zone that has one; empty without NAT gateways. */
  readonly natGatewayIds: string[];
  /** Ids of the NAT instances (tokens); empty unless `egress` is `nat-instance`. */
  readonly natInstanceIds: string[];
  /** The flow log of the whole VPC (all traffic, to the log archive). */
  readonly flowLog: ec2.FlowLog;
  /** The subnets as laid out, per tier and zone. */
  readonly subnetPlan: PlannedSubnet[];
  /** The gateway endpoint for S3. */
  readonly s3Endpoint: ec2.GatewayVpcEndpoint;
  /** The gateway endpoint for DynamoDB. */
  readonly dynamoDbEndpoint: ec2.GatewayVpcEndpoint;
  /** The security group of the interface endpoints (443 from the VPC); undefined without them. */
  readonly endpointSecurityGroup?: ec2.ISecurityGroup;

  constructor(scope: Construct, id: string, props: BaselineVpcProps) {
    super(scope, id);
    const stack = Stack.of(this);
    const publicMask = props.publicMask ?? 0;
    const privateMask = props.privateMask ?? 0;
    const isolatedMask = props.isolatedMask ?? 0;
    const interfaceEndpoints = props.interfaceEndpoints ?? [];
    const additionalS3Buckets = props.additionalS3Buckets ?? [];
    const natInstanceType = props.natInstanceType ?? new ec2.InstanceType('t4g.nano');

    validateCidr(this, props.cidr);
    validateZones(this, props.availabilityZones);
    validateEgress(this, props.egress, publicMask, privateMask);
    const services = validateInterfaceEndpoints(this, interfaceEndpoints);
    validateBuckets(this, additionalS3Buckets);
    try {
      this.subnetPlan = planSubnets(props.cidr, props.availabilityZones, {
        public: publicMask,
        private: privateMask,
        isolated: isolatedMask,
      });
    } catch (error) {
      throw new Error(
        `BaselineVpc ${this.node.path}: ${(error as Error).message} (publicMask ${publicMask}, privateMask ${privateMask}, isolatedMask ${isolatedMask}, ${props.availabilityZones.length} zones)`,
        { cause: error },
      );
    }

    const natGatewayProvider =
      props.egress === 'nat-instance'
        ? ec2.NatProvider.instanceV2({
            instanceType: natInstanceType,
            // The default, INBOUND_AND_OUTBOUND, admits all traffic from 0.0.0.0/0, admin ports
            // included; inbound is opened to the VPC only, below.
            defaultAllowedTraffic: ec2.NatTrafficDirection.OUTBOUND_ONLY,
            // Public subnets do not assign public addresses (cdk-nag VPCSubnetAutoAssignPublicIpDisabled),
            // and a NAT instance needs one to translate to.
            associatePublicIpAddress: true,
          })
        : ec2.NatProvider.gateway();
    const natCount = { none: 0, 'nat-gateway': 1, 'nat-gateway-per-az': props.availabilityZones.length, 'nat-instance': 1 }[props.egress];

    const tiers: [SubnetTier, number, ec2.SubnetType, string][] = [
      ['public', publicMask, ec2.SubnetType.PUBLIC, 'Public'],
      ['private', privateMask, ec2.SubnetType.PRIVATE_WITH_EGRESS, 'Private'],
      ['isolated', isolatedMask, ec2.SubnetType.PRIVATE_ISOLATED, 'Isolated'],
    ];
    const configured = tiers.filter(([, mask]) => mask > 0);
    const vpc = new ec2.Vpc(this, 'Resource', {
      ipAddresses: new PlannedIpAddresses(props.cidr, this.subnetPlan, new Map(configured.map(([tier, , , name]) => [name, tier]))),
      availabilityZones: props.availabilityZones,
      subnetConfiguration: configured.map(([, mask, subnetType, name]) => ({
        name,
        subnetType,
        cidrMask: mask,
        ...(subnetType === ec2.SubnetType.PUBLIC ? { mapPublicIpOnLaunch: false } : {}),
      })),
      natGateways: natCount,
      natGatewayProvider: natCount > 0 ? natGatewayProvider : undefined,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      // Closed below through the stack's shared AwsCustomResource provider (encrypted log group,
      // least-privilege role) instead of CDK's own Lambda, whose log group has no retention.
      restrictDefaultSecurityGroup: false,
    });
    this.vpc = vpc;
    this.vpcId = vpc.vpcId;
    this.natGatewayIds = props.egress.startsWith('nat-gateway')
      ? natGatewayProvider.configuredGateways.map((gateway) => gateway.gatewayId)
      : [];
    this.natInstanceIds = props.egress === 'nat-instance' ? natGatewayProvider.configuredGateways.map((gateway) => gateway.gatewayId) : [];

    if (natGatewayProvider instanceof ec2.NatInstanceProviderV2) {
      // TCP, UDP and ICMP rather than all protocols: what NAT translates, and no "all traffic"
      // rule (cdk-nag EC2RestrictedCommonPorts rejects protocol -1 from any source).
      for (const [port, what] of [
        [ec2.Port.allTcp(), 'TCP'],
        [ec2.Port.allUdp(), 'UDP'],
        [ec2.Port.allIcmp(), 'ICMP'],
      ] as const) {
        natGatewayProvider.securityGroup.addIngressRule(
          ec2.Peer.ipv4(props.cidr),
          port,
          `${what} from the VPC, to translate to the internet`,
        );
      }
      for (const instance of natGatewayProvider.gatewayInstances) this.hardenNatInstance(instance);
    }
    for (const subnet of vpc.publicSubnets) {
      const route = subnet.node.tryFindChild('DefaultRoute');
      if (!route) continue;
      for (const pack of COMPLIANCE_PACK_PREFIXES) {
        acknowledge(
          route,
          `${pack}-VPCNoUnrestrictedRouteToIGW`,
          'The public tier exists to reach the internet (NAT for the private tier, internet-facing load balancers); its subnets assign no public IPs and every security group of the baseline admits only the VPC range.',
        );
      }
    }

    // CloudFormation Validate (cdk.json: @aws-cdk/core:validateAgainstDefaultRules) warns about
    // every hard-coded zone; explicit zones are the point here.
    for (const subnet of [...vpc.publicSubnets, ...vpc.privateSubnets, ...vpc.isolatedSubnets]) {
      acknowledge(subnet.node.defaultChild!, 'CloudFormation-Validate::W3010', EXPLICIT_ZONES);
    }

    this.restrictDefaultSecurityGroup(vpc, props);

    this.s3Endpoint = vpc.addGatewayEndpoint('S3Endpoint', { service: ec2.GatewayVpcEndpointAwsService.S3 });
    for (const statement of s3EndpointStatements(stack, additionalS3Buckets)) this.s3Endpoint.addToPolicy(statement);
    this.dynamoDbEndpoint = vpc.addGatewayEndpoint('DynamoDbEndpoint', { service: ec2.GatewayVpcEndpointAwsService.DYNAMODB });
    this.dynamoDbEndpoint.addToPolicy(
      new iam.PolicyStatement({
        sid: 'OwnAccountTables',
        principals: [new iam.AnyPrincipal()],
        actions: ['dynamodb:*'],
        resources: ['*'],
        conditions: { StringEquals: { 'aws:ResourceAccount': stack.account } },
      }),
    );

    if (services.length > 0) {
      const securityGroup = new ec2.SecurityGroup(this, 'EndpointSecurityGroup', {
        vpc,
        description: 'Interface VPC endpoints: HTTPS from the VPC only',
        allowAllOutbound: false,
      });
      securityGroup.addIngressRule(ec2.Peer.ipv4(props.cidr), ec2.Port.tcp(443), 'HTTPS from the VPC');
      this.endpointSecurityGroup = securityGroup;
      // One subnet per zone of the first tier that exists: the endpoint serves the whole VPC.
      const subnetType = [ec2.SubnetType.PRIVATE_WITH_EGRESS, ec2.SubnetType.PRIVATE_ISOLATED, ec2.SubnetType.PUBLIC].find((type) =>
        configured.some(([, , configuredType]) => configuredType === type),
      )!;
      for (const [name, service] of services) {
        vpc.addInterfaceEndpoint(`${endpointId(name)}Endpoint`, {
          service,
          privateDnsEnabled: true,
          securityGroups: [securityGroup],
          subnets: { subnetType },
          open: false,
        });
      }
    }

    this.flowLog = new ec2.FlowLog(this, 'FlowLog', {
      resourceType: ec2.FlowLogResourceType.fromVpc(vpc),
      trafficType: ec2.FlowLogTrafficType.ALL,
      // Plain text (gzip) rather than Parquet: Parquet conversion adds about USD 0.035 per GB
      // (us-east-1) for faster Athena scans that an account of this size rarely runs. Hourly
      // partitions let Athena and incident responders read one hour without scanning the day.
      destination: ec2.FlowLogDestination.toS3(props.flowLogsBucket, undefined, {
        fileFormat: ec2.FlowLogFileFormat.PLAIN_TEXT,
        perHourPartition: true,
        hiveCompatiblePartitions: false,
      }),
      // Ten minutes (the default, stated): fewer records, so less to deliver and store, than one
      // minute, which only near-real-time detection would need.
      maxAggregationInterval: ec2.FlowLogMaxAggregationInterval.TEN_MINUTES,
    });
    renderDestinationOptionsInPascalCase(this.flowLog);
  }

  /** IMDSv2, an encrypted root volume and detailed monitoring for one NAT instance, and its acknowledgements. */
  private hardenNatInstance(instance: ec2.Instance): void {
    const cfn = instance.instance;
    // NatInstanceProps has no requireImdsv2; the instance resource takes it directly (no launch
    // template needed). One hop: nothing on the instance runs containers.
    cfn.metadataOptions = { httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1 };
    // Encrypted even where EBS encryption by default is off (with the account's default EBS key).
    cfn.blockDeviceMappings = [{ deviceName: '/dev/xvda', ebs: { encrypted: true, volumeType: 'gp3', deleteOnTermination: true } }];
    // One-minute metrics (about USD 2.10 a month): a saturated or credit-starved t4g.nano shows
    // within minutes, not after the next 5-minute period.
    cfn.monitoring = true;
    const publicIp =
      'A NAT instance translates private addresses to its own public IPv4 address, so it needs one; its security group admits only the VPC range, and it has no key pair, no SSH and no Systems Manager access.';
    const inVpc =
      'The instance is in a public subnet of this VPC: CDK places it through NetworkInterfaces[0].SubnetId (needed for AssociatePublicIpAddress), which the rule does not read; it only checks the top-level SubnetId.';
    for (const pack of COMPLIANCE_PACK_PREFIXES) {
      acknowledge(cfn, `${pack}-EC2InstanceNoPublicIp`, publicIp);
      acknowledge(cfn, `${pack}-EC2InstancesInVPC`, inVpc);
    }
    acknowledge(cfn, 'CloudFormation-Validate::W3010', EXPLICIT_ZONES);
    acknowledge(
      cfn,
      'AwsSolutions-EC29',
      'CloudFormation replaces the NAT instance when a deployment resolves a newer Amazon Linux image; termination protection would make every such update fail. Who may terminate instances is an IAM question, not an instance flag.',
    );
  }

  /**
   * Removes the two rules AWS gives every default security group (all traffic from itself, all
   * traffic out), so that nothing placed in it by mistake can talk (CIS 5.4). Both calls ignore
   * `InvalidPermission.NotFound`, so a rule already removed by hand does not fail the stack.
   * Deleting the construct leaves the group closed; it is deleted with the VPC.
   */
  private restrictDefaultSecurityGroup(vpc: ec2.Vpc, logging: AwsCustomResourceLoggingProps): void {
    const stack = Stack.of(this);
    const groupId = vpc.vpcDefaultSecurityGroup;
    const ingress = createAccountSettingResource(
      this,
      'RestrictDefaultSecurityGroupIngress',
      {
        service: '@aws-sdk/client-ec2',
        action: 'RevokeSecurityGroupIngress',
        parameters: {
          GroupId: groupId,
          IpPermissions: [{ IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: groupId, UserId: stack.account }] }],
        },
        physicalResourceId: cr.PhysicalResourceId.of(`${groupId}-ingress`),
        ignoreErrorCodesMatching: 'InvalidPermission.NotFound',
      },
      logging,
    );
    const egress = createAccountSettingResource(
      this,
      'RestrictDefaultSecurityGroupEgress',
      {
        service: '@aws-sdk/client-ec2',
        action: 'RevokeSecurityGroupEgress',
        parameters: { GroupId: groupId, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }] },
        physicalResourceId: cr.PhysicalResourceId.of(`${groupId}-egress`),
        ignoreErrorCodesMatching: 'InvalidPermission.NotFound',
      },
      logging,
    );
    grantToAwsCustomResourceProvider(
      this,
      [
        new iam.PolicyStatement({
          actions: ['ec2:RevokeSecurityGroupIngress', 'ec2:RevokeSecurityGroupEgress'],
          resources: [stack.formatArn({ service: 'ec2', resource: 'security-group', resourceName: groupId })],
        }),
      ],
      [ingress, egress],
    );

    const cfnVpc = vpc.node.defaultChild!;
    const reason =
      "The default security group is closed by the RestrictDefaultSecurityGroupIngress/Egress custom resources of this construct (house provider with an encrypted log group); the rule only recognises CDK's own Custom::VpcRestrictDefaultSG.";
    for (const pack of COMPLIANCE_PACK_PREFIXES) acknowledge(cfnVpc, `${pack}-VPCDefaultSecurityGroupClosed`, reason);
  }
}

/** Why the zones are hard-coded (CloudFormation Validate W3010). */
const EXPLICIT_ZONES =
  'Availability zones come from the client configuration on purpose: zone letters map to different physical zones in each account, and the subnet layout is computed and checked from them at synth time without AWS calls.';

/** The packs that share the NIST/HIPAA/PCI rule names (`<prefix>-<rule>`). */
const COMPLIANCE_PACK_PREFIXES = ['NIST.800.53.R5', 'HIPAA.Security', 'PCI.DSS.321'];

/** `ecr.api` -> `EcrApi`, `payment-cryptography.dataplane` -> `PaymentCryptographyDataplane`. */
function endpointId(shortName: string): string {
  return shortName
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}
