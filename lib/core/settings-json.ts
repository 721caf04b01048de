import * as z from 'zod/mini';

/**
 * Parses a function's settings from the JSON environment variable `variable` with `schema`, the
 * schema the CDK side validated them with at synth time. Throws naming the variable: missing,
 * not JSON, or every invalid field with its path. Shared by every platform function.
 */
export function parseSettingsJson<T extends z.ZodMiniType>(
  variable: string,
  what: string,
  schema: T,
  raw: string | undefined,
): z.output<T> {
  if (raw === undefined || raw.trim() === '') throw new Error(`${variable} is not set: it must hold ${what} as JSON`);
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new Error(`${variable} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`${variable} is invalid: ${problems.join('; ')}`);
  }
  return result.data;
}
