import { accountVpcRanges, freeVpcRange } from '../../../../lib/core/config/network-ranges';

describe('accountVpcRanges', () => {
  test.each<[string, { cidr: string; cidrByAccount?: Record<string, string> }, string[], string[]]>([
    ['one account keeps network.cidr', { cidr: '10.20.0.0/16' }, ['production'], ['10.20.0.0/16']],
    [
      'accounts without an entry take consecutive blocks',
      { cidr: '10.20.0.0/16' },
      ['production', 'staging', 'sandbox'],
      ['10.20.0.0/16', '10.21.0.0/16', '10.22.0.0/16'],
    ],
    [
      'blocks of the size of network.cidr',
      { cidr: '192.168.0.0/20' },
      ['a', 'b', 'c'],
      ['192.168.0.0/20', '192.168.16.0/20', '192.168.32.0/20'],
    ],
    [
      'an entry wins and is not counted: the first account without one keeps network.cidr',
      { cidr: '10.0.0.0/16', cidrByAccount: { production: '10.50.0.0/16' } },
      ['production', 'staging', 'dev'],
      ['10.50.0.0/16', '10.0.0.0/16', '10.1.0.0/16'],
    ],
  ])('%s', (_name, network, accounts, expected) => {
    expect(accountVpcRanges(network, accounts).map((range) => range.cidr)).toEqual(expected);
  });

  test('says where each range comes from', () => {
    expect(accountVpcRanges({ cidr: '10.0.0.0/16', cidrByAccount: { b: '10.9.0.0/16' } }, ['a', 'b'])).toEqual([
      { account: 'a', cidr: '10.0.0.0/16', source: 'derived' },
      { account: 'b', cidr: '10.9.0.0/16', source: 'explicit' },
    ]);
  });

  test("adding an account at the end changes no other account's range", () => {
    const before = accountVpcRanges({ cidr: '10.20.0.0/16' }, ['production', 'staging']);
    const after = accountVpcRanges({ cidr: '10.20.0.0/16' }, ['production', 'staging', 'sandbox']);
    expect(after.slice(0, 2)).toEqual(before);
  });

  test('does not wrap around past the last address', () => {
    expect(accountVpcRanges({ cidr: '255.255.0.0/16' }, ['a', 'b'])[1].cidr).toMatch(/^beyond 255\.255\.255\.255/);
  });
});

describe('freeVpcRange', () => {
  test('the first block of the same size that no account uses', () => {
    expect(freeVpcRange('10.20.0.0/16', ['10.20.0.0/16', '10.21.0.0/17'])).toBe('10.22.0.0/16');
  });

  test('skips the range AWS services use', () => {
    expect(freeVpcRange('172.16.0.0/16', ['172.16.0.0/16'])).toBe('172.18.0.0/16');
  });

  test('finds nothing past the end of the private range', () => {
    expect(freeVpcRange('192.168.0.0/16', ['192.168.0.0/16'])).toBeUndefined();
  });
});
