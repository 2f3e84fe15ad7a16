// notify.preferences / savePreferences by role, through the emulator: each person is listed only the kinds that can
// reach them (volunteer, organization admin, verifier, platform admin) and may turn off only those; a refusal changes
// nothing, a retried save has one effect, and a former admin's kind turned off stays off.
import type { Emulator } from '../../emulator/src/server';
import { caller, serverSdk, startTestEmulator } from '../../emulator/test/support';
import type { NotificationKind } from '../../typings/inbox';
import type { PreferencesResponse } from '../../typings/notify';
import { userIdOf } from '../_shared/documents/ids';
import { membershipId } from '../_shared/documents/membership';
import { PLATFORM_ADMIN, registerOrganization, registerVolunteer, verifiedOrganization } from '../organization/test-support';
import { notifyEnv } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv: notifyEnv });
});
afterAll(async () => emu.stop());

let people = 0;
const fresh = (role: string) => `openid-prefs-role-${role}-${++people}`;

async function listed(openid: string): Promise<NotificationKind[]> {
  const res = await caller(emu, openid).call('notify', 'preferences', {});
  if (!res.ok) throw new Error(res.error.message);
  return res.data.kinds.map((k) => k.kind);
}

async function stored(openid: string): Promise<Record<string, unknown> | undefined> {
  const res = (await serverSdk(emu).database().collection('notificationPreferences').where({ _id: userIdOf(openid) }).get()) as unknown as { data: Array<Record<string, unknown>> };
  return res.data[0];
}

const ORG_ADMIN_KINDS: NotificationKind[] = ['org.joinRequested', 'signup.awaitingApproval', 'digest.orgDaily', 'help.offered', 'help.offerClosed', 'help.rated'];
const REQUESTER_KINDS: NotificationKind[] = ['help.verified', 'help.rejected', 'help.accepted', 'help.unmatched', 'help.served', 'help.urgentNearby', 'help.expired'];

test('a volunteer: their own kinds, a requester’s help kinds and urgent needs nearby; no 组织, 平台 or verifier kinds', async () => {
  const openid = fresh('volunteer');
  await registerVolunteer(emu, openid, '陈志愿');
  const kinds = await listed(openid);
  expect(kinds).toEqual(expect.arrayContaining(['signup.confirmed', 'hours.confirmed', 'certificate.issued', 'reminder.shift2h', ...REQUESTER_KINDS]));
  for (const k of [...ORG_ADMIN_KINDS, 'help.awaitingVerification', 'hours.totalsDifference', 'org.reviewed', 'project.reviewed'] as NotificationKind[]) expect(kinds).not.toContain(k);
});

test('an admin of an organization awaiting review: its kinds too, but not verification; once verified, verification as well', async () => {
  const openid = fresh('admin');
  const admin = await registerVolunteer(emu, openid, '李组织');
  const orgId = await registerOrganization(admin);
  const pending = await listed(openid);
  expect(pending).toEqual(expect.arrayContaining([...ORG_ADMIN_KINDS, 'signup.confirmed', 'help.urgentNearby']));
  expect(pending).not.toContain('help.awaitingVerification');
  expect(pending).not.toContain('hours.totalsDifference');

  const approved = await caller(emu, PLATFORM_ADMIN).call('organization', 'review', { orgId, decision: 'approve' });
  expect(approved.ok).toBe(true);
  expect(await listed(openid)).toContain('help.awaitingVerification');
});

test('a platform admin: platform kinds and verification; a volunteer’s kinds only once registered', async () => {
  const bare = await listed(PLATFORM_ADMIN);
  expect(bare).toEqual(expect.arrayContaining(['hours.totalsDifference', 'help.awaitingVerification']));
  expect(bare).not.toContain('signup.confirmed');
  expect(bare).not.toContain('org.joinRequested');
  // The second platform admin of notifyEnv, registered as a volunteer too.
  await registerVolunteer(emu, 'openid-platform-admin-2', '周平台');
  expect(await listed('openid-platform-admin-2')).toEqual(expect.arrayContaining(['hours.totalsDifference', 'help.awaitingVerification', 'signup.confirmed']));
});

test('someone not registered is listed only what reaches anyone acting on an organization or asking for help, and turning a volunteer’s kind off is refused', async () => {
  const openid = fresh('stranger');
  expect((await listed(openid)).sort()).toEqual(
    [
      'org.adminsReplaced', 'org.applicationExpired', 'org.claimDecided', 'org.dissolved', 'org.handOverAccepted', 'org.handOverOffered', 'org.joinDecided',
      'help.verified', 'help.rejected', 'help.accepted', 'help.unmatched', 'help.served', 'help.expired',
    ].sort(),
  );
  const urgent = await caller(emu, openid).call('notify', 'savePreferences', { off: ['help.urgentNearby'] });
  expect(urgent).toMatchObject({ ok: false, error: { code: 'KIND_NOT_RECEIVED', field: 'off' } });
  const res = await caller(emu, openid).call('notify', 'savePreferences', { off: ['signup.confirmed'] });
  expect(res).toMatchObject({ ok: false, error: { code: 'KIND_NOT_RECEIVED', field: 'off', message: '「报名成功」只发给已注册的志愿者，你的账号不会收到，无需设置' } });
  expect(await stored(openid)).toBeUndefined();
});

test('turning off a kind that never reaches me is refused with who gets it, and the whole save changes nothing', async () => {
  const openid = fresh('refused');
  const v = await registerVolunteer(emu, openid, '吴拒绝');
  const first = await v.as.call('notify', 'savePreferences', { off: ['hours.confirmed'] });
  expect(first.ok).toBe(true);
  const before = await stored(openid);

  for (const [kind, who] of [
    ['org.joinRequested', '组织管理员'],
    ['help.awaitingVerification', '平台管理员和已认证组织的管理员'],
    ['hours.totalsDifference', '平台管理员'],
  ] as const) {
    const res = await v.as.call('notify', 'savePreferences', { off: ['hours.confirmed', 'signup.confirmed', kind], recommendations: true });
    expect(res).toMatchObject({ ok: false, error: { code: 'KIND_NOT_RECEIVED', field: 'off' } });
    expect(!res.ok && res.error.message).toContain(who);
  }
  expect(await stored(openid)).toEqual(before);
});

test('a retried save has one effect: it answers as the first did and does not undo a later save', async () => {
  const openid = fresh('retry');
  const v = await registerVolunteer(emu, openid, '郑重试');
  const retried = { off: ['signup.confirmed', 'help.urgentNearby'], requestId: `req-prefs-retry-${people}` };
  const first = await caller(emu, openid).raw('notify', { action: 'savePreferences', ...retried });
  expect(first.body).toMatchObject({ ok: true, data: { preferences: { off: ['signup.confirmed', 'help.urgentNearby'] } } });
  expect(await v.as.call('notify', 'savePreferences', { off: ['hours.confirmed'] })).toMatchObject({ ok: true });
  const again = await caller(emu, openid).raw('notify', { action: 'savePreferences', ...retried });
  expect(again.body).toEqual(first.body);
  expect(await stored(openid)).toMatchObject({ off: ['hours.confirmed'] });
});

test('an admin who is no longer one: the kind turned off stays off, hidden, and saving what the page shows keeps it', async () => {
  const openid = fresh('former');
  const admin = await registerVolunteer(emu, openid, '王前任');
  const orgId = await verifiedOrganization(emu, admin);
  const saved = await admin.as.call('notify', 'savePreferences', { off: ['digest.orgDaily'] });
  expect(saved).toMatchObject({ ok: true, data: { preferences: { off: ['digest.orgDaily'] } } });

  // No longer an admin (the role is data: the membership says so).
  await serverSdk(emu).database().collection('memberships').doc(membershipId(orgId, admin.userId)).update({ data: { role: 'member' } });
  const now: PreferencesResponse = await caller(emu, openid)
    .call('notify', 'preferences', {})
    .then((r) => (r.ok ? r.data : Promise.reject(new Error(r.error.message))));
  expect(now.kinds.map((k) => k.kind)).not.toContain('digest.orgDaily');
  expect(now.preferences.off).toEqual(['digest.orgDaily']);

  // The page sends what it shows turned off plus what it keeps hidden; another client may send only what it lists.
  expect(await admin.as.call('notify', 'savePreferences', { off: ['hours.confirmed', 'digest.orgDaily'] })).toMatchObject({ ok: true });
  expect(await admin.as.call('notify', 'savePreferences', { off: ['hours.confirmed'] })).toMatchObject({ ok: true, data: { preferences: { off: ['hours.confirmed', 'digest.orgDaily'] } } });
  expect(await stored(openid)).toMatchObject({ off: ['hours.confirmed', 'digest.orgDaily'] });
});
