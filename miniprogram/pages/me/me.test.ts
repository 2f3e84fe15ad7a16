/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 我的 page against the real `user` function in the emulator: wx.cloud.callFunction → gateway → function → database.
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { organizationWithAdmin } from '../../test-support/hours';
import { registerVolunteer } from '../../test-support/people';
import { load, render, shot, textOf, waitFor, type Rendered } from '../../test-support/simulate';

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;

beforeAll(async () => {
  emu = await startLocalCloud({ functionEnv: { PLATFORM_ADMIN_OPENIDS: 'openid-admin' } });
  pageId = load('pages/me/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

/** Opens the page as this WeChat user, the way the tab bar does: attach, then onShow. */
async function openAs(openid: string): Promise<Rendered> {
  bridge.actAs(openid);
  const page = render(pageId);
  await page.instance.onShow();
  return page;
}

const db = () => serverDb(emu);

async function usersOf(openid: string) {
  return (await db().collection('users').where({ openid }).get()).data;
}

test('a new user is asked to register, and now has exactly one user document', async () => {
  const navigateTo = jest
    .spyOn(wx, 'navigateTo')
    .mockImplementation(((option: { success?: () => void }) => option.success?.()) as never);

  const page = await openAs('openid-newcomer');

  expect(textOf(page, '#register-card')).toContain('你还没有完成实名注册');
  shot(page, 'unregistered');
  expect(textOf(page, '#register')).toBe('立即注册志愿者');
  const button = page.querySelector('#register')!;
  expect(page.querySelector('#section-admin')).toBeFalsy();
  // Anyone may ask for help and follow it, registered or not; their data is theirs to export or delete.
  expect(textOf(page, '#section-help')).toBe('求助提交求助›我的求助›身边的求助›');
  expect(textOf(page, '#section-everyday')).toBe('申诉找回志愿者档案›消息›我的数据›');

  button.dispatchEvent('tap');
  await waitFor(() => navigateTo.mock.calls.length > 0);
  expect(navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/volunteer/register/index' }));

  const users = await usersOf('openid-newcomer');
  expect(users).toHaveLength(1);
  expect(users[0]).toMatchObject({ openid: 'openid-newcomer', roles: [] });
});

test('a registered volunteer sees the masked name, the number, 0.0 小时 and no star, from one function call', async () => {
  const openid = 'openid-registered';
  await registerVolunteer(bridge, openid, '张三丰');
  const callsBefore = bridge.calls.length;

  const page = await openAs(openid);

  expect(bridge.calls.slice(callsBefore)).toEqual(['user']);
  expect(textOf(page, '#volunteer-name')).toBe('张**');
  expect(textOf(page, '#volunteer-no')).toMatch(/^志愿者编号 ZY\d{15}[0-9X]$/);
  expect(textOf(page, '#volunteer-hours')).toBe('已确认服务时长0.0 小时');
  expect(page.querySelector('#volunteer-stars')).toBeFalsy(); // no star before any confirmed hours
  expect(page.querySelector('#register-card')).toBeFalsy();
  expect(textOf(page, '#section-everyday')).toContain('电子志愿服务证');
  expect(textOf(page, '#section-organization')).toContain('志愿服务组织');
  expect(textOf(page, '#section-help')).toBe('求助提交求助›我的求助›身边的求助›');
  expect(page.querySelector('#entry-help-verify')).toBeFalsy();
  expect(page.querySelector('#unread-badge')).toBeFalsy();
  shot(page, 'registered');
});

test("消息's badge comes with the session: still one call", async () => {
  const openid = 'openid-with-messages';
  await registerVolunteer(bridge, openid, '李四');
  const [user] = await usersOf(openid);
  for (const id of ['n-1', 'n-2']) {
    await db()
      .collection('notifications')
      .add({ data: { _id: `${openid}-${id}`, kind: 'join_request', recipientUserId: String(user!._id), title: '入队申请', body: '有新的申请', createdAt: new Date(), readAt: null } });
  }
  const callsBefore = bridge.calls.length;
  const page = await openAs(openid);
  expect(bridge.calls.slice(callsBefore)).toEqual(['user']);
  expect(textOf(page, '#unread-badge')).toBe('2');
  expect(page.querySelector('#entry-inbox')).toBeTruthy();
  shot(page, 'registered-unread');
});

test('someone not registered who was told how their help request went sees the unread badge on 消息', async () => {
  const openid = 'openid-unregistered-requester';
  await openAs(openid); // first sight: the user document
  const [user] = await usersOf(openid);
  await db()
    .collection('notifications')
    .add({ data: { _id: `${openid}-verified`, kind: 'help.verified', recipientUserId: String(user!._id), title: '求助已核实', body: '你的求助已核实，正在派给附近的服务组织', createdAt: new Date(), readAt: null } });
  const page = await openAs(openid);
  expect(page.querySelector('#register-card')).toBeTruthy();
  expect(textOf(page, '#unread-badge')).toBe('1');
});

test('a platform admin sees the 平台管理 entry', async () => {
  const page = await openAs('openid-admin');
  expect(textOf(page, '#section-admin')).toBe('平台管理组织审核›申诉审核›求助核实›');
  expect(page.querySelector('#entry-admin-review')).toBeTruthy();
  shot(page, 'platform-admin');
});

test('an admin of a verified organization finds 求助核实 and 求助派单 under 志愿服务组织, from the same one call', async () => {
  const openid = 'openid-org-admin';
  await registerVolunteer(bridge, openid, '陈晓');
  await organizationWithAdmin(emu, 'org-me-gulou', '鼓楼区志愿者协会', openid);
  const navigateTo = jest.spyOn(wx, 'navigateTo').mockImplementation(((option: { success?: () => void }) => option.success?.()) as never);
  const callsBefore = bridge.calls.length;

  const page = await openAs(openid);

  expect(bridge.calls.slice(callsBefore)).toEqual(['user']);
  expect(textOf(page, '#section-organization')).toBe('志愿服务组织我的组织›注册组织›求助核实›求助派单›');
  expect(page.querySelector('#section-admin')).toBeFalsy();
  shot(page, 'org-admin');
  page.querySelector('#entry-help-verify')!.dispatchEvent('tap');
  page.querySelector('#entry-help-offers-org-me-gulou')!.dispatchEvent('tap');
  await waitFor(() => navigateTo.mock.calls.length === 2);
  expect(navigateTo.mock.calls.map(([o]) => (o as { url: string }).url)).toEqual(['/help/verify/index', '/help/offers/index?orgId=org-me-gulou']);

  // An organization not (or no longer) verified gives neither.
  await db().collection('organizations').doc('org-me-gulou').update({ data: { status: 'dissolved' } });
  const later = await openAs(openid);
  expect(later.querySelector('#entry-help-verify')).toBeFalsy();
  expect(later.querySelector('#entry-help-offers-org-me-gulou')).toBeFalsy();
});

test('a failed call shows the message, and 重试 loads the page', async () => {
  bridge.dropNextCalls(1);
  const page = await openAs('openid-offline');

  expect(textOf(page, '#error')).toContain('网络不稳定，请稍后重试');
  expect(textOf(page, '#retry')).toBe('重试');
  shot(page, 'error');

  page.querySelector('#retry')!.dispatchEvent('tap');
  await waitFor(() => page.querySelector('#register-card'));
  expect(page.querySelector('#error')).toBeFalsy();
  expect(await usersOf('openid-offline')).toHaveLength(1);
});
