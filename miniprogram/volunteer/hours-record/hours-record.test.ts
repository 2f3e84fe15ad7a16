/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 记录详情 through the real `hours` function: a confirmed record's history, 报告错误 with the hours it should be,
// the report waiting, and the form's refusals.
import { call } from '../../services/api';
import { startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { organizationWithAdmin, pendingRecords } from '../../test-support/hours';
import { registerVolunteer } from '../../test-support/people';
import { load, render, shot, simulate, tap, textOf, waitFor, type Rendered } from '../../test-support/simulate';
import { minutesFromHoursText } from './view-model';

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;
const ADMIN = 'openid-record-admin';
const ME = 'openid-record-me';
const ORG = { orgId: 'org-record-page', orgName: '鼓楼区阳光志愿服务中心' };

beforeAll(async () => {
  emu = await startLocalCloud();
  pageId = load('volunteer/hours-record/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
  await registerVolunteer(bridge, ADMIN, '王五');
  await registerVolunteer(bridge, ME, '张三');
  await organizationWithAdmin(emu, ORG.orgId, ORG.orgName, ADMIN);
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

async function open(openid: string, recordId: string): Promise<Rendered> {
  bridge.actAs(openid);
  const page = render(pageId);
  await page.instance.onLoad({ recordId });
  await waitFor(() => page.data.view.status !== 'loading');
  return page;
}

test('the history of a confirmed, adjusted record, and an error reported with the hours it should be', async () => {
  const [recordId] = await pendingRecords(emu, ME, [{ ...ORG, name: '社区清洁', date: '2026-11-28', minutes: 150, source: 'correction' }]);
  bridge.actAs(ADMIN);
  await call('hours', 'confirm', { recordIds: [recordId!] });
  await call('hours', 'adjust', { recordId: recordId!, minutes: 120, reason: '提前半小时离场' });

  const page = await open(ME, recordId!);
  expect(textOf(page, '#status')).toBe('已确认');
  expect(textOf(page, '#hours')).toBe('2.0 小时');
  expect(textOf(page, '#source')).toBe('来源：遗漏更正');
  expect(textOf(page, '#revision-0')).toContain('确认 · 2.5 小时');
  expect(textOf(page, '#revision-0')).toContain(ORG.orgName);
  expect(textOf(page, '#revision-1')).toContain('调整时长 · 2.0 小时');
  expect(textOf(page, '#revision-1')).toContain('原因：提前半小时离场');
  shot(page, 'history');

  const toast = jest.spyOn(wx, 'showToast');
  await tap(page, '#report');
  expect(toast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请写明哪里有误' }));
  page.querySelector('#description')!.dispatchEvent('input', { detail: { value: '我一直待到 11:30' } });
  page.querySelector('#proposed-hours')!.dispatchEvent('input', { detail: { value: '2.55' } });
  await simulate.sleep(0);
  await tap(page, '#report');
  expect(toast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '时长请填写小时数，最多一位小数，例如 2.5' }));
  page.querySelector('#proposed-hours')!.dispatchEvent('input', { detail: { value: '2.5' } });
  await simulate.sleep(0);
  await tap(page, '#report');
  await waitFor(() => page.data.view.corrections.length === 1);
  expect(textOf(page, '#correction-0')).toContain('处理中');
  expect(textOf(page, '#correction-0')).toContain('申请更正为 2.5 小时');
  expect(page.querySelector('#report-form')).toBeFalsy();
  shot(page, 'reported');
});

test('a stranger does not see the record', async () => {
  const [recordId] = await pendingRecords(emu, ME, [{ ...ORG, name: '社区清洁', date: '2026-11-29', minutes: 60 }]);
  const page = await open(ADMIN + '-not', recordId!);
  expect(textOf(page, '#error')).toContain('没有找到这条服务记录');
});

test('hours as typed become minutes', () => {
  expect(minutesFromHoursText('')).toBeUndefined();
  expect(minutesFromHoursText(' 2.5 ')).toBe(150);
  expect(minutesFromHoursText('3')).toBe(180);
  expect(minutesFromHoursText('0')).toBeNull();
  expect(minutesFromHoursText('2.55')).toBeNull();
  expect(minutesFromHoursText('25')).toBeNull();
  expect(minutesFromHoursText('abc')).toBeNull();
});
