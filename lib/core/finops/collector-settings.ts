import { parseSettingsJson } from '../settings-json';
import { LANGUAGES } from '../alerts/language';
import * as z from 'zod/mini';
import { finopsSchema } from '../config/finops-schema';
import { isTimeZone, timeZoneProblem } from '../rules/time-zones';

/** Environment variable that carries the collector's settings (JSON). */
export const SETTINGS_ENV = 'COLLECTOR_SETTINGS';

/**
 * What the cost collector needs from the client configuration, validated at cold start with the
 * same `finops` schema the client file was validated with at synth time.
 */
export const collectorSettingsSchema = z.object({
  client: z.object({
    name: z.string().check(z.minLength(1)),
    displayName: z.string().check(z.minLength(1)),
    timeZone: z.string().check(z.minLength(1), z.refine(isTimeZone, { error: (issue) => timeZoneProblem(String(issue.input)) })),
    /** The digest's language (client.language). */
    language: z._default(z.enum(LANGUAGES), 'en'),
  }),
  /** The client's accounts, so budgets scoped to an account name can filter by its id. */
  accounts: z.array(z.object({ name: z.string().check(z.minLength(1)), id: z.string().check(z.regex(/^\d{12}$/)) })).check(z.minLength(1)),
  finops: finopsSchema,
});

/** The collector's validated settings. */
export type CollectorSettings = z.output<typeof collectorSettingsSchema>;

/** Environment variable with the ARN of the FinOps SNS topic the digest goes to. */
export const TOPIC_ARN_ENV = 'TOPIC_ARN';

/** Environment variable with the name of the SSM String parameter holding the run state. */
export const STATE_PARAMETER_ENV = 'STATE_PARAMETER_NAME';

/** Everything the collector reads from its environment, validated. */
export interface CollectorEnvironment {
  readonly settings: CollectorSettings;
  readonly topicArn: string;
  readonly stateParameterName: string;
}

/**
 * Parses the settings JSON with the same schema the client file was validated with. Throws an
 * error that lists every problem with its path.
 */
export function parseCollectorSettings(json: string | undefined): CollectorSettings {
  return parseSettingsJson(SETTINGS_ENV, 'the collector settings', collectorSettingsSchema, json);
}

/** Reads and validates the collector's environment (once, at cold start). */
export function readCollectorEnvironment(env: Readonly<Record<string, string | undefined>>): CollectorEnvironment {
  const missing = [TOPIC_ARN_ENV, STATE_PARAMETER_ENV].filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`missing environment variable(s): ${missing.join(', ')}`);
  return {
    settings: parseCollectorSettings(env[SETTINGS_ENV]),
    topicArn: env[TOPIC_ARN_ENV]!,
    stateParameterName: env[STATE_PARAMETER_ENV]!,
  };
}
