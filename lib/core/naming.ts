import { AccountConfig, ClientConfig } from './config/schema';

/** `acme-corp` -> `AcmeCorp`: the form used in stack names. */
export function pascalCase(slug: string): string {
  return slug
    .split('-')
    .filter((part) => part.length > 0)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

/** The layers of a client landing zone; each is one stack per account. */
export type Layer = 'Foundation' | 'Security' | 'Backup' | 'Network' | 'FinOps' | 'Dashboards';

/** `eu-central-1` -> `EuCentral1`: the region suffix of regional stacks. */
export function regionSuffix(region: string): string {
  return pascalCase(region);
}

/** The start of the names of every stack of an account: `<Client>-<Account>-`. */
export function accountStackPrefix(config: ClientConfig, account: AccountConfig): string {
  return `${pascalCase(config.client.name)}-${pascalCase(account.name)}-`;
}

/**
 * Stack name of a layer in one account: `<Client>-<Account>-<Layer>`, e.g.
 * `Example-Production-Foundation`; a layer's stack in another region than the account's home
 * region gets the region as suffix: `Example-Production-Security-EuWest1`.
 *
 * The account is always part of the name, even for single-account clients, so that adding a
 * second account never renames (and so replaces) the stacks that already exist. See
 * docs/decisions/002-stack-names.md.
 */
export function stackName(config: ClientConfig, account: AccountConfig, layer: Layer, region?: string): string {
  const base = `${accountStackPrefix(config, account)}${layer}`;
  return region === undefined ? base : `${base}-${regionSuffix(region)}`;
}

/**
 * Name of the log archive bucket of an account. Deterministic, because stacks in the account's
 * other regions deliver AWS Config snapshots to it by name; the account id and region make it
 * globally unique, and it fits the 63-character limit for every region code.
 */
export function logArchiveBucketName(account: AccountConfig): string {
  return `lz-logs-${account.id}-${account.homeRegion}`;
}

/** Name of the bucket that receives the log archive's S3 server access logs. */
export function accessLogsBucketName(account: AccountConfig): string {
  return `lz-access-logs-${account.id}-${account.homeRegion}`;
}

/**
 * Name of an account's FinOps alert topic (home region). Deterministic, because AWS Budgets and
 * Cost Anomaly Detection, created in the us-east-1 stack, name it in their subscriptions: a
 * CloudFormation reference cannot cross regions. Topic names are unique per account and region,
 * and each account has one foundation stack, so the client name alone is enough.
 */
export function finopsAlertTopicName(config: ClientConfig): string {
  return `${config.client.name}-finops-alerts`;
}

/** Name of an account's operations dashboard (home region): `<Client>-<Account>-Operations`. */
export function operationsDashboardName(config: ClientConfig, account: AccountConfig): string {
  return `${accountStackPrefix(config, account)}Operations`;
}

/** Console link to an account's operations dashboard, where the alert runbooks can be read. */
export function operationsDashboardUrl(config: ClientConfig, account: AccountConfig): string {
  return `https://console.aws.amazon.com/cloudwatch/home?region=${account.homeRegion}#dashboards/dashboard/${operationsDashboardName(config, account)}`;
}
