import { breakdownQueryId, minimumRequests, planBreakdownQueries, planQueries } from '../../../../lib/core/finops/query-plan';
import { collectionWindow } from '../../../../lib/core/finops/windows';
import { PRODUCTION, settingsWith, STAGING } from '../../../lambda/cost-collector/helpers';

const window = collectionWindow(new Date('2026-03-15T06:00:00Z'), 'Europe/Berlin');
const plan = (budgets: unknown[]) => {
  const settings = settingsWith({ budgets });
  return planQueries(settings.finops.budgets, settings.accounts, window);
};

describe('planQueries', () => {
  test('no budgets: one DAILY query grouped by SERVICE over the window, nothing else', () => {
    const p = plan([]);
    expect(p.services.request).toEqual({
      TimePeriod: { Start: '2026-02-01', End: '2026-03-16' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
      GroupBy: [{ Type: 'DIMENSION', Key: 'SERVICE' }],
    });
    expect(p.scoped).toEqual([]);
    expect(p.forecasts).toEqual([]);
    expect(minimumRequests(p)).toBe(1);
  });

  test.each([
    {
      name: 'total and service budgets share the services query',
      budgets: [
        { name: 'all', monthlyLimitUsd: 100 },
        { name: 'ec2', monthlyLimitUsd: 50, scope: { type: 'service', service: 'Amazon Elastic Compute Cloud - Compute' } },
        { name: 'rds', monthlyLimitUsd: 50, scope: { type: 'service', service: 'Amazon Relational Database Service' } },
      ],
      scoped: [],
      forecasts: 3,
      servicesMetrics: ['UnblendedCost'],
    },
    {
      name: 'an AmortizedCost budget adds its metric to the same query (no second query)',
      budgets: [
        { name: 'all', monthlyLimitUsd: 100, costMetric: 'AmortizedCost' },
        { name: 'all-unblended', monthlyLimitUsd: 100 },
      ],
      scoped: [],
      forecasts: 2, // one per metric: the forecast API takes one metric
      servicesMetrics: ['AmortizedCost', 'UnblendedCost'],
    },
    {
      name: 'two budgets with the same scope and metric share a forecast',
      budgets: [
        { name: 'warn', monthlyLimitUsd: 100 },
        { name: 'hard', monthlyLimitUsd: 200 },
      ],
      scoped: [],
      forecasts: 1,
      servicesMetrics: ['UnblendedCost'],
    },
    {
      name: 'account budgets share one query filtered to their accounts',
      budgets: [
        { name: 'prod', monthlyLimitUsd: 100, scope: { type: 'account', account: 'production' } },
        { name: 'stg', monthlyLimitUsd: 100, scope: { type: 'account', account: 'staging' }, costMetric: 'AmortizedCost' },
      ],
      scoped: [
        {
          id: 'accounts',
          request: {
            TimePeriod: { Start: '2026-02-01', End: '2026-03-16' },
            Granularity: 'DAILY',
            Metrics: ['AmortizedCost', 'UnblendedCost'],
            GroupBy: [{ Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' }],
            Filter: { Dimensions: { Key: 'LINKED_ACCOUNT', Values: [PRODUCTION, STAGING] } },
          },
          keyPrefixes: [''],
        },
      ],
      forecasts: 2,
      servicesMetrics: ['UnblendedCost'],
    },
    {
      name: 'one query per tag key, filtered to the budgeted values',
      budgets: [
        { name: 'data', monthlyLimitUsd: 100, scope: { type: 'tag', key: 'team', value: 'data' } },
        { name: 'web', monthlyLimitUsd: 100, scope: { type: 'tag', key: 'team', value: 'web' } },
        { name: 'proj', monthlyLimitUsd: 100, scope: { type: 'tag', key: 'project', value: 'x' } },
      ],
      scoped: [
        {
          id: 'tag:project',
          request: expect.objectContaining({
            GroupBy: [{ Type: 'TAG', Key: 'project' }],
            Filter: { Tags: { Key: 'project', Values: ['x'], MatchOptions: ['EQUALS'] } },
          }),
          keyPrefixes: ['project$'],
        },
        {
          id: 'tag:team',
          request: expect.objectContaining({
            GroupBy: [{ Type: 'TAG', Key: 'team' }],
            Filter: { Tags: { Key: 'team', Values: ['data', 'web'], MatchOptions: ['EQUALS'] } },
          }),
          keyPrefixes: ['team$'],
        },
      ],
      forecasts: 3,
      servicesMetrics: ['UnblendedCost'],
    },
    {
      name: 'an untagged budget reads the whole tag key (no EQUALS filter can match "untagged")',
      budgets: [
        { name: 'data', monthlyLimitUsd: 100, scope: { type: 'tag', key: 'team', value: 'data' } },
        { name: 'untagged', monthlyLimitUsd: 100, scope: { type: 'tag', key: 'team', value: '' } },
      ],
      scoped: [{ id: 'tag:team', request: expect.not.objectContaining({ Filter: expect.anything() }), keyPrefixes: ['team$'] }],
      forecasts: 2,
      servicesMetrics: ['UnblendedCost'],
    },
    {
      name: 'one query per cost category',
      budgets: [
        { name: 'shared', monthlyLimitUsd: 100, scope: { type: 'costCategory', name: 'Unit', value: 'Shared' } },
        { name: 'core', monthlyLimitUsd: 100, scope: { type: 'costCategory', name: 'Unit', value: 'Core' } },
      ],
      scoped: [
        {
          id: 'costCategory:Unit',
          request: expect.objectContaining({
            GroupBy: [{ Type: 'COST_CATEGORY', Key: 'Unit' }],
            Filter: { CostCategories: { Key: 'Unit', Values: ['Core', 'Shared'], MatchOptions: ['EQUALS'] } },
          }),
          keyPrefixes: ['Unit$'],
        },
      ],
      forecasts: 2,
      servicesMetrics: ['UnblendedCost'],
    },
  ])('$name', ({ budgets, scoped, forecasts, servicesMetrics }) => {
    const p = plan(budgets);
    expect(p.scoped).toEqual(scoped);
    expect(p.forecasts).toHaveLength(forecasts);
    expect(p.services.request.Metrics).toEqual(servicesMetrics);
    expect(minimumRequests(p)).toBe(1 + scoped.length + forecasts);
  });

  test('the fixture client with five scopes needs 4 queries and 5 forecasts, not one query per budget and metric', () => {
    const p = plan([
      { name: 'everything', monthlyLimitUsd: 2000, costMetric: 'AmortizedCost' },
      { name: 'rds', monthlyLimitUsd: 300, scope: { type: 'service', service: 'Amazon Relational Database Service' } },
      { name: 'staging', monthlyLimitUsd: 200, scope: { type: 'account', account: 'staging' } },
      { name: 'team-data', monthlyLimitUsd: 400, scope: { type: 'tag', key: 'team', value: 'data' } },
      { name: 'shared', monthlyLimitUsd: 100, scope: { type: 'costCategory', name: 'Unit', value: 'Shared' } },
    ]);
    expect([p.services.id, ...p.scoped.map((q) => q.id)]).toEqual(['services', 'accounts', 'costCategory:Unit', 'tag:team']);
    expect(minimumRequests(p)).toBe(9);
    expect(p.budgets.map((b) => [b.budget.name, b.queryId, b.groupValue])).toEqual([
      ['everything', 'services', undefined],
      ['rds', 'services', 'Amazon Relational Database Service'],
      ['staging', 'accounts', STAGING],
      ['team-data', 'tag:team', 'data'],
      ['shared', 'costCategory:Unit', 'Shared'],
    ]);
  });

  test.each([
    [{ type: 'total' }, 'UnblendedCost', { Metric: 'UNBLENDED_COST' }],
    [{ type: 'total' }, 'AmortizedCost', { Metric: 'AMORTIZED_COST' }],
    [{ type: 'service', service: 'AWS Lambda' }, 'UnblendedCost', { Filter: { Dimensions: { Key: 'SERVICE', Values: ['AWS Lambda'] } } }],
    [{ type: 'account', account: 'staging' }, 'UnblendedCost', { Filter: { Dimensions: { Key: 'LINKED_ACCOUNT', Values: [STAGING] } } }],
    [
      { type: 'tag', key: 'team', value: 'data' },
      'UnblendedCost',
      { Filter: { Tags: { Key: 'team', Values: ['data'], MatchOptions: ['EQUALS'] } } },
    ],
    [{ type: 'tag', key: 'team', value: '' }, 'UnblendedCost', { Filter: { Tags: { Key: 'team', MatchOptions: ['ABSENT'] } } }],
    [
      { type: 'costCategory', name: 'Unit', value: 'Core' },
      'UnblendedCost',
      { Filter: { CostCategories: { Key: 'Unit', Values: ['Core'], MatchOptions: ['EQUALS'] } } },
    ],
  ])('forecast of scope %j (%s): today (UTC) to the end of the month, MONTHLY', (scope, costMetric, expected) => {
    const p = plan([{ name: 'b', monthlyLimitUsd: 1, scope, costMetric }]);
    expect(p.forecasts).toHaveLength(1);
    expect(p.forecasts[0].request).toMatchObject({
      TimePeriod: { Start: '2026-03-15', End: '2026-04-01' },
      Granularity: 'MONTHLY',
      ...expected,
    });
    if (scope.type === 'total') expect(p.forecasts[0].request.Filter).toBeUndefined();
  });

  test('no forecast request when the month is over in UTC', () => {
    const late = collectionWindow(new Date('2026-04-01T06:30:00Z'), 'America/Los_Angeles');
    const settings = settingsWith({ budgets: [{ name: 'all', monthlyLimitUsd: 100 }] });
    const p = planQueries(settings.finops.budgets, settings.accounts, late);
    expect(p.forecasts).toEqual([]);
    expect(p.budgets[0].forecastId).toBeUndefined();
  });

  test('names a budget whose account is unknown', () => {
    const settings = settingsWith({ budgets: [{ name: 'ghost', monthlyLimitUsd: 1, scope: { type: 'account', account: 'sandbox' } }] });
    expect(() => planQueries(settings.finops.budgets, settings.accounts, window)).toThrow(
      /budget "ghost": scope.account "sandbox" is not one of the accounts \(production, staging\)/,
    );
  });
});

describe('planBreakdownQueries', () => {
  const settings = settingsWith({
    budgets: [
      { name: 'all', monthlyLimitUsd: 100 },
      { name: 'stg', monthlyLimitUsd: 100, scope: { type: 'account', account: 'staging' } },
      { name: 'prod', monthlyLimitUsd: 100, scope: { type: 'account', account: 'production' }, costMetric: 'AmortizedCost' },
      { name: 'data', monthlyLimitUsd: 100, scope: { type: 'tag', key: 'team', value: 'data' } },
    ],
  });
  const p = planQueries(settings.finops.budgets, settings.accounts, window);

  test('one MONTHLY query per family, grouped by scope and SERVICE, over the month so far', () => {
    const queries = planBreakdownQueries(p.budgets, settings.accounts, window);
    expect(queries).toEqual([
      {
        id: 'breakdown:accounts',
        request: {
          TimePeriod: { Start: '2026-03-01', End: '2026-03-16' },
          Granularity: 'MONTHLY',
          Metrics: ['AmortizedCost', 'UnblendedCost'],
          GroupBy: [
            { Type: 'DIMENSION', Key: 'LINKED_ACCOUNT' },
            { Type: 'DIMENSION', Key: 'SERVICE' },
          ],
          Filter: { Dimensions: { Key: 'LINKED_ACCOUNT', Values: [PRODUCTION, STAGING] } },
        },
        keyPrefixes: ['', ''],
      },
      expect.objectContaining({ id: 'breakdown:tag:team', keyPrefixes: ['team$', ''] }),
    ]);
    expect(p.budgets.map(breakdownQueryId)).toEqual([undefined, 'breakdown:accounts', 'breakdown:accounts', 'breakdown:tag:team']);
  });

  test('only the families of the given budgets; none for total budgets', () => {
    expect(planBreakdownQueries([p.budgets[0]], settings.accounts, window)).toEqual([]);
    expect(planBreakdownQueries([p.budgets[3]], settings.accounts, window).map((q) => q.id)).toEqual(['breakdown:tag:team']);
  });

  test("none when the client's month has no Cost Explorer day yet (Auckland after midnight on the 1st)", () => {
    const early = collectionWindow(new Date('2026-02-28T11:30:00Z'), 'Pacific/Auckland');
    expect(planBreakdownQueries(p.budgets, settings.accounts, early)).toEqual([]);
  });
});
