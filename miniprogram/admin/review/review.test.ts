/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 组织审核 through the real `organization` function: the queue for a platform admin, approve, reject with a
// reason (the applicant is told), and the refusal for everyone else.
import type { RegisterOrganizationRequest } from '../../../typings/organization';
import { userIdOf } from '../../../cloudfunctions/_shared/documents/ids';
import { usccCheckChar } from '../../domain/uscc';
import { call } from '../../services/api';
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { registerVolunteer } from '../../test-support/people';
import { load, render, shot, simulate, tap, textOf, waitFor, type Rendered } from '../../test-support/simulate';

const ADMIN = 'openid-platform-admin';
let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;

beforeAll(async () => {
  emu = await startLocalCloud({ functionEnv: { PLATFORM_ADMIN_OPENIDS: ADMIN } });
  pageId = load('admin/review/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

const db = () => serverDb(emu);

function grassroots(name: string): RegisterOrganizationRequest {
  return {
    name,
    kind: 'grassroots',
    regionCode: '350102',
    regionNames: ['福建省', '福州市', '鼓楼区'],
    address: '福州市鼓楼区五四路100号',
    personInCharge: '林海',
    contact: { name: '陈晓', phone: '13800001111' },
  };
}

async function applyAs(openid: string, volunteerName: string, orgName: string): Promise<string> {
  await registerVolunteer(bridge, openid, volunteerName);
  const res = await call('organization', 'register', grassroots(orgName));
  if (!res.ok) throw new Error(`${res.error.code} ${res.error.message}`);
  return res.data.orgId;
}

async function openAs(openid: string): Promise<Rendered> {
  bridge.actAs(openid);
  const page = render(pageId);
  await (page.instance as unknown as { onLoad(): Promise<void> }).onLoad();
  return page;
}

async function statusOf(orgId: string): Promise<unknown> {
  const [org] = (await db().collection('organizations').where({ _id: orgId }).get()).data;
  return org?.status;
}

test('a volunteer who is not a platform admin sees 仅平台管理员可访问', async () => {
  await registerVolunteer(bridge, 'openid-curious', '好奇');
  const page = await openAs('openid-curious');
  expect(textOf(page, '#forbidden')).toBe('仅平台管理员可访问');
  shot(page, 'forbidden');
});

test('the admin sees each pending organization with its details; approves one and rejects another with a reason', async () => {
  const approveId = await applyAs('openid-applicant-a', '林海', '鼓楼社区互助队');
  const rejectId = await applyAs('openid-applicant-b', '王芳', '台江环保小队');

  const page = await openAs(ADMIN);
  expect(textOf(page, '#count')).toBe('待审核 2 个');
  expect(textOf(page, `#item-${approveId}`)).toContain('鼓楼社区互助队');
  expect(textOf(page, `#item-${approveId}`)).toContain('草根团队');
  expect(textOf(page, `#item-${approveId}`)).toContain('林海');
  shot(page, 'pending');

  const modal = jest.spyOn(wx, 'showModal'); // the simulator's modal answers 确定
  await tap(page, `#approve-${approveId}`);
  await waitFor(() => !page.querySelector(`#item-${approveId}`));
  expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '通过审核', confirmText: '通过' }));
  expect(String(modal.mock.calls[0]![0]!.content)).toContain('鼓楼社区互助队');
  expect(await statusOf(approveId)).toBe('verified');

  await tap(page, `#reject-${rejectId}`);
  await tap(page, `#confirm-reject-${rejectId}`); // no reason yet
  expect(textOf(page, '#reason-error')).toBe('请填写驳回理由，申请人会看到它');
  shot(page, 'reject-reason-missing');
  expect(await statusOf(rejectId)).toBe('pending');

  const reason = page.querySelector(`#reason-${rejectId}`)!;
  reason.dispatchEvent('input', { detail: { value: '负责人信息不完整，请补充后重新提交' } });
  await simulate.sleep(0);
  await tap(page, `#confirm-reject-${rejectId}`);
  await waitFor(() => !!page.querySelector('#empty'));
  expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '驳回申请', confirmText: '驳回' }));
  shot(page, 'empty');
  expect(await statusOf(rejectId)).toBe('rejected');

  // The applicant is told, in their inbox.
  const told = (await db().collection('notifications').where({ recipientUserId: userIdOf('openid-applicant-b') }).get()).data;
  expect(told).toHaveLength(1);
  expect(JSON.stringify(told[0])).toContain('负责人信息不完整');
});

test('cancelling the confirmation leaves the application pending, on screen, and tells nobody', async () => {
  const orgId = await applyAs('openid-applicant-c', '郑明', '晋安助老服务队');
  const page = await openAs(ADMIN);
  const cancel = jest
    .spyOn(wx, 'showModal')
    .mockImplementation(((o: { success?: (r: { confirm: boolean; cancel: boolean }) => void }) => o.success?.({ confirm: false, cancel: true })) as never);

  const methods = page.instance as unknown as { onApprove(e: object): Promise<void>; onConfirmReject(): Promise<void> };
  await methods.onApprove({ currentTarget: { dataset: { id: orgId } } }); // resolves once the page has acted on the answer
  expect(cancel).toHaveBeenCalledTimes(1);
  expect(page.querySelector(`#item-${orgId}`)).toBeTruthy();

  await tap(page, `#reject-${orgId}`);
  const reason = page.querySelector(`#reason-${orgId}`)!;
  reason.dispatchEvent('input', { detail: { value: '材料不全' } });
  await simulate.sleep(0);
  await methods.onConfirmReject();
  expect(cancel).toHaveBeenCalledTimes(2);
  expect(page.querySelector(`#reason-${orgId}`)).toBeTruthy(); // the form stays open, the reason kept
  expect((page.instance.data as { reason: string }).reason).toBe('材料不全');

  expect(await statusOf(orgId)).toBe('pending');
  const told = (await db().collection('notifications').where({ recipientUserId: userIdOf('openid-applicant-c') }).get()).data;
  expect(told).toHaveLength(0);
});

/** A valid USCC, different on each call (民政 社会服务机构 codes, 52…). */
let usccSerial = 0;
function freshUscc(): string {
  const first17 = `52350102MJ${String(++usccSerial + 500).padStart(7, '0')}`;
  return first17 + usccCheckChar(first17);
}
/** The smallest thing the server takes as a JPEG: its magic bytes and a little more. */
const TINY_JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]).toString('base64');

test('alike names are shown as a warning to check; an earlier rejection as the record', async () => {
  const first = await applyAs('openid-alike-a', '李雷', '鼓楼区彩虹桥志愿服务队');
  const second = await applyAs('openid-alike-b', '韩梅', '鼓楼区彩虹桥志愿者协会');
  const page = await openAs(ADMIN);
  expect(textOf(page, `#warnings-${second}`)).toContain('与「鼓楼区彩虹桥志愿服务队」（福建省 福州市 鼓楼区）仅后缀不同');
  expect(page.querySelector(`#warnings-${first}`)).toBeFalsy(); // the first had nothing alike when it was submitted
  shot(page, 'similar-names');
  for (const orgId of [first, second]) await call('organization', 'review', { orgId, decision: 'reject', reason: '测试清理' });
});

test('a USCC claim comes first with its evidence; approving confirms, then the claimant administers the code', async () => {
  const uscc = freshUscc();
  await registerVolunteer(bridge, 'openid-squatter', '占用者');
  const squat = await call('organization', 'register', { ...grassroots('鼓楼区占位志愿服务中心'), kind: 'registered', uscc, authority: '福州市鼓楼区民政局' });
  if (!squat.ok) throw new Error(squat.error.code);
  await registerVolunteer(bridge, 'openid-owner', '林海');
  const claim = await call('organization', 'claimUscc', {
    application: { ...grassroots('鼓楼区真实志愿服务中心'), kind: 'registered', uscc, authority: '福州市鼓楼区民政局' },
    evidence: [TINY_JPEG],
    statement: '本人为该社会服务机构法定代表人',
  });
  if (!claim.ok) throw new Error(claim.error.code);

  const page = await openAs(ADMIN);
  const card = `#claim-${claim.data.claimId}`;
  expect(textOf(page, '#claims-count')).toBe('代码申诉 1 项');
  expect(textOf(page, card)).toContain(`代码申诉 ${uscc}`);
  expect(textOf(page, card)).toContain('现持有的申请被驳回');
  expect(page.querySelector(`${card} .evidence-photo`)).toBeTruthy();
  shot(page, 'claim');

  const modal = jest.spyOn(wx, 'showModal');
  await tap(page, `#approve-${claim.data.claimId}`);
  await waitFor(() => !page.querySelector(card));
  expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '批准申诉', confirmText: '批准' }));
  expect(await statusOf(squat.data.orgId)).toBe('rejected');
  const [code] = (await db().collection('organizationCodes').where({ _id: uscc }).get()).data as Array<{ orgId: string }>;
  expect(await statusOf(code!.orgId)).toBe('verified');
});

test('the queue comes a page at a time: 加载更多 brings the rest, none twice', async () => {
  const names: string[] = [];
  for (let i = 0; i < 17; i++) {
    if (i % 8 === 0) await registerVolunteer(bridge, `openid-many-${i}`, '陈多');
    const name = `仓山区第${'一二三四五六七八九十'[i % 10]}${'甲乙丙丁戊'[Math.floor(i / 10)]}互助队`;
    const res = await call('organization', 'register', grassroots(name));
    if (!res.ok) throw new Error(`${res.error.code} ${res.error.message}`);
    names.push(res.data.orgId);
  }
  const page = await openAs(ADMIN);
  const shown = () => (page.instance.data as { items: Array<{ orgId: string }> }).items.map((i) => i.orgId);
  expect(shown().length).toBe(15);
  expect(page.querySelector('#load-more')).toBeTruthy();
  await tap(page, '#load-more');
  await waitFor(() => !page.querySelector('#load-more'));
  expect(new Set(shown()).size).toBe(shown().length);
  for (const id of names) expect(shown()).toContain(id);
  shot(page, 'all-pages');
});

test('a platform admin sees their own application without the buttons to decide it', async () => {
  await registerVolunteer(bridge, ADMIN, '平台甲');
  const res = await call('organization', 'register', grassroots('平台甲自己的互助队'));
  if (!res.ok) throw new Error(res.error.code);
  const page = await openAs(ADMIN);
  // Newest last: page through to it.
  while (!page.querySelector(`#item-${res.data.orgId}`) && page.querySelector('#load-more')) {
    const before = (page.instance.data as { items: unknown[] }).items.length;
    await tap(page, '#load-more');
    await waitFor(() => (page.instance.data as { items: unknown[] }).items.length > before);
  }
  expect(textOf(page, `#mine-${res.data.orgId}`)).toContain('请由其他平台管理员审核');
  expect(page.querySelector(`#approve-${res.data.orgId}`)).toBeFalsy();
});
