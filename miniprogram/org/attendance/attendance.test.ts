/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 签到看板 through the real attendance function: counts and rows of the day; the admin scans a volunteer's card to
// check them in and out; 标记未到 for someone expected who never came; a stranger is told why.
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { livecardPayload, onSiteShift, siteFunctionEnv, type Site } from '../../test-support/attendance';
import { load, render, shot, textOf, type Rendered } from '../../test-support/simulate';

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;
let site: Site;

beforeAll(async () => {
  emu = await startLocalCloud({ functionEnv: siteFunctionEnv() });
  pageId = load('org/attendance/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
  site = await onSiteShift(emu, { signedUp: 3, openStation: false });
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

type ScanOptions = { success?: (r: { result: string }) => void };
type ModalOptions = { success?: (r: { confirm: boolean; cancel: boolean }) => void };
const cameraReads = (result: string) => jest.spyOn(wx, 'scanCode').mockImplementation(((o: ScanOptions) => o.success?.({ result })) as never);

type Row = { name: string; signupId: string; markable: boolean; stateText: string };
const rowsOf = (page: BoardPage): Row[] => page.instance.data.view.rows ?? [];

type BoardPage = Rendered & {
  instance: {
    onLoad(q: object): void;
    onShow(): Promise<void>;
    onCardCheckIn(): Promise<void>;
    onMarkAbsent(e: { currentTarget: { dataset: { signupId?: string; name?: string } } }): Promise<void>;
    data: { view: { kind: string; rows?: Array<{ name: string; signupId: string; markable: boolean; stateText: string }> } };
  };
};

async function openAs(openid: string): Promise<BoardPage> {
  bridge.actAs(openid);
  const page = render(pageId) as BoardPage;
  page.instance.onLoad({ shiftId: site.shift._id });
  await page.instance.onShow();
  return page;
}

const count = (page: Rendered, id: string) => textOf(page, `#count-${id} .count-value`);

test('the admin sees who is expected, scans a card to check one in, and marks one who never came', async () => {
  const page = await openAs(site.admin.openid);
  expect(textOf(page, '#board-title')).toBe(site.project.title);
  expect([count(page, 'expected'), count(page, 'checked-in'), count(page, 'missing')]).toEqual(['3', '0', '3']);
  shot(page, 'expected');

  const [a, b] = site.volunteers;
  cameraReads(livecardPayload(emu, a!.volunteerId));
  await page.instance.onCardCheckIn();
  expect(textOf(page, '#board-notice')).toContain('签到成功');
  expect(textOf(page, '#board-notice')).toContain(a!.volunteerNo);
  expect([count(page, 'checked-in'), count(page, 'missing')]).toEqual(['1', '2']);

  jest.spyOn(wx, 'showModal').mockImplementation(((o: ModalOptions) => o.success?.({ confirm: true, cancel: false })) as never);
  const row = rowsOf(page).find((r) => r.name === b!.name)!;
  expect(row.markable).toBe(true);
  await page.instance.onMarkAbsent({ currentTarget: { dataset: { signupId: row.signupId, name: row.name } } });
  expect(textOf(page, '#board-notice')).toContain('标记为未到');
  expect(rowsOf(page).find((r) => r.name === b!.name)!.stateText).toBe('已标记未到');
  expect(textOf(page, '#board-rows')).toContain('已签到');
  shot(page, 'marked');

  // Scanning a card that is not one says so in the server's words.
  cameraReads('https://example.com/not-a-card');
  await page.instance.onCardCheckIn();
  expect(textOf(page, '#board-notice')).toContain('不是有效的志愿者证二维码');
  shot(page, 'card-refused');
});

test('someone who is not an admin of the organization is told why', async () => {
  const page = await openAs(site.volunteers[2]!.openid);
  expect(textOf(page, '#board-error')).toContain('只有该项目所属组织的管理员');
});

test('a project without a check-in radius: the board says scans were not located', async () => {
  const page = await openAs(site.admin.openid);
  expect(page.querySelector('#board-location')).toBeFalsy();
  await serverDb(emu).collection('projects').doc(site.project._id).update({ data: { 'place.checkinRadiusM': 0 } });
  const off = await openAs(site.admin.openid);
  expect(textOf(off, '#board-location')).toContain('未核验位置');
  shot(off, 'no-geofence');
  await serverDb(emu).collection('projects').doc(site.project._id).update({ data: { 'place.checkinRadiusM': 300 } });
});
