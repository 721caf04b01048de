import {
  DataUnavailableException,
  InvalidNextTokenException,
  RequestChangedException,
  type GetCostAndUsageCommandInput,
  type GetCostAndUsageCommandOutput,
  type GetCostForecastCommandInput,
  type GetCostForecastCommandOutput,
  type Expression,
  type Group,
  type ResultByTime,
} from '@aws-sdk/client-cost-explorer';

/**
 * A small Cost Explorer simulator for tests and the benchmark: it answers GetCostAndUsage from a
 * bill (filters, up to two groupings, DAILY or MONTHLY, both cost metrics), splits answers into
 * pages of a fixed number of groups (a day may straddle two pages, as in the real service),
 * and, like the real service, rejects a follow-up page whose parameters changed.
 */

/** One line of a bill: the cost of one service in one account on one (UTC) day. */
export interface BillItem {
  date: string;
  service: string;
  account: string;
  unblended: number;
  amortized: number;
  /** Cost-allocation tags of the line. */
  tags: Record<string, string>;
  /** Cost category values of the line. */
  categories: Record<string, string>;
}

/** A bill: visits every line (a reused object is fine). */
export interface Bill {
  forEach(visit: (item: Readonly<BillItem>) => void): void;
}

/** A bill from a list of lines (defaults: account 111111111111, no tags, amortized = unblended). */
export function listBill(items: readonly (Partial<BillItem> & { date: string; service: string; unblended: number })[]): Bill {
  const lines: BillItem[] = items.map((item) => ({
    account: '111111111111',
    tags: {},
    categories: {},
    amortized: item.unblended,
    ...item,
  }));
  return { forEach: (visit) => lines.forEach(visit) };
}

/** Options of the simulator. */
export interface FakeCostExplorerOptions {
  /** Groups per page (the real page size is not documented). Default: 500. */
  readonly groupsPerPage?: number;
  /** Forecast total for a request, or undefined for "not enough history". Default: none. */
  readonly forecast?: (input: GetCostForecastCommandInput) => number | undefined;
}

const MAX_GROUPS = 2;

/** The filter as a predicate (compiled once per request: the benchmark bill has millions of lines). */
function compileFilter(filter: Expression | undefined): (item: BillItem) => boolean {
  if (!filter) return () => true;
  if (filter.Dimensions) {
    const values = new Set(filter.Dimensions.Values ?? []);
    if (filter.Dimensions.Key === 'SERVICE') return (item) => values.has(item.service);
    if (filter.Dimensions.Key === 'LINKED_ACCOUNT') return (item) => values.has(item.account);
    throw new Error(`fake Cost Explorer: unsupported dimension ${filter.Dimensions.Key}`);
  }
  if (filter.Tags) {
    const key = filter.Tags.Key!;
    const values = new Set(filter.Tags.Values ?? []);
    if (filter.Tags.MatchOptions?.includes('ABSENT')) return (item) => !item.tags[key];
    return (item) => values.has(item.tags[key]);
  }
  if (filter.CostCategories) {
    const key = filter.CostCategories.Key!;
    const values = new Set(filter.CostCategories.Values ?? []);
    return (item) => values.has(item.categories[key]);
  }
  throw new Error(`fake Cost Explorer: unsupported filter ${JSON.stringify(filter)}`);
}

/** A grouping as a key function; tag and cost category keys come back as `key$value`, like the service's. */
function compileGroupKey(definition: { Type?: string; Key?: string } | undefined): (item: BillItem) => string {
  if (!definition) return () => '';
  const key = definition.Key!;
  const prefixed = new Map<string, string>();
  const withPrefix = (value: string | undefined) => {
    const v = value ?? '';
    let result = prefixed.get(v);
    if (result === undefined) prefixed.set(v, (result = `${key}$${v}`));
    return result;
  };
  switch (definition.Type) {
    case 'DIMENSION':
      if (key === 'SERVICE') return (item) => item.service;
      if (key === 'LINKED_ACCOUNT') return (item) => item.account;
      break;
    case 'TAG':
      return (item) => withPrefix(item.tags[key]);
    case 'COST_CATEGORY':
      return (item) => withPrefix(item.categories[key]);
  }
  throw new Error(`fake Cost Explorer: unsupported grouping ${JSON.stringify(definition)}`);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The simulator; wire it with `ceMock.on(Command).callsFake(fake.getCostAndUsage)`. */
export class FakeCostExplorer {
  /** Every GetCostAndUsage input received, in order. */
  readonly costAndUsageCalls: GetCostAndUsageCommandInput[] = [];
  /** Every GetCostForecast input received, in order. */
  readonly forecastCalls: GetCostForecastCommandInput[] = [];
  /** CPU time (microseconds) the simulator itself spent, so a benchmark can subtract it. */
  cpuMicros = 0;
  private readonly answers = new Map<string, GetCostAndUsageCommandOutput[]>();
  private readonly groupsPerPage: number;

  constructor(
    private readonly bill: Bill,
    private readonly options: FakeCostExplorerOptions = {},
  ) {
    this.groupsPerPage = options.groupsPerPage ?? 500;
  }

  /** GetCostAndUsage. */
  readonly getCostAndUsage = (input: GetCostAndUsageCommandInput): GetCostAndUsageCommandOutput => {
    const started = process.cpuUsage();
    try {
      this.costAndUsageCalls.push(structuredClone(input));
      const { NextPageToken, ...request } = input;
      const key = JSON.stringify(request);
      if (NextPageToken === undefined) {
        this.answers.set(key, this.paginate(this.answer(request), key));
        return this.answers.get(key)![0];
      }
      const match = /^page-(\d+)-of-(.*)$/s.exec(NextPageToken);
      if (!match) throw new InvalidNextTokenException({ message: 'Invalid next token', $metadata: {} });
      if (match[2] !== key) throw new RequestChangedException({ message: 'The request changed between pages', $metadata: {} });
      const page = this.answers.get(key)?.[Number(match[1])];
      if (!page) throw new InvalidNextTokenException({ message: 'Invalid next token', $metadata: {} });
      return page;
    } finally {
      const used = process.cpuUsage(started);
      this.cpuMicros += used.user + used.system;
    }
  };

  /**
   * Pages a client strictly needs: every page of every distinct query asked so far (a query must
   * be read to its last page), each read once.
   */
  pagesNeeded(): number {
    return [...this.answers.values()].reduce((sum, pages) => sum + pages.length, 0);
  }

  /** GetCostForecast: the configured amount, or DataUnavailableException ("not enough history"). */
  readonly getCostForecast = (input: GetCostForecastCommandInput): GetCostForecastCommandOutput => {
    this.forecastCalls.push(structuredClone(input));
    const amount = this.options.forecast?.(input);
    if (amount === undefined) throw new DataUnavailableException({ message: 'Insufficient amount of historical data', $metadata: {} });
    return { Total: { Amount: String(amount), Unit: 'USD' }, $metadata: {} };
  };

  private answer(request: Omit<GetCostAndUsageCommandInput, 'NextPageToken'>): ResultByTime[] {
    const { Start, End } = request.TimePeriod!;
    const groupBy = request.GroupBy ?? [];
    if (groupBy.length > MAX_GROUPS) throw new Error('fake Cost Explorer: at most 2 GroupBy entries');
    const metrics = request.Metrics ?? [];
    const monthly = request.Granularity === 'MONTHLY';
    const nextMonth = (date: string) => addDays(`${date.slice(0, 7)}-01`, 32).slice(0, 8) + '01';
    const periodOf = (date: string) => (monthly ? [`${date.slice(0, 7)}-01`, Start!].sort()[1] : date);
    type Cell = { keys: string[]; unblended: number; amortized: number };
    const periods = new Map<string, Map<string, Map<string, Cell>>>();
    for (let date = Start!; date < End!; date = monthly ? nextMonth(date) : addDays(date, 1)) periods.set(periodOf(date), new Map());
    const included = compileFilter(request.Filter);
    const [first, second] = [compileGroupKey(groupBy[0]), compileGroupKey(groupBy[1])];
    let lastDate = '';
    let lastPeriod: Map<string, Map<string, Cell>> | undefined;
    this.bill.forEach((item) => {
      if (item.date < Start! || item.date >= End! || !included(item)) return;
      if (item.date !== lastDate) {
        lastDate = item.date;
        lastPeriod = periods.get(periodOf(item.date))!;
      }
      const a = first(item);
      const b = second(item);
      let inner = lastPeriod!.get(a);
      if (!inner) lastPeriod!.set(a, (inner = new Map()));
      let cell = inner.get(b);
      if (!cell)
        inner.set(b, (cell = { keys: groupBy.length === 2 ? [a, b] : groupBy.length === 1 ? [a] : [], unblended: 0, amortized: 0 }));
      cell.unblended += item.unblended;
      cell.amortized += item.amortized;
    });
    return [...periods.entries()].map(([start, nested]) => {
      const groups = [...nested.values()].flatMap((inner) => [...inner.values()]);
      const end = monthly ? [nextMonth(start), End!].sort()[0] : addDays(start, 1);
      const amounts = (group: { unblended: number; amortized: number }) =>
        Object.fromEntries(
          metrics.map((metric) => [
            metric,
            { Amount: String(metric === 'AmortizedCost' ? group.amortized : group.unblended), Unit: 'USD' },
          ]),
        );
      if (groupBy.length === 0) {
        const total = groups.reduce((sum, g) => ({ unblended: sum.unblended + g.unblended, amortized: sum.amortized + g.amortized }), {
          unblended: 0,
          amortized: 0,
        });
        return { TimePeriod: { Start: start, End: end }, Total: amounts(total), Groups: [], Estimated: true };
      }
      const resultGroups: Group[] = groups.map((group) => ({ Keys: group.keys, Metrics: amounts(group) }));
      return { TimePeriod: { Start: start, End: end }, Total: {}, Groups: resultGroups, Estimated: true };
    });
  }

  private paginate(results: ResultByTime[], key: string): GetCostAndUsageCommandOutput[] {
    const pages: ResultByTime[][] = [[]];
    let room = this.groupsPerPage;
    for (const result of results) {
      let groups = result.Groups ?? [];
      if (groups.length === 0) {
        pages[pages.length - 1].push(result);
        continue;
      }
      while (groups.length > 0) {
        if (room === 0) {
          pages.push([]);
          room = this.groupsPerPage;
        }
        const taken = groups.slice(0, room);
        groups = groups.slice(room);
        room -= taken.length;
        pages[pages.length - 1].push({ ...result, Groups: taken });
      }
    }
    return pages.map((page, index) => ({
      ResultsByTime: page,
      NextPageToken: index + 1 < pages.length ? `page-${index + 1}-of-${key}` : undefined,
      $metadata: {},
    }));
  }
}
