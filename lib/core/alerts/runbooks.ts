import { catalogue, type AlertKind, type NativeAlertKind } from './catalogue';
import { LANGUAGES, type Language } from './language';
import { ALERT_TOPIC } from './render';

/** Every alert kind the notifier sends, in the order runbooks list them. */
export const ALERT_KINDS = Object.keys(ALERT_TOPIC) as AlertKind[];

/** The native alert kinds (CloudWatch alarms, AWS Budgets), which have runbooks too, and their topic. */
export const NATIVE_ALERT_TOPIC: Readonly<Record<NativeAlertKind, string>> = {
  'cis-alarm': 'security',
  'platform-alarm': 'operations',
  'budget-alert': 'finops',
};

/** Every kind with a runbook: the notifier's and the native ones. */
export const RUNBOOK_KINDS = [...ALERT_KINDS, ...(Object.keys(NATIVE_ALERT_TOPIC) as NativeAlertKind[])];
type RunbookKind = (typeof RUNBOOK_KINDS)[number];

function kindTexts(kind: RunbookKind, language: Language) {
  const texts = catalogue(language);
  return kind in NATIVE_ALERT_TOPIC ? texts.nativeKinds[kind as NativeAlertKind] : texts.kinds[kind as AlertKind];
}

function topicOf(kind: RunbookKind): string {
  return kind in NATIVE_ALERT_TOPIC ? NATIVE_ALERT_TOPIC[kind as NativeAlertKind] : ALERT_TOPIC[kind as AlertKind];
}

/** Where the generated runbooks are, relative to the repository root. */
export const RUNBOOKS_DIR = 'docs/runbooks';

const numbered = (steps: readonly string[]) => steps.map((step, index) => `${index + 1}. ${step}`).join('\n');

/** The runbook of one alert kind in one language: what it means, how to check, contain, close. */
export function runbookMarkdown(kind: RunbookKind, language: Language): string {
  const texts = catalogue(language);
  const kindText = kindTexts(kind, language);
  const { runbook } = kindText;
  return [
    `# ${kindText.name}`,
    '',
    `## ${texts.words.meaning}`,
    '',
    runbook.meaning,
    '',
    `## ${texts.words.firstSteps}`,
    '',
    numbered(kindText.firstSteps),
    '',
    `## ${texts.words.check}`,
    '',
    numbered(runbook.check),
    '',
    `## ${texts.words.contain}`,
    '',
    numbered(runbook.contain),
    '',
    `## ${texts.words.close}`,
    '',
    numbered(runbook.close),
    '',
    `_${texts.words.generated}_`,
    '',
  ].join('\n');
}

/** Every generated runbook file, with an index: `docs/runbooks/<language>/<kind>.md`. */
export function runbookFiles(): Array<{ readonly path: string; readonly content: string }> {
  const files = LANGUAGES.flatMap((language) =>
    RUNBOOK_KINDS.map((kind) => ({ path: `${RUNBOOKS_DIR}/${language}/${kind}.md`, content: runbookMarkdown(kind, language) })),
  );
  const index = [
    '# Alert runbooks',
    '',
    'One runbook per alert kind, generated from the alert catalogue (`lib/core/alerts/catalogue-<language>.ts`) by',
    '`npm run docs`. Every alert links to the operations dashboard of its account, which shows the same runbooks in',
    "the client's language, so nobody needs this repository to act on an alert.",
    '',
    '| Alert | Topic | English | Deutsch |',
    '| --- | --- | --- | --- |',
    ...RUNBOOK_KINDS.map((kind) => `| ${kindTexts(kind, 'en').name} | ${topicOf(kind)} | [en](en/${kind}.md) | [de](de/${kind}.md) |`),
    '',
  ].join('\n');
  return [{ path: `${RUNBOOKS_DIR}/README.md`, content: index }, ...files];
}

/**
 * The runbooks as one Markdown text for the operations dashboard, whole (meaning, first steps,
 * check, contain, close) and in the client's language: every alert links to the dashboard, so
 * nobody needs the repository to act on one.
 */
export function dashboardRunbooks(language: Language): string {
  const texts = catalogue(language);
  const section = (heading: string, steps: readonly string[]) => [`**${heading}**`, numbered(steps)];
  return [
    `## ${texts.words.runbook}`,
    ...RUNBOOK_KINDS.flatMap((kind) => {
      const { name, runbook, firstSteps } = kindTexts(kind, language);
      return [
        '',
        `### ${name}`,
        runbook.meaning,
        '',
        ...section(texts.words.firstSteps, firstSteps),
        ...section(texts.words.check, runbook.check),
        ...section(texts.words.contain, runbook.contain),
        ...section(texts.words.close, runbook.close),
      ];
    }),
  ].join('\n');
}
