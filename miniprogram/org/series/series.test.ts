/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 排班助手 through the real `match` function: the proposal for a series (filled of places left, candidates, each open
// shift with its people); 移除 / 恢复 before sending; 发送邀请 in calls of at most 50 pairs, a call lost half-way
// retried with only the rest; optimal: false said plainly for chained overlaps; a series with nothing open; no id,
// an unknown series and a stranger. 推荐志愿者 of a series' shift links here.
import { userIdOf } from '../../../cloudfunctions/_shared/documents/ids';
import { invitationIdOf } from '../../../cloudfunctions/_shared/matching/invitations';
import { REQUEST_ID_FIELD } from '../../domain/actions';
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { registerVolunteer } from '../../test-support/people';
import { makeAdmin } from '../../test-support/projects';
import { publishSeries } from '../../test-support/series';
import { load, render, shot, tap, textOf, waitFor, type Rendered } from '../../test-support/simulate';

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;
let suggestId: string;
const ADMIN = 'openid-series-admin';
const ORG = 'org-series';
const SURNAMES = '赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许';
const PEOPLE = Array.from(SURNAMES, (_, i) => `openid-series-${i}`);

beforeAll(async () => {
  emu = await startLocalCloud();
  pageId = load('org/series/index');
  suggestId = load('org/suggest/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
  await registerVolunteer(bridge, ADMIN, '管理员');
  for (const [i, openid] of PEOPLE.entries()) await registerVolunteer(bridge, openid, `${SURNAMES[i]}志愿`);
  await makeAdmin(emu, ORG, userIdOf(ADMIN));
}, 120_000);

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
interface Person {
  candidateId: string;
  outcome: string;
  removed: boolean;
}
const peopleOf = (page: Rendered, si: number): Person[] => page.data.state.shifts[si].people;

test('chained overlaps: the proposal says plainly it may leave a place; 推荐志愿者 of its shift links here', async () => {
  // A overlaps B, B overlaps C, A and C apart; more places than the 21 people can fill one each (a full proposal
  // cannot be bettered, so it carries no note).
  const series = await publishSeries(emu, { places: 25, orgId: ORG, hours: [[48, 50], [49, 51], [50.5, 52]] });
  const page = await open(ADMIN, { seriesId: series.seriesId });
  expect(textOf(page, '#title')).toBe('社区助老服务');
  expect(textOf(page, '#not-optimal')).toContain('这个方案可能留下一个手动安排能补上的空缺');
  expect(textOf(page, '#filled')).toMatch(/^方案填满 \d+\/75 个空缺名额$/);
  shot(page, 'not-optimal');

  bridge.actAs(ADMIN);
  const suggest = render(suggestId);
  await suggest.instance.onLoad({ shiftId: series.shiftIds[0]! });
  await waitFor(() => suggest.data.state.status !== 'loading');
  const navigate = jest.spyOn(wx, 'navigateTo');
  await tap(suggest, '#series');
  expect(navigate).toHaveBeenCalledWith(expect.objectContaining({ url: `/org/series/index?seriesId=${encodeURIComponent(series.seriesId)}` }));
});

test('a series with nothing open says so and sends nothing', async () => {
  const series = await publishSeries(emu, { places: 2, orgId: ORG, hours: [[-6, -4], [-30, -28]] });
  const page = await open(ADMIN, { seriesId: series.seriesId });
  expect(textOf(page, '#no-shifts')).toContain('没有需要排班的班次');
  expect(textOf(page, '#filled')).toBe('方案填满 0/0 个空缺名额');
  expect(page.querySelector('#not-optimal')).toBeFalsy();
  expect(page.data.state.toSend).toBe(0);
  shot(page, 'nothing-open');
});

test('no id, an unknown series, a stranger: says so, proposes nothing', async () => {
  const none = await open(ADMIN, {});
  expect(textOf(none, '#error')).toContain('链接不完整，没有指明重复班次');
  expect(none.querySelector('#retry')).toBeFalsy();
  const unknown = await open(ADMIN, { seriesId: 'no-such-series' });
  expect(textOf(unknown, '#error')).toContain('没有找到这组重复班次');
  expect(unknown.querySelector('#retry')).toBeTruthy();
  shot(unknown, 'not-found');
  const series = await publishSeries(emu, { places: 2, orgId: ORG, hours: [[60, 62]] });
  const stranger = await open(PEOPLE[0]!, { seriesId: series.seriesId });
  expect(textOf(stranger, '#error')).toContain('只有该项目所属组织的管理员');
  expect(stranger.querySelector('#send')).toBeFalsy();
});

test('the proposal fills the series; 移除 / 恢复; 发送邀请 50 a call, a lost call retried with only the rest', async () => {
  // Three days of 20 places; 21 people (the admin volunteers too) with three invitations each this week.
  const series = await publishSeries(emu, { places: 20, orgId: ORG, hours: [[48, 50], [72, 74], [96, 98]] });
  const page = await open(ADMIN, { seriesId: series.seriesId });
  expect(textOf(page, '#filled')).toBe('方案填满 60/60 个空缺名额');
  expect(textOf(page, '#candidates')).toBe('考虑了 21 位愿意参加的志愿者');
  expect(page.querySelector('#not-optimal')).toBeFalsy();
  expect(page.data.state.shifts.map((s: { shiftId: string }) => s.shiftId)).toEqual(series.shiftIds);
  expect(textOf(page, '#shift-places-0')).toBe('空缺 20 个，拟邀请 20 人');
  for (const name of Array.from(SURNAMES, (s) => `${s}志愿`)) expect(page.dom.textContent).not.toContain(name);
  expect(textOf(page, '#send')).toBe('发送邀请（60 份）');
  shot(page, 'proposal');

  // Take two people out of the first shift, put one back.
  const [kept, dropped] = [peopleOf(page, 0)[0]!.candidateId, peopleOf(page, 0)[1]!.candidateId];
  await tap(page, '#toggle-0-0');
  await tap(page, '#toggle-0-1');
  expect(textOf(page, '#send')).toBe('发送邀请（58 份）');
  expect(textOf(page, '#toggle-0-1')).toBe('恢复');
  await tap(page, '#toggle-0-0');
  expect(textOf(page, '#send')).toBe('发送邀请（59 份）');
  expect(textOf(page, '#person-0-1')).toContain('已移除，不发送');
  shot(page, 'trimmed');

  // The second call is lost on the way: the first 50 answers stay, the rest wait for 发送邀请 again.
  const sent: Doc[] = [];
  const callFunction = wx.cloud.callFunction.bind(wx.cloud);
  jest.spyOn(wx.cloud, 'callFunction').mockImplementation(((o: { name: string; data: Doc }) => {
    if (o.name === 'match' && o.data['action'] === 'invite') {
      sent.push(o.data);
      if (sent.length === 2) bridge.dropNextCalls(1);
    }
    return callFunction(o as never);
  }) as never);
  const toast = jest.spyOn(wx, 'showToast');
  jest.spyOn(wx, 'showModal'); // the simulator's modal answers 确定
  await tap(page, '#send');
  await waitFor(() => toast.mock.calls.length > 0 && !page.data.state.busy);
  expect(sent.map((d) => (d['invitations'] as unknown[]).length)).toEqual([50, 9]);
  expect(page.data.state.toSend).toBe(9);
  expect(textOf(page, '#send')).toBe('发送邀请（9 份）');

  await tap(page, '#send');
  await waitFor(() => page.data.state.sent);
  expect(sent.map((d) => (d['invitations'] as unknown[]).length)).toEqual([50, 9, 9]);
  // The retry is the lost call's request.
  expect(sent[2]![REQUEST_ID_FIELD]).toBe(sent[1]![REQUEST_ID_FIELD]);
  expect(textOf(page, '#sent-summary')).toBe('已发送 59 份邀请');
  const all = page.data.state.shifts.flatMap((s: { people: Person[] }) => s.people) as Person[];
  expect(all.filter((p) => !p.removed).every((p) => p.outcome === 'invited')).toBe(true);
  expect(textOf(page, '#outcome-0-0')).toBe('已发送邀请');
  expect(page.querySelector('#toggle-0-0')).toBeFalsy();
  expect(page.querySelector('#send')).toBeFalsy();
  shot(page, 'sent');

  // What the database holds: the kept person invited, the removed one not, one message per pair.
  expect(await docs('matchInvitations', { _id: invitationIdOf(series.shiftIds[0]!, kept) })).toHaveLength(1);
  expect(await docs('matchInvitations', { _id: invitationIdOf(series.shiftIds[0]!, dropped) })).toEqual([]);
  for (const id of [kept, dropped]) {
    const messages = await docs('notifications', { recipientUserId: id, kind: 'match.invited' });
    const invitations = (await docs('matchInvitations', { userId: id })).length;
    expect(messages).toHaveLength(invitations);
  }

  // 重新生成方案: nothing sent is proposed again.
  await tap(page, '#refresh');
  await waitFor(() => page.data.state.status === 'ready');
  const sentPairs = new Set(sent.flatMap((d) => (d['invitations'] as Array<{ shiftId: string; candidateId: string }>).map((p) => `${p.shiftId}/${p.candidateId}`)));
  for (const [si, s] of (page.data.state.shifts as Array<{ shiftId: string }>).entries())
    for (const p of peopleOf(page, si)) expect(sentPairs.has(`${s.shiftId}/${p.candidateId}`)).toBe(false);
}, 60_000);
