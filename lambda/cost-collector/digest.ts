import type { BudgetConfig } from '../../lib/core/config/finops-schema';
import type { WasteResourceType } from '../../lib/core/finops/metrics';
import type { ServiceCost } from './aggregate';
import type { BudgetAlert, BudgetThreshold } from './budgets';
import type { WasteSummary } from './waste';

/**
 * The budget digest: a plain-text email (through SNS) a non-technical manager can act on. Pure.
 */

/** The digest of one run. */
export interface Digest {
  /** SNS subject: printable ASCII, under 100 characters (SNS rejects anything else). */
  readonly subject: string;
  readonly message: string;
}

/** One budget of the digest: the alert and the services driving its cost this month. */
export interface DigestEntry {
  readonly alert: BudgetAlert;
  /** Top services this month, highest first; undefined when they could not be fetched. */
  readonly topServices: readonly ServiceCost[] | undefined;
}

/** What the digest needs besides the budgets. */
export interface DigestContext {
  /** The client's display name. */
  readonly clientName: string;
  readonly timeZone: string;
  readonly now: Date;
  /**
   * The waste finder's latest figures: the digest names the possible savings when there are
   * idle resources. Undefined when they could not be read (the digest goes out without them).
   */
  readonly waste?: WasteSummary;
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** An amount of US dollars as people write it: `$1,234.50`. */
export function formatUsd(amount: number): string {
  return usd.format(Math.abs(amount) < 0.005 ? 0 : amount);
}

/** A percentage as a whole number (one decimal under 10 %): `103%`, `7.5%`. */
export function formatPercent(percent: number): string {
  const rounded = Math.abs(percent) < 10 ? Math.round(percent * 10) / 10 : Math.round(percent);
  return `${rounded}%`;
}

/** What a budget covers, in words. */
export function describeScope(budget: BudgetConfig): string {
  const scope = budget.scope;
  switch (scope.type) {
    case 'total':
      return 'the whole AWS bill';
    case 'service':
      return `the AWS service "${scope.service}"`;
    case 'account':
      return `the AWS account "${scope.account}"`;
    case 'tag':
      return scope.value === '' ? `resources without a "${scope.key}" tag` : `resources tagged ${scope.key} = ${scope.value}`;
    case 'costCategory':
      return `the cost category ${scope.name} = ${scope.value}`;
  }
}

/** A threshold in words. */
export function describeThreshold(threshold: BudgetThreshold): string {
  return threshold.basis === 'actual'
    ? `${formatPercent(threshold.percent)} of the limit already spent`
    : `expected to reach ${formatPercent(threshold.percent)} of the limit by the end of the month`;
}

/** The advice for a budget, from the most serious newly crossed threshold. */
export function advice(alert: BudgetAlert): string {
  const status = alert.status;
  if (status.usedPercent >= 100) {
    return 'The monthly limit is already exceeded. Ask your technical contact today which of the services above can be stopped or reduced, or raise the budget if this spending is expected (for example a planned launch).';
  }
  if (alert.thresholds.some((t) => t.basis === 'forecast')) {
    return 'At the current pace the month will end over the limit. Ask your technical contact this week whether the increase is expected; if not, which of the services above can be reduced before the month ends.';
  }
  return 'Spending is approaching the limit. Check with your technical contact that this is expected; no action is needed if it is.';
}

/** Resource types as a manager reads them: singular, plural. */
const RESOURCE_NAMES: Readonly<Record<WasteResourceType, readonly [string, string]>> = {
  EC2Instance: ['EC2 instance', 'EC2 instances'],
  EBSVolume: ['EBS storage volume', 'EBS storage volumes'],
  NATGateway: ['NAT gateway', 'NAT gateways'],
  LoadBalancer: ['load balancer', 'load balancers'],
  RDSInstance: ['RDS database', 'RDS databases'],
};

const count = (n: number, [one, many]: readonly [string, string]) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** An estimate in whole dollars: `about USD 1,235`, or `less than USD 1`. */
export function formatRoughUsd(amount: number): string {
  const whole = Math.round(amount);
  return whole < 1 ? 'less than USD 1' : `about USD ${whole.toLocaleString('en-US')}`;
}

/**
 * The possible savings paragraph, or undefined when the waste finder found nothing idle (or its
 * figures are unavailable): a line of zeros would only be noise in an alert.
 */
export function wasteSection(waste: WasteSummary | undefined): string | undefined {
  if (waste === undefined || waste.totalIdleResources <= 0) return undefined;
  // Biggest saving first: the first item is the one worth asking about.
  const types = waste.byResourceType
    .filter((type) => type.idleResources > 0)
    .sort((a, b) => b.estimatedMonthlyWasteUsd - a.estimatedMonthlyWasteUsd || b.idleResources - a.idleResources)
    .map((type) => count(type.idleResources, RESOURCE_NAMES[type.resourceType]));
  return [
    `Possible savings: ${count(waste.totalIdleResources, ['idle resource', 'idle resources'])} (${types.join(', ')}) could save ${formatRoughUsd(waste.totalEstimatedMonthlyWasteUsd)} per month; see the operations dashboard.`,
    '  Idle means barely used in recent weeks (or, for servers, much larger than needed). The amount is a cautious estimate',
    '  from AWS list prices. Ask your technical contact whether these resources are still needed.',
  ].join('\n');
}

function dateTimeIn(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(now);
}

function monthName(now: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone, month: 'long', year: 'numeric' }).format(now);
}

/** Printable ASCII only (accents dropped), at most `max` characters. */
export function asciiSubject(text: string, max = 99): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/[^\x20-\x7e]/g, '?')
    .trim();
  return ascii.length <= max ? ascii : `${ascii.slice(0, max - 3).trimEnd()}...`;
}

function entryText(entry: DigestEntry, month: string): string {
  const { status, thresholds } = entry.alert;
  const budget = status.budget;
  const lines = [
    `Budget "${budget.name}" (${describeScope(budget)})`,
    `  Why you get this: ${thresholds.map(describeThreshold).join('; ')}.`,
    `  Spent so far in ${month}: ${formatUsd(status.monthToDateUsd)} (${formatPercent(status.usedPercent)} of the limit)`,
    status.forecastMonthEndUsd === undefined || status.forecastUsedPercent === undefined
      ? '  Expected by the end of the month: no forecast available yet (AWS needs more cost history)'
      : `  Expected by the end of the month: ${formatUsd(status.forecastMonthEndUsd)} (${formatPercent(status.forecastUsedPercent)} of the limit)`,
    `  Monthly limit: ${formatUsd(budget.monthlyLimitUsd)}`,
  ];
  if (entry.topServices === undefined) {
    lines.push('  Biggest costs this month: not available in this message (see the cost dashboard)');
  } else if (entry.topServices.length === 0) {
    lines.push('  Biggest costs this month: none recorded yet');
  } else {
    lines.push('  Biggest costs this month:');
    entry.topServices.forEach((service, index) => lines.push(`    ${index + 1}. ${service.service}: ${formatUsd(service.usd)}`));
  }
  lines.push(`  What to do: ${advice(entry.alert)}`);
  return lines.join('\n');
}

/** The digest text for the budgets that crossed a threshold for the first time this month. */
export function buildDigest(entries: readonly DigestEntry[], context: DigestContext): Digest {
  const names = entries.map((entry) => entry.alert.status.budget.name);
  const over = entries.some((entry) => entry.alert.status.usedPercent >= 100);
  const subject = asciiSubject(
    `${context.clientName}: AWS budget ${over ? 'exceeded' : 'alert'} - ${names.length === 1 ? names[0] : `${names.length} budgets`}`,
  );
  const month = monthName(context.now, context.timeZone);
  const savings = wasteSection(context.waste);
  const message = [
    `AWS cost alert for ${context.clientName}, ${dateTimeIn(context.now, context.timeZone)} (${context.timeZone}).`,
    '',
    entries.length === 1 ? 'One budget crossed an alert level this month:' : `${entries.length} budgets crossed an alert level this month:`,
    '',
    entries.map((entry) => entryText(entry, month)).join('\n\n'),
    '',
    ...(savings === undefined ? [] : [savings, '']),
    'Amounts are in US dollars from AWS Cost Explorer. The last few days are estimates that AWS',
    'revises until the month is closed. You get this message once per alert level and month;',
    'the cost dashboard shows the figures day by day.',
  ].join('\n');
  return { subject, message };
}
