// A check-out synced after the timer closed the session as 未签退, through the emulator with the stock SDK: the
// offline scan's recorded time (inside the window, its token fresh) replaces the timer's — the session closes at it,
// the record gets its next revision, confirmed in the station opener's name, the totals move in the same
// transaction, the organization's queue and dashboard no longer wait on it — and a retried sync changes nothing more.
// A sync after the window, before the check-in, or after the organization decided on the record changes nothing.
import type { Emulator } from '../../emulator/src/server';
import { caller, startTestEmulator } from '../../emulator/test/support';
import { REQUEST_ID_FIELD } from '../../miniprogram/domain/actions';
import type { ServiceRecordDoc } from '../_shared/documents/service-record';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { docs, functionEnv } from '../organization/test-support';
import type { SessionDoc } from './store';
import { onSiteShift, tokenAt, type OnSite } from './test-support';
import { shanghaiDay } from './tokens';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

const MINUTE = 60_000;
const place = { latitude: 26.08, longitude: 119.3 };
const fireTimer = () =>
  emu.runtime!.invoke('attendance', { Type: 'Timer', TriggerName: 'closeForgottenCheckouts', Time: new Date().toISOString(), Message: '' }, { source: 'wx_trigger' });
const revisionsOf = async (site: OnSite) => (await docs<ServiceRecordDoc>(emu, 'serviceRecords', { orgId: site.orgId })).filter((r) => r.shiftId === site.shift._id).sort((a, b) => a.revision - b.revision);
const sessionOf = async (shiftId: string) => (await docs<SessionDoc>(emu, 'attendanceSessions', { shiftId }))[0]!;
const hoursOf = async (volunteerId: string) => (await docs<VolunteerDoc>(emu, 'volunteers', { _id: volunteerId }))[0]!.hours;

/**
 * A shift that ran from 100 to 40 minutes ago (window closed 10 minutes ago, margin 30), checked into 95 minutes ago
 * and closed by the timer as 未签退 at the shift's end.
 */
async function forgotten(): Promise<OnSite & { checkedInAt: Date }> {
  const site = await onSiteShift(emu, { startMinutes: -100, durationMinutes: 60 });
  const checkedInAt = new Date(site.shift.startsAt.getTime() + 5 * MINUTE);
  const v = site.volunteers[0]!;
  expect(await v.as.call('attendance', 'checkIn', { location: place, token: tokenAt(site.station, checkedInAt), scannedAt: checkedInAt.toISOString() })).toMatchObject({ ok: true });
  await fireTimer();
  expect(await sessionOf(site.shift._id)).toMatchObject({ state: 'autoClosed' });
  expect(await revisionsOf(site)).toEqual([expect.objectContaining({ revision: 1, status: 'pending', missingCheckout: true })]);
  return { ...site, checkedInAt };
}

const syncedCheckOut = (site: OnSite, at: Date, requestId: string) => ({
  action: 'checkOut',
  location: place,
  token: tokenAt(site.station, at),
  scannedAt: at.toISOString(),
  [REQUEST_ID_FIELD]: requestId,
});

test('the synced check-out becomes the record\'s next revision, confirmed, with the real time; a retried sync changes nothing more', async () => {
  const site = await forgotten();
  const v = site.volunteers[0]!;
  const outAt = new Date(site.shift.endsAt.getTime() - 5 * MINUTE);
  const pendingBefore = await site.admin.as.call('hours', 'queue', { orgId: site.orgId });
  expect(pendingBefore).toMatchObject({ ok: true, data: { items: [{ missingCheckout: true }] } });

  const first = await caller(emu, v.openid).raw('attendance', syncedCheckOut(site, outAt, 'late-checkout-0001'));
  expect(first.body).toMatchObject({ ok: true, data: { state: 'checkedOut', checkedOutAt: outAt.toISOString(), minutes: 50 } });

  expect(await sessionOf(site.shift._id)).toMatchObject({ state: 'closed', checkOut: { at: outAt, method: 'station', offline: true, by: site.admin.userId }, minutes: 50 });
  const [r1, r2] = await revisionsOf(site);
  expect(r1).toMatchObject({ revision: 1, current: false, status: 'pending', missingCheckout: true, endsAt: site.shift.endsAt });
  expect(r2).toMatchObject({
    revision: 2,
    current: true,
    source: 'onsite',
    status: 'confirmed',
    endsAt: outAt,
    minutes: 50,
    confirmation: { orgId: site.orgId, by: site.admin.userId },
    changeReason: expect.stringContaining('离线签退已同步'),
  });
  expect(r2!.missingCheckout).toBeUndefined();
  expect(await hoursOf(v.volunteerId)).toMatchObject({ serviceMinutes: 50, confirmedRecords: 1 });
  expect(await site.admin.as.call('hours', 'orgTotals', { orgId: site.orgId })).toMatchObject({ ok: true, data: { serviceMinutes: 50, confirmedRecords: 1 } });

  // The organization no longer waits on it: not in the queue, and the dashboard shows the check-out.
  expect(await site.admin.as.call('hours', 'queue', { orgId: site.orgId })).toMatchObject({ ok: true, data: { items: [] } });
  expect(await site.admin.as.call('attendance', 'dashboard', { shiftId: site.shift._id })).toMatchObject({ ok: true, data: { rows: [{ state: 'checkedOut', minutes: 50 }] } });
  const history = await v.as.call('hours', 'history', { recordId: r2!.recordId });
  expect(history).toMatchObject({ ok: true, data: { revisions: [{ event: '待确认（未签退）' }, { event: '签退已同步，确认', current: true }] } });

  // Sent again with the same request id, with a new one, or with another time: nothing changes.
  expect((await caller(emu, v.openid).raw('attendance', syncedCheckOut(site, outAt, 'late-checkout-0001'))).body).toEqual(first.body);
  expect((await caller(emu, v.openid).raw('attendance', syncedCheckOut(site, outAt, 'late-checkout-0002'))).body).toEqual(first.body);
  const other = new Date(outAt.getTime() + 2 * MINUTE);
  expect((await caller(emu, v.openid).raw('attendance', syncedCheckOut(site, other, 'late-checkout-0003'))).body).toEqual(first.body);
  expect(await revisionsOf(site)).toHaveLength(2);
  expect(await hoursOf(v.volunteerId)).toMatchObject({ serviceMinutes: 50, confirmedRecords: 1 });
});

test('a sync after the window or before the check-in is refused in Chinese and changes nothing', async () => {
  const site = await forgotten();
  const v = site.volunteers[0]!;
  // Half a minute after the window closed (its end plus the 30-minute margin): the window's own day, whatever the hour.
  const afterWindow = new Date(site.shift.endsAt.getTime() + 30 * MINUTE + 30_000);
  expect((await caller(emu, v.openid).raw('attendance', syncedCheckOut(site, afterWindow, 'late-after-window-01'))).body).toMatchObject({
    ok: false,
    error: { code: 'OUTSIDE_WINDOW', message: expect.stringContaining('之间签到、签退') },
  });
  // Half a minute before the check-in: reversed, or — when the check-in was at midnight itself — a check-out of the day
  // before, which has no check-in.
  const beforeCheckIn = new Date(site.checkedInAt.getTime() - 30_000);
  const reversed = shanghaiDay(beforeCheckIn) === shanghaiDay(site.checkedInAt) ? 'SESSION_REVERSED' : 'NOT_CHECKED_IN';
  expect((await caller(emu, v.openid).raw('attendance', syncedCheckOut(site, beforeCheckIn, 'late-reversed-0001'))).body).toMatchObject({ ok: false, error: { code: reversed } });
  const halfMinute = new Date(site.checkedInAt.getTime() + 30_000);
  expect((await caller(emu, v.openid).raw('attendance', syncedCheckOut(site, halfMinute, 'late-empty-00001'))).body).toMatchObject({ ok: false, error: { code: 'SESSION_EMPTY' } });
  expect(await sessionOf(site.shift._id)).toMatchObject({ state: 'autoClosed', checkOut: { method: 'timer' } });
  expect(await revisionsOf(site)).toEqual([expect.objectContaining({ revision: 1, current: true, status: 'pending' })]);
  expect((await hoursOf(v.volunteerId)) ?? { serviceMinutes: 0 }).toMatchObject({ serviceMinutes: 0 });
});

test('once the organization decided on the 未签退 record, a late sync is refused and its decision stands', async () => {
  const site = await forgotten();
  const v = site.volunteers[0]!;
  const [pending] = await revisionsOf(site);
  expect(await site.admin.as.call('hours', 'adjust', { recordId: pending!.recordId, minutes: 30, reason: '按现场签到表核对' })).toMatchObject({ ok: true });
  const outAt = new Date(site.shift.endsAt.getTime() - 5 * MINUTE);
  expect((await caller(emu, v.openid).raw('attendance', syncedCheckOut(site, outAt, 'late-decided-00001'))).body).toMatchObject({
    ok: false,
    error: { code: 'MISSING_CHECKOUT_DECIDED', message: expect.stringContaining('报告错误') },
  });
  const revisions = await revisionsOf(site);
  expect(revisions).toHaveLength(2);
  expect(revisions[1]).toMatchObject({ current: true, minutes: 30, status: 'pending' });
  expect(await sessionOf(site.shift._id)).toMatchObject({ state: 'autoClosed' });
});
