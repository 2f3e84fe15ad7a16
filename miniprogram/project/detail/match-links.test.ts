/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 项目详情's ways into matching (issue 12) through the real `project` function: the organization's admin sees
// 推荐志愿者 on each shift still recruiting (places left, not started, project recruiting) and 排班助手 for its series;
// a volunteer sees neither, nor does the admin of a project no longer recruiting.
import { userIdOf } from '../../../cloudfunctions/_shared/documents/ids';
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { registerVolunteer } from '../../test-support/people';
import { makeAdmin } from '../../test-support/projects';
import { publishSeries } from '../../test-support/series';
import { load, render, shot, tap, waitFor, type Rendered } from '../../test-support/simulate';

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;
const ADMIN = 'openid-links-admin';
const VISITOR = 'openid-links-visitor';
const ORG = 'org-links';

beforeAll(async () => {
  emu = await startLocalCloud();
  pageId = load('project/detail/index', { 'privacy-popup': load('components/privacy-popup/index', undefined, 'privacy-popup') });
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
  await registerVolunteer(bridge, ADMIN, '管理员');
  await registerVolunteer(bridge, VISITOR, '张三');
  await makeAdmin(emu, ORG, userIdOf(ADMIN));
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

async function open(openid: string, projectId: string): Promise<Rendered> {
  bridge.actAs(openid);
  const page = render(pageId);
  await (page.instance as unknown as { onLoad(q: Record<string, string>): Promise<void> }).onLoad({ projectId });
  await waitFor(() => page.data.status !== 'loading');
  return page;
}

/** No 推荐志愿者 on any shift, no 排班助手 (j-component's querySelector knows ids, not attribute prefixes). */
function noLinks(page: Rendered): void {
  const count = (page.data.view.shifts as unknown[]).length;
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) expect(page.querySelector(`#suggest-${i}`)).toBeFalsy();
  expect(page.querySelector('#series-0')).toBeFalsy();
}

const indexOf = (page: Rendered, shiftId: string): number => (page.data.view.shifts as Array<{ shiftId: string }>).findIndex((s) => s.shiftId === shiftId);

test('the admin: 推荐志愿者 on shifts still recruiting, 排班助手 for the series; both open their pages', async () => {
  const series = await publishSeries(emu, { places: 2, orgId: ORG, hours: [[48, 50], [72, 74], [96, 98]] });
  const [first, second, cancelled] = series.shiftIds;
  await serverDb(emu).collection('shifts').doc(cancelled!).update({ data: { cancelled: true } });
  const page = await open(ADMIN, series.projectId);
  expect(page.data.status).toBe('ready');
  expect(page.querySelector(`#suggest-${indexOf(page, first!)}`)).toBeTruthy();
  expect(page.querySelector(`#suggest-${indexOf(page, second!)}`)).toBeTruthy();
  expect(page.querySelector(`#suggest-${indexOf(page, cancelled!)}`)).toBeFalsy();
  expect(page.querySelector('#series-0')).toBeTruthy();
  expect(page.querySelector('#series-1')).toBeFalsy();
  shot(page, 'admin-links');

  const navigate = jest.spyOn(wx, 'navigateTo');
  await tap(page, `#suggest-${indexOf(page, second!)}`);
  expect(navigate).toHaveBeenLastCalledWith(expect.objectContaining({ url: `/org/suggest/index?shiftId=${encodeURIComponent(second!)}` }));
  await tap(page, '#series-0');
  expect(navigate).toHaveBeenLastCalledWith(expect.objectContaining({ url: `/org/series/index?seriesId=${encodeURIComponent(series.seriesId)}` }));
});

test('a volunteer sees neither; nor does the admin once the project no longer recruits', async () => {
  const series = await publishSeries(emu, { places: 2, orgId: ORG, hours: [[50, 52], [74, 76]] });
  const visitor = await open(VISITOR, series.projectId);
  expect(visitor.data.status).toBe('ready');
  noLinks(visitor);

  await serverDb(emu).collection('projects').doc(series.projectId).update({ data: { status: 'in_progress' } });
  const admin = await open(ADMIN, series.projectId);
  expect(admin.data.status).toBe('ready');
  noLinks(admin);
});
