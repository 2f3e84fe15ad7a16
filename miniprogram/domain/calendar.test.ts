import dayjs = require('dayjs');
import utc = require('dayjs/plugin/utc');
import fc from 'fast-check';
import {
  compareDates,
  daysInMonth,
  formatDate,
  isLeapYear,
  isRealDate,
  parseCompactDate,
  parseDate,
  shanghaiClock,
  shanghaiDate,
  shanghaiDateTime,
  shanghaiInstant,
  shanghaiWallClock,
} from './calendar';
import { charLength, compactCode, toHalfWidth } from './text';

describe('calendar', () => {
  test('an instant in Shanghai time, across the UTC day boundary; unparseable text shown as it is', () => {
    expect(shanghaiDateTime('2026-03-01T17:30:00.000Z')).toBe('2026-03-02 01:30');
    expect(shanghaiDateTime('2026-03-01T02:00:00.000Z')).toBe('2026-03-01 10:00');
    expect(shanghaiDateTime('not a date')).toBe('not a date');
  });

  test('a new Shanghai day begins at 16:00:00Z, a new year at 16:00:00Z on 31 December', () => {
    expect(shanghaiDateTime('2026-06-14T15:59:59.999Z')).toBe('2026-06-14 23:59');
    expect(shanghaiDateTime('2026-06-14T16:00:00.000Z')).toBe('2026-06-15 00:00');
    expect(shanghaiDate(new Date('2026-12-31T15:59:59Z'))).toEqual({ year: 2026, month: 12, day: 31 });
    expect(shanghaiDate(new Date('2026-12-31T16:00:00Z'))).toEqual({ year: 2027, month: 1, day: 1 });
    expect(shanghaiDateTime('2026-12-31T16:00:00Z')).toBe('2027-01-01 00:00');
    // 29 February exists in Shanghai only in leap years, and starts at 16:00Z on the 28th
    expect(shanghaiDate(new Date('2028-02-28T16:00:00Z'))).toEqual({ year: 2028, month: 2, day: 29 });
    expect(shanghaiDate(new Date('2027-02-28T16:00:00Z'))).toEqual({ year: 2027, month: 3, day: 1 });
  });

  test('a Shanghai wall clock converts back to the same instant (property), and from fields to its instant', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(shanghaiInstant(shanghaiClock(ms)).getTime()).toBe(ms);
      }),
    );
    expect(shanghaiInstant(shanghaiWallClock({ year: 2027, month: 1, day: 1 })).toISOString()).toBe('2026-12-31T16:00:00.000Z');
    expect(shanghaiInstant(shanghaiWallClock({ year: 2028, month: 2, day: 29 }, 23, 59, 59)).toISOString()).toBe('2028-02-29T15:59:59.000Z');
    // the day is set last, so a 31st after a short month is not clamped
    expect(shanghaiWallClock({ year: 2026, month: 3, day: 31 }).format('YYYY-MM-DD')).toBe('2026-03-31');
    expect(shanghaiClock(new Date('nope')).isValid()).toBe(false);
  });

  test('leap years: every 4, not every 100, every 400', () => {
    expect([1900, 2000, 2024, 2026, 2100].map(isLeapYear)).toEqual([false, true, true, false, false]);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
    expect(daysInMonth(2026, 1)).toBe(31);
    // years before 100 are years of the Gregorian calendar, not 1900 + year as Date.UTC reads them
    expect([4, 100, 812].map(isLeapYear)).toEqual([true, false, true]);
    expect(parseDate('0100-02-29')).toBeUndefined();
  });

  test('real dates only', () => {
    expect(isRealDate({ year: 1949, month: 2, day: 30 })).toBe(false);
    expect(isRealDate({ year: 2026, month: 13, day: 1 })).toBe(false);
    expect(isRealDate({ year: 2026, month: 0, day: 1 })).toBe(false);
    expect(isRealDate({ year: 2026, month: 1, day: 0 })).toBe(false);
    expect(isRealDate({ year: 2026, month: 1, day: 1.5 })).toBe(false);
    expect(parseDate('2026-02-29')).toBeUndefined();
    expect(parseDate('2026-2-28')).toBeUndefined();
    expect(parseDate('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseCompactDate('19491231')).toEqual({ year: 1949, month: 12, day: 31 });
    expect(parseCompactDate('19490230')).toBeUndefined();
  });

  test('compare and format', () => {
    expect(compareDates({ year: 2026, month: 3, day: 1 }, { year: 2026, month: 2, day: 28 })).toBeGreaterThan(0);
    expect(compareDates({ year: 2026, month: 3, day: 1 }, { year: 2026, month: 3, day: 1 })).toBe(0);
    expect(formatDate({ year: 812, month: 1, day: 5 })).toBe('0812-01-05');
  });
});

describe('text', () => {
  test('full-width characters and the ideographic space fold to ASCII', () => {
    expect(toHalfWidth('１２３ＡＢｘ\u3000－')).toBe('123ABx -');
    expect(compactCode(' １１０ １０５ x ')).toBe('110105X');
    expect(charLength('𠮷野')).toBe(2);
  });
});

test('daysInMonth counts as dayjs does, every month of years 1–9999', () => {
  dayjs.extend(utc);
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
      expect(daysInMonth(year, month)).toBe(dayjs.utc(0).year(year).month(month - 1).daysInMonth());
    }),
    { numRuns: 3000 },
  );
});
