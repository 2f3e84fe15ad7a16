/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 我的资料 → 修改资料 → 更换手机号 through the real `volunteer` function in the emulator: the phone button's code is
// exchanged as soon as the button answers, and 保存 sends the proof.
import { userIdOf } from '../../../cloudfunctions/_shared/documents/ids';
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { registerVolunteer } from '../../test-support/people';
import { fire, load, render, tap, textOf, waitFor, type Rendered } from '../../test-support/simulate';

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;

beforeAll(async () => {
  emu = await startLocalCloud();
  pageId = load('volunteer/my-data/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

async function openEdit(openid: string): Promise<Rendered> {
  await registerVolunteer(bridge, openid, '刘备');
  bridge.actAs(openid);
  const page = render(pageId);
  await page.instance.onLoad();
  await tap(page, '#edit');
  await tap(page, '#change-phone');
  return page;
}

const mode = (page: Rendered) => (page.instance.data as { mode: string }).mode;

test('one tap: the code is exchanged at once, 保存 sends the proof, the new number is stored verified', async () => {
  const page = await openEdit('openid-new-phone');
  await fire(page, '#edit-phone-button', 'getphonenumber', { code: 'fake:13900005555', errMsg: 'getPhoneNumber:ok' });
  await waitFor(() => textOf(page, '#edit-phone-obtained'));
  expect(textOf(page, '#edit-phone-obtained')).toBe('139****5555（微信绑定，已验证）');
  await tap(page, '#save');
  await waitFor(() => mode(page) === 'view');
  const [volunteer] = (await serverDb(emu).collection('volunteers').where({ userId: userIdOf('openid-new-phone') }).get()).data;
  expect(volunteer).toMatchObject({ phone: { masked: '139****5555', verified: true } });
  expect(emu.wechat.calls.filter((c) => c.api === 'phonenumber.getPhoneNumber' && c.data.code === 'fake:13900005555')).toHaveLength(1);
});

test('a code WeChat refuses says why and saves nothing', async () => {
  const page = await openEdit('openid-refused-phone');
  await fire(page, '#edit-phone-button', 'getphonenumber', { code: 'used-code', errMsg: 'getPhoneNumber:ok' });
  await waitFor(() => textOf(page, '#edit-phone-error'));
  expect(textOf(page, '#edit-phone-error')).toBe('手机号获取失败，请重新授权或手动填写');
  expect(page.querySelector('#edit-phone-obtained')).toBeFalsy();
  await tap(page, '#save');
  expect(mode(page)).toBe('edit');
  const [volunteer] = (await serverDb(emu).collection('volunteers').where({ userId: userIdOf('openid-refused-phone') }).get()).data;
  expect(volunteer).toMatchObject({ phone: { verified: false } });
});
