/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 核验志愿服务证 through the real `volunteer` function: a card image's mini-program code opens the page with its
// scene (URL-encoded, as WeChat hands it) and anyone sees the masked result; a changed code is not valid; a typed
// code is checked, and a malformed one is explained without a call.
import { call } from '../services/api';
import { startLocalCloud, type LocalCloud } from '../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../test-support/emulator-bridge';
import { registerVolunteer } from '../test-support/people';
import { load, render, shot, tap, textOf, typeInto, waitFor, type Rendered } from '../test-support/simulate';

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;
let code = '';
let volunteerNo = '';

beforeAll(async () => {
  emu = await startLocalCloud();
  pageId = load('verify-card/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
  await registerVolunteer(bridge, 'openid-verify-owner', '欧阳娜娜');
  const proof = await call('volunteer', 'cardProof', {});
  if (!proof.ok) throw new Error(`arrange: ${proof.error.message}`);
  ({ code } = proof.data.proof);
  ({ volunteerNo } = proof.data);
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

type VerifyPage = { onLoad(query: Record<string, string | undefined>): Promise<void> };

async function openWith(query: Record<string, string>): Promise<Rendered> {
  // Whoever scans: here someone who is not registered.
  bridge.actAs('openid-verify-stranger');
  const page = render(pageId);
  await (page.instance as unknown as VerifyPage).onLoad(query);
  return page;
}

test('scanned: the scene checks at once and shows the masked facts', async () => {
  const page = await openWith({ scene: encodeURIComponent(code) });
  await waitFor(() => page.querySelector('#verify-valid'));
  expect(textOf(page, '#verify-name')).toBe('欧***');
  expect(textOf(page, '#verify-no')).toBe(volunteerNo);
  expect(textOf(page, '#verify-stars')).toBe('暂无星级');
  expect(textOf(page, '#verify-hours')).toBe('0.0 小时');
  expect(textOf(page, '#verify-orgs')).toBe('暂未加入组织');
  expect(page.dom.textContent).not.toContain('欧阳娜娜');
  // The field shows the code it checked.
  expect((page.instance.data as { input: string }).input).toBe(code);
  shot(page, 'valid');
});

test('a changed code is not valid', async () => {
  const last = code[31] === 'A' ? 'B' : 'A';
  const page = await openWith({ scene: code.slice(0, 31) + last });
  await waitFor(() => page.querySelector('#verify-invalid'));
  expect(textOf(page, '#verify-invalid')).toContain('核验未通过');
  expect(page.querySelector('#verify-valid')).toBeFalsy();
  shot(page, 'invalid');
});

test('typed: a malformed code is explained without asking the server; a right one verifies', async () => {
  const page = await openWith({});
  expect(page.querySelector('#verify-valid')).toBeFalsy();
  shot(page, 'empty');
  const before = bridge.calls.length;
  await typeInto(page, '#proof', code.slice(0, 20));
  await tap(page, '#check');
  expect(textOf(page, '#verify-error')).toBe('核验码应为32位（ZY 开头的志愿者编号加14位校验码），当前为20位');
  expect(bridge.calls.length).toBe(before);
  shot(page, 'malformed');

  await typeInto(page, '#proof', code.toLowerCase().replace(/(.{4})/g, '$1 '));
  await tap(page, '#check');
  await waitFor(() => page.querySelector('#verify-valid'));
  expect(textOf(page, '#verify-no')).toBe(volunteerNo);
});
