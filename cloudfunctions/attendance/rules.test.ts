// The pure rules of check-in and check-out: window, clamping and rounding, overlap and the daily pair limit,
// zero-length and reversed sessions, the geofence on, inside and outside its edge.
import fc from 'fast-check';
import {
  checkGeofence,
  checkInWindow,
  countedMinutes,
  decideCheckIn,
  decideCheckOut,
  distanceM,
  overlaps,
  sessionsOfTheDay,
  withinWindow,
  type DayEntry,
} from './rules';

const at = (hhmm: string) => new Date(`2026-12-02T${hhmm}:00+08:00`);
const shift = { startsAt: at('09:00'), endsAt: at('11:30') };

describe('the check-in window', () => {
  test('opens the margin before the start and closes the margin after the end, both ends included', () => {
    const w = checkInWindow(shift, 30);
    expect(w).toEqual({ startsAt: at('08:30'), endsAt: at('12:00') });
    expect(withinWindow(at('08:30'), w)).toBe(true);
    expect(withinWindow(at('12:00'), w)).toBe(true);
    expect(withinWindow(new Date(at('08:30').getTime() - 1), w)).toBe(false);
    expect(withinWindow(new Date(at('12:00').getTime() + 1), w)).toBe(false);
  });
});

describe('counted minutes', () => {
  test('09:00–11:30 counts 150 minutes; early and late time is clamped to the shift', () => {
    expect(countedMinutes(shift, shift)).toEqual({ servedMinutes: 150, minutes: 150, clampedToWindow: false });
    expect(countedMinutes({ startsAt: at('08:40'), endsAt: at('11:50') }, shift)).toEqual({ servedMinutes: 190, minutes: 150, clampedToWindow: true });
    expect(countedMinutes({ startsAt: at('08:40'), endsAt: at('08:55') }, shift)).toEqual({ servedMinutes: 15, minutes: 0, clampedToWindow: true });
  });

  test('a rounding step rounds down, and is noted', () => {
    expect(countedMinutes({ startsAt: at('09:00'), endsAt: at('11:14') }, shift, 15)).toEqual({ servedMinutes: 134, minutes: 120, clampedToWindow: false, roundingStep: 15 });
    expect(countedMinutes({ startsAt: at('09:00'), endsAt: at('11:14') }, shift, 1)).toEqual({ servedMinutes: 134, minutes: 134, clampedToWindow: false });
  });

  test('property: counted minutes never exceed the time served nor the shift, and are a multiple of the step', () => {
    const minute = fc.integer({ min: 0, max: 24 * 60 });
    fc.assert(
      fc.property(minute, minute, minute, minute, fc.option(fc.integer({ min: 2, max: 60 }), { nil: undefined }), (a, b, c, d, step) => {
        const base = at('00:00').getTime();
        const served = { startsAt: new Date(base + Math.min(a, b) * 60_000), endsAt: new Date(base + Math.max(a, b) * 60_000) };
        const window = { startsAt: new Date(base + Math.min(c, d) * 60_000), endsAt: new Date(base + Math.max(c, d) * 60_000) };
        const r = countedMinutes(served, window, step);
        expect(r.minutes).toBeLessThanOrEqual(r.servedMinutes);
        expect(r.minutes).toBeLessThanOrEqual(Math.abs(c - d));
        expect(r.minutes).toBeGreaterThanOrEqual(0);
        if (step) expect(r.minutes % step).toBe(0);
        if (!r.clampedToWindow && !step) expect(r.minutes).toBe(r.servedMinutes);
      }),
    );
  });
});

describe('overlap is half-open', () => {
  test('back-to-back does not overlap; one minute into the next does', () => {
    expect(overlaps(shift, { startsAt: at('11:30'), endsAt: at('12:00') })).toBe(false);
    expect(overlaps(shift, { startsAt: at('11:29'), endsAt: at('12:00') })).toBe(true);
  });
});

const entry = (sessionId: string, shiftId: string, from: string, to?: string): DayEntry => ({
  sessionId,
  shiftId,
  projectTitle: `项目${shiftId}`,
  checkedInAt: at(from),
  ...(to ? { checkedOutAt: at(to) } : {}),
});

describe('check-in against the day', () => {
  test('the first check-in of a shift is session 1; a second while it is open is the same', () => {
    expect(decideCheckIn([], [], { shiftId: 's1', at: at('09:00'), pairsPerDay: 3 })).toEqual({ ok: true, value: { kind: 'new', index: 1 } });
    const open = entry('s1.v.1', 's1', '09:00');
    expect(decideCheckIn([open], [open], { shiftId: 's1', at: at('09:05'), pairsPerDay: 3 })).toEqual({ ok: true, value: { kind: 'same', entry: open } });
  });

  test('a synced scan inside a closed session is that session; after it a new pair', () => {
    const closed = entry('s1.v.1', 's1', '09:00', '10:00');
    expect(decideCheckIn([closed], [closed], { shiftId: 's1', at: at('09:00'), pairsPerDay: 3 })).toMatchObject({ ok: true, value: { kind: 'same' } });
    expect(decideCheckIn([closed], [closed], { shiftId: 's1', at: at('10:30'), pairsPerDay: 3 })).toEqual({ ok: true, value: { kind: 'new', index: 2 } });
  });

  test('an open session of another project, or a check-in inside a closed one, overlaps', () => {
    const elsewhere = entry('s2.v.1', 's2', '08:00');
    expect(decideCheckIn([elsewhere], [elsewhere], { shiftId: 's1', at: at('09:00'), pairsPerDay: 3 })).toMatchObject({ ok: false, code: 'SESSION_OVERLAP', message: expect.stringContaining('项目s2') });
    const closed = entry('s2.v.1', 's2', '08:00', '09:30');
    expect(decideCheckIn([closed], [closed], { shiftId: 's1', at: at('09:00'), pairsPerDay: 3 })).toMatchObject({ ok: false, code: 'SESSION_OVERLAP' });
    expect(decideCheckIn([closed], [closed], { shiftId: 's1', at: at('09:30'), pairsPerDay: 3 })).toEqual({ ok: true, value: { kind: 'new', index: 1 } });
  });

  test('the day holds at most N pairs, counted across projects; yesterday\'s do not count', () => {
    const day = [entry('a', 's2', '07:00', '07:30'), entry('b', 's3', '07:40', '08:00'), entry('c', 's4', '08:10', '08:20')];
    expect(decideCheckIn(day, day, { shiftId: 's1', at: at('09:00'), pairsPerDay: 3 })).toMatchObject({ ok: false, code: 'PAIR_LIMIT', message: expect.stringContaining('3') });
    expect(decideCheckIn(day, day, { shiftId: 's1', at: at('09:00'), pairsPerDay: 4 })).toMatchObject({ ok: true });
    expect(decideCheckIn(day, [], { shiftId: 's1', at: at('09:00'), pairsPerDay: 3 })).toMatchObject({ ok: true });
  });
});

test('the day\'s sessions listed: yesterday\'s that were open at midnight or closed after it come first, then today\'s', () => {
  const midnight = at('00:00');
  const yesterday = (hhmm: string) => new Date(`2026-12-01T${hhmm}:00+08:00`);
  const closedLastNight: DayEntry = { sessionId: 'a', shiftId: 's1', projectTitle: '项目', checkedInAt: yesterday('20:00'), checkedOutAt: yesterday('22:00') };
  const stillOpen: DayEntry = { sessionId: 'b', shiftId: 's2', projectTitle: '项目', checkedInAt: yesterday('23:30') };
  const outAfterMidnight: DayEntry = { sessionId: 'c', shiftId: 's3', projectTitle: '项目', checkedInAt: yesterday('23:00'), checkedOutAt: at('00:30') };
  const outAtMidnight: DayEntry = { ...closedLastNight, sessionId: 'd', checkedOutAt: midnight };
  const today = [entry('e', 's4', '09:00')];
  expect(sessionsOfTheDay(today, [closedLastNight, stillOpen, outAfterMidnight, outAtMidnight], midnight).map((e) => e.sessionId)).toEqual(['b', 'c', 'd', 'e']);
  expect(sessionsOfTheDay(today, [closedLastNight], midnight)).toEqual(today);
  expect(sessionsOfTheDay([], [], midnight)).toEqual([]);
});

describe('check-out', () => {
  const open = entry('s1.v.1', 's1', '09:00');
  test('closes the open session; once closed, answers it again', () => {
    expect(decideCheckOut([open], { shiftId: 's1', at: at('11:00') })).toEqual({ ok: true, value: { kind: 'close', entry: open } });
    const closed = entry('s1.v.1', 's1', '09:00', '11:00');
    expect(decideCheckOut([closed], { shiftId: 's1', at: at('11:05') })).toEqual({ ok: true, value: { kind: 'same', entry: closed } });
  });
  test('before any check-in, reversed, and zero-length are refused', () => {
    expect(decideCheckOut([], { shiftId: 's1', at: at('11:00') })).toMatchObject({ ok: false, code: 'NOT_CHECKED_IN' });
    expect(decideCheckOut([entry('x', 's2', '08:00')], { shiftId: 's1', at: at('11:00') })).toMatchObject({ ok: false, code: 'NOT_CHECKED_IN' });
    expect(decideCheckOut([open], { shiftId: 's1', at: at('08:59') })).toMatchObject({ ok: false, code: 'SESSION_REVERSED' });
    expect(decideCheckOut([open], { shiftId: 's1', at: new Date(at('09:00').getTime() + 59_999) })).toMatchObject({ ok: false, code: 'SESSION_EMPTY' });
    expect(decideCheckOut([open], { shiftId: 's1', at: new Date(at('09:00').getTime() + 60_000) })).toMatchObject({ ok: true });
  });
});

describe('geofence', () => {
  const place = { latitude: 26.08, longitude: 119.3 };
  // About 111 m north per 0.001° of latitude.
  const north = { latitude: 26.081, longitude: 119.3 };
  test('distance by haversine: 0.001° of latitude is about 111 m', () => {
    expect(distanceM(place, north)).toBe(111);
    expect(distanceM(place, place)).toBe(0);
  });
  test('inside, on the edge (inside) and outside, with the distance', () => {
    expect(checkGeofence({ location: place, radiusM: 300 }, north)).toEqual({ ok: true, value: { distanceM: 111 } });
    expect(checkGeofence({ location: place, radiusM: 111 }, north)).toEqual({ ok: true, value: { distanceM: 111 } });
    expect(checkGeofence({ location: place, radiusM: 110 }, north)).toMatchObject({ ok: false, code: 'OUTSIDE_GEOFENCE', message: expect.stringContaining('111 米') });
  });
  test('no radius takes no location; a radius without a location asks for one', () => {
    expect(checkGeofence({ location: place, radiusM: 0 }, undefined)).toEqual({ ok: true, value: {} });
    expect(checkGeofence({ location: place, radiusM: 300 }, undefined)).toMatchObject({ ok: false, code: 'LOCATION_REQUIRED' });
  });
  test('property: distance is symmetric and never negative', () => {
    const lat = fc.double({ min: -80, max: 80, noNaN: true });
    const lon = fc.double({ min: -179, max: 179, noNaN: true });
    fc.assert(
      fc.property(lat, lon, lat, lon, (a, b, c, d) => {
        const x = { latitude: a, longitude: b };
        const y = { latitude: c, longitude: d };
        expect(distanceM(x, y)).toBe(distanceM(y, x));
        expect(distanceM(x, y)).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});
