/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 组织主页 · 管理与退出 through the real `organization` function: the last admin is told to hand over or dissolve
// before leaving; the admin role is handed to a member who accepts it; the former admin then leaves; an admin
// dissolves the organization. Every step confirms first.
import type { RegisterOrganizationRequest } from '../../../typings/organization';
import { call } from '../../services/api';
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { registerVolunteer } from '../../test-support/people';
import { load, render, shot, tap, textOf, waitFor, type Rendered } from '../../test-support/simulate';
import { userIdOf } from '../../../cloudfunctions/_shared/documents/ids';

const PLATFORM_ADMIN = 'openid-platform-admin';
let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;

beforeAll(async () => {
  emu = await startLocalCloud({ functionEnv: { PLATFORM_ADMIN_OPENIDS: PLATFORM_ADMIN } });
  pageId = load('org/home/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

function team(name: string): RegisterOrganizationRequest {
  return {
    name,
    kind: 'grassroots',
    regionCode: '350102',
    regionNames: ['福建省', '福州市', '鼓楼区'],
    address: '福州市鼓楼区五四路100号',
    personInCharge: '林海',
    contact: { name: '林海', phone: '13800001111' },
  };
}

/** A verified team with `lead` as its admin and `member` as its member. */
async function verifiedTeam(lead: string, member: string, name: string): Promise<string> {
  await registerVolunteer(bridge, lead, '林海');
  const registered = await call('organization', 'register', team(name));
  if (!registered.ok) throw new Error(registered.error.code);
  const orgId = registered.data.orgId;
  bridge.actAs(PLATFORM_ADMIN);
  await call('organization', 'review', { orgId, decision: 'approve' });
  await registerVolunteer(bridge, member, '王芳');
  await call('organization', 'requestJoin', { orgId });
  bridge.actAs(lead);
  await call('organization', 'decideJoin', { orgId, userId: userIdOf(member), decision: 'approve' });
  return orgId;
}

async function openAs(openid: string, orgId: string): Promise<Rendered> {
  bridge.actAs(openid);
  const page = render(pageId);
  await (page.instance as unknown as { onLoad(q: object): Promise<void> }).onLoad({ orgId });
  return page;
}

async function roles(orgId: string): Promise<Record<string, string>> {
  const rows = (await serverDb(emu).collection('memberships').where({ orgId, status: 'active' }).get()).data as Array<{ userId: string; role: string }>;
  return Object.fromEntries(rows.map((m) => [m.userId, m.role]));
}

test('the last admin hands over to a member who accepts, and may then leave', async () => {
  const orgId = await verifiedTeam('openid-lead', 'openid-member', '鼓楼社区互助队');
  const lead = await openAs('openid-lead', orgId);
  expect(textOf(lead, '#last-admin-note')).toContain('你是唯一的管理员');
  expect(lead.querySelector('#leave')).toBeFalsy();
  shot(lead, 'last-admin');

  const modal = jest.spyOn(wx, 'showModal');
  await tap(lead, `#hand-over-${userIdOf('openid-member')}`);
  await waitFor(() => !!lead.querySelector('#offer-waiting'));
  expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '移交管理员', confirmText: '移交' }));
  expect(textOf(lead, '#offer-waiting')).toBe('已发出移交，等待王芳接受');

  const member = await openAs('openid-member', orgId);
  expect(textOf(member, '#hand-over-offer')).toContain('移交给你');
  shot(member, 'hand-over-offered');
  await tap(member, '#hand-over-accept');
  await waitFor(() => !member.querySelector('#hand-over-offer'));
  expect(await roles(orgId)).toEqual({ [userIdOf('openid-lead')]: 'member', [userIdOf('openid-member')]: 'admin' });

  const former = await openAs('openid-lead', orgId);
  await tap(former, '#leave');
  await waitFor(() => !former.querySelector('#leave'));
  expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '退出组织', confirmText: '退出' }));
  expect(await roles(orgId)).toEqual({ [userIdOf('openid-member')]: 'admin' });
});

test('cancelling a dissolution changes nothing; confirming it ends the organization and tells the members', async () => {
  const orgId = await verifiedTeam('openid-founder', 'openid-joiner', '台江环保小队');
  const page = await openAs('openid-founder', orgId);
  const cancel = jest
    .spyOn(wx, 'showModal')
    .mockImplementation(((o: { success?: (r: { confirm: boolean; cancel: boolean }) => void }) => o.success?.({ confirm: false, cancel: true })) as never);
  await (page.instance as unknown as { onDissolve(): Promise<void> }).onDissolve();
  expect(cancel).toHaveBeenCalledWith(expect.objectContaining({ title: '解散组织', confirmText: '解散' }));
  const [before] = (await serverDb(emu).collection('organizations').where({ _id: orgId }).get()).data as Array<{ status: string }>;
  expect(before!.status).toBe('verified');
  cancel.mockRestore();

  await tap(page, '#dissolve');
  await waitFor(() => textOf(page, '#org-status') === '已解散');
  expect(textOf(page, '#status-note')).toContain('已解散');
  shot(page, 'dissolved');
  const told = (await serverDb(emu).collection('notifications').where({ recipientUserId: userIdOf('openid-joiner') }).get()).data as Array<{ kind: string }>;
  expect(told.map((n) => n.kind)).toContain('org.dissolved');
});
