/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 志愿服务证 through the real `volunteer` function: the card with its server-rendered QR code, refreshed while the
// page is on screen and never after it is hidden; the screen is brightened and restored.
import { startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { registerVolunteer } from '../../test-support/people';
import { load, render, shot, textOf, type Rendered } from '../../test-support/simulate';

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;

beforeAll(async () => {
  emu = await startLocalCloud();
  pageId = load('volunteer/card/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

type CardPage = { onShow(): Promise<void>; onHide(): void };

function screenSpies() {
  jest.spyOn(wx, 'getScreenBrightness').mockImplementation(((o: { success?: (r: { value: number }) => void }) => o.success?.({ value: 0.3 })) as never);
  const set = jest.spyOn(wx, 'setScreenBrightness').mockImplementation(((o: { success?: () => void }) => o.success?.()) as never);
  jest.spyOn(wx, 'setKeepScreenOn').mockImplementation((() => undefined) as never);
  return set;
}

async function openAs(openid: string): Promise<Rendered> {
  bridge.actAs(openid);
  const page = render(pageId);
  await (page.instance as unknown as CardPage).onShow();
  return page;
}

test('a registered volunteer sees the card and a QR image; hiding stops refreshing and restores brightness', async () => {
  const setBrightness = screenSpies();
  await registerVolunteer(bridge, 'openid-card', '孙七');
  const page = await openAs('openid-card');

  expect(textOf(page, '#card-name')).toBe('孙七');
  expect(textOf(page, '#card-no')).toMatch(/\S+/);
  expect(textOf(page, '#qr-purpose')).toBe('出示给组织管理员扫码，核验你的志愿者身份');
  expect(textOf(page, '#qr-note')).toBe('二维码每分钟更新，截图无效');
  const src = (page.instance.data as { view: { qrImage: string } }).view.qrImage;
  expect(src).toMatch(/^data:image\/png;base64,/);
  expect(page.querySelector('#card-stars')).toBeFalsy(); // no hours yet
  shot(page, 'card');
  expect(setBrightness).toHaveBeenCalledWith(expect.objectContaining({ value: 1 }));

  const fields = page.instance as unknown as { timer?: unknown };
  expect(fields.timer).toBeDefined();
  (page.instance as unknown as CardPage).onHide();
  expect(fields.timer).toBeUndefined();
  expect(setBrightness).toHaveBeenLastCalledWith(expect.objectContaining({ value: 0.3 }));
});

test('someone not registered is offered registration and not polled', async () => {
  screenSpies();
  const page = await openAs('openid-no-card');
  expect(textOf(page, '#unregistered')).toContain('完成实名注册');
  shot(page, 'unregistered');
  expect((page.instance as unknown as { timer?: unknown }).timer).toBeUndefined();
  (page.instance as unknown as CardPage).onHide();
});
