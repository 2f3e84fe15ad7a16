/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 组织主页's 加入申请 through the real `organization` function: 同意 and 拒绝 ask first (wx.showModal), 取消 changes
// nothing, and a confirmed decision reaches the database once.
import { call } from '../../services/api';
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { registerVolunteer } from '../../test-support/people';
import { load, render, shot, tap, textOf, typeInto, waitFor, type Rendered } from '../../test-support/simulate';

const ADMIN = 'openid-decide-platform-admin';
const FOUNDER = 'openid-decide-founder';
let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;
let orgId: string;

type ModalOptions = { title: string; content: string; confirmText: string; confirmColor?: string; success?: (r: { confirm: boolean; cancel: boolean }) => void };

/** wx.showModal answering as the person would: 确定 (true) or 取消 (false); the options it was shown are kept. */
function answerModal(confirm: boolean) {
  return jest.spyOn(wx, 'showModal').mockImplementation(((o: ModalOptions) => o.success?.({ confirm, cancel: !confirm })) as never);
}

beforeAll(async () => {
  emu = await startLocalCloud({ functionEnv: { PLATFORM_ADMIN_OPENIDS: ADMIN } });
  pageId = load('org/home/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
  await registerVolunteer(bridge, FOUNDER, '林海');
  const registered = await call('organization', 'register', {
    name: '鼓楼社区互助队',
    kind: 'grassroots',
    regionCode: '350102',
    regionNames: ['福建省', '福州市', '鼓楼区'],
    address: '福州市鼓楼区五四路100号',
    personInCharge: '林海',
    contact: { name: '林海', phone: '13800001111' },
  });
  if (!registered.ok) throw new Error(registered.error.message);
  orgId = registered.data.orgId;
  bridge.actAs(ADMIN);
  await call('organization', 'review', { orgId, decision: 'approve' });
  for (const [openid, name] of [['openid-decide-a', '陈晓'], ['openid-decide-b', '王芳']] as const) {
    await registerVolunteer(bridge, openid, name);
    const asked = await call('organization', 'requestJoin', { orgId });
    if (!asked.ok) throw new Error(asked.error.message);
  }
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

async function openAsFounder(): Promise<Rendered> {
  bridge.actAs(FOUNDER);
  const page = render(pageId);
  await (page.instance as unknown as { onLoad(q: object): Promise<void> }).onLoad({ orgId });
  return page;
}

async function membershipOf(openid: string) {
  const [user] = (await serverDb(emu).collection('users').where({ openid }).get()).data;
  return (await serverDb(emu).collection('memberships').where({ orgId, userId: String(user!._id) }).get()).data[0];
}

const userIdOf = async (openid: string) => String((await serverDb(emu).collection('users').where({ openid }).get()).data[0]!._id);

test('同意 asks first: 取消 leaves the request pending, 确定 makes the applicant a member', async () => {
  const a = await userIdOf('openid-decide-a');
  const page = await openAsFounder();
  expect(textOf(page, `#request-${a}`)).toContain('陈晓');
  shot(page, 'join-requests');

  const cancelled = answerModal(false);
  await tap(page, `#request-${a} .btn-primary`);
  await waitFor(() => cancelled.mock.calls.length === 1);
  expect(cancelled.mock.calls[0]![0]).toMatchObject({ title: '同意加入', content: expect.stringContaining('同意陈晓加入本组织'), confirmText: '同意' });
  expect((await membershipOf('openid-decide-a'))?.status).toBe('pending');
  expect(page.querySelector(`#request-${a}`)).toBeTruthy();

  jest.restoreAllMocks();
  answerModal(true);
  await tap(page, `#request-${a} .btn-primary`);
  await waitFor(() => !page.querySelector(`#request-${a}`));
  expect((await membershipOf('openid-decide-a'))?.status).toBe('active');
});

test('拒绝 with a reason asks first, in the danger colour, and then declines once', async () => {
  const b = await userIdOf('openid-decide-b');
  const page = await openAsFounder();
  await tap(page, `#request-${b} .btn-plain`);
  await typeInto(page, `#request-${b} .decline .input`, '本期人数已满');
  shot(page, 'declining');

  const cancelled = answerModal(false);
  await tap(page, `#request-${b} .decline .btn-primary`);
  await waitFor(() => cancelled.mock.calls.length === 1);
  expect(cancelled.mock.calls[0]![0]).toMatchObject({ title: '拒绝申请', confirmText: '拒绝', confirmColor: '#C4301F', content: expect.stringContaining('你填写的理由') });
  expect((await membershipOf('openid-decide-b'))?.status).toBe('pending');

  jest.restoreAllMocks();
  answerModal(true);
  await tap(page, `#request-${b} .decline .btn-primary`);
  await waitFor(() => !page.querySelector(`#request-${b}`));
  expect(await membershipOf('openid-decide-b')).toMatchObject({ status: 'declined' });
});
