/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 签到站 through the real attendance function: the admin opens the station and the phone shows a QR made here
// (js-sha256 and qrcode-generator) that the server accepts; without a network it keeps the kept key and goes on;
// someone who is not an admin is told why; the code changes each step.
import { call } from '../../services/api';
import { startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { AT_THE_PLACE, onSiteShift, phoneStorage, siteFunctionEnv, type Site } from '../../test-support/attendance';
import { load, propertyOf, render, shot, textOf, type Rendered } from '../../test-support/simulate';
import { stationStorageKey, type StationView } from './view-model';

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;
let site: Site;

beforeAll(async () => {
  emu = await startLocalCloud({ functionEnv: siteFunctionEnv() });
  pageId = load('org/station/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
  site = await onSiteShift(emu, { openStation: false });
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

let storage: Map<string, string>;
beforeEach(() => {
  storage = phoneStorage();
});
afterEach(() => jest.restoreAllMocks());

type StationPage = Rendered & { instance: { onLoad(q: object): void; onShow(): Promise<void>; onHide(): void; data: { view: StationView } } };

async function openAs(openid: string, shiftId = site.shift._id): Promise<StationPage> {
  bridge.actAs(openid);
  const page = render(pageId) as StationPage;
  page.instance.onLoad({ shiftId });
  await page.instance.onShow();
  return page;
}

test('the admin opens the station: the QR made on the phone checks a volunteer in', async () => {
  const page = await openAs(site.admin.openid);
  const view = page.instance.data.view;
  expect(view.kind).toBe('showing');
  if (view.kind !== 'showing') return;
  expect(textOf(page, '#station-title')).toBe(site.project.title);
  expect(String(propertyOf(page, '#station-qr', 'src'))).toMatch(/^data:image\/gif;base64,/);
  expect(textOf(page, '#station-note')).toContain('截图或转发无效');
  shot(page, 'showing');
  page.instance.onHide();

  bridge.actAs(site.volunteers[0]!.openid);
  expect(await call('attendance', 'checkIn', { token: view.token, location: AT_THE_PLACE })).toMatchObject({ ok: true, data: { state: 'checkedIn' } });
});

test('without a network the kept station goes on making codes; the code changes with the step', async () => {
  (await openAs(site.admin.openid)).instance.onHide();
  expect(storage.get(stationStorageKey(site.shift._id))).toContain('stationKey');
  bridge.dropNextCalls(1);
  const page = await openAs(site.admin.openid);
  const first = page.instance.data.view;
  expect(first).toMatchObject({ kind: 'showing', offline: true });
  expect(textOf(page, '#station-note')).toContain('当前无网络');
  shot(page, 'offline');
  await new Promise((resolve) => setTimeout(resolve, 10_500));
  const second = page.instance.data.view;
  expect(second.kind === 'showing' && first.kind === 'showing' && second.token !== first.token).toBe(true);
  page.instance.onHide();
}, 30_000);

test('someone who is not an admin of the organization is told why', async () => {
  const page = await openAs(site.volunteers[0]!.openid);
  expect(textOf(page, '#station-error')).toContain('只有该项目所属组织的管理员');
  shot(page, 'forbidden');
  page.instance.onHide();
});
