// 标记未到 racing a check-in of the same person, through the emulator with the stock SDK: both write the sign-up in
// their transactions, so CloudBase's write conflict makes one retry and see the other. Over many rounds a person is
// never both marked 未到 and checked in, and exactly one of the two calls succeeds. Also: a station scan after the
// mark is refused; an admin checking the volunteer in by hand undoes it and the undone mark is kept.
import type { Emulator } from '../../emulator/src/server';
import { startTestEmulator } from '../../emulator/test/support';
import { signupId, type SignupDoc } from '../_shared/documents/project';
import { docs, functionEnv } from '../organization/test-support';
import type { SessionDoc } from './store';
import { onSiteShift, tokenAt } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
  // Warm instances so the two calls of a round run at the same time, as two phones' requests would on CloudBase.
  await emu.runtime!.provision('attendance', 4);
});
afterAll(async () => emu.stop());

const place = { latitude: 26.08, longitude: 119.3 };
const ROUNDS = 12;

test(`${ROUNDS} rounds of 标记未到 racing a check-in: never both a no-show and a session, exactly one succeeds`, async () => {
  const site = await onSiteShift(emu, { signedUp: ROUNDS });
  for (const [round, v] of site.volunteers.entries()) {
    const id = signupId(site.shift._id, v.userId);
    // Alternate which request leaves first, so either may win the conflict.
    const mark = () => site.admin.as.call('attendance', 'markAbsent', { signupId: id });
    const scan = () => v.as.call('attendance', 'checkIn', { location: place, token: tokenAt(site.station) });
    const [marked, checkedIn] = round % 2 === 0 ? await Promise.all([mark(), scan()]) : (await Promise.all([scan(), mark()])).reverse();
    const [signup] = await docs<SignupDoc>(emu, 'signups', { _id: id });
    const sessions = await docs<SessionDoc>(emu, 'attendanceSessions', { shiftId: site.shift._id, volunteerId: v.volunteerId });
    expect({ round, noShow: Boolean(signup!.noShow), sessions: sessions.length }).not.toMatchObject({ noShow: true, sessions: 1 });
    expect([marked!.ok, checkedIn!.ok].filter(Boolean)).toHaveLength(1);
    if (marked!.ok) {
      expect(checkedIn).toMatchObject({ ok: false, error: { code: 'MARKED_ABSENT', message: expect.stringContaining('管理员') } });
      expect(sessions).toEqual([]);
    } else {
      expect(marked).toMatchObject({ ok: false, error: { code: 'ALREADY_CHECKED_IN' } });
      expect(signup).toMatchObject({ checkedInAt: expect.any(Date) });
      expect(signup!.noShow).toBeUndefined();
    }
  }
});

test('after 标记未到 a station scan is refused; the admin checking them in by hand undoes the mark, kept for audit', async () => {
  const site = await onSiteShift(emu);
  const v = site.volunteers[0]!;
  const id = signupId(site.shift._id, v.userId);
  expect(await site.admin.as.call('attendance', 'markAbsent', { signupId: id })).toMatchObject({ ok: true, data: { state: 'noShow' } });
  expect(await v.as.call('attendance', 'checkIn', { location: place, token: tokenAt(site.station) })).toMatchObject({ ok: false, error: { code: 'MARKED_ABSENT' } });
  expect(await docs(emu, 'attendanceSessions', { shiftId: site.shift._id })).toEqual([]);

  expect(await site.admin.as.call('attendance', 'manualCheck', { shiftId: site.shift._id, volunteerId: v.volunteerId, intent: 'checkIn', reason: '迟到，已到场' })).toMatchObject({ ok: true });
  const [signup] = await docs<SignupDoc>(emu, 'signups', { _id: id });
  expect(signup!.noShow).toBeUndefined();
  expect(signup).toMatchObject({ noShowCleared: { markedBy: site.admin.userId, clearedBy: site.admin.userId }, checkedInAt: expect.any(Date) });
  expect(await site.admin.as.call('attendance', 'dashboard', { shiftId: site.shift._id })).toMatchObject({ ok: true, data: { rows: [{ state: 'checkedIn' }] } });
  expect(await site.admin.as.call('attendance', 'markAbsent', { signupId: id })).toMatchObject({ ok: false, error: { code: 'ALREADY_CHECKED_IN' } });
});
