// attendance through the emulator with the stock SDK: stations and their tokens (freshness, signature, shift
// binding, tampering, a station never opened), the geofence inside, on the edge and outside, the window and its
// clamping, walk-ins, overlap across projects, the daily pair limit, zero-length and reversed sessions, offline scans
// synced twice counted once, races of one person (double taps, two devices, retries) making one session, the
// admin's card scan and manual checks, the confirmed record and its totals, the forgotten check-out closed by the
// timer as a pending record told once, and the day-of dashboard with 标记未到.
import type { Emulator } from '../../emulator/src/server';
import { caller, serverSdk, startTestEmulator } from '../../emulator/test/support';
import { REQUEST_ID_FIELD } from '../../miniprogram/domain/actions';
import { makeStationToken, stationStep } from '../../miniprogram/domain/station-token';
import type { NotificationDoc } from '../_shared/documents/notification';
import type { ServiceRecordDoc } from '../_shared/documents/service-record';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { cardKeyFrom, issueCardCode } from '../_shared/security/card-code';
import { keyRingFromEnv } from '../_shared/security/crypto';
import { docs, functionEnv } from '../organization/test-support';
import { distanceM } from './rules';
import type { SessionDoc } from './store';
import { moveShift, onSiteShift, openStation, tokenAt, volunteerOf } from './test-support';
import { shanghaiDay, stationKey, stationMasterKey, nodeHmac } from './tokens';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

const MINUTE = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE);
/** Now, or just before today's Shanghai midnight when `minutes` ago was yesterday: a span that stays on one day. */
const spanEnd = (minutes: number) => {
  const midnight = Date.parse(`${shanghaiDay(new Date())}T00:00:00+08:00`);
  return Date.now() - minutes * MINUTE >= midnight ? new Date() : new Date(midnight - 1000);
};
const sessionsOf = (shiftId: string) => docs<SessionDoc>(emu, 'attendanceSessions', { shiftId });
const recordsOf = async (site: { orgId: string; shift: { _id: string } }) =>
  (await docs<ServiceRecordDoc>(emu, 'serviceRecords', { orgId: site.orgId })).filter((r) => r.shiftId === site.shift._id);
const hoursOf = async (volunteerId: string) => (await docs<VolunteerDoc>(emu, 'volunteers', { _id: volunteerId }))[0]!.hours;
/** The fixture project's place (signup/test-support.ts projectDoc); scans are sent from there unless a test says. */
const place = { latitude: 26.08, longitude: 119.3 };
const fireTimer = () =>
  emu.runtime!.invoke('attendance', { Type: 'Timer', TriggerName: 'closeForgottenCheckouts', Time: new Date().toISOString(), Message: '' }, { source: 'wx_trigger' });

describe('the station', () => {
  test('only an admin of the organization opens it; opening again gives the same key; a risky project needs insurance', async () => {
    const site = await onSiteShift(emu);
    const stranger = await volunteerOf(emu);
    expect(await stranger.as.call('attendance', 'openStation', { shiftId: site.shift._id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await openStation(site.admin, site.shift._id)).stationKey).toBe(site.station.stationKey);
    expect(site.station).toMatchObject({ shiftId: site.shift._id, stepSeconds: 10, stationKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    // No key is stored: the station document says who opened it and when.
    const [stationDoc] = await docs(emu, 'attendanceStations', { _id: `${site.shift._id}.${shanghaiDay(new Date())}` });
    expect(stationDoc).toEqual(expect.objectContaining({ openedBy: site.admin.userId }));
    expect(JSON.stringify(stationDoc)).not.toContain(site.station.stationKey);

    const risky = await onSiteShift(emu, { project: { risk: { disclosure: '登山', risky: true } }, openStation: false });
    expect(await risky.admin.as.call('attendance', 'openStation', { shiftId: risky.shift._id })).toMatchObject({ ok: false, error: { code: 'INSURANCE_MISSING' } });
    const later = await onSiteShift(emu, { startMinutes: 3 * 24 * 60, openStation: false });
    expect(await later.admin.as.call('attendance', 'openStation', { shiftId: later.shift._id })).toMatchObject({ ok: false, error: { code: 'STATION_NOT_TODAY' } });
  });
});

describe('tokens at the server', () => {
  test('a fresh token checks in; a stale one (a screenshot sent home), an altered one, another shift\'s, or one of a station never opened does not', async () => {
    const site = await onSiteShift(emu);
    const other = await onSiteShift(emu);
    const [v] = site.volunteers;
    const stale = tokenAt(site.station, ago(1));
    expect(await v!.as.call('attendance', 'checkIn', { location: place, token: stale })).toMatchObject({ ok: false, error: { code: 'TOKEN_EXPIRED', message: expect.stringContaining('截图') } });
    const fresh = tokenAt(site.station);
    const altered = fresh.slice(0, -1) + (fresh.endsWith('A') ? 'B' : 'A');
    expect(await v!.as.call('attendance', 'checkIn', { location: place, token: altered })).toMatchObject({ ok: false, error: { code: 'TOKEN_INVALID' } });
    expect(await v!.as.call('attendance', 'checkIn', { location: place, token: tokenAt(other.station), shiftId: site.shift._id })).toMatchObject({
      ok: false,
      error: { code: 'TOKEN_WRONG_SHIFT', message: expect.stringContaining(site.project.title) },
    });
    const unopened = await onSiteShift(emu, { openStation: false });
    const key = stationKey(stationMasterKey(keyRingFromEnv(emu.functionEnv)), unopened.shift._id, shanghaiDay(new Date()));
    const notOpen = makeStationToken(unopened.shift._id, stationStep(Date.now()), key, nodeHmac);
    expect(await unopened.volunteers[0]!.as.call('attendance', 'checkIn', { location: place, token: notOpen })).toMatchObject({ ok: false, error: { code: 'STATION_NOT_OPEN' } });
    expect(await sessionsOf(site.shift._id)).toEqual([]);

    expect(await v!.as.call('attendance', 'checkIn', { location: place, token: fresh, shiftId: site.shift._id })).toMatchObject({ ok: true, data: { state: 'checkedIn', shiftId: site.shift._id } });
    expect(await sessionsOf(site.shift._id)).toHaveLength(1);
  });

  test('a synced scan whose recorded time is in the future, or far from its token\'s time, is refused', async () => {
    const site = await onSiteShift(emu);
    const v = site.volunteers[0]!;
    const inFuture = new Date(Date.now() + 5 * MINUTE);
    expect(await v.as.call('attendance', 'checkIn', { location: place, token: tokenAt(site.station, inFuture), scannedAt: inFuture.toISOString() })).toMatchObject({ ok: false, error: { code: 'SCAN_TIME_INVALID' } });
    expect(await v.as.call('attendance', 'checkIn', { location: place, token: tokenAt(site.station, ago(5)), scannedAt: ago(2).toISOString() })).toMatchObject({ ok: false, error: { code: 'TOKEN_EXPIRED' } });
  });
});

describe('geofence', () => {
  const north = { latitude: 26.081, longitude: 119.3 };
  const withRadius = (radius: number) => ({
    project: {
      place: {
        address: '福州市鼓楼区五四路100号',
        location: { type: 'Point' as const, coordinates: [place.longitude, place.latitude] as [number, number] },
        regionCode: '350102',
        regionPrefixes: ['35', '3501', '350102'],
        checkinRadiusM: radius,
      },
    },
  });

  test('inside and on the edge check in with the distance stored; outside and without a location do not', async () => {
    const edge = distanceM(place, north);
    const site = await onSiteShift(emu, { ...withRadius(edge), signedUp: 2 });
    const [a, b] = site.volunteers;
    expect(await a!.as.call('attendance', 'checkIn', { token: tokenAt(site.station) })).toMatchObject({ ok: false, error: { code: 'LOCATION_REQUIRED', message: expect.stringContaining('管理员') } });
    expect(await a!.as.call('attendance', 'checkIn', { token: tokenAt(site.station), location: north })).toMatchObject({ ok: true, data: { checkInDistanceM: edge } });
    expect(await b!.as.call('attendance', 'checkIn', { token: tokenAt(site.station), location: place })).toMatchObject({ ok: true, data: { checkInDistanceM: 0 } });

    const tight = await onSiteShift(emu, withRadius(edge - 1));
    expect(await tight.volunteers[0]!.as.call('attendance', 'checkIn', { token: tokenAt(tight.station), location: north })).toMatchObject({
      ok: false,
      error: { code: 'OUTSIDE_GEOFENCE', message: expect.stringContaining(`${edge} 米`) },
    });
    expect(await sessionsOf(tight.shift._id)).toEqual([]);
  });
});

describe('a night shift', () => {
  test('checked in a minute before midnight and still open, it is on the check-in page\'s list after midnight, and checks out', async () => {
    let midnight = Date.parse(`${shanghaiDay(new Date())}T00:00:00+08:00`);
    // In the day's last half minute a scan from a minute before the last midnight is too old to sync (24 h): wait for the next.
    if (Date.now() - (midnight - MINUTE) > 24 * 3600_000 - 30_000) {
      midnight += 24 * 3600_000;
      await new Promise((r) => setTimeout(r, midnight - Date.now() + 1000));
    }
    const nowMinute = Math.floor(Date.now() / MINUTE) * MINUTE;
    const startsAt = midnight - 60 * MINUTE;
    const site = await onSiteShift(emu, { startMinutes: (startsAt - nowMinute) / MINUTE, durationMinutes: (nowMinute + 60 * MINUTE - startsAt) / MINUTE });
    const v = site.volunteers[0]!;
    const inAt = new Date(midnight - MINUTE);
    const checkedIn = await v.as.call('attendance', 'checkIn', { location: place, token: tokenAt(site.station, inAt), scannedAt: inAt.toISOString() });
    expect(checkedIn).toMatchObject({ ok: true, data: { state: 'checkedIn', checkedInAt: inAt.toISOString() } });
    const sessionId = checkedIn.ok ? checkedIn.data.sessionId : '';
    expect(await v.as.call('attendance', 'mySessions', {})).toMatchObject({ ok: true, data: { items: [{ sessionId, state: 'checkedIn' }] } });
    expect(await v.as.call('attendance', 'checkOut', { location: place, token: tokenAt(site.station) })).toMatchObject({ ok: true, data: { sessionId, state: 'checkedOut' } });
    expect(await v.as.call('attendance', 'mySessions', {})).toMatchObject({ ok: true, data: { items: [{ sessionId, state: 'checkedOut' }] } });
  }, 60_000);
});

describe('check-out', () => {
  test('closes the session as a confirmed on-site record in the station opener\'s name, and moves the volunteer\'s hours', async () => {
    const site = await onSiteShift(emu);
    const v = site.volunteers[0]!;
    const inAt = ago(7);
    expect(await v.as.call('attendance', 'checkIn', { location: place, token: tokenAt(site.station, inAt), scannedAt: inAt.toISOString() })).toMatchObject({ ok: true });
    const out = await v.as.call('attendance', 'checkOut', { location: place, token: tokenAt(site.station) });
    expect(out).toMatchObject({ ok: true, data: { state: 'checkedOut', minutes: 7 } });
    const [record] = await recordsOf(site);
    expect(record).toMatchObject({
      source: 'onsite',
      status: 'confirmed',
      current: true,
      minutes: 7,
      volunteerId: v.volunteerId,
      confirmation: { orgId: site.orgId, by: site.admin.userId },
      computation: { servedMinutes: 7, clampedToWindow: false },
      activity: { name: site.project.title },
    });
    expect(record!.missingCheckout).toBeUndefined();
    expect(await hoursOf(v.volunteerId)).toMatchObject({ serviceMinutes: 7, confirmedRecords: 1 });
    // Checking out again answers the same closed session and writes nothing more.
    expect(await v.as.call('attendance', 'checkOut', { location: place, token: tokenAt(site.station) })).toEqual(out);
    expect(await recordsOf(site)).toHaveLength(1);
  });

  test('before any check-in, zero-length and reversed sessions are refused', async () => {
    const site = await onSiteShift(emu);
    const v = site.volunteers[0]!;
    expect(await v.as.call('attendance', 'checkOut', { location: place, token: tokenAt(site.station) })).toMatchObject({ ok: false, error: { code: 'NOT_CHECKED_IN' } });
    // The check-in and both check-outs on one Shanghai day (a check-out dated yesterday finds no check-in of yesterday).
    const inAt = spanEnd(2);
    await v.as.call('attendance', 'checkIn', { location: place, token: tokenAt(site.station, inAt), scannedAt: inAt.toISOString() });
    expect(await v.as.call('attendance', 'checkOut', { location: place, token: tokenAt(site.station, inAt), scannedAt: inAt.toISOString() })).toMatchObject({ ok: false, error: { code: 'SESSION_EMPTY' } });
    const before = new Date(inAt.getTime() - 1.5 * MINUTE);
    expect(await v.as.call('attendance', 'checkOut', { location: place, token: tokenAt(site.station, before), scannedAt: before.toISOString() })).toMatchObject({ ok: false, error: { code: 'SESSION_REVERSED' } });
    expect(await recordsOf(site)).toEqual([]);
  });

  test('time before the shift counts only from its start (clamped), and the record says so', async () => {
    const site = await onSiteShift(emu, { startMinutes: -5 });
    const v = site.volunteers[0]!;
    const early = ago(20);
    await v.as.call('attendance', 'checkIn', { location: place, token: tokenAt(site.station, early), scannedAt: early.toISOString() });
    expect(await v.as.call('attendance', 'checkOut', { location: place, token: tokenAt(site.station) })).toMatchObject({ ok: true, data: { minutes: 5 } });
    expect((await recordsOf(site))[0]).toMatchObject({ minutes: 5, computation: { servedMinutes: 20, clampedToWindow: true } });
  });
});

describe('the rules of the day', () => {
  test('outside the window: a shift starting in two hours (or, late in the evening, one ended two hours ago) takes no check-ins', async () => {
    // The station opens only on the Shanghai days the window touches: after 22:00 a shift two hours ahead starts
    // tomorrow, so the test then looks at one whose window closed 90 minutes ago instead (the same refusal).
    const shanghaiMinuteOfDay = (Math.floor(Date.now() / 60_000) + 480) % 1440;
    const site = await onSiteShift(emu, shanghaiMinuteOfDay < 22 * 60 ? { startMinutes: 120 } : { startMinutes: -270, durationMinutes: 150 });
    expect(await site.volunteers[0]!.as.call('attendance', 'checkIn', { location: place, token: tokenAt(site.station) })).toMatchObject({ ok: false, error: { code: 'OUTSIDE_WINDOW', message: expect.stringContaining('之间签到') } });
  });

  test('walk-ins: refused unless the project allows them', async () => {
    const site = await onSiteShift(emu);
    const walkIn = await volunteerOf(emu);
    expect(await walkIn.as.call('attendance', 'checkIn', { location: place, token: tokenAt(site.station) })).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_UP' } });
    expect(await site.admin.as.call('attendance', 'settings', { projectId: site.project._id, walkInsAllowed: true })).toEqual({
      ok: true,
      data: { projectId: site.project._id, marginMinutes: 30, walkInsAllowed: true, pairsPerDay: 3 },
    });
    expect(await walkIn.as.call('attendance', 'checkIn', { location: place, token: tokenAt(site.station) })).toMatchObject({ ok: true });
    expect(await walkIn.as.call('attendance', 'settings', { projectId: site.project._id, pairsPerDay: 9 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('overlap across projects: checked in at one, a check-in at another is refused until checked out', async () => {
    const first = await onSiteShift(emu);
    const second = await onSiteShift(emu);
    await second.admin.as.call('attendance', 'settings', { projectId: second.project._id, walkInsAllowed: true });
    const v = first.volunteers[0]!;
    const inAt = ago(3);
    await v.as.call('attendance', 'checkIn', { location: place, token: tokenAt(first.station, inAt), scannedAt: inAt.toISOString() });
    expect(await v.as.call('attendance', 'checkIn', { location: place, token: tokenAt(second.station) })).toMatchObject({
      ok: false,
      error: { code: 'SESSION_OVERLAP', message: expect.stringContaining(first.project.title) },
    });
    const outAt = ago(1);
    await v.as.call('attendance', 'checkOut', { location: place, token: tokenAt(first.station, outAt), scannedAt: outAt.toISOString() });
    // A synced check-in inside the closed session elsewhere still overlaps; after it, it does not.
    const inside = ago(2);
    expect(await v.as.call('attendance', 'checkIn', { location: place, token: tokenAt(second.station, inside), scannedAt: inside.toISOString() })).toMatchObject({ ok: false, error: { code: 'SESSION_OVERLAP' } });
    expect(await v.as.call('attendance', 'checkIn', { location: place, token: tokenAt(second.station) })).toMatchObject({ ok: true });
  });

  test('the daily pair limit, set per project', async () => {
    const site = await onSiteShift(emu);
    await site.admin.as.call('attendance', 'settings', { projectId: site.project._id, pairsPerDay: 1 });
    const v = site.volunteers[0]!;
    // Four scans on one Shanghai day (the limit is the day's), synced with their times.
    const end = spanEnd(6);
    const [t1, t2, t3, t4] = [6, 4, 2, 1].map((m) => new Date(end.getTime() - m * MINUTE)) as [Date, Date, Date, Date];
    const scan = (at: Date) => ({ location: place, token: tokenAt(site.station, at), scannedAt: at.toISOString() });
    await v.as.call('attendance', 'checkIn', scan(t1));
    await v.as.call('attendance', 'checkOut', scan(t2));
    expect(await v.as.call('attendance', 'checkIn', scan(t3))).toMatchObject({ ok: false, error: { code: 'PAIR_LIMIT', message: expect.stringContaining('1 次') } });
    await site.admin.as.call('attendance', 'settings', { projectId: site.project._id, pairsPerDay: 2 });
    expect(await v.as.call('attendance', 'checkIn', scan(t4))).toMatchObject({ ok: true, data: { sessionId: `${site.shift._id}.${v.volunteerId}.2` } });
  });
});

describe('offline, retries and races', () => {
  test('offline scans synced twice count once (with the same request ids and with new ones)', async () => {
    const site = await onSiteShift(emu);
    const v = site.volunteers[0]!;
    const [t1, t2] = [ago(9), ago(2)];
    const queued = [
      { action: 'checkIn', location: place, token: tokenAt(site.station, t1), scannedAt: t1.toISOString(), [REQUEST_ID_FIELD]: 'offline-scan-in-0001' },
      { action: 'checkOut', location: place, token: tokenAt(site.station, t2), scannedAt: t2.toISOString(), [REQUEST_ID_FIELD]: 'offline-scan-out-0001' },
    ];
    const sync = async (renew: boolean) => {
      const out: unknown[] = [];
      for (const scan of queued) {
        const body = renew ? { ...scan, [REQUEST_ID_FIELD]: `${scan[REQUEST_ID_FIELD]}-again` } : scan;
        out.push((await caller(emu, v.openid).raw('attendance', body)).body);
      }
      return out;
    };
    const first = await sync(false);
    expect(first).toEqual([expect.objectContaining({ ok: true }), expect.objectContaining({ ok: true, data: expect.objectContaining({ minutes: 7 }) })]);
    expect(await sync(false)).toEqual(first);
    // Sent again under new request ids, the check-in is the same session (now checked out) and the check-out the same.
    expect(await sync(true)).toEqual([first[1], first[1]]);
    expect(await sessionsOf(site.shift._id)).toHaveLength(1);
    expect(await recordsOf(site)).toHaveLength(1);
    expect(await hoursOf(v.volunteerId)).toMatchObject({ serviceMinutes: 7, confirmedRecords: 1 });
    expect((await sessionsOf(site.shift._id))[0]!.checkIn).toMatchObject({ method: 'station', offline: true, by: site.admin.userId });
  });

  test('double taps, two devices and retries at once make one session, and one record on check-out', async () => {
    const site = await onSiteShift(emu);
    const v = site.volunteers[0]!;
    const inAt = ago(4);
    const token = tokenAt(site.station, inAt);
    const taps = await Promise.all(
      Array.from({ length: 6 }, (_, i) => caller(emu, v.openid).raw('attendance', { action: 'checkIn', location: place, token, scannedAt: inAt.toISOString(), [REQUEST_ID_FIELD]: `double-tap-${i % 3}-0001` })),
    );
    const sessionIds = new Set(taps.map((t) => (t.body as { ok: boolean; data?: { sessionId: string }; error?: { code: string } }).data?.sessionId ?? (t.body as { error: { code: string } }).error.code));
    expect(sessionIds).toEqual(new Set([`${site.shift._id}.${v.volunteerId}.1`]));
    const outs = await Promise.all(Array.from({ length: 4 }, () => v.as.call('attendance', 'checkOut', { location: place, token: tokenAt(site.station) })));
    expect(outs.every((o) => o.ok)).toBe(true);
    expect(await sessionsOf(site.shift._id)).toHaveLength(1);
    expect(await recordsOf(site)).toHaveLength(1);
    expect(await hoursOf(v.volunteerId)).toMatchObject({ serviceMinutes: 4, confirmedRecords: 1 });
  });
});

describe('the admin checks volunteers in and out', () => {
  test('by the card\'s rotating QR, and by hand with a reason, both recorded', async () => {
    const site = await onSiteShift(emu, { signedUp: 2 });
    const [a, b] = site.volunteers;
    const key = cardKeyFrom(keyRingFromEnv(emu.functionEnv));
    const card = issueCardCode(a!.volunteerId, new Date(), key).payload;
    const stranger = await volunteerOf(emu);
    expect(await stranger.as.call('attendance', 'cardCheck', { shiftId: site.shift._id, cardPayload: card, intent: 'checkIn' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await site.admin.as.call('attendance', 'cardCheck', { shiftId: site.shift._id, cardPayload: `${card}x`, intent: 'checkIn' })).toMatchObject({ ok: false, error: { code: 'CARD_INVALID' } });
    const stale = issueCardCode(a!.volunteerId, ago(5), key).payload;
    expect(await site.admin.as.call('attendance', 'cardCheck', { shiftId: site.shift._id, cardPayload: stale, intent: 'checkIn' })).toMatchObject({ ok: false, error: { code: 'CARD_EXPIRED' } });
    expect(await site.admin.as.call('attendance', 'cardCheck', { shiftId: site.shift._id, cardPayload: card, intent: 'checkIn' })).toMatchObject({
      ok: true,
      data: { volunteerNo: a!.volunteerNo, nameMasked: expect.stringContaining('*'), session: { state: 'checkedIn' } },
    });

    expect(await site.admin.as.call('attendance', 'manualCheck', { shiftId: site.shift._id, volunteerId: b!.volunteerId, intent: 'checkIn', reason: '  ' })).toMatchObject({ ok: false, error: { code: 'REASON_REQUIRED' } });
    expect(await site.admin.as.call('attendance', 'manualCheck', { shiftId: site.shift._id, volunteerId: b!.volunteerId, intent: 'checkIn', reason: '手机没电' })).toMatchObject({ ok: true });
    const sessions = await sessionsOf(site.shift._id);
    expect(sessions.map((s) => s.checkIn).sort((x, y) => x.method.localeCompare(y.method))).toEqual([
      expect.objectContaining({ method: 'card', by: site.admin.userId }),
      expect.objectContaining({ method: 'manual', by: site.admin.userId, reason: '手机没电' }),
    ]);
  });
});

describe('forgotten check-out', () => {
  test('the timer closes it at the shift\'s end as a pending record marked 未签退, and tells the admins once', async () => {
    const site = await onSiteShift(emu, { startMinutes: -100, durationMinutes: 60 });
    const v = site.volunteers[0]!;
    const inAt = ago(95);
    expect(await v.as.call('attendance', 'checkIn', { location: place, token: tokenAt(site.station, inAt), scannedAt: inAt.toISOString() })).toMatchObject({ ok: true });
    // Not yet due: the shift ended 40 minutes ago; move the margin so it is (30 → 45 leaves it open, 30 closes it).
    await site.admin.as.call('attendance', 'settings', { projectId: site.project._id, marginMinutes: 45 });
    await serverSdk(emu).database().collection('attendanceSessions').where({ shiftId: site.shift._id }).update({ data: { autoCloseAt: new Date(site.shift.endsAt.getTime() + 45 * MINUTE) } });
    await fireTimer();
    expect((await sessionsOf(site.shift._id))[0]!.state).toBe('open');
    await serverSdk(emu).database().collection('attendanceSessions').where({ shiftId: site.shift._id }).update({ data: { autoCloseAt: new Date(site.shift.endsAt.getTime() + 30 * MINUTE) } });
    await fireTimer();
    await fireTimer();
    const [session] = await sessionsOf(site.shift._id);
    expect(session).toMatchObject({ state: 'autoClosed', checkOut: { method: 'timer', by: 'system', at: site.shift.endsAt } });
    const [record] = await recordsOf(site);
    const served = Math.floor((site.shift.endsAt.getTime() - inAt.getTime()) / MINUTE);
    expect(record).toMatchObject({ status: 'pending', missingCheckout: true, minutes: served, endsAt: site.shift.endsAt });
    expect(record!.confirmation).toBeUndefined();
    expect((await hoursOf(v.volunteerId)) ?? { serviceMinutes: 0 }).toMatchObject({ serviceMinutes: 0 });
    const told = await docs<NotificationDoc>(emu, 'notifications', { recipientUserId: site.admin.userId, kind: 'attendance.missingCheckout' });
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toContain('未签退');
    // What the volunteer sees on the check-in page: 未签退, among today's (closed at the shift's end before midnight, it is yesterday's).
    const today = shanghaiDay(new Date());
    const listed = shanghaiDay(inAt) === today || shanghaiDay(site.shift.endsAt) === today ? [expect.objectContaining({ state: 'missingCheckout' })] : [];
    expect(await v.as.call('attendance', 'mySessions', {})).toMatchObject({ ok: true, data: { items: listed } });
  });

  test('a client cannot fire the timer', async () => {
    const v = await volunteerOf(emu);
    expect((await caller(emu, v.openid).raw('attendance', { Type: 'Timer', TriggerName: 'closeForgottenCheckouts', Time: new Date().toISOString() })).body).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
  });
});

describe('the day-of dashboard', () => {
  test('expected, checked in, checked out and missing; 标记未到 for who never came, not for who did', async () => {
    const site = await onSiteShift(emu, { signedUp: 3 });
    const [a, b, c] = site.volunteers;
    const t1 = ago(5);
    await a!.as.call('attendance', 'checkIn', { location: place, token: tokenAt(site.station, t1), scannedAt: t1.toISOString() });
    await a!.as.call('attendance', 'checkOut', { location: place, token: tokenAt(site.station) });
    await b!.as.call('attendance', 'checkIn', { location: place, token: tokenAt(site.station) });
    const board = await site.admin.as.call('attendance', 'dashboard', { shiftId: site.shift._id });
    expect(board).toMatchObject({ ok: true, data: { counts: { expected: 3, checkedIn: 1, checkedOut: 1, missing: 1 }, noShowMarkable: true } });
    if (!board.ok) return;
    expect(board.data.rows.map((r) => [r.name, r.state])).toEqual([
      [c!.name, 'expected'],
      [b!.name, 'checkedIn'],
      [a!.name, 'checkedOut'],
    ]);
    const missing = board.data.rows[0]!;
    expect(await site.admin.as.call('attendance', 'markAbsent', { signupId: missing.signupId! })).toMatchObject({ ok: true, data: { state: 'noShow' } });
    expect((await docs(emu, 'signups', { _id: missing.signupId! }))[0]).toMatchObject({ noShow: { markedBy: site.admin.userId } });
    expect(await site.admin.as.call('attendance', 'markAbsent', { signupId: board.data.rows[1]!.signupId! })).toMatchObject({ ok: false, error: { code: 'ALREADY_CHECKED_IN' } });
    expect(await c!.as.call('attendance', 'dashboard', { shiftId: site.shift._id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  test('before the start nobody is missing and 标记未到 is not offered', async () => {
    const site = await onSiteShift(emu, { startMinutes: 20 });
    expect(await site.admin.as.call('attendance', 'dashboard', { shiftId: site.shift._id })).toMatchObject({ ok: true, data: { counts: { expected: 1, missing: 0 }, noShowMarkable: false } });
    void moveShift;
  });
});
