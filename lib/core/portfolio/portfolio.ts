import type { ClientConfig } from '../config/schema';
import type { ConfigProblem } from '../config/load';
import { estimateLandingZoneCost, type UsdRange } from '../finops/landing-zone-estimate';

/**
 * The consultant's portfolio: one row per client file, from the files alone (offline): accounts,
 * regions, which parts are on, budgets, configuration problems and what the client's landing
 * zone costs per month. `npm run portfolio` prints it and writes it as Markdown and HTML.
 *
 * Pure: no file access, no AWS call.
 */

/** One client as the portfolio shows it. */
export interface PortfolioRow {
  /** The client file's name (`clients/<name>.yaml`). */
  readonly client: string;
  /** The company name, or the file name when the file cannot be read. */
  readonly displayName: string;
  readonly accounts: readonly string[];
  readonly regions: readonly string[];
  /** The parts that are on, in a fixed order. */
  readonly parts: readonly string[];
  readonly budgets: number;
  /** Sum of the monthly limits of the budgets over the whole bill (`scope: total`). */
  readonly totalBudgetUsd: number;
  /** Every problem of the client file (the landing zone cannot be synthesized while there is one). */
  readonly problems: readonly string[];
  /** What the landing zone costs per month (undefined while the file has problems). */
  readonly monthlyCost?: UsdRange;
  /** Whether the client shares its metrics with the consultant's portfolio dashboard. */
  readonly sharesMetrics: boolean;
}

/** The fixed order of the parts in a row. */
export const PORTFOLIO_PARTS = ['organization', 'security', 'backup', 'network', 'finops', 'portfolio'] as const;

/** A client file, loaded or refused. */
export type LoadedClient =
  { readonly client: string; readonly config: ClientConfig } | { readonly client: string; readonly problems: readonly ConfigProblem[] };

/** The row of one client. */
export function portfolioRow(loaded: LoadedClient): PortfolioRow {
  if (!('config' in loaded)) {
    return {
      client: loaded.client,
      displayName: loaded.client,
      accounts: [],
      regions: [],
      parts: [],
      budgets: 0,
      totalBudgetUsd: 0,
      problems: loaded.problems.map((problem) => `${problem.path || '(file)'}: ${problem.message}`),
      sharesMetrics: false,
    };
  }
  const config = loaded.config;
  const on: Record<(typeof PORTFOLIO_PARTS)[number], boolean> = {
    organization: config.organization !== undefined,
    security: config.security.enabled,
    backup: config.backup.enabled,
    network: config.network.enabled,
    finops: config.finops.enabled,
    portfolio: config.portfolio !== undefined,
  };
  const budgets = config.finops.enabled ? config.finops.budgets : [];
  return {
    client: loaded.client,
    displayName: config.client.displayName,
    accounts: config.accounts.map((account) => account.name),
    regions: [...config.allowedRegions],
    parts: PORTFOLIO_PARTS.filter((part) => on[part]),
    budgets: budgets.length,
    totalBudgetUsd: budgets.filter((budget) => budget.scope.type === 'total').reduce((sum, budget) => sum + budget.monthlyLimitUsd, 0),
    problems: [],
    monthlyCost: estimateLandingZoneCost(config).total,
    sharesMetrics: on.portfolio,
  };
}

/** The rows of a portfolio, clients with problems first (they need attention), then by name. */
export function portfolioRows(clients: readonly LoadedClient[]): PortfolioRow[] {
  return clients
    .map(portfolioRow)
    .sort((a, b) => Number(b.problems.length > 0) - Number(a.problems.length > 0) || a.client.localeCompare(b.client));
}

/** The sum of the clients' monthly costs (the rows without problems). */
export function portfolioTotal(rows: readonly PortfolioRow[]): UsdRange {
  return rows.reduce(
    (sum, row) =>
      row.monthlyCost
        ? { low: sum.low + row.monthlyCost.low, typical: sum.typical + row.monthlyCost.typical, high: sum.high + row.monthlyCost.high }
        : sum,
    { low: 0, typical: 0, high: 0 },
  );
}

/** `12.30-45.00 (typ. 20.10)`: a monthly cost range in USD as every output prints it. */
export function formatRange(range: UsdRange): string {
  return `${range.low.toFixed(2)}-${range.high.toFixed(2)} (typ. ${range.typical.toFixed(2)})`;
}
