/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 报名 through the real `signup` function: the shifts with their places, a refusal and its reason, a password
// project, a full shift's waitlist, and confirming an offered place.
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
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

const HOUR = 3600_000;
let serial = 0;

/** A recruiting project with one shift of `places`, as the project function publishes it (shards made on first use). */
async function project(places: number, conditions: Record<string, unknown> = {}): Promise<{ projectId: string; shiftId: string }> {
  serial++;
  const now = new Date();
  const projectId = `page-proj-${serial}`;
  const shiftId = `page-shift-${serial}`;
  const startsAt = new Date(now.getTime() + (72 + serial * 5) * HOUR);
  const endsAt = new Date(startsAt.getTime() + 2 * HOUR);
  await serverDb(emu).collection('projects').add({
    data: {
      _id: projectId,
      orgId: 'org-page',
      orgName: '鼓楼区阳光志愿服务中心',
      title: '社区助老服务',
      category: 'elderly',
      serviceObjects: ['elderly'],
      content: '陪伴社区老人',
      status: 'recruiting',
      conditions: { skills: [], scope: 'open', minorsAllowed: false, ...conditions },
      place: { address: '福州市鼓楼区五四路100号', location: { type: 'Point', coordinates: [119.3, 26.08] }, regionCode: '350102', regionPrefixes: ['35', '3501', '350102'], checkinRadiusM: 300 },
      risk: { disclosure: '注意防晒', risky: false },
      contact: { name: '王五', phoneMasked: '139****1111' },
      approvalMode: 'automatic',
      cancelCutoffHours: 24,
      startsAt,
      endsAt,
      createdBy: 'u_page',
      createdAt: now,
      updatedAt: now,
    },
  });
  await serverDb(emu).collection('shifts').add({
    data: { _id: shiftId, projectId, orgId: 'org-page', startsAt, endsAt, places, cancelled: false, capacity: { shards: 0, full: false }, createdAt: now, updatedAt: now },
  });
  return { projectId, shiftId };
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
