import { addressCount, formatIpv4Cidr, parseIpv4Cidr, vpcRangeProblem } from '../rules/subnet-plan';

/**
 * Which IPv4 range each account's VPC gets: one rule, used by the config validation and by the
 * network stack, so that what is checked is what is deployed.
 *
 * An account named in `network.cidrByAccount` gets that range. The accounts without an entry take
 * consecutive blocks of the size of `network.cidr`, in the order of `accounts`: the first
 * `network.cidr` itself, the second the block after it, and so on (10.20.0.0/16, 10.21.0.0/16, ...).
 * So two accounts never share a range unless someone writes it, a single account keeps
 * `network.cidr`, and adding an account at the end of the list changes no other account's range.
 */

/** The range of one account's VPC and where it comes from. */
export interface AccountVpcRange {
  /** The account's name. */
  readonly account: string;
  /** The range, e.g. `10.21.0.0/16`. */
  readonly cidr: string;
  /** `explicit`: from `network.cidrByAccount`; `derived`: the next block after `network.cidr`. */
  readonly source: 'explicit' | 'derived';
}

/**
 * The VPC range of every named account, in account order. A derived range may be invalid (past the
 * end of a private range): callers check each with {@link vpcRangeProblem}.
 *
 * @param network the `network` section (`cidr` and `cidrByAccount`)
 * @param accountNames the names of `accounts`, in order
 * @throws Error when `network.cidr` itself is not a CIDR block (the schema reports that first)
 */
export function accountVpcRanges(
  network: { readonly cidr: string; readonly cidrByAccount?: Readonly<Record<string, string>> },
  accountNames: readonly string[],
): AccountVpcRange[] {
  const base = parseIpv4Cidr(network.cidr);
  const blockSize = addressCount(base.prefix);
  let derived = 0;
  return accountNames.map((account) => {
    const explicit = network.cidrByAccount?.[account];
    if (explicit !== undefined) return { account, cidr: explicit, source: 'explicit' as const };
    const network32 = base.network + derived++ * blockSize;
    // Past 255.255.255.255: say so in the range's own terms rather than wrap around to 0.0.0.0.
    const cidr =
      network32 > 0xffffffff
        ? `beyond 255.255.255.255 (block ${derived} after ${network.cidr})`
        : formatIpv4Cidr({ network: network32, prefix: base.prefix });
    return { account, cidr, source: 'derived' as const };
  });
}

/**
 * The first block of the size of `network.cidr`, counted from it, that is a valid VPC range and
 * overlaps none of `taken`: what to suggest when an account's range collides with another's.
 */
export function freeVpcRange(networkCidr: string, taken: readonly string[]): string | undefined {
  const base = parseIpv4Cidr(networkCidr);
  const blockSize = addressCount(base.prefix);
  const takenBlocks = taken.flatMap((cidr) => (vpcRangeProblem(cidr) ? [] : [parseIpv4Cidr(cidr)]));
  // A few hundred blocks reach past any account count; invalid blocks (the range AWS reserves,
  // the end of a private range) are skipped.
  for (let k = 0; k < 256; k++) {
    const start = base.network + k * blockSize;
    if (start + blockSize - 1 > 0xffffffff) return undefined;
    const candidate = formatIpv4Cidr({ network: start, prefix: base.prefix });
    if (vpcRangeProblem(candidate)) continue;
    const end = start + blockSize - 1;
    if (!takenBlocks.some((t) => start <= t.network + addressCount(t.prefix) - 1 && t.network <= end)) return candidate;
  }
  return undefined;
}
