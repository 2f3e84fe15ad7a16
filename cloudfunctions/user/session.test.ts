// user.session through the emulator: the built function, the stock SDK, a real (in-memory) database.
import type { Emulator } from '../../emulator/src/server';
import { caller, serverSdk, startTestEmulator } from '../../emulator/test/support';
import { userIdOf } from '../_shared/documents/ids';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv: { PLATFORM_ADMIN_OPENIDS: 'openid-admin, openid-admin-2' } });
});
afterAll(async () => emu.stop());

const usersOf = async (openid: string) => {
  const db = serverSdk(emu).database();
  return ((await db.collection('users').where({ openid }).get()) as { data: unknown[] }).data;
};

test('first call creates the user; the next one finds it', async () => {
  const alice = caller(emu, 'openid-alice');
  const first = await alice.call('user', 'session', {});
  expect(first).toEqual({
    ok: true,
    data: { userId: userIdOf('openid-alice'), roles: [], registered: false, unread: 0, firstSeen: true },
  });
  const second = await alice.call('user', 'session', {});
  expect(second).toEqual({ ok: true, data: { ...(first as { data: object }).data, firstSeen: false } });
  expect(await usersOf('openid-alice')).toHaveLength(1);
});

test('the user id does not reveal the OPENID', async () => {
  const res = await caller(emu, 'openid-carol').call('user', 'session', {});
  expect(res.ok && res.data.userId).not.toContain('openid-carol');
});

test('20 concurrent first calls by one person make exactly one user', async () => {
  const dave = caller(emu, 'openid-dave');
  const results = await Promise.all(Array.from({ length: 20 }, () => dave.call('user', 'session', {})));
  expect(results.every((r) => r.ok)).toBe(true);
  expect(results.filter((r) => r.ok && r.data.firstSeen)).toHaveLength(1);
  expect(new Set(results.map((r) => r.ok && r.data.userId)).size).toBe(1);
  expect(await usersOf('openid-dave')).toHaveLength(1);
});

test('platform admins come from configuration', async () => {
  const res = await caller(emu, 'openid-admin-2').call('user', 'session', {});
  expect(res.ok && res.data.roles).toEqual(['platformAdmin']);
});

test('a registered volunteer gets name, number and the volunteer role', async () => {
  const openid = 'openid-registered';
  await caller(emu, openid).call('user', 'session', {});
  const db = serverSdk(emu).database();
  await db.collection('volunteers').add({ data: { _id: 'vol-1', userId: userIdOf(openid), status: 'active', name: '张三', volunteerNo: 'ZY35010020260000017' } });
  await db.collection('users').doc(userIdOf(openid)).update({ data: { volunteerId: 'vol-1' } });

  const res = await caller(emu, openid).call('user', 'session', {});
  expect(res).toEqual({
    ok: true,
    data: expect.objectContaining({
      registered: true,
      roles: ['volunteer'],
      // What 我的 shows, so its first render is this one call: the name masked as on every screen, no hours yet.
      volunteer: { nameMasked: '张*', volunteerNo: 'ZY35010020260000017', confirmedHours: 0, starLevel: null },
      unread: 0,
    }),
  });
  expect(JSON.stringify(res)).not.toContain('张三');

  // 消息's badge comes with it: the caller's unread notifications only.
  const notifications = db.collection('notifications');
  await notifications.add({ data: { _id: 'n-mine-1', recipientUserId: userIdOf(openid), kind: 'join_request', title: 't', body: 'b', createdAt: new Date(), readAt: null } });
  await notifications.add({ data: { _id: 'n-mine-read', recipientUserId: userIdOf(openid), kind: 'join_request', title: 't', body: 'b', createdAt: new Date(), readAt: new Date() } });
  await notifications.add({ data: { _id: 'n-other', recipientUserId: userIdOf('openid-someone-else'), kind: 'join_request', title: 't', body: 'b', createdAt: new Date(), readAt: null } });
  const again = await caller(emu, openid).call('user', 'session', {});
  expect(again.ok && again.data.unread).toBe(1);
});

test('bad input and unknown actions change nothing and say why in Chinese', async () => {
  const eve = caller(emu, 'openid-eve');
  const bad = await eve.raw('user', { action: 'session', extra: 1 });
  expect(bad.body).toEqual({ ok: false, error: { code: 'BAD_REQUEST', message: expect.stringMatching(/请求/) } });
  const unknown = await eve.raw('user', { action: 'drop_everything' });
  expect(unknown.body).toEqual({ ok: false, error: { code: 'UNKNOWN_ACTION', message: expect.any(String) } });
  expect(await usersOf('openid-eve')).toHaveLength(0);
});

test('a call without a WeChat identity is refused', async () => {
  const res = await fetch(`${emu.gatewayUrl}/user`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ action: 'session' }) });
  expect(await res.json()).toEqual({ ok: false, error: { code: 'UNAUTHENTICATED', message: expect.any(String) } });
});

test('the unionid is recorded on first sight, and later when the context first carries it (the link to the official account)', async () => {
  await caller(emu, 'openid-ulla', { 'x-wx-unionid': 'union-ulla' }).call('user', 'session', {});
  expect(await usersOf('openid-ulla')).toEqual([expect.objectContaining({ unionid: 'union-ulla' })]);

  // Seen before the mini-program was bound to the open platform: no unionid then, recorded once it comes.
  await caller(emu, 'openid-ursula').call('user', 'session', {});
  expect(await usersOf('openid-ursula')).toEqual([expect.not.objectContaining({ unionid: expect.anything() })]);
  const res = await caller(emu, 'openid-ursula', { 'x-wx-unionid': 'union-ursula' }).call('user', 'session', {});
  expect(res.ok && res.data.firstSeen).toBe(false);
  expect(await usersOf('openid-ursula')).toEqual([expect.objectContaining({ unionid: 'union-ursula' })]);
  // A call without it (the context has none) leaves it as it is.
  await caller(emu, 'openid-ursula').call('user', 'session', {});
  expect(await usersOf('openid-ursula')).toEqual([expect.objectContaining({ unionid: 'union-ursula' })]);
});

test('an admin of verified organizations is told which (by name): 我的 shows 求助核实 and 求助派单 from it', async () => {
  const openid = 'openid-org-admin';
  const userId = userIdOf(openid);
  await caller(emu, openid).call('user', 'session', {});
  const db = serverSdk(emu).database();
  const now = new Date();
  const org = (id: string, name: string, status: string) => db.collection('organizations').add({ data: { _id: id, name, status, usccKey: `none:${id}`, regionCode: '350102', createdAt: now } });
  const membership = (orgId: string, who: string, role: string, status = 'active') =>
    db.collection('memberships').add({ data: { _id: `${orgId}_${who}`, orgId, userId: who, role, status, since: now } });
  await org('org-b', '鼓楼区志愿者协会', 'verified');
  await org('org-a', '仓山区助老服务队', 'verified');
  await org('org-pending', '待审核的队伍', 'pending');
  await org('org-member', '只是队员的组织', 'verified');
  await org('org-left', '已离开的组织', 'verified');
  await membership('org-b', userId, 'admin');
  await membership('org-a', userId, 'admin');
  await membership('org-pending', userId, 'admin');
  await membership('org-member', userId, 'member');
  await membership('org-left', userId, 'admin', 'declined');
  await membership('org-b', userIdOf('openid-someone-else'), 'admin');

  const res = await caller(emu, openid).call('user', 'session', {});
  expect(res.ok && res.data.verifiedOrganizations).toEqual([
    { orgId: 'org-a', name: '仓山区助老服务队' },
    { orgId: 'org-b', name: '鼓楼区志愿者协会' },
  ]);
  // Someone who administers none gets no field at all (the payload stays as it was).
  const plain = await caller(emu, 'openid-someone-else-2').call('user', 'session', {});
  expect(plain.ok && 'verifiedOrganizations' in plain.data).toBe(false);
  // Once the organization is no longer verified, the entry goes with it.
  await db.collection('organizations').doc('org-a').update({ data: { status: 'dissolved' } });
  const later = await caller(emu, openid).call('user', 'session', {});
  expect(later.ok && later.data.verifiedOrganizations).toEqual([{ orgId: 'org-b', name: '鼓楼区志愿者协会' }]);
});
