import { evaluateBudget, type BudgetAlert } from '../../../lambda/cost-collector/budgets';
import { advice, asciiSubject, buildDigest, describeScope, formatPercent, formatUsd } from '../../../lambda/cost-collector/digest';
import { settingsWith } from './helpers';

const budgets = settingsWith({
  budgets: [
    { name: 'everything', monthlyLimitUsd: 2000 },
    { name: 'staging', monthlyLimitUsd: 400, scope: { type: 'account', account: 'staging' } },
  ],
}).finops.budgets;
const alert = (index: number, mtd: number, forecast: number | undefined): BudgetAlert => {
  const status = evaluateBudget(budgets[index], mtd, forecast);
  return { status, thresholds: status.crossed };
};
const context = { clientName: 'Acme Ltd', timeZone: 'Europe/Berlin', now: new Date('2026-03-15T06:00:00Z') };

describe('formatting', () => {
  test.each([
    [1234.5, '$1,234.50'],
    [0.004, '$0.00'],
    [-0.004, '$0.00'],
    [-12, '-$12.00'],
  ])('formatUsd(%d) = %s', (amount, expected) => {
    expect(formatUsd(amount)).toBe(expected);
  });

  test.each([
    [103.4, '103%'],
    [7.46, '7.5%'],
    [80, '80%'],
  ])('formatPercent(%d) = %s', (percent, expected) => {
    expect(formatPercent(percent)).toBe(expected);
  });

  test.each([
    ['Müller GmbH: AWS budget exceeded', 'Muller GmbH: AWS budget exceeded'],
    ['Line\nbreak', 'Line break'],
    ['日本', '??'],
    ['x'.repeat(150), `${'x'.repeat(96)}...`],
  ])('asciiSubject(%j) = %j', (text, expected) => {
    expect(asciiSubject(text)).toBe(expected);
  });

  test.each([
    [{ type: 'total' }, 'the whole AWS bill'],
    [{ type: 'service', service: 'AWS Lambda' }, 'the AWS service "AWS Lambda"'],
    [{ type: 'account', account: 'staging' }, 'the AWS account "staging"'],
    [{ type: 'tag', key: 'team', value: 'data' }, 'resources tagged team = data'],
    [{ type: 'tag', key: 'team', value: '' }, 'resources without a "team" tag'],
    [{ type: 'costCategory', name: 'Unit', value: 'Shared' }, 'the cost category Unit = Shared'],
  ])('describeScope(%j)', (scope, expected) => {
    expect(describeScope(settingsWith({ budgets: [{ name: 'b', monthlyLimitUsd: 1, scope }] }).finops.budgets[0])).toBe(expected);
  });
});

describe('advice', () => {
  test.each([
    ['over the limit', alert(1, 420, 800), /already exceeded/],
    ['forecast over the limit', alert(1, 100, 500), /current pace the month will end over the limit/],
    ['approaching', alert(1, 330, undefined), /approaching the limit/],
  ])('%s', (_name, a, expected) => {
    expect(advice(a)).toMatch(expected);
  });
});

describe('buildDigest', () => {
  test('one budget: what happened, spent so far, expected, limit, percent, top 3 services, what to do', () => {
    const digest = buildDigest([{ alert: alert(1, 412.3, 1200), topServices: [
      { service: 'Amazon Elastic Compute Cloud - Compute', usd: 200 },
      { service: 'Amazon Relational Database Service', usd: 150.5 },
      { service: 'Amazon Simple Storage Service', usd: 20 },
    ] }], context);
    expect(digest.subject).toBe('Acme Ltd: AWS budget exceeded - staging');
    expect(digest.message).toBe([
      'AWS cost alert for Acme Ltd, 15 March 2026 at 07:00 (Europe/Berlin).',
      '',
      'One budget crossed an alert level this month:',
      '',
      'Budget "staging" (the AWS account "staging")',
      '  Why you get this: 80% of the limit already spent; 100% of the limit already spent; expected to reach 100% of the limit by the end of the month.',
      '  Spent so far in March 2026: $412.30 (103% of the limit)',
      '  Expected by the end of the month: $1,200.00 (300% of the limit)',
      '  Monthly limit: $400.00',
      '  Biggest costs this month:',
      '    1. Amazon Elastic Compute Cloud - Compute: $200.00',
      '    2. Amazon Relational Database Service: $150.50',
      '    3. Amazon Simple Storage Service: $20.00',
      `  What to do: ${advice(alert(1, 412.3, 1200))}`,
      '',
      'Amounts are in US dollars from AWS Cost Explorer. The last few days are estimates that AWS',
      'revises until the month is closed. You get this message once per alert level and month;',
      'the cost dashboard shows the figures day by day.',
    ].join('\n'));
  });

  test('several budgets, no forecast, no services yet, services unavailable', () => {
    const digest = buildDigest([
      { alert: alert(0, 1700, undefined), topServices: [] },
      { alert: alert(1, 330, undefined), topServices: undefined },
    ], context);
    expect(digest.subject).toBe('Acme Ltd: AWS budget alert - 2 budgets');
    expect(digest.message).toContain('2 budgets crossed an alert level this month:');
    expect(digest.message).toContain('Expected by the end of the month: no forecast available yet (AWS needs more cost history)');
    expect(digest.message).toContain('Biggest costs this month: none recorded yet');
    expect(digest.message).toContain('Biggest costs this month: not available in this message (see the cost dashboard)');
    expect(digest.message).not.toMatch(/NaN|undefined|Infinity/);
  });

  test('the date is the client\'s local one (Auckland, just after midnight on the 1st)', () => {
    const digest = buildDigest([{ alert: alert(1, 0, 500), topServices: [] }], { ...context, timeZone: 'Pacific/Auckland', now: new Date('2026-02-28T11:30:00Z') });
    expect(digest.message).toContain('1 March 2026 at 00:30 (Pacific/Auckland)');
    expect(digest.message).toContain('Spent so far in March 2026: $0.00');
  });
});
