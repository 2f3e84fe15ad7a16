// organization.requestJoin / decideJoin through the emulator: each admin told once, the requester told once,
// only admins of THAT organization decide.
import type { Emulator } from '../../emulator/src/server';
import { caller, startTestEmulator } from '../../emulator/test/support';
import type { MembershipDoc } from '../_shared/documents/membership';
import type { NotificationDoc } from '../_shared/documents/notification';
import { docs, functionEnv, registerOrganization, registerVolunteer, verifiedOrganization, type Volunteer } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

const membership = async (orgId: string, userId: string) => (await docs<MembershipDoc>(emu, 'memberships', { _id: `${orgId}_${userId}` }))[0];
const inboxOf = async (userId: string, kind: NotificationDoc['kind']) =>
  (await docs<NotificationDoc>(emu, 'notifications', { recipientUserId: userId })).filter((n) => n.kind === kind);

/** A verified organization with two active admins. */
async function orgWithTwoAdmins(tag: string, place: string): Promise<{ orgId: string; a1: Volunteer; a2: Volunteer }> {
  const a1 = await registerVolunteer(emu, `openid-join-${tag}-admin1`);
  const a2 = await registerVolunteer(emu, `openid-join-${tag}-admin2`);
  const orgId = await verifiedOrganization(emu, a1, { name: `${place}志愿服务队` });
  const code = await a1.as.call('organization', 'createInvite', { orgId });
  if (!code.ok) throw new Error(code.error.code);
  await a2.as.call('organization', 'acceptInvite', { code: code.data.code });
  return { orgId, a1, a2 };
}

test('a request is pending and each active admin is told exactly once, also when the request is repeated', async () => {
  const { orgId, a1, a2 } = await orgWithTwoAdmins('jinan', '晋安');
  const vic = await registerVolunteer(emu, 'openid-join-vic', '维克多');
  const first = await vic.as.call('organization', 'requestJoin', { orgId, message: '  想参加 周末 活动 ' });
  expect(first).toEqual({ ok: true, data: { status: 'pending' } });
  expect(await membership(orgId, vic.userId)).toMatchObject({ role: 'member', status: 'pending', requestCount: 1, message: '想参加 周末 活动' });
  expect(await vic.as.call('organization', 'requestJoin', { orgId })).toEqual({ ok: false, error: { code: 'ALREADY_REQUESTED', message: expect.stringMatching(/等待/) } });
  for (const admin of [a1, a2]) {
    expect(await inboxOf(admin.userId, 'org.joinRequested')).toEqual([
      expect.objectContaining({ title: '新的入队申请', body: expect.stringContaining('维**'), link: `/org/home/index?orgId=${orgId}` }),
    ]);
  }
  expect(await inboxOf(vic.userId, 'org.joinRequested')).toEqual([]);
});

test('concurrent identical requests: one request, each admin told once', async () => {
  const { orgId, a1, a2 } = await orgWithTwoAdmins('cangshan', '仓山');
  const wes = await registerVolunteer(emu, 'openid-join-wes');
  const answers = await Promise.all(Array.from({ length: 4 }, () => wes.as.call('organization', 'requestJoin', { orgId })));
  expect(answers.filter((a) => a.ok)).toHaveLength(1);
  expect(answers.filter((a) => !a.ok).every((a) => !a.ok && a.error.code === 'ALREADY_REQUESTED')).toBe(true);
  for (const admin of [a1, a2]) expect(await inboxOf(admin.userId, 'org.joinRequested')).toHaveLength(1);
});

test('approve: an active member, the requester told once; a retry answers the same and tells nobody again', async () => {
  const { orgId, a1, a2 } = await orgWithTwoAdmins('mawei', '马尾');
  const xia = await registerVolunteer(emu, 'openid-join-xia', '夏雨');
  await xia.as.call('organization', 'requestJoin', { orgId });
  const answers = await Promise.all([a1, a2, a1].map((a) => a.as.call('organization', 'decideJoin', { orgId, userId: xia.userId, decision: 'approve' })));
  expect(answers).toEqual(Array(3).fill({ ok: true, data: { status: 'active' } }));
  expect(await a1.as.call('organization', 'decideJoin', { orgId, userId: xia.userId, decision: 'approve' })).toEqual({ ok: true, data: { status: 'active' } });
  expect(await membership(orgId, xia.userId)).toMatchObject({ role: 'member', status: 'active', since: expect.any(Date) });
  expect(await inboxOf(xia.userId, 'org.joinDecided')).toEqual([
    expect.objectContaining({ title: '入队申请已通过', body: expect.stringContaining('马尾志愿服务队') }),
  ]);
  expect(await a1.as.call('organization', 'decideJoin', { orgId, userId: xia.userId, decision: 'decline' })).toEqual({
    ok: false,
    error: { code: 'NOT_PENDING', message: expect.any(String) },
  });
  expect(await xia.as.call('organization', 'requestJoin', { orgId })).toMatchObject({ ok: false, error: { code: 'ALREADY_MEMBER' } });
  expect(await xia.as.call('organization', 'mine', {})).toMatchObject({ ok: true, data: { organizations: [expect.objectContaining({ orgId, role: 'member', membership: 'active' })] } });
  // An admin is not "approved" as a member.
  expect(await a1.as.call('organization', 'decideJoin', { orgId, userId: a2.userId, decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'NOT_PENDING' } });
});

test('decline with a reason; the person may ask again, and that new request is told and answered anew', async () => {
  const { orgId, a1, a2 } = await orgWithTwoAdmins('changle', '长乐');
  const yan = await registerVolunteer(emu, 'openid-join-yan');
  await yan.as.call('organization', 'requestJoin', { orgId });
  const declined = await a1.as.call('organization', 'decideJoin', { orgId, userId: yan.userId, decision: 'decline', reason: '本期名额已满' });
  expect(declined).toEqual({ ok: true, data: { status: 'declined' } });
  expect(await a2.as.call('organization', 'decideJoin', { orgId, userId: yan.userId, decision: 'decline', reason: '本期名额已满' })).toEqual(declined);
  expect(await inboxOf(yan.userId, 'org.joinDecided')).toEqual([
    expect.objectContaining({ title: '入队申请未通过', body: expect.stringContaining('本期名额已满') }),
  ]);
  expect(await yan.as.call('organization', 'get', { orgId })).toMatchObject({ ok: true, data: { myRole: null, myMembership: 'declined' } });

  expect(await yan.as.call('organization', 'requestJoin', { orgId })).toEqual({ ok: true, data: { status: 'pending' } });
  expect(await membership(orgId, yan.userId)).toMatchObject({ status: 'pending', requestCount: 2 });
  for (const admin of [a1, a2]) expect(await inboxOf(admin.userId, 'org.joinRequested')).toHaveLength(2);
  await a2.as.call('organization', 'decideJoin', { orgId, userId: yan.userId, decision: 'approve' });
  expect((await inboxOf(yan.userId, 'org.joinDecided')).map((n) => n.title).sort()).toEqual(['入队申请已通过', '入队申请未通过']);
});

test('an admin of another organization, a member and a stranger cannot decide: FORBIDDEN, nothing changes', async () => {
  const { orgId, a1 } = await orgWithTwoAdmins('minhou', '闽侯');
  const other = await registerVolunteer(emu, 'openid-join-other-admin');
  await verifiedOrganization(emu, other);
  const member = await registerVolunteer(emu, 'openid-join-member');
  await member.as.call('organization', 'requestJoin', { orgId });
  await a1.as.call('organization', 'decideJoin', { orgId, userId: member.userId, decision: 'approve' });
  const zoe = await registerVolunteer(emu, 'openid-join-zoe');
  await zoe.as.call('organization', 'requestJoin', { orgId });

  for (const who of [other.as, member.as, zoe.as, caller(emu, 'openid-join-stranger')]) {
    expect(await who.call('organization', 'decideJoin', { orgId, userId: zoe.userId, decision: 'approve' })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringMatching(/管理员/) },
    });
  }
  expect(await membership(orgId, zoe.userId)).toMatchObject({ status: 'pending' });
  expect(await inboxOf(zoe.userId, 'org.joinDecided')).toEqual([]);
  // The other organization's admin sees no admin part here either.
  const seen = await other.as.call('organization', 'get', { orgId });
  expect(seen.ok && seen.data.admin).toBeUndefined();
});

test('NOT_FOUND, NOT_VERIFIED and NOT_REGISTERED', async () => {
  const { orgId, a1 } = await orgWithTwoAdmins('lianjiang', '连江');
  const ray = await registerVolunteer(emu, 'openid-join-ray');
  expect(await ray.as.call('organization', 'requestJoin', { orgId: 'org_unknown' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  const pending = await registerOrganization(a1);
  expect(await ray.as.call('organization', 'requestJoin', { orgId: pending })).toMatchObject({ ok: false, error: { code: 'NOT_VERIFIED' } });
  expect(await caller(emu, 'openid-join-unregistered').call('organization', 'requestJoin', { orgId })).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
  expect(await a1.as.call('organization', 'decideJoin', { orgId, userId: ray.userId, decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  expect(await a1.as.call('organization', 'requestJoin', { orgId })).toMatchObject({ ok: false, error: { code: 'ALREADY_MEMBER', message: expect.stringMatching(/管理员/) } });
});
