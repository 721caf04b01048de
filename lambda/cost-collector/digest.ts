import { catalogue } from '../../lib/core/alerts/catalogue';
import type { Language } from '../../lib/core/alerts/language';
import { CHAT_DESCRIPTION_LIMIT, emailSubject, truncate, type ChatNotification } from '../../lib/core/alerts/render';
import type { BudgetConfig } from '../../lib/core/config/finops-schema';
import type { ServiceCost } from './aggregate';
import type { BudgetAlert, BudgetThreshold } from './budgets';
import type { WasteSummary } from './waste';

/**
 * The budget digest a non-technical manager can act on, in the client's language: a plain-text
 * email and a chat custom notification (published in one SNS message per protocol). Pure.
 */

/** The digest of one run. */
export interface Digest {
  /** SNS subject: printable ASCII, under 100 characters (SNS rejects anything else). */
  readonly subject: string;
  /** The email text. */
  readonly message: string;
  /** The same digest for chat (Amazon Q Developer in chat applications). */
  readonly chat: ChatNotification;
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
  /**
   * The client's language.
   * @default 'en'
   */
  readonly language?: Language;
}

const texts = (language: Language = 'en') => catalogue(language).digest;

/** An amount of US dollars as people write it: `$1,234.50` (English), `1.234,50 $` (German). */
export function formatUsd(amount: number, language: Language = 'en'): string {
  const format = new Intl.NumberFormat(texts(language).locale, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  });
  return format.format(Math.abs(amount) < 0.005 ? 0 : amount);
}

/** A percentage as a whole number (one decimal under 10 %): `103%`, `7.5%`; German `7,5 %`. */
export function formatPercent(percent: number, language: Language = 'en'): string {
  const rounded = Math.abs(percent) < 10 ? Math.round(percent * 10) / 10 : Math.round(percent);
  return language === 'en' ? `${rounded}%` : `${rounded.toLocaleString(texts(language).locale)} %`;
}

/** What a budget covers, in words. */
export function describeScope(budget: BudgetConfig, language: Language = 'en'): string {
  return texts(language).scope(budget.scope);
}

/** A threshold in words. */
export function describeThreshold(threshold: BudgetThreshold, language: Language = 'en'): string {
  const percent = formatPercent(threshold.percent, language);
  return threshold.basis === 'actual' ? texts(language).thresholdActual(percent) : texts(language).thresholdForecast(percent);
}

/** The advice for a budget, from the most serious newly crossed threshold. */
export function advice(alert: BudgetAlert, language: Language = 'en'): string {
  if (alert.status.usedPercent >= 100) return texts(language).adviceExceeded;
  if (alert.thresholds.some((t) => t.basis === 'forecast')) return texts(language).adviceForecast;
  return texts(language).adviceApproaching;
}

const count = (n: number, [one, many]: readonly [string, string], language: Language) =>
  `${n.toLocaleString(texts(language).locale)} ${n === 1 ? one : many}`;

/** An estimate in whole dollars: `about USD 1,235`, or `less than USD 1`. */
export function formatRoughUsd(amount: number, language: Language = 'en'): string {
  const whole = Math.round(amount);
  return whole < 1 ? texts(language).lessThanOneUsd : texts(language).roughUsd(whole.toLocaleString(texts(language).locale));
}

/**
 * The possible savings paragraph, or undefined when the waste finder found nothing idle (or its
 * figures are unavailable): a line of zeros would only be noise in an alert.
 */
export function wasteSection(waste: WasteSummary | undefined, language: Language = 'en'): string | undefined {
  if (waste === undefined || waste.totalIdleResources <= 0) return undefined;
  const t = texts(language);
  // Biggest saving first: the first item is the one worth asking about.
  const types = waste.byResourceType
    .filter((type) => type.idleResources > 0)
    .sort((a, b) => b.estimatedMonthlyWasteUsd - a.estimatedMonthlyWasteUsd || b.idleResources - a.idleResources)
    .map((type) => count(type.idleResources, t.resources[type.resourceType], language));
  return [
    t.savings(
      count(waste.totalIdleResources, t.idleResources, language),
      types.join(', '),
      formatRoughUsd(waste.totalEstimatedMonthlyWasteUsd, language),
    ),
    ...t.savingsExplained,
  ].join('\n');
}

/** Dates as the reader writes them (English readers of this project: day month year). */
const dateLocale = (language: Language) => (language === 'en' ? 'en-GB' : texts(language).locale);

function dateTimeIn(now: Date, timeZone: string, language: Language): string {
  return new Intl.DateTimeFormat(dateLocale(language), {
    timeZone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
  }).format(now);
}

function monthName(now: Date, timeZone: string, language: Language): string {
  return new Intl.DateTimeFormat(dateLocale(language), { timeZone, month: 'long', year: 'numeric' }).format(now);
}

/** The SNS subject rules, shared with the alert notifier. */
export { asciiSubject } from '../../lib/core/alerts/render';

function entryLines(entry: DigestEntry, month: string, language: Language): string[] {
  const t = texts(language);
  const { status, thresholds } = entry.alert;
  const budget = status.budget;
  const lines = [
    t.budget(budget.name, describeScope(budget, language)),
    `  ${t.why(thresholds.map((threshold) => describeThreshold(threshold, language)).join('; '))}`,
    `  ${t.spent(month, formatUsd(status.monthToDateUsd, language), formatPercent(status.usedPercent, language))}`,
    status.forecastMonthEndUsd === undefined || status.forecastUsedPercent === undefined
      ? `  ${t.noForecast}`
      : `  ${t.expected(formatUsd(status.forecastMonthEndUsd, language), formatPercent(status.forecastUsedPercent, language))}`,
    `  ${t.limit(formatUsd(budget.monthlyLimitUsd, language))}`,
  ];
  if (entry.topServices === undefined) {
    lines.push(`  ${t.biggestUnavailable}`);
  } else if (entry.topServices.length === 0) {
    lines.push(`  ${t.biggestNone}`);
  } else {
    lines.push(`  ${t.biggest}`);
    entry.topServices.forEach((service, index) => lines.push(`    ${index + 1}. ${service.service}: ${formatUsd(service.usd, language)}`));
  }
  lines.push(`  ${t.whatToDo(advice(entry.alert, language))}`);
  return lines;
}

/** The digest for the budgets that crossed a threshold for the first time this month. */
export function buildDigest(entries: readonly DigestEntry[], context: DigestContext): Digest {
  const language = context.language ?? 'en';
  const t = texts(language);
  const names = entries.map((entry) => entry.alert.status.budget.name);
  const exceeded = entries.some((entry) => entry.alert.status.usedPercent >= 100);
  const subject = emailSubject(t.subject(context.clientName, exceeded, names.length === 1 ? names[0] : t.budgetCount(names.length)));
  const month = monthName(context.now, context.timeZone, language);
  const savings = wasteSection(context.waste, language);
  const budgets = entries.map((entry) => entryLines(entry, month, language));
  const message = [
    t.header(context.clientName, dateTimeIn(context.now, context.timeZone, language), context.timeZone),
    '',
    t.crossed(entries.length),
    '',
    budgets.map((lines) => lines.join('\n')).join('\n\n'),
    '',
    ...(savings === undefined ? [] : [savings, '']),
    ...t.footer,
  ].join('\n');

  // Chat: the same figures without the indentation email needs, the advice as next steps.
  const description = truncate(
    [
      t.crossed(entries.length),
      ...budgets.map((lines) =>
        lines
          .filter((line) => !line.includes(t.whatToDo('')))
          .map((line) => line.trim())
          .join('\n'),
      ),
      ...(savings === undefined ? [] : [savings.split('\n')[0]]),
      t.footer.join(' '),
    ].join('\n\n'),
    CHAT_DESCRIPTION_LIMIT,
  );
  const chat: ChatNotification = {
    version: '1.0',
    source: 'custom',
    id: `finops-digest/${context.now.toISOString()}`,
    content: {
      textType: 'client-markdown',
      title: `${exceeded ? '\u{1F534}' : '\u{1F7E0}'} ${t.chatTitle(context.clientName, exceeded)}`,
      description,
      nextSteps: [...new Set(entries.map((entry) => advice(entry.alert, language)))],
      keywords: [context.clientName, 'FinOps', ...names],
    },
    metadata: { summary: subject, eventType: 'finops-digest' },
  };
  return { subject, message, chat };
}
