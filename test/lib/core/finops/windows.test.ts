import {
  addDays,
  collectionWindow,
  dateToEpochMs,
  datesInRange,
  daysInMonth,
  firstDayOfMonth,
  isLeapYear,
  lastDayOfMonth,
  localDate,
  monthOf,
  utcMidnight,
} from '../../../../lib/core/finops/windows';

describe('calendar arithmetic', () => {
  test.each([
    ['2026-03-15', 1, '2026-03-16'],
    ['2026-01-31', 1, '2026-02-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2027-01-01', -1, '2026-12-31'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2028-02-29', 1, '2028-03-01'],
    ['2027-02-28', 1, '2027-03-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-03-29', 1, '2026-03-30'], // daylight saving day in Europe: UTC arithmetic is unaffected
  ])('addDays(%s, %i) = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  test.each([
    [2028, true],
    [2026, false],
    [2000, true],
    [2100, false],
  ])('isLeapYear(%i) = %s', (year, expected) => {
    expect(isLeapYear(year)).toBe(expected);
  });

  test.each([
    ['2028-02-10', 29, '2028-02-29'],
    ['2027-02-10', 28, '2027-02-28'],
    ['2100-02-01', 28, '2100-02-28'],
    ['2026-04-30', 30, '2026-04-30'],
    ['2026-12-01', 31, '2026-12-31'],
  ])('month of %s has %i days, the last on %s', (date, days, last) => {
    expect(daysInMonth(date)).toBe(days);
    expect(lastDayOfMonth(date)).toBe(last);
  });

  test.each([
    ['2026-03-15', 0, '2026-03-01'],
    ['2026-01-15', -1, '2025-12-01'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-03-31', -13, '2025-02-01'],
    ['2028-02-29', 1, '2028-03-01'],
  ])('firstDayOfMonth(%s, %i) = %s', (date, months, expected) => {
    expect(firstDayOfMonth(date, months)).toBe(expected);
  });

  test('datesInRange is half-open and crosses months and leap days', () => {
    expect(datesInRange('2028-02-27', '2028-03-02')).toEqual(['2028-02-27', '2028-02-28', '2028-02-29', '2028-03-01']);
    expect(datesInRange('2026-03-01', '2026-03-01')).toEqual([]);
  });

  test.each(['2027-02-29', '2026-13-01', '2026-04-31', '26-1-1', ''])('rejects the non-date "%s"', (date) => {
    expect(() => dateToEpochMs(date)).toThrow(/not a (calendar )?date/);
  });

  test('utcMidnight and monthOf', () => {
    expect(utcMidnight('2028-02-29').toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(monthOf('2028-02-29')).toBe('2028-02');
  });
});

describe('localDate', () => {
  test.each([
    // Auckland is UTC+13 in February (daylight saving time)
    ['2026-02-28T10:59:00Z', 'Pacific/Auckland', '2026-02-28'],
    ['2026-02-28T11:00:00Z', 'Pacific/Auckland', '2026-03-01'],
    // Los Angeles is UTC-7 from 8 March 2026
    ['2026-04-01T06:59:00Z', 'America/Los_Angeles', '2026-03-31'],
    ['2026-04-01T07:00:00Z', 'America/Los_Angeles', '2026-04-01'],
    // and UTC-8 in winter
    ['2027-01-01T07:59:00Z', 'America/Los_Angeles', '2026-12-31'],
    ['2027-01-01T08:00:00Z', 'America/Los_Angeles', '2027-01-01'],
    ['2028-02-29T23:30:00Z', 'UTC', '2028-02-29'],
    ['2028-02-29T23:30:00Z', 'Europe/Berlin', '2028-03-01'],
    ['2026-06-15T12:00:00Z', 'Asia/Calcutta', '2026-06-15'], // an alias the schema accepts
  ])('%s in %s is %s', (instant, zone, expected) => {
    expect(localDate(new Date(instant), zone)).toBe(expected);
  });

  test('names an unknown time zone', () => {
    expect(() => localDate(new Date(), 'Mars/Olympus_Mons')).toThrow(/client.timeZone "Mars\/Olympus_Mons" is not an IANA time zone/);
  });
});

describe('collectionWindow', () => {
  test.each([
    {
      name: 'mid-month in Berlin',
      now: '2026-03-15T06:00:00Z',
      zone: 'Europe/Berlin',
      expected: {
        localToday: '2026-03-15',
        utcToday: '2026-03-15',
        month: '2026-03',
        monthStart: '2026-03-01',
        nextMonthStart: '2026-04-01',
        daysInMonth: 31,
        costs: { start: '2026-02-01', end: '2026-03-16' },
        forecast: { start: '2026-03-15', end: '2026-04-01' },
      },
    },
    {
      name: 'first day of a month (month boundary)',
      now: '2026-04-01T05:00:00Z',
      zone: 'Europe/Berlin',
      expected: {
        localToday: '2026-04-01',
        month: '2026-04',
        costs: { start: '2026-03-01', end: '2026-04-02' },
        forecast: { start: '2026-04-01', end: '2026-05-01' },
      },
    },
    {
      name: 'new year in Berlin (year boundary)',
      now: '2027-01-01T06:00:00Z',
      zone: 'Europe/Berlin',
      expected: {
        localToday: '2027-01-01',
        month: '2027-01',
        monthStart: '2027-01-01',
        nextMonthStart: '2027-02-01',
        costs: { start: '2026-12-01', end: '2027-01-02' },
        forecast: { start: '2027-01-01', end: '2027-02-01' },
      },
    },
    {
      name: 'last day of a 30-day month',
      now: '2026-04-30T15:00:00Z',
      zone: 'UTC',
      expected: {
        localToday: '2026-04-30',
        daysInMonth: 30,
        costs: { start: '2026-03-01', end: '2026-05-01' },
        forecast: { start: '2026-04-30', end: '2026-05-01' },
      },
    },
    {
      name: 'leap day 2028-02-29',
      now: '2028-02-29T12:00:00Z',
      zone: 'Europe/Berlin',
      expected: {
        localToday: '2028-02-29',
        month: '2028-02',
        daysInMonth: 29,
        nextMonthStart: '2028-03-01',
        costs: { start: '2028-01-01', end: '2028-03-01' },
        forecast: { start: '2028-02-29', end: '2028-03-01' },
      },
    },
    {
      name: 'the day after a leap day',
      now: '2028-03-01T12:00:00Z',
      zone: 'Europe/Berlin',
      expected: {
        localToday: '2028-03-01',
        costs: { start: '2028-02-01', end: '2028-03-02' },
        forecast: { start: '2028-03-01', end: '2028-04-01' },
      },
    },
    {
      name: 'Auckland just before midnight on the last day',
      now: '2026-02-28T10:30:00Z',
      zone: 'Pacific/Auckland',
      expected: {
        localToday: '2026-02-28',
        utcToday: '2026-02-28',
        month: '2026-02',
        costs: { start: '2026-01-01', end: '2026-03-01' },
        forecast: { start: '2026-02-28', end: '2026-03-01' },
      },
    },
    {
      name: 'Auckland just after midnight on the 1st: the month has no UTC day yet',
      now: '2026-02-28T11:30:00Z',
      zone: 'Pacific/Auckland',
      expected: {
        localToday: '2026-03-01',
        utcToday: '2026-02-28',
        month: '2026-03',
        monthStart: '2026-03-01',
        costs: { start: '2026-02-01', end: '2026-03-01' },
        forecast: { start: '2026-03-01', end: '2026-04-01' },
      },
    },
    {
      name: 'Auckland on New Year just after midnight',
      now: '2026-12-31T11:30:00Z',
      zone: 'Pacific/Auckland',
      expected: {
        localToday: '2027-01-01',
        utcToday: '2026-12-31',
        month: '2027-01',
        costs: { start: '2026-12-01', end: '2027-01-01' },
        forecast: { start: '2027-01-01', end: '2027-02-01' },
      },
    },
    {
      name: 'Los Angeles late on the last day: the month is over in UTC, no forecast',
      now: '2026-04-01T06:30:00Z',
      zone: 'America/Los_Angeles',
      expected: {
        localToday: '2026-03-31',
        utcToday: '2026-04-01',
        month: '2026-03',
        costs: { start: '2026-02-01', end: '2026-04-01' },
        forecast: undefined,
      },
    },
    {
      name: 'Los Angeles just after midnight on the 1st',
      now: '2026-04-01T07:30:00Z',
      zone: 'America/Los_Angeles',
      expected: {
        localToday: '2026-04-01',
        utcToday: '2026-04-01',
        month: '2026-04',
        costs: { start: '2026-03-01', end: '2026-04-02' },
        forecast: { start: '2026-04-01', end: '2026-05-01' },
      },
    },
    {
      name: "Los Angeles late on New Year's Eve",
      now: '2027-01-01T07:30:00Z',
      zone: 'America/Los_Angeles',
      expected: { localToday: '2026-12-31', month: '2026-12', costs: { start: '2026-11-01', end: '2027-01-01' }, forecast: undefined },
    },
  ])('$name', ({ now, zone, expected }) => {
    expect(collectionWindow(new Date(now), zone)).toMatchObject(expected);
  });

  test('the window never ends past the first day of the next UTC month (Cost Explorer rejects that)', () => {
    for (let hour = 0; hour < 24 * 3; hour++) {
      const now = new Date(Date.parse('2026-03-30T00:00:00Z') + hour * 3_600_000);
      for (const zone of ['Pacific/Kiritimati', 'Pacific/Auckland', 'UTC', 'America/Los_Angeles', 'Pacific/Pago_Pago']) {
        const window = collectionWindow(now, zone);
        expect(window.costs.end <= firstDayOfMonth(now.toISOString().slice(0, 10), 1)).toBe(true);
        expect(window.costs.start < window.costs.end).toBe(true);
        if (window.forecast) expect(window.forecast.start >= now.toISOString().slice(0, 10)).toBe(true);
      }
    }
  });
});
