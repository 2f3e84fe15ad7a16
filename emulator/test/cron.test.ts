// CloudBase's seven-field timer cron (second minute hour day month weekday year, UTC+8): what fires when, and what
// is refused. Instants are written in UTC; the schedule reads them in UTC+8.
import fc from 'fast-check';
import { CronError, parseCron } from '../src/runtime/cron';

const at = (iso: string): Date => new Date(iso);
const next = (expr: string, after: string): string | undefined => parseCron(expr).next(at(after))?.toISOString();

describe('firing times', () => {
  test.each([
    // WeChat's own examples (定时触发器)
    ['*/5 * * * * * *', '2026-03-01T00:00:03Z', '2026-03-01T00:00:05.000Z'],
    ['0 0 2 1 * * *', '2026-03-05T00:00:00Z', '2026-03-31T18:00:00.000Z'], // 02:00 on the 1st, UTC+8
    ['0 15 10 * * MON-FRI *', '2026-03-06T03:00:00Z', '2026-03-09T02:15:00.000Z'], // Fri after 10:15 → Mon
    ['0 0 10,14,16 * * * *', '2026-03-01T02:30:00Z', '2026-03-01T06:00:00.000Z'],
    ['0 */30 9-17 * * * *', '2026-03-01T09:31:00Z', '2026-03-02T01:00:00.000Z'], // after 17:31 → 09:00 next day
    ['0 0 12 * * WED *', '2026-03-01T00:00:00Z', '2026-03-04T04:00:00.000Z'],
    // "1/10" in minutes: from minute 1 every ten
    ['0 1/10 * * * * *', '2026-03-01T00:12:00Z', '2026-03-01T00:21:00.000Z'],
    // day 31 only in months that have it
    ['0 0 0 31 * * *', '2026-03-31T16:00:00Z', '2026-05-30T16:00:00.000Z'],
    // 29 February only in leap years
    ['0 0 0 29 2 * *', '2026-01-01T00:00:00Z', '2028-02-28T16:00:00.000Z'],
    // day and weekday both given: either one (the 15th, or a Sunday)
    ['0 0 8 15 * SUN *', '2026-03-02T00:00:00Z', '2026-03-08T00:00:00.000Z'],
    ['0 0 8 15 * SUN *', '2026-03-08T00:00:01Z', '2026-03-15T00:00:00.000Z'],
    // 0 is Sunday
    ['0 0 0 * * 0 *', '2026-03-02T00:00:00Z', '2026-03-07T16:00:00.000Z'],
    // a Shanghai day begins at 16:00:00Z: daily midnight, on both sides of it, and across the year end
    ['0 0 0 * * * *', '2026-12-31T15:59:59Z', '2026-12-31T16:00:00.000Z'],
    ['0 0 0 * * * *', '2026-12-31T16:00:00Z', '2027-01-01T16:00:00.000Z'],
    ['59 59 23 31 12 * *', '2026-12-31T15:59:59Z', '2027-12-31T15:59:59.000Z'],
    ['0 0 0 1 JAN * *', '2026-06-01T00:00:00Z', '2026-12-31T16:00:00.000Z'],
    // a Monday rule near midnight: 2026-03-09 is a Monday in Shanghai from 2026-03-08T16:00Z
    ['0 0 0 * * MON *', '2026-03-08T15:59:59Z', '2026-03-08T16:00:00.000Z'],
    // 29 February after one has passed: the next leap year
    ['0 0 0 29 2 * *', '2028-02-28T16:00:00Z', '2032-02-28T16:00:00.000Z'],
    // the year field
    ['0 0 0 1 1 * 2030', '2026-03-01T00:00:00Z', '2029-12-31T16:00:00.000Z'],
    // strictly after: a firing at the exact instant given is not the next one
    ['0 * * * * * *', '2026-03-01T00:01:00Z', '2026-03-01T00:02:00.000Z'],
  ])('%s after %s → %s', (expr, after, expected) => {
    expect(next(expr, after)).toBe(expected);
  });

  test('no firing once the year range has passed', () => {
    expect(parseCron('0 0 0 1 1 * 2027').next(at('2027-06-01T00:00:00Z'))).toBeNull();
  });

  test('every firing matches the fields and none is skipped (property)', () => {
    const schedule = parseCron('*/7 3/20 * * * * *');
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2030, 0, 1) }), (ms) => {
        const after = new Date(ms);
        const fired = schedule.next(after) as Date;
        const wall = new Date(fired.getTime() + 8 * 3600_000);
        expect(fired.getTime()).toBeGreaterThan(ms);
        expect(wall.getUTCSeconds() % 7).toBe(0);
        expect(wall.getUTCMinutes() >= 3 && (wall.getUTCMinutes() - 3) % 20 === 0).toBe(true);
        // Nothing in between matches: the second before the firing gives the same firing.
        if (fired.getTime() - 1000 > ms) expect(schedule.next(new Date(fired.getTime() - 1000))?.getTime()).toBe(fired.getTime());
      }),
    );
  });
});

describe('refused as CloudBase refuses it', () => {
  test.each([
    ['0 0 2 1 * *', /7 fields/], // the five/six-field forms of other crons
    ['0 0 2 1 * * * *', /7 fields/],
    ['60 * * * * * *', /second 60/],
    ['0 0 24 * * * *', /hour 24/],
    ['0 0 0 0 * * *', /day 0/],
    ['0 0 0 * 13 * *', /month 13/],
    ['0 0 0 * * 7 *', /weekday 7/],
    ['0 0 0 * * * 2100', /year 2100/],
    ['0 0 0 ? * MON *', /invalid value "\?"/], // Quartz's ? is not CloudBase's
    ['0 0 0 L * * *', /invalid value "L"/],
    ['0 0 0 * * MON#2 *', /invalid value/],
    ['0 0 0 * * mon *', /invalid value "mon"/], // names as documented, upper case
    ['0 0 5-1 * * * *', /backwards/],
    ['*/0 * * * * * *', /step/],
    ['0 0 0 1-2-3 * * *', /invalid range/],
  ])('%s', (expr, message) => {
    expect(() => parseCron(expr)).toThrow(CronError);
    expect(() => parseCron(expr)).toThrow(message);
  });
});
