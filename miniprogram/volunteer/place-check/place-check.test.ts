/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 确认参加 through the real `signup` function: the 24-hour reminder's link opens my sign-up; 确认参加 records it (and
// the organization's roster says so); 释放名额 asks first, then offers the place to the first in line; someone
// else's sign-up is not found; no id says where to come from.
import { userIdOf } from '../../../cloudfunctions/_shared/documents/ids';
import { call } from '../../services/api';
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { registerVolunteer } from '../../test-support/people';
import { makeAdmin, publishProject } from '../../test-support/projects';
import { load, render, shot, tap, textOf, waitFor, type Rendered } from '../../test-support/simulate';

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;
let rosterId: string;
const ME = 'openid-placecheck-me';
const NEXT = 'openid-placecheck-next';
const ADMIN = 'openid-placecheck-admin';

beforeAll(async () => {
  emu = await startLocalCloud();
  pageId = load('volunteer/place-check/index');
  rosterId = load('org/signups/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
  await registerVolunteer(bridge, ME, '张三');
  await registerVolunteer(bridge, NEXT, '李四');
  await registerVolunteer(bridge, ADMIN, '管理员');
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

async function signUp(openid: string, shiftId: string): Promise<string> {
  bridge.actAs(openid);
  const res = await call('signup', 'signup', { shiftId });
  if (!res.ok) throw new Error(res.error.code);
  return res.data.signupId;
}

async function open(openid: string, query: Record<string, string>): Promise<Rendered> {
  bridge.actAs(openid);
  const page = render(pageId);
  await page.instance.onLoad(query);
  await waitFor(() => page.data.state.status !== 'loading');
  return page;
}

const stored = async (signupId: string) => (await serverDb(emu).collection('signups').where({ _id: signupId }).get()).data[0];

test('confirm: recorded once, the buttons change, the organization sees it', async () => {
  const { shiftId, orgId } = await publishProject(emu, { places: 2, startsInHours: 30, orgId: 'org-placecheck' });
  await makeAdmin(emu, orgId, userIdOf(ADMIN));
  const signupId = await signUp(ME, shiftId);
  const page = await open(ME, { signupId });
  expect(textOf(page, '#title')).toBe('社区助老服务');
  expect(textOf(page, '#place')).toContain('福州市鼓楼区五四路100号');
  expect(textOf(page, '#time')).toContain('（北京时间）');
  expect(textOf(page, '#standing')).toBe('名额已为你保留');
  expect(page.querySelector('#late')).toBeFalsy();
  shot(page, 'held');

  await tap(page, '#confirm');
  await waitFor(() => !page.querySelector('#confirm'));
  expect(textOf(page, '#standing')).toMatch(/^你已于 \d+月\d+日 \d{2}:\d{2} 确认参加$/);
  expect(page.querySelector('#release')).toBeTruthy();
  expect(await stored(signupId)).toMatchObject({ status: 'confirmed', placeConfirmedAt: expect.any(Date) });
  shot(page, 'confirmed');

  bridge.actAs(ADMIN);
  const roster = render(rosterId);
  await roster.instance.onLoad({ shiftId });
  await waitFor(() => roster.data.state.status !== 'loading');
  expect(textOf(roster, '#status-0')).toBe('已确认（本人已确认参加）');
});

test('release: asks first, then the place goes to the first in line', async () => {
  const { shiftId } = await publishProject(emu, { places: 1, startsInHours: 40, orgId: 'org-placecheck-2' });
  const signupId = await signUp(ME, shiftId);
  const waiting = await signUp(NEXT, shiftId);
  const page = await open(ME, { signupId });

  const cancel = jest.spyOn(wx, 'showModal').mockImplementation(((o: { success?: (r: { confirm: boolean; cancel: boolean }) => void }) => o.success?.({ confirm: false, cancel: true })) as never);
  await tap(page, '#release');
  expect(cancel).toHaveBeenCalledWith(expect.objectContaining({ title: '释放名额？', confirmText: '释放名额' }));
  cancel.mockRestore();
  expect(await stored(signupId)).toMatchObject({ status: 'confirmed' });

  const modal = jest.spyOn(wx, 'showModal'); // the simulator's modal answers 确定
  await tap(page, '#release');
  await waitFor(() => textOf(page, '#standing') === '你已释放名额，名额已让给候补的志愿者');
  expect(modal).toHaveBeenCalled();
  expect(page.querySelector('#confirm')).toBeFalsy();
  expect(page.querySelector('#release')).toBeFalsy();
  expect(await stored(signupId)).toMatchObject({ status: 'withdrawn' });
  expect(await stored(waiting)).toMatchObject({ status: 'offered' });
  shot(page, 'released');
});

test('inside the cut-off the page warns that releasing is late', async () => {
  const { shiftId } = await publishProject(emu, { places: 2, startsInHours: 6, orgId: 'org-placecheck-3' });
  const signupId = await signUp(ME, shiftId);
  const page = await open(ME, { signupId });
  expect(textOf(page, '#late')).toBe('已过取消截止时间，释放名额会记为迟退');
  shot(page, 'late');
});

test('someone else’s sign-up, or no id: says so and offers nothing', async () => {
  const { shiftId } = await publishProject(emu, { places: 2, startsInHours: 50, orgId: 'org-placecheck-4' });
  const signupId = await signUp(NEXT, shiftId);
  const page = await open(ME, { signupId });
  expect(textOf(page, '#error')).toContain('没有找到这条报名记录');
  expect(page.querySelector('#confirm')).toBeFalsy();
  expect(page.querySelector('#retry')).toBeTruthy();
  const none = await open(ME, {});
  expect(textOf(none, '#error')).toContain('没有指定要确认的报名');
  expect(none.querySelector('#retry')).toBeFalsy();
  shot(none, 'missing');
});
