/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 志愿服务证 through the real `volunteer` function: the card with its server-rendered QR code, refreshed while the
// page is on screen and never after it is hidden; the screen is brightened and restored. 保存为图片 draws the card
// with its static code on the page's Canvas 2D node (miniprogram-simulate has no canvas node, so the selector query
// answers a recording canvas) and saves or shares the file WeChat makes of it.
import { call } from '../../services/api';
import { startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { registerVolunteer } from '../../test-support/people';
import { load, render, shot, tap, textOf, waitFor, type Rendered } from '../../test-support/simulate';

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

/** A <canvas type="2d"> node as the phone gives it, recording what is drawn on it. */
function recordingCanvas() {
  const texts: string[] = [];
  const images: Array<{ src: string }> = [];
  const ctx = {
    fillStyle: '',
    font: '',
    textAlign: '',
    textBaseline: '',
    beginPath() {},
    closePath() {},
    moveTo() {},
    lineTo() {},
    arcTo() {},
    fill() {},
    fillRect() {},
    fillText: (text: string) => texts.push(text),
    drawImage: (image: { src: string }) => images.push(image),
  };
  const canvas = {
    width: 300,
    height: 150,
    getContext: () => ctx,
    createImage() {
      const image = { onload: null as null | (() => void), onerror: null, value: '' };
      return Object.defineProperty(image, 'src', {
        get: () => image.value,
        set: (v: string) => {
          image.value = v;
          setTimeout(() => image.onload?.(), 0);
        },
      });
    },
  };
  return { canvas, texts, images };
}

function imageSpies() {
  const drawn = recordingCanvas();
  jest.spyOn(wx, 'createSelectorQuery').mockImplementation((() => {
    const query = {
      in: () => query,
      select: (selector: string) => {
        expect(selector).toBe('#card-image-canvas');
        return query;
      },
      fields: () => query,
      exec: (cb: (res: unknown[]) => void) => cb([{ node: drawn.canvas }]),
    };
    return query;
  }) as never);
  const written: Array<{ filePath: string; data: string; encoding: string }> = [];
  jest.spyOn(wx, 'getFileSystemManager').mockImplementation((() => ({
    writeFile: (o: { filePath: string; data: string; encoding: string; success: () => void }) => {
      written.push(o);
      o.success();
    },
  })) as never);
  const exported: unknown[] = [];
  jest.spyOn(wx, 'canvasToTempFilePath').mockImplementation(((o: { canvas: unknown; success: (r: { tempFilePath: string }) => void }) => {
    exported.push(o.canvas);
    o.success({ tempFilePath: 'http://tmp/card-image.png' });
  }) as never);
  const toasts = jest.spyOn(wx, 'showToast').mockImplementation((() => undefined) as never);
  return { drawn, written, exported, toasts };
}

test('保存为图片: the card with its static code is drawn, never the rotating code, then saved to the album', async () => {
  screenSpies();
  const spies = imageSpies();
  await registerVolunteer(bridge, 'openid-card-image', '周小燕');
  const page = await openAs('openid-card-image');
  shot(page, 'card-with-image-action');
  await tap(page, '#make-image');
  await waitFor(() => page.querySelector('#image-sheet'));

  const [card, proof] = await Promise.all([call('volunteer', 'card', {}), call('volunteer', 'cardProof', {})]);
  if (!card.ok || !proof.ok) throw new Error('arrange');
  const { texts, images, canvas } = spies.drawn;
  expect(texts).toEqual(expect.arrayContaining(['周小燕', proof.data.volunteerNo, '0.0 小时', '暂无星级', `核验码 ${proof.data.proof.spaced}`]));
  expect(texts.join('\n')).not.toContain(card.data.qr.payload);
  expect(texts.join('\n')).not.toContain('ZYC1');
  // The one picture drawn in is the server's mini-program code, written to a file first; not the rotating QR.
  expect(spies.written).toEqual([expect.objectContaining({ filePath: '/usr/card-verification-code.png', encoding: 'base64', data: proof.data.proof.miniProgramCode.split(',')[1] })]);
  expect(card.data.qr.image).not.toContain(spies.written[0]!.data);
  expect(images.map((i) => i.src)).toEqual(['/usr/card-verification-code.png']);
  expect([canvas.width, canvas.height]).toEqual([750, 1200]);
  expect(spies.exported).toEqual([canvas]);
  expect(page.querySelector('#image-preview')).toBeTruthy();
  expect(textOf(page, '#image-note')).toBe('图片中的小程序码和核验码长期有效，注销账号后失效；不含签到用的动态二维码。');
  shot(page, 'image-ready');

  const save = jest.spyOn(wx, 'saveImageToPhotosAlbum').mockImplementation(((o: { filePath: string; success: () => void }) => o.success()) as never);
  await tap(page, '#save-image');
  await waitFor(() => spies.toasts.mock.calls.length > 0);
  expect(save).toHaveBeenCalledWith(expect.objectContaining({ filePath: 'http://tmp/card-image.png' }));
  expect(spies.toasts).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已保存到相册' }));

  const share = jest.spyOn(wx, 'showShareImageMenu').mockImplementation(((o: { success: () => void }) => o.success()) as never);
  await tap(page, '#share-image');
  expect(share).toHaveBeenCalledWith(expect.objectContaining({ path: 'http://tmp/card-image.png' }));
  await tap(page, '#close-image');
  expect(page.querySelector('#image-sheet')).toBeFalsy();
  (page.instance as unknown as CardPage).onHide();
});

test('a refused album permission offers the settings page and saves once it is granted; refused again, nothing is saved', async () => {
  screenSpies();
  const spies = imageSpies();
  await registerVolunteer(bridge, 'openid-card-album', '吴敏');
  const page = await openAs('openid-card-album');
  await tap(page, '#make-image');
  await waitFor(() => page.querySelector('#image-sheet'));

  let attempts = 0;
  jest.spyOn(wx, 'saveImageToPhotosAlbum').mockImplementation(((o: { success: () => void; fail: (e: { errMsg: string }) => void }) => {
    attempts += 1;
    if (attempts === 1) o.fail({ errMsg: 'saveImageToPhotosAlbum:fail auth deny' });
    else o.success();
  }) as never);
  const modal = jest.spyOn(wx, 'showModal').mockImplementation(((o: { success: (r: { confirm: boolean }) => void }) => o.success({ confirm: true })) as never);
  jest.spyOn(wx, 'openSetting').mockImplementation(((o: { success: (r: { authSetting: Record<string, boolean> }) => void }) => o.success({ authSetting: { 'scope.writePhotosAlbum': true } })) as never);
  await tap(page, '#save-image');
  await waitFor(() => spies.toasts.mock.calls.length > 0);
  expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '需要相册权限', confirmText: '去设置' }));
  expect(attempts).toBe(2);
  expect(spies.toasts).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已保存到相册' }));

  // Declined at the settings page: no second attempt, no toast claiming success.
  attempts = 0;
  spies.toasts.mockClear();
  jest.spyOn(wx, 'openSetting').mockImplementation(((o: { success: (r: { authSetting: Record<string, boolean> }) => void }) => o.success({ authSetting: {} })) as never);
  await tap(page, '#save-image');
  await waitFor(() => attempts === 1);
  await new Promise((r) => setTimeout(r, 20));
  expect(attempts).toBe(1);
  expect(spies.toasts).not.toHaveBeenCalled();
  (page.instance as unknown as CardPage).onHide();
});

test('when WeChat cannot make the mini-program code, the page says so and draws nothing', async () => {
  screenSpies();
  const spies = imageSpies();
  await registerVolunteer(bridge, 'openid-card-wxfail', '郑爽');
  const page = await openAs('openid-card-wxfail');
  emu.wechat.failNext('wxacode.getUnlimited', { errcode: -1 });
  await tap(page, '#make-image');
  await waitFor(() => page.querySelector('#image-error'));
  expect(textOf(page, '#image-error')).toBe('微信服务暂时不可用，请稍后重试');
  expect(spies.drawn.texts).toEqual([]);
  expect(page.querySelector('#image-sheet')).toBeFalsy();
  shot(page, 'image-error');
  (page.instance as unknown as CardPage).onHide();
});
