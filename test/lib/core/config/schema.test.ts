import { ConfigError } from '../../../../lib/core/config/load';
import { closestKey } from '../../../../lib/core/config/primitives';
import { DEFAULT_BUDGET_THRESHOLDS } from '../../../../lib/core/config/schema';
import { MALFORMED_CONFIGS, malformedInput } from '../../../fixtures/malformed-configs';
import { minimalClientInput, parseInput } from '../../../helpers';

function problemsOf(input: unknown, name = 'acme'): ConfigError['problems'] {
  try {
    parseInput(input, name);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be rejected');
}

describe('client config schema', () => {
  test('fills secure defaults into a minimal client', () => {
    // when
    const config = parseInput(minimalClientInput());

    // then
    expect(config.client.timeZone).toBe('UTC');
    expect(config.security.enabled).toBe(true);
    expect(config.backup.enabled).toBe(true);
    expect(config.network.enabled).toBe(false);
    expect(config.finops.enabled).toBe(true);
    expect(config.finops.budgets).toEqual([]);
    expect(config.tagging).toEqual({ costAllocationTagKeys: ['project', 'environment'], additionalTags: {} });
  });

  test('sends alerts to the contacts when no alert emails are configured', () => {
    const config = parseInput(minimalClientInput());
    expect(config.notifications.emails).toEqual({
      security: ['cto@acme.example'],
      finops: ['owner@acme.example'],
      operations: ['cto@acme.example'],
    });
  });

  test('prefers the dedicated security, billing and operations contacts as alert defaults', () => {
    const input = minimalClientInput();
    input.contacts.security = { name: 'S', email: 'sec@acme.example' };
    input.contacts.billing = { name: 'B', email: 'bill@acme.example' };
    input.contacts.operations = { name: 'O', email: 'ops@acme.example' };
    input.security = { hardening: { alternateContacts: false } };

    const config = parseInput(input);

    expect(config.notifications.emails).toEqual({
      security: ['sec@acme.example'],
      finops: ['bill@acme.example'],
      operations: ['ops@acme.example'],
    });
  });

  test('fills budget defaults: whole bill, 80/100 % actual and 100 % forecast, unblended cost', () => {
    const input = minimalClientInput();
    input.finops = { budgets: [{ name: 'total', monthlyLimitUsd: 100 }] };

    const [budget] = parseInput(input).finops.budgets;

    expect(budget.scope).toEqual({ type: 'total' });
    expect(budget.thresholds).toEqual(DEFAULT_BUDGET_THRESHOLDS);
    expect(budget.costMetric).toBe('UnblendedCost');
  });

  test.each(MALFORMED_CONFIGS.map((c) => [c.name, c] as const))('rejects %s, naming the field', (_name, malformed) => {
    const problems = problemsOf(malformedInput(malformed));
    const atPath = problems.filter((problem) => (problem.path || '(file)') === malformed.path);
    expect(atPath.map((problem) => problem.message)).toEqual(expect.arrayContaining([expect.stringMatching(malformed.message)]));
  });

  test('reports every problem at once, each with path, line and received value', () => {
    // given: three independent mistakes, one of them found only by a cross-field check
    const input = minimalClientInput();
    input.accounts[0].id = '42';
    input.accounts[0].homeRegion = 'us-east-1';
    input.contacts.owner.email = 'nope';

    // when
    const problems = problemsOf(input);

    // then
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'accounts[0].id', received: '"42"', line: expect.any(Number) }),
        expect.objectContaining({ path: 'accounts[0].homeRegion', received: '"us-east-1"' }),
        expect.objectContaining({ path: 'contacts.owner.email', received: '"nope"' }),
      ]),
    );
  });

  test('accepts every budget scope', () => {
    const input = minimalClientInput();
    input.tagging = { costAllocationTagKeys: ['team'] };
    input.finops = {
      budgets: [
        { name: 'a', monthlyLimitUsd: 1, scope: { type: 'total' } },
        { name: 'b', monthlyLimitUsd: 1, scope: { type: 'service', service: 'Amazon Simple Storage Service' } },
        { name: 'c', monthlyLimitUsd: 1, scope: { type: 'account', account: 'production' } },
        { name: 'd', monthlyLimitUsd: 1, scope: { type: 'tag', key: 'team', value: 'data' } },
        { name: 'e', monthlyLimitUsd: 1, scope: { type: 'costCategory', name: 'Unit', value: 'Shared' } },
      ],
    };
    expect(parseInput(input).finops.budgets.map((b) => b.scope.type)).toEqual(['total', 'service', 'account', 'tag', 'costCategory']);
  });
});

describe('client.timeZone', () => {
  test.each(['Europe/Berlin', 'UTC', 'Asia/Kolkata', 'Asia/Calcutta', 'Europe/Kyiv', 'America/Argentina/Buenos_Aires'])(
    'accepts %s',
    (zone) => {
      const input = minimalClientInput();
      input.client.timeZone = zone;
      expect(parseInput(input).client.timeZone).toBe(zone);
    },
  );

  test.each(['Europe/Atlantis', 'CET+1', 'europe berlin', ''])('rejects %j', (zone) => {
    const input = minimalClientInput();
    input.client.timeZone = zone;
    expect(() => parseInput(input)).toThrow(/client.timeZone .*must be an IANA time zone name/);
  });
});

describe('closestKey', () => {
  test.each([
    ['homeRegon', ['name', 'id', 'homeRegion'], 'homeRegion'],
    ['allowedRegion', ['accounts', 'allowedRegions'], 'allowedRegions'],
    ['EMAIL', ['name', 'email'], 'email'],
    ['colour', ['name', 'displayName', 'costCenter'], undefined],
  ])('%s among %j suggests %s', (key, allowed, expected) => {
    expect(closestKey(key, allowed)).toBe(expected);
  });
});
