/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// The subscribe-request moments through the real functions (signup, attendance, certificate, notify) and WeChat's
// client as it behaves (test-support/subscribe-prompt.ts: no popup outside a tap): 报名, 扫码签到 and 提交申请 ask for
// their moment's templates inside the tap, before any call; the answers land in the grant ledger; the action goes on
// whatever the person answers or when WeChat fails; no ids, no question; one question per moment per page visit.
import { userIdOf } from '../../cloudfunctions/_shared/documents/ids';
import { serverDb, startLocalCloud, type LocalCloud } from '../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../test-support/emulator-bridge';
import { AT_THE_PLACE, onSiteShift, siteFunctionEnv, stationTokenAt, phoneStorage } from '../test-support/attendance';
import { confirmedRecords, issuingOrganization } from '../test-support/certificates';
import { publishProject } from '../test-support/projects';
import { registerVolunteer } from '../test-support/people';
import { installSubscribePrompt, type SubscribePromptFake } from '../test-support/subscribe-prompt';
import { load, render, textOf, typeInto, waitFor, type Rendered } from '../test-support/simulate';
import * as wechat from './wechat';

jest.setTimeout(120_000);

// The template ids the emulator sets up for the notify function, as a deployment does (ZY_TMPL_SUB_<SLOT>,
// emulator/src/wechat/product-templates.ts).
const T = {
  signupResult: 'local-sub-signup-result',
  reminder: 'local-sub-activity-reminder',
  hoursResult: 'local-sub-hours-result',
  certificate: 'local-sub-certificate',
};
const SIGNUP_IDS = [T.signupResult, T.reminder, T.hoursResult];
const CHECKIN_IDS = [T.hoursResult, T.reminder, T.certificate];
const CERTIFICATE_IDS = [T.certificate, T.hoursResult];

let emu: LocalCloud;
let bridge: EmulatorBridge;
let prompt: SubscribePromptFake;
let signupPage: string;
let checkinPage: string;
let certificatesPage: string;

beforeAll(async () => {
  emu = await startLocalCloud({ functionEnv: siteFunctionEnv() });
  signupPage = load('project/signup/index');
  checkinPage = load('volunteer/checkin/index');
  certificatesPage = load('volunteer/certificates/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

beforeEach(() => {
  prompt = installSubscribePrompt(emu, bridge);
});
afterEach(() => jest.restoreAllMocks());

type Doc = Record<string, unknown>;

/** Every call the pages make, in the order sent, and whether its answer has come. */
let sent: Array<{ fn: string; action: string; answered: boolean }>;
beforeEach(() => {
  sent = [];
  const cloud = (wx as unknown as { cloud: { callFunction(o: CallOption): unknown } }).cloud;
  const callFunction = cloud.callFunction.bind(cloud);
  jest.spyOn(cloud, 'callFunction').mockImplementation((o: CallOption) => {
    const entry = { fn: o.name, action: String(o.data?.['action']), answered: false };
    sent.push(entry);
    const done = <T>(then?: (r: T) => void) => (r: T) => {
      entry.answered = true;
      then?.(r);
    };
    return callFunction({ ...o, success: done(o.success), fail: done(o.fail) });
  });
});
type CallOption = { name: string; data?: Record<string, unknown>; success?: (r: unknown) => void; fail?: (e: unknown) => void };
const actionsSince = (from: number) => sent.slice(from).map((c) => `${c.fn}.${c.action}`);
const reportsAnswered = () => sent.filter((c) => c.action === 'reportSubscriptions' && c.answered).length;

/**
 * Each acceptance allows one message: the grants still left plus the subscribe messages WeChat delivered, per template.
 * (The sign-up's own message may already have spent its grant: the frame kicks the dispatcher after it.)
 */
async function allowedOf(openid: string): Promise<Record<string, number>> {
  const allowed = await grantsOf(openid);
  for (const m of emu.wechat.delivered) if (m.channel === 'subscribe' && m.touser === openid) allowed[m.templateId] = (allowed[m.templateId] ?? 0) + 1;
  return allowed;
}

/** The notify function's ledger: messages still allowed per template for this person. */
async function grantsOf(openid: string): Promise<Record<string, number>> {
  const docs = (await serverDb(emu).collection('subscribeGrants').where({ userId: userIdOf(openid) }).get()).data as Doc[];
  return Object.fromEntries(docs.filter((d) => Number(d['left']) > 0).map((d) => [String(d['templateId']), Number(d['left'])]));
}

async function openSignup(openid: string, projectId: string): Promise<Rendered> {
  bridge.actAs(openid);
  const page = render(signupPage);
  await page.instance.onLoad({ projectId });
  return page;
}

describe('报名', () => {
  // First in the file: the ids of the signup moment are not known yet, and their load fails.
  test('no ids (their load failed): no popup, and the sign-up goes through', async () => {
    const openid = 'openid-sub-no-ids';
    await registerVolunteer(bridge, openid, '钱七');
    const { projectId } = await publishProject(emu, { places: 2 });
    bridge.actAs(openid);
    const page = render(signupPage);
    const sentBefore = sent.length;
    bridge.dropNextCalls(2); // the shifts and the ids: the page offers 重试
    await page.instance.onLoad({ projectId });
    expect(actionsSince(sentBefore)).toEqual(['signup.options', 'notify.subscribeTemplates']);
    expect(page.data.state.status).toBe('error');
    await page.instance.onRetry(); // the shifts again; the ids stay unknown on this visit
    await prompt.tapAsPerson(page, '#submit');
    await waitFor(() => page.data.state.decision !== null);
    expect(textOf(page, '#decision')).toContain('报名成功');
    expect(prompt.prompts).toEqual([]);
  });

  test('the popup comes inside the tap, before any call, with the moment’s ids; accepted ones are granted; the sign-up goes through', async () => {
    const openid = 'openid-sub-accept';
    await registerVolunteer(bridge, openid, '张三');
    const { projectId } = await publishProject(emu, { places: 2 });
    const loadedFrom = sent.length;
    const page = await openSignup(openid, projectId);
    expect(actionsSince(loadedFrom)).toEqual(['signup.options', 'notify.subscribeTemplates']); // the ids come with the page
    prompt.answerWith({ answers: { [T.hoursResult]: 'reject' } });
    const callsBefore = bridge.calls.length;
    const sentBefore = sent.length;

    await prompt.tapAsPerson(page, '#submit');
    await waitFor(() => page.data.state.decision !== null);

    expect(prompt.prompts).toEqual([{ tmplIds: SIGNUP_IDS, callsBefore, inTap: true }]);
    expect(actionsSince(sentBefore)[0]).toBe('signup.signup'); // asked before any call, and the sign-up did not wait for the report
    expect(textOf(page, '#decision')).toContain('报名成功');
    await waitFor(() => reportsAnswered() === 1);
    expect(await allowedOf(openid)).toEqual({ [T.signupResult]: 1, [T.reminder]: 1 });
  });

  test('rejected everything, or WeChat failed (接收订阅消息 off): the sign-up goes through all the same, nothing granted', async () => {
    const { projectId } = await publishProject(emu, { places: 5 });
    const rejecting = 'openid-sub-reject';
    await registerVolunteer(bridge, rejecting, '李四');
    const first = await openSignup(rejecting, projectId);
    prompt.answerWith({ answers: { [T.signupResult]: 'reject', [T.reminder]: 'ban', [T.hoursResult]: 'filter' } });
    await prompt.tapAsPerson(first, '#submit');
    await waitFor(() => first.data.state.decision !== null);
    expect(textOf(first, '#decision')).toContain('报名成功');

    const switchedOff = 'openid-sub-switched-off';
    await registerVolunteer(bridge, switchedOff, '王五');
    const second = await openSignup(switchedOff, projectId);
    await waitFor(() => reportsAnswered() === 1); // the refusals are reported too
    expect(await allowedOf(rejecting)).toEqual({});

    prompt.answerWith({ failure: { errCode: 20004, errMsg: 'requestSubscribeMessage:fail The main switch is switched off' } });
    const sentBefore = sent.length;
    await prompt.tapAsPerson(second, '#submit');
    await waitFor(() => second.data.state.decision !== null);
    expect(textOf(second, '#decision')).toContain('报名成功');
    expect(prompt.prompts).toHaveLength(2);
    // Nothing to report after a failure: the sign-up and the page's reload only.
    await waitFor(() => sent.every((c) => c.answered));
    expect(actionsSince(sentBefore)).toEqual(['signup.signup', 'signup.options']);
    expect(await allowedOf(switchedOff)).toEqual({});
  });

  test('one question per page visit: a refused sign-up tapped again asks nothing more; a new visit asks again', async () => {
    const openid = 'openid-sub-twice';
    await registerVolunteer(bridge, openid, '赵六');
    const { projectId } = await publishProject(emu, { places: 1, conditions: { scope: 'password', passwordHash: 'not-this-one' } });
    const page = await openSignup(openid, projectId);
    await prompt.tapAsPerson(page, '#submit');
    await waitFor(() => page.data.state.decision !== null);
    expect(textOf(page, '#reason')).toBe('这个项目需要报名口令，请向组织方索取后填写');
    await typeInto(page, '#password', '随便填');
    await prompt.tapAsPerson(page, '#submit');
    await waitFor(() => textOf(page, '#reason') === '报名口令不正确，请核对后重新填写');
    expect(prompt.prompts).toHaveLength(1);

    const again = await openSignup(openid, projectId);
    await prompt.tapAsPerson(again, '#submit');
    await waitFor(() => again.data.state.decision !== null);
    expect(prompt.prompts).toHaveLength(2);
  });

  test('asked outside a tap (after an await), WeChat refuses: the fake holds the pages to the rule', async () => {
    await Promise.resolve();
    expect(await wechat.requestSubscribeMessage([T.signupResult])).toEqual({
      ok: false,
      errMsg: 'requestSubscribeMessage:fail can only be invoked by user TAP gesture.',
    });
    expect(prompt.prompts).toEqual([expect.objectContaining({ inTap: false })]);
  });
});

describe('扫码签到', () => {
  test('the popup first, inside the tap; the camera opens once it is closed; the check-in goes on after a refusal', async () => {
    phoneStorage();
    const site = await onSiteShift(emu);
    const v = site.volunteers[0]!;
    bridge.actAs(v.openid);
    const page = render(checkinPage);
    await page.instance.onLoad({ shiftId: site.shift._id });
    await page.instance.onShow();
    const order: string[] = [];
    jest.spyOn(wx, 'getLocation').mockImplementation(((o: { success?: (r: object) => void }) => o.success?.(AT_THE_PLACE)) as never);
    jest.spyOn(wx, 'scanCode').mockImplementation(((o: { success?: (r: { result: string }) => void }) => {
      order.push(`camera after ${prompt.prompts.length} popup(s)`);
      o.success?.({ result: stationTokenAt(site.station) });
    }) as never);
    prompt.answerWith({ answers: { [T.hoursResult]: 'reject', [T.reminder]: 'reject', [T.certificate]: 'reject' } });
    const callsBefore = bridge.calls.length;

    await prompt.tapAsPerson(page, '#check-in');
    await waitFor(() => textOf(page, '#checkin-banner')?.includes('签到成功'));

    expect(prompt.prompts).toEqual([{ tmplIds: CHECKIN_IDS, callsBefore, inTap: true }]);
    expect(order).toEqual(['camera after 1 popup(s)']);
    expect(await allowedOf(v.openid)).toEqual({});
    page.instance.onUnload();
  });
});

describe('提交申请 (证明)', () => {
  test('the popup inside the tap with the certificate’s ids; the request goes through; the acceptance is granted', async () => {
    const me = 'openid-sub-certificate';
    const admin = 'openid-sub-certificate-admin';
    await registerVolunteer(bridge, me, '林晓梅');
    await registerVolunteer(bridge, admin, '周八');
    const org = { orgId: 'org-sub-cert', orgName: '鼓楼区阳光志愿服务中心' };
    await issuingOrganization(emu, org.orgId, org.orgName, admin);
    await confirmedRecords(emu, me, [{ ...org, name: '敬老院陪伴', date: '2026-09-05', minutes: 180 }]);
    bridge.actAs(me);
    const page = render(certificatesPage);
    await page.instance.onLoad();
    await page.instance.onShow();
    await waitFor(() => page.data.view.status === 'ready');
    page.instance.onAsk({ currentTarget: { dataset: { id: org.orgId } } });
    const callsBefore = bridge.calls.length;
    const sentBefore = sent.length;

    await prompt.tapAsPerson(page, '#submit');
    await waitFor(() => page.data.outcome);

    expect(prompt.prompts).toEqual([{ tmplIds: CERTIFICATE_IDS, callsBefore, inTap: true }]);
    expect(actionsSince(sentBefore)[0]).toBe('certificate.request');
    expect(textOf(page, '#outcome-text')).toContain('证明已开具');
    await waitFor(() => reportsAnswered() === 1);
    expect(await allowedOf(me)).toEqual({ [T.certificate]: 1, [T.hoursResult]: 1 });
  });
});
