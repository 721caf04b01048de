import type { ClientConfig } from '../config/schema';
import { accountSecurityParts, billingAccount, runsWorkloads } from '../organization/account-roles';

/**
 * Where the portfolio dashboard and alarms find an opted-in client's metrics: which account
 * and region publishes which signal. Pure, from the client file.
 */

/** An account and the region its landing zone metrics are published in (its home region). */
export interface MetricSource {
  readonly accountId: string;
  readonly region: string;
}

/** The signals of one client. */
export interface WatchedClient {
  readonly client: string;
  readonly displayName: string;
  /** Every account, for the legend and the sink policy. */
  readonly accounts: ReadonlyArray<MetricSource & { readonly name: string }>;
  /** The billing account's FinOps metrics, with the budgets (when the collector runs). */
  readonly finops?: MetricSource & { readonly budgets: readonly string[]; readonly wasteFinder: boolean };
  /** Where findings are counted (each standalone account; the security account of an organization). */
  readonly findings: readonly MetricSource[];
  /** The backup vaults (`<client>-backup` in each account with backups). */
  readonly backups: ReadonlyArray<MetricSource & { readonly vault: string }>;
  /** Accounts whose waste finder runs. */
  readonly wasteFinders: readonly MetricSource[];
}

/** The signals of an opted-in client (undefined when it does not share its metrics). */
export function watchedClient(config: ClientConfig): WatchedClient | undefined {
  if (!config.portfolio) return undefined;
  const source = (account: ClientConfig['accounts'][number]) => ({ accountId: account.id, region: account.homeRegion });
  const billing = billingAccount(config);
  const finops = config.finops;
  return {
    client: config.client.name,
    displayName: config.client.displayName,
    accounts: config.accounts.map((account) => ({ ...source(account), name: account.name })),
    finops:
      finops.enabled && finops.collector.enabled
        ? { ...source(billing), budgets: finops.budgets.map((budget) => budget.name), wasteFinder: finops.wasteFinder.enabled }
        : undefined,
    findings: config.accounts.filter((account) => accountSecurityParts(config, account).findingAlerts).map(source),
    backups: config.backup.enabled
      ? config.accounts
          .filter((account) => runsWorkloads(config, account))
          .map((account) => ({ ...source(account), vault: `${config.client.name}-backup` }))
      : [],
    wasteFinders: finops.enabled && finops.wasteFinder.enabled ? config.accounts.map(source) : [],
  };
}
