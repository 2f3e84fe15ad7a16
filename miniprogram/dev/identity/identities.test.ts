/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 切换演示身份: lists the emulator's demo identities (kept in step with its seed), switches in local mode and relaunches
// 我的; outside local mode it says so and changes nothing.
import { config } from '../../config';
import { devOpenid } from '../../services/api';
import { resetConfig, useConfig } from '../../services/runtime-config';
import { load, render, shot, tap, textOf, waitFor, type Rendered } from '../../test-support/simulate';
import { DEMO_IDENTITIES } from './identities';

let pageId: string;
beforeAll(() => {
  pageId = load('dev/identity/index');
});
/** The simulator's storage keeps nothing: a real one, per test, as a device has. */
beforeEach(() => {
  const storage = new Map<string, unknown>();
  jest.spyOn(wx, 'setStorageSync').mockImplementation(((key: string, value: unknown) => void storage.set(key, value)) as never);
  jest.spyOn(wx, 'getStorageSync').mockImplementation(((key: string) => storage.get(key) ?? '') as never);
});
afterEach(() => {
  resetConfig();
  jest.restoreAllMocks();
});

function open(): Rendered {
  const page = render(pageId);
  (page.instance as unknown as { onLoad(): void }).onLoad();
  return page;
}

test('the list is the emulator’s demo world, the local admin and a newcomer', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const seed = require('../../../emulator/src/seed') as { DEMO_ADMIN_OPENID: string; DEMO_VOLUNTEER_OPENIDS: readonly string[] };
  const openids = DEMO_IDENTITIES.map((i) => i.openid);
  expect(openids).toEqual(['dev-openid-local', seed.DEMO_ADMIN_OPENID, ...seed.DEMO_VOLUNTEER_OPENIDS, 'dev-newcomer']);
  expect(openids[0]).toBe(config.localOpenid);
});

test('in local mode: the current identity is marked, and another one is taken and 我的 opens afresh', async () => {
  useConfig({ ...config, mode: 'local', localGateway: 'http://127.0.0.1:41234/functions' });
  const relaunch = jest.spyOn(wx, 'reLaunch').mockImplementation(((o: { success?: () => void }) => o.success?.()) as never);
  const page = open();
  expect(textOf(page, '#gateway-url')).toBe('http://127.0.0.1:41234/functions');
  expect(textOf(page, '#identity-dev-openid-local')).toContain('当前');
  expect(page.querySelectorAll('.identity')).toHaveLength(DEMO_IDENTITIES.length);
  shot(page, 'local');

  await tap(page, '#identity-demo-zheng');
  await waitFor(() => relaunch.mock.calls.length === 1);
  expect(relaunch).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/me/index' }));
  expect(devOpenid()).toBe('demo-zheng');
});

test('outside local mode the page says so and a tap changes nothing', async () => {
  const relaunch = jest.spyOn(wx, 'reLaunch');
  const page = open();
  expect(textOf(page, '#not-local')).toContain('当前不是本地模式');
  expect(page.querySelector('#identities')).toBeFalsy();
  shot(page, 'not-local');
  (page.instance as unknown as { onPick(e: object): void }).onPick({ currentTarget: { dataset: { openid: 'demo-lin' } } });
  expect(relaunch).not.toHaveBeenCalled();
  expect(devOpenid()).toBe(config.localOpenid);
});
