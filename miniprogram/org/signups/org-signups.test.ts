/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 报名管理 through the real `signup` function: a manual-approval shift's sign-ups (names masked), bulk approval,
// a decline that needs a reason, removal with a reason, the roster exported, the shift's 签到站 and 签到看板 opened, and
// a stranger refused.
import { userIdOf } from '../../../cloudfunctions/_shared/documents/ids';
import { call } from '../../services/api';
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { registerVolunteer } from '../../test-support/people';
import { makeAdmin, publishProject } from '../../test-support/projects';
import { publishSeries } from '../../test-support/series';
import { load, render, shot, simulate, tap, textOf, waitFor, type Rendered } from '../../test-support/simulate';

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;
const ADMIN = 'openid-orgsignups-admin';
const PEOPLE = ['openid-orgsignups-1', 'openid-orgsignups-2', 'openid-orgsignups-3'];

beforeAll(async () => {
  emu = await startLocalCloud();
  pageId = load('org/signups/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
  await registerVolunteer(bridge, ADMIN, '管理员');
  for (const [i, openid] of PEOPLE.entries()) await registerVolunteer(bridge, openid, ['欧阳娜娜', '李四', '王五'][i]!);
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

async function open(openid: string, shiftId: string): Promise<Rendered> {
  bridge.actAs(openid);
  const page = render(pageId);
  await page.instance.onLoad({ shiftId });
  await waitFor(() => page.data.state.status !== 'loading');
  return page;
}

const statusOf = async (shiftId: string, openid: string) =>
  (await serverDb(emu).collection('signups').where({ _id: `${shiftId}_${userIdOf(openid)}` }).get()).data[0]?.status;

test('approve in bulk, decline needs a reason, remove with a reason, export the roster', async () => {
  const { shiftId, orgId } = await publishProject(emu, { places: 3, approvalMode: 'manual', orgId: 'org-signups-page' });
  await makeAdmin(emu, orgId, userIdOf(ADMIN));
  for (const openid of PEOPLE) {
    bridge.actAs(openid);
    await call('signup', 'signup', { shiftId });
  }
  const page = await open(ADMIN, shiftId);
  expect(textOf(page, '#places')).toBe('已占 3/3 个名额，候补 0 人');
  expect(textOf(page, '#row-0')).toContain('欧***');
  expect(JSON.stringify(page.data.state)).not.toContain('欧阳娜娜');
  expect(textOf(page, '#status-0')).toBe('待审核');
  expect(page.querySelector('#suggest')).toBeFalsy(); // every place held: nobody to suggest for
  shot(page, 'pending');

  await tap(page, '#choose-0');
  await tap(page, '#choose-1');
  const modal = jest.spyOn(wx, 'showModal'); // the simulator's modal answers 确定
  await tap(page, '#approve');
  await waitFor(() => textOf(page, '#status-0') === '已确认' && textOf(page, '#status-1') === '已确认');
  expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '通过 2 条报名？', confirmText: '通过' }));
  expect(await statusOf(shiftId, PEOPLE[0]!)).toBe('confirmed');

  // Declining without a reason is refused with the reason it needs.
  const toast = jest.spyOn(wx, 'showToast');
  await tap(page, '#choose-2');
  await tap(page, '#decline');
  await waitFor(() => toast.mock.calls.length > 0);
  expect(toast).toHaveBeenLastCalledWith(expect.objectContaining({ title: '请填写原因，志愿者会收到这条说明' }));
  expect(await statusOf(shiftId, PEOPLE[2]!)).toBe('pending');

  page.querySelector('#reason')!.dispatchEvent('input', { detail: { value: '本次需要有急救证的志愿者' } });
  await simulate.sleep(0);
  await tap(page, '#decline');
  await waitFor(() => textOf(page, '#status-2') === '未通过');
  expect(textOf(page, '#reason-2')).toBe('组织管理员未通过你的报名：本次需要有急救证的志愿者');

  await tap(page, '#remove-0');
  await waitFor(() => textOf(page, '#status-0') === '已移出');
  expect(textOf(page, '#places')).toBe('已占 1/3 个名额，候补 0 人');
  // Places free again: 推荐志愿者 comes back; not a shift of a series, so no 排班助手.
  expect(textOf(page, '#suggest')).toBe('推荐志愿者');
  expect(page.querySelector('#series')).toBeFalsy();
  shot(page, 'decided');

  const clipboard = jest.spyOn(wx, 'setClipboardData');
  await tap(page, '#export');
  await waitFor(() => page.data.state.exportUrl !== '');
  expect(clipboard).toHaveBeenCalledWith(expect.objectContaining({ data: page.data.state.exportUrl }));
  const csv = Buffer.from(await (await fetch(page.data.state.exportUrl)).arrayBuffer()).toString('utf8');
  expect(csv).toContain('欧***');
  expect(csv).not.toContain('欧阳娜娜');

  // The shift's day-of tools open for this very shift.
  const navigateTo = jest.spyOn(wx, 'navigateTo').mockImplementation(((o: { success?: () => void }) => o.success?.()) as never);
  await tap(page, '#station');
  await tap(page, '#attendance');
  expect(navigateTo.mock.calls.map(([o]) => (o as { url: string }).url)).toEqual([
    `/org/station/index?shiftId=${encodeURIComponent(shiftId)}`,
    `/org/attendance/index?shiftId=${encodeURIComponent(shiftId)}`,
  ]);
});

test('a shift of a series still recruiting offers 推荐志愿者 and 排班助手; once the project stops recruiting, neither', async () => {
  const series = await publishSeries(emu, { places: 2, orgId: 'org-signups-series', hours: [[48, 50], [72, 74]] });
  await makeAdmin(emu, series.orgId, userIdOf(ADMIN));
  const page = await open(ADMIN, series.shiftIds[1]!);
  expect(textOf(page, '#matching')).toBe('推荐志愿者排班助手');
  shot(page, 'series');
  const navigateTo = jest.spyOn(wx, 'navigateTo').mockImplementation(((o: { success?: () => void }) => o.success?.()) as never);
  await tap(page, '#suggest');
  await tap(page, '#series');
  expect(navigateTo.mock.calls.map(([o]) => (o as { url: string }).url)).toEqual([
    `/org/suggest/index?shiftId=${encodeURIComponent(series.shiftIds[1]!)}`,
    `/org/series/index?seriesId=${encodeURIComponent(series.seriesId)}`,
  ]);

  await serverDb(emu).collection('projects').doc(series.projectId).update({ data: { status: 'in_progress' } });
  const later = await open(ADMIN, series.shiftIds[1]!);
  expect(later.querySelector('#matching')).toBeFalsy();
});

test('someone who is not an admin of the organization is told so', async () => {
  const { shiftId } = await publishProject(emu, { places: 1, orgId: 'org-signups-other' });
  const page = await open(PEOPLE[0]!, shiftId);
  expect(textOf(page, '#error')).toContain('只有该项目所属组织的管理员可以处理报名');
  shot(page, 'forbidden');
});
