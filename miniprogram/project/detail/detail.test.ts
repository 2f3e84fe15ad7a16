/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 项目详情 through the real `project` function: a published project as anyone sees it, opened from a poster's
// code (scene), from a group chat (the group attributed), with sharing to chats and 朋友圈 and the map.
import { startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { load, render, shot, textOf, type Rendered } from '../../test-support/simulate';
import type { ProjectInput } from '../../../typings/project-actions';

let emu: LocalCloud & { wechat: { issueGroupCloudId(openGId: string): string } };
let bridge: EmulatorBridge;
let pageId: string;

// The server-side fixtures publish through the product's own actions. Required and typed narrowly here, so the
// mini-program's type check does not also check the server code (as test-support/emulator.ts does).
interface Publisher {
  admin: { openid: string };
  orgId: string;
}
/* eslint-disable @typescript-eslint/no-require-imports */
const fixtures = require('../../../cloudfunctions/project/fixtures') as {
  publisher(emu: unknown, name?: string): Promise<Publisher>;
  published(p: Publisher, form: ProjectInput): Promise<string>;
};
const support = require('../../../cloudfunctions/project/test-support') as {
  formStartingIn(now: Date, daysAhead: number, overrides?: Partial<ProjectInput>): ProjectInput;
  validInput(): ProjectInput;
};
const orgSupport = require('../../../cloudfunctions/organization/test-support') as { functionEnv: Record<string, string> };
const { userIdOf } = require('../../../cloudfunctions/_shared/documents/ids') as { userIdOf(openid: string): string };
/* eslint-enable @typescript-eslint/no-require-imports */

beforeAll(async () => {
  emu = (await startLocalCloud({ functionEnv: orgSupport.functionEnv })) as typeof emu;
  pageId = load('project/detail/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-detail-visitor');
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

/** One organization name per region, so only the test that reads the name gives one. */
async function publish(overrides: Partial<ProjectInput> = {}, orgName?: string): Promise<{ projectId: string; admin: { openid: string } }> {
  const p = await fixtures.publisher(emu, orgName);
  const form = support.formStartingIn(new Date(), 3, { place: { ...support.validInput().place, name: '五四路社区服务站' }, ...overrides });
  return { projectId: await fixtures.published(p, form), admin: p.admin };
}

async function open(query: Record<string, string>): Promise<Rendered> {
  const page = render(pageId);
  await (page.instance as unknown as { onLoad(q: Record<string, string>): Promise<void> }).onLoad(query);
  return page;
}

test('a published project as a visitor sees it: shifts with places, the place, conditions, risk; no admin notes', async () => {
  const { projectId } = await publish({ risk: { disclosure: '户外活动，注意防晒', risky: true } }, '鼓楼区阳光志愿服务中心');
  const groupInfo = jest.fn((o: { fail(): void }) => o.fail());
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.getGroupEnterInfo = groupInfo;
  const page = await open({ projectId });
  expect(textOf(page, '#title')).toBe('社区助老陪伴');
  expect(textOf(page, '#org')).toContain('鼓楼区阳光志愿服务中心');
  expect(textOf(page, '#shift-0')).toMatch(/周.* 09:00–11:30\s*剩余 10\/10 个名额/);
  expect(textOf(page, '#place')).toContain('五四路社区服务站');
  expect(textOf(page, '#conditions')).toContain('面向所有人');
  expect(textOf(page, '#risky-note')).toBe('该项目有一定风险，请仔细阅读风险告知');
  expect(textOf(page, '#going')).toContain('还没有人报名');
  expect(page.querySelector('#admin-note')).toBeFalsy();
  shot(page, 'visitor');

  const wxMock = (globalThis as unknown as { wx: Record<string, jest.Mock> }).wx;
  wxMock.openLocation = jest.fn((o: { success(): void }) => o.success());
  await (page.instance as unknown as { onOpenMap(): Promise<void> }).onOpenMap();
  expect(wxMock.openLocation).toHaveBeenCalledWith(expect.objectContaining({ latitude: 26.08, longitude: 119.3, name: '五四路社区服务站' }));

  // 我要报名 opens the sign-up page of this project, where the shift is chosen and the decision explained.
  expect(textOf(page, '#signup')).toBe('我要报名');
  wxMock.navigateTo = jest.fn((o: { success?(): void }) => o.success?.());
  await (page.instance as unknown as { onSignUp(): Promise<void> }).onSignUp();
  expect(wxMock.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: `/project/signup/index?projectId=${projectId}` }));

  const share = (page.instance as unknown as { onShareAppMessage(): { title: string; path: string } }).onShareAppMessage();
  expect(share).toEqual({ title: '社区助老陪伴｜鼓楼区阳光志愿服务中心', path: `/project/detail/index?projectId=${projectId}` });
  const timeline = (page.instance as unknown as { onShareTimeline(): { title: string; query: string } }).onShareTimeline();
  expect(timeline).toEqual({ title: '社区助老陪伴', query: `projectId=${projectId}` });
});

test('opened from a recommendation with its shift: 我要报名 opens the sign-up page with that shift chosen', async () => {
  const { projectId } = await publish();
  const shiftId = `${projectId}-0`;
  const page = await open({ projectId, shiftId: encodeURIComponent(shiftId) });
  const wxMock = (globalThis as unknown as { wx: Record<string, jest.Mock> }).wx;
  wxMock.navigateTo = jest.fn((o: { success?(): void }) => o.success?.());
  await (page.instance as unknown as { onSignUp(): Promise<void> }).onSignUp();
  expect(wxMock.navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: `/project/signup/index?projectId=${projectId}&shiftId=${encodeURIComponent(shiftId)}` }));
});

test('opened from a group chat: the group is attributed to the visitor, not shown', async () => {
  const { projectId } = await publish();
  const cloudID = emu.wechat.issueGroupCloudId('tGdetailGroup');
  (globalThis as unknown as { wx: Record<string, unknown> }).wx.getGroupEnterInfo = jest.fn((o: { success(r: object): void }) => o.success({ cloudID }));
  const page = await open({ projectId });
  await (page.instance as unknown as { attribution: Promise<void> }).attribution;
  const db = (await import('../../test-support/emulator')).serverDb(emu);
  const visits = (await db.collection('projectVisits').where({ userId: userIdOf('openid-detail-visitor') }).get()).data;
  expect(visits).toEqual([expect.objectContaining({ projectId, groupId: expect.stringMatching(/^g_/) })]);
  expect(JSON.stringify(page.dom.innerHTML)).not.toContain('tGdetailGroup');
});

test('opened from a poster\'s code: the scene leads to the project; an unknown one says so', async () => {
  const { projectId, admin } = await publish();
  bridge.actAs(admin.openid);
  const res = (await (await fetch(`${emu.gatewayUrl}/project`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': admin.openid },
    body: JSON.stringify({ action: 'poster', projectId }),
  })).json()) as { ok: boolean; data: { scene: string } };
  bridge.actAs('openid-detail-visitor');
  const page = await open({ scene: encodeURIComponent(res.data.scene) });
  expect(textOf(page, '#title')).toBe('社区助老陪伴');
  const lost = await open({ scene: 'pZZZZZZZZZZZZ' });
  expect(textOf(lost, '#error')).toContain('这个小程序码已失效');
  shot(lost, 'unknown-scene');
  const bare = await open({});
  expect(textOf(bare, '#error')).toContain('链接不完整');
});
