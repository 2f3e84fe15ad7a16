// 确认参加 through the emulator: the volunteer reads one of their sign-ups, confirms they will come (recorded once,
// shown on the organization's roster) or releases the place through the withdrawal (the first in line is offered
// it); someone else's sign-up is not found; a place not held, or a shift already started, cannot be confirmed.
import type { Emulator } from '../../emulator/src/server';
import { serverSdk, startTestEmulator } from '../../emulator/test/support';
import type { NotificationDoc } from '../_shared/documents/notification';
import type { SignupDoc } from '../_shared/documents/project';
import { docs, functionEnv, registerVolunteer, verifiedOrganization, type Volunteer } from '../organization/test-support';
import { projectDoc, publish, shiftDoc } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

const HOUR = 3600_000;
let people = 0;
const volunteer = (name = '张三') => registerVolunteer(emu, `openid-placecheck-${++people}`, name);
const signupDoc = async (id: string) => (await docs<SignupDoc>(emu, 'signups', { _id: id }))[0]!;

async function shiftOf(places: number, startsInHours = 30) {
  const admin = await volunteer('管理员');
  const orgId = await verifiedOrganization(emu, admin);
  const project = projectDoc(orgId, { place: { ...projectDoc(orgId).place, name: '温泉街道社区中心' } });
  const startsAt = new Date(Date.now() + startsInHours * HOUR);
  const shift = shiftDoc(project, { places, startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR) });
  await publish(emu, project, [shift]);
  return { admin, orgId, project, shift };
}

async function signUp(v: Volunteer, shiftId: string): Promise<string> {
  const res = await v.as.call('signup', 'signup', { shiftId });
  if (!res.ok) throw new Error(res.error.code);
  return res.data.signupId;
}

test('placeCheck answers my sign-up with the place and what I can do; anyone else’s is not found', async () => {
  const { shift } = await shiftOf(2);
  const me = await volunteer('张一');
  const signupId = await signUp(me, shift._id);
  expect(await me.as.call('signup', 'placeCheck', { signupId })).toEqual({
    ok: true,
    data: {
      signup: expect.objectContaining({ signupId, status: 'confirmed', projectTitle: expect.any(String) }),
      place: '温泉街道社区中心（福州市鼓楼区五四路100号）',
      canConfirm: true,
      canRelease: true,
      lateIfReleased: false,
    },
  });
  const stranger = await volunteer('李四');
  for (const act of ['placeCheck', 'confirmPlace', 'releasePlace'] as const) {
    expect(await stranger.as.call('signup', act, { signupId })).toEqual({ ok: false, error: { code: 'SIGNUP_NOT_FOUND', message: expect.stringContaining('没有找到') } });
  }
  expect(await signupDoc(signupId)).toMatchObject({ status: 'confirmed' });
  expect((await signupDoc(signupId)).placeConfirmedAt).toBeUndefined();
  expect(await me.as.call('signup', 'placeCheck', { signupId: 'nope' })).toMatchObject({ ok: false, error: { code: 'SIGNUP_NOT_FOUND' } });
  expect(await me.as.call('signup', 'placeCheck', {} as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
});

test('confirmPlace records the first confirmation once; the organization sees it on its roster', async () => {
  const { admin, shift } = await shiftOf(2);
  const me = await volunteer('张二');
  const signupId = await signUp(me, shift._id);
  const before = await signupDoc(signupId);
  const first = await me.as.call('signup', 'confirmPlace', { signupId });
  expect(first).toMatchObject({ ok: true, data: { placeConfirmedAt: expect.any(String), canConfirm: false, canRelease: true } });
  const stored = await signupDoc(signupId);
  // The status's own instant is untouched: the history of the next change keeps when the place was confirmed.
  expect(stored.updatedAt).toEqual(before.updatedAt);
  expect(stored.status).toBe('confirmed');
  // Again, without a request id (a second tap): the first confirmation stands.
  const again = await me.as.call('signup', 'confirmPlace', { signupId });
  expect(again).toEqual(first);
  expect((await signupDoc(signupId)).placeConfirmedAt).toEqual(stored.placeConfirmedAt);
  const roster = await admin.as.call('signup', 'shiftSignups', { shiftId: shift._id });
  expect(roster).toMatchObject({ ok: true, data: { items: [expect.objectContaining({ signupId, placeConfirmedAt: stored.placeConfirmedAt!.toISOString() })] } });
});

test('confirmPlace refuses a place not held, and a shift that has started', async () => {
  const { shift } = await shiftOf(1);
  const holder = await volunteer('王一');
  const waiting = await volunteer('王二');
  const held = await signUp(holder, shift._id);
  const waitlisted = await signUp(waiting, shift._id);
  expect(await signupDoc(waitlisted)).toMatchObject({ status: 'waitlisted' });
  expect(await waiting.as.call('signup', 'confirmPlace', { signupId: waitlisted })).toEqual({ ok: false, error: { code: 'NOT_CONFIRMABLE', message: '这条报名当前没有保留的名额，无需确认参加' } });
  expect(await waiting.as.call('signup', 'placeCheck', { signupId: waitlisted })).toMatchObject({ ok: true, data: { canConfirm: false, canRelease: true } });
  await serverSdk(emu).database().collection('signups').doc(held).update({ data: { startsAt: new Date(Date.now() - 60_000) } });
  expect(await holder.as.call('signup', 'confirmPlace', { signupId: held })).toEqual({ ok: false, error: { code: 'SHIFT_STARTED', message: '班次已经开始，无需再确认参加' } });
  expect((await signupDoc(held)).placeConfirmedAt).toBeUndefined();
});

test('releasePlace is the withdrawal: the first in line is offered the place, the admins are told, a retry changes nothing', async () => {
  const { admin, shift } = await shiftOf(1);
  const holder = await volunteer('赵一');
  const next = await volunteer('赵二');
  const held = await signUp(holder, shift._id);
  const waitlisted = await signUp(next, shift._id);
  const released = await holder.as.call('signup', 'releasePlace', { signupId: held });
  expect(released).toMatchObject({ ok: true, data: { signup: { status: 'withdrawn' }, canConfirm: false, canRelease: false } });
  expect(await signupDoc(held)).toMatchObject({ status: 'withdrawn' });
  expect(await signupDoc(waitlisted)).toMatchObject({ status: 'offered' });
  const toAdmin = await docs<NotificationDoc>(emu, 'notifications', { recipientUserId: admin.userId, kind: 'signup.withdrawn' });
  expect(toAdmin).toHaveLength(1);
  const offered = await docs<NotificationDoc>(emu, 'notifications', { recipientUserId: next.userId, kind: 'signup.offered' });
  expect(offered).toHaveLength(1);
  // Released again (a second tap): answered as it stands, nobody told twice.
  expect(await holder.as.call('signup', 'releasePlace', { signupId: held })).toMatchObject({ ok: true, data: { signup: { status: 'withdrawn' } } });
  expect(await docs(emu, 'notifications', { recipientUserId: admin.userId, kind: 'signup.withdrawn' })).toHaveLength(1);
  expect(await signupDoc(waitlisted)).toMatchObject({ status: 'offered' });
});

test('inside the cut-off, releasing says it is late and is recorded so', async () => {
  const { shift } = await shiftOf(2, 5);
  const me = await volunteer('孙一');
  const signupId = await signUp(me, shift._id);
  expect(await me.as.call('signup', 'placeCheck', { signupId })).toMatchObject({ ok: true, data: { lateIfReleased: true } });
  expect(await me.as.call('signup', 'releasePlace', { signupId })).toMatchObject({ ok: true, data: { signup: { status: 'withdrawn', late: true } } });
});

test('at once: three confirmations give one, and a confirmation racing a release leaves the place released and offered once', async () => {
  const { shift } = await shiftOf(1);
  const me = await volunteer('钱一');
  const next = await volunteer('钱二');
  const signupId = await signUp(me, shift._id);
  const waitlisted = await signUp(next, shift._id);
  const confirmations = await Promise.all([1, 2, 3].map(() => me.as.call('signup', 'confirmPlace', { signupId })));
  expect(confirmations.every((c) => c.ok)).toBe(true);
  const at = (await signupDoc(signupId)).placeConfirmedAt!.toISOString();
  for (const c of confirmations) expect(c).toMatchObject({ data: { placeConfirmedAt: at } });

  const [confirmed, released] = await Promise.all([me.as.call('signup', 'confirmPlace', { signupId }), me.as.call('signup', 'releasePlace', { signupId })]);
  expect(released).toMatchObject({ ok: true, data: { signup: { status: 'withdrawn' } } });
  // The confirmation either came first (and answered the place confirmed) or saw the withdrawal and refused.
  expect(confirmed.ok ? confirmed.data.placeConfirmedAt : confirmed.error.code).toEqual(confirmed.ok ? at : 'NOT_CONFIRMABLE');
  expect(await signupDoc(signupId)).toMatchObject({ status: 'withdrawn' });
  expect(await signupDoc(waitlisted)).toMatchObject({ status: 'offered' });
  expect(await docs(emu, 'notifications', { recipientUserId: next.userId, kind: 'signup.offered' })).toHaveLength(1);
});
