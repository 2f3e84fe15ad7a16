// Calendar dates and Asia/Shanghai wall-clock times, on dayjs with its utc plugin (the design card's library; core
// and one plugin, about 9 KB, so the mini-program package stays small).
//
// Asia/Shanghai is UTC+8 with no daylight saving since 1991, so its wall clock is a fixed offset from UTC. The
// timezone plugin is not used: it reads Intl's time zone data, which WeChat's JS engines (JavaScriptCore on iOS,
// V8 on Android, older base libraries) do not all carry. Nor is `dayjs.utc(instant).utcOffset(480)`: the utc
// plugin builds a fixed-offset time through the host's local clock, so on a phone or server whose own time zone
// has daylight saving it reads an hour off near that zone's changes (measured: 568 of 200,000 instants from 1992
// to 2100 wrong under TZ=America/New_York; dayjs issues #2077, #1816); `utcOffset(480, true)` depends on the host
// zone outright. So a Shanghai wall clock here is a UTC-mode Dayjs moved forward by the offset: its fields and
// format() read Shanghai's calendar and clock on any host, and shanghaiInstant() moves it back to the instant.
// Never format such a clock with an offset or 'Z', and never call toDate() on it: use shanghaiInstant().
//
// `import x = require()` compiles to a plain `require('dayjs')`, which DevTools resolves to miniprogram_npm and
// node (jest, tsc, esbuild) to node_modules; a default import would need esModuleInterop's helper at run time.
import dayjs = require('dayjs');
import utc = require('dayjs/plugin/utc');

dayjs.extend(utc);

export type Dayjs = dayjs.Dayjs;

export interface CalendarDate {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

export const SHANGHAI_UTC_OFFSET_MINUTES = 480;

/** The Asia/Shanghai wall clock at an instant (see the top of this file); invalid input gives an invalid Dayjs. */
export function shanghaiClock(instant: Date | number): Dayjs {
  return dayjs.utc(instant).add(SHANGHAI_UTC_OFFSET_MINUTES, 'minute');
}

/** The instant at which Shanghai's wall clock reads `clock`. */
export function shanghaiInstant(clock: Dayjs): Date {
  return clock.subtract(SHANGHAI_UTC_OFFSET_MINUTES, 'minute').toDate();
}

/** Shanghai's wall clock at that date and time of day (the fields are taken as valid). */
export function shanghaiWallClock(date: CalendarDate, hour = 0, minute = 0, second = 0): Dayjs {
  // Set one field at a time from 1 January so no step clamps the day of an earlier, shorter month.
  return dayjs.utc(0).year(date.year).month(date.month - 1).date(date.day).hour(hour).minute(minute).second(second);
}

/** ISO instant → 'YYYY-MM-DD HH:mm' in Asia/Shanghai; an unparseable string is shown as it is. */
export function shanghaiDateTime(iso: string): string {
  const clock = shanghaiClock(Date.parse(iso));
  return clock.isValid() ? clock.format('YYYY-MM-DD HH:mm') : iso;
}

/** The calendar date in Asia/Shanghai at `instant`. */
export function shanghaiDate(instant: Date): CalendarDate {
  const clock = shanghaiClock(instant);
  if (!clock.isValid()) throw new RangeError('shanghaiDate: invalid Date');
  return { year: clock.year(), month: clock.month() + 1, day: clock.date() };
}

/**
 * Day 0 of the next month is this month's last day (proleptic Gregorian, as dayjs counts). Plain Date arithmetic:
 * every birth date read (parseDate → isRealDate) passes here, and a dayjs object per call was most of the matching
 * ranking's time in `npm run bench -- matching`. setUTCFullYear keeps years 0–99 as they are (Date.UTC would not).
 */
export function daysInMonth(year: number, month: number): number {
  const lastDay = new Date(0);
  lastDay.setUTCFullYear(year, month, 0);
  return lastDay.getUTCDate();
}

export function isLeapYear(year: number): boolean {
  return daysInMonth(year, 2) === 29;
}

export function isRealDate(d: CalendarDate): boolean {
  return (
    Number.isInteger(d.year) &&
    Number.isInteger(d.month) &&
    Number.isInteger(d.day) &&
    d.year >= 1 &&
    d.year <= 9999 &&
    d.month >= 1 &&
    d.month <= 12 &&
    d.day >= 1 &&
    d.day <= daysInMonth(d.year, d.month)
  );
}

/** Negative when a is earlier, 0 when equal, positive when later. */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** 'YYYY-MM-DD'. */
export function formatDate(d: CalendarDate): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** Parses 'YYYY-MM-DD'; undefined unless it is a real calendar date in exactly that form. */
export function parseDate(s: string): CalendarDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return undefined;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isRealDate(d) ? d : undefined;
}

/** Parses 'YYYYMMDD' as printed inside an ID number; undefined unless it is a real calendar date. */
export function parseCompactDate(s: string): CalendarDate | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return undefined;
  const d = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  return isRealDate(d) ? d : undefined;
}

/** A Date is read as the Shanghai calendar date of that instant; a calendar date is taken as is. */
export function toCalendarDate(today: CalendarDate | Date): CalendarDate {
  return today instanceof Date ? shanghaiDate(today) : today;
}
