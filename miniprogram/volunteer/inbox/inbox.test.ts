/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 消息 through the real `inbox` function: notifications arranged as the outbox writes them, listed, marked read;
// and the unread badge on 我的.
import { userIdOf } from '../../../cloudfunctions/_shared/documents/ids';
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { registerVolunteer } from '../../test-support/people';
import { load, render, shot, tap, textOf, waitFor, type Rendered } from '../../test-support/simulate';

let emu: LocalCloud;
let bridge: EmulatorBridge;
let inboxId: string;
let meId: string;

beforeAll(async () => {
  emu = await startLocalCloud();
  inboxId = load('volunteer/inbox/index');
  meId = load('pages/me/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

const db = () => serverDb(emu);

/** A notification document as the outbox writes it. */
async function notify(openid: string, id: string, minutesAgo: number, link?: string): Promise<void> {
  const createdAt = new Date(Date.now() - minutesAgo * 60000);
  await db()
    .collection('notifications')
    .add({
      data: {
        _id: id,
        kind: 'org.reviewed',
        recipientUserId: userIdOf(openid),
        title: `组织审核结果 ${id}`,
        body: `你提交的组织已通过审核（${id}）`,
        ...(link ? { link } : {}),
        createdAt,
        readAt: null,
        delivery: { state: 'pending', attempts: 0, nextAttemptAt: createdAt },
      },
    });
}

async function readAtOf(id: string): Promise<unknown> {
  const [doc] = (await db().collection('notifications').where({ _id: id }).get()).data;
  return doc?.readAt;
}

async function openInbox(openid: string): Promise<Rendered> {
  bridge.actAs(openid);
  const page = render(inboxId);
  await (page.instance as unknown as { onLoad(): Promise<void> }).onLoad();
  return page;
}

test('no messages: an honest empty state, with 消息设置 at hand', async () => {
  const tabBadge = jest.spyOn(wx, 'removeTabBarBadge');
  const page = await openInbox('openid-quiet');
  expect(textOf(page, '#empty')).toContain('暂无消息');
  expect(textOf(page, '#settings')).toBe('消息设置');
  expect(tabBadge).toHaveBeenCalledWith(expect.objectContaining({ index: 2 }));
  shot(page, 'empty');
});

test('lists newest first with unread styling; a tap marks read and opens the link; 全部已读 clears the rest', async () => {
  const openid = 'openid-reader';
  await notify(openid, 'n-old', 60);
  await notify(openid, 'n-mid', 30, '/org/home/index?orgId=org-1');
  await notify(openid, 'n-new', 5);
  await notify('openid-someone-else', 'n-other', 1);
  const navigateTo = jest
    .spyOn(wx, 'navigateTo')
    .mockImplementation(((o: { success?: () => void }) => o.success?.()) as never);

  const page = await openInbox(openid);

  const items = page.querySelectorAll('.item');
  expect(items).toHaveLength(3);
  expect(textOf(page, '.item')).toContain('n-new');
  expect(page.querySelectorAll('.item-unread')).toHaveLength(3);
  expect(textOf(page, '#unread-count')).toBe('3 条未读');
  shot(page, 'unread');
  expect(page.querySelector('#item-n-other')).toBeFalsy();

  const tabBadge = jest.spyOn(wx, 'setTabBarBadge');
  page.querySelector('#item-n-mid')!.dispatchEvent('tap');
  // The page opens at once and shows the message read; the server's answer follows.
  await waitFor(() => navigateTo.mock.calls.length > 0);
  expect(navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/org/home/index?orgId=org-1' }));
  expect(textOf(page, '#unread-count')).toBe('2 条未读');
  expect(page.querySelectorAll('.item-unread')).toHaveLength(2);
  await waitFor(() => tabBadge.mock.calls.length > 0); // set from markRead's answer
  expect(tabBadge).toHaveBeenLastCalledWith(expect.objectContaining({ index: 2, text: '2' }));
  expect(await readAtOf('n-mid')).toBeTruthy();
  expect(await readAtOf('n-new')).toBeNull();

  // The page shows 全部已读 at once and then asks the server: awaiting the handler waits for the server's answer
  // (a fixed sleep did not, under load).
  expect(page.querySelector('#mark-all')).toBeTruthy();
  const badgeGone = jest.spyOn(wx, 'removeTabBarBadge');
  await (page.instance as unknown as { onMarkAllRead(): Promise<void> }).onMarkAllRead();
  expect(textOf(page, '#unread-count')).toBe('全部已读');
  expect(badgeGone).toHaveBeenCalledWith(expect.objectContaining({ index: 2 }));
  shot(page, 'all-read');
  expect(await readAtOf('n-new')).toBeTruthy();
  expect(await readAtOf('n-old')).toBeTruthy();
  expect(await readAtOf('n-other')).toBeNull(); // someone else's message is untouched
});

test('the 我的 tab shows the count as the list loads; a failed mark shows the message unread again; 消息设置 opens', async () => {
  const openid = 'openid-offline-reader';
  await notify(openid, 'f-1', 20);
  await notify(openid, 'f-2', 10);
  const tabBadge = jest.spyOn(wx, 'setTabBarBadge');
  const navigateTo = jest
    .spyOn(wx, 'navigateTo')
    .mockImplementation(((o: { success?: () => void }) => o.success?.()) as never);
  const page = await openInbox(openid);
  expect(tabBadge).toHaveBeenLastCalledWith(expect.objectContaining({ index: 2, text: '2' }));

  bridge.dropNextCalls(1);
  await (page.instance as unknown as { onTapItem(e: object): Promise<void> }).onTapItem({ currentTarget: { dataset: { id: 'f-1' } } });
  expect(page.querySelectorAll('.item-unread')).toHaveLength(2);
  expect(textOf(page, '#unread-count')).toBe('2 条未读');
  expect(await readAtOf('f-1')).toBeNull();
  expect(navigateTo).not.toHaveBeenCalled(); // no link: nothing to open

  await tap(page, '#settings');
  await waitFor(() => navigateTo.mock.calls.length > 0);
  expect(navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/volunteer/notify-settings/index' }));
});

test('pages load as the list scrolls to the bottom', async () => {
  const openid = 'openid-many';
  for (let i = 0; i < 25; i++) await notify(openid, `m-${String(i).padStart(2, '0')}`, 100 - i);
  const page = await openInbox(openid);
  expect(page.querySelectorAll('.item')).toHaveLength(20);
  await (page.instance as unknown as { onReachBottom(): Promise<void> }).onReachBottom();
  expect(page.querySelectorAll('.item')).toHaveLength(25);
  expect(textOf(page, '#more')).toBe('没有更多了');
  shot(page, 'all-pages');
});

test('我的 shows the unread count on 消息 for a registered volunteer', async () => {
  const openid = 'openid-badge';
  await registerVolunteer(bridge, openid, '赵六');
  await notify(openid, 'b-1', 10);
  await notify(openid, 'b-2', 5);

  bridge.actAs(openid);
  const me = render(meId);
  await (me.instance as unknown as { onShow(): Promise<void> }).onShow();

  expect(textOf(me, '#entry-inbox')).toContain('消息');
  expect(textOf(me, '#unread-badge')).toBe('2');
  shot(me, 'unread-badge');
  expect(textOf(me, '#section-everyday')).toContain('电子志愿服务证');
  expect(textOf(me, '#section-organization')).toContain('注册组织');
});

test('我的 hides the registered-only entries from someone not registered, and offers 申诉找回, 消息 and 我的数据', async () => {
  bridge.actAs('openid-unregistered');
  const me = render(meId);
  await (me.instance as unknown as { onShow(): Promise<void> }).onShow();
  expect(me.querySelector('#entry-card')).toBeFalsy();
  expect(textOf(me, '#section-everyday')).toBe('申诉找回志愿者档案›消息›我的数据›');
  expect(me.querySelector('#section-organization')).toBeFalsy();
  expect(me.querySelector('#unread-badge')).toBeFalsy();
});
