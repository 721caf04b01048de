import { z } from 'zod';
import { TAG_CHARS, tagKeyProblem, tagValueProblem } from '../rules/tags';
import { SLUG, SLUG_RULE, strictObjectError, textError } from './mini-primitives';

/**
 * Building blocks of the client configuration schema: field types whose error messages say what
 * is allowed, strict objects that answer typos with "did you mean", list checks that report every
 * duplicate. Shared by every section of the schema.
 */

// The rules and helpers without zod live in mini-primitives, so the Lambdas can use them without
// pulling in classic zod, which this module's top-level schemas would bring into their bundles.
export { SLUG, SLUG_RULE, closestKey } from './mini-primitives';

/**
 * An object that rejects unknown keys (typos) with a message listing the allowed keys and the
 * closest match, so `homeRegon` is answered with "did you mean homeRegion?".
 */
export function strictObject<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.strictObject(shape, { error: strictObjectError(Object.keys(shape)) });
}

/** A string field whose type error says the same thing as its format error. */
export function text(rule: string) {
  return z.string({ error: textError(rule) });
}

export const slug = (what: string) => text(SLUG_RULE).regex(SLUG, { error: `${what} must be ${SLUG_RULE}` });

export const email = z
  .email({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be an email address like name@example.com') })
  .max(254, { error: 'must be at most 254 characters' });

export const emailList = z
  .array(email, { error: 'must be a list of email addresses' })
  .min(1, { error: 'must list at least one email address (leave the key out to use the default)' })
  .max(10, { error: 'must list at most 10 email addresses (AWS Budgets notifications accept 10 email subscribers)' })
  .superRefine(...uniqueItems('email address'));

export const accountId = z
  .string({
    error: (issue) =>
      issue.input === undefined
        ? 'is required'
        : 'must be a 12-digit AWS account id written as a quoted string, e.g. "012345678901" (unquoted, YAML reads it as a number and drops leading zeros)',
  })
  .regex(/^\d{12}$/, { error: 'must be exactly 12 digits, e.g. "012345678901"' });

export const tagKey = text(`1-128 characters of ${TAG_CHARS}`).refine((key) => tagKeyProblem(key) === undefined, {
  error: (issue) => tagKeyProblem(String(issue.input)),
});

export const tagValue = text(`0-256 characters of ${TAG_CHARS}`).refine((value) => tagValueProblem(value) === undefined, {
  error: (issue) => tagValueProblem(String(issue.input)),
});

export const positiveUsd = z
  .number({ error: 'must be a number of US dollars, e.g. 250' })
  .positive({ error: 'must be greater than zero (a budget of 0 or less would alarm all the time)' })
  .max(1_000_000_000, { error: 'must be at most 1,000,000,000' });

/**
 * Reports the duplicates of a list (by a key) at the position of each repeated item.
 *
 * It runs even when some items are invalid (`when: () => true`) so that every problem is
 * reported at once; items whose key is not a string yet are skipped.
 */
export function uniqueItems<T>(what: string, keyOf: (item: T) => unknown = (item) => item) {
  const check = (items: T[], ctx: z.RefinementCtx) => {
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
  };
  return [check, { when: () => true }] as const;
}

/** A layer's section: an `enabled` switch plus its own settings. */
export const section = <Shape extends z.ZodRawShape>(enabledByDefault: boolean, what: string, shape: Shape) =>
  strictObject({
    enabled: z
      .boolean({ error: 'must be true or false' })
      .default(enabledByDefault)
      .describe(`Deploy ${what}. Default: ${enabledByDefault}.`),
    ...shape,
  });
