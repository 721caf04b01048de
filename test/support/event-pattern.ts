/**
 * EventBridge event pattern matching, for tests: does a synthesized rule's `EventPattern` match a
 * recorded event?
 *
 * No offline implementation of EventBridge's matcher is published on the npm registry (AWS's own
 * is the Java library aws/event-ruler; `TestEventPattern` needs an AWS account), so this follows
 * the documented semantics ("Creating event patterns" and "Content filtering" in the EventBridge
 * user guide), and `event-pattern.test.ts` holds it to the examples of those pages:
 *
 * - every field named in the pattern must be present in the event (except `{ exists: false }`);
 * - a leaf of the pattern is a list; the event's value must match one entry of it, and an event
 *   value that is a list matches when one of its elements does;
 * - a nested pattern object matches an event object, or one element of a list of objects;
 * - exact values compare as JSON values (`"5"` does not match `5`).
 *
 * Operators it does not implement (`wildcard`, `cidr`, `$or`, ...) throw instead of answering, so a
 * test can never pass on a pattern it did not understand.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** True when `pattern` (an `EventPattern` as CloudFormation holds it) matches `event`. */
export function matchesEventPattern(pattern: unknown, event: unknown): boolean {
  if (!isObject(pattern)) throw new Error(`an event pattern must be a JSON object (received ${JSON.stringify(pattern)})`);
  if (!isObject(event)) throw new Error(`an event must be a JSON object (received ${JSON.stringify(event)})`);
  return matchObject(pattern, event, '');
}

function matchObject(pattern: JsonObject, event: JsonObject, path: string): boolean {
  return Object.entries(pattern).every(([key, expected]) => {
    const where = path ? `${path}.${key}` : key;
    if (key.startsWith('$')) throw new Error(`event pattern at ${where}: ${key} is not implemented by this test matcher`);
    const present = Object.prototype.hasOwnProperty.call(event, key);
    const actual = present ? event[key] : undefined;
    if (Array.isArray(expected)) return matchLeaf(expected, present, actual as Json | undefined, where);
    if (isObject(expected)) {
      if (!present) return false;
      if (isObject(actual)) return matchObject(expected, actual, where);
      if (Array.isArray(actual)) return actual.some((element) => isObject(element) && matchObject(expected, element, where));
      return false;
    }
    throw new Error(`event pattern at ${where}: a value must be a list or an object (received ${JSON.stringify(expected)})`);
  });
}

function matchLeaf(matchers: Json[], present: boolean, actual: Json | undefined, where: string): boolean {
  const values: Json[] = !present ? [] : Array.isArray(actual) ? actual : [actual as Json];
  return matchers.some((matcher) => {
    if (isObject(matcher) && 'exists' in matcher) {
      if (Object.keys(matcher).length !== 1 || typeof matcher.exists !== 'boolean') {
        throw new Error(`event pattern at ${where}: exists takes true or false only (received ${JSON.stringify(matcher)})`);
      }
      return matcher.exists === (present && !isObject(actual));
    }
    return values.some((value) => matchValue(matcher, value, where));
  });
}

function matchValue(matcher: Json, value: Json, where: string): boolean {
  if (!isObject(matcher)) return JSON.stringify(matcher) === JSON.stringify(value);
  const operators = Object.keys(matcher);
  if (operators.length !== 1) throw new Error(`event pattern at ${where}: one operator per matcher (received ${JSON.stringify(matcher)})`);
  const operator = operators[0];
  const argument = matcher[operator];
  switch (operator) {
    case 'prefix':
      return typeof value === 'string' && value.startsWith(stringArgument(operator, argument, where));
    case 'suffix':
      return typeof value === 'string' && value.endsWith(stringArgument(operator, argument, where));
    case 'equals-ignore-case':
      return typeof value === 'string' && value.toLowerCase() === stringArgument(operator, argument, where).toLowerCase();
    case 'anything-but':
      if (isObject(argument)) return !matchValue(argument, value, where);
      return !(Array.isArray(argument) ? argument : [argument]).some((excluded) => matchValue(excluded, value, where));
    case 'numeric':
      return typeof value === 'number' && matchNumeric(argument, value, where);
    default:
      throw new Error(`event pattern at ${where}: the ${operator} operator is not implemented by this test matcher`);
  }
}

function stringArgument(operator: string, argument: Json, where: string): string {
  if (typeof argument !== 'string') {
    throw new Error(`event pattern at ${where}: ${operator} with ${JSON.stringify(argument)} is not implemented by this test matcher`);
  }
  return argument;
}

const COMPARISONS: Record<string, (left: number, right: number) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '=': (a, b) => a === b,
  '>=': (a, b) => a >= b,
  '>': (a, b) => a > b,
};

function matchNumeric(argument: Json, value: number, where: string): boolean {
  if (!Array.isArray(argument) || argument.length === 0 || argument.length % 2 !== 0) {
    throw new Error(`event pattern at ${where}: numeric takes operator/number pairs (received ${JSON.stringify(argument)})`);
  }
  for (let index = 0; index < argument.length; index += 2) {
    const compare = COMPARISONS[argument[index] as string];
    const bound = argument[index + 1];
    if (!compare || typeof bound !== 'number') {
      throw new Error(`event pattern at ${where}: numeric takes operator/number pairs (received ${JSON.stringify(argument)})`);
    }
    if (!compare(value, bound)) return false;
  }
  return true;
}
