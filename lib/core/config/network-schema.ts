import * as z from 'zod/mini';
import { INTERFACE_ENDPOINT_NAMES } from '../rules/interface-endpoints';
import { closestKey, section, strictObject, text, uniqueItems } from './primitives';
import { type ClientFileView, type ReportIssue } from './cross-field';
import { cidrContains, parseIpv4Cidr, planSubnets, vpcRangeProblem } from '../rules/subnet-plan';
import { accountVpcRanges, type AccountVpcRange, freeVpcRange } from './network-ranges';

/**
 * The `network` section of a client file: the VPC every account gets when the network baseline
 * is on, with its monthly cost per egress option stated where the option is chosen.
 */

const mask = (what: string, dflt: number) =>
  z
    ._default(
      z.number({ error: 'must be a subnet mask from 16 to 28, or 0 for no such tier' }).check(
        z.int({ error: 'must be a whole number' }),
        z.refine((value) => value === 0 || (value >= 16 && value <= 28), {
          error: 'must be a subnet mask from 16 to 28, or 0 for no such tier',
        }),
      ),
      dflt,
    )
    .check(z.describe(`${what} Default: ${dflt === 0 ? '0 (none)' : `/${dflt}`}.`));

const cidr = text('an IPv4 CIDR such as 10.0.0.0/16').check(
  z.regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, {
    error: 'must be an IPv4 CIDR such as 10.0.0.0/16',
  }),
);

const endpointName = text('an interface endpoint service name such as ssm').check(
  z.refine((name) => INTERFACE_ENDPOINT_NAMES.includes(name), {
    error: (issue) => {
      const suggestion = typeof issue.input === 'string' ? closestKey(issue.input, INTERFACE_ENDPOINT_NAMES) : undefined;
      return `is not an interface endpoint service of aws-cdk-lib's InterfaceVpcEndpointAwsService${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; use the short name, e.g. ssm, ssmmessages, ec2messages, logs, ecr.api, ecr.dkr, secretsmanager, sts, kms`;
    },
  }),
);

/** The schema of the `network` section. */
export const networkSchema = section(
  false,
  'the network baseline (a VPC per account with flow logs, gateway endpoints and the chosen egress)',
  {
    cidr: z
      ._default(cidr, '10.0.0.0/16')
      .check(
        z.describe('IPv4 range of the VPCs: /16-/24 of 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10. Default: 10.0.0.0/16.'),
      ),
    cidrByAccount: z
      ._default(z.record(text('an account name'), cidr, { error: 'must map account names to CIDRs' }), {})
      .check(
        z.describe(
          'A different range per account (account name -> CIDR), so VPCs never overlap when they are connected later. Default: none.',
        ),
      ),
    zones: z
      ._default(
        z
          .array(z.enum(['a', 'b', 'c', 'd', 'e', 'f'], { error: 'must be a zone letter a-f' }), {
            error: 'must be a list of zone letters, e.g. [a, b]',
          })
          .check(
            z.minLength(2, { error: 'must list 2 or 3 zone letters' }),
            z.maxLength(3, { error: 'must list 2 or 3 zone letters (more zones cost more and add little for a small company)' }),
            uniqueItems('zone'),
          ),
        ['a', 'b'],
      )
      .check(
        z.describe(
          "Availability zones by letter in each account's home region (no AWS lookup at synth): 2 or 3. Check that the letters exist in the region. Default: [a, b].",
        ),
      ),
    subnets: z
      .prefault(
        strictObject({
          publicMask: mask('Mask of each public subnet (load balancers, NAT); 0 for none.', 24),
          privateMask: mask(
            'Mask of each private subnet (workloads with internet egress through NAT); 0 for none. Needs an egress other than none.',
            0,
          ),
          isolatedMask: mask('Mask of each isolated subnet (databases, workloads reaching AWS only through endpoints); 0 for none.', 22),
        }),
        {},
      )
      .check(z.describe('Subnet tiers: one subnet per tier and zone.')),
    egress: z
      ._default(
        z.enum(['none', 'nat-gateway', 'nat-gateway-per-az', 'nat-instance'], {
          error: 'must be none, nat-gateway, nat-gateway-per-az or nat-instance',
        }),
        'none',
      )
      .check(
        z.describe(
          'Internet egress of private subnets, with its monthly cost (eu-central-1): `none` (default, USD 0: isolated and public subnets only), `nat-instance` (a t4g.nano, about USD 10 + traffic is free, not highly available), `nat-gateway` (one, about USD 42 + 0.052 per GB), `nat-gateway-per-az` (one per zone, about USD 42 each + 0.052 per GB). Gateway endpoints for S3 and DynamoDB are always there (free).',
        ),
      ),
    interfaceEndpoints: z
      ._default(z.array(endpointName, { error: 'must be a list of endpoint service names' }).check(uniqueItems('endpoint')), [])
      .check(
        z.describe(
          'Interface endpoints (private DNS), e.g. [ssm, ssmmessages, ec2messages] for Session Manager without internet: about USD 8.76 per endpoint per zone per month + 0.01 per GB. Default: none.',
        ),
      ),
    defaultVpcs: z
      ._default(z.enum(['keep', 'remove'], { error: 'must be keep or remove' }), 'keep')
      .check(
        z.describe(
          'The default VPCs AWS creates in every region: `keep` (default) or `remove` them in every allowed region (a custom resource; it fails, deleting nothing, if anything still uses the VPC; `aws ec2 create-default-vpc` brings one back).',
        ),
      ),
  },
);

/** The validated `network` section. */
export type NetworkConfig = z.output<typeof networkSchema>;

/** Cross-field rules of the network section: the subnet layout of every account's VPC. */
export function checkNetworkRules(config: ClientFileView & { readonly network?: NetworkConfig }, report: ReportIssue): void {
  const network = config.network;
  if (typeof network !== 'object' || network === null || network.enabled !== true) return;
  const issue = (path: (string | number)[], input: unknown, message: string) => report(['network', ...path], input, message);
  const security = config.security;
  const hasLogArchive = security?.enabled !== false && (security?.cloudTrail?.enabled !== false || security?.config?.enabled !== false);
  if (!hasLogArchive) {
    issue(
      ['enabled'],
      true,
      'needs the log archive (security.cloudTrail or security.config on): VPC flow logs (CIS 3.7) are delivered there',
    );
  }
  const subnets = network.subnets ?? {};
  if (network.egress === 'none' && (subnets.privateMask ?? 0) > 0) {
    issue(
      ['subnets', 'privateMask'],
      subnets.privateMask,
      'must be 0 with egress none: private subnets exist to reach the internet through NAT; use isolated subnets, or choose an egress',
    );
  }
  if (network.egress !== 'none' && network.egress !== undefined && ((subnets.privateMask ?? 0) === 0 || (subnets.publicMask ?? 0) === 0)) {
    issue(
      ['egress'],
      network.egress,
      'needs both public subnets (for the NAT) and private subnets (that use it): set subnets.publicMask and subnets.privateMask',
    );
  }
  const accounts = (Array.isArray(config.accounts) ? config.accounts : []).filter(
    (a) => typeof a?.name === 'string' && typeof a.homeRegion === 'string',
  );
  const accountNames = accounts.map((a) => a.name);
  const cidrByAccount: Record<string, unknown> =
    typeof network.cidrByAccount === 'object' && network.cidrByAccount !== null ? network.cidrByAccount : {};
  for (const [name, range] of Object.entries(cidrByAccount)) {
    if (!accountNames.includes(name))
      issue(['cidrByAccount', name], range, `must be keyed by the name of one of the accounts: ${accountNames.join(', ')}`);
  }
  const explicit = Object.fromEntries(
    Object.entries(cidrByAccount).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
  const baseProblem = typeof network.cidr === 'string' ? vpcRangeProblem(network.cidr) : 'is required';
  const needsBase = accountNames.some((name) => explicit[name] === undefined);
  if (baseProblem && needsBase) issue(['cidr'], network.cidr, baseProblem);
  const ranges = baseProblem
    ? accountNames
        .filter((name) => explicit[name] !== undefined)
        .map((account) => ({ account, cidr: explicit[account], source: 'explicit' as const }))
    : accountVpcRanges({ cidr: network.cidr as string, cidrByAccount: explicit }, accountNames);

  const valid: Array<AccountVpcRange & { parsed: ReturnType<typeof parseIpv4Cidr> }> = [];
  for (const range of ranges) {
    const homeRegion = accounts.find((a) => a.name === range.account)!.homeRegion;
    const problem = vpcRangeProblem(range.cidr);
    if (problem && range.source === 'derived') {
      issue(
        ['cidrByAccount', range.account],
        undefined,
        `is missing: account ${range.account} would get ${range.cidr}, the next block after network.cidr, which ${problem}; add network.cidrByAccount.${range.account} with a range of its own`,
      );
      continue;
    }
    const path = range.source === 'explicit' ? ['cidrByAccount', range.account] : ['cidr'];
    if (problem) {
      issue(path, range.cidr, `${problem} (account ${range.account})`);
      continue;
    }
    try {
      valid.push({ ...range, parsed: parseIpv4Cidr(range.cidr) });
      planSubnets(
        range.cidr,
        (network.zones ?? []).map((letter) => `${homeRegion}${letter}`),
        {
          public: subnets.publicMask || undefined,
          private: subnets.privateMask || undefined,
          isolated: subnets.isolatedMask || undefined,
        },
      );
    } catch (error) {
      issue(path, range.cidr, `${(error as Error).message} (account ${range.account})`);
    }
  }
  for (let i = 0; i < valid.length; i++) {
    for (let j = i + 1; j < valid.length; j++) {
      const [first, second] = [valid[i], valid[j]];
      if (!cidrContains(first.parsed, second.parsed) && !cidrContains(second.parsed, first.parsed)) continue;
      const free =
        typeof network.cidr === 'string' && !baseProblem
          ? freeVpcRange(
              network.cidr,
              valid.map((r) => r.cidr),
            )
          : undefined;
      const suggestion = free
        ? `network.cidrByAccount.${second.account}: ${free}`
        : `network.cidrByAccount.${second.account} with a range of its own`;
      if (second.source === 'explicit') {
        issue(
          ['cidrByAccount', second.account],
          second.cidr,
          `overlaps the VPC range of account ${first.account} (${first.cidr}): give each account its own range so the VPCs can be connected later, e.g. ${suggestion}`,
        );
      } else {
        issue(
          ['cidrByAccount', second.account],
          undefined,
          `is missing: account ${second.account} gets ${second.cidr} (the next block after network.cidr), which overlaps the VPC range of account ${first.account} (${first.cidr}); add ${suggestion}`,
        );
      }
    }
  }
}
