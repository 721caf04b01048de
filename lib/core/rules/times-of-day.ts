/**
 * The one rule for local times of day (`HH:MM`, 24-hour), used by the client config (collector
 * and waste finder run times) and by `ScheduledFunction.dailyAt`.
 */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** The hour and minute of `HH:MM`, or `undefined` when it is not a time of day. */
export function parseTimeOfDay(time: string): { readonly hour: number; readonly minute: number } | undefined {
  const match = TIME_OF_DAY.exec(time);
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : undefined;
}
