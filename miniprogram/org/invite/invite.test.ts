/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 管理员邀请 through the real `organization` function: the landing page names the organization before anyone
// accepts, accepting makes the caller an admin, and a used code says so.
import { call } from '../../services/api';
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { registerVolunteer } from '../../test-support/people';
import { load, render, shot, textOf, waitFor, type Rendered } from '../../test-support/simulate';

const ADMIN = 'openid-invite-platform-admin';
let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;
let orgId: string;
let code: string;

beforeAll(async () => {
  emu = await startLocalCloud({ functionEnv: { PLATFORM_ADMIN_OPENIDS: ADMIN } });
  pageId = load('org/invite/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
  await registerVolunteer(bridge, 'openid-invite-founder', '林海');
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
  bridge.actAs('openid-invite-founder');
  const invite = await call('organization', 'createInvite', { orgId });
  if (!invite.ok) throw new Error(invite.error.message);
  code = invite.data.code;
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

async function openAs(openid: string, query: Record<string, string>): Promise<Rendered> {
  bridge.actAs(openid);
  const page = render(pageId);
  await (page.instance as unknown as { onLoad(q: object): Promise<void> }).onLoad(query);
  return page;
}

test('the page names the inviting organization, and accepting makes the caller an admin', async () => {
  await registerVolunteer(bridge, 'openid-invite-new-admin', '陈晓');
  const page = await openAs('openid-invite-new-admin', { code });
  expect(textOf(page, '#org-name')).toBe('「鼓楼社区互助队」');
  expect(textOf(page, '#org-region')).toBe('福建省 福州市 鼓楼区');
  expect(textOf(page, '#valid-until')).toMatch(/^有效期至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
  expect(textOf(page, '#invite-code')).toBe(code);
  shot(page, 'invitation');

  page.querySelector('#accept')?.dispatchEvent('tap');
  await waitFor(() => textOf(page, '#accepted') === '你已成为「鼓楼社区互助队」的管理员');
  shot(page, 'accepted');
  const memberships = (await serverDb(emu).collection('memberships').where({ orgId, status: 'active', role: 'admin' }).get()).data;
  expect(memberships).toHaveLength(2);

  // Coming back to the same share card later shows it as already accepted.
  const again = await openAs('openid-invite-new-admin', { code });
  expect(textOf(again, '#accepted')).toBe('你已成为「鼓楼社区互助队」的管理员');
});

test('a used code, or a broken link, is explained instead of offering to accept', async () => {
  const used = await openAs('openid-invite-latecomer', { code });
  // The server's one text for INVITE_USED, not a page's own wording.
  expect(textOf(used, '#failure')).toBe('这个邀请码已经被使用过了，请联系管理员重新邀请');
  shot(used, 'used');
  const broken = await openAs('openid-invite-latecomer', {});
  expect(textOf(broken, '#failure')).toBe('邀请链接不完整，请向管理员重新索取');
  shot(broken, 'broken-link');
});
