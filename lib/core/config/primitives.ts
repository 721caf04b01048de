import * as z from 'zod/mini';
import { ROLE_OR_USER_ARN, ROLE_OR_USER_ARN_RULE } from '../rules/iam-principals';
import { TIME_OF_DAY } from '../rules/times-of-day';
import { TAG_CHARS, tagKeyProblem, tagValueProblem } from '../rules/tags';
import { en } from 'zod/locales';

/**
 * Building blocks of the client configuration schema: field types whose error messages say what
 * is allowed, strict objects that answer typos with "did you mean", list checks that report every
 * duplicate. Shared by every section.
 *
 * The whole schema is written with `zod/mini`, because the platform Lambdas parse their settings
 * with the same sections at cold start: classic zod (`import { z } from 'zod'`) cannot be
 * tree-shaken and adds about 440 KB to a Lambda bundle; zod/mini costs about 30 KB. Nothing here
 * may import classic zod or aws-cdk-lib: test/lambda/bundle-imports.test.ts bundles the handlers
 * and fails if either shows up.
 */

// zod/mini registers no locale (classic zod registers English when its first schema is built), so
// checks without their own message would say only "Invalid input" in a Lambda. Registering English
// the same way, only when no locale is set, keeps the messages identical and an explicit choice intact.
if (!z.config().localeError) z.config(en());

/** A short lowercase name (client, account): becomes part of stack and resource names. */
export const SLUG = /^[a-z][a-z0-9-]{0,30}[a-z0-9]$/;
/** {@link SLUG} in words, for error messages and descriptions. */
export const SLUG_RULE = '2-32 characters: lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen';

/** Closest allowed key by edit distance, if it is close enough to be a plausible typo. */
export function closestKey(key: string, allowed: readonly string[]): string | undefined {
  let best: { key: string; distance: number } | undefined;
  for (const candidate of allowed) {
    const distance = editDistance(key.toLowerCase(), candidate.toLowerCase());
    if (!best || distance < best.distance) best = { key: candidate, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(best.key.length / 3)) ? best.key : undefined;
}

function editDistance(a: string, b: string): number {
  const previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(previous[j] + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}

/**
 * An object that rejects unknown keys (typos) with a message listing the allowed keys and the
 * closest match, so `maxRequestPerRun` is answered with "did you mean maxRequestsPerRun?".
 */
export function strictObject<Shape extends z.core.$ZodLooseShape>(shape: Shape) {
  return z.strictObject(shape, { error: strictObjectError(Object.keys(shape)) });
}

/**
 * The messages of a strict object with these keys: unknown keys with "did you mean", a missing
 * or non-mapping value.
 */
export function strictObjectError(allowed: readonly string[]) {
  return (issue: z.core.$ZodRawIssue): string | undefined => {
    if (issue.code === 'unrecognized_keys') {
      const unknown = issue.keys.map((key) => {
        const suggestion = closestKey(key, allowed);
        return suggestion ? `"${key}" (did you mean "${suggestion}"?)` : `"${key}"`;
      });
      return `unknown key ${unknown.join(', ')}; allowed keys here: ${allowed.join(', ')}`;
    }
    if (issue.code === 'invalid_type') {
      return issue.input === undefined ? 'is required' : `must be a mapping with the keys: ${allowed.join(', ')}`;
    }
    return undefined;
  };
}

/** The type error of a string field, saying the same thing as its format error. */
export function textError(rule: string) {
  return (issue: z.core.$ZodRawIssue): string => (issue.input === undefined ? 'is required' : `must be a string: ${rule}`);
}

/** A string field whose type error says the same thing as its format error. */
export function text(rule: string) {
  return z.string({ error: textError(rule) });
}

/** A local time `HH:MM` on a 24-hour clock; `example` (e.g. `07:00`) shows in the messages. */
export const localTime = (example: string) =>
  text(`a local time like ${example}`).check(z.regex(TIME_OF_DAY, { error: `must be a local time HH:MM (24-hour), e.g. ${example}` }));

/** A whole number from `min` to `max`. */
export const wholeNumber = (min: number, max: number) =>
  z
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .check(
      z.int({ error: `must be a whole number from ${min} to ${max}` }),
      z.minimum(min, { error: `must be at least ${min}` }),
      z.maximum(max, { error: `must be at most ${max}` }),
    );

/** A {@link SLUG} field; `what` names the field in the format error. */
export const slug = (what: string) => text(SLUG_RULE).check(z.regex(SLUG, { error: `${what} must be ${SLUG_RULE}` }));

/** A tag key: AWS's characters and length, and not in the reserved `aws:` prefix. */
export const tagKey = text(`1-128 characters of ${TAG_CHARS}`).check(
  z.refine((key: string) => tagKeyProblem(key) === undefined, { error: (issue) => tagKeyProblem(String(issue.input)) }),
);

/** A tag value: AWS's characters and length. */
export const tagValue = text(`0-256 characters of ${TAG_CHARS}`).check(
  z.refine((value: string) => tagValueProblem(value) === undefined, { error: (issue) => tagValueProblem(String(issue.input)) }),
);

/** An email address, at most 254 characters. */
export const email = z
  .email({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be an email address like name@example.com') })
  .check(z.maxLength(254, { error: 'must be at most 254 characters' }));

/** 1-10 email addresses, each once (AWS Budgets notifications accept 10 email subscribers). */
export const emailList = z
  .array(email, { error: 'must be a list of email addresses' })
  .check(
    z.minLength(1, { error: 'must list at least one email address (leave the key out to use the default)' }),
    z.maxLength(10, { error: 'must list at most 10 email addresses (AWS Budgets notifications accept 10 email subscribers)' }),
    uniqueItems('email address'),
  );

/** A 12-digit AWS account id, written as a quoted string (YAML would drop leading zeros of a number). */
export const accountId = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? 'is required'
        : 'must be a 12-digit AWS account id written as a quoted string, e.g. "012345678901" (unquoted, YAML reads it as a number and drops leading zeros)',
  })
  .check(z.regex(/^\d{12}$/, { error: 'must be exactly 12 digits, e.g. "012345678901"' }));

/** A switch with its default and description. */
export const toggle = (dflt: boolean, description: string) =>
  z._default(z.boolean({ error: 'must be true or false' }), dflt).check(z.describe(`${description} Default: ${dflt}.`));

/** An amount of US dollars greater than zero (budget limits, alert thresholds). */
export const positiveUsd = z
  .number({ error: 'must be a number of US dollars, e.g. 250' })
  .check(
    z.positive({ error: 'must be greater than zero (a budget of 0 or less would alarm all the time)' }),
    z.maximum(1_000_000_000, { error: 'must be at most 1,000,000,000' }),
  );

/**
 * A check that reports the duplicates of a list (by a key) at the position of each repeated item:
 * `z.array(item).check(uniqueItems('budget name', (b) => b.name))`.
 *
 * It runs even when some items are invalid (`when: () => true`) so that every problem is
 * reported at once; items whose key is not a string yet are skipped.
 */
export function uniqueItems<T>(what: string, keyOf: (item: T) => unknown = (item) => item) {
  return z.superRefine<T[]>(
    (items, ctx) => {
      if (!Array.isArray(items)) return;
      const seen = new Map<string, number>();
      items.forEach((item, index) => {
        const key = keyOf(item ?? ({} as T));
        if (typeof key !== 'string') return;
        const first = seen.get(key);
        if (first === undefined) {
          seen.set(key, index);
        } else {
          ctx.addIssue({ code: 'custom', path: [index], input: key, message: `duplicate ${what} "${key}" (already at position ${first})` });
        }
      });
    },
    { when: () => true },
  );
}

/** A layer's section: an `enabled` switch plus its own settings. */
export const section = <Shape extends z.core.$ZodLooseShape>(enabledByDefault: boolean, what: string, shape: Shape) =>
  strictObject({
    enabled: z
      ._default(z.boolean({ error: 'must be true or false' }), enabledByDefault)
      .check(z.describe(`Deploy ${what}. Default: ${enabledByDefault}.`)),
    ...shape,
  });

/**
 * An optional list of named IAM principals (roles or users, never an account root) that a trust
 * policy admits, e.g. `security.iam.deployer.principals`.
 */
export function principalArns(description: string) {
  return z.optional(
    z
      .array(text('a role or user ARN').check(z.regex(ROLE_OR_USER_ARN, { error: `must be ${ROLE_OR_USER_ARN_RULE}` })), {
        error: 'must be a list of IAM role or user ARNs',
      })
      .check(
        z.minLength(1, { error: 'must list at least one principal (or leave the field out)' }),
        uniqueItems('principal'),
        z.describe(description),
      ),
  );
}
