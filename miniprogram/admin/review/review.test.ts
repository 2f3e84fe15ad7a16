/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 组织审核 through the real `organization` function: the queue for a platform admin, approve, reject with a
// reason (the applicant is told), and the refusal for everyone else.
import type { RegisterOrganizationRequest } from '../../../typings/organization';
import { userIdOf } from '../../../cloudfunctions/_shared/documents/ids';
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
