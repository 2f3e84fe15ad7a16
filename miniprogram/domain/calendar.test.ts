import { compareDates, daysInMonth, formatDate, isLeapYear, isRealDate, parseCompactDate, parseDate, shanghaiDateTime } from './calendar';
import { charLength, compactCode, toHalfWidth } from './text';

describe('calendar', () => {
  test('an instant in Shanghai time, across the UTC day boundary; unparseable text shown as it is', () => {
    expect(shanghaiDateTime('2026-03-01T17:30:00.000Z')).toBe('2026-03-02 01:30');
    expect(shanghaiDateTime('2026-03-01T02:00:00.000Z')).toBe('2026-03-01 10:00');
    expect(shanghaiDateTime('not a date')).toBe('not a date');
  });

  test('leap years: every 4, not every 100, every 400', () => {
    expect([1900, 2000, 2024, 2026, 2100].map(isLeapYear)).toEqual([false, true, true, false, false]);
    expect(daysInMonth(2000, 2)).toBe(29);
    expect(daysInMonth(1900, 2)).toBe(28);
    expect(daysInMonth(2026, 4)).toBe(30);
    expect(daysInMonth(2026, 12)).toBe(31);
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
