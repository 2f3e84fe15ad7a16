// Publishing through the emulator: drafts, submission with RULES §3 and WeChat content security, who may publish,
// the detail anyone sees, insurance, and every refusal's Chinese message.
import type { Emulator } from '../../emulator/src/server';
import { caller, startTestEmulator } from '../../emulator/test/support';
import type { ProjectDoc, ShiftDoc } from '../_shared/documents/project';
import { docs, functionEnv, registerOrganization, registerVolunteer } from '../organization/test-support';
import { draft, publisher, published, signUp } from './fixtures';
import { formStartingIn, shiftOf } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

const now = () => new Date();
/** The eight bytes every PNG starts with, and a little after them. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const projectDoc = async (id: string) => (await docs<ProjectDoc>(emu, 'projects', { _id: id }))[0]!;
const shiftsOf = (projectId: string) => docs<ShiftDoc>(emu, 'shifts', { projectId });

test('a draft holds no shifts and nobody else sees it; submitted, it recruits with its shifts written', async () => {
  const p = await publisher(emu);
  const form = formStartingIn(now(), 3, {
    repeat: { weekdays: [6], startTime: '09:00', endTime: '11:30', firstDate: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10), weeks: 4, places: 8 },
  });
  const saved = await p.admin.as.call('project', 'saveDraft', { orgId: p.orgId, project: form });
  expect(saved).toEqual({ ok: true, data: { projectId: expect.stringMatching(/^prj_[0-9a-f]{20}$/), status: 'draft', shiftCount: 5 } });
  if (!saved.ok) return;
  const projectId = saved.data.projectId;
  expect(await shiftsOf(projectId)).toEqual([]);
  expect(await caller(emu, 'openid-stranger-1').call('project', 'get', { projectId })).toMatchObject({ ok: false, error: { code: 'PROJECT_NOT_FOUND' } });
  // The contact's phone is stored encrypted in the form and masked for display, never in plaintext.
  const stored = await projectDoc(projectId);
  expect(JSON.stringify(stored)).not.toContain('13900001111');
  expect(stored.contact).toEqual({ name: '王五', phoneMasked: '139****1111' });

  expect(await p.admin.as.call('project', 'submit', { projectId })).toEqual({ ok: true, data: { projectId, status: 'recruiting' } });
  const shifts = await shiftsOf(projectId);
  expect(shifts).toHaveLength(5);
  expect(shifts.filter((s) => s.seriesId === `${projectId}-r`)).toHaveLength(4);
  expect(shifts.every((s) => s.capacity.shards === 0 && !s.capacity.full && !s.cancelled)).toBe(true);
  const doc = await projectDoc(projectId);
  expect(doc).toMatchObject({ status: 'recruiting', discoverable: true, shiftCount: 5 });
  expect(new Date(doc.startsAt).getTime()).toBe(Math.min(...shifts.map((s) => new Date(s.startsAt).getTime())));

  const seen = await caller(emu, 'openid-stranger-1').call('project', 'get', { projectId });
  if (!seen.ok) throw new Error(seen.error.code);
  expect(seen.data).toMatchObject({ title: '社区助老陪伴', status: 'recruiting', canEdit: false, going: { names: [], count: 0 }, risk: { insured: false } });
  expect(seen.data.admin).toBeUndefined();
  expect(seen.data.shifts.map((s) => s.placesLeft)).toEqual(shifts.sort((a, b) => +new Date(a.startsAt) - +new Date(b.startsAt)).map((s) => s.places));
  // Submitted once: the form can no longer be replaced as a whole.
  expect(await p.admin.as.call('project', 'saveDraft', { orgId: p.orgId, projectId, project: form })).toMatchObject({ ok: false, error: { code: 'NOT_EDITABLE', message: expect.stringMatching(/不能再整体修改/) } });
  expect(await p.admin.as.call('project', 'submit', { projectId })).toMatchObject({ ok: false, error: { code: 'NOT_EDITABLE' } });
});

test('only admins of verified organizations publish', async () => {
  const p = await publisher(emu);
  const member = await registerVolunteer(emu, 'openid-not-admin');
  const form = formStartingIn(now(), 2);
  expect(await member.as.call('project', 'saveDraft', { orgId: p.orgId, project: form })).toEqual({
    ok: false,
    error: { code: 'FORBIDDEN', message: '只有该组织的管理员可以发布和管理它的项目' },
  });
  const pendingOrg = await registerOrganization(member, { name: '待审核的组织' });
  expect(await member.as.call('project', 'saveDraft', { orgId: pendingOrg, project: form })).toEqual({
    ok: false,
    error: { code: 'NOT_VERIFIED', message: '组织通过平台认证后才能发布项目' },
  });
  const projectId = await draft(p, form);
  expect(await member.as.call('project', 'submit', { projectId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await caller(emu, 'openid-nobody').call('project', 'submit', { projectId: 'prj_missing' })).toEqual({
    ok: false,
    error: { code: 'PROJECT_NOT_FOUND', message: '没有找到这个项目，它可能已被删除或尚未发布' },
  });
  expect(await docs(emu, 'projects', { orgId: pendingOrg })).toEqual([]);
});

test.each([
  ['补录 in the title', { title: '十月活动补录' }, 'title', '项目名称不能含“补录”：已经完成的服务请通过补录功能登记'],
  ['a past shift', { shifts: [{ startsAt: '2020-01-01T01:00:00Z', endsAt: '2020-01-01T02:00:00Z', places: 3 }] }, 'shifts.0', '只能发布尚未开始的班次；已经结束的服务请走补录流程'],
  ['no risk disclosure', { risk: { disclosure: '', risky: false } }, 'risk.disclosure', '请填写风险告知：可能遇到的风险和防护措施（没有明显风险也请说明）'],
  ['minors without guardian consent', { conditions: { skills: [], scope: 'open' as const, minorsAllowed: true } }, 'conditions.guardianConsentNote', '允许未成年人参加时，请说明需要怎样的监护人同意'],
])('submit refuses %s with its field and reason, and writes nothing', async (_name, overrides, field, message) => {
  const p = await publisher(emu);
  const projectId = await draft(p, formStartingIn(now(), 2, overrides));
  const before = await projectDoc(projectId);
  expect(await p.admin.as.call('project', 'submit', { projectId })).toEqual({ ok: false, error: { code: 'PROJECT_INVALID', message, field } });
  expect(await projectDoc(projectId)).toEqual(before);
  expect(await shiftsOf(projectId)).toEqual([]);
});

test('flagged text is not published: the admin is told which field and why; fixed, it publishes', async () => {
  const p = await publisher(emu);
  emu.wechat.flagText('刷单返利', { suggest: 'risky', label: 20008 });
  const projectId = await draft(p, formStartingIn(now(), 2, { content: '参加即可刷单返利' }));
  expect(await p.admin.as.call('project', 'submit', { projectId })).toEqual({
    ok: false,
    error: { code: 'CONTENT_FLAGGED', message: '服务内容未通过微信内容安全检测（欺诈），请修改后再提交', field: 'content' },
  });
  expect(await projectDoc(projectId)).toMatchObject({ status: 'draft', discoverable: false });
  const checks = emu.wechat.calls.filter((c) => c.api === 'security.msgSecCheck' && c.function === 'project');
  expect(checks.at(-1)?.data).toMatchObject({ version: 2, scene: 3, openid: p.admin.openid, content: '参加即可刷单返利' });
  await p.admin.as.call('project', 'saveDraft', { orgId: p.orgId, projectId, project: formStartingIn(now(), 2, { content: '陪伴老人' }) });
  expect(await p.admin.as.call('project', 'submit', { projectId })).toMatchObject({ ok: true, data: { status: 'recruiting' } });
});

test('a cover goes to WeChat\'s media check and is shown to others only once it passed', async () => {
  // Pending until WeChat pushes its verdict (cover-check.test.ts follows the push).
  emu.wechat.mediaCheckPush = 'held';
  const p = await publisher(emu);
  const uploaded = await p.admin.as.call('project', 'uploadCover', { orgId: p.orgId, photo: { contentType: 'image/png', base64: PNG.toString('base64') } });
  if (!uploaded.ok) throw new Error(uploaded.error.code);
  const fileID = uploaded.data.fileId;
  const projectId = await published(p, formStartingIn(now(), 2, { coverFileId: fileID }));
  const doc = await projectDoc(projectId);
  expect(doc.coverCheck).toEqual({ traceId: expect.any(String), state: 'pending' });
  expect(emu.wechat.mediaChecks.find((c) => c.traceId === doc.coverCheck!.traceId)).toMatchObject({ mediaType: 2, scene: 3, settled: false });
  const visitor = await caller(emu, 'openid-cover-visitor').call('project', 'get', { projectId });
  const own = await p.admin.as.call('project', 'get', { projectId });
  expect(visitor).toMatchObject({ ok: true });
  expect(visitor.ok && visitor.data.coverUrl).toBeUndefined();
  expect(own.ok && own.data.coverUrl).toMatch(/^http/);
  emu.wechat.mediaCheckPush = 'after-answer';
});

test('insurance: a risky project shows it missing to its admins until recorded', async () => {
  const p = await publisher(emu);
  const projectId = await published(p, formStartingIn(now(), 2, { risk: { disclosure: '水边作业，注意安全', risky: true } }));
  const before = await p.admin.as.call('project', 'get', { projectId });
  expect(before.ok && before.data.admin).toMatchObject({ insuranceMissing: true, passwordSet: false });
  expect(await p.admin.as.call('project', 'recordInsurance', { projectId, insurer: '中国人保', policyNo: '短' })).toEqual({
    ok: false,
    error: { code: 'PROJECT_INVALID', message: '保单号为 4 到 40 位字母、数字或连字符', field: 'policyNo' },
  });
  expect(await p.admin.as.call('project', 'recordInsurance', { projectId, insurer: '中国人保', policyNo: 'PICC-2026-001' })).toMatchObject({ ok: true });
  const after = await p.admin.as.call('project', 'get', { projectId });
  expect(after.ok && after.data.admin).toMatchObject({ insuranceMissing: false });
  expect(after.ok && after.data.risk).toEqual({ disclosure: '水边作业，注意安全', risky: true, insured: true });
  expect((await projectDoc(projectId)).risk.insurance).toMatchObject({ insurer: '中国人保', policyNo: 'PICC-2026-001' });
});

test('who is going: masked names and the count, from confirmed sign-ups only', async () => {
  const p = await publisher(emu);
  const projectId = await published(p, formStartingIn(now(), 2));
  const shiftId = shiftOf(projectId, 0);
  await signUp(emu, shiftId, await registerVolunteer(emu, 'openid-going-1', '张三丰'));
  await signUp(emu, shiftId, await registerVolunteer(emu, 'openid-going-2', '欧阳娜娜'));
  await signUp(emu, shiftId, await registerVolunteer(emu, 'openid-going-3', '王五'), 'waitlisted');
  const res = await caller(emu, 'openid-going-visitor').call('project', 'get', { projectId });
  if (!res.ok) throw new Error(res.error.code);
  expect(res.data.going.count).toBe(2);
  expect(res.data.going.names.sort()).toEqual(['张**', '欧***'].sort());
  // Places held come from the signup function's shards; the waitlist is counted where it matters, on full shifts.
  expect(res.data.shifts[0]).toMatchObject({ places: 10, placesLeft: 8, waitlisted: 0 });
  expect(JSON.stringify(res.data)).not.toMatch(/张三丰|欧阳娜娜/);
});

test("mine: an organization's projects for its admins, newest first, paged without repeats", async () => {
  const p = await publisher(emu);
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) ids.push(await draft(p, formStartingIn(now(), 2, { title: `我的项目${i}` })));
  const seen: string[] = [];
  let cursor: string | undefined;
  do {
    const res = await p.admin.as.call('project', 'mine', { orgId: p.orgId, limit: 2, ...(cursor ? { cursor } : {}) });
    if (!res.ok) throw new Error(res.error.code);
    seen.push(...res.data.items.map((i) => i.projectId));
    cursor = res.data.nextCursor;
  } while (cursor);
  expect(seen).toEqual([...ids].reverse());
  expect(await caller(emu, 'openid-mine-stranger').call('project', 'mine', { orgId: p.orgId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await p.admin.as.call('project', 'mine', { orgId: p.orgId, cursor: 'junk' })).toMatchObject({ ok: false, error: { code: 'DISCOVER_INVALID', field: 'cursor' } });
});
