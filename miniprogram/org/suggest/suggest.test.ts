/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 推荐志愿者 through the real `match` function: the shift and its suggested volunteers (masked, with reasons); 邀请 one
// person (已邀请 after, one message); 邀请所选 for several, retried after a dropped call without a second message;
// two devices inviting one person at once; someone capped since the list was read; a shift nobody can join; nobody
// to suggest; no id and a stranger.
import { userIdOf } from '../../../cloudfunctions/_shared/documents/ids';
import { invitationIdOf } from '../../../cloudfunctions/_shared/matching/invitations';
import { REQUEST_ID_FIELD } from '../../domain/actions';
import { call } from '../../services/api';
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { registerVolunteer } from '../../test-support/people';
import { makeAdmin, publishProject } from '../../test-support/projects';
import { load, render, shot, tap, textOf, waitFor, type Rendered } from '../../test-support/simulate';

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;
const ADMIN = 'openid-suggest-admin';
const ORG = 'org-suggest';
const NAMES = ['欧阳娜娜', '李四光', '王小明', '赵六一', '钱七七', '孙八方', '周九九', '吴十全'];
const PEOPLE = NAMES.map((_, i) => `openid-suggest-${i}`);

beforeAll(async () => {
  emu = await startLocalCloud();
  pageId = load('org/suggest/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
  await registerVolunteer(bridge, ADMIN, '管理员');
  for (const [i, openid] of PEOPLE.entries()) await registerVolunteer(bridge, openid, NAMES[i]!);
  await makeAdmin(emu, ORG, userIdOf(ADMIN));
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

async function open(openid: string, query: Record<string, string>): Promise<Rendered> {
  bridge.actAs(openid);
  const page = render(pageId);
  await page.instance.onLoad(query);
  await waitFor(() => page.data.state.status !== 'loading');
  return page;
}

type Doc = Record<string, unknown>;
const docs = async (collection: string, where: Doc): Promise<Doc[]> => (await serverDb(emu).collection(collection).where(where).get()).data;
const messagesTo = (openid: string) => docs('notifications', { recipientUserId: userIdOf(openid), kind: 'match.invited' });
const rowOf = (page: Rendered, openid: string): number => (page.data.state.rows as Array<{ candidateId: string }>).findIndex((r) => r.candidateId === userIdOf(openid));

test('the shift and its suggestions, masked with reasons; 邀请 one: 已邀请 on the row and after reopening, one message', async () => {
  const { shiftId } = await publishProject(emu, { places: 3, orgId: ORG });
  bridge.actAs(ADMIN);
  const answer = await call('match', 'suggest', { shiftId });
  if (!answer.ok) throw new Error(answer.error.code);

  const page = await open(ADMIN, { shiftId });
  expect(textOf(page, '#title')).toBe('社区助老服务');
  expect(textOf(page, '#places')).toBe('剩余 3/3 个名额');
  expect(textOf(page, '#time')).toMatch(/^\d+月\d+日 周. \d{2}:\d{2}–(?:\d+月\d+日 )?\d{2}:\d{2}$/);
  expect(page.querySelector('#series')).toBeFalsy();
  for (const openid of PEOPLE) expect(rowOf(page, openid)).toBeGreaterThanOrEqual(0);
  // Masked everywhere, never the full name.
  for (const name of NAMES) expect(page.dom.textContent).not.toContain(name);
  answer.data.suggestions.forEach((s, i) => {
    expect(textOf(page, `#name-${i}`)).toBe(s.nameMasked);
    expect(textOf(page, `#reasons-${i}`)).toBe(s.reasons.map((r) => r.text).join(' · '));
    expect(textOf(page, `#invite-${i}`)).toBe('邀请');
  });
  shot(page, 'suggestions');

  const i = rowOf(page, PEOPLE[0]!);
  await tap(page, `#invite-${i}`);
  await waitFor(() => textOf(page, `#outcome-${i}`) === '已发送邀请');
  expect(textOf(page, `#invite-${i}`)).toBe('已邀请');
  expect(page.querySelector(`#choose-${i}`)).toBeFalsy();
  expect(await messagesTo(PEOPLE[0]!)).toEqual([expect.objectContaining({ link: expect.stringContaining(`invitationId=${encodeURIComponent(invitationIdOf(shiftId, userIdOf(PEOPLE[0]!)))}`) })]);
  shot(page, 'invited-one');

  // Tapping the disabled button again sends nothing.
  await tap(page, `#invite-${i}`);
  expect(await messagesTo(PEOPLE[0]!)).toHaveLength(1);

  const again = await open(ADMIN, { shiftId });
  const j = rowOf(again, PEOPLE[0]!);
  expect(textOf(again, `#invite-${j}`)).toBe('已邀请');
  expect(again.querySelector(`#choose-${j}`)).toBeFalsy();
});

test('邀请所选: chosen people in one call, each outcome on its row; a dropped call retried sends one message each', async () => {
  const { shiftId } = await publishProject(emu, { places: 4, orgId: ORG });
  const page = await open(ADMIN, { shiftId });
  const chosen = [PEOPLE[1]!, PEOPLE[2]!, PEOPLE[3]!];
  for (const openid of chosen) await tap(page, `#choose-${rowOf(page, openid)}`);
  expect(textOf(page, '#invite-chosen')).toBe('邀请所选（3 人）');
  shot(page, 'chosen');

  const sent: Array<Record<string, unknown>> = [];
  const callFunction = wx.cloud.callFunction.bind(wx.cloud);
  jest.spyOn(wx.cloud, 'callFunction').mockImplementation(((o: { name: string; data: Record<string, unknown> }) => {
    if (o.name === 'match' && o.data['action'] === 'invite') sent.push(o.data);
    return callFunction(o as never);
  }) as never);
  const modal = jest.spyOn(wx, 'showModal'); // the simulator's modal answers 确定
  const toast = jest.spyOn(wx, 'showToast');
  bridge.dropNextCalls(1);
  await tap(page, '#invite-chosen');
  await waitFor(() => toast.mock.calls.length > 0);
  expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '邀请 3 位志愿者？' }));
  expect(page.data.state.busy).toBe('');
  // Nothing answered: still chosen, nothing sent.
  expect(textOf(page, '#invite-chosen')).toBe('邀请所选（3 人）');
  for (const openid of chosen) expect(await messagesTo(openid)).toEqual([]);

  await tap(page, '#invite-chosen');
  await waitFor(() => textOf(page, '#summary') === '已发送 3 份邀请');
  for (const openid of chosen) {
    const i = rowOf(page, openid);
    expect(textOf(page, `#outcome-${i}`)).toBe('已发送邀请');
    expect(textOf(page, `#invite-${i}`)).toBe('已邀请');
    expect(await messagesTo(openid)).toHaveLength(1);
  }
  expect(textOf(page, '#invite-chosen')).toBe('邀请所选');
  // The retry carried the dropped call's request id: one request, one effect.
  const invites = sent.filter((d) => (d['invitations'] as unknown[]).length === 3);
  expect(invites.length).toBe(2);
  expect(invites[0]![REQUEST_ID_FIELD]).toEqual(expect.any(String));
  expect(invites[1]![REQUEST_ID_FIELD]).toBe(invites[0]![REQUEST_ID_FIELD]);
  shot(page, 'sent');
});

test('two devices invite one person at once: one invitation, one message, both rows say 已邀请', async () => {
  const { shiftId } = await publishProject(emu, { places: 2, orgId: ORG });
  const [phone, tablet] = [await open(ADMIN, { shiftId }), await open(ADMIN, { shiftId })];
  const who = PEOPLE[4]!;
  await Promise.all([tap(phone, `#invite-${rowOf(phone, who)}`), tap(tablet, `#invite-${rowOf(tablet, who)}`)]);
  await waitFor(() => [phone, tablet].every((p) => p.data.state.busy === '' && textOf(p, `#outcome-${rowOf(p, who)}`)));
  const outcomes = [phone, tablet].map((p) => textOf(p, `#outcome-${rowOf(p, who)}`)).sort();
  expect(outcomes).toEqual(['之前已邀请过，未重复发送', '已发送邀请']);
  for (const p of [phone, tablet]) expect(textOf(p, `#invite-${rowOf(p, who)}`)).toBe('已邀请');
  expect(await docs('matchInvitations', { _id: invitationIdOf(shiftId, userIdOf(who)) })).toHaveLength(1);
  expect(await messagesTo(who)).toHaveLength(1);
});

test('someone capped since the list was read: 本周邀请已满 on the row, nothing sent', async () => {
  const shifts = [];
  for (let n = 0; n < 4; n++) shifts.push((await publishProject(emu, { places: 2, orgId: ORG })).shiftId);
  const [target, ...others] = shifts;
  const who = PEOPLE[5]!;
  const page = await open(ADMIN, { shiftId: target! });
  const i = rowOf(page, who);
  expect(textOf(page, `#invite-${i}`)).toBe('邀请');
  bridge.actAs(ADMIN);
  const elsewhere = await call('match', 'invite', { invitations: others.map((shiftId) => ({ shiftId: shiftId!, candidateId: userIdOf(who) })) });
  expect(elsewhere.ok && elsewhere.data.invited).toBe(3);

  await tap(page, `#invite-${i}`);
  await waitFor(() => textOf(page, `#outcome-${i}`) === '本周收到的邀请已满，未发送');
  expect(textOf(page, `#invite-${i}`)).toBe('本周邀请已满');
  expect(await docs('matchInvitations', { _id: invitationIdOf(target!, userIdOf(who)) })).toEqual([]);
  expect(await messagesTo(who)).toHaveLength(3);
  shot(page, 'capped');
  // Read again, a capped person is not suggested at all.
  const again = await open(ADMIN, { shiftId: target! });
  expect(rowOf(again, who)).toBe(-1);
});

test('a full shift has its own state: nobody can join it, nothing to invite', async () => {
  const { shiftId } = await publishProject(emu, { places: 1, orgId: ORG });
  bridge.actAs(PEOPLE[6]!);
  expect(await call('signup', 'signup', { shiftId })).toMatchObject({ ok: true });
  const page = await open(ADMIN, { shiftId });
  expect(textOf(page, '#closed')).toContain('这个班次不再招募');
  expect(textOf(page, '#closed')).toContain('已满员');
  expect(page.querySelector('#retry')).toBeFalsy();
  expect(page.querySelector('#invite-chosen')).toBeFalsy();
  shot(page, 'closed');
});

test('nobody fits: the empty state says who would appear', async () => {
  const { shiftId } = await publishProject(emu, { places: 2, orgId: ORG, conditions: { skills: ['first_aid'] } });
  const page = await open(ADMIN, { shiftId });
  expect(textOf(page, '#empty')).toContain('暂时没有合适的志愿者');
  expect(page.querySelector('#invite-chosen')).toBeFalsy();
  shot(page, 'empty');
});

test('no id, or someone who is not the organization’s admin: says so and invites nobody', async () => {
  const none = await open(ADMIN, {});
  expect(textOf(none, '#error')).toContain('链接不完整，没有指明班次');
  expect(none.querySelector('#retry')).toBeFalsy();

  const { shiftId } = await publishProject(emu, { places: 2, orgId: ORG });
  const stranger = await open(PEOPLE[7]!, { shiftId });
  expect(textOf(stranger, '#error')).toContain('只有该项目所属组织的管理员可以推荐和邀请志愿者');
  expect(stranger.querySelector('#retry')).toBeTruthy();
  expect(stranger.querySelector('#invite-chosen')).toBeFalsy();
  for (const openid of PEOPLE) expect((await docs('matchInvitations', { userId: userIdOf(openid) })).filter((d) => d['shiftId'] === shiftId)).toEqual([]);
  shot(stranger, 'forbidden');

  const gone = await open(ADMIN, { shiftId: 'no-such-shift' });
  expect(textOf(gone, '#error')).toBeTruthy();
});
