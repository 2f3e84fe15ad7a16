// Changing a published project through the emulator: every volunteer signed up for a changed or cancelled shift is
// told once through the outbox, in the same transaction; places never drop below the confirmed; bad input refused.
import type { Emulator } from '../../emulator/src/server';
import { caller, startTestEmulator } from '../../emulator/test/support';
import { REQUEST_ID_FIELD } from '../../miniprogram/domain/actions';
import type { SignupDoc } from '../_shared/documents/project';
import type { NotificationDoc } from '../_shared/documents/notification';
import type { ProjectDoc, ShiftDoc, SignupScheduleDoc } from '../_shared/documents/project';
import { docs, functionEnv, registerVolunteer, type Volunteer } from '../organization/test-support';
import { publisher, published, signUp, type Publisher } from './fixtures';
import { formStartingIn, shiftOf } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

let people = 0;
const volunteer = (name = '张三'): Promise<Volunteer> => registerVolunteer(emu, `openid-change-${++people}`, name);
// What the project function told them (the signup function's own messages, such as 报名成功, are its tests' business).
const inboxOf = async (userId: string) => (await docs<NotificationDoc>(emu, 'notifications', { recipientUserId: userId })).filter((n) => n.kind.startsWith('project.'));
const shiftDoc = async (id: string) => (await docs<ShiftDoc>(emu, 'shifts', { _id: id }))[0]!;
const projectDoc = async (id: string) => (await docs<ProjectDoc>(emu, 'projects', { _id: id }))[0]!;

async function withSignups(): Promise<{ p: Publisher; projectId: string; shiftId: string; told: Volunteer[]; withdrawn: Volunteer }> {
  const p = await publisher(emu);
  const projectId = await published(p, formStartingIn(new Date(), 3));
  const shiftId = shiftOf(projectId, 0);
  const told = [await volunteer(), await volunteer(), await volunteer(), await volunteer()];
  await signUp(emu, shiftId, told[0]!, 'confirmed');
  await signUp(emu, shiftId, told[1]!, 'waitlisted');
  await signUp(emu, shiftId, told[2]!, 'offered');
  await signUp(emu, shiftId, told[3]!, 'pending');
  const withdrawn = await volunteer();
  await signUp(emu, shiftId, withdrawn, 'withdrawn');
  return { p, projectId, shiftId, told, withdrawn };
}

test('a new time reaches everyone who holds or waits for a place, once even when retried', async () => {
  const { p, projectId, shiftId, told, withdrawn } = await withSignups();
  const startsAt = new Date(Date.now() + 4 * 86_400_000);
  startsAt.setUTCHours(2, 0, 0, 0);
  const endsAt = new Date(startsAt.getTime() + 2 * 3_600_000);
  const payload = { action: 'updateShift', projectId, shiftId, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), [REQUEST_ID_FIELD]: 'change-time-1' };
  const first = await p.admin.as.raw('project', payload);
  expect(first.body).toEqual({ ok: true, data: { projectId, shiftIds: [shiftId], notified: 4 } });
  expect(await p.admin.as.raw('project', payload)).toEqual(first);
  expect(await shiftDoc(shiftId)).toMatchObject({ startsAt, endsAt });
  expect(await projectDoc(projectId)).toMatchObject({ startsAt, endsAt });
  for (const v of told) {
    const inbox = await inboxOf(v.userId);
    expect(inbox).toEqual([
      expect.objectContaining({ kind: 'project.shiftChanged', title: '报名的班次有变动', body: expect.stringMatching(/班次时间由 .+ 改为 .+10:00–12:00/), link: `/project/detail/index?projectId=${projectId}` }),
    ]);
  }
  expect(await inboxOf(withdrawn.userId)).toEqual([]);
  // Every live sign-up now carries the new times, and so does a held place in the person's schedule (what the next
  // overlap check reads); the withdrawn one keeps the times it had.
  for (const v of told) expect((await docs<SignupDoc>(emu, 'signups', { shiftId, userId: v.userId }))[0]).toMatchObject({ startsAt, endsAt });
  const confirmedHold = (await docs<SignupScheduleDoc>(emu, 'signupSchedules', { _id: told[0]!.userId }))[0]!.holds;
  expect(confirmedHold).toEqual([expect.objectContaining({ startsAt, endsAt })]);
  expect((await docs<SignupDoc>(emu, 'signups', { shiftId, userId: withdrawn.userId }))[0]!.startsAt).not.toEqual(startsAt);
});

test('a new place reaches the volunteers of every shift to come', async () => {
  const { p, projectId, told } = await withSignups();
  const res = await p.admin.as.call('project', 'updatePlace', {
    projectId,
    place: { address: '福州市鼓楼区温泉公园', longitude: 119.31, latitude: 26.09, regionCode: '350102', checkinRadiusM: 200 },
  });
  expect(res).toEqual({ ok: true, data: { projectId, shiftIds: [], notified: 4 } });
  expect((await inboxOf(told[0]!.userId))[0]?.body).toContain('服务地点改为 福州市鼓楼区温泉公园');
  expect((await projectDoc(projectId)).place).toMatchObject({ address: '福州市鼓楼区温泉公园', regionPrefixes: ['35', '3501', '350102'] });
  expect(await p.admin.as.call('project', 'updatePlace', { projectId, place: { address: '', longitude: 119.31, latitude: 26.09, regionCode: '350102', checkinRadiusM: 200 } })).toEqual({
    ok: false,
    error: { code: 'PROJECT_INVALID', message: '请填写详细地址', field: 'place.address' },
  });
});

test('cancelling a shift tells its volunteers with the reason; cancelling the project ends it', async () => {
  const p = await publisher(emu);
  const form = formStartingIn(new Date(), 3);
  const second = { startsAt: new Date(Date.parse(form.shifts[0]!.startsAt) + 86_400_000).toISOString(), endsAt: new Date(Date.parse(form.shifts[0]!.endsAt) + 86_400_000).toISOString(), places: 5 };
  const projectId = await published(p, { ...form, shifts: [...form.shifts, second] });
  const a = await volunteer();
  const b = await volunteer();
  await signUp(emu, shiftOf(projectId, 0), a);
  await signUp(emu, shiftOf(projectId, 1), b);
  expect(await p.admin.as.call('project', 'cancel', { projectId, shiftId: shiftOf(projectId, 0), reason: '' })).toEqual({
    ok: false,
    error: { code: 'REASON_REQUIRED', message: '请填写原因，报名的志愿者会看到它', field: 'reason' },
  });
  expect(await p.admin.as.call('project', 'cancel', { projectId, shiftId: shiftOf(projectId, 0), reason: '台风预警' })).toMatchObject({ ok: true, data: { notified: 1 } });
  expect((await inboxOf(a.userId)).map((n) => [n.kind, n.body])).toEqual([['project.cancelled', expect.stringContaining('原因：台风预警')]]);
  expect(await inboxOf(b.userId)).toEqual([]);
  expect(await projectDoc(projectId)).toMatchObject({ status: 'recruiting', startsAt: new Date(second.startsAt) });
  expect(await p.admin.as.call('project', 'cancel', { projectId, shiftId: shiftOf(projectId, 0), reason: '再取消一次' })).toMatchObject({ ok: false, error: { code: 'SHIFT_NOT_FOUND' } });

  expect(await p.admin.as.call('project', 'cancel', { projectId, reason: '场地不再开放' })).toMatchObject({ ok: true, data: { notified: 1 } });
  expect(await projectDoc(projectId)).toMatchObject({ status: 'cancelled', discoverable: false, cancelReason: '场地不再开放' });
  expect(await inboxOf(a.userId)).toHaveLength(1);
  expect((await inboxOf(b.userId))[0]?.body).toContain('场地不再开放');
  expect(await p.admin.as.call('project', 'cancel', { projectId, reason: '又一次' })).toEqual({ ok: false, error: { code: 'NOT_CANCELLABLE', message: '该项目已经结束或已取消，不能再取消' } });
  expect(await p.admin.as.call('project', 'updateShift', { projectId, shiftId: shiftOf(projectId, 1), startsAt: second.startsAt, endsAt: second.endsAt })).toEqual({
    ok: false,
    error: { code: 'NOT_PUBLISHED', message: '项目发布后才能进行这项操作' },
  });
});

test('places: never below those held; an increase resizes the shards and offers the new places to the waitlist', async () => {
  const { p, projectId, shiftId, told } = await withSignups();
  expect(await p.admin.as.call('project', 'changePlaces', { projectId, shiftId, places: 0 })).toEqual({
    ok: false,
    error: { code: 'PROJECT_INVALID', message: '每个班次至少招募 1 人', field: 'places' },
  });
  await signUp(emu, shiftId, await volunteer());
  expect(await p.admin.as.call('project', 'changePlaces', { projectId, shiftId, places: 1 })).toEqual({
    ok: false,
    error: { code: 'PLACES_BELOW_TAKEN', message: '已有 2 人确认报名，招募人数不能少于 2', field: 'places' },
  });
  expect(await p.admin.as.call('project', 'changePlaces', { projectId, shiftId, places: 30 })).toEqual({ ok: true, data: { projectId, shiftIds: [shiftId], notified: 0 } });
  expect(await shiftDoc(shiftId)).toMatchObject({ places: 30 });
  const detail = await caller(emu, 'openid-visitor-places').call('project', 'get', { projectId });
  // Two confirmed hold places, and the new places went to the waitlist at once: its first in line is offered one.
  expect(detail.ok && detail.data.shifts.find((s) => s.shiftId === shiftId)).toMatchObject({ places: 30, placesLeft: 27 });
  expect(await docs<SignupDoc>(emu, 'signups', { shiftId, userId: told[1]!.userId })).toEqual([expect.objectContaining({ status: 'offered' })]);
});

test('a series moves together to new times of day; each volunteer of each shift told once', async () => {
  const p = await publisher(emu);
  const firstDate = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
  const projectId = await published(p, { ...formStartingIn(new Date(), 1), shifts: [], repeat: { weekdays: [1, 2, 3, 4, 5, 6, 7], startTime: '09:00', endTime: '10:00', firstDate, weeks: 1, places: 3 } });
  const v = await volunteer();
  await signUp(emu, shiftOf(projectId, 0), v);
  await signUp(emu, shiftOf(projectId, 3), v);
  const seriesId = `${projectId}-r`;
  expect(await p.admin.as.call('project', 'updateSeries', { projectId, seriesId, startTime: '14:00', endTime: '13:00' })).toEqual({
    ok: false,
    error: { code: 'PROJECT_INVALID', message: '重复规则的结束时间要晚于开始时间', field: 'endTime' },
  });
  const res = await p.admin.as.call('project', 'updateSeries', { projectId, seriesId, startTime: '14:00', endTime: '16:30' });
  expect(res).toMatchObject({ ok: true, data: { notified: 2 } });
  expect(res.ok && res.data.shiftIds).toHaveLength(7);
  const shifts = await docs<ShiftDoc>(emu, 'shifts', { projectId });
  for (const s of shifts) expect(new Date(s.startsAt).getUTCHours()).toBe(6); // 14:00 in Shanghai
  expect(await inboxOf(v.userId)).toHaveLength(2);
  expect(await p.admin.as.call('project', 'updateSeries', { projectId, seriesId: 'nope', startTime: '14:00', endTime: '16:30' })).toMatchObject({ ok: false, error: { code: 'SHIFT_NOT_FOUND' } });
});

test('only the organization\'s admins change a project', async () => {
  const { projectId, shiftId } = await withSignups();
  const other = await publisher(emu, '别的组织');
  for (const who of [other.admin.as, caller(emu, 'openid-change-stranger')]) {
    expect(await who.call('project', 'changePlaces', { projectId, shiftId, places: 99 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await who.call('project', 'cancel', { projectId, reason: '恶意' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }
  expect(await shiftDoc(shiftId)).toMatchObject({ places: 10, cancelled: false });
});
