import {
  evaluateBudget,
  forecastCacheOf,
  forecastKey,
  reuseForecasts,
  monthEndForecastUsd,
  newThresholds,
  parseReportedState,
  serializeReportedState,
  thresholdId,
  type BudgetStatus,
  type ForecastCache,
  type ReportedState,
} from '../../../lambda/cost-collector/budgets';
import type { ForecastQuery } from '../../../lib/core/finops/query-plan';
import { settingsWith } from './helpers';

const budget = (overrides: Record<string, unknown> = {}) =>
  settingsWith({ budgets: [{ name: 'all', monthlyLimitUsd: 200, ...overrides }] }).finops.budgets[0];
const ids = (status: BudgetStatus) => status.crossed.map(thresholdId);

describe('evaluateBudget (default thresholds: 80 % actual, 100 % actual, 100 % forecast)', () => {
  test.each([
    { mtd: 0, forecast: undefined, used: 0, forecastUsed: undefined, crossed: [] },
    { mtd: 159.99, forecast: 190, used: 79.995, forecastUsed: 95, crossed: [] },
    { mtd: 160, forecast: 199.99, used: 80, forecastUsed: 99.995, crossed: ['a80'] },
    { mtd: 100, forecast: 200, used: 50, forecastUsed: 100, crossed: ['f100'] },
    { mtd: 200, forecast: 400, used: 100, forecastUsed: 200, crossed: ['a80', 'a100', 'f100'] },
    { mtd: 250, forecast: undefined, used: 125, forecastUsed: undefined, crossed: ['a80', 'a100'] }, // no forecast: forecast thresholds never fire
    { mtd: -5, forecast: undefined, used: -2.5, forecastUsed: undefined, crossed: [] }, // credits
  ])('month-to-date $mtd, forecast $forecast -> $crossed', ({ mtd, forecast, used, forecastUsed, crossed }) => {
    const status = evaluateBudget(budget(), mtd, forecast);
    expect(status.usedPercent).toBeCloseTo(used, 9);
    if (forecastUsed === undefined) expect(status.forecastUsedPercent).toBeUndefined();
    else expect(status.forecastUsedPercent).toBeCloseTo(forecastUsed, 9);
    expect(ids(status)).toEqual(crossed);
  });

  test('floating point sums exactly at a threshold count as reached', () => {
    const b = settingsWith({ budgets: [{ name: 'tiny', monthlyLimitUsd: 0.3, thresholds: [{ percent: 100, basis: 'actual' }] }] }).finops
      .budgets[0];
    expect(ids(evaluateBudget(b, 0.1 + 0.2, undefined))).toEqual(['a100']);
  });

  test('custom thresholds in config order', () => {
    const b = budget({
      thresholds: [
        { percent: 120, basis: 'forecast' },
        { percent: 50, basis: 'actual' },
      ],
    });
    expect(ids(evaluateBudget(b, 100, 250))).toEqual(['f120', 'a50']);
  });
});

describe('monthEndForecastUsd', () => {
  test.each([
    {
      name: 'actual before today + forecast from today',
      actuals: { monthToDateUsd: 105, beforeForecastUsd: 100 },
      period: {},
      forecast: 50,
      expected: 150,
    },
    {
      name: 'no forecast from Cost Explorer',
      actuals: { monthToDateUsd: 105, beforeForecastUsd: 100 },
      period: {},
      forecast: undefined,
      expected: undefined,
    },
    {
      name: 'month over in UTC: month-to-date is final',
      actuals: { monthToDateUsd: 105, beforeForecastUsd: 105 },
      period: undefined,
      forecast: undefined,
      expected: 105,
    },
  ])('$name', ({ actuals, period, forecast, expected }) => {
    expect(monthEndForecastUsd(actuals, period, forecast)).toBe(expected);
  });
});

describe('newThresholds', () => {
  const b = budget();
  const state = (month: string, reported: Record<string, string[]>): ReportedState => ({ month, reported });
  const other = settingsWith({ budgets: [{ name: 'other', monthlyLimitUsd: 10 }] }).finops.budgets[0];

  test.each([
    {
      name: 'first run of the month: everything crossed is new',
      previous: undefined,
      statuses: [evaluateBudget(b, 170, 210)],
      alerts: [['all', ['a80', 'f100']]],
      reported: { all: ['a80', 'f100'] },
      changed: true,
    },
    {
      name: 'nothing changed: no alert, nothing to save',
      previous: state('2026-03', { all: ['a80', 'f100'] }),
      statuses: [evaluateBudget(b, 180, 230)],
      alerts: [],
      reported: { all: ['a80', 'f100'] },
      changed: false,
    },
    {
      name: 'a further threshold: only it is new',
      previous: state('2026-03', { all: ['a80', 'f100'] }),
      statuses: [evaluateBudget(b, 201, 260)],
      alerts: [['all', ['a100']]],
      reported: { all: ['a100', 'a80', 'f100'] },
      changed: true,
    },
    {
      name: 'a forecast that drops back below stays reported (no repeated digest when it comes back)',
      previous: state('2026-03', { all: ['a80', 'f100'] }),
      statuses: [evaluateBudget(b, 170, 190)],
      alerts: [],
      reported: { all: ['a80', 'f100'] },
      changed: false,
    },
    {
      name: 'a new month starts from nothing',
      previous: state('2026-02', { all: ['a80', 'a100', 'f100'] }),
      statuses: [evaluateBudget(b, 0, 250)],
      alerts: [['all', ['f100']]],
      reported: { all: ['f100'] },
      changed: true,
    },
    {
      name: 'budgets removed from the config are dropped from the state',
      previous: state('2026-03', { gone: ['a80'] }),
      statuses: [evaluateBudget(other, 1, 2)],
      alerts: [],
      reported: {},
      changed: true,
    },
  ])('$name', ({ previous, statuses, alerts, reported, changed }) => {
    const decision = newThresholds(statuses, previous, '2026-03');
    expect(decision.alerts.map((a) => [a.status.budget.name, a.thresholds.map(thresholdId)])).toEqual(alerts);
    expect(JSON.parse(serializeReportedState(decision.state))).toEqual({
      month: '2026-03',
      reported: Object.fromEntries(Object.entries(reported).map(([k, v]) => [k, [...v].sort()])),
    });
    expect(decision.changed).toBe(changed);
  });
});

describe('reported state', () => {
  test('serializes compactly with a stable order', () => {
    expect(serializeReportedState({ month: '2026-03', reported: { b: ['f100', 'a80'], a: ['a100'] } })).toBe(
      '{"month":"2026-03","reported":{"a":["a100"],"b":["a80","f100"]}}',
    );
  });

  test.each([
    [undefined, undefined],
    ['', undefined],
    ['{}', undefined],
  ])('no state yet: %j', (text, problem) => {
    expect(parseReportedState(text)).toEqual({ state: undefined, ...(problem ? { problem } : {}) });
  });

  test.each([
    ['not json', /does not hold JSON/],
    ['[]', /does not hold \{"month"/],
    ['{"month":"2026-13","reported":{}}', /does not hold/],
    ['{"month":"2026-03","reported":{"a":[1]}}', /does not hold/],
  ])('unreadable state %j is ignored with a reason', (text, problem) => {
    const parsed = parseReportedState(text);
    expect(parsed.state).toBeUndefined();
    expect(parsed.problem).toMatch(problem);
  });

  test('round trip', () => {
    const state = { month: '2028-02', reported: { all: ['a80'] } };
    expect(parseReportedState(serializeReportedState(state)).state).toEqual(state);
  });
});

describe("forecasts reused within the client's day", () => {
  const query = (id: string): ForecastQuery => ({
    id,
    request: { TimePeriod: { Start: '2026-03-15', End: '2026-04-01' }, Granularity: 'MONTHLY', Metric: 'UNBLENDED_COST' },
  });
  const total = query('["UNBLENDED_COST",null]');
  const tag = query('["UNBLENDED_COST",{"Tags":{"Key":"team","Values":["data"],"MatchOptions":["EQUALS"]}}]');
  const amortized = query('["AMORTIZED_COST",null]');
  const window = { localToday: '2026-03-15', forecast: { start: '2026-03-15' } };
  const cache = (date: string, from: string, amounts: Record<string, number | null>): ForecastCache => ({ date, from, amounts });
  const both = cache('2026-03-15', '2026-03-15', { [forecastKey(total.id)]: 600, [forecastKey(tag.id)]: null });

  test.each([
    { name: 'no cache: everything requested', cached: undefined, at: window, reused: {}, requested: [total, tag] },
    {
      name: 'same day and period: nothing requested, "no forecast" kept',
      cached: both,
      at: window,
      reused: { [total.id]: 600, [tag.id]: undefined },
      requested: [],
    },
    {
      name: 'the next local day: everything requested',
      cached: both,
      at: { localToday: '2026-03-16', forecast: { start: '2026-03-16' } },
      reused: {},
      requested: [total, tag],
    },
    {
      name: 'same local day, other forecast period (after local midnight, before UTC midnight)',
      cached: cache('2026-03-16', '2026-03-15', both.amounts),
      at: { localToday: '2026-03-16', forecast: { start: '2026-03-16' } },
      reused: {},
      requested: [total, tag],
    },
    {
      name: 'a scope added since: only it requested',
      cached: cache('2026-03-15', '2026-03-15', { [forecastKey(total.id)]: 600 }),
      at: window,
      reused: { [total.id]: 600 },
      requested: [tag],
    },
  ])('$name', ({ cached, at, reused, requested }) => {
    const decision = reuseForecasts([total, tag], cached, at);
    expect(Object.fromEntries(decision.reused)).toEqual(reused);
    expect(decision.toRequest).toEqual(requested);
  });

  test('keys are compact and tell scope and metric apart', () => {
    const keys = [total, tag, amortized].map((q) => forecastKey(q.id));
    expect(new Set(keys).size).toBe(3);
    expect(keys.every((key) => /^[0-9a-z]{1,11}$/.test(key))).toBe(true);
    expect(forecastKey(total.id)).toBe(forecastKey('["UNBLENDED_COST",null]'));
  });

  test("the cache to save holds this run's forecasts only, dated; none without a forecast period", () => {
    const amounts = new Map([
      [total.id, 600],
      [tag.id, undefined],
    ]);
    expect(forecastCacheOf([total, tag], amounts, window)).toEqual(
      cache('2026-03-15', '2026-03-15', { [forecastKey(total.id)]: 600, [forecastKey(tag.id)]: null }),
    );
    expect(forecastCacheOf([], new Map(), { localToday: '2026-03-31' })).toBeUndefined();
  });

  test.each([
    {
      name: 'same reported thresholds and same cache: nothing to save',
      previous: { month: '2026-03', reported: {}, forecasts: both },
      next: both,
      changed: false,
    },
    {
      name: "a new day's cache: saved",
      previous: { month: '2026-03', reported: {}, forecasts: both },
      next: cache('2026-03-16', '2026-03-16', both.amounts),
      changed: true,
    },
    { name: 'an old state without a cache: saved', previous: { month: '2026-03', reported: {} }, next: both, changed: true },
    {
      name: 'the cache dropped (month over in UTC): saved',
      previous: { month: '2026-03', reported: {}, forecasts: both },
      next: undefined,
      changed: true,
    },
  ])('newThresholds: $name', ({ previous, next, changed }) => {
    const decision = newThresholds([], previous, '2026-03', next);
    expect(decision.changed).toBe(changed);
    expect(decision.state.forecasts).toEqual(next);
  });

  test('state round trip with the cache, stable order, and an old state still parses', () => {
    const state: ReportedState = {
      month: '2026-03',
      reported: { all: ['a80'] },
      forecasts: cache('2026-03-15', '2026-03-15', { b: null, a: 12.345678901234 }),
    };
    const text = serializeReportedState(state);
    expect(text).toBe(
      '{"month":"2026-03","reported":{"all":["a80"]},"forecasts":{"date":"2026-03-15","from":"2026-03-15","amounts":{"a":12.345678901234,"b":null}}}',
    );
    expect(parseReportedState(text)).toEqual({ state });
    expect(parseReportedState('{"month":"2026-03","reported":{"all":["a80"]}}')).toEqual({
      state: { month: '2026-03', reported: { all: ['a80'] } },
    });
  });

  test.each([
    ['{"month":"2026-03","reported":{"all":["a80"]},"forecasts":[]}'],
    ['{"month":"2026-03","reported":{"all":["a80"]},"forecasts":{"date":"15.3.2026","from":"2026-03-15","amounts":{}}}'],
    ['{"month":"2026-03","reported":{"all":["a80"]},"forecasts":{"date":"2026-03-15","from":"2026-03-15","amounts":{"a":"1"}}}'],
  ])('a malformed cache %j is dropped with a reason, the reported thresholds kept', (text) => {
    expect(parseReportedState(text)).toEqual({
      state: { month: '2026-03', reported: { all: ['a80'] } },
      problem: expect.stringMatching(/forecast cache .* malformed/),
    });
  });
});
