/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 报名 opened by an invitation (match.invited's link) through the real functions: the banner says who invites me, with
// the invited shift chosen; one tap signs up through signup.signup and the banner says 你已接受邀请; a filled shift's
// invitation has expired; someone else's link, or a made-up one, shows the page without a banner.
import { userIdOf } from '../../../cloudfunctions/_shared/documents/ids';
import { invitationIdOf } from '../../../cloudfunctions/_shared/matching/invitations';
import { call } from '../../services/api';
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { registerVolunteer } from '../../test-support/people';
import { makeAdmin, publishProject } from '../../test-support/projects';
import { publishSeries } from '../../test-support/series';
import { load, render, shot, tap, textOf, waitFor, type Rendered } from '../../test-support/simulate';

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;
const ADMIN = 'openid-invited-admin';
const ME = 'openid-invited-me';
const OTHER = 'openid-invited-other';
const ORG = 'org-invited';

beforeAll(async () => {
  emu = await startLocalCloud();
  pageId = load('project/signup/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
  await registerVolunteer(bridge, ADMIN, '管理员');
  await registerVolunteer(bridge, ME, '张三');
  await registerVolunteer(bridge, OTHER, '李四');
  await makeAdmin(emu, ORG, userIdOf(ADMIN));
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

async function invite(shiftId: string, openid: string): Promise<string> {
  bridge.actAs(ADMIN);
  const res = await call('match', 'invite', { invitations: [{ shiftId, candidateId: userIdOf(openid) }] });
  if (!res.ok || res.data.results[0]!.outcome !== 'invited') throw new Error(`invite: ${JSON.stringify(res)}`);
  return invitationIdOf(shiftId, userIdOf(openid));
}

async function open(openid: string, query: Record<string, string>): Promise<Rendered> {
  bridge.actAs(openid);
  const page = render(pageId);
  await page.instance.onLoad(query);
  await waitFor(() => page.data.state.status !== 'loading');
  return page;
}

test('an open invitation: who invites me, the invited shift chosen; one tap signs up and the banner says accepted', async () => {
  const series = await publishSeries(emu, { places: 2, orgId: ORG, hours: [[48, 50], [72, 74]] });
  const invited = series.shiftIds[1]!;
  const invitationId = await invite(invited, ME);
  // The message's link carries the shift; even without it the invitation chooses it.
  const page = await open(ME, { projectId: series.projectId, invitationId });
  expect(textOf(page, '#invitation')).toMatch(/^「鼓楼区阳光志愿服务中心」邀请你参加「社区助老服务」\d+月\d+日 \d{2}:\d{2}–(?:\d+月\d+日 )?\d{2}:\d{2} 的服务，班次已为你选好，点“报名”即可$/);
  expect(page.data.state.selectedShiftId).toBe(invited);
  expect(page.data.state.shifts).toHaveLength(2);
  shot(page, 'invited');

  await tap(page, '#submit');
  await waitFor(() => page.data.state.decision !== null);
  expect(textOf(page, '#reason')).toBe('报名成功，名额已为你保留');
  await waitFor(() => textOf(page, '#invitation')?.startsWith('你已接受邀请') === true);
  expect(textOf(page, '#invitation')).toMatch(/^你已接受邀请，已报名 \d+月\d+日 \d{2}:\d{2}–(?:\d+月\d+日 )?\d{2}:\d{2} 的班次$/);
  const mine = (await serverDb(emu).collection('signups').where({ userId: userIdOf(ME) }).get()).data;
  expect(mine.map((s) => [s['shiftId'], s['status']])).toEqual([[invited, 'confirmed']]);
  shot(page, 'accepted');

  // Opened again from the message: still accepted.
  const again = await open(ME, { projectId: series.projectId, shiftId: invited, invitationId });
  expect(textOf(again, '#invitation')).toContain('你已接受邀请');
});

test('the shift filled before I came: 邀请已失效', async () => {
  const { projectId, shiftId } = await publishProject(emu, { places: 1, orgId: ORG });
  const invitationId = await invite(shiftId, ME);
  bridge.actAs(OTHER);
  expect(await call('signup', 'signup', { shiftId })).toMatchObject({ ok: true, data: { status: 'confirmed' } });
  const page = await open(ME, { projectId, shiftId, invitationId });
  expect(textOf(page, '#invitation')).toMatch(/^邀请已失效：.+ 的班次已开始、已满员或已取消$/);
  expect(textOf(page, '#shift-0')).toContain('已满');
  shot(page, 'expired');
});

test('someone else’s link, or a made-up one: the page without a banner', async () => {
  const { projectId, shiftId } = await publishProject(emu, { places: 3, orgId: ORG });
  const invitationId = await invite(shiftId, ME);
  const theirs = await open(OTHER, { projectId, shiftId, invitationId });
  expect(theirs.data.state.status).toBe('ready');
  expect(theirs.querySelector('#invitation')).toBeFalsy();
  expect(textOf(theirs, '#title')).toBe('社区助老服务');
  expect(theirs.data.state.selectedShiftId).toBe(shiftId);
  const madeUp = await open(ME, { projectId, invitationId: 'nothing__here' });
  expect(madeUp.querySelector('#invitation')).toBeFalsy();
  expect(madeUp.data.state.status).toBe('ready');
  shot(theirs, 'not-mine');
});
