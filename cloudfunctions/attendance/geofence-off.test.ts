// A project that checks no location (check-in radius 0), and the limits of offline scans, through the emulator with
// the stock SDK: scans need no location and record that none was checked (session, record, dashboard, the page's
// mySessions); an online check-out is confirmed as on site; a scan that was offline there is vouched by nothing, so
// its record waits for the organization; an offline scan synced more than a day late is refused everywhere.
import type { Emulator } from '../../emulator/src/server';
import { serverSdk, startTestEmulator } from '../../emulator/test/support';
import type { ServiceRecordDoc } from '../_shared/documents/service-record';
import { docs, functionEnv } from '../organization/test-support';
import type { SessionDoc } from './store';
import { onSiteShift, tokenAt, type OnSite } from './test-support';
import { MAX_OFFLINE_SYNC_HOURS } from './tokens';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

const MINUTE = 60_000;
const ago = (minutes: number) => new Date(Date.now() - minutes * MINUTE);
const place = { latitude: 26.08, longitude: 119.3 };
const noGeofence = {
  project: {
    place: {
      address: '线上（腾讯会议）',
      location: { type: 'Point' as const, coordinates: [place.longitude, place.latitude] as [number, number] },
      regionCode: '350102',
      regionPrefixes: ['35', '3501', '350102'],
      checkinRadiusM: 0,
    },
  },
};
const recordsOf = async (site: OnSite) => (await docs<ServiceRecordDoc>(emu, 'serviceRecords', { orgId: site.orgId })).filter((r) => r.shiftId === site.shift._id);
const sessionsOf = (site: OnSite) => docs<SessionDoc>(emu, 'attendanceSessions', { shiftId: site.shift._id });

test('without a radius: no location is asked or needed, the session, the dashboard and the record say none was checked; online it is confirmed', async () => {
  const site = await onSiteShift(emu, noGeofence);
  const v = site.volunteers[0]!;
  expect(await v.as.call('attendance', 'mySessions', { shiftId: site.shift._id })).toMatchObject({ ok: true, data: { items: [], locationRequired: false } });
  expect(await v.as.call('attendance', 'checkIn', { token: tokenAt(site.station) })).toMatchObject({ ok: true, data: { state: 'checkedIn' } });
  const [session] = await sessionsOf(site);
  expect(session!.checkIn).toMatchObject({ method: 'station', locationUnchecked: true });
  expect(session!.checkIn.distanceM).toBeUndefined();
  expect(await site.admin.as.call('attendance', 'dashboard', { shiftId: site.shift._id })).toMatchObject({ ok: true, data: { locationChecked: false } });

  // Checked out online a few minutes later (moved back in the data: tests do not wait).
  const db = serverSdk(emu).database();
  const inAt = ago(8);
  await db.collection('attendanceSessions').doc(session!._id).update({ data: { 'checkIn.at': inAt } });
  await db.collection('attendanceDays').doc(`${v.volunteerId}.${session!.day}`).update({ data: { 'entries.0.checkedInAt': inAt } });
  expect(await v.as.call('attendance', 'checkOut', { token: tokenAt(site.station) })).toMatchObject({ ok: true, data: { state: 'checkedOut', minutes: 8 } });
  const [record] = await recordsOf(site);
  expect(record).toMatchObject({ status: 'confirmed', locationUnchecked: true, minutes: 8 });
  expect(record!.offlineUnlocated).toBeUndefined();
  expect(await v.as.call('hours', 'history', { recordId: record!.recordId })).toMatchObject({ ok: true, data: { record: { locationUnchecked: true } } });

  const fenced = await onSiteShift(emu);
  expect(await fenced.volunteers[0]!.as.call('attendance', 'mySessions', { shiftId: fenced.shift._id })).toMatchObject({ ok: true, data: { locationRequired: true } });
  expect(await fenced.admin.as.call('attendance', 'dashboard', { shiftId: fenced.shift._id })).toMatchObject({ ok: true, data: { locationChecked: true } });
});

test('without a radius, a session with an offline scan is vouched by nothing: its record waits for the organization', async () => {
  const site = await onSiteShift(emu, noGeofence);
  const v = site.volunteers[0]!;
  const [t1, t2] = [ago(9), ago(2)];
  expect(await v.as.call('attendance', 'checkIn', { token: tokenAt(site.station, t1), scannedAt: t1.toISOString() })).toMatchObject({ ok: true });
  expect(await v.as.call('attendance', 'checkOut', { token: tokenAt(site.station, t2), scannedAt: t2.toISOString() })).toMatchObject({ ok: true, data: { minutes: 7 } });
  const [record] = await recordsOf(site);
  expect(record).toMatchObject({ status: 'pending', locationUnchecked: true, offlineUnlocated: true, minutes: 7 });
  expect(record!.confirmation).toBeUndefined();
  expect(await site.admin.as.call('hours', 'queue', { orgId: site.orgId })).toMatchObject({ ok: true, data: { items: [{ recordId: record!.recordId, offlineUnlocated: true }] } });
  expect(await site.admin.as.call('hours', 'confirm', { recordIds: [record!.recordId] })).toMatchObject({ ok: true, data: { outcomes: [{ outcome: 'confirmed' }] } });

  // With a radius, the same offline session is located and confirmed as on site.
  const fenced = await onSiteShift(emu);
  const w = fenced.volunteers[0]!;
  await w.as.call('attendance', 'checkIn', { location: place, token: tokenAt(fenced.station, t1), scannedAt: t1.toISOString() });
  await w.as.call('attendance', 'checkOut', { location: place, token: tokenAt(fenced.station, t2), scannedAt: t2.toISOString() });
  expect((await recordsOf(fenced))[0]).toMatchObject({ status: 'confirmed', distancesM: { checkIn: 0, checkOut: 0 } });
});

test(`an offline scan synced more than ${MAX_OFFLINE_SYNC_HOURS} hours after it was made is refused and stores nothing`, async () => {
  const site = await onSiteShift(emu);
  const v = site.volunteers[0]!;
  const late = ago(MAX_OFFLINE_SYNC_HOURS * 60 + 5);
  expect(await v.as.call('attendance', 'checkIn', { location: place, token: tokenAt(site.station, late), scannedAt: late.toISOString() })).toMatchObject({
    ok: false,
    error: { code: 'SCAN_TOO_LATE', message: expect.stringContaining(`${MAX_OFFLINE_SYNC_HOURS} 小时内`) },
  });
  expect(await sessionsOf(site)).toEqual([]);
});
