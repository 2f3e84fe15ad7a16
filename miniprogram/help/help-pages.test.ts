/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// The help pages (求助: 点单 → 派单 → 接单 → 评单) through the real `help` function: 提交求助 stops bad input on the
// phone and changes nothing, shows the server's refusals at the top, and a good need lands in 我的求助 as 待核实;
// 求助核实 verifies from the queue (the note required) and only then is the need in 身边的求助, without its contact;
// 求助派单 declines with a reason and the next organization accepts (项目编辑 opens its draft), marks it served; the
// requester rates it and the rating shows on 组织主页; 接单设置 is saved; 撤回 asks first; an offer another
// organization took first says so.
import type { RegisterOrganizationRequest } from '../../typings/organization';
import { userIdOf } from '../../cloudfunctions/_shared/documents/ids';
import { SERVICE_CATEGORIES, SERVICE_OBJECTS } from '../domain/codes';
import { routes, withQuery } from '../domain/routes';
import { call } from '../services/api';
import { serverDb, startLocalCloud, type LocalCloud } from '../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../test-support/emulator-bridge';
import { registerVolunteer } from '../test-support/people';
import { fire, load, loadSharing, render, shot, simulate, tap, textOf, typeInto, waitFor, type Rendered } from '../test-support/simulate';

const PLATFORM_ADMIN = 'openid-help-platform-admin';
const HOUR = 3_600_000;
const NOTE = '已电话联系王阿姨本人，情况属实';

let emu: LocalCloud;
let bridge: EmulatorBridge;
let ids: Map<string, string>;
let mineId: string;
let verifyId: string;
let publicId: string;
let homeId: string;

beforeAll(async () => {
  emu = await startLocalCloud({ functionEnv: { PLATFORM_ADMIN_OPENIDS: PLATFORM_ADMIN } });
  ids = loadSharing(['help/submit/index', 'help/offers/index', 'org/project-edit/index'], { 'privacy-popup': 'components/privacy-popup/index' });
  mineId = load('help/mine/index');
  verifyId = load('help/verify/index');
  publicId = load('help/public/index');
  homeId = load('org/home/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

// ── Arranging, through the product's own actions ────────────────────────────────────────────────────────────────

let serial = 0;
const fresh = (who: string) => `openid-help-${who}-${++serial}`;

async function person(who: string, name: string): Promise<string> {
  const openid = fresh(who);
  await registerVolunteer(bridge, openid, name);
  return openid;
}

let spots = 0;
/** A place far from every other test's (hundreds of km): one test's responders never reach another's needs. */
function spot(): { longitude: number; latitude: number } {
  const n = spots++;
  return { longitude: 100 + n * 4, latitude: 22 + (n % 5) };
}

const eastOf = (p: { longitude: number; latitude: number }, km: number) => ({ longitude: p.longitude + km / (111.32 * Math.cos((p.latitude * Math.PI) / 180)), latitude: p.latitude });

const TAIJIANG = { regionCode: '350103', regionNames: ['福建省', '福州市', '台江区'] };
const GULOU = { regionCode: '350102', regionNames: ['福建省', '福州市', '鼓楼区'] };

/** A verified organization, by default of 台江区 (so not a verifier of 鼓楼区's needs), its admin registered. */
async function organization(name: string, region = TAIJIANG): Promise<{ orgId: string; admin: string }> {
  const admin = await person('admin', '陈晓');
  const request: RegisterOrganizationRequest = {
    name,
    kind: 'grassroots',
    ...region,
    address: '福州市台江区八一七中路1号',
    personInCharge: '陈晓',
    contact: { name: '陈晓', phone: '13800001111' },
  };
  bridge.actAs(admin);
  const registered = await call('organization', 'register', request);
  if (!registered.ok) throw new Error(registered.error.message);
  bridge.actAs(PLATFORM_ADMIN);
  const reviewed = await call('organization', 'review', { orgId: registered.data.orgId, decision: 'approve' });
  if (!reviewed.ok) throw new Error(reviewed.error.message);
  return { orgId: registered.data.orgId, admin };
}

async function responder(name: string, base: { longitude: number; latitude: number }): Promise<{ orgId: string; admin: string }> {
  const org = await organization(name);
  bridge.actAs(org.admin);
  const set = await call('help', 'setResponder', { orgId: org.orgId, active: true, categories: ['community'], base });
  if (!set.ok) throw new Error(set.error.message);
  return org;
}

function submission(at: { longitude: number; latitude: number }, over: { urgent?: boolean; what?: string } = {}) {
  const starts = Date.now() + 48 * HOUR;
  return {
    what: over.what ?? '独居老人需要陪同去医院复查，并帮忙取药',
    category: 'community' as const,
    forWhom: { object: 'elderly' as const, description: '独居老人王阿姨' },
    place: { address: '福州市鼓楼区五四路100号', name: '阳光小区', ...at, regionCode: '350102', regionNames: ['福建省', '福州市', '鼓楼区'] },
    startsAt: new Date(starts).toISOString(),
    endsAt: new Date(starts + 3 * HOUR).toISOString(),
    volunteersWanted: 2,
    urgent: over.urgent ?? false,
    contact: { name: '王秀英', phone: '13812345678' },
  };
}

async function submitted(requester: string, at: { longitude: number; latitude: number }, over: { urgent?: boolean; what?: string } = {}): Promise<string> {
  bridge.actAs(requester);
  const res = await call('help', 'submit', submission(at, over));
  if (!res.ok) throw new Error(res.error.message);
  return res.data.helpRequestId;
}

async function verified(requester: string, at: { longitude: number; latitude: number }, over: { urgent?: boolean } = {}): Promise<string> {
  const id = await submitted(requester, at, over);
  bridge.actAs(PLATFORM_ADMIN);
  const res = await call('help', 'verify', { helpRequestId: id, decision: 'verify', method: 'call', note: NOTE });
  if (!res.ok) throw new Error(res.error.message);
  return id;
}

type Doc = Record<string, unknown>;
const db = () => serverDb(emu);
const needsOf = async (openid: string): Promise<Doc[]> => (await db().collection('helpRequests').where({ requesterUserId: userIdOf(openid) }).get()).data;
const needDoc = async (id: string): Promise<Doc | undefined> => (await db().collection('helpRequests').where({ _id: id }).get()).data[0];

// ── Opening pages ───────────────────────────────────────────────────────────────────────────────────────────────

type Loadable = { onLoad(query?: Record<string, string>): Promise<void> | void };

async function open(id: string, openid: string, query: Record<string, string> = {}): Promise<Rendered> {
  bridge.actAs(openid);
  const page = render(id);
  await (page.instance as unknown as Loadable).onLoad(query);
  return page;
}

/** wx.showModal answering as the person would. */
const modalAnswers = (confirm: boolean) =>
  jest.spyOn(wx, 'showModal').mockImplementation(((o: { success?: (r: unknown) => void }) => o.success?.({ confirm, cancel: !confirm })) as never);

const navigations = (api: 'navigateTo' | 'redirectTo') =>
  jest.spyOn(wx, api).mockImplementation(((o: { success?: () => void }) => o.success?.()) as never);

function placePicked(place = { name: '阳光小区', address: '福建省福州市鼓楼区五四路100号', latitude: 26.0745, longitude: 119.2965 }): void {
  jest.spyOn(wx, 'chooseLocation').mockImplementation(((o: { success?: (r: unknown) => void }) => o.success?.(place)) as never);
}

/** 'YYYY-MM-DD' in Shanghai, `days` from today. */
const shanghaiDay = (days: number) => new Date(Date.now() + 8 * HOUR + days * 86_400_000).toISOString().slice(0, 10);

async function fillSubmitForm(page: Rendered): Promise<void> {
  await typeInto(page, '#what', '每周二上午陪独居老人去社区医院复诊、取药');
  await fire(page, '#category', 'change', { value: SERVICE_CATEGORIES.findIndex((c) => c.code === 'community') });
  await fire(page, '#object', 'change', { value: SERVICE_OBJECTS.findIndex((c) => c.code === 'elderly') });
  await typeInto(page, '#description', '独居老人王阿姨');
  placePicked();
  await tap(page, '#choose-location');
  await waitFor(() => page.data.view.placeText !== '');
  await fire(page, '#region', 'change', { value: ['福建省', '福州市', '鼓楼区'], code: ['350000', '350100', '350102'] });
  await fire(page, '#date', 'change', { value: shanghaiDay(3) });
  await fire(page, '#start', 'change', { value: '09:00' });
  await fire(page, '#end', 'change', { value: '11:30' });
  await typeInto(page, '#volunteers', '2');
  await typeInto(page, '#contact-name', '王秀英');
  await typeInto(page, '#contact-phone', '138 1234 5678');
}

const submitPage = () => ids.get('help/submit/index')!;
const offersPage = () => ids.get('help/offers/index')!;

// ── 提交求助 ─────────────────────────────────────────────────────────────────────────────────────────────────────

test('提交求助: bad input shows the messages and sends nothing; a good need lands in 我的求助 as 待核实', async () => {
  const requester = await person('requester', '李芳');
  const page = await open(submitPage(), requester);
  expect(textOf(page, '#truth-note')).toContain('核实通过前，求助不会公开');
  shot(page, 'empty');

  const callsBefore = bridge.calls.length;
  await tap(page, '#submit');
  expect(textOf(page, '#category-error')).toBe('请选择服务类别');
  expect(textOf(page, '#region-error')).toBe('请在地图上选择服务地点所在的区县');
  expect(textOf(page, '#what-error')).toBe('请用 6–300 字写明需要什么帮助');
  expect(textOf(page, '#starts-error')).toBe('请选择服务日期');
  expect(bridge.calls.length).toBe(callsBefore);
  expect(await needsOf(requester)).toEqual([]);
  shot(page, 'refused-on-phone');

  await fillSubmitForm(page);
  // The time window in the server's words, checked on the phone: an end before the start.
  await fire(page, '#end', 'change', { value: '08:00' });
  await tap(page, '#submit');
  expect(textOf(page, '#ends-error')).toBe('结束时间须晚于开始时间');
  expect(bridge.calls.length).toBe(callsBefore);
  await fire(page, '#end', 'change', { value: '11:30' });
  expect(page.querySelector('#ends-error')).toBeFalsy();
  shot(page, 'filled');

  // The network drops the first try: the page says so, nothing is stored; tapping again submits it once.
  bridge.dropNextCalls(1);
  await tap(page, '#submit');
  await waitFor(() => !page.data.busy);
  expect(textOf(page, '#banner')).toBe('网络不稳定，请稍后重试');
  expect(await needsOf(requester)).toEqual([]);
  await tap(page, '#submit');
  await waitFor(() => page.data.mode === 'submitted');
  expect(textOf(page, '#submitted')).toContain('已提交，等待核实');
  shot(page, 'submitted');

  const stored = await needsOf(requester);
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ status: 'pending', what: '每周二上午陪独居老人去社区医院复诊、取药', regionCode: '350102', volunteersWanted: 2, urgent: false });
  expect(JSON.stringify(stored[0])).not.toContain('13812345678'); // the phone is encrypted at rest
  const id = String(stored[0]!._id);

  const redirect = navigations('redirectTo');
  await tap(page, '#open-mine');
  expect(redirect).toHaveBeenCalledWith(expect.objectContaining({ url: withQuery(routes.helpMine, { helpRequestId: id }) }));

  const scroll = jest.spyOn(wx, 'pageScrollTo').mockImplementation((() => undefined) as never);
  const mine = await open(mineId, requester, { helpRequestId: id });
  expect(textOf(mine, `#status-${id}`)).toBe('待核实');
  expect(textOf(mine, `#hint-${id}`)).toBe('等待平台或当地组织核实，核实前不会公开。');
  expect(textOf(mine, `#need-${id}`)).toContain('王秀英 138****5678');
  expect(mine.data.view.rows[0].highlighted).toBe(true);
  expect(scroll).toHaveBeenCalledWith(expect.objectContaining({ selector: `#need-${id}` }));
  expect(mine.querySelector(`#withdraw-${id}`)).toBeTruthy();
  shot(mine, 'pending');
});

test('提交求助: two taps send one need; the submission limit is shown at the top, nothing stored', async () => {
  const requester = await person('limit', '周敏');
  const page = await open(submitPage(), requester);
  await fillSubmitForm(page);
  await Promise.all([tap(page, '#submit'), tap(page, '#submit')]);
  await waitFor(() => page.data.mode === 'submitted');
  expect(await needsOf(requester)).toHaveLength(1);

  await submitted(requester, spot()); // a second one waiting for verification: the limit is reached
  const third = await open(submitPage(), requester);
  await fillSubmitForm(third);
  await tap(third, '#submit');
  await waitFor(() => !third.data.busy && third.data.view.form.banner !== '');
  expect(textOf(third, '#banner')).toBe('你已有 2 条求助在等待核实，核实后才能再提交新的求助');
  expect(await needsOf(requester)).toHaveLength(2);
  shot(third, 'limited');
});

test('提交求助 by someone who never registered as a volunteer: submitted like anyone, and followed in 我的求助', async () => {
  const stranger = fresh('unregistered');
  const page = await open(submitPage(), stranger);
  expect(page.querySelector('#register')).toBeFalsy();
  await fillSubmitForm(page);
  await tap(page, '#submit');
  await waitFor(() => page.data.mode === 'submitted');
  expect(page.querySelector('#banner')).toBeFalsy();
  const [id] = (await needsOf(stranger)).map((n) => String(n._id));
  expect(id).toMatch(/^help_/);
  shot(page, 'submitted-unregistered');

  const mine = await open(mineId, stranger, { helpRequestId: id });
  expect(textOf(mine, `#status-${id}`)).toBe('待核实');
  expect(mine.querySelector(`#withdraw-${id}`)).toBeTruthy();
});

// ── 求助核实 and 身边的求助 ──────────────────────────────────────────────────────────────────────────────────────

test('求助核实: the queue with the contact masked; the note is required; verified, the need is in 身边的求助 — not before, and without its contact', async () => {
  const at = spot();
  await responder('鼓楼阳光服务队', at);
  const requester = await person('verified', '王芳');
  const id = await submitted(requester, at);

  const publicBefore = await open(publicId, fresh('passer-by'));
  expect(publicBefore.data.view.status).toBe('choose');
  await fire(publicBefore, '#region', 'change', { value: ['福建省', '福州市', '鼓楼区'], code: ['350000', '350100', '350102'] });
  await waitFor(() => publicBefore.data.view.status === 'ready');
  expect(publicBefore.querySelector(`#public-${id}`)).toBeFalsy();

  const queue = await open(verifyId, PLATFORM_ADMIN);
  expect(textOf(queue, `#contact-${id}`)).toBe('联系人 王秀英 138****5678');
  shot(queue, 'queue');

  const callsBefore = bridge.calls.length;
  await tap(queue, `#verify-${id}`);
  expect(textOf(queue, `#error-${id}`)).toBe('请写明核实情况（2–200 字）：联系了谁、看到了什么或证据说明');
  expect(bridge.calls.length).toBe(callsBefore);
  expect((await needDoc(id))?.['status']).toBe('pending');

  await fire(queue, `#method-${id}`, 'change', { value: 'visit' });
  await typeInto(queue, `#note-${id}`, '已上门看望王阿姨，行动不便属实');
  modalAnswers(true);
  bridge.actAs(PLATFORM_ADMIN);
  await tap(queue, `#verify-${id}`);
  await waitFor(() => queue.querySelector(`#result-${id}`));
  expect(textOf(queue, `#result-${id}`)).toBe('已核实，已派给 1 家组织。');
  expect(textOf(queue, `#status-${id}`)).toBe('派单中');
  shot(queue, 'verified');
  expect(await needDoc(id)).toMatchObject({ status: 'dispatched', verification: expect.objectContaining({ method: 'visit', note: '已上门看望王阿姨，行动不便属实', decision: 'verify' }) });

  const publicAfter = await open(publicId, fresh('passer-by'), { regionCode: '350102' });
  await waitFor(() => publicAfter.data.view.status === 'ready');
  const card = textOf(publicAfter, `#public-${id}`);
  expect(card).toContain('独居老人需要陪同去医院复查');
  expect(card).toContain('派单中');
  expect(card).not.toContain('王秀英');
  expect(card).not.toContain('138');
  expect(card).not.toContain('五四路');
  expect(textOf(publicAfter, '#region-text')).toBe('福建省 福州市 鼓楼区'); // opened with the code only
  shot(publicAfter, 'listed');

  const mine = await open(mineId, requester);
  expect(textOf(mine, `#verification-${id}`)).toMatch(/^上门核实通过：已上门看望王阿姨，行动不便属实/);
});

test('求助核实: 不通过 after a confirm; the requester reads the note; a need decided elsewhere first says so', async () => {
  const requester = await person('rejected', '赵丽');
  const id = await submitted(requester, spot());
  const other = await submitted(await person('raced', '钱进'), spot());
  const queue = await open(verifyId, PLATFORM_ADMIN);

  await typeInto(queue, `#note-${id}`, '电话无人接听，地址查无此人');
  modalAnswers(false);
  await tap(queue, `#reject-${id}`);
  expect(queue.querySelector(`#result-${id}`)).toBeFalsy();
  expect((await needDoc(id))?.['status']).toBe('pending');
  jest.restoreAllMocks();
  modalAnswers(true);
  bridge.actAs(PLATFORM_ADMIN);
  await tap(queue, `#reject-${id}`);
  await waitFor(() => queue.querySelector(`#result-${id}`));
  expect(textOf(queue, `#result-${id}`)).toBe('已标记为未通过核实，求助人会收到你写的说明。');
  expect((await needDoc(id))?.['status']).toBe('rejected');

  // Another verifier decides the second need while this page still shows it.
  bridge.actAs(PLATFORM_ADMIN);
  await call('help', 'verify', { helpRequestId: other, decision: 'reject', method: 'call', note: '重复提交' });
  await typeInto(queue, `#note-${other}`, '已电话核实');
  await tap(queue, `#verify-${other}`);
  await waitFor(() => queue.data.drafts[other].error !== '');
  expect(textOf(queue, `#error-${other}`)).toContain('未通过核实');
  expect((await needDoc(other))?.['status']).toBe('rejected');
  shot(queue, 'decided-elsewhere');

  const mine = await open(mineId, requester);
  expect(textOf(mine, `#status-${id}`)).toBe('未通过核实');
  expect(textOf(mine, `#verification-${id}`)).toMatch(/^电话核实未通过：电话无人接听，地址查无此人/);
  expect(mine.querySelector(`#withdraw-${id}`)).toBeFalsy();
});

test('求助核实 for an organization (?orgId=): an admin of a verified organization of the county verifies in its name', async () => {
  const verifier = await organization('鼓楼区志愿者协会', GULOU);
  const requester = await person('county', '黄蓉');
  const id = await submitted(requester, spot());
  const queue = await open(verifyId, verifier.admin, { orgId: verifier.orgId });
  expect(queue.querySelector(`#need-${id}`)).toBeTruthy();
  await typeInto(queue, `#note-${id}`, '社区网格员已上门确认');
  modalAnswers(true);
  bridge.actAs(verifier.admin);
  await tap(queue, `#verify-${id}`);
  await waitFor(() => queue.querySelector(`#result-${id}`));
  expect(await needDoc(id)).toMatchObject({ verification: expect.objectContaining({ asOrgId: verifier.orgId, byName: '鼓楼区志愿者协会', decision: 'verify' }) });
  const mine = await open(mineId, requester);
  expect(textOf(mine, `#verification-${id}`)).toContain('（鼓楼区志愿者协会，');

  // An admin of another county's organization has nothing of 鼓楼区 to verify.
  const elsewhere = await organization('台江区志愿者协会');
  const other = await submitted(await person('county-2', '郭靖'), spot());
  const theirs = await open(verifyId, elsewhere.admin, { orgId: elsewhere.orgId });
  expect(theirs.querySelector(`#need-${other}`)).toBeFalsy();
});

test('求助核实 from 我的 (no ?orgId=): an admin of two organizations verifies each county’s need in the name of its organization', async () => {
  const gulou = await organization('鼓楼区助老服务队', GULOU);
  const admin = gulou.admin;
  bridge.actAs(admin);
  const second = await call('organization', 'register', {
    name: '台江区助老服务队',
    kind: 'grassroots',
    ...TAIJIANG,
    address: '福州市台江区八一七中路1号',
    personInCharge: '陈晓',
    contact: { name: '陈晓', phone: '13800001111' },
  });
  if (!second.ok) throw new Error(second.error.message);
  bridge.actAs(PLATFORM_ADMIN);
  if (!(await call('organization', 'review', { orgId: second.data.orgId, decision: 'approve' })).ok) throw new Error('review failed');
  const requester = await person('two-orgs', '欧阳锋');
  const inGulou = await submitted(requester, spot());
  bridge.actAs(requester);
  const ofTaijiang = submission(spot());
  const taijiangNeed = await call('help', 'submit', { ...ofTaijiang, place: { ...ofTaijiang.place, ...TAIJIANG } });
  if (!taijiangNeed.ok) throw new Error(taijiangNeed.error.message);
  const inTaijiang = taijiangNeed.data.helpRequestId;

  const queue = await open(verifyId, admin);
  expect(textOf(queue, `#verifier-${inGulou}`)).toBe('以「鼓楼区助老服务队」名义核实');
  expect(textOf(queue, `#verifier-${inTaijiang}`)).toBe('以「台江区助老服务队」名义核实');
  shot(queue, 'verify-two-organizations');
  modalAnswers(true);
  for (const id of [inGulou, inTaijiang]) {
    await typeInto(queue, `#note-${id}`, '社区网格员已上门确认');
    bridge.actAs(admin);
    await tap(queue, `#verify-${id}`);
    await waitFor(() => queue.querySelector(`#result-${id}`));
  }
  expect(await needDoc(inGulou)).toMatchObject({ status: expect.not.stringMatching(/^pending$/), verification: expect.objectContaining({ asOrgId: gulou.orgId, byName: '鼓楼区助老服务队' }) });
  expect(await needDoc(inTaijiang)).toMatchObject({ verification: expect.objectContaining({ asOrgId: second.data.orgId, byName: '台江区助老服务队' }) });
  expect(queue.querySelector(`#verifier-${inGulou}`)).toBeFalsy(); // decided: the card keeps only its answer
});

// ── 求助派单, 评价, 组织主页 ──────────────────────────────────────────────────────────────────────────────────────

test('求助派单: a decline needs its reason and moves the need on; the next accepts, marks it served; the requester rates; 组织主页 shows it', async () => {
  const at = spot();
  const first = await responder('台江第一服务队', at);
  const second = await responder('台江第二服务队', eastOf(at, 3));
  const requester = await person('served', '孙梅');
  const id = await verified(requester, at);

  const firstOffers = await open(offersPage(), first.admin, { orgId: first.orgId });
  expect(textOf(firstOffers, `#status-${id}`)).toBe('派单中');
  // Offered, not yet accepted: the contact as masked as the server gives it, never the whole phone.
  expect(textOf(firstOffers, `#offer-${id}`)).toContain('138****5678');
  expect(textOf(firstOffers, `#offer-${id}`)).not.toContain('13812345678');
  shot(firstOffers, 'offered');
  await tap(firstOffers, `#decline-${id}`);
  const callsBefore = bridge.calls.length;
  await tap(firstOffers, '#decline-send');
  expect(textOf(firstOffers, `#row-error-${id}`)).toBe('婉拒时请写明原因（2–200 字），以便转派给下一家组织');
  expect(bridge.calls.length).toBe(callsBefore);
  await typeInto(firstOffers, '#decline-reason', '当天人手不足');
  modalAnswers(true);
  bridge.actAs(first.admin);
  await tap(firstOffers, '#decline-send');
  await waitFor(() => firstOffers.data.decliningId === '');
  await waitFor(() => !firstOffers.querySelector(`#accept-${id}`));
  expect(await needDoc(id)).toMatchObject({ status: 'dispatched', declines: [expect.objectContaining({ orgId: first.orgId, reason: '当天人手不足' })] });

  const secondOffers = await open(offersPage(), second.admin, { orgId: second.orgId });
  const navigate = navigations('navigateTo');
  bridge.actAs(second.admin);
  await tap(secondOffers, `#accept-${id}`);
  await waitFor(() => navigate.mock.calls.length > 0);
  const accepted = await needDoc(id);
  expect(accepted).toMatchObject({ status: 'accepted', acceptedBy: expect.objectContaining({ orgId: second.orgId }) });
  const projectId = String((accepted!['acceptedBy'] as Doc)['projectId']);
  expect(navigate).toHaveBeenCalledWith(expect.objectContaining({ url: withQuery(routes.orgProjectEdit, { projectId }) }));
  await waitFor(() => secondOffers.querySelector(`#complete-${id}`));
  expect(textOf(secondOffers, `#declines-${id}`)).toBe('台江第一服务队 婉拒：当天人手不足');
  shot(secondOffers, 'accepted');
  // 项目编辑 opens the draft made from the need, to complete and publish.
  const draft = await open(ids.get('org/project-edit/index')!, second.admin, { projectId });
  expect(draft.data.mode).toBe('edit');
  expect(draft.data.view.form.content).toContain('独居老人需要陪同去医院复查，并帮忙取药');
  navigate.mockClear();
  await tap(secondOffers, `#project-${id}`);
  expect(navigate).toHaveBeenCalledWith(expect.objectContaining({ url: withQuery(routes.orgProjectEdit, { projectId }) }));

  const mine = await open(mineId, requester);
  expect(textOf(mine, `#status-${id}`)).toBe('已接单');
  expect(textOf(mine, `#declines-${id}`)).toBe('台江第一服务队 婉拒：当天人手不足');
  expect(textOf(mine, `#accepted-${id}`)).toBe('台江第二服务队 已接单');
  expect(mine.querySelector(`#withdraw-${id}`)).toBeFalsy(); // accepted: withdrawing is no longer the requester's
  expect(mine.querySelector(`#rate-${id}`)).toBeFalsy();

  bridge.actAs(second.admin);
  await tap(secondOffers, `#complete-${id}`);
  await waitFor(() => !secondOffers.querySelector(`#complete-${id}`));
  expect((await needDoc(id))?.['status']).toBe('served');

  const toRate = await open(mineId, requester, { helpRequestId: id });
  expect(textOf(toRate, `#status-${id}`)).toBe('服务完成待评价');
  const rateCalls = bridge.calls.length;
  await tap(toRate, `#rate-send-${id}`);
  expect(textOf(toRate, `#rate-error-${id}`)).toBe('请点选 1–5 颗星');
  expect(bridge.calls.length).toBe(rateCalls);
  await tap(toRate, `#star-${id}-4`);
  await typeInto(toRate, `#comment-${id}`, '志愿者很准时，很耐心');
  shot(toRate, 'rating');
  bridge.actAs(requester);
  await tap(toRate, `#rate-send-${id}`);
  await waitFor(() => toRate.querySelector(`#rating-${id}`));
  expect(textOf(toRate, `#rating-${id}`)).toBe('★★★★☆ 志愿者很准时，很耐心');
  expect(textOf(toRate, `#status-${id}`)).toBe('已评价');
  expect(toRate.querySelector(`#rate-${id}`)).toBeFalsy();
  expect((await needDoc(id))?.['rating']).toMatchObject({ stars: 4, comment: '志愿者很准时，很耐心' });
  shot(toRate, 'rated');

  const home = await open(homeId, requester, { orgId: second.orgId });
  await waitFor(() => home.data.status === 'ready' && home.data.ratings);
  expect(textOf(home, '#ratings-summary')).toBe('★★★★☆4.0 分 · 1 次评价');
  expect(textOf(home, '#rating-0')).toContain('志愿者很准时，很耐心');
  expect(home.querySelector('#help-offers-open')).toBeFalsy(); // the requester is no admin of it
  shot(home, 'ratings');

  const asAdmin = await open(homeId, second.admin, { orgId: second.orgId });
  await waitFor(() => asAdmin.data.status === 'ready');
  navigate.mockClear();
  await tap(asAdmin, '#help-offers-open');
  expect(navigate).toHaveBeenCalledWith(expect.objectContaining({ url: withQuery(routes.helpOffers, { orgId: second.orgId }) }));
  await tap(asAdmin, '#help-verify-open');
  expect(navigate).toHaveBeenCalledWith(expect.objectContaining({ url: withQuery(routes.helpVerify, { orgId: second.orgId }) }));

  const firstHome = await open(homeId, requester, { orgId: first.orgId });
  await waitFor(() => firstHome.data.status === 'ready' && firstHome.data.ratings);
  expect(textOf(firstHome, '#ratings-none')).toBe('还没有求助人的评价');
});

test('求助派单: an offer another organization took first says so; only admins may open the page', async () => {
  const at = spot();
  const slow = await responder('台江慢一步服务队', at);
  const quick = await responder('台江快一步服务队', eastOf(at, 1));
  const id = await verified(await person('urgent', '吴刚'), at, { urgent: true }); // urgent: offered to both at once

  const page = await open(offersPage(), slow.admin, { orgId: slow.orgId });
  expect(page.querySelector(`#accept-${id}`)).toBeTruthy();
  bridge.actAs(quick.admin);
  const taken = await call('help', 'answerOffer', { helpRequestId: id, orgId: quick.orgId, decision: 'accept' });
  expect(taken.ok).toBe(true);

  modalAnswers(true);
  const navigate = navigations('navigateTo');
  bridge.actAs(slow.admin);
  await tap(page, `#accept-${id}`);
  await waitFor(() => page.data.rowErrors[id]);
  expect(textOf(page, `#row-error-${id}`)).toBe('已有其他组织先接单了，感谢你的响应');
  expect(navigate).not.toHaveBeenCalled();
  expect((await needDoc(id))?.['acceptedBy']).toMatchObject({ orgId: quick.orgId });
  shot(page, 'taken');

  const stranger = await open(offersPage(), await person('stranger', '郑强'), { orgId: slow.orgId });
  expect(textOf(stranger, '#error')).toContain('只有该组织的管理员可以处理求助派单');
});

test('接单设置: the base is asked for first; a saved setting comes back on the next visit', async () => {
  const org = await organization('台江新成立服务队');
  const page = await open(offersPage(), org.admin, { orgId: org.orgId });
  expect(textOf(page, '#empty')).toContain('暂无派单');
  shot(page, 'new-responder');

  await fire(page, '#responder-active', 'change', { value: true });
  await fire(page, '#responder-categories', 'change', { value: ['community', 'emergency'] });
  const callsBefore = bridge.calls.length;
  await tap(page, '#responder-save');
  expect(textOf(page, '#responder-error')).toBe('请在地图上选择组织的位置');
  expect(bridge.calls.length).toBe(callsBefore);

  placePicked({ name: '八一七中路服务站', address: '福建省福州市台江区八一七中路1号', latitude: 26.06, longitude: 119.31 });
  await tap(page, '#responder-base');
  await waitFor(() => page.data.responder.baseText === '八一七中路服务站');
  bridge.actAs(org.admin);
  await tap(page, '#responder-save');
  await waitFor(() => page.data.responder.form.saved);
  expect(textOf(page, '#responder-save')).toBe('已保存');
  shot(page, 'responder-saved');

  const again = await open(offersPage(), org.admin, { orgId: org.orgId });
  expect(again.data.responder.form).toMatchObject({ active: true, categories: ['community', 'emergency'], base: { longitude: 119.31, latitude: 26.06 } });
});

test('我的求助: 撤回 asks first; cancelled nothing changes, confirmed the need is withdrawn', async () => {
  const requester = await person('withdraw', '冯雪');
  const id = await submitted(requester, spot());
  const mine = await open(mineId, requester);

  modalAnswers(false);
  await tap(mine, `#withdraw-${id}`);
  await simulate.sleep(20);
  expect((await needDoc(id))?.['status']).toBe('pending');
  jest.restoreAllMocks();

  const modal = modalAnswers(true);
  bridge.actAs(requester);
  await tap(mine, `#withdraw-${id}`);
  await waitFor(() => textOf(mine, `#status-${id}`) === '已撤回');
  expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '撤回这条求助？', confirmText: '撤回' }));
  expect((await needDoc(id))?.['status']).toBe('withdrawn');
  expect(mine.querySelector(`#withdraw-${id}`)).toBeFalsy();
  shot(mine, 'withdrawn');

  const empty = await open(mineId, await person('nobody', '陈默'));
  expect(textOf(empty, '#empty')).toContain('你还没有提交过求助');
  shot(empty, 'empty');
});

// ── 拨打电话 and who looked (help.contact) ───────────────────────────────────────────────────────────────────────

const PHONE = '13812345678';

/** wx.makePhoneCall as the dialer answers: opened (the person then calls) or closed without calling. */
const dialer = (opened = true) =>
  jest
    .spyOn(wx, 'makePhoneCall')
    .mockImplementation(((o: { success?: () => void; fail?: (e: unknown) => void }) => (opened ? o.success?.() : o.fail?.({ errMsg: 'makePhoneCall:fail cancel' }))) as never);

/** The need's reveal records (helpContactViews), oldest first. */
const contactViewsOf = async (id: string): Promise<Doc[]> =>
  (await db().collection('helpContactViews').where({ helpRequestId: id }).get()).data.sort((x, y) => new Date(x['at'] as string).getTime() - new Date(y['at'] as string).getTime());

test('求助核实: 拨打电话 dials the whole number, then the card shows it masked again; the requester sees 「平台」 and the organization in 我的求助', async () => {
  const requester = await person('call-verify', '王芳');
  const id = await submitted(requester, spot());
  const queue = await open(verifyId, PLATFORM_ADMIN);
  expect(queue.querySelector(`#call-${id}`)).toBeTruthy();
  expect(textOf(queue, `#call-${id}`)).toBe('拨打电话');
  expect(JSON.stringify(queue.data)).not.toContain(PHONE);
  shot(queue, 'call-ready');

  const dial = dialer();
  bridge.actAs(PLATFORM_ADMIN);
  await tap(queue, `#call-${id}`);
  await waitFor(() => dial.mock.calls.length === 1 && queue.data.callingId === '');
  expect(dial.mock.calls[0]![0]).toEqual(expect.objectContaining({ phoneNumber: PHONE }));
  // Someone looking over the shoulder afterwards: the number is masked on the card and nowhere in the page's data.
  expect(textOf(queue, `#contact-${id}`)).toBe('联系人 王秀英 138****5678');
  expect(JSON.stringify(queue.data)).not.toContain(PHONE);
  expect(queue.querySelector(`#call-error-${id}`)).toBeFalsy();
  shot(queue, 'called');
  expect(await contactViewsOf(id)).toEqual([expect.objectContaining({ as: 'platformAdmin', byName: '平台' })]);

  // A county organization's verifier calls from ?orgId=; the dialer closed without calling is no error, still recorded.
  const verifier = await organization('鼓楼区志愿服务队', GULOU);
  const theirs = await open(verifyId, verifier.admin, { orgId: verifier.orgId });
  dial.mockRestore();
  const closed = dialer(false);
  bridge.actAs(verifier.admin);
  await tap(theirs, `#call-${id}`);
  await waitFor(() => closed.mock.calls.length === 1 && theirs.data.callingId === '');
  expect(theirs.querySelector(`#call-error-${id}`)).toBeFalsy();
  expect(JSON.stringify(theirs.data)).not.toContain(PHONE);
  expect((await contactViewsOf(id)).map((v) => v['byName'])).toEqual(['平台', '鼓楼区志愿服务队']);

  const mine = await open(mineId, requester);
  const lines = textOf(mine, `#contact-views-${id}`) ?? '';
  expect(lines).toMatch(/「平台」查看了你的联系电话（\d{1,2}月\d{1,2}日 \d\d:\d\d）/);
  expect(lines).toMatch(/「鼓楼区志愿服务队」查看了你的联系电话（\d{1,2}月\d{1,2}日 \d\d:\d\d）/);
  expect(lines).not.toContain(PHONE);
  shot(mine, 'contact-viewed');

  // A need of theirs nobody looked at has no such line.
  const other = await submitted(requester, spot());
  const again = await open(mineId, requester);
  expect(again.querySelector(`#contact-views-${id}`)).toBeTruthy();
  expect(again.querySelector(`#need-${other}`)).toBeTruthy();
  expect(again.querySelector(`#contact-views-${other}`)).toBeFalsy();
});

test('我的求助: past 20 looks at the phone, the card says how many in all and lists the newest', async () => {
  const requester = await person('many-looks', '吴兰');
  const id = await submitted(requester, spot());
  const verifier = await organization('鼓楼区核实志愿队', GULOU);
  bridge.actAs(verifier.admin);
  for (let i = 0; i < 21; i++) {
    const res = await call('help', 'contact', { helpRequestId: id, asOrgId: verifier.orgId });
    if (!res.ok) throw new Error(res.error.message);
  }
  expect(await contactViewsOf(id)).toHaveLength(21);

  const mine = await open(mineId, requester);
  expect(textOf(mine, `#contact-views-total-${id}`)).toBe('你的联系电话共被查看 21 次，下面是最近 20 次');
  expect(textOf(mine, `#contact-views-${id}`)).toMatch(/「鼓楼区核实志愿队」查看了你的联系电话 20 次（最近：/);
  shot(mine, 'contact-viewed-many');
});

test('求助派单: 拨打电话 on a need we accepted dials it; a refusal (the need already rated) shows on the card and dials nothing', async () => {
  const at = spot();
  const org = await responder('台江助老服务队', at);
  const requester = await person('call-offers', '孙梅');
  const id = await verified(requester, at);
  bridge.actAs(org.admin);
  const accepted = await call('help', 'answerOffer', { helpRequestId: id, orgId: org.orgId, decision: 'accept' });
  if (!accepted.ok) throw new Error(accepted.error.message);

  const offers = await open(offersPage(), org.admin, { orgId: org.orgId });
  expect(textOf(offers, `#call-${id}`)).toBe('拨打电话');
  expect(textOf(offers, `#call-note-${id}`)).toBe('拨打时才显示完整号码，并会告诉求助人你们查看了电话');
  const dial = dialer();
  bridge.actAs(org.admin);
  await tap(offers, `#call-${id}`);
  await waitFor(() => dial.mock.calls.length === 1 && offers.data.callingId === '');
  expect(dial.mock.calls[0]![0]).toEqual(expect.objectContaining({ phoneNumber: PHONE }));
  expect(JSON.stringify(offers.data)).not.toContain(PHONE);
  expect(textOf(offers, `#offer-${id}`)).toContain('138****5678');
  shot(offers, 'called');
  expect(await contactViewsOf(id)).toEqual([expect.objectContaining({ as: 'acceptedOrgAdmin', orgId: org.orgId, byName: '台江助老服务队' })]);

  // Served and rated meanwhile (another admin's phone, the requester's): the stale card's call is refused in words.
  const served = await call('help', 'complete', { helpRequestId: id });
  if (!served.ok) throw new Error(served.error.message);
  bridge.actAs(requester);
  const rated = await call('help', 'rate', { helpRequestId: id, stars: 5 });
  if (!rated.ok) throw new Error(rated.error.message);
  bridge.actAs(org.admin);
  await tap(offers, `#call-${id}`);
  await waitFor(() => offers.querySelector(`#row-error-${id}`));
  expect(textOf(offers, `#row-error-${id}`)).toBe('这条求助当前为“已评价”，不能查看联系电话');
  expect(dial.mock.calls.length).toBe(1);
  expect(await contactViewsOf(id)).toHaveLength(1);
  shot(offers, 'call-refused');

  const mine = await open(mineId, requester);
  expect(textOf(mine, `#contact-views-${id}`)).toMatch(/^「台江助老服务队」查看了你的联系电话（\d{1,2}月\d{1,2}日 \d\d:\d\d）$/);
});

test('提交求助 says who sees the phone and that each view shows in 我的求助', async () => {
  const page = await open(submitPage(), await person('submit-note', '周洁'));
  expect(textOf(page, '#contact-phone-note')).toBe('电话只给核实人员和接单的组织看，用来打电话核实和安排服务；每次有人查看，你都能在“我的求助”里看到是谁、什么时候。');
  shot(page, 'phone-note');
});

test('我的求助: a need whose time passed shows 已过期 and invites to submit again; 求助派单 and 求助核实 drop it', async () => {
  const at = spot();
  const org = await responder('台江守时服务队', at);
  const requester = await person('expired', '周敏');
  const pendingId = await submitted(requester, at);
  const dispatchedId = await verified(requester, at);
  // Before the start both are where someone acts on them.
  expect((await open(verifyId, PLATFORM_ADMIN)).querySelector(`#verify-${pendingId}`)).toBeTruthy();
  expect((await open(offersPage(), org.admin, { orgId: org.orgId })).querySelector(`#accept-${dispatchedId}`)).toBeTruthy();

  // Their service started a minute ago; the expire timer has not run yet.
  const startsAt = new Date(Date.now() - 60_000);
  for (const id of [pendingId, dispatchedId]) await db().collection('helpRequests').doc(id).update({ data: { startsAt, endsAt: new Date(startsAt.getTime() + 2 * HOUR) } });

  const mine = await open(mineId, requester);
  for (const id of [pendingId, dispatchedId]) {
    expect(textOf(mine, `#status-${id}`)).toBe('已过期');
    expect(textOf(mine, `#hint-${id}`)).toBe('服务时间已过，这条求助没能安排上。如仍需要帮助，请换一个新的时间重新提交。');
    expect(mine.querySelector(`#withdraw-${id}`)).toBeFalsy();
    expect(textOf(mine, `#resubmit-${id}`)).toBe('换个时间重新提交');
  }
  shot(mine, 'expired');
  const navigate = navigations('navigateTo');
  await tap(mine, `#resubmit-${pendingId}`);
  expect(navigate).toHaveBeenCalledWith(expect.objectContaining({ url: routes.helpSubmit }));

  const queue = await open(verifyId, PLATFORM_ADMIN);
  expect(queue.querySelector(`#verify-${pendingId}`)).toBeFalsy();
  const offers = await open(offersPage(), org.admin, { orgId: org.orgId });
  expect(offers.querySelector(`#accept-${dispatchedId}`)).toBeFalsy();
  expect(offers.querySelector(`#offer-${dispatchedId}`)).toBeFalsy();
  shot(offers, 'expired-dropped');
  // Nothing was changed by looking: the timer is what expires them.
  expect((await needDoc(pendingId))?.['status']).toBe('pending');
  expect((await needDoc(dispatchedId))?.['status']).toBe('dispatched');
});
