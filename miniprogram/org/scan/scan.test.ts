/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 扫码核验 through the real `volunteer.scanCard`: a verified organization's admin scans a volunteer's live card and
// sees the volunteer, masked; a junk code, a closed camera and someone who is not an admin are each answered.
import type { RegisterOrganizationRequest } from '../../../typings/organization';
import { call } from '../../services/api';
import { startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { registerVolunteer } from '../../test-support/people';
import { load, render, shot, textOf, type Rendered } from '../../test-support/simulate';
import { toScanView } from './view-model';

const PLATFORM_ADMIN = 'openid-platform-admin';
const ORG_ADMIN = 'openid-org-admin';
const VOLUNTEER = 'openid-scanned';
let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;
let orgId: string;

const team: RegisterOrganizationRequest = {
  name: '鼓楼助老服务队',
  kind: 'grassroots',
  regionCode: '350102',
  regionNames: ['福建省', '福州市', '鼓楼区'],
  address: '福州市鼓楼区五四路100号',
  personInCharge: '林海',
  contact: { name: '陈晓', phone: '13800001111' },
};

beforeAll(async () => {
  emu = await startLocalCloud({ functionEnv: { PLATFORM_ADMIN_OPENIDS: PLATFORM_ADMIN } });
  pageId = load('org/scan/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
  await registerVolunteer(bridge, ORG_ADMIN, '林海');
  const registered = await call('organization', 'register', team);
  if (!registered.ok) throw new Error(registered.error.message);
  orgId = registered.data.orgId;
  bridge.actAs(PLATFORM_ADMIN);
  const approved = await call('organization', 'review', { orgId, decision: 'approve' });
  if (!approved.ok) throw new Error(approved.error.message);
  await registerVolunteer(bridge, VOLUNTEER, '孙七');
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

type ScanOptions = { success?: (r: { result: string }) => void; fail?: (e: { errMsg: string }) => void };
const cameraReads = (result: string) =>
  jest.spyOn(wx, 'scanCode').mockImplementation(((o: ScanOptions) => o.success?.({ result })) as never);

async function openAs(openid: string): Promise<Rendered & { instance: { onScan(): Promise<void> } }> {
  bridge.actAs(openid);
  const page = render(pageId);
  (page.instance as unknown as { onLoad(q: object): void }).onLoad({ orgId });
  return page as Rendered & { instance: { onScan(): Promise<void> } };
}

async function livePayload(): Promise<string> {
  bridge.actAs(VOLUNTEER);
  const card = await call('volunteer', 'card', {});
  if (!card.ok) throw new Error(card.error.message);
  return card.data.qr.payload;
}

test("the admin scans a volunteer's live card and sees the masked name and the volunteer number", async () => {
  const payload = await livePayload();
  const page = await openAs(ORG_ADMIN);
  shot(page, 'idle');
  const camera = cameraReads(payload);
  await page.instance.onScan();
  expect(camera).toHaveBeenCalledWith(expect.objectContaining({ onlyFromCamera: true, scanType: ['qrCode'] }));
  expect(textOf(page, '#scan-verified')).toContain('核验通过');
  expect(textOf(page, '#scan-name')).toBe('孙*');
  expect(textOf(page, '#scan-no')).toMatch(/^志愿者编号 ZY\d{15}[0-9X]$/);
  expect(textOf(page, '#scan')).toBe('再扫一个');
  shot(page, 'verified');
});

test('a code that is not a card is refused in words; closing the camera changes nothing and asks the server nothing', async () => {
  const page = await openAs(ORG_ADMIN);
  jest.spyOn(wx, 'scanCode').mockImplementation(((o: ScanOptions) => o.fail?.({ errMsg: 'scanCode:fail cancel' })) as never);
  const callsBefore = bridge.calls.length;
  await page.instance.onScan();
  expect((page.instance.data as unknown as { view: { kind: string } }).view.kind).toBe('idle');
  expect(page.querySelector('#scan-refused')).toBeFalsy();
  expect(bridge.calls.length).toBe(callsBefore);

  cameraReads('https://example.com/not-a-card');
  await page.instance.onScan();
  expect(textOf(page, '#scan-refused')).toContain('不是有效的志愿服务证');
  shot(page, 'refused');
});

test('a volunteer who administers nothing cannot check a card', async () => {
  const payload = await livePayload();
  const page = await openAs(VOLUNTEER);
  cameraReads(payload);
  await page.instance.onScan();
  expect(textOf(page, '#scan-refused')).toContain('无法核验');
  expect(textOf(page, '#scan-refused')).toContain('只有已认证组织的管理员可以扫描志愿者证'); // the server's FORBIDDEN text
});

test('each answer has its own words', () => {
  expect(toScanView({ ok: false, error: { code: 'CARD_EXPIRED', message: '' } })).toMatchObject({ title: '二维码已过期' });
  expect(toScanView({ ok: false, error: { code: 'INTERNAL', message: '网络不稳定，请稍后重试' } })).toEqual({
    kind: 'refused',
    title: '核验失败',
    detail: '网络不稳定，请稍后重试',
  });
});
