// Deleting an account also removes what others were told about the person: a join request in the admins' inboxes
// and an accepted invitation in the inviter's — through the real organization flows, not arranged documents.
import type { Emulator } from '../../emulator/src/server';
import { caller, serverSdk, startTestEmulator } from '../../emulator/test/support';
import { userIdOf } from '../_shared/documents/ids';
import { idNumber, registration, ADULT_BIRTH_YEAR } from './test-support';

const ADMIN = 'openid-about-platform-admin';
let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv: { PLATFORM_ADMIN_OPENIDS: ADMIN } });
});
afterAll(async () => emu.stop());

async function inboxBodies(openid: string): Promise<string[]> {
  const res = await caller(emu, openid).call('inbox', 'list', {});
  if (!res.ok) throw new Error(res.error.code);
  return res.data.items.map((n) => n.body);
}

test('after deletion no inbox holds a message about the person, and no notification names their user id', async () => {
  const founder = caller(emu, 'openid-about-founder');
  const joiner = caller(emu, 'openid-about-joiner');
  const invitee = caller(emu, 'openid-about-invitee');
  expect(await founder.call('volunteer', 'register', registration({ name: '林海', credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 41) }, phone: { source: 'typed', number: '13800004101' } }))).toMatchObject({ ok: true });
  expect(await joiner.call('volunteer', 'register', registration({ name: '欧阳娜娜', credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 43) }, phone: { source: 'typed', number: '13800004301' } }))).toMatchObject({ ok: true });
  expect(await invitee.call('volunteer', 'register', registration({ name: '陈晓', credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 45) }, phone: { source: 'typed', number: '13800004501' } }))).toMatchObject({ ok: true });

  const org = await founder.call('organization', 'register', {
    name: '鼓楼社区互助队',
    kind: 'grassroots',
    regionCode: '350102',
    regionNames: ['福建省', '福州市', '鼓楼区'],
    address: '福州市鼓楼区五四路100号',
    personInCharge: '林海',
    contact: { name: '林海', phone: '13800004102' },
  });
  if (!org.ok) throw new Error(org.error.code);
  const { orgId } = org.data;
  expect(await caller(emu, ADMIN).call('organization', 'review', { orgId, decision: 'approve' })).toMatchObject({ ok: true });
  expect(await joiner.call('organization', 'requestJoin', { orgId })).toMatchObject({ ok: true });
  const invite = await founder.call('organization', 'createInvite', { orgId });
  if (!invite.ok) throw new Error(invite.error.code);
  expect(await invitee.call('organization', 'acceptInvite', { code: invite.data.code })).toMatchObject({ ok: true });
  // The founder was told: verified, a join request (about the joiner), an accepted invitation (about the invitee).
  const before = await inboxBodies('openid-about-founder');
  expect(before).toHaveLength(3);
  expect(before.some((b) => b.startsWith('欧*** 申请加入'))).toBe(true);
  expect(before.some((b) => b.startsWith('陈* 已接受'))).toBe(true);

  expect(await joiner.call('volunteer', 'deleteAccount', { confirm: '注销' })).toMatchObject({ ok: true });
  expect(await invitee.call('volunteer', 'deleteAccount', { confirm: '注销' })).toMatchObject({ ok: true });

  const left = await inboxBodies('openid-about-founder');
  expect(left).toEqual([expect.stringContaining('认证')]);
  const everything = JSON.stringify((await serverSdk(emu).database().collection('notifications').where({ recipientUserId: userIdOf('openid-about-founder') }).get()) as unknown);
  for (const gone of ['openid-about-joiner', 'openid-about-invitee']) expect(everything).not.toContain(userIdOf(gone));
});
