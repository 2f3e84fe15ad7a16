// organization.reviewQueue / review through the emulator: platform admins only, decided once, the applicant told once.
import type { Emulator } from '../../emulator/src/server';
import { caller, startTestEmulator } from '../../emulator/test/support';
import type { NotificationDoc } from '../_shared/documents/notification';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { docs, functionEnv, PLATFORM_ADMIN, registerOrganization, registerVolunteer, verifiedOrganization } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

const admin = () => caller(emu, PLATFORM_ADMIN);
const orgDoc = async (orgId: string) => (await docs<OrganizationDoc>(emu, 'organizations', { _id: orgId }))[0];
const inboxOf = (userId: string) => docs<NotificationDoc>(emu, 'notifications', { recipientUserId: userId });

test('the queue shows pending organizations, oldest first, with masked contact and the applicant', async () => {
  const amy = await registerVolunteer(emu, 'openid-queue-amy', '艾米');
  const first = await registerOrganization(amy, { name: '第一个申请' });
  const second = await registerOrganization(amy, { name: '第二个申请', kind: 'grassroots', uscc: undefined });
  const decided = await verifiedOrganization(emu, amy, { name: '已审核的组织' });
  const res = await admin().call('organization', 'reviewQueue', {});
  if (!res.ok) throw new Error(res.error.code);
  const ids = res.data.items.map((i) => i.orgId);
  expect(ids).not.toContain(decided);
  expect(ids.indexOf(first)).toBeLessThan(ids.indexOf(second));
  expect(res.data.items.find((i) => i.orgId === first)).toMatchObject({
    name: '第一个申请',
    status: 'pending',
    authority: '福州市鼓楼区民政局',
    personInCharge: '李四',
    contact: { name: '王五', phoneMasked: '139****1111' },
    applicant: { name: '艾米', volunteerNo: amy.volunteerNo },
  });
  expect(JSON.stringify(res)).not.toContain('13900001111');
});

test('nobody but a platform admin may see the queue or review, not even the organization\'s own admin', async () => {
  const ben = await registerVolunteer(emu, 'openid-review-ben');
  const orgId = await registerOrganization(ben);
  const verifiedId = await verifiedOrganization(emu, ben);
  for (const who of [ben.as, caller(emu, 'openid-review-stranger')]) {
    expect(await who.call('organization', 'reviewQueue', {})).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/平台管理员/) } });
    expect(await who.call('organization', 'review', { orgId, decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await who.call('organization', 'review', { orgId: verifiedId, decision: 'reject', reason: '恶意' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }
  expect(await orgDoc(orgId)).toMatchObject({ status: 'pending' });
  expect((await orgDoc(orgId)).review).toBeUndefined();
  expect(await orgDoc(verifiedId)).toMatchObject({ status: 'verified' });
  expect((await inboxOf(ben.userId)).filter((n) => n.link?.includes(orgId))).toEqual([]);
});

/** Within the default quiet hours (DEFAULT_PREFERENCES), when delivery waits until 08:00 Shanghai. */
function inQuietHours(at: Date): boolean {
  const minute = (Math.floor(at.getTime() / 60_000) + 480) % 1440;
  return minute >= 22 * 60 || minute < 8 * 60;
}

test('approve: verified, the applicant told once, a retry answers the same and writes nothing', async () => {
  const cara = await registerVolunteer(emu, 'openid-review-cara');
  const orgId = await registerOrganization(cara, { name: '晋安区助学志愿队' });
  const first = await admin().call('organization', 'review', { orgId, decision: 'approve' });
  expect(first).toEqual({ ok: true, data: { orgId, status: 'verified' } });
  const stored = await orgDoc(orgId);
  const again = await admin().call('organization', 'review', { orgId, decision: 'approve' });
  expect(again).toEqual(first);
  expect(await orgDoc(orgId)).toEqual(stored);

  const inbox = await inboxOf(cara.userId);
  expect(inbox).toEqual([
    expect.objectContaining({
      kind: 'org.reviewed',
      title: '组织认证已通过',
      body: expect.stringContaining('晋安区助学志愿队'),
      link: `/org/home/index?orgId=${orgId}`,
      readAt: null,
      // The kick after the review delivered it at once: no grant and no follow, so WeChat has nothing; the inbox has it.
      // In the default quiet hours (22:00–08:00 Shanghai) the delivery waits for the morning instead.
      delivery: inQuietHours(new Date()) ? expect.objectContaining({ state: 'pending' }) : expect.objectContaining({ state: 'dropped', reason: 'noChannel' }),
    }),
  ]);
  // Decided once: the other decision is refused and changes nothing.
  expect(await admin().call('organization', 'review', { orgId, decision: 'reject', reason: '改主意了' })).toEqual({
    ok: false,
    error: { code: 'ALREADY_REVIEWED', message: expect.any(String) },
  });
  expect(await orgDoc(orgId)).toEqual(stored);
  expect(await inboxOf(cara.userId)).toHaveLength(1);
});

test('reject needs a reason of at most 200 characters; the applicant is told the reason once', async () => {
  const dora = await registerVolunteer(emu, 'openid-review-dora');
  const orgId = await registerOrganization(dora);
  expect(await admin().call('organization', 'review', { orgId, decision: 'reject' })).toEqual({ ok: false, error: { code: 'REASON_REQUIRED', message: expect.stringMatching(/理由/) } });
  expect(await admin().call('organization', 'review', { orgId, decision: 'reject', reason: '   ' })).toMatchObject({ ok: false, error: { code: 'REASON_REQUIRED' } });
  expect(await admin().call('organization', 'review', { orgId, decision: 'reject', reason: '长'.repeat(201) })).toMatchObject({ ok: false, error: { code: 'REASON_REQUIRED', message: expect.stringMatching(/200/) } });
  expect(await orgDoc(orgId)).toMatchObject({ status: 'pending' });

  const reason = '登记证书已过有效期，请更新后重新申请';
  const answers = await Promise.all([1, 2].map(() => admin().call('organization', 'review', { orgId, decision: 'reject', reason })));
  expect(answers).toEqual([
    { ok: true, data: { orgId, status: 'rejected' } },
    { ok: true, data: { orgId, status: 'rejected' } },
  ]);
  expect(await orgDoc(orgId)).toMatchObject({ status: 'rejected', review: { decision: 'reject', reason } });
  const inbox = await inboxOf(dora.userId);
  expect(inbox).toHaveLength(1);
  expect(inbox[0]).toMatchObject({ kind: 'org.reviewed', title: '组织认证未通过', body: expect.stringContaining(reason) });
  // A second platform admin with another reason is told it was already decided.
  expect(await caller(emu, 'openid-platform-admin-2').call('organization', 'review', { orgId, decision: 'reject', reason: '别的理由' })).toMatchObject({
    ok: false,
    error: { code: 'ALREADY_REVIEWED' },
  });
});

test('concurrent approvals of one organization: one decision, one notification', async () => {
  const eli = await registerVolunteer(emu, 'openid-review-eli');
  const orgId = await registerOrganization(eli);
  const answers = await Promise.all(Array.from({ length: 5 }, () => admin().call('organization', 'review', { orgId, decision: 'approve' })));
  expect(answers.every((a) => a.ok && a.data.status === 'verified')).toBe(true);
  expect(await inboxOf(eli.userId)).toHaveLength(1);
});

test('NOT_FOUND for an unknown organization', async () => {
  expect(await admin().call('organization', 'review', { orgId: 'org_unknown', decision: 'approve' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
});
