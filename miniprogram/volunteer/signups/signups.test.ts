/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 我的报名 through the real `signup` function: upcoming sign-ups with status and reason, a withdrawal after the
// confirm (and none when cancelled), the late warning inside the cut-off, and past sign-ups.
import { userIdOf } from '../../../cloudfunctions/_shared/documents/ids';
import { call } from '../../services/api';
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { registerVolunteer } from '../../test-support/people';
import { publishProject } from '../../test-support/projects';
import { load, render, shot, tap, textOf, waitFor, type Rendered } from '../../test-support/simulate';

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;
const ME = 'openid-mine-a';

beforeAll(async () => {
  emu = await startLocalCloud();
  pageId = load('volunteer/signups/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
  await registerVolunteer(bridge, ME, '张三');
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

async function signUp(shiftId: string): Promise<void> {
  bridge.actAs(ME);
  const res = await call('signup', 'signup', { shiftId });
  if (!res.ok) throw new Error(res.error.code);
}

async function open(): Promise<Rendered> {
  bridge.actAs(ME);
  const page = render(pageId);
  await page.instance.onLoad();
  await waitFor(() => page.data.state.status !== 'loading');
  return page;
}

test('nothing yet: says so', async () => {
  const page = await open();
  expect(textOf(page, '#empty')).toContain('还没有即将参加的报名');
  shot(page, 'empty');
});

test('upcoming with status and reason; withdraw confirms first, cancelling changes nothing', async () => {
  const far = await publishProject(emu, { places: 2, startsInHours: 200 });
  const soon = await publishProject(emu, { places: 2, startsInHours: 5 });
  await signUp(far.shiftId);
  await signUp(soon.shiftId);
  const page = await open();
  expect(page.data.state.items).toHaveLength(2);
  expect(textOf(page, '#status-0')).toBe('报名成功');
  expect(textOf(page, '#reason-0')).toBe('报名成功，名额已为你保留');
  // The one starting in 5 hours is inside the 24-hour cut-off.
  expect(textOf(page, '#late-0')).toBe('已过取消截止时间');
  expect(page.querySelector('#late-1')).toBeFalsy();
  shot(page, 'upcoming');

  const cancel = jest.spyOn(wx, 'showModal').mockImplementation(((o: { success?: (r: { confirm: boolean; cancel: boolean }) => void }) => o.success?.({ confirm: false, cancel: true })) as never);
  await (page.instance as unknown as { onWithdraw(e: object): Promise<void> }).onWithdraw({ currentTarget: { dataset: { id: page.data.state.items[1]!.signupId } } });
  expect(cancel).toHaveBeenCalledWith(expect.objectContaining({ title: '取消报名？' }));
  cancel.mockRestore();
  expect((await serverDb(emu).collection('signups').where({ _id: `${far.shiftId}_${userIdOf(ME)}` }).get()).data[0]).toMatchObject({ status: 'confirmed' });

  const modal = jest.spyOn(wx, 'showModal'); // the simulator's modal answers 确定
  await tap(page, '#withdraw-0');
  await waitFor(() => textOf(page, '#status-0') === '已取消（迟退）');
  expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '确认迟退？', confirmText: '确认取消' }));
  expect(textOf(page, '#reason-0')).toContain('记为迟退');
  expect(page.querySelector('#withdraw-0')).toBeFalsy();
  shot(page, 'withdrawn-late');
  expect((await serverDb(emu).collection('signups').where({ _id: `${soon.shiftId}_${userIdOf(ME)}` }).get()).data[0]).toMatchObject({ status: 'withdrawn', late: true });
});

test('past sign-ups on their own tab', async () => {
  const past = await publishProject(emu, { places: 2, startsInHours: 300 });
  await signUp(past.shiftId);
  await serverDb(emu).collection('signups').doc(`${past.shiftId}_${userIdOf(ME)}`).update({ data: { startsAt: new Date(Date.now() - 5 * 3600_000), endsAt: new Date(Date.now() - 3 * 3600_000) } });
  const page = await open();
  await tap(page, '#tab-past');
  await waitFor(() => page.data.state.tab === 'past' && page.data.state.status === 'ready');
  expect(page.data.state.items.map((i: { signupId: string }) => i.signupId)).toEqual([`${past.shiftId}_${userIdOf(ME)}`]);
  expect(page.querySelector('#withdraw-0')).toBeFalsy();
  shot(page, 'past');
});
