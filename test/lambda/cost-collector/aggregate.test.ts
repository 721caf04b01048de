import {
  budgetActuals,
  budgetTopServices,
  collectCells,
  dailySeries,
  MalformedCostDataError,
  parseAmount,
  summarizeCosts,
  topServices,
  type CeResultByTime,
  type CostCell,
} from '../../../lambda/cost-collector/aggregate';
import { planQueries } from '../../../lib/core/finops/query-plan';
import { collectionWindow } from '../../../lib/core/finops/windows';
import { settingsWith, STAGING } from './helpers';

const day = (date: string, groups: [string[], Record<string, number>][]): CeResultByTime => ({
  TimePeriod: { Start: date, End: date },
  Total: {},
  Groups: groups.map(([Keys, metrics]) => ({
    Keys,
    Metrics: Object.fromEntries(Object.entries(metrics).map(([metric, amount]) => [metric, { Amount: String(amount), Unit: 'USD' }])),
  })),
});
const cell = (date: string, keys: string[], UnblendedCost: number, AmortizedCost = UnblendedCost): CostCell => ({
  date,
  keys,
  amounts: { UnblendedCost, AmortizedCost },
});

describe('parseAmount', () => {
  test.each([
    ['12.5', 12.5],
    ['-0.2', -0.2],
    ['1.2e-10', 1.2e-10],
    ['1.2E-7', 1.2e-7],
    ['0', 0],
    ['0.0000014', 0.0000014],
  ])('%j -> %d', (amount, expected) => {
    expect(parseAmount(amount, 'services for 2026-03-01, UnblendedCost')).toBe(expected);
  });

  test.each([undefined, '', ' ', 'abc', 'Infinity', 'NaN', '12,50'])(
    '%j is never a silent zero: it stops the run, naming where',
    (amount) => {
      expect(() => parseAmount(amount, 'services for 2026-03-01 (AWS Lambda), UnblendedCost')).toThrow(MalformedCostDataError);
      expect(() => parseAmount(amount, 'services for 2026-03-01 (AWS Lambda), UnblendedCost')).toThrow(
        /Cost Explorer answered services for 2026-03-01 \(AWS Lambda\), UnblendedCost with the amount .*, which is not a number/,
      );
    },
  );
});

describe('collectCells', () => {
  test('stops at an amount Cost Explorer left out, naming the query, day, group and metric', () => {
    // given: a GetCostAndUsage page as the API reference shapes it, with one amount missing
    const page = {
      TimePeriod: { Start: '2026-03-01', End: '2026-03-02' },
      Total: {},
      Groups: [
        { Keys: ['AWS Lambda'], Metrics: { UnblendedCost: { Amount: '0.0000014', Unit: 'USD' } } },
        { Keys: ['Amazon Simple Storage Service'], Metrics: { UnblendedCost: { Unit: 'USD' } } },
      ],
      Estimated: true,
    };
    // then
    expect(() => collectCells({ id: 'services', keyPrefixes: [''] }, [page])).toThrow(
      'Cost Explorer answered services for 2026-03-01 (Amazon Simple Storage Service), UnblendedCost with the amount undefined, which is not a number',
    );
  });

  test('strips the key prefixes of tag and cost category groups', () => {
    const cells = collectCells({ keyPrefixes: ['team$', ''] }, [
      day('2026-03-01', [
        [['team$data', 'AWS Lambda'], { UnblendedCost: 2 }],
        [['team$', 'AWS Lambda'], { UnblendedCost: 1 }],
      ]),
    ]);
    expect(cells.map((c) => c.keys)).toEqual([
      ['data', 'AWS Lambda'],
      ['', 'AWS Lambda'],
    ]);
  });

  test('merges a day split across two pages, and a group repeated by a retried page counts once', () => {
    const cells = collectCells({ keyPrefixes: [''] }, [
      day('2026-03-01', [
        [['A'], { UnblendedCost: 1 }],
        [['B'], { UnblendedCost: 2 }],
      ]),
      day('2026-03-01', [
        [['B'], { UnblendedCost: 2 }],
        [['C'], { UnblendedCost: 3 }],
      ]),
    ]);
    expect(cells).toEqual([
      { date: '2026-03-01', keys: ['A'], amounts: { UnblendedCost: 1 } },
      { date: '2026-03-01', keys: ['B'], amounts: { UnblendedCost: 2 } },
      { date: '2026-03-01', keys: ['C'], amounts: { UnblendedCost: 3 } },
    ]);
  });

  test.each([
    ['an empty day of a grouped query (new account)', [day('2026-03-01', [])]],
    ['an entry without a period', [{ Groups: [{ Keys: ['A'], Metrics: { UnblendedCost: { Amount: '1' } } }] }]],
    ['no results at all', []],
  ])('%s gives no cells', (_name, results) => {
    expect(collectCells({ keyPrefixes: [''] }, results as CeResultByTime[])).toEqual([]);
  });
});

describe('topServices', () => {
  test.each([
    { costs: { A: 1, B: 3, C: 2 }, n: 2, expected: ['B', 'C'] },
    { costs: { A: 1, B: 3, C: 2 }, n: 10, expected: ['B', 'C', 'A'] },
    { costs: { B: 2, A: 2, C: 2 }, n: 2, expected: ['A', 'B'] }, // ties by name, stable across runs
    { costs: { A: 0, B: -5, C: 1 }, n: 3, expected: ['C'] }, // credits and zeros never drive a cost
    { costs: { A: 1 }, n: 0, expected: [] },
    { costs: {}, n: 8, expected: [] },
  ])('top $n of $costs', ({ costs, n, expected }) => {
    expect(topServices(new Map(Object.entries(costs)), n).map((s) => s.service)).toEqual(expected);
  });
});

describe('dailySeries', () => {
  const dates = ['2026-03-01', '2026-03-02', '2026-03-03'];
  const cells = [
    cell('2026-03-01', ['EC2'], 10),
    cell('2026-03-02', ['EC2'], 10),
    cell('2026-03-01', ['S3'], 1),
    cell('2026-03-02', ['S3'], 30),
    cell('2026-03-01', ['Lambda'], 2),
    cell('2026-03-02', ['Tax'], 4),
    cell('2026-02-28', ['EC2'], 99), // outside the window: ignored
  ];

  test('totals per day; top N by window cost; the rest in Other; zeros for days without data', () => {
    const { dailyTotalUsd, services } = dailySeries(cells, dates, 2);
    expect(dailyTotalUsd).toEqual([13, 44, 0]);
    expect(services).toEqual([
      { service: 'S3', dailyUsd: [1, 30, 0] },
      { service: 'EC2', dailyUsd: [10, 10, 0] },
      { service: 'Other', dailyUsd: [2, 4, 0] },
    ]);
  });

  test('an empty bill: zero totals and a zero Other', () => {
    expect(dailySeries([], dates, 8)).toEqual({ dailyTotalUsd: [0, 0, 0], services: [{ service: 'Other', dailyUsd: [0, 0, 0] }] });
  });

  test('uses the daily series metric (UnblendedCost), not the amortized one', () => {
    expect(dailySeries([cell('2026-03-01', ['EC2'], 10, 3)], dates, 1).dailyTotalUsd).toEqual([10, 0, 0]);
  });
});

describe('budgetActuals', () => {
  const settings = settingsWith({
    budgets: [
      { name: 'all', monthlyLimitUsd: 100 },
      { name: 'all-amortized', monthlyLimitUsd: 100, costMetric: 'AmortizedCost' },
      { name: 'ec2', monthlyLimitUsd: 100, scope: { type: 'service', service: 'EC2' } },
      { name: 'stg', monthlyLimitUsd: 100, scope: { type: 'account', account: 'staging' } },
    ],
  });
  const cells = [
    cell('2026-02-28', ['EC2'], 500), // last month
    cell('2026-03-01', ['EC2'], 10, 8),
    cell('2026-03-14', ['EC2'], 10, 8),
    cell('2026-03-15', ['EC2'], 3, 2),
    cell('2026-03-14', ['S3'], 1, 1),
  ];

  test.each([
    { name: 'all', index: 0, mtd: 24, before: 21 },
    { name: 'all-amortized', index: 1, mtd: 19, before: 17 },
    { name: 'ec2', index: 2, mtd: 23, before: 20 },
  ])('$name: month-to-date $mtd, before today $before', ({ index, mtd, before }) => {
    const window = collectionWindow(new Date('2026-03-15T06:00:00Z'), 'Europe/Berlin');
    const plan = planQueries(settings.finops.budgets, settings.accounts, window);
    const actuals = budgetActuals(cells, plan.budgets[index], window);
    expect(actuals.monthToDateUsd).toBeCloseTo(mtd, 9);
    expect(actuals.beforeForecastUsd).toBeCloseTo(before, 9);
  });

  test('account budget matches its account id', () => {
    const window = collectionWindow(new Date('2026-03-15T06:00:00Z'), 'Europe/Berlin');
    const plan = planQueries(settings.finops.budgets, settings.accounts, window);
    const accountCells = [cell('2026-03-02', [STAGING], 7), cell('2026-03-02', ['999999999999'], 100)];
    expect(budgetActuals(accountCells, plan.budgets[3], window).monthToDateUsd).toBe(7);
  });

  test('Auckland just after midnight on the 1st: February costs are not March month-to-date', () => {
    const window = collectionWindow(new Date('2026-02-28T11:30:00Z'), 'Pacific/Auckland');
    const plan = planQueries(settings.finops.budgets, settings.accounts, window);
    expect(budgetActuals(cells, plan.budgets[0], window)).toMatchObject({ monthToDateUsd: 0, beforeForecastUsd: 0 });
  });

  test('Los Angeles late on the last day: the whole month is actual, nothing is left to forecast', () => {
    const window = collectionWindow(new Date('2026-04-01T06:30:00Z'), 'America/Los_Angeles');
    const plan = planQueries(settings.finops.budgets, settings.accounts, window);
    const march = [cell('2026-03-01', ['EC2'], 1), cell('2026-03-31', ['EC2'], 2), cell('2026-04-01', ['EC2'], 50)];
    expect(budgetActuals(march, plan.budgets[0], window)).toMatchObject({ monthToDateUsd: 3, beforeForecastUsd: 3 });
  });
});

describe('budgetTopServices', () => {
  const window = collectionWindow(new Date('2026-03-15T06:00:00Z'), 'Europe/Berlin');
  const settings = settingsWith({
    budgets: [
      { name: 'all', monthlyLimitUsd: 1 },
      { name: 'stg', monthlyLimitUsd: 1, scope: { type: 'account', account: 'staging' } },
    ],
  });
  const plan = planQueries(settings.finops.budgets, settings.accounts, window);

  test('from the services query: this month only, highest first', () => {
    const cells = [
      cell('2026-02-20', ['Old'], 1000),
      cell('2026-03-02', ['A'], 1),
      cell('2026-03-03', ['B'], 5),
      cell('2026-03-04', ['A'], 1),
      cell('2026-03-05', ['C'], 3),
      cell('2026-03-05', ['D'], 0.5),
    ];
    expect(budgetTopServices(cells, plan.budgets[0], window, 3, false)).toEqual([
      { service: 'B', usd: 5 },
      { service: 'C', usd: 3 },
      { service: 'A', usd: 2 },
    ]);
  });

  test("from a breakdown query: the budget's group only, services in the second key", () => {
    const cells = [
      cell('2026-03-01', [STAGING, 'A'], 4),
      cell('2026-03-01', [STAGING, 'B'], 6),
      cell('2026-03-01', ['999999999999', 'C'], 100),
    ];
    expect(budgetTopServices(cells, plan.budgets[1], window, 3, true)).toEqual([
      { service: 'B', usd: 6 },
      { service: 'A', usd: 4 },
    ]);
  });
});

test('summarizeCosts: every window day, budgets in config order, missing query results count as zero', () => {
  const window = collectionWindow(new Date('2026-03-03T06:00:00Z'), 'UTC');
  const settings = settingsWith({
    budgets: [
      { name: 'all', monthlyLimitUsd: 1 },
      { name: 'stg', monthlyLimitUsd: 1, scope: { type: 'account', account: 'staging' } },
    ],
  });
  const plan = planQueries(settings.finops.budgets, settings.accounts, window);
  const { summary } = summarizeCosts(plan, new Map([['services', [day('2026-03-02', [[['EC2'], { UnblendedCost: 5 }]])]]]), window, 8);
  expect(summary.dates).toHaveLength(28 + 3);
  expect(summary.dates[0]).toBe('2026-02-01');
  expect(summary.dates.at(-1)).toBe('2026-03-03');
  expect(summary.dailyTotalUsd.at(-2)).toBe(5);
  expect(summary.budgets.map((b) => [b.budget.name, b.monthToDateUsd])).toEqual([
    ['all', 5],
    ['stg', 0],
  ]);
});
