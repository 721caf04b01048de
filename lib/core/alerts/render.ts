import { AlertFactsByKind, AlertKind, catalogue, Severity } from './catalogue';
import type { Language } from './language';

/** The alert topics of an account. */
export type AlertTopicName = 'security' | 'operations' | 'finops';

/** Which topic each alert kind goes to. */
export const ALERT_TOPIC: Readonly<Record<AlertKind, AlertTopicName>> = {
  'guardduty-finding': 'security',
  'securityhub-finding': 'security',
  'finding-triage': 'security',
  'regional-alarm': 'operations',
  'pending-subscriptions': 'operations',
  'backup-job': 'operations',
  'restore-test': 'operations',
};

/** One alert, language-independent: what the notifier parsed from an event. */
export type Alert = {
  readonly [K in AlertKind]: {
    readonly kind: K;
    readonly facts: AlertFactsByKind[K];
    readonly severity: Severity;
    /** The account id the event is about. */
    readonly accountId: string;
    readonly region: string;
    /** When it happened (ISO 8601). */
    readonly time: string;
    /** Where to look: a console deep link. */
    readonly consoleUrl: string;
    /** A stable id: the event's or finding's id (chat threads use it). */
    readonly id: string;
  };
}[AlertKind];

/** A person to call, from the client file. */
export interface AlertContact {
  readonly name: string;
  readonly email: string;
  readonly phone?: string;
}

/** What the notifier knows about the client (from its configuration). */
export interface AlertContext {
  readonly language: Language;
  /** The client's display name. */
  readonly client: string;
  /** The account's name in the client file. */
  readonly accountName: string;
  /** Who to call, per topic: the first is called first. */
  readonly contacts: Readonly<Record<AlertTopicName, readonly AlertContact[]>>;
  /** Where the runbook of an alert kind can be read without repository access. */
  readonly runbookUrl: string;
  /** Set when a finding alerts again because its severity rose. */
  readonly severityRose?: boolean;
}

/**
 * A custom notification of Amazon Q Developer in chat applications (AWS Chatbot): the schema of
 * "Custom notifications" in its administrator guide. Chat clients render nothing else.
 */
export interface ChatNotification {
  readonly version: '1.0';
  readonly source: 'custom';
  readonly id?: string;
  readonly content: {
    readonly textType: 'client-markdown';
    readonly title: string;
    readonly description: string;
    readonly nextSteps?: readonly string[];
    readonly keywords?: readonly string[];
  };
  readonly metadata?: {
    readonly threadId?: string;
    readonly summary?: string;
    readonly eventType?: string;
    readonly relatedResources?: readonly string[];
    readonly additionalContext?: Readonly<Record<string, string>>;
  };
}

/** An alert in the three forms its readers need. */
export interface RenderedAlert {
  /** The topic it goes to. */
  readonly topic: AlertTopicName;
  /** The email subject: ASCII, one line, under 100 characters (SNS's rules for `Subject`). */
  readonly subject: string;
  /** The email body: plain text. */
  readonly email: string;
  /** The chat message. */
  readonly chat: ChatNotification;
}

/** The longest SNS subject plus one. */
const SUBJECT_LIMIT = 100;
/** Our own cap for a chat description (Slack shows at most 3,000 characters in one text block). */
export const CHAT_DESCRIPTION_LIMIT = 3000;

/** Renders `alert` for email and chat in the context's language. */
export function renderAlert(alert: Alert, context: AlertContext): RenderedAlert {
  const texts = catalogue(context.language);
  const kindTexts = texts.kinds[alert.kind] as {
    title(f: unknown): string;
    happened(f: unknown): string;
    firstSteps: readonly string[];
  };
  const topic = ALERT_TOPIC[alert.kind];
  const severity = texts.severity[alert.severity];
  const title = kindTexts.title(alert.facts);
  const happened = [context.severityRose ? texts.words.severityRose : undefined, kindTexts.happened(alert.facts)]
    .filter((line): line is string => line !== undefined)
    .join(' ');
  const contacts = context.contacts[topic];
  const contactLines = contacts.map((c) => [c.name, c.phone, c.email].filter(Boolean).join(', '));
  const details: Array<[string, string]> = [
    [texts.words.severity, severity],
    [texts.words.client, context.client],
    [texts.words.account, `${context.accountName} (${alert.accountId})`],
    [texts.words.region, alert.region],
    [texts.words.time, alert.time],
  ];

  const email = [
    `${severity.toUpperCase()}: ${title}`,
    '',
    happened,
    '',
    ...details.map(([label, value]) => `${label}: ${value}`),
    '',
    `${texts.words.firstSteps}:`,
    ...kindTexts.firstSteps.map((step, index) => `${index + 1}. ${step}`),
    '',
    `${texts.words.whoToCall}:`,
    ...contactLines.map((line) => `- ${line}`),
    '',
    `${texts.words.console}: ${alert.consoleUrl}`,
    `${texts.words.runbook}: ${context.runbookUrl}`,
  ].join('\n');

  const description = truncate(
    [
      happened,
      '',
      // Plain lines and bare links: the same message reaches Slack and Teams, whose markdown differs.
      ...details.map(([label, value]) => `${label}: ${value}`),
      `${texts.words.whoToCall}: ${contactLines.join('; ')}`,
      `${texts.words.console}: ${alert.consoleUrl}`,
      `${texts.words.runbook}: ${context.runbookUrl}`,
    ].join('\n'),
    CHAT_DESCRIPTION_LIMIT,
  );

  return {
    topic,
    subject: emailSubject(`[${severity.toUpperCase()}] ${context.client} ${context.accountName}: ${title}`),
    email,
    chat: {
      version: '1.0',
      source: 'custom',
      id: alert.id,
      content: {
        textType: 'client-markdown',
        title: `${SEVERITY_EMOJI[alert.severity]} ${severity.toUpperCase()}: ${title}`,
        description,
        nextSteps: kindTexts.firstSteps,
        keywords: [severity, context.client, context.accountName, alert.region],
      },
      metadata: {
        threadId: alert.id,
        summary: title,
        eventType: alert.kind,
        additionalContext: { account: alert.accountId, region: alert.region },
      },
    },
  };
}

/** Unicode, not Slack's `:shortcodes:`, which Teams shows as text. */
const SEVERITY_EMOJI: Readonly<Record<Severity, string>> = {
  CRITICAL: '\u{1F534}',
  HIGH: '\u{1F7E0}',
  MEDIUM: '\u{1F7E1}',
  LOW: '\u{1F535}',
  INFORMATIONAL: '\u{26AA}',
};

/**
 * The SNS `Publish` input for one rendered alert: a message per protocol (`MessageStructure:
 * json`), so that email subscribers get the text and the chat subscription (`https`, the endpoint
 * AWS Chatbot subscribes) gets the custom notification.
 */
export function snsMessage(rendered: RenderedAlert): { Subject: string; Message: string; MessageStructure: 'json' } {
  const chat = JSON.stringify(rendered.chat);
  return {
    Subject: rendered.subject,
    MessageStructure: 'json',
    Message: JSON.stringify({ default: rendered.email, email: rendered.email, https: chat }),
  };
}

const TRANSLITERATION: Readonly<Record<string, string>> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  Ä: 'Ae',
  Ö: 'Oe',
  Ü: 'Ue',
  ß: 'ss',
  '„': '"',
  '“': '"',
  '”': '"',
  '‘': "'",
  '’': "'",
  '–': '-',
  '—': '-',
};

/**
 * An SNS email subject from any text: SNS accepts only printable ASCII, no line breaks, fewer than
 * 100 characters, starting with a letter, digit or punctuation mark.
 */
export function emailSubject(text: string): string {
  return asciiSubject(transliterate(text), SUBJECT_LIMIT - 1);
}

/** Printable ASCII only (accents dropped, other characters `?`), one line, at most `max` characters. */
export function asciiSubject(text: string, max = SUBJECT_LIMIT - 1): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .replace(/[^\x20-\x7e]/g, '?')
    .trim();
  return ascii.length <= max ? ascii : `${ascii.slice(0, max - 3).trimEnd()}...`;
}

/** German umlauts and typographic quotes and dashes in ASCII (ä -> ae, „ -> "). */
export function transliterate(text: string): string {
  return [...text].map((char) => TRANSLITERATION[char] ?? char).join('');
}

export function truncate(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 3)}...`;
}
