/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 报名 through the real `signup` function: the shifts with their places, a refusal and its reason, a password
// project, a full shift's waitlist, and confirming an offered place.
import { startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { publishProject } from '../../test-support/projects';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { registerVolunteer } from '../../test-support/people';
import { load, render, shot, tap, textOf, typeInto, waitFor, type Rendered } from '../../test-support/simulate';

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;

beforeAll(async () => {
  emu = await startLocalCloud();
  pageId = load('project/signup/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
  await registerVolunteer(bridge, 'openid-page-a', '张三');
  await registerVolunteer(bridge, 'openid-page-b', '李四');
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

async function project(places: number, conditions: Record<string, unknown> = {}): Promise<{ projectId: string; shiftId: string }> {
  return publishProject(emu, { places, conditions });
}

async function open(openid: string, query: Record<string, string>): Promise<Rendered> {
  bridge.actAs(openid);
  const page = render(pageId);
  await page.instance.onLoad(query);
  await waitFor(() => page.data.state.status !== 'loading');
  return page;
}

test('a shift with places: signed up at once, the reason shown, the shift marked mine', async () => {
  const { projectId } = await project(2);
  const page = await open('openid-page-a', { projectId });
  expect(textOf(page, '#title')).toBe('社区助老服务');
  expect(textOf(page, '#shift-0')).toContain('剩余 2/2 个名额');
  shot(page, 'choose');
  await tap(page, '#submit');
  await waitFor(() => page.data.state.decision !== null);
  expect(textOf(page, '#decision')).toContain('报名成功');
  expect(textOf(page, '#reason')).toBe('报名成功，名额已为你保留');
  await waitFor(() => textOf(page, '#mine-0') === '报名成功');
  expect(textOf(page, '#shift-0')).toContain('剩余 1/2 个名额');
  shot(page, 'confirmed');
});

test('a refusal says why: a password project without the password, then with it', async () => {
  const { projectId } = await project(1, { scope: 'password', passwordHash: 'not-this-one' });
  const page = await open('openid-page-a', { projectId });
  expect(page.querySelector('#password')).toBeTruthy();
  await tap(page, '#submit');
  await waitFor(() => page.data.state.decision !== null);
  expect(textOf(page, '#decision')).toContain('未能报名');
  expect(textOf(page, '#reason')).toBe('这个项目需要报名口令，请向组织方索取后填写');
  shot(page, 'refused');
  await typeInto(page, '#password', '随便填');
  await tap(page, '#submit');
  await waitFor(() => textOf(page, '#reason') === '报名口令不正确，请核对后重新填写');
});

test('a full shift: waitlisted with the position; when a place frees, the offer is confirmed here', async () => {
  const { projectId, shiftId } = await project(1);
  const first = await open('openid-page-a', { projectId });
  await tap(first, '#submit');
  await waitFor(() => first.data.state.decision !== null);
  const second = await open('openid-page-b', { projectId, shiftId });
  expect(textOf(second, '#shift-0')).toContain('已满');
  await tap(second, '#submit');
  await waitFor(() => second.data.state.decision !== null);
  expect(textOf(second, '#decision')).toContain('候补中');
  expect(textOf(second, '#reason')).toContain('当前第 1 位');
  shot(second, 'waitlisted');
  // The first withdraws: the place is offered to the second.
  bridge.actAs('openid-page-a');
  const mine = first.data.state.shifts[0]!;
  expect(mine.mineText).toBe('报名成功');
  const { call } = await import('../../services/api');
  const withdrawn = await call('signup', 'withdraw', { signupId: `${shiftId}_${(await import('../../../cloudfunctions/_shared/documents/ids')).userIdOf('openid-page-a')}` });
  expect(withdrawn).toMatchObject({ ok: true, data: { status: 'withdrawn' } });
  const offered = await open('openid-page-b', { projectId, shiftId });
  expect(textOf(offered, '#mine-0')).toBe('候补名额待确认');
  shot(offered, 'offered');
  await tap(offered, '#accept-0');
  await waitFor(() => offered.data.state.decision !== null);
  expect(textOf(offered, '#reason')).toBe('你已确认候补名额，报名成功');
  await waitFor(() => textOf(offered, '#mine-0') === '报名成功');
});

test('a project that is gone says so', async () => {
  const page = await open('openid-page-a', { projectId: 'nope' });
  expect(textOf(page, '#error')).toContain('没有找到这个项目');
  shot(page, 'not-found');
});
