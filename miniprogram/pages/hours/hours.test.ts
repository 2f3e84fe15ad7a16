/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 我的时长 through the real `hours` function: the empty state, then confirmed records — total, star, progress,
// records grouped by organization with their status, what waits — and a record opening its detail.
import { call } from '../../services/api';
import { startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { organizationWithAdmin, pendingRecords } from '../../test-support/hours';
import { registerVolunteer } from '../../test-support/people';
import { load, render, shot, tap, textOf, waitFor, type Rendered } from '../../test-support/simulate';

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;
const ME = 'openid-hourspage-me';
const FRESH = 'openid-hourspage-fresh';
const ADMIN_A = 'openid-hourspage-admin-a';
const ADMIN_B = 'openid-hourspage-admin-b';

beforeAll(async () => {
  emu = await startLocalCloud();
  pageId = load('pages/hours/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
  for (const [openid, name] of [[ME, '张三'], [FRESH, '李四'], [ADMIN_A, '王五'], [ADMIN_B, '赵六']] as const) await registerVolunteer(bridge, openid, name);
  await organizationWithAdmin(emu, 'org-hours-a', '鼓楼区阳光志愿服务中心', ADMIN_A);
  await organizationWithAdmin(emu, 'org-hours-b', '福州市红十字志愿服务队', ADMIN_B);
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

async function open(openid: string): Promise<Rendered> {
  bridge.actAs(openid);
  const page = render(pageId);
  await page.instance.onShow();
  await waitFor(() => page.data.view.status !== 'loading');
  return page;
}

test('an unregistered person is sent to registration', async () => {
  const page = await open('openid-hourspage-nobody');
  expect(textOf(page, '#unregistered')).toContain('实名注册');
  shot(page, 'unregistered');
});

test('with nothing yet: 0.0 hours, no star, the way to the first', async () => {
  const page = await open(FRESH);
  expect(textOf(page, '#total-hours')).toBe('0.0');
  expect(textOf(page, '#star')).toBe('尚未获得星级');
  expect(textOf(page, '#progress-text')).toBe('距 1 星（100 小时）还差 100.0 小时');
  expect(textOf(page, '#hours-empty')).toContain('还没有服务时长');
  shot(page, 'empty');
});

test('confirmed records: the total, the star and progress, records by organization with status, pending waiting', async () => {
  const a = { orgId: 'org-hours-a', orgName: '鼓楼区阳光志愿服务中心' };
  const b = { orgId: 'org-hours-b', orgName: '福州市红十字志愿服务队' };
  const [big, clean, firstAid, waiting, refused] = await pendingRecords(emu, ME, [
    { ...a, name: '敬老院陪伴（长期）', date: '2026-10-01', minutes: 5_850 },
    { ...a, name: '社区清洁', date: '2026-11-28', minutes: 150 },
    { ...b, name: '应急救护宣传', date: '2026-11-20', minutes: 180 },
    { ...a, name: '图书馆整理', date: '2026-11-30', minutes: 120, source: 'correction' },
    { ...b, name: '马拉松补给站', date: '2026-11-15', minutes: 240 },
  ]);
  bridge.actAs(ADMIN_A);
  expect(await call('hours', 'confirm', { recordIds: [big!, clean!] })).toMatchObject({ ok: true });
  bridge.actAs(ADMIN_B);
  expect(await call('hours', 'confirm', { recordIds: [firstAid!] })).toMatchObject({ ok: true });
  expect(await call('hours', 'reject', { recordIds: [refused!], reason: '当天未在补给站签到' })).toMatchObject({ ok: true });
  void waiting;

  const page = await open(ME);
  // 5850 + 150 + 180 minutes = 103 hours: the first star, on the way to 300 hours.
  expect(textOf(page, '#total-hours')).toBe('103.0');
  expect(textOf(page, '#star')).toBe('★ 1星志愿者');
  expect(textOf(page, '#progress-text')).toBe('距 2 星（300 小时）还差 197.0 小时');
  expect(textOf(page, '#pending-text')).toBe('1 条记录待组织确认，确认后计入');
  expect(textOf(page, '#group-0')).toContain('鼓楼区阳光志愿服务中心');
  expect(textOf(page, '#record-0-0')).toContain('图书馆整理');
  expect(textOf(page, '#status-0-0')).toBe('待确认');
  expect(textOf(page, '#record-0-0')).toContain('遗漏更正 · 2026-11-30 09:00–11:00');
  expect(textOf(page, '#record-0-1')).toContain('自主申报');
  expect(textOf(page, '#record-0-1')).toContain('2026-11-28 09:00–11:30');
  expect(textOf(page, '#record-0-1')).toContain('2.5 小时');
  expect(textOf(page, '#status-0-1')).toBe('已确认');
  expect(textOf(page, '#group-1')).toContain('福州市红十字志愿服务队');
  expect(textOf(page, '#status-1-1')).toBe('未通过');
  expect(textOf(page, '#record-1-1')).toContain('原因：当天未在补给站签到');
  shot(page, 'records');

  // 我的 shows the same total.
  bridge.actAs(ME);
  expect(await call('user', 'session', {})).toMatchObject({ ok: true, data: { volunteer: { confirmedHours: 103, starLevel: 1 } } });

  const navigate = jest.spyOn(wx, 'navigateTo');
  await tap(page, '#record-0-1');
  expect(navigate).toHaveBeenCalledWith(expect.objectContaining({ url: `/volunteer/hours-record/index?recordId=${clean}` }));
  // 证明: asking for a certificate of these hours opens from here.
  await tap(page, '#certificates-open');
  expect(navigate).toHaveBeenLastCalledWith(expect.objectContaining({ url: '/volunteer/certificates/index' }));
});
