/**
 * Date windows of one collector run: calendar arithmetic on `YYYY-MM-DD` dates and the mapping
 * between the client's time zone and Cost Explorer's days. Pure: no SDK import, no clock.
 *
 * How the client's time zone maps to Cost Explorer days: Cost Explorer's DAILY results are UTC
 * days, and nothing finer than a day is available at that granularity, so a cost day is never
 * shifted: the UTC day `2026-03-01` counts as the client's `2026-03-01`. The time zone decides
 * only what "today" and "this month" are for the client (and so the window and which days are
 * month-to-date). The month boundary for costs is therefore the same as on the AWS bill and in
 * AWS Budgets, which are UTC too. Two consequences, both handled here:
 * - East of UTC (Pacific/Auckland), just after local midnight on the 1st, the client's month has
 *   started but its first UTC day has not: month-to-date is 0 and the forecast covers the whole
 *   month.
 * - West of UTC (America/Los_Angeles), late in the evening of the last day, UTC is already in the
 *   next month: the client's month is complete in Cost Explorer and needs no forecast.
 */

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** A calendar month, `YYYY-MM`. */
export type IsoMonth = string;

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight UTC of a date, in epoch milliseconds; throws on anything but a real `YYYY-MM-DD` date. */
export function dateToEpochMs(date: IsoDate): number {
  const match = ISO_DATE.exec(date);
  if (!match) throw new RangeError(`"${date}" is not a date in the form YYYY-MM-DD`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const epochMs = Date.UTC(year, month - 1, day);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(`${match[1]}-${match[2]}-01`)) {
    throw new RangeError(`"${date}" is not a calendar date`);
  }
  return epochMs;
}

/** The UTC date of an instant given in epoch milliseconds. */
export function epochMsToDate(epochMs: number): IsoDate {
  return new Date(epochMs).toISOString().slice(0, 10);
}

/** Midnight UTC of a date: the timestamp of that cost day's datapoints. */
export function utcMidnight(date: IsoDate): Date {
  return new Date(dateToEpochMs(date));
}

/** The UTC calendar date of an instant. */
export function utcDate(instant: Date): IsoDate {
  return instant.toISOString().slice(0, 10);
}

/** `date` moved by `days` calendar days (negative moves back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return epochMsToDate(dateToEpochMs(date) + days * DAY_MS);
}

/** Whether `year` has a 29 February. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in the month of `date`. */
export function daysInMonth(date: IsoDate): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** The month of a date, `YYYY-MM`. */
export function monthOf(date: IsoDate): IsoMonth {
  dateToEpochMs(date);
  return date.slice(0, 7);
}

/** The first day of the month of `date`, moved by `months` whole months (negative moves back). */
export function firstDayOfMonth(date: IsoDate, months = 0): IsoDate {
  dateToEpochMs(date);
  const index = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-01`;
}

/** The last day of the month of `date`. */
export function lastDayOfMonth(date: IsoDate): IsoDate {
  return `${date.slice(0, 8)}${String(daysInMonth(date)).padStart(2, '0')}`;
}

/** The earlier of two dates. */
export function minDate(a: IsoDate, b: IsoDate): IsoDate {
  return a <= b ? a : b;
}

/** The later of two dates. */
export function maxDate(a: IsoDate, b: IsoDate): IsoDate {
  return a >= b ? a : b;
}

/** Every date from `start` (inclusive) to `endExclusive` (exclusive), in order. */
export function datesInRange(start: IsoDate, endExclusive: IsoDate): IsoDate[] {
  const dates: IsoDate[] = [];
  const endMs = dateToEpochMs(endExclusive);
  for (let ms = dateToEpochMs(start); ms < endMs; ms += DAY_MS) dates.push(epochMsToDate(ms));
  return dates;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar date of an instant in an IANA time zone. Throws a RangeError naming the zone if
 * the runtime does not know it.
 */
export function localDate(instant: Date, timeZone: string): IsoDate {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        calendar: 'gregory',
        numberingSystem: 'latn',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
    } catch {
      throw new RangeError(`client.timeZone "${timeZone}" is not an IANA time zone this runtime knows (e.g. Europe/Berlin)`);
    }
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year.padStart(4, '0')}-${parts.month}-${parts.day}`;
}

/** A half-open range of dates: `start` inclusive, `end` exclusive (Cost Explorer's convention). */
export interface DateRange {
  /** First date, inclusive. */
  readonly start: IsoDate;
  /** Date after the last one (exclusive). */
  readonly end: IsoDate;
}

/** The dates one collector run works with. */
export interface CollectionWindow {
  /** The client's calendar date at run time. */
  readonly localToday: IsoDate;
  /** The UTC date at run time: Cost Explorer's "today". */
  readonly utcToday: IsoDate;
  /** The client's current month. */
  readonly month: IsoMonth;
  /** First day of the client's current month. */
  readonly monthStart: IsoDate;
  /** First day of the next month (exclusive end of the current month). */
  readonly nextMonthStart: IsoDate;
  /** Number of days in the client's current month. */
  readonly daysInMonth: number;
  /**
   * The daily cost window: from the first day of the previous month (so that revised estimates
   * of last month are re-read) through today. `end` never passes the UTC "today + 1", because
   * Cost Explorer has no data for a UTC day that has not started and rejects an end past the
   * beginning of the next (UTC) month.
   */
  readonly costs: DateRange;
  /**
   * The forecast period: from today (UTC; Cost Explorer rejects a forecast that starts in the
   * past), or from the first day of the month if that is later, to the end of the month.
   * Undefined when the month is already over in UTC: its month-to-date cost is then final.
   */
  readonly forecast: DateRange | undefined;
}

/** The window of a run at instant `now` for a client in `timeZone`. */
export function collectionWindow(now: Date, timeZone: string): CollectionWindow {
  const localToday = localDate(now, timeZone);
  const utcToday = utcDate(now);
  const monthStart = firstDayOfMonth(localToday);
  const nextMonthStart = firstDayOfMonth(localToday, 1);
  const forecastStart = maxDate(utcToday, monthStart);
  return {
    localToday,
    utcToday,
    month: monthOf(localToday),
    monthStart,
    nextMonthStart,
    daysInMonth: daysInMonth(localToday),
    costs: { start: firstDayOfMonth(localToday, -1), end: addDays(minDate(localToday, utcToday), 1) },
    forecast: forecastStart < nextMonthStart ? { start: forecastStart, end: nextMonthStart } : undefined,
  };
}
