import type { Finding, ResourceKind } from './rules';

/**
 * A small, deliberately conservative price table: what one idle resource of each kind costs a
 * month, at the us-east-1 on-demand list price (among the cheapest regions, so other regions are
 * under-, never over-estimated). CloudWatch metrics do not say an instance's type, class or a
 * volume's size (the per-instance CPUUtilization series has the InstanceId dimension only), so
 * sized resources are priced as the smallest size commonly deployed: the estimate is "at least
 * this much", which is what a cost review should quote.
 *
 * Sources: the AWS pricing pages named in each entry. This code was written without live access
 * to those pages: each figure was checked on 2026-11-24 against a stored copy of a page quoting the
 * AWS price (cited per entry), except where the entry says NOT verified. Re-check them when AWS
 * changes prices; the tests pin them so that a change is deliberate.
 */

/** Hours AWS uses for a month in its price examples. */
export const HOURS_PER_MONTH = 730;

/** One price table entry. */
export interface PriceEntry {
  /** Estimated monthly cost of one idle resource of this kind, USD. */
  readonly monthlyUsd: number;
  /** What the figure assumes. */
  readonly assumption: string;
  /** Where the unit price comes from, and when it was checked. */
  readonly source: string;
}

const usdPerMonth = (usdPerHour: number) => Math.round(usdPerHour * HOURS_PER_MONTH * 100) / 100;

/** Monthly price of one resource of each kind. */
export const PRICE_TABLE: Readonly<Record<ResourceKind, PriceEntry>> = {
  ec2Instance: {
    // USD 0.0208/hour x 730
    monthlyUsd: usdPerMonth(0.0208),
    assumption: 't3.small, Linux, on-demand, us-east-1 (instance type unknown from metrics): compute only, volumes counted as EBS volumes',
    // Not found in the stored copies available on 2026-11-24: re-check on the live page.
    source: 'https://aws.amazon.com/ec2/pricing/on-demand/ (t3.small USD 0.0208/hour), NOT verified 2026-11-24: re-check',
  },
  ebsVolume: {
    // USD 0.08/GB-month x 8 GB
    monthlyUsd: 0.64,
    assumption: 'gp3, 8 GiB (the smallest common root volume; size unknown from metrics), baseline IOPS and throughput, us-east-1',
    source:
      'https://aws.amazon.com/ebs/pricing/ (gp3 USD 0.08/GB-month), checked 2026-11-24 against saisci.com/aws/gp3-throughput-explained (N. Virginia)',
  },
  natGateway: {
    // USD 0.045/hour x 730; an idle gateway processes no data, so no per-GB charge
    monthlyUsd: usdPerMonth(0.045),
    assumption: 'hourly charge only, us-east-1 (idle: no data processing charge); its Elastic IP (USD 0.005/hour) not counted',
    source:
      'https://aws.amazon.com/vpc/pricing/ (NAT gateway USD 0.045/hour), checked 2026-11-24 against basavytix.com/blog/aws-nat-gateway-pricing (2026)',
  },
  applicationLoadBalancer: {
    // USD 0.0225/hour x 730; an idle ALB consumes no LCUs worth counting
    monthlyUsd: usdPerMonth(0.0225),
    assumption: 'hourly charge only, us-east-1 (idle: no LCU-hours)',
    source:
      'https://aws.amazon.com/elasticloadbalancing/pricing/ (ALB USD 0.0225/hour), checked 2026-11-24 against awsnegotiations.com/elastic-load-balancer-cost.html (May 2026)',
  },
  networkLoadBalancer: {
    // USD 0.0225/hour x 730
    monthlyUsd: usdPerMonth(0.0225),
    assumption: 'hourly charge only, us-east-1 (idle: no NLCU-hours)',
    source:
      'https://aws.amazon.com/elasticloadbalancing/pricing/ (NLB USD 0.0225/hour), checked 2026-11-24 against awsnegotiations.com/elastic-load-balancer-cost.html (May 2026)',
  },
  rdsInstance: {
    // USD 0.016/hour x 730
    monthlyUsd: usdPerMonth(0.016),
    assumption:
      'db.t4g.micro, MySQL/PostgreSQL, Single-AZ, on-demand, us-east-1 (class unknown from metrics): instance hours only, storage not counted',
    source:
      'https://aws.amazon.com/rds/mysql/pricing/ (db.t4g.micro USD 0.016/hour), checked 2026-11-24 against infratally.com/articles/aws-rds-pricing-explained-2026.html',
  },
};

/**
 * Share of the monthly price an oversized resource wastes: within an instance family each size
 * down halves the price, so one size down saves half.
 */
export const OVERSIZED_WASTE_SHARE = 0.5;

/**
 * GetMetricData price: USD 0.01 per 1,000 metrics requested (https://aws.amazon.com/cloudwatch/pricing/;
 * as recorded in /work/shared/reference/aws-facts.md, 2026-11).
 */
export const GET_METRIC_DATA_USD_PER_METRIC = 0.01 / 1000;

/** Estimated monthly waste of one resource, USD (zero unless idle or oversized). */
export function estimateMonthlyWasteUsd(kind: ResourceKind, finding: Finding): number {
  const { monthlyUsd } = PRICE_TABLE[kind];
  if (finding === 'idle') return monthlyUsd;
  if (finding === 'oversized') return roundUsd(monthlyUsd * OVERSIZED_WASTE_SHARE);
  return 0;
}

/** Estimated price of a scan's GetMetricData requests, USD. */
export function scanCostUsd(metricsRequested: number): number {
  return Math.round(metricsRequested * GET_METRIC_DATA_USD_PER_METRIC * 10000) / 10000;
}

/** Rounds to cents. */
export function roundUsd(value: number): number {
  return Math.round(value * 100) / 100;
}
