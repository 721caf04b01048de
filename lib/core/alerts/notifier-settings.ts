import { parseSettingsJson } from '../settings-json';
import * as z from 'zod/mini';
import { strictObject } from '../config/primitives';
import { LANGUAGES } from './language';

/** Environment variable that carries the alert notifier's settings (JSON). */
export const ALERT_NOTIFIER_SETTINGS_ENV = 'ALERT_NOTIFIER_SETTINGS';

/** Environment variable that names the notifier's deduplication table. */
export const ALERT_NOTIFIER_TABLE_ENV = 'ALERT_NOTIFIER_TABLE';

const contact = strictObject({
  name: z.string().check(z.minLength(1)),
  email: z.string().check(z.minLength(3)),
  phone: z.optional(z.string()),
});

const topicArn = z
  .string()
  .check(z.regex(/^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/, { error: 'must be an SNS topic ARN' }));

/**
 * What the alert notifier knows about its client and account, fixed at synth time from the client
 * file: language, names, who to call per topic, the topics, and where the runbooks are.
 */
export const alertNotifierSettingsSchema = strictObject({
  language: z.enum(LANGUAGES),
  client: z.string().check(z.minLength(1)),
  accountName: z.string().check(z.minLength(1)),
  accountId: z.string().check(z.regex(/^\d{12}$/, { error: 'must be a 12-digit account id' })),
  region: z.string().check(z.regex(/^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/, { error: 'must be a region code' })),
  contacts: strictObject({ security: z.array(contact), operations: z.array(contact), finops: z.array(contact) }),
  topics: strictObject({ security: topicArn, operations: topicArn, finops: topicArn }),
  runbookUrl: z.string().check(z.regex(/^https:\/\//, { error: 'must be an https URL' })),
});

export type AlertNotifierSettings = z.output<typeof alertNotifierSettingsSchema>;

/** Parses the settings variable, naming the problem when it is missing or invalid. */
export function parseAlertNotifierSettings(raw: string | undefined): AlertNotifierSettings {
  return parseSettingsJson(ALERT_NOTIFIER_SETTINGS_ENV, "the alert notifier's settings", alertNotifierSettingsSchema, raw);
}
