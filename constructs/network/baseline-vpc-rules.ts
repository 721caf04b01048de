import { Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { Ipv4Cidr, parseIpv4Cidr, vpcRangeProblem } from '../../lib/core/rules/subnet-plan';
import { INTERFACE_ENDPOINT_SERVICES } from './interface-endpoint-services';

/**
 * What {@link BaselineVpc} accepts, checked before anything is built: each check throws an error
 * that names the construct, the property, the value received and what is allowed.
 */

export type VpcEgress = 'none' | 'nat-gateway' | 'nat-gateway-per-az' | 'nat-instance';

/** Every {@link VpcEgress} value. */
export const VPC_EGRESS_OPTIONS: readonly VpcEgress[] = ['none', 'nat-gateway', 'nat-gateway-per-az', 'nat-instance'];

/** `<region><letter>`, e.g. eu-central-1a, us-gov-west-1b. */
const AZ_PATTERN = /^([a-z]{2}(?:-[a-z]+)+-\d+)([a-z])$/;

/** What `Stack.availabilityZones` returns while a context lookup is pending. */
const DUMMY_ZONES = ['dummy1a', 'dummy1b', 'dummy1c'];

export function validateCidr(scope: Construct, cidr: string): Ipv4Cidr {
  const problem = vpcRangeProblem(cidr);
  if (problem) throw new Error(`BaselineVpc ${scope.node.path}: cidr ${problem}`);
  return parseIpv4Cidr(cidr);
}

export function validateZones(scope: Construct, zones: string[]): void {
  const stack = Stack.of(scope);
  if (zones.length < 2 || zones.length > 3) {
    throw new Error(
      `BaselineVpc ${scope.node.path}: availabilityZones must list 2 or 3 zones (received ${zones.length}: ${zones.join(', ') || 'none'})`,
    );
  }
  for (const zone of zones) {
    if (Token.isUnresolved(zone)) {
      throw new Error(
        `BaselineVpc ${scope.node.path}: availabilityZones must be zone names known at synth time, e.g. eu-central-1a (received a token); the subnet layout is computed from them`,
      );
    }
    const match = AZ_PATTERN.exec(zone);
    if (!match) {
      throw new Error(
        `BaselineVpc ${scope.node.path}: availabilityZones contains ${JSON.stringify(zone)}, which is not an availability zone name: expected the region and a zone letter, e.g. eu-central-1a (Local and Wavelength Zones are not supported)`,
      );
    }
    if (!Token.isUnresolved(stack.region) && match[1] !== stack.region) {
      throw new Error(
        `BaselineVpc ${scope.node.path}: availabilityZones contains ${zone}, a zone of ${match[1]}, but the stack deploys to ${stack.region}; use zones of ${stack.region}`,
      );
    }
  }
  if (new Set(zones).size !== zones.length) {
    throw new Error(`BaselineVpc ${scope.node.path}: availabilityZones lists a zone more than once (received ${zones.join(', ')})`);
  }
  if (Token.isUnresolved(stack.account) || Token.isUnresolved(stack.region)) return;
  // ec2.Vpc reads stack.availabilityZones, which is a context lookup (AWS credentials at
  // synth time) unless the stack overrides it or the app's context already holds the zones.
  const stackZones = stack.availabilityZones;
  if (stackZones.every((zone) => DUMMY_ZONES.includes(zone))) {
    throw new Error(
      `BaselineVpc ${scope.node.path}: stack ${stack.node.path} does not say its availability zones, so ec2.Vpc would look them up in the account at synth time; ` +
        `override \`get availabilityZones()\` in the stack to return the configured zones (${zones.join(', ')})`,
    );
  }
  const missing = zones.filter((zone) => !stackZones.includes(zone));
  if (missing.length > 0) {
    throw new Error(
      `BaselineVpc ${scope.node.path}: availabilityZones contains ${missing.join(', ')}, which stack ${stack.node.path} does not list among its zones (${stackZones.join(', ')})`,
    );
  }
}

export function validateEgress(scope: Construct, egress: VpcEgress, publicMask: number, privateMask: number): void {
  if (!VPC_EGRESS_OPTIONS.includes(egress)) {
    throw new Error(
      `BaselineVpc ${scope.node.path}: egress must be one of ${VPC_EGRESS_OPTIONS.join(', ')} (received ${JSON.stringify(egress)})`,
    );
  }
  if (egress === 'none' && privateMask > 0) {
    throw new Error(
      `BaselineVpc ${scope.node.path}: egress 'none' gives private subnets no way out, so privateMask must be 0 or left out (received ${privateMask}); use isolatedMask for subnets without internet access, or choose a NAT egress`,
    );
  }
  if (egress !== 'none' && privateMask === 0) {
    throw new Error(
      `BaselineVpc ${scope.node.path}: egress '${egress}' serves private subnets, but privateMask is 0 or left out; set privateMask, or choose egress 'none'`,
    );
  }
  if (egress !== 'none' && publicMask === 0) {
    throw new Error(
      `BaselineVpc ${scope.node.path}: egress '${egress}' needs public subnets for the NAT, but publicMask is 0 or left out; set publicMask (a /28 per zone is enough for NAT alone)`,
    );
  }
}

export function validateInterfaceEndpoints(scope: Construct, names: string[]): [string, ec2.InterfaceVpcEndpointAwsService][] {
  const seen = new Set<string>();
  return names.map((name) => {
    if (name === 's3' || name === 'dynamodb') {
      throw new Error(
        `BaselineVpc ${scope.node.path}: interfaceEndpoints contains ${JSON.stringify(name)}, but the VPC always has a free gateway endpoint for ${name}; remove it from interfaceEndpoints`,
      );
    }
    const service = INTERFACE_ENDPOINT_SERVICES.get(name);
    if (!service) {
      const allowed = [...INTERFACE_ENDPOINT_SERVICES.keys()].filter((key) => key !== 's3' && key !== 'dynamodb');
      const similar = allowed.filter((key) => name.length > 0 && key.startsWith(name));
      const hint = similar.length > 0 ? ` Did you mean ${similar.slice(0, 5).join(', ')}?` : '';
      throw new Error(
        `BaselineVpc ${scope.node.path}: interfaceEndpoints contains ${JSON.stringify(name)}, which is not an interface endpoint service short name.${hint} Allowed (aws-cdk-lib InterfaceVpcEndpointAwsService): ${allowed.join(', ')}`,
      );
    }
    if (seen.has(name)) {
      throw new Error(`BaselineVpc ${scope.node.path}: interfaceEndpoints lists ${name} more than once`);
    }
    seen.add(name);
    return [name, service];
  });
}

export function validateBuckets(scope: Construct, buckets: string[]): void {
  for (const bucket of buckets) {
    if (!Token.isUnresolved(bucket) && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
      throw new Error(
        `BaselineVpc ${scope.node.path}: additionalS3Buckets contains ${JSON.stringify(bucket)}, which is not an S3 bucket name (3-63 lowercase letters, digits, '.' and '-'; a name, not an ARN)`,
      );
    }
  }
}
