// organization.createInvite / acceptInvite through the emulator: admins of that organization only, 72 hours, single use.
import type { Emulator } from '../../emulator/src/server';
import { caller, serverSdk, startTestEmulator } from '../../emulator/test/support';
import type { MembershipDoc } from '../_shared/documents/membership';
import type { NotificationDoc } from '../_shared/documents/notification';
import { INVITE_ALPHABET } from './rules';
import type { InvitationDoc } from '../_shared/documents/organization';
import { docs, functionEnv, registerOrganization, registerVolunteer, verifiedOrganization, type Volunteer } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

const membership = async (orgId: string, userId: string) => (await docs<MembershipDoc>(emu, 'memberships', { _id: `${orgId}_${userId}` }))[0];
const invitation = async (code: string) => (await docs<InvitationDoc>(emu, 'invitations', { _id: code }))[0];
const inboxOf = (userId: string) => docs<NotificationDoc>(emu, 'notifications', { recipientUserId: userId });

async function invite(admin: Volunteer, orgId: string): Promise<string> {
  const res = await admin.as.call('organization', 'createInvite', { orgId });
  if (!res.ok) throw new Error(res.error.code);
  return res.data.code;
}

test('an admin creates a code: 8 unambiguous characters, 72 hours, a share path', async () => {
  const ada = await registerVolunteer(emu, 'openid-inv-ada');
  const orgId = await verifiedOrganization(emu, ada);
  const before = Date.now();
  const res = await ada.as.call('organization', 'createInvite', { orgId });
  expect(res).toEqual({
    ok: true,
    data: { code: expect.stringMatching(new RegExp(`^[${INVITE_ALPHABET}]{8}$`)), validUntil: expect.any(String), sharePath: expect.stringMatching(/^\/org\/invite\/index\?code=/) },
  });
  if (!res.ok) return;
  expect(res.data.sharePath).toBe(`/org/invite/index?code=${res.data.code}`);
  const hours = (Date.parse(res.data.validUntil) - before) / 3600_000;
  expect(hours).toBeGreaterThan(71.9);
  expect(hours).toBeLessThanOrEqual(72.01);
  expect(await invitation(res.data.code)).toMatchObject({ orgId, createdBy: ada.userId, usedAt: null, usedBy: null });
});

test('createInvite: FORBIDDEN for members, strangers and admins of another organization; NOT_VERIFIED; NOT_FOUND', async () => {
  const bea = await registerVolunteer(emu, 'openid-inv-bea');
  const cal = await registerVolunteer(emu, 'openid-inv-cal');
  const member = await registerVolunteer(emu, 'openid-inv-member');
  const orgId = await verifiedOrganization(emu, bea);
  await verifiedOrganization(emu, cal); // cal is an admin, of another organization
  await member.as.call('organization', 'requestJoin', { orgId });
  await bea.as.call('organization', 'decideJoin', { orgId, userId: member.userId, decision: 'approve' });

  for (const who of [cal.as, member.as, caller(emu, 'openid-inv-stranger')]) {
    expect(await who.call('organization', 'createInvite', { orgId })).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/管理员/) } });
  }
  expect(await docs(emu, 'invitations', { orgId })).toEqual([]);
  const pending = await registerOrganization(bea);
  expect(await bea.as.call('organization', 'createInvite', { orgId: pending })).toMatchObject({ ok: false, error: { code: 'NOT_VERIFIED' } });
  expect(await bea.as.call('organization', 'createInvite', { orgId: 'org_unknown' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});

test('accepting makes an active admin, uses up the code and tells the inviter once; a retry answers the same', async () => {
  const dee = await registerVolunteer(emu, 'openid-inv-dee');
  const eve = await registerVolunteer(emu, 'openid-inv-eve', '伊芙琳');
  const orgId = await verifiedOrganization(emu, dee, { name: '台江区文明劝导队' });
  const code = await invite(dee, orgId);

  const res = await eve.as.call('organization', 'acceptInvite', { code: ` ${code.slice(0, 4).toLowerCase()}-${code.slice(4)} ` });
  expect(res).toEqual({ ok: true, data: { orgId, name: '台江区文明劝导队', role: 'admin' } });
  expect(await membership(orgId, eve.userId)).toMatchObject({ role: 'admin', status: 'active', decidedBy: dee.userId });
  expect(await invitation(code)).toMatchObject({ usedBy: eve.userId, usedAt: expect.any(Date) });
  expect(await eve.as.call('organization', 'acceptInvite', { code })).toEqual(res);

  const told = (await inboxOf(dee.userId)).filter((n) => n.kind === 'org.inviteAccepted');
  expect(told).toEqual([expect.objectContaining({ title: '管理员邀请已接受', body: expect.stringContaining('伊**') })]);
  // The new admin acts as one.
  expect(await eve.as.call('organization', 'get', { orgId })).toMatchObject({ ok: true, data: { myRole: 'admin', admin: expect.any(Object) } });
});

test('a code works once: INVITE_USED for the next person; two accepting at once give exactly one admin', async () => {
  const fay = await registerVolunteer(emu, 'openid-inv-fay');
  const gus = await registerVolunteer(emu, 'openid-inv-gus');
  const hal = await registerVolunteer(emu, 'openid-inv-hal');
  const orgId = await verifiedOrganization(emu, fay);
  const code = await invite(fay, orgId);
  const [g, h] = await Promise.all([gus.as.call('organization', 'acceptInvite', { code }), hal.as.call('organization', 'acceptInvite', { code })]);
  expect([g, h].filter((r) => r.ok)).toHaveLength(1);
  expect([g, h].find((r) => !r.ok)).toEqual({ ok: false, error: { code: 'INVITE_USED', message: expect.stringMatching(/已经被使用/) } });
  const admins = await docs<MembershipDoc>(emu, 'memberships', { orgId, status: 'active', role: 'admin' });
  expect(admins.map((a) => a.userId).sort()).toEqual([fay.userId, g.ok ? gus.userId : hal.userId].sort());
  expect((await inboxOf(fay.userId)).filter((n) => n.kind === 'org.inviteAccepted')).toHaveLength(1);
});

test('an expired code: INVITE_EXPIRED, nothing changes', async () => {
  const ian = await registerVolunteer(emu, 'openid-inv-ian');
  const joy = await registerVolunteer(emu, 'openid-inv-joy');
  const orgId = await verifiedOrganization(emu, ian);
  const code = 'EXP23456';
  const longAgo = new Date(Date.now() - 73 * 3600_000);
  await serverSdk(emu).database().collection('invitations').add({
    data: { _id: code, orgId, role: 'admin', createdBy: ian.userId, createdAt: longAgo, expiresAt: new Date(longAgo.getTime() + 72 * 3600_000), usedAt: null, usedBy: null },
  });
  expect(await joy.as.call('organization', 'acceptInvite', { code })).toEqual({ ok: false, error: { code: 'INVITE_EXPIRED', message: expect.stringMatching(/过期/) } });
  expect(await membership(orgId, joy.userId)).toBeUndefined();
  expect(await invitation(code)).toMatchObject({ usedAt: null });
});

test('INVITE_INVALID, ALREADY_ADMIN and NOT_REGISTERED', async () => {
  const kim = await registerVolunteer(emu, 'openid-inv-kim');
  const lou = await registerVolunteer(emu, 'openid-inv-lou');
  const orgId = await verifiedOrganization(emu, kim);
  expect(await lou.as.call('organization', 'acceptInvite', { code: 'ZZZZ2222' })).toMatchObject({ ok: false, error: { code: 'INVITE_INVALID' } });
  expect(await lou.as.call('organization', 'acceptInvite', { code: 'O0I1' })).toMatchObject({ ok: false, error: { code: 'INVITE_INVALID' } });
  const code = await invite(kim, orgId);
  expect(await kim.as.call('organization', 'acceptInvite', { code })).toMatchObject({ ok: false, error: { code: 'ALREADY_ADMIN' } });
  expect(await caller(emu, 'openid-inv-unregistered').call('organization', 'acceptInvite', { code })).toMatchObject({ ok: false, error: { code: 'NOT_REGISTERED' } });
  // The code is still there for the right person.
  expect(await lou.as.call('organization', 'acceptInvite', { code })).toMatchObject({ ok: true });
});

test('a member who accepts an invitation becomes an admin and keeps the date they joined', async () => {
  const max = await registerVolunteer(emu, 'openid-inv-max');
  const ned = await registerVolunteer(emu, 'openid-inv-ned');
  const orgId = await verifiedOrganization(emu, max);
  await ned.as.call('organization', 'requestJoin', { orgId });
  await max.as.call('organization', 'decideJoin', { orgId, userId: ned.userId, decision: 'approve' });
  const since = (await membership(orgId, ned.userId)).since;
  expect(await ned.as.call('organization', 'acceptInvite', { code: await invite(max, orgId) })).toMatchObject({ ok: true });
  expect(await membership(orgId, ned.userId)).toMatchObject({ role: 'admin', status: 'active', since });
});

test('inviteInfo shows which organization invites, before registering or accepting; then who may still use it', async () => {
  const dee = await registerVolunteer(emu, 'openid-info-dee');
  const orgId = await verifiedOrganization(emu, dee);
  const code = await invite(dee, orgId);
  const unregistered = caller(emu, 'openid-inv-not-yet-registered');
  const info = await unregistered.call('organization', 'inviteInfo', { code: code.toLowerCase() });
  expect(info).toEqual({ ok: true, data: { orgId, name: expect.any(String), regionNames: ['福建省', '福州市', '鼓楼区'], validUntil: expect.any(String), state: 'usable' } });

  const eli = await registerVolunteer(emu, 'openid-info-eli');
  expect(await eli.as.call('organization', 'acceptInvite', { code })).toMatchObject({ ok: true });
  expect(await eli.as.call('organization', 'inviteInfo', { code })).toMatchObject({ ok: true, data: { state: 'mine' } });
  expect(await unregistered.call('organization', 'inviteInfo', { code })).toMatchObject({ ok: false, error: { code: 'INVITE_USED' } });
  expect(await unregistered.call('organization', 'inviteInfo', { code: 'ZZZZZZZZ' })).toMatchObject({ ok: false, error: { code: 'INVITE_INVALID' } });
  // Looking never uses the code up or changes anything.
  expect(await invitation(code)).toMatchObject({ usedBy: eli.userId });
});
