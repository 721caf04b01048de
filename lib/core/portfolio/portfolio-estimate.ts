import type { ConsultantConfig } from '../config/consultant-schema';
import { LANDING_ZONE_PRICES, type UsdRange } from '../finops/landing-zone-estimate';
import type { WatchedClient } from './watched-metrics';

/**
 * What the consultant's portfolio costs per month in the consultant's account: CloudWatch bills
 * an alarm per metric it watches (a metric-math alarm over five metrics is five alarm metrics),
 * a KMS key encrypts the alert topic of each region with alarms, the dashboard is one of the
 * account's three free dashboards. Sharing metrics through cross-account observability costs
 * neither side anything (only logs and traces copied across would). Pure.
 */
export interface PortfolioEstimate {
  /** Alarm metrics per region. */
  readonly alarmMetrics: ReadonlyMap<string, number>;
  readonly keys: number;
  readonly monthlyUsd: UsdRange;
}

/** The alarm metrics of one client in one region (the same rules as `PortfolioAlarms`). */
export function alarmMetricsOf(client: WatchedClient, region: string): number {
  let metrics = 0;
  if (client.finops?.region === region) metrics += client.finops.budgets.length + 1; // budget forecast MAX, collector
  metrics += client.findings.filter((source) => source.region === region).length * 3; // three finding counts per account
  metrics += client.backups.filter((source) => source.region === region).length; // failed jobs per vault
  return metrics;
}

export function estimatePortfolioCost(consultant: ConsultantConfig, clients: readonly WatchedClient[]): PortfolioEstimate {
  const alarmMetrics = new Map<string, number>();
  for (const region of consultant.consultant.regions) {
    alarmMetrics.set(
      region,
      clients.reduce((sum, client) => sum + alarmMetricsOf(client, region), 0),
    );
  }
  const keys = [...alarmMetrics.values()].filter((count) => count > 0).length;
  const metrics = [...alarmMetrics.values()].reduce((sum, count) => sum + count, 0);
  // The dashboard: free as one of the account's first three; USD 3 when the account has three already.
  const base = keys * LANDING_ZONE_PRICES.kmsKeyMonthUsd + metrics * LANDING_ZONE_PRICES.alarmMonthUsd;
  return { alarmMetrics, keys, monthlyUsd: { low: base, typical: base, high: base + LANDING_ZONE_PRICES.dashboardMonthUsd } };
}
