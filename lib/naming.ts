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
export type Layer = 'Foundation' | 'Security' | 'Backup' | 'Network' | 'FinOps';

/**
 * Stack name of a layer in one account: `<Client>-<Account>-<Layer>`, e.g.
 * `Example-Production-Foundation`.
 *
 * The account is always part of the name, even for single-account clients, so that adding a
 * second account never renames (and so replaces) the stacks that already exist. See
 * docs/decisions/002-stack-names.md.
 */
export function stackName(config: ClientConfig, account: AccountConfig, layer: Layer): string {
  return `${pascalCase(config.client.name)}-${pascalCase(account.name)}-${layer}`;
}
