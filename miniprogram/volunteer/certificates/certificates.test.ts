/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 证明 through the real `certificate` function: who is not registered is sent to registration; nothing confirmed yet;
// then organizations with confirmed hours — one that issues at once, one that reviews first, a 草根 team nobody can
// issue for — asking for all records and for a period, the answers (issued → the certificate's page, reviewing, a
// refusal in the form), a revoked certificate with its reason and 重新申请, and 我的证明.
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { confirmedRecords, issuingOrganization } from '../../test-support/certificates';
import { registerVolunteer } from '../../test-support/people';
import { fire, load, render, shot, tap, textOf, waitFor, type Rendered } from '../../test-support/simulate';

jest.setTimeout(120_000);

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;
const ME = 'openid-certpage-me';
const FRESH = 'openid-certpage-fresh';
const ADMIN = 'openid-certpage-admin';
const A = { orgId: 'org-cert-a', orgName: '鼓楼区阳光志愿服务中心' };
const B = { orgId: 'org-cert-b', orgName: '福州市红十字志愿服务队' };
const C = { orgId: 'org-cert-c', orgName: '温泉街道邻里互助队' };

beforeAll(async () => {
  emu = await startLocalCloud();
  pageId = load('volunteer/certificates/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
  for (const [openid, name] of [[ME, '林晓梅'], [FRESH, '李四'], [ADMIN, '王五']] as const) await registerVolunteer(bridge, openid, name);
  await issuingOrganization(emu, A.orgId, A.orgName, ADMIN);
  await issuingOrganization(emu, B.orgId, B.orgName, ADMIN, { issuePolicy: 'review' });
  // A 草根 team attached to no unit: nobody can certify its records.
  await issuingOrganization(emu, C.orgId, C.orgName, ADMIN, null, { kind: 'grassroots' });
  await confirmedRecords(emu, ME, [
    { ...A, name: '敬老院陪伴', date: '2026-09-05', minutes: 180 },
    { ...A, name: '社区清洁', date: '2026-10-10', minutes: 150 },
    { ...A, name: '图书馆整理', date: '2026-11-07', minutes: 120 },
    { ...B, name: '应急救护宣传', date: '2026-10-20', minutes: 240 },
    { ...C, name: '邻里议事会', date: '2026-11-01', minutes: 90 },
  ]);
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

async function open(openid: string): Promise<Rendered> {
  bridge.actAs(openid);
  const page = render(pageId);
  await page.instance.onShow();
  await waitFor(() => page.data.view.status !== 'loading');
  return page;
}

const orgIndex = (page: Rendered, orgId: string) => page.data.view.orgs.findIndex((o: { orgId: string }) => o.orgId === orgId);

test('an unregistered person is sent to registration', async () => {
  const page = await open('openid-certpage-nobody');
  expect(textOf(page, '#unregistered')).toContain('实名注册');
  shot(page, 'unregistered');
});

test('nothing confirmed yet: the page says how hours become a certificate', async () => {
  const page = await open(FRESH);
  expect(textOf(page, '#orgs-empty')).toContain('还没有可以开具证明的服务时长');
  expect(textOf(page, '#mine-empty')).toBe('还没有申请过证明。');
  expect(textOf(page, '#intro')).toContain('全程免费');
  shot(page, 'empty');
});

test('ask for all records, a period, and a reviewed certificate; a refusal shows in the form', async () => {
  const page = await open(ME);
  const a = orgIndex(page, A.orgId);
  const b = orgIndex(page, B.orgId);
  const c = orgIndex(page, C.orgId);
  expect(textOf(page, `#org-hours-${a}`)).toBe('3 条已确认记录 · 7.5 小时');
  expect(textOf(page, `#org-issuer-${a}`)).toBe(`由「${A.orgName}」开具`);
  expect(textOf(page, `#org-blocked-${c}`)).toBe('该团队没有挂靠具有法人资格的单位，暂时无人能为这些记录开具证明');
  expect(page.querySelector(`#ask-${c}`)).toBeFalsy();
  shot(page, 'organizations');

  // A period with no confirmed record: the server's reason, in the form.
  await tap(page, `#ask-${a}`);
  await fire(page, '#scope', 'change', { value: 1 });
  await fire(page, '#from', 'change', { value: '2026-09-06' });
  await fire(page, '#to', 'change', { value: '2026-09-30' });
  shot(page, 'period');
  await tap(page, '#submit');
  await waitFor(() => page.data.form?.error);
  expect(textOf(page, '#form-error')).toBe('所选范围内没有该组织确认的服务记录，暂不能开具证明');
  shot(page, 'refused');

  // October only: one record, issued at once.
  await fire(page, '#from', 'change', { value: '2026-10-01' });
  await fire(page, '#to', 'change', { value: '2026-10-31' });
  await tap(page, '#submit');
  await waitFor(() => page.data.outcome);
  expect(textOf(page, '#outcome-text')).toMatch(/^证明已开具，编号 ZM\d{17}[0-9X]，2\.5 小时。$/);
  await waitFor(() => page.data.view.certificates.length === 1);
  expect(textOf(page, '#certificate-status-0')).toBe('已开具');
  expect(textOf(page, '#certificate-0')).toContain('2026-10-01 至 2026-10-31 · 2.5 小时');
  shot(page, 'issued');
  const navigate = jest.spyOn(wx, 'navigateTo');
  await tap(page, '#outcome-open');
  expect(navigate).toHaveBeenLastCalledWith(expect.objectContaining({ url: `/pages/certificate/index?certificateId=${page.data.outcome.certificateId}` }));
  await tap(page, '#certificate-0');
  expect(navigate).toHaveBeenCalledTimes(2);

  // An organization that reviews first.
  await tap(page, `#ask-${b}`);
  await tap(page, '#submit');
  await waitFor(() => page.data.outcome?.kind === 'reviewing');
  expect(textOf(page, '#outcome-text')).toBe(`申请已提交，「${B.orgName}」审核通过后开具，结果会通知你。`);
  await waitFor(() => page.data.view.orgs[orgIndex(page, B.orgId)].latest?.status === 'reviewing');
  expect(textOf(page, `#org-latest-status-${orgIndex(page, B.orgId)}`)).toBe('审核中');
  // A certificate under review has no page yet: tapping it opens nothing.
  await tap(page, `#org-latest-${orgIndex(page, B.orgId)}`);
  expect(navigate).toHaveBeenCalledTimes(2);
  shot(page, 'reviewing');
});

test('a revoked certificate shows its reason and can be asked for again; a rejected one shows why', async () => {
  bridge.actAs(ME);
  const first = await open(ME);
  const a = orgIndex(first, A.orgId);
  await tap(first, `#ask-${a}`);
  await tap(first, '#submit');
  await waitFor(() => first.data.outcome?.kind === 'issued');
  const revokedId = first.data.outcome.certificateId;
  // Revoked and rejected as the organization's side stores them.
  await serverDb(emu).collection('certificates').doc(revokedId).update({ data: { status: 'revoked', revoked: { reason: '活动记录有误，已更正', by: 'u_admin', at: new Date('2026-11-30T02:00:00Z') } } });
  const reviewing = first.data.view.orgs[orgIndex(first, B.orgId)].latest.certificateId;
  await serverDb(emu).collection('certificates').doc(reviewing).update({ data: { status: 'rejected', rejected: { reason: '时段内没有你的签到', by: 'u_admin', at: new Date() } } });

  const page = await open(ME);
  const ai = orgIndex(page, A.orgId);
  expect(textOf(page, `#org-latest-status-${ai}`)).toBe('已撤销');
  expect(textOf(page, `#org-latest-note-${ai}`)).toBe('撤销原因：活动记录有误，已更正（2026-11-30）');
  expect(textOf(page, `#ask-${ai}`)).toBe('重新申请');
  expect(textOf(page, `#org-latest-note-${orgIndex(page, B.orgId)}`)).toBe('原因：时段内没有你的签到');
  shot(page, 'revoked');

  await tap(page, `#ask-${ai}`);
  await tap(page, '#submit');
  await waitFor(() => page.data.outcome?.kind === 'issued');
  expect(page.data.outcome.certificateId).not.toBe(revokedId);
  await waitFor(() => page.data.view.orgs[orgIndex(page, A.orgId)].latest?.status === 'issued');
  expect(textOf(page, '#certificate-status-0')).toBe('已开具');
  expect(page.data.view.certificates.map((c: { statusText: string }) => c.statusText)).toEqual(expect.arrayContaining(['已开具', '已撤销', '已驳回']));
});
