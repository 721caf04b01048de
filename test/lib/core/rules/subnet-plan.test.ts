import {
  PlannedSubnet,
  SubnetTierMasks,
  cidrContains,
  formatIpv4Cidr,
  parseIpv4Cidr,
  planSubnets,
} from '../../../../lib/core/rules/subnet-plan';

const TWO_ZONES = ['eu-central-1a', 'eu-central-1b'];
const THREE_ZONES = ['eu-central-1a', 'eu-central-1b', 'eu-central-1c'];

/** `tier@zone-letter=cidr` lines, easy to read in a table. */
function layout(subnets: PlannedSubnet[]): string[] {
  return subnets.map((subnet) => `${subnet.tier}@${subnet.availabilityZone.slice(-1)}=${subnet.cidr}`);
}

function overlaps(a: string, b: string): boolean {
  const x = parseIpv4Cidr(a);
  const y = parseIpv4Cidr(b);
  return cidrContains(x, y) || cidrContains(y, x);
}

describe('parseIpv4Cidr', () => {
  test.each([
    ['10.0.0.0/16', '10.0.0.0/16'],
    ['192.168.4.0/22', '192.168.4.0/22'],
    ['0.0.0.0/0', '0.0.0.0/0'],
    ['255.255.255.255/32', '255.255.255.255/32'],
  ])('reads %s', (cidr, formatted) => {
    expect(formatIpv4Cidr(parseIpv4Cidr(cidr))).toBe(formatted);
  });

  test.each([
    ['10.0.0.0', /not an IPv4 CIDR block; expected a\.b\.c\.d\/prefix/],
    ['10.0.0/16', /not an IPv4 CIDR block/],
    ['256.0.0.0/16', /not an IPv4 CIDR block.*octets 0-255/],
    ['10.0.0.0/33', /not an IPv4 CIDR block.*prefix of 0-32/],
    ['010.0.0.0/16', /no leading zeros/],
    ['10.0.0.0/16 ', /not an IPv4 CIDR block/],
    ['fd00::/8', /not an IPv4 CIDR block/],
    ['10.0.0.1/16', /10\.0\.0\.1\/16 has host bits set: the block starts at 10\.0\.0\.0\/16; write that instead/],
    ['172.16.5.0/20', /the block starts at 172\.16\.0\.0\/20/],
  ])('rejects %j', (cidr, error) => {
    expect(() => parseIpv4Cidr(cidr)).toThrow(error);
  });
});

describe('planSubnets', () => {
  test.each<[string, string, string[], SubnetTierMasks, string[]]>([
    [
      'three tiers over two zones, larger subnets first',
      '10.0.0.0/16',
      TWO_ZONES,
      { public: 24, private: 20, isolated: 22 },
      [
        'public@a=10.0.40.0/24',
        'public@b=10.0.41.0/24',
        'private@a=10.0.0.0/20',
        'private@b=10.0.16.0/20',
        'isolated@a=10.0.32.0/22',
        'isolated@b=10.0.36.0/22',
      ],
    ],
    [
      'three tiers over three zones',
      '10.20.0.0/16',
      THREE_ZONES,
      { public: 24, private: 19, isolated: 21 },
      [
        'public@a=10.20.120.0/24',
        'public@b=10.20.121.0/24',
        'public@c=10.20.122.0/24',
        'private@a=10.20.0.0/19',
        'private@b=10.20.32.0/19',
        'private@c=10.20.64.0/19',
        'isolated@a=10.20.96.0/21',
        'isolated@b=10.20.104.0/21',
        'isolated@c=10.20.112.0/21',
      ],
    ],
    [
      'equal sizes keep tier order, then zone order',
      '192.168.0.0/22',
      TWO_ZONES,
      { public: 24, isolated: 24 },
      ['public@a=192.168.0.0/24', 'public@b=192.168.1.0/24', 'isolated@a=192.168.2.0/24', 'isolated@b=192.168.3.0/24'],
    ],
    [
      'a tier with mask 0 is left out',
      '10.1.0.0/24',
      TWO_ZONES,
      { public: 0, private: undefined, isolated: 25 },
      ['isolated@a=10.1.0.0/25', 'isolated@b=10.1.0.128/25'],
    ],
  ])('%s', (_name, cidr, zones, tiers, expected) => {
    const subnets = planSubnets(cidr, zones, tiers);
    expect(layout(subnets)).toEqual(expected);
  });

  test('fills a VPC exactly when the addresses add up, with no gaps and no overlaps', () => {
    // 2 x 64 + 2 x 32 + 2 x 32 = 256 addresses = the whole /24.
    const subnets = planSubnets('100.64.0.0/24', TWO_ZONES, { public: 27, private: 26, isolated: 27 });

    expect(layout(subnets)).toEqual([
      'public@a=100.64.0.128/27',
      'public@b=100.64.0.160/27',
      'private@a=100.64.0.0/26',
      'private@b=100.64.0.64/26',
      'isolated@a=100.64.0.192/27',
      'isolated@b=100.64.0.224/27',
    ]);
  });

  test.each<[string, SubnetTierMasks, string[]]>([
    ['2 zones, three tiers', { public: 24, private: 20, isolated: 22 }, TWO_ZONES],
    ['3 zones, odd sizes', { public: 28, private: 18, isolated: 23 }, THREE_ZONES],
    ['3 zones, same size', { public: 20, private: 20, isolated: 20 }, THREE_ZONES],
  ])('never overlaps and stays inside the VPC: %s', (_name, tiers, zones) => {
    const vpc = parseIpv4Cidr('10.0.0.0/16');
    const subnets = planSubnets('10.0.0.0/16', zones, tiers);

    for (const [i, a] of subnets.entries()) {
      expect(cidrContains(vpc, parseIpv4Cidr(a.cidr))).toBe(true);
      for (const b of subnets.slice(i + 1)) expect(overlaps(a.cidr, b.cidr)).toBe(false);
    }
    expect(subnets).toHaveLength(zones.length * Object.values(tiers).filter(Boolean).length);
  });

  test.each<[string, string, string[], SubnetTierMasks, RegExp]>([
    [
      'subnets that do not fit, naming the tier and zone',
      '10.0.0.0/22',
      THREE_ZONES,
      { public: 24, private: 24 },
      /the private subnet in eu-central-1b \(\/24, 256 addresses\) does not fit into the VPC 10\.0\.0\.0\/22: the subnets need 1536 addresses in total, the VPC has 1024/,
    ],
    [
      'the smallest subnet that is left over',
      '10.0.0.0/24',
      TWO_ZONES,
      { public: 25, isolated: 28 },
      /the isolated subnet in eu-central-1a \(\/28, 16 addresses\) does not fit into the VPC 10\.0\.0\.0\/24: the subnets need 288 addresses/,
    ],
    [
      'a mask larger than the VPC',
      '10.0.0.0/20',
      TWO_ZONES,
      { private: 19 },
      /private subnet mask \/19 is larger than the VPC 10\.0\.0\.0\/20/,
    ],
    [
      'a mask below /16',
      '10.0.0.0/16',
      TWO_ZONES,
      { public: 15 },
      /public subnet mask must be a whole number from 16 to 28.*\(received 15\)/,
    ],
    [
      'a mask above /28',
      '10.0.0.0/16',
      TWO_ZONES,
      { isolated: 29 },
      /isolated subnet mask must be a whole number from 16 to 28.*\(received 29\)/,
    ],
    ['a fractional mask', '10.0.0.0/16', TWO_ZONES, { private: 20.5 }, /private subnet mask must be a whole number.*\(received 20\.5\)/],
    ['no tier at all', '10.0.0.0/16', TWO_ZONES, { public: 0 }, /at least one subnet tier needs a mask/],
    ['no zone', '10.0.0.0/16', [], { public: 24 }, /at least one availability zone is needed/],
    [
      'a zone twice',
      '10.0.0.0/16',
      ['eu-central-1a', 'eu-central-1a'],
      { public: 24 },
      /availability zones must be distinct \(received eu-central-1a more than once\)/,
    ],
    ['an invalid VPC block', '10.0.0.0/16x', TWO_ZONES, { public: 24 }, /not an IPv4 CIDR block/],
    ['host bits in the VPC block', '10.0.1.0/16', TWO_ZONES, { public: 24 }, /has host bits set/],
  ])('rejects %s', (_name, cidr, zones, tiers, error) => {
    expect(() => planSubnets(cidr, zones, tiers)).toThrow(error);
  });
});
