// Calendar dates without a time library, to keep the mini-program package small.
// Asia/Shanghai is UTC+8 with no daylight saving since 1991, so the Shanghai calendar date of an instant is the UTC
// date of (instant + 8 h). Every date this product reasons about (birthdays, registration) is after 1991 or only
// compared as a calendar date, so the fixed offset is exact for it.

export interface CalendarDate {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** ISO instant → 'YYYY-MM-DD HH:mm' in Asia/Shanghai; an unparseable string is shown as it is. */
export function shanghaiDateTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  return new Date(t + SHANGHAI_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** The calendar date in Asia/Shanghai at `instant`. */
export function shanghaiDate(instant: Date): CalendarDate {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError('shanghaiDate: invalid Date');
  const shifted = new Date(t + SHANGHAI_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
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
