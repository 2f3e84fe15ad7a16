// The cover's verdict through the emulator: WeChat's fake pushes `wxa_media_check` to the project function (its
// message-push receiver) after mediaCheckAsync; a pass shows the cover to everyone, a risky verdict hides it and
// tells the organization's admins once, whatever is pushed again; a push forged by a client or another function
// changes nothing. Also a push that arrives before submit has stored the trace id.
import type { Emulator } from '../../emulator/src/server';
import { caller, startTestEmulator } from '../../emulator/test/support';
import type { MediaCheckEvent } from '../../emulator/src/wechat';
import type { Verdict } from '../../emulator/src/wechat/content-security';
import type { NotificationDoc } from '../_shared/documents/notification';
import type { ProjectDoc } from '../_shared/documents/project';
import { docs, functionEnv } from '../organization/test-support';
import { mediaVerdictOf } from './cover-check';
import { publisher, published } from './fixtures';
import { formStartingIn } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv });
});
afterAll(async () => emu.stop());
afterEach(() => {
  emu.wechat.mediaCheckPush = 'after-answer';
});

const projectDoc = async (id: string) => (await docs<ProjectDoc>(emu, 'projects', { _id: id }))[0]!;
const coverNotices = async (userId: string) => (await docs<NotificationDoc>(emu, 'notifications', { recipientUserId: userId })).filter((n) => n.kind === 'project.coverRejected');
const visitorSees = async (projectId: string) => {
  const res = await caller(emu, 'openid-cover-visitor').call('project', 'get', { projectId });
  if (!res.ok) throw new Error(res.error.code);
  return res.data.coverUrl;
};

/** A PNG's signature and header chunk: what uploadCover accepts as a PNG by its bytes. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

async function withCover(name: string, flag?: Verdict): Promise<{ p: Awaited<ReturnType<typeof publisher>>; projectId: string; traceId: string }> {
  const p = await publisher(emu);
  // The cover comes in as the publish form sends it: through uploadCover, which records it for this organization.
  const uploaded = await p.admin.as.call('project', 'uploadCover', { orgId: p.orgId, photo: { contentType: 'image/png', base64: Buffer.concat([PNG, Buffer.from(name)]).toString('base64') } });
  if (!uploaded.ok) throw new Error(`uploadCover: ${uploaded.error.code}`);
  // The fake judges a medium by its URL: the stored file's own path, which uploadCover chose.
  if (flag) emu.wechat.flagMedia(uploaded.data.fileId.replace(/^cloud:\/\/[^/]+\//, ''), flag);
  const projectId = await published(p, formStartingIn(new Date(), 2, { coverFileId: uploaded.data.fileId }));
  const traceId = (await projectDoc(projectId)).coverCheck!.traceId;
  return { p, projectId, traceId };
}

/** The push WeChat sent for a check, delivered once more as WeChat would on a retry. */
const pushAgain = (event: MediaCheckEvent) => emu.runtime!.deliverPush('project', event as unknown as Record<string, unknown>);

test('pending until WeChat answers; a pass shows the cover to everyone; a repeated push changes nothing', async () => {
  emu.wechat.mediaCheckPush = 'held';
  const { p, projectId, traceId } = await withCover('held-pass.png');
  expect((await projectDoc(projectId)).coverCheck).toEqual({ traceId, state: 'pending' });
  expect(await visitorSees(projectId)).toBeUndefined();

  const event = await emu.wechat.settleMediaCheck(traceId);
  expect((await projectDoc(projectId)).coverCheck).toEqual({ traceId, state: 'pass' });
  expect(await visitorSees(projectId)).toMatch(/^http/);
  const before = await projectDoc(projectId);
  expect(await pushAgain(event)).toMatchObject({ ok: true, json: '"success"' });
  expect(await projectDoc(projectId)).toEqual(before);
  expect(await coverNotices(p.admin.userId)).toEqual([]);
});

test('risky: the cover stays hidden and each admin is told once, however often WeChat pushes', async () => {
  const { p, projectId, traceId } = await withCover('risky-cover.png', { suggest: 'risky', label: 20002 });
  await emu.wechat.pushesDelivered();
  expect((await projectDoc(projectId)).coverCheck).toEqual({ traceId, state: 'risky' });
  expect(await visitorSees(projectId)).toBeUndefined();
  const told = await coverNotices(p.admin.userId);
  expect(told).toEqual([expect.objectContaining({ title: '项目封面未通过检测', body: expect.stringContaining('未通过微信内容安全检测，已不再向志愿者展示') })]);
  const event = emu.wechat.pushes.find((e) => e.trace_id === traceId)!;
  await Promise.all([pushAgain(event), pushAgain(event), pushAgain(event)]);
  expect(await coverNotices(p.admin.userId)).toHaveLength(1);
  expect((await projectDoc(projectId)).coverCheck).toEqual({ traceId, state: 'risky' });
});

test('a push that arrives before submit has stored the trace id is applied by submit itself', async () => {
  emu.wechat.mediaCheckPush = 'before-answer';
  const { p, projectId, traceId } = await withCover('early-risky.png', { suggest: 'risky', label: 20001 });
  expect(emu.wechat.pushes.some((e) => e.trace_id === traceId)).toBe(true);
  expect((await projectDoc(projectId)).coverCheck).toEqual({ traceId, state: 'risky' });
  expect(await coverNotices(p.admin.userId)).toHaveLength(1);

  const passed = await withCover('early-pass.png');
  expect((await projectDoc(passed.projectId)).coverCheck).toEqual({ traceId: passed.traceId, state: 'pass' });
  expect(await visitorSees(passed.projectId)).toMatch(/^http/);
});

test('a push forged by a client, DevTools or another function is refused and changes nothing', async () => {
  emu.wechat.mediaCheckPush = 'held';
  const { projectId, traceId } = await withCover('forged.png');
  const forged = { ToUserName: 'gh_x', FromUserName: 'openid-forger', CreateTime: 1, MsgType: 'event', Event: 'wxa_media_check', trace_id: traceId, version: 2, result: { suggest: 'pass', label: '100' } };
  const viaClient = await caller(emu, 'openid-forger').raw('project', forged);
  expect(viaClient.body).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
  // Another function calling project with the push's shape: SOURCE is "…,scf" or "scf", never a push.
  for (const source of ['scf', 'wx_client,scf', 'wx_devtools', 'wx_trigger']) {
    const outcome = await emu.runtime!.invoke('project', forged, { source });
    expect(outcome.ok && JSON.parse(outcome.json)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
  }
  expect((await projectDoc(projectId)).coverCheck).toEqual({ traceId, state: 'pending' });
  expect(await visitorSees(projectId)).toBeUndefined();
});

test('only a version-2 media-check result is read; review counts as not passed', () => {
  const push = { MsgType: 'event', Event: 'wxa_media_check', trace_id: 'a-b-c', version: 2, result: { suggest: 'pass', label: 100 } };
  expect(mediaVerdictOf(push)).toEqual({ traceId: 'a-b-c', state: 'pass', suggest: 'pass', label: '100' });
  expect(mediaVerdictOf({ ...push, result: { suggest: 'review', label: '21000' } })).toMatchObject({ state: 'risky', suggest: 'review' });
  expect(mediaVerdictOf({ ...push, version: 1 })).toBeNull();
  expect(mediaVerdictOf({ ...push, Event: 'user_enter_tempsession' })).toBeNull();
  expect(mediaVerdictOf({ ...push, trace_id: '../../x' })).toBeNull();
  expect(mediaVerdictOf({ ...push, result: { suggest: 'maybe' } })).toBeNull();
});
