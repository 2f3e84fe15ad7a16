// The reminder timer's pure rules: due times at the window edges, who gets which reminder, the mornings, the ISO
// week in Shanghai, and the fit of a new project.
import { bestFits, isMorning, isoWeekOf, morningOf, projectFit, publishedWindow, remindable, resumable, startWindow } from './rules';

const MIN = 60_000;
const HOUR = 60 * MIN;
const at = (iso: string) => new Date(iso);

describe('startWindow: the starts whose reminder fell due in the last 30 minutes', () => {
  test('24 h and 2 h ahead, open below and closed above', () => {
    const t = at('2026-12-02T02:00:00Z');
    expect(startWindow('24h', t)).toEqual({ after: at('2026-12-03T01:30:00Z'), upTo: at('2026-12-03T02:00:00Z') });
    expect(startWindow('2h', t)).toEqual({ after: at('2026-12-02T03:30:00Z'), upTo: at('2026-12-02T04:00:00Z') });
  });
  test('a resume position is followed only while it is at most 6 hours late and not ahead of the window', () => {
    const t = at('2026-12-02T12:00:00Z');
    expect(resumable('24h', new Date(t.getTime() + 24 * HOUR - 5 * HOUR), t)).toBe(true);
    expect(resumable('24h', new Date(t.getTime() + 24 * HOUR - 7 * HOUR), t)).toBe(false);
    expect(resumable('24h', new Date(t.getTime() + 24 * HOUR + MIN), t)).toBe(false);
  });
});

describe('remindable', () => {
  const start = at('2026-12-05T16:30:00Z'); // 00:30 on 12-06 in Shanghai
  const longAgo = at('2026-12-01T00:00:00Z');
  test('24 h: due at the start less 24 h, not a minute before', () => {
    expect(remindable('24h', start, longAgo, new Date(start.getTime() - 24 * HOUR + MIN))).toBe(true); // 23 h 59 ahead
    expect(remindable('24h', start, longAgo, new Date(start.getTime() - 24 * HOUR))).toBe(true);
    expect(remindable('24h', start, longAgo, new Date(start.getTime() - 24 * HOUR - MIN))).toBe(false); // 24 h 01 ahead
  });
  test('24 h: not once 2 hours or less remain (the 2-hour reminder speaks then)', () => {
    expect(remindable('24h', start, longAgo, new Date(start.getTime() - 2 * HOUR - MIN))).toBe(true);
    expect(remindable('24h', start, longAgo, new Date(start.getTime() - 2 * HOUR))).toBe(false);
  });
  test('2 h: from 2 hours before until the start', () => {
    expect(remindable('2h', start, longAgo, new Date(start.getTime() - 2 * HOUR - MIN))).toBe(false);
    expect(remindable('2h', start, longAgo, new Date(start.getTime() - 2 * HOUR + MIN))).toBe(true);
    expect(remindable('2h', start, longAgo, new Date(start.getTime() - MIN))).toBe(true);
    expect(remindable('2h', start, longAgo, start)).toBe(false);
  });
  test('a place confirmed after a reminder fell due gets only the ones still ahead', () => {
    const confirmed = new Date(start.getTime() - 10 * HOUR);
    expect(remindable('24h', start, confirmed, new Date(start.getTime() - 9 * HOUR))).toBe(false);
    expect(remindable('2h', start, confirmed, new Date(start.getTime() - 2 * HOUR + MIN))).toBe(true);
    expect(remindable('2h', start, new Date(start.getTime() - HOUR), new Date(start.getTime() - 30 * MIN))).toBe(false);
  });
});

describe('mornings and weeks in Shanghai (UTC+8 all year: no daylight saving)', () => {
  test('the morning is 08:00 to before 12:00 Shanghai time', () => {
    expect(isMorning(at('2026-12-01T23:59:00Z'))).toBe(false); // 07:59
    expect(isMorning(at('2026-12-02T00:00:00Z'))).toBe(true); // 08:00
    expect(isMorning(at('2026-12-02T03:59:00Z'))).toBe(true); // 11:59
    expect(isMorning(at('2026-12-02T04:00:00Z'))).toBe(false); // 12:00
  });
  test('projects published since the previous morning, across midnight', () => {
    expect(morningOf(at('2026-12-01T17:00:00Z'))).toEqual(at('2026-12-02T00:00:00Z')); // 01:00 on 12-02 → 08:00 that day
    expect(publishedWindow(at('2026-12-02T00:10:00Z'))).toEqual({ after: at('2026-12-01T00:00:00Z'), upTo: at('2026-12-02T00:00:00Z') });
  });
  test('the ISO week starts on Monday 00:00 Shanghai, whatever the UTC day', () => {
    // 2026-12-07 is a Monday; 00:30 there is Sunday 16:30 UTC.
    expect(isoWeekOf(at('2026-12-06T16:30:00Z'))).toEqual({ from: at('2026-12-06T16:00:00Z'), until: at('2026-12-13T16:00:00Z') });
    expect(isoWeekOf(at('2026-12-06T15:59:00Z')).from).toEqual(at('2026-11-29T16:00:00Z')); // still Sunday 23:59
    // Across the days European and American clocks change, Shanghai's week stays 7 × 24 hours.
    const march = isoWeekOf(at('2027-03-29T02:00:00Z'));
    expect(march.until.getTime() - march.from.getTime()).toBe(7 * 24 * HOUR);
    expect(march.from).toEqual(at('2027-03-28T16:00:00Z'));
  });
});

describe('projectFit: intentions and region', () => {
  const project = (over: Partial<{ category: string; regionPrefixes: string[]; startsAt: Date; _id: string }> = {}) => ({
    _id: over._id ?? 'p',
    category: over.category ?? 'elderly',
    startsAt: over.startsAt ?? at('2026-12-10T01:00:00Z'),
    place: { regionPrefixes: over.regionPrefixes ?? ['35', '3501', '350102'] },
  });
  const v = { regionCode: '350102', intentions: ['elderly', 'community'] };
  test('district 3, city 2, province or elsewhere 0; an intention is required', () => {
    expect(projectFit(v, project())).toBe(3);
    expect(projectFit(v, project({ regionPrefixes: ['35', '3501', '350104'] }))).toBe(2);
    expect(projectFit(v, project({ regionPrefixes: ['35', '3502', '350203'] }))).toBe(0);
    expect(projectFit(v, project({ regionPrefixes: ['11', '1101', '110101'] }))).toBe(0);
    expect(projectFit(v, project({ category: 'legal' }))).toBe(0);
    expect(projectFit({ regionCode: '350102', intentions: [] }, project())).toBe(0);
  });
  test('best fits first, then the soonest, then by id', () => {
    const soonCity = project({ _id: 'a', regionPrefixes: ['35', '3501', '350104'], startsAt: at('2026-12-03T01:00:00Z') });
    const lateDistrict = project({ _id: 'b', startsAt: at('2026-12-20T01:00:00Z') });
    const soonDistrict = project({ _id: 'c', startsAt: at('2026-12-04T01:00:00Z') });
    const tied = project({ _id: 'd', startsAt: at('2026-12-04T01:00:00Z') });
    const misfit = project({ _id: 'e', category: 'legal' });
    expect(bestFits(v, [soonCity, lateDistrict, misfit, tied, soonDistrict]).map((p) => p._id)).toEqual(['c', 'd', 'b', 'a']);
  });
});
