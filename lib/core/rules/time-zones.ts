/**
 * The one rule for time zones, used by the client config, the Lambda settings and the constructs
 * (backup plans, restore tests, schedules): an IANA time zone name, spelled as the database spells
 * it. AWS Backup and EventBridge Scheduler take the name as written, and `Intl` would also take
 * `europe/berlin`, so the check asks `Intl` whether it knows the zone and insists on its spelling.
 */

/** What is wrong with a time zone name, or `undefined` when it is one. */
export function timeZoneProblem(name: string): string | undefined {
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return 'must be an IANA time zone name such as Europe/Berlin, Europe/London, America/New_York or UTC';
  }
  // Intl resolves a known zone in any case; AWS wants the database's spelling.
  if (resolved.toLowerCase() === name.toLowerCase() && resolved !== name) {
    return `must be spelled as the IANA time zone database spells it: ${resolved}`;
  }
  // An alias Intl resolves to another zone (Asia/Calcutta, Europe/Kiev, US/Pacific) is written in
  // the database's capitalisation: every part starts with a capital or a digit.
  if (resolved !== name && !/^[A-Z][A-Za-z0-9_+-]*(\/[A-Z0-9][A-Za-z0-9_+-]*)*$/.test(name)) {
    return 'must be spelled as the IANA time zone database spells it, e.g. Europe/Berlin';
  }
  return undefined;
}

/**
 * Whether `name` is an IANA time zone name as AWS takes it. Intl accepts canonical names and their
 * aliases (`Asia/Kolkata` and `Asia/Calcutta`, `Europe/Kyiv` and `Europe/Kiev`), which Node's list
 * of supported values does not all contain; AWS Backup and EventBridge Scheduler accept both.
 */
export function isTimeZone(name: string): boolean {
  return timeZoneProblem(name) === undefined;
}
