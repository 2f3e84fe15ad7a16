// Project cards in group chats and posters through the emulator: a simulated group entry (wx.getGroupEnterInfo's
// CloudID) resolved to an opaque group id remembered per person and project; a poster's scene round trip.
import type { Emulator } from '../../emulator/src/server';
import { caller, startTestEmulator } from '../../emulator/test/support';
import { routes } from '../../miniprogram/domain/routes';
import { userIdOf } from '../_shared/documents/ids';
import type { ProjectDoc } from '../_shared/documents/project';
import { projectVisitId, viaGroupOf } from '../_shared/documents/project-visit';
import { serverSdk } from '../../emulator/test/support';
import { docs, functionEnv } from '../organization/test-support';
import { draft, publisher, published } from './fixtures';
import { formStartingIn } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());

test('opening a card from a group chat remembers the group for that person and project, never the openGId', async () => {
  const p = await publisher(emu);
  const projectId = await published(p, formStartingIn(new Date(), 2));
  const cloudID = emu.wechat.issueGroupCloudId('tGsecretOpenGId123');
  const visitor = caller(emu, 'openid-from-group');
  const res = await visitor.call('project', 'attributeGroup', { projectId, cloudID });
  expect(res).toEqual({ ok: true, data: { groupId: expect.stringMatching(/^g_[0-9a-f]{32}$/) } });
  if (!res.ok) return;
  // The same group seen by someone else gives the same opaque id; another group another.
  const again = await caller(emu, 'openid-from-group-2').call('project', 'attributeGroup', { projectId, cloudID: emu.wechat.issueGroupCloudId('tGsecretOpenGId123') });
  const other = await caller(emu, 'openid-from-group-2').call('project', 'attributeGroup', { projectId, cloudID: emu.wechat.issueGroupCloudId('tGanotherGroup') });
  expect(again.ok && again.data.groupId).toBe(res.data.groupId);
  expect(other.ok && other.data.groupId).not.toBe(res.data.groupId);
  // What the signup function reads to fill viaGroupId.
  const db = serverSdk(emu).database();
  expect(await viaGroupOf(db as never, projectId, userIdOf('openid-from-group'))).toBe(res.data.groupId);
  expect(await viaGroupOf(db as never, projectId, userIdOf('openid-never-came'))).toBeUndefined();
  const stored = await docs(emu, 'projectVisits', { _id: projectVisitId(projectId, userIdOf('openid-from-group')) });
  expect(JSON.stringify(stored)).not.toContain('tGsecretOpenGId123');
  expect(emu.wechat.calls.filter((c) => c.api === 'ApiGetOpenDataByCloudId').at(-1)).toMatchObject({ function: 'project', errcode: 0 });
});

test('an unknown CloudID or a project not published: refused, nothing remembered', async () => {
  const p = await publisher(emu);
  const projectId = await published(p, formStartingIn(new Date(), 2));
  expect(await caller(emu, 'openid-forged').call('project', 'attributeGroup', { projectId, cloudID: '12_forgedcloudid' })).toEqual({
    ok: false,
    error: { code: 'GROUP_UNKNOWN', message: '没能识别来源群聊，不影响查看和报名' },
  });
  const draftId = await draft(p, formStartingIn(new Date(), 2));
  expect(await caller(emu, 'openid-forged').call('project', 'attributeGroup', { projectId: draftId, cloudID: emu.wechat.issueGroupCloudId('tGx') })).toMatchObject({
    ok: false,
    error: { code: 'PROJECT_NOT_FOUND' },
  });
  expect(await docs(emu, 'projectVisits', { userId: userIdOf('openid-forged') })).toEqual([]);
});

test('poster: a mini-program code for the detail page with a short scene that maps back; one scene per project', async () => {
  const p = await publisher(emu);
  const projectId = await published(p, formStartingIn(new Date(), 2));
  const res = await p.admin.as.call('project', 'poster', { projectId });
  if (!res.ok) throw new Error(`${res.error.code} ${res.error.message}`);
  expect(res.data.scene).toMatch(/^p[A-Za-z0-9]{12}$/);
  expect(res.data.url).toMatch(/^http/);
  const call = emu.wechat.calls.filter((c) => c.api === 'wxacode.getUnlimited').at(-1)!;
  expect(call).toMatchObject({ function: 'project', errcode: 0 });
  expect(call.data).toMatchObject({ scene: res.data.scene, page: routes.projectDetail.slice(1), check_path: true });
  const image = await fetch(res.data.url);
  expect(image.status).toBe(200);
  expect(Buffer.from(await image.arrayBuffer()).subarray(1, 4).toString()).toBe('PNG');

  // WeChat hands the page the scene URL-encoded; either form resolves.
  for (const scene of [res.data.scene, encodeURIComponent(res.data.scene)]) {
    expect(await caller(emu, 'openid-scanner').call('project', 'resolveScene', { scene })).toEqual({ ok: true, data: { projectId } });
  }
  const second = await p.admin.as.call('project', 'poster', { projectId });
  expect(second.ok && second.data.scene).toBe(res.data.scene);
  expect((await docs<ProjectDoc>(emu, 'projects', { _id: projectId }))[0]?.scene).toBe(res.data.scene);
  expect(await docs(emu, 'projectScenes', { projectId })).toHaveLength(1);
});

test('poster refusals and unknown scenes', async () => {
  const p = await publisher(emu);
  const draftId = await draft(p, formStartingIn(new Date(), 2));
  expect(await p.admin.as.call('project', 'poster', { projectId: draftId })).toEqual({ ok: false, error: { code: 'NOT_PUBLISHED', message: '项目发布后才能进行这项操作' } });
  const projectId = await published(p, formStartingIn(new Date(), 2));
  expect(await caller(emu, 'openid-poster-stranger').call('project', 'poster', { projectId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  emu.wechat.failNext('wxacode.getUnlimited', { errcode: 45009 });
  expect(await p.admin.as.call('project', 'poster', { projectId })).toEqual({ ok: false, error: { code: 'WECHAT_FAILED', message: '微信服务暂时不可用，请稍后重试' } });
  for (const scene of ['pAAAAAAAAAAAA', 'not a scene', '%E0%A4%A', 'x'.repeat(32)]) {
    expect(await caller(emu, 'openid-scanner').call('project', 'resolveScene', { scene })).toEqual({ ok: false, error: { code: 'SCENE_UNKNOWN', message: '这个小程序码已失效，请向组织索取新的海报' } });
  }
});
