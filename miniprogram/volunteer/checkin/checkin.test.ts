/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 签到签退 through the real attendance function: the volunteer scans the station's code to check in and again to
// check out (with the phone's location); a scan without signal is kept and synced when the network returns, and a
// sync sent twice counts once; a refusal is shown in the server's words.
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { AT_THE_PLACE, onSiteShift, phoneStorage, siteFunctionEnv, stationTokenAt, type Site } from '../../test-support/attendance';
import { load, render, shot, textOf, waitFor, type Rendered } from '../../test-support/simulate';
import { OFFLINE_SCANS_KEY } from './offline-scans';

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;

beforeAll(async () => {
  emu = await startLocalCloud({ functionEnv: siteFunctionEnv() });
  pageId = load('volunteer/checkin/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
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

type ScanOptions = { success?: (r: { result: string }) => void; fail?: (e: { errMsg: string }) => void };
type LocationOptions = { success?: (r: { latitude: number; longitude: number }) => void; fail?: (e: { errMsg: string }) => void };
const cameraReads = (result: string) => jest.spyOn(wx, 'scanCode').mockImplementation(((o: ScanOptions) => o.success?.({ result })) as never);
const locatedAt = (where: { latitude: number; longitude: number }) => jest.spyOn(wx, 'getLocation').mockImplementation(((o: LocationOptions) => o.success?.(where)) as never);

type CheckinPage = Rendered & { instance: { onLoad(q: object): void; onShow(): Promise<void>; onCheckIn(): Promise<void>; onCheckOut(): Promise<void>; sync(): Promise<void>; onUnload(): void } };

async function openAs(openid: string, shiftId: string): Promise<CheckinPage> {
  bridge.actAs(openid);
  const page = render(pageId) as CheckinPage;
  page.instance.onLoad({ shiftId });
  await page.instance.onShow();
  return page;
}

test('scan to check in, scan again to check out: today\'s session with its hours', async () => {
  const site: Site = await onSiteShift(emu);
  const v = site.volunteers[0]!;
  const page = await openAs(v.openid, site.shift._id);
  shot(page, 'empty');
  locatedAt(AT_THE_PLACE);
  cameraReads(stationTokenAt(site.station));
  await page.instance.onCheckIn();
  expect(textOf(page, '#checkin-banner')).toContain('签到成功');
  expect(textOf(page, '#checkin-sessions')).toContain('已签到');
  shot(page, 'checked-in');

  // A check-out in the same minute is zero-length: refused in the server's words.
  cameraReads(stationTokenAt(site.station));
  await page.instance.onCheckOut();
  expect(textOf(page, '#checkin-banner')).toContain('签退未成功');
  expect(textOf(page, '#checkin-banner')).toContain('不足 1 分钟');
  shot(page, 'refused');
  page.instance.onUnload();
});

test('a project without a check-in radius: the scan asks for no location and checks in', async () => {
  const site: Site = await onSiteShift(emu);
  await serverDb(emu).collection('projects').doc(site.project._id).update({ data: { 'place.checkinRadiusM': 0 } });
  const v = site.volunteers[0]!;
  const page = await openAs(v.openid, site.shift._id);
  const asked = locatedAt(AT_THE_PLACE);
  cameraReads(stationTokenAt(site.station));
  await page.instance.onCheckIn();
  expect(textOf(page, '#checkin-banner')).toContain('签到成功');
  expect(asked).not.toHaveBeenCalled();
  page.instance.onUnload();
});

test('without signal the scans are kept and synced when the network returns, counted once however often sent', async () => {
  const site: Site = await onSiteShift(emu);
  const v = site.volunteers[0]!;
  // The page listens for the network coming back.
  const listeners: Array<(s: { isConnected: boolean }) => void> = [];
  const w = wx as unknown as Record<string, unknown>;
  w.onNetworkStatusChange = (l: (s: { isConnected: boolean }) => void) => listeners.push(l);
  w.offNetworkStatusChange = () => undefined;
  const page = await openAs(v.openid, site.shift._id);
  expect(listeners).toHaveLength(1);
  locatedAt(AT_THE_PLACE);
  cameraReads(stationTokenAt(site.station));
  bridge.dropNextCalls(1);
  await page.instance.onCheckIn();
  expect(textOf(page, '#checkin-banner')).toContain('已离线保存');
  expect(textOf(page, '#checkin-queued')).toBe('待同步 1 条扫码记录');
  shot(page, 'queued');
  const queued = JSON.parse(String(storage.get(OFFLINE_SCANS_KEY))) as Array<{ requestId: string; scannedAt: string }>;
  expect(queued).toEqual([expect.objectContaining({ scannedAt: expect.stringMatching(/^\d{4}-/) })]);

  listeners[0]!({ isConnected: true });
  const sessions = () => (page.instance as unknown as { data: { sessions: unknown[] } }).data.sessions;
  await waitFor(() => textOf(page, '#checkin-banner')?.includes('签到成功') && sessions().length === 1);
  expect(page.querySelector('#checkin-queued')).toBeFalsy();
  // Sent again (the answer was lost, or the queue was restored): the same session, nothing more.
  storage.set(OFFLINE_SCANS_KEY, JSON.stringify(queued));
  await page.instance.sync();
  storage.set(OFFLINE_SCANS_KEY, JSON.stringify(queued.map((s) => ({ ...s, requestId: `${s.requestId}-again` }))));
  await page.instance.sync();
  expect(sessions()).toHaveLength(1);
  expect(JSON.parse(storage.get(OFFLINE_SCANS_KEY) ?? '[]')).toEqual([]);
  expect(textOf(page, '#checkin-sessions')).toContain('已签到');
  shot(page, 'synced');
  page.instance.onUnload();
});
