import type { Language } from '../alerts/language';
import { CHAT_DESCRIPTION_LIMIT, emailSubject, truncate, type ChatNotification } from '../alerts/render';
import type { MonthlyReport } from './model';
import { reportTexts } from './texts';

/**
 * The notice that a monthly report is ready: its key figures and where to read it, in the
 * client's language, for email (plain text) and chat (a custom notification of Amazon Q Developer
 * in chat applications), published as one SNS message per protocol like the budget digest. Pure.
 */

/** What the notice says besides the report's figures. */
export interface SummaryContext {
  /** The company name. */
  readonly client: string;
  readonly language: Language;
  /** The S3 console page of the stored report. */
  readonly consoleUrl: string;
  /** `s3://bucket/key` of the stored report. */
  readonly location: string;
  /** A display currency at a fixed rate, shown beside USD. */
  readonly displayCurrency?: { readonly code: string; readonly ratePerUsd: number };
}

/** The notice in the forms its readers need. */
export interface ReportSummary {
  /** The email subject: ASCII, one line, under 100 characters (SNS's rules). */
  readonly subject: string;
  /** The email body: plain text. */
  readonly message: string;
  readonly chat: ChatNotification;
}

const WORDS = {
  en: {
    subject: (client: string, month: string, decisions: number) =>
      `${client}: IT report ${month} is ready${decisions > 0 ? ` (${decisions} decision${decisions === 1 ? '' : 's'})` : ''}`,
    intro: (client: string, month: string) => `The IT report of ${client} for ${month} is ready. The key figures:`,
    spend: 'Spend',
    vsPrevious: 'previous month',
    budgets: 'Budgets',
    forecast: 'Forecast next month',
    waste: 'Idle resources',
    perMonth: 'a month',
    findings: 'Open findings',
    backups: 'Backups',
    restore: 'Last restore test',
    noRestore: 'none yet',
    decisions: 'Decisions',
    noDecisions: 'none needed',
    read: 'Read the report (sign in to the AWS console first):',
    stored: 'Stored at',
    footer: 'Sent by the landing zone\u2019s monthly report. Forward the page to the management as it is, or print it (A4).',
  },
  de: {
    subject: (client: string, month: string, decisions: number) =>
      `${client}: IT-Bericht ${month} liegt vor${decisions > 0 ? ` (${decisions} Entscheidung${decisions === 1 ? '' : 'en'})` : ''}`,
    intro: (client: string, month: string) => `Der IT-Bericht von ${client} für ${month} liegt vor. Die wichtigsten Zahlen:`,
    spend: 'Ausgaben',
    vsPrevious: 'Vormonat',
    budgets: 'Budgets',
    forecast: 'Prognose nächster Monat',
    waste: 'Ungenutzte Ressourcen',
    perMonth: 'pro Monat',
    findings: 'Offene Befunde',
    backups: 'Backups',
    restore: 'Letzter Wiederherstellungstest',
    noRestore: 'noch keiner',
    decisions: 'Entscheidungen',
    noDecisions: 'keine nötig',
    read: 'Bericht lesen (vorher an der AWS-Konsole anmelden):',
    stored: 'Abgelegt unter',
    footer:
      'Gesendet vom Monatsbericht der Landing Zone. Leiten Sie die Seite unverändert an die Geschäftsführung weiter oder drucken Sie sie (A4).',
  },
} as const;

/** The notice of `report`, stored at `context.location`. */
export function buildReportSummary(report: MonthlyReport, context: SummaryContext): ReportSummary {
  const w = WORDS[context.language];
  const t = reportTexts(context.language);
  const locale = context.language === 'de' ? 'de-DE' : 'en-GB';
  const number = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  const money = (usd: number) => {
    const display = context.displayCurrency;
    return `USD ${number.format(usd)}${display ? ` (${display.code} ${number.format(usd * display.ratePerUsd)})` : ''}`;
  };
  const percent = (value: number) => `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(value)} %`;
  const spend = report.spend;
  const change =
    spend.changePercent === undefined ? '' : ` (${spend.changePercent > 0 ? '+' : ''}${percent(spend.changePercent)} ${w.vsPrevious})`;
  const restore = report.resilience.lastRestoreTest;
  const figures: Array<[string, string]> = [
    [w.spend, `${money(spend.totalUsd)}${change}`],
    ...(spend.budgets.length === 0
      ? []
      : ([
          [w.budgets, spend.budgets.map((b) => `${b.name} ${b.usedPercent === undefined ? '-' : percent(b.usedPercent)}`).join(', ')],
        ] as Array<[string, string]>)),
    ...(spend.forecastNextMonthUsd === undefined ? [] : ([[w.forecast, money(spend.forecastNextMonthUsd)]] as Array<[string, string]>)),
    [w.waste, `${money(report.savings.wasteUsd)} ${w.perMonth}`],
    [w.findings, `${report.security.openCritical} ${t.critical}, ${report.security.openHigh} ${t.high}`],
    [w.backups, `${report.resilience.backupJobsCompleted} ${t.completed}, ${report.resilience.backupJobsFailed} ${t.failed}`],
    [w.restore, restore ? `${restore.date}: ${restore.status}` : w.noRestore],
  ];
  const decisions = report.decisions.map((decision) => t.decision(decision, money));
  const decisionLines =
    decisions.length === 0
      ? [`${w.decisions}: ${w.noDecisions}`]
      : [`${w.decisions}:`, ...decisions.map((d, i) => `${i + 1}. ${d.finding}`)];
  const message = [
    w.intro(context.client, report.month),
    '',
    ...figures.map(([label, value]) => `  ${label}: ${value}`),
    '',
    ...decisionLines,
    '',
    w.read,
    context.consoleUrl,
    `${w.stored} ${context.location}`,
    '',
    w.footer,
  ].join('\n');
  const subject = emailSubject(w.subject(context.client, report.month, decisions.length));
  const description = truncate(
    [
      figures.map(([label, value]) => `*${label}:* ${value}`).join('\n'),
      decisionLines.join('\n'),
      // A bare URL: Slack and Teams link it themselves, and no link syntax is documented for both.
      `${w.read}\n${context.consoleUrl}`,
    ].join('\n\n'),
    CHAT_DESCRIPTION_LIMIT,
  );
  const chat: ChatNotification = {
    version: '1.0',
    source: 'custom',
    id: `monthly-report/${report.month}`,
    content: {
      textType: 'client-markdown',
      title: `${decisions.length > 0 ? '\u{1F7E0}' : '\u{1F7E2}'} ${w.subject(context.client, report.month, decisions.length)}`,
      description,
      ...(decisions.length > 0 ? { nextSteps: decisions.map((d) => d.action) } : {}),
      keywords: [context.client, 'Report', report.month],
    },
    metadata: { summary: subject, eventType: 'monthly-report' },
  };
  return { subject, message, chat };
}
