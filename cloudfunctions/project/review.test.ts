// Platform review of projects, when the deployment asks for it (ZY_PROJECT_REVIEW=all): submitted projects wait,
// a platform admin approves or rejects with a reason, never for their own organization; the creator is told once.
import type { Emulator } from '../../emulator/src/server';
import { caller, startTestEmulator } from '../../emulator/test/support';
import type { NotificationDoc } from '../_shared/documents/notification';
import { docs, functionEnv, PLATFORM_ADMIN, registerVolunteer, verifiedOrganization } from '../organization/test-support';
import { draft, publisher } from './fixtures';
import { formStartingIn } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv: { ...functionEnv, ZY_PROJECT_REVIEW: 'all' } });
});
afterAll(async () => emu.stop());

const admin = () => caller(emu, PLATFORM_ADMIN);

test('submitted waits for review, hidden from discovery; approved it recruits and its creator is told once', async () => {
  const p = await publisher(emu);
  const projectId = await draft(p, formStartingIn(new Date(), 3, { title: '待审核项目' }));
  expect(await p.admin.as.call('project', 'submit', { projectId })).toEqual({ ok: true, data: { projectId, status: 'submitted' } });
  expect((await caller(emu, 'openid-r-visitor').call('project', 'discover', { keyword: '待审核', sort: 'startsAt' }))).toEqual({ ok: true, data: { items: [] } });
  expect(await caller(emu, 'openid-r-visitor').call('project', 'get', { projectId })).toMatchObject({ ok: false, error: { code: 'PROJECT_NOT_FOUND' } });
  expect(await admin().call('project', 'get', { projectId })).toMatchObject({ ok: true, data: { status: 'submitted' } });

  expect(await p.admin.as.call('project', 'review', { projectId, decision: 'approve' })).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: '只有平台管理员可以审核项目' } });
  expect(await admin().call('project', 'review', { projectId, decision: 'approve' })).toEqual({ ok: true, data: { projectId, status: 'recruiting' } });
  expect(await admin().call('project', 'review', { projectId, decision: 'approve' })).toEqual({ ok: false, error: { code: 'NOT_SUBMITTED', message: '该项目不在待审核状态，无需审核' } });
  const inbox = await docs<NotificationDoc>(emu, 'notifications', { recipientUserId: p.admin.userId, kind: 'project.reviewed' });
  expect(inbox).toEqual([expect.objectContaining({ title: '项目审核已通过', link: `/project/detail/index?projectId=${projectId}` })]);
  expect((await caller(emu, 'openid-r-visitor').call('project', 'discover', { keyword: '待审核', sort: 'startsAt' }))).toMatchObject({ ok: true, data: { items: [{ projectId }] } });
});

test('rejected with a reason: the creator sees why, edits and submits again', async () => {
  const p = await publisher(emu);
  const projectId = await draft(p, formStartingIn(new Date(), 3));
  await p.admin.as.call('project', 'submit', { projectId });
  expect(await admin().call('project', 'review', { projectId, decision: 'reject' })).toEqual({
    ok: false,
    error: { code: 'REASON_REQUIRED', message: '请填写原因，项目发布者会看到它', field: 'reason' },
  });
  expect(await admin().call('project', 'review', { projectId, decision: 'reject', reason: '地址不够具体' })).toEqual({ ok: true, data: { projectId, status: 'rejected' } });
  const own = await p.admin.as.call('project', 'get', { projectId });
  expect(own.ok && own.data.admin?.rejectReason).toBe('地址不够具体');
  const told = await docs<NotificationDoc>(emu, 'notifications', { recipientUserId: p.admin.userId, kind: 'project.reviewed' });
  expect(told.map((n) => n.body)).toEqual([expect.stringContaining('原因：地址不够具体')]);
  const saved = await p.admin.as.call('project', 'saveDraft', { orgId: p.orgId, projectId, project: formStartingIn(new Date(), 3, { place: { ...formStartingIn(new Date(), 3).place, address: '福州市鼓楼区五四路100号3楼' } }) });
  expect(saved).toMatchObject({ ok: true, data: { status: 'draft' } });
  expect(await p.admin.as.call('project', 'submit', { projectId })).toMatchObject({ ok: true, data: { status: 'submitted' } });
  expect(await admin().call('project', 'review', { projectId, decision: 'approve' })).toMatchObject({ ok: true, data: { status: 'recruiting' } });
  expect(await docs(emu, 'notifications', { recipientUserId: p.admin.userId, kind: 'project.reviewed' })).toHaveLength(2);
});

test('a platform admin does not review their own organization\'s project', async () => {
  const selfAdmin = await registerVolunteer(emu, 'openid-platform-admin-2', '平台兼组织');
  const orgId = await verifiedOrganization(emu, selfAdmin, { name: '平台管理员自己的组织' });
  const res = await selfAdmin.as.call('project', 'saveDraft', { orgId, project: formStartingIn(new Date(), 3) });
  if (!res.ok) throw new Error(res.error.code);
  await selfAdmin.as.call('project', 'submit', { projectId: res.data.projectId });
  expect(await selfAdmin.as.call('project', 'review', { projectId: res.data.projectId, decision: 'approve' })).toEqual({
    ok: false,
    error: { code: 'FORBIDDEN', message: '你是该项目所属组织的管理员，请由其他平台管理员审核' },
  });
  expect(await admin().call('project', 'review', { projectId: res.data.projectId, decision: 'approve' })).toMatchObject({ ok: true });
});
