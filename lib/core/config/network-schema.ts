import { z } from 'zod';
import { INTERFACE_ENDPOINT_NAMES } from '../rules/interface-endpoints';
import { closestKey, section, strictObject, text, uniqueItems } from './primitives';

/**
 * The `network` section of a client file: the VPC every account gets when the network baseline
 * is on, with its monthly cost per egress option stated where the option is chosen.
 */

const mask = (what: string, dflt: number) =>
  z
    .number({ error: 'must be a subnet mask from 16 to 28, or 0 for no such tier' })
    .int({ error: 'must be a whole number' })
    .refine((value) => value === 0 || (value >= 16 && value <= 28), { error: 'must be a subnet mask from 16 to 28, or 0 for no such tier' })
    .default(dflt)
    .describe(`${what} Default: ${dflt === 0 ? '0 (none)' : `/${dflt}`}.`);

const cidr = text('an IPv4 CIDR such as 10.0.0.0/16').regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, {
  error: 'must be an IPv4 CIDR such as 10.0.0.0/16',
});

const endpointName = text('an interface endpoint service name such as ssm').refine((name) => INTERFACE_ENDPOINT_NAMES.includes(name), {
  error: (issue) => {
    const suggestion = typeof issue.input === 'string' ? closestKey(issue.input, INTERFACE_ENDPOINT_NAMES) : undefined;
    return `is not an interface endpoint service of aws-cdk-lib's InterfaceVpcEndpointAwsService${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; use the short name, e.g. ssm, ssmmessages, ec2messages, logs, ecr.api, ecr.dkr, secretsmanager, sts, kms`;
  },
});

/** The schema of the `network` section. */
export const networkSchema = section(
  false,
  'the network baseline (a VPC per account with flow logs, gateway endpoints and the chosen egress)',
  {
    cidr: cidr
      .default('10.0.0.0/16')
      .describe('IPv4 range of the VPCs: /16-/24 of 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or 100.64.0.0/10. Default: 10.0.0.0/16.'),
    cidrByAccount: z
      .record(text('an account name'), cidr, { error: 'must map account names to CIDRs' })
      .default({})
      .describe(
        'A different range per account (account name -> CIDR), so VPCs never overlap when they are connected later. Default: none.',
      ),
    zones: z
      .array(z.enum(['a', 'b', 'c', 'd', 'e', 'f'], { error: 'must be a zone letter a-f' }), {
        error: 'must be a list of zone letters, e.g. [a, b]',
      })
      .min(2, { error: 'must list 2 or 3 zone letters' })
      .max(3, { error: 'must list 2 or 3 zone letters (more zones cost more and add little for a small company)' })
      .superRefine(...uniqueItems('zone'))
      .default(['a', 'b'])
      .describe(
        "Availability zones by letter in each account's home region (no AWS lookup at synth): 2 or 3. Check that the letters exist in the region. Default: [a, b].",
      ),
    subnets: strictObject({
      publicMask: mask('Mask of each public subnet (load balancers, NAT); 0 for none.', 24),
      privateMask: mask(
        'Mask of each private subnet (workloads with internet egress through NAT); 0 for none. Needs an egress other than none.',
        0,
      ),
      isolatedMask: mask('Mask of each isolated subnet (databases, workloads reaching AWS only through endpoints); 0 for none.', 22),
    })
      .prefault({})
      .describe('Subnet tiers: one subnet per tier and zone.'),
    egress: z
      .enum(['none', 'nat-gateway', 'nat-gateway-per-az', 'nat-instance'], {
        error: 'must be none, nat-gateway, nat-gateway-per-az or nat-instance',
      })
      .default('none')
      .describe(
        'Internet egress of private subnets, with its monthly cost (eu-central-1): `none` (default, USD 0: isolated and public subnets only), `nat-instance` (a t4g.nano, about USD 10 + traffic is free, not highly available), `nat-gateway` (one, about USD 42 + 0.052 per GB), `nat-gateway-per-az` (one per zone, about USD 42 each + 0.052 per GB). Gateway endpoints for S3 and DynamoDB are always there (free).',
      ),
    interfaceEndpoints: z
      .array(endpointName, { error: 'must be a list of endpoint service names' })
      .superRefine(...uniqueItems('endpoint'))
      .default([])
      .describe(
        'Interface endpoints (private DNS), e.g. [ssm, ssmmessages, ec2messages] for Session Manager without internet: about USD 8.76 per endpoint per zone per month + 0.01 per GB. Default: none.',
      ),
    defaultVpcs: z
      .enum(['keep', 'remove'], { error: 'must be keep or remove' })
      .default('keep')
      .describe(
        'The default VPCs AWS creates in every region: `keep` (default) or `remove` them in every allowed region (a custom resource; it fails, deleting nothing, if anything still uses the VPC; `aws ec2 create-default-vpc` brings one back).',
      ),
  },
);

/** The validated `network` section. */
export type NetworkConfig = z.output<typeof networkSchema>;
