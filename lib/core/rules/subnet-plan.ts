/**
 * Subnet layout of a {@link BaselineVpc}, computed without CDK so that it can be checked (and
 * tested) before any resource exists. No `aws-cdk-lib` import on purpose.
 */

/** The subnet tiers of a VPC, in the order they are named in errors and listed per zone. */
export type SubnetTier = 'public' | 'private' | 'isolated';

/** All tiers, in layout order for subnets of equal size. */
export const SUBNET_TIERS: readonly SubnetTier[] = ['public', 'private', 'isolated'];

/**
 * The prefix length of each tier's subnets (one subnet per tier and availability zone).
 * A tier that is `undefined` or `0` has no subnets.
 */
export interface SubnetTierMasks {
  /** Prefix length of each public subnet, e.g. 24. @default - no public subnets */
  readonly public?: number;
  /** Prefix length of each private subnet, e.g. 20. @default - no private subnets */
  readonly private?: number;
  /** Prefix length of each isolated subnet, e.g. 22. @default - no isolated subnets */
  readonly isolated?: number;
}

/** One subnet of a {@link planSubnets} layout. */
export interface PlannedSubnet {
  /** The tier the subnet belongs to. */
  readonly tier: SubnetTier;
  /** The availability zone of the subnet. */
  readonly availabilityZone: string;
  /** The subnet's IPv4 CIDR block, e.g. `10.0.16.0/20`. */
  readonly cidr: string;
}

/** An IPv4 CIDR block, parsed. */
export interface Ipv4Cidr {
  /** The network address as an unsigned 32-bit number. */
  readonly network: number;
  /** The prefix length, 0-32. */
  readonly prefix: number;
}

/** AWS accepts subnets from /16 (65,536 addresses) to /28 (16 addresses). */
export const MIN_SUBNET_PREFIX = 16;
/** The smallest subnet AWS accepts. */
export const MAX_SUBNET_PREFIX = 28;

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * Parses `a.b.c.d/prefix`. Throws when the text is not a well-formed IPv4 CIDR block or when it
 * has host bits set (`10.0.0.1/16`), naming the network address it probably meant.
 */
export function parseIpv4Cidr(cidr: string): Ipv4Cidr {
  const match = CIDR_PATTERN.exec(cidr);
  const octets = match ? match.slice(1, 5).map(Number) : [];
  const prefix = match ? Number(match[5]) : NaN;
  const leadingZero = match ? match.slice(1, 5).some((octet) => octet.length > 1 && octet.startsWith('0')) : false;
  if (!match || leadingZero || octets.some((octet) => octet > 255) || prefix > 32) {
    throw new Error(
      `${JSON.stringify(cidr)} is not an IPv4 CIDR block; expected a.b.c.d/prefix with octets 0-255 (no leading zeros) and a prefix of 0-32, e.g. 10.0.0.0/16`,
    );
  }
  const address = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const network = (address & prefixMask(prefix)) >>> 0;
  if (network !== address) {
    throw new Error(`${cidr} has host bits set: the block starts at ${formatIpv4Cidr({ network, prefix })}; write that instead`);
  }
  return { network, prefix };
}

/** Formats a parsed block back to `a.b.c.d/prefix`. */
export function formatIpv4Cidr(cidr: Ipv4Cidr): string {
  const n = cidr.network;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${cidr.prefix}`;
}

/** Whether block `inner` lies entirely inside block `outer`. */
export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return inner.prefix >= outer.prefix && (inner.network & prefixMask(outer.prefix)) >>> 0 === outer.network;
}

/** Number of addresses of a block with this prefix. */
export function addressCount(prefix: number): number {
  return 2 ** (32 - prefix);
}

/**
 * Lays out one subnet per tier and availability zone inside `cidr`, without gaps or overlaps,
 * and returns them in tier order, then zone order.
 *
 * Larger subnets are placed first (ties: public, private, isolated, then zone order): as every
 * size is a power of two, each subnet then starts on its own size boundary right after the
 * previous one, so a layout fits exactly when the subnets' addresses add up to at most the
 * VPC's. Changing a mask re-lays out the smaller subnets after it, which replaces them: decide
 * the sizes before workloads move in.
 *
 * Throws when a mask is not a whole number from /16 to /28 (or 0 for "no tier"), is larger than
 * the VPC, when no tier has subnets, or when a subnet does not fit, naming its tier and zone.
 */
export function planSubnets(cidr: string, availabilityZones: readonly string[], tiers: SubnetTierMasks): PlannedSubnet[] {
  const vpc = parseIpv4Cidr(cidr);
  if (availabilityZones.length === 0) {
    throw new Error('at least one availability zone is needed to lay out subnets (received none)');
  }
  const duplicates = availabilityZones.filter((zone, index) => availabilityZones.indexOf(zone) !== index);
  if (duplicates.length > 0) {
    throw new Error(`availability zones must be distinct (received ${duplicates.join(', ')} more than once)`);
  }

  const requests: { tier: SubnetTier; zoneIndex: number; prefix: number }[] = [];
  for (const tier of SUBNET_TIERS) {
    const mask = tiers[tier];
    if (mask === undefined || mask === 0) continue;
    if (!Number.isInteger(mask) || mask < MIN_SUBNET_PREFIX || mask > MAX_SUBNET_PREFIX) {
      throw new Error(
        `${tier} subnet mask must be a whole number from ${MIN_SUBNET_PREFIX} to ${MAX_SUBNET_PREFIX} (AWS subnet sizes), or 0 for no ${tier} subnets (received ${mask})`,
      );
    }
    if (mask < vpc.prefix) {
      throw new Error(
        `${tier} subnet mask /${mask} is larger than the VPC ${cidr}; use /${vpc.prefix} or smaller subnets (a higher number)`,
      );
    }
    availabilityZones.forEach((_, zoneIndex) => requests.push({ tier, zoneIndex, prefix: mask }));
  }
  if (requests.length === 0) {
    throw new Error('at least one subnet tier needs a mask (public, private or isolated); a VPC without subnets cannot hold anything');
  }

  const order = [...requests].sort(
    (a, b) => a.prefix - b.prefix || SUBNET_TIERS.indexOf(a.tier) - SUBNET_TIERS.indexOf(b.tier) || a.zoneIndex - b.zoneIndex,
  );
  const needed = requests.reduce((sum, request) => sum + addressCount(request.prefix), 0);
  const vpcEnd = vpc.network + addressCount(vpc.prefix);
  const allocated = new Map<(typeof requests)[number], string>();
  let next = vpc.network;
  for (const request of order) {
    const size = addressCount(request.prefix);
    // Sizes only shrink along `order`, so `next` is always aligned; kept for clarity of intent.
    const start = Math.ceil(next / size) * size;
    if (start + size > vpcEnd) {
      throw new Error(
        `the ${request.tier} subnet in ${availabilityZones[request.zoneIndex]} (/${request.prefix}, ${size} addresses) does not fit into the VPC ${cidr}: ` +
          `the subnets need ${needed} addresses in total, the VPC has ${addressCount(vpc.prefix)}; use smaller subnets (higher masks), fewer tiers or zones, or a larger VPC`,
      );
    }
    allocated.set(request, formatIpv4Cidr({ network: start, prefix: request.prefix }));
    next = start + size;
  }
  return requests.map((request) => ({
    tier: request.tier,
    availabilityZone: availabilityZones[request.zoneIndex],
    cidr: allocated.get(request)!,
  }));
}

function prefixMask(prefix: number): number {
  return prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
}

/** RFC 1918 private ranges and the RFC 6598 shared address space, which AWS accepts for VPCs. */
export const PRIVATE_RANGES: readonly string[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10'];

/** "Some AWS services use the 172.17.0.0/16 CIDR range" (Amazon VPC User Guide, VPC CIDR blocks). */
export const AWS_RESERVED_RANGE = '172.17.0.0/16';

/**
 * What is wrong with a VPC range, or `undefined` when it is fine: well-formed, /16 to /24, inside a
 * private range, clear of the range AWS services use. One function for the config schema and the
 * VPC construct, so both say the same thing.
 */
export function vpcRangeProblem(cidr: string): string | undefined {
  let parsed: Ipv4Cidr;
  try {
    parsed = parseIpv4Cidr(cidr);
  } catch (error) {
    return (error as Error).message;
  }
  if (parsed.prefix < 16 || parsed.prefix > 24) {
    return `must have a prefix from /16 to /24 (AWS allows at most /16; smaller than /24 leaves no room for subnet tiers over 2-3 zones) (received ${cidr})`;
  }
  if (!PRIVATE_RANGES.some((range) => cidrContains(parseIpv4Cidr(range), parsed))) {
    return `must lie in a private range, ${PRIVATE_RANGES.join(', ')}: a public range would hide the internet hosts that really own those addresses (received ${cidr})`;
  }
  const reserved = parseIpv4Cidr(AWS_RESERVED_RANGE);
  if (cidrContains(parsed, reserved) || cidrContains(reserved, parsed)) {
    return `must not overlap ${AWS_RESERVED_RANGE}, which AWS services (Cloud9, SageMaker) use internally (received ${cidr})`;
  }
  return undefined;
}
