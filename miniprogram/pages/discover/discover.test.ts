/** @jest-environment jsdom */
// 发现 page: the location permission journey, including WeChat's privacy agreement.
import { privacyGate } from '../../services/privacy';
import type { PrivacyResolve } from '../../services/wechat';
import { load, render, shot, textOf, waitFor, type Rendered } from '../../test-support/simulate';

type Callbacks<T> = { success?: (res: T) => void; fail?: (err: { errMsg: string }) => void };

let pageId: string;
beforeAll(() => {
  pageId = load('pages/discover/index');
});
const opened: Rendered[] = [];
afterEach(() => {
  jest.restoreAllMocks();
  opened.splice(0).forEach((page) => page.detach()); // so the next page's popup is the only one listening
});

function permissionIs(value: boolean | undefined) {
  const authSetting = value === undefined ? {} : { 'scope.userLocation': value };
  jest.spyOn(wx, 'getSetting').mockImplementation(((o: Callbacks<unknown>) => o.success?.({ authSetting })) as never);
}

function locationAnswers(answer: (o: Callbacks<{ latitude: number; longitude: number }>) => void) {
  return jest.spyOn(wx, 'getLocation').mockImplementation(answer as never);
}

const here = (o: Callbacks<{ latitude: number; longitude: number }>) => o.success?.({ latitude: 26.08, longitude: 119.3 });

async function open(): Promise<Rendered> {
  const page = render(pageId);
  opened.push(page);
  await page.instance.onShow();
  return page;
}

test('located: no prompt, and the place says the list follows the location', async () => {
  permissionIs(true);
  locationAnswers(here);
  const page = await open();
  expect(page.querySelector('#location-prompt')).toBeFalsy();
  expect(textOf(page, '#place')).toBe('已按你的位置查找');
  shot(page, 'located');
});

test('a user never asked gets a prompt; allowing locates them', async () => {
  permissionIs(undefined);
  const getLocation = locationAnswers(here);
  const page = await open();

  expect(textOf(page, '#location-prompt')).toContain('开启定位');
  shot(page, 'location-prompt');
  const action = page.querySelector('#location-action')!;
  expect(textOf(page, '#location-action')).toBe('允许获取位置');
  expect(getLocation).not.toHaveBeenCalled(); // nothing is asked before the user taps

  action.dispatchEvent('tap');
  await waitFor(() => !page.querySelector('#location-prompt'));
  expect(getLocation).toHaveBeenCalledWith(expect.objectContaining({ type: 'gcj02' }));
  expect(textOf(page, '#place')).toBe('已按你的位置查找');
});

test('a user who refused is sent to settings, and located once they allow it there', async () => {
  permissionIs(false);
  locationAnswers(here);
  const openSetting = jest
    .spyOn(wx, 'openSetting')
    .mockImplementation(((o: Callbacks<unknown>) => o.success?.({ authSetting: { 'scope.userLocation': true } })) as never);
  const page = await open();

  expect(textOf(page, '#location-action')).toBe('去设置开启定位');
  shot(page, 'location-refused');
  page.querySelector('#location-action')!.dispatchEvent('tap');
  await waitFor(() => !page.querySelector('#location-prompt'));
  expect(openSetting).toHaveBeenCalled();
});

test('refusing in the system prompt turns the prompt into a way to settings', async () => {
  permissionIs(undefined);
  locationAnswers((o) => o.fail?.({ errMsg: 'getLocation:fail auth deny' }));
  const page = await open();
  page.querySelector('#location-action')!.dispatchEvent('tap');
  await waitFor(() => textOf(page, '#location-action') === '去设置开启定位');
});

test('the privacy agreement opens when location needs it, and agreeing lets location go on', async () => {
  permissionIs(undefined);
  // As WeChat does: the privacy API waits until the app's listener is resolved with "agree".
  locationAnswers((o) => {
    const resolve: PrivacyResolve = (decision) => {
      if (decision.event === 'agree') here(o);
      if (decision.event === 'disagree') o.fail?.({ errMsg: 'getLocation:fail privacy permission is not authorized' });
    };
    privacyGate.request(resolve);
  });
  const page = await open();
  page.querySelector('#location-action')!.dispatchEvent('tap');

  const popup = page.querySelector('#privacy-popup')!;
  await waitFor(() => popup.querySelector('.privacy-sheet'));
  expect(textOf(popup, '.privacy-title')).toBe('隐私保护指引');
  // Exactly as drawn (textOf collapses whitespace): no gap before the 。 that follows the link.
  const sentence = (popup.querySelector('.privacy-text')!.dom as unknown as { textContent: string }).textContent;
  expect(sentence).toBe('使用前，请阅读并同意《志愿+小程序隐私保护指引》。不同意时，相关功能将无法使用，其他功能不受影响。');
  shot(page, 'privacy-popup');
  // miniprogram-simulate has no openPrivacyContract; give the page one.
  const contract = jest.fn((o: Callbacks<unknown>) => o.success?.({}));
  Object.assign(wx, { openPrivacyContract: contract });
  popup.querySelector('.privacy-link')!.dispatchEvent('tap');
  await waitFor(() => contract.mock.calls.length > 0);

  popup.querySelector('#privacy-agree')!.dispatchEvent('agreeprivacyauthorization');
  await waitFor(() => !page.querySelector('#location-prompt'));
  expect(popup.querySelector('.privacy-sheet')).toBeFalsy();
});

test('declining the privacy agreement keeps the prompt so the user can change their mind', async () => {
  permissionIs(undefined);
  locationAnswers((o) => {
    privacyGate.request((decision) => {
      if (decision.event === 'disagree') o.fail?.({ errMsg: 'getLocation:fail privacy permission is not authorized' });
    });
  });
  const page = await open();
  page.querySelector('#location-action')!.dispatchEvent('tap');
  const popup = page.querySelector('#privacy-popup')!;
  await waitFor(() => popup.querySelector('.privacy-sheet'));

  popup.querySelector('.btn-plain')!.dispatchEvent('tap');
  await waitFor(() => !popup.querySelector('.privacy-sheet'));
  expect(textOf(page, '#location-action')).toBe('允许获取位置');
});

test('choosing another place shows its name', async () => {
  permissionIs(true);
  locationAnswers(here);
  jest.spyOn(wx, 'chooseLocation').mockImplementation(((o: Callbacks<unknown>) =>
    o.success?.({ name: '鼓楼公园', address: '福州市鼓楼区', latitude: 26.09, longitude: 119.29 })) as never);
  const page = await open();
  page.querySelector('.change-place')!.dispatchEvent('tap');
  await waitFor(() => textOf(page, '#place') === '当前位置：鼓楼公园');
  shot(page, 'chosen-place');
});
