/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 时长确认 through the real `hours` function: pending records oldest first with overdue marked, one lacking a
// mandatory field that cannot be chosen, bulk confirmation, rejection that needs a reason, a correction accepted,
// and a stranger refused.
import { userIdOf } from '../../../cloudfunctions/_shared/documents/ids';
import { call } from '../../services/api';
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { organizationWithAdmin, pendingRecords } from '../../test-support/hours';
import { registerVolunteer } from '../../test-support/people';
import { load, render, shot, simulate, tap, textOf, waitFor, type Rendered } from '../../test-support/simulate';

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;
const ADMIN = 'openid-orghours-admin';
const VOLUNTEER = 'openid-orghours-v';
const ORG = { orgId: 'org-hours-page', orgName: '鼓楼区阳光志愿服务中心' };

beforeAll(async () => {
  emu = await startLocalCloud();
  pageId = load('org/hours/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
  await registerVolunteer(bridge, ADMIN, '王五');
  await registerVolunteer(bridge, VOLUNTEER, '欧阳娜娜');
  await organizationWithAdmin(emu, ORG.orgId, ORG.orgName, ADMIN);
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

async function open(openid: string): Promise<Rendered> {
  bridge.actAs(openid);
  const page = render(pageId);
  await page.instance.onLoad({ orgId: ORG.orgId });
  await waitFor(() => page.data.state.status !== 'loading');
  return page;
}

async function statusOf(recordId: string) {
  return (await serverDb(emu).collection('serviceRecords').where({ recordId, current: true }).get()).data[0]?.status;
}

test('confirm in bulk, reject with a reason, accept a correction', async () => {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const [old, recent, incomplete] = await pendingRecords(emu, VOLUNTEER, [
    { ...ORG, name: '社区清洁', date: '2026-01-05', minutes: 150 },
    { ...ORG, name: '图书馆整理', date: today, minutes: 120, source: 'correction' },
    { ...ORG, name: '敬老院陪伴', date: '2026-01-06', minutes: 90 },
  ]);
  // The third lacks its leader (项目负责人): it cannot be confirmed until completed.
  await serverDb(emu).collection('serviceRecords').doc(`${incomplete}.r1`).update({ data: { 'activity.leader': '' } });

  const page = await open(ADMIN);
  expect(textOf(page, '#policy')).toBe('活动结束 7 天后未确认即为逾期');
  expect(textOf(page, '#row-0')).toContain('社区清洁');
  expect(textOf(page, '#row-0')).toContain('欧***');
  expect(textOf(page, '#overdue-0')).toBe('已逾期');
  expect(textOf(page, '#blocker-1')).toBe('缺少「项目负责人」，不能确认');
  expect(page.querySelector('#choose-1')).toBeFalsy();
  expect(textOf(page, '#row-2')).toContain('图书馆整理');
  expect(textOf(page, '#source-2')).toBe('遗漏更正');
  expect(textOf(page, '#source-0')).toBe('自主申报');
  expect(page.querySelector('#overdue-2')).toBeFalsy();
  shot(page, 'queue');

  const modal = jest.spyOn(wx, 'showModal');
  const toast = jest.spyOn(wx, 'showToast');
  await tap(page, '#choose-0');
  await tap(page, '#confirm');
  await waitFor(() => page.data.state.rows.length === 2);
  expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '确认 1 条记录？', confirmText: '确认' }));
  expect(toast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '已确认 1 条' }));
  expect(await statusOf(old!)).toBe('confirmed');

  // Rejecting needs a reason first.
  await tap(page, '#choose-1');
  await tap(page, '#reject');
  expect(toast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请先在上方填写原因，志愿者会看到' }));
  expect(await statusOf(recent!)).toBe('pending');
  page.querySelector('#reason')!.dispatchEvent('input', { detail: { value: '当天未签到' } });
  await simulate.sleep(0);
  await tap(page, '#reject');
  await waitFor(() => page.data.state.rows.length === 1);
  expect(await statusOf(recent!)).toBe('rejected');

  // The volunteer reports the confirmed record wrong; the organization sees the request and accepts it.
  bridge.actAs(VOLUNTEER);
  expect(await call('hours', 'reportCorrection', { kind: 'error', recordId: old!, description: '签退晚了半小时', proposedMinutes: 180 })).toMatchObject({ ok: true });
  const again = await open(ADMIN);
  expect(textOf(again, '#correction-0')).toContain('错误 · 社区清洁');
  expect(textOf(again, '#correction-0')).toContain('申请 3.0 小时');
  shot(again, 'correction');
  again.querySelector('#reason')!.dispatchEvent('input', { detail: { value: '核对签到表属实' } });
  await simulate.sleep(0);
  await tap(again, '#accept-0');
  await waitFor(() => again.data.state.corrections.length === 0);
  const [volunteer] = (await serverDb(emu).collection('volunteers').where({ userId: userIdOf(VOLUNTEER) }).get()).data;
  expect((volunteer as { hours: { serviceMinutes: number } }).hours.serviceMinutes).toBe(180);
});

test('someone who is not an admin of the organization is told so', async () => {
  const page = await open(VOLUNTEER);
  expect(page.data.state.status).toBe('error');
  expect(textOf(page, '#error')).toContain('只有该记录所属组织的管理员');
});
