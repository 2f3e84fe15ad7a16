/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 组织主页 through the real `organization` function: an admin sees the first 20 members, and 加载更多 brings the
// rest a page at a time until the button goes.
import { userIdOf } from '../../../cloudfunctions/_shared/documents/ids';
import { call } from '../../services/api';
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { registerVolunteer } from '../../test-support/people';
import { load, render, shot, tap, waitFor, type Rendered } from '../../test-support/simulate';

let emu: LocalCloud;
let bridge: EmulatorBridge;
let homeId: string;
let orgId: string;
const MEMBERS = 30;

beforeAll(async () => {
  emu = await startLocalCloud();
  homeId = load('org/home/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-home-admin');
  await registerVolunteer(bridge, 'openid-home-admin', '林海');
  const registered = await call('organization', 'register', {
    name: '鼓楼社区互助队',
    kind: 'grassroots',
    regionCode: '350102',
    regionNames: ['福建省', '福州市', '鼓楼区'],
    address: '五四路100号',
    personInCharge: '林海',
    contact: { name: '林海', phone: '13812345678' },
  });
  if (!registered.ok) throw new Error(registered.error.code);
  orgId = registered.data.orgId;
  for (let i = 0; i < MEMBERS; i++) {
    const userId = userIdOf(`openid-home-member-${i}`);
    const since = new Date(Date.parse('2026-03-01T00:00:00Z') + i * 60_000);
    await serverDb(emu)
      .collection('memberships')
      .add({ data: { _id: `${orgId}_${userId}`, orgId, userId, role: 'member', status: 'active', requestCount: 1, requestedAt: since, since } });
  }
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

const memberRows = (page: Rendered) => (page.querySelectorAll('#members .row') as unknown[]).length;

test('the first 20 members, then 加载更多 until every one is listed', async () => {
  bridge.actAs('openid-home-admin');
  const page = render(homeId);
  await (page.instance as unknown as { onLoad(q: Record<string, string>): Promise<void> }).onLoad({ orgId });
  expect(memberRows(page)).toBe(20);
  expect(page.querySelector('#more-members')).toBeTruthy();
  shot(page, 'members-first-page');
  await tap(page, '#more-members');
  await waitFor(() => memberRows(page) === MEMBERS + 1);
  expect(page.querySelector('#more-members')).toBeFalsy();
  shot(page, 'members-all');
});
