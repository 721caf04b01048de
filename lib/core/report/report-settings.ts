import * as z from 'zod/mini';
import { LANGUAGES } from '../alerts/language';
import { budgetSchema } from '../config/finops-schema';
import { reportSchema } from '../config/report-schema';
import { isTimeZone, timeZoneProblem } from '../rules/time-zones';
import { pascalCase as pascalCaseOf } from '../naming';
import { parseSettingsJson } from '../settings-json';

/** Environment variable that carries the report Lambda's settings (JSON). */
export const REPORT_SETTINGS_ENV = 'REPORT_SETTINGS';
/** Environment variable with the name of the report bucket. */
export const REPORT_BUCKET_ENV = 'REPORT_BUCKET';
/** Environment variable with the ARN of the FinOps topic the summary goes to. */
export const REPORT_TOPIC_ARN_ENV = 'TOPIC_ARN';

const accountSchema = z.object({ name: z.string().check(z.minLength(1)), id: z.string().check(z.regex(/^\d{12}$/)) });

/**
 * What the report Lambda needs from the client configuration, validated at cold start with the
 * schemas the client file was validated with at synth time.
 */
export const reportSettingsSchema = z.object({
  client: z.object({
    name: z.string().check(z.minLength(1)),
    displayName: z.string().check(z.minLength(1)),
    timeZone: z.string().check(z.minLength(1), z.refine(isTimeZone, { error: (issue) => timeZoneProblem(String(issue.input)) })),
    language: z._default(z.enum(LANGUAGES), 'en'),
  }),
  /** Every account of the client, so budgets scoped to an account name can filter by its id. */
  accounts: z.array(accountSchema).check(z.minLength(1)),
  /** The account the Lambda runs in: its security, backup and change figures are the report's. */
  account: accountSchema,
  budgets: z.array(budgetSchema),
  report: reportSchema,
  /** The landing zone's stack names start with it (`<Client>-`). */
  stackPrefix: z.string().check(z.minLength(2)),
  /** The platform's backup vault in this account and region, when it has one. */
  vaultName: z.optional(z.string().check(z.minLength(2))),
  /** The client's other accounts, read through their report reader role in their home region. */
  otherAccounts: z._default(
    z.array(
      z.object({
        name: z.string().check(z.minLength(1)),
        id: z.string().check(z.regex(/^\d{12}$/)),
        region: z.string().check(z.minLength(1)),
        roleArn: z.string().check(z.regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/)),
        vaultName: z.optional(z.string().check(z.minLength(2))),
      }),
    ),
    [],
  ),
});

/** The report Lambda's validated settings. */
export type ReportSettings = z.output<typeof reportSettingsSchema>;
/** The settings before defaults are filled in. */
export type ReportSettingsInput = z.input<typeof reportSettingsSchema>;

/** Everything the report Lambda reads from its environment, validated. */
export interface ReportEnvironment {
  readonly settings: ReportSettings;
  readonly bucketName: string;
  readonly topicArn: string;
}

/** Reads and validates the report Lambda's environment (once, at cold start). */
export function readReportEnvironment(env: Readonly<Record<string, string | undefined>>): ReportEnvironment {
  const missing = [REPORT_BUCKET_ENV, REPORT_TOPIC_ARN_ENV].filter((name) => !env[name]);
  if (missing.length > 0) throw new Error(`missing environment variable(s): ${missing.join(', ')}`);
  return {
    settings: parseSettingsJson(REPORT_SETTINGS_ENV, 'the report settings', reportSettingsSchema, env[REPORT_SETTINGS_ENV]),
    bucketName: env[REPORT_BUCKET_ENV]!,
    topicArn: env[REPORT_TOPIC_ARN_ENV]!,
  };
}

/**
 * The report function's role name, `<Client>-MonthlyReport`: fixed, so that the reader roles of
 * the other accounts can trust exactly it (the `<Client>-*` names are the platform's own, which the
 * organization guardrails keep from anyone else).
 */
export function reportRoleName(clientName: string): string {
  return `${pascalCaseOf(clientName)}-MonthlyReport`;
}

/** The report reader role of every other account, `<Client>-ReportReader`. */
export function reportReaderRoleName(clientName: string): string {
  return `${pascalCaseOf(clientName)}-ReportReader`;
}

/** Where a month's report is stored in the bucket. */
export function reportObjectKey(clientName: string, month: string): string {
  return `reports/${month.slice(0, 4)}/${clientName}-${month}.html`;
}

/** The S3 console page of a stored object (sign-in required; nothing is public). */
export function reportConsoleUrl(bucket: string, key: string, region: string): string {
  return `https://${region}.console.aws.amazon.com/s3/object/${bucket}?region=${region}&bucketType=general&prefix=${encodeURIComponent(key)}`;
}
