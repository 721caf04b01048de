import { evaluateBudget, type BudgetAlert } from '../../../lambda/cost-collector/budgets';
import {
  advice,
  asciiSubject,
  buildDigest,
  describeScope,
  formatPercent,
  formatRoughUsd,
  formatUsd,
  wasteSection,
} from '../../../lambda/cost-collector/digest';
import type { WasteSummary } from '../../../lambda/cost-collector/waste';
import { WASTE_RESOURCE_TYPES, type WasteResourceType } from '../../../lib/core/finops/metrics';
import { settingsWith } from './helpers';

import { expectValidChatNotification } from '../../support/chat-notification-schema';

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
    const digest = buildDigest(
      [
        {
          alert: alert(1, 412.3, 1200),
          topServices: [
            { service: 'Amazon Elastic Compute Cloud - Compute', usd: 200 },
            { service: 'Amazon Relational Database Service', usd: 150.5 },
            { service: 'Amazon Simple Storage Service', usd: 20 },
          ],
        },
      ],
      context,
    );
    expect(digest.subject).toBe('Acme Ltd: AWS budget exceeded - staging');
    expect(digest.message).toBe(
      [
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
      ].join('\n'),
    );
  });

  test('several budgets, no forecast, no services yet, services unavailable', () => {
    const digest = buildDigest(
      [
        { alert: alert(0, 1700, undefined), topServices: [] },
        { alert: alert(1, 330, undefined), topServices: undefined },
      ],
      context,
    );
    expect(digest.subject).toBe('Acme Ltd: AWS budget alert - 2 budgets');
    expect(digest.message).toContain('2 budgets crossed an alert level this month:');
    expect(digest.message).toContain('Expected by the end of the month: no forecast available yet (AWS needs more cost history)');
    expect(digest.message).toContain('Biggest costs this month: none recorded yet');
    expect(digest.message).toContain('Biggest costs this month: not available in this message (see the cost dashboard)');
    expect(digest.message).not.toMatch(/NaN|undefined|Infinity/);
  });

  test("the date is the client's local one (Auckland, just after midnight on the 1st)", () => {
    const digest = buildDigest([{ alert: alert(1, 0, 500), topServices: [] }], {
      ...context,
      timeZone: 'Pacific/Auckland',
      now: new Date('2026-02-28T11:30:00Z'),
    });
    expect(digest.message).toContain('1 March 2026 at 00:30 (Pacific/Auckland)');
    expect(digest.message).toContain('Spent so far in March 2026: $0.00');
  });
});

/** A waste summary with these figures (idle, USD per month) and zeros for the other types. */
function waste(figures: Partial<Record<WasteResourceType, [number, number]>>): WasteSummary {
  const byResourceType = WASTE_RESOURCE_TYPES.map((resourceType) => ({
    resourceType,
    idleResources: figures[resourceType]?.[0] ?? 0,
    estimatedMonthlyWasteUsd: figures[resourceType]?.[1] ?? 0,
  }));
  return {
    byResourceType,
    totalIdleResources: byResourceType.reduce((sum, t) => sum + t.idleResources, 0),
    totalEstimatedMonthlyWasteUsd: byResourceType.reduce((sum, t) => sum + t.estimatedMonthlyWasteUsd, 0),
    typesWithoutData: [],
  };
}

describe("possible savings (the waste finder's figures)", () => {
  test.each([
    [1234.6, 'about USD 1,235'],
    [48.03, 'about USD 48'],
    [0.6, 'about USD 1'],
    [0.4, 'less than USD 1'],
    [0, 'less than USD 1'],
  ])('formatRoughUsd(%d) = %s', (amount, expected) => {
    expect(formatRoughUsd(amount)).toBe(expected);
  });

  test('names the idle resources by type, biggest saving first, with the monthly amount and where to look', () => {
    const section = wasteSection(waste({ EC2Instance: [2, 15.18], NATGateway: [1, 32.85] }));
    expect(section).toBe(
      [
        'Possible savings: 3 idle resources (1 NAT gateway, 2 EC2 instances) could save about USD 48 per month; see the operations dashboard.',
        '  Idle means barely used in recent weeks (or, for servers, much larger than needed). The amount is a cautious estimate',
        '  from AWS list prices. Ask your technical contact whether these resources are still needed.',
      ].join('\n'),
    );
  });

  test.each<[string, Partial<Record<WasteResourceType, [number, number]>>, string]>([
    ['one resource', { RDSInstance: [1, 12.41] }, 'Possible savings: 1 idle resource (1 RDS database) could save about USD 12 per month'],
    [
      'equal amounts: more resources first',
      { EBSVolume: [3, 5], LoadBalancer: [1, 5], EC2Instance: [12, 1500] },
      'Possible savings: 16 idle resources (12 EC2 instances, 3 EBS storage volumes, 1 load balancer) could save about USD 1,510 per month',
    ],
    [
      'idle but next to nothing to save',
      { EBSVolume: [1, 0.3] },
      'Possible savings: 1 idle resource (1 EBS storage volume) could save less than USD 1 per month',
    ],
  ])('%s', (_name, figures, expected) => {
    expect(wasteSection(waste(figures))!.split('\n')[0]).toBe(`${expected}; see the operations dashboard.`);
  });

  test.each<[string, WasteSummary | undefined]>([
    ['figures unavailable', undefined],
    ['nothing idle', waste({})],
    ['waste finder off (no data)', { ...waste({}), typesWithoutData: [...WASTE_RESOURCE_TYPES] }],
  ])('no section when %s', (_name, summary) => {
    expect(wasteSection(summary)).toBeUndefined();
    const message = buildDigest([{ alert: alert(1, 420, 800), topServices: [] }], { ...context, waste: summary }).message;
    expect(message).not.toContain('Possible savings');
    expect(message).toBe(buildDigest([{ alert: alert(1, 420, 800), topServices: [] }], context).message);
  });

  test('the digest places the section after the budgets, before the note on amounts', () => {
    const message = buildDigest([{ alert: alert(1, 420, 800), topServices: [] }], {
      ...context,
      waste: waste({ NATGateway: [1, 32.85] }),
    }).message;
    const lines = message.split('\n');
    const at = lines.findIndex((line) =>
      line.startsWith('Possible savings: 1 idle resource (1 NAT gateway) could save about USD 33 per month; see the operations dashboard.'),
    );
    expect(lines[at - 2]).toMatch(/^ {2}What to do: /);
    expect(lines[at - 1]).toBe('');
    expect(lines[at + 3]).toBe('');
    expect(lines[at + 4]).toMatch(/^Amounts are in US dollars/);
    expect(message).not.toMatch(/NaN|undefined|Infinity/);
  });
});

describe('the digest in chat and in German', () => {
  const entries = [
    { alert: alert(0, 2100, 2300), topServices: [{ service: 'Amazon Relational Database Service', usd: 1200.5 }] },
    { alert: alert(1, 420, 800), topServices: [] },
  ];

  test.each(['en', 'de'] as const)('the chat variant in %s is a valid custom notification with the advice as next steps', (language) => {
    const digest = buildDigest(entries, { ...context, language, waste: waste({ EC2Instance: [2, 55] }) });
    expectValidChatNotification(JSON.stringify(digest.chat));
    expect(digest.chat.content.nextSteps).toEqual([...new Set(entries.map((entry) => advice(entry.alert, language)))]);
    expect(digest.chat.content.description).not.toMatch(/undefined|NaN/);
  });

  test('German: words, amounts, percentages and dates as a German reader writes them; the subject in ASCII', () => {
    const digest = buildDigest(entries, { ...context, language: 'de', waste: waste({ EC2Instance: [2, 55] }) });
    expect(digest.subject).toMatch(/^Acme Ltd: AWS-Budget ueberschritten - 2 Budgets$/);
    expect(digest.message).toContain('AWS-Kostenwarnung für Acme Ltd, 15. März 2026 um 07:00 (Europe/Berlin).');
    expect(digest.message).toContain('2 Budgets haben diesen Monat eine Warnstufe erreicht:');
    expect(digest.message).toContain('Bisher ausgegeben im März 2026: 2.100,00');
    expect(digest.message).toMatch(/\(\d+ % des Limits\)/);
    expect(digest.message).toContain('Mögliche Einsparung: 2 ungenutzte Ressourcen (2 EC2-Instanzen) könnten etwa 55 USD pro Monat sparen');
    expect(digest.message).toContain('Was zu tun ist: Das Monatslimit ist bereits überschritten.');
    expect(digest.message).not.toMatch(/Spent so far|What to do|Why you get this/);
  });
});
