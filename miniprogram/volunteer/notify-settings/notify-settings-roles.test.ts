/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 消息设置 by role, through the real `notify` function: a volunteer sees only the kinds that reach a volunteer (their
// own and a requester's help kinds), an organization admin the 组织 kinds and the admin's help kinds too, an admin of
// a verified organization the verification of help requests; a switch the server no longer lets the person use
// (the admin role was taken away while the page was open) is put back with the server's words.
import { userIdOf } from '../../../cloudfunctions/_shared/documents/ids';
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { registerVolunteer } from '../../test-support/people';
import { fire, load, render, shot, textOf, waitFor, type Rendered } from '../../test-support/simulate';

interface Publisher {
  admin: { openid: string; userId: string };
  orgId: string;
}
/* eslint-disable @typescript-eslint/no-require-imports */
const fixtures = require('../../../cloudfunctions/project/fixtures') as { publisher(emu: unknown, name: string): Promise<Publisher> };
const orgSupport = require('../../../cloudfunctions/organization/test-support') as { functionEnv: Record<string, string> };
/* eslint-enable @typescript-eslint/no-require-imports */

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;

beforeAll(async () => {
  emu = await startLocalCloud({ functionEnv: orgSupport.functionEnv });
  pageId = load('volunteer/notify-settings/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

async function open(openid: string): Promise<Rendered> {
  bridge.actAs(openid);
  const page = render(pageId);
  await (page.instance as unknown as { onLoad(): Promise<void> }).onLoad();
  return page;
}

type Group = { name: string; kinds: Array<{ kind: string; label: string; on: boolean }> };
const groupsOf = (page: Rendered): Group[] => page.data.view.groups;
const groupNames = (page: Rendered) => groupsOf(page).map((g) => g.name);
const kindsOf = (page: Rendered) => groupsOf(page).flatMap((g) => g.kinds.map((k) => k.kind));

test('a volunteer: their own groups, the help a requester hears of, of 组织 only what answers them; no 平台 switches', async () => {
  const openid = 'openid-settings-role-volunteer';
  await registerVolunteer(bridge, openid, '陈志愿');
  const page = await open(openid);
  expect(groupNames(page)).toEqual(['提醒', '报名', '服务时长', '证明', '项目', '求助', '组织']);
  // What answers their own request to join, claim or take over an organization; nothing its admins hear.
  expect(groupsOf(page).find((g) => g.name === '组织')!.kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(['org.joinDecided', 'org.handOverOffered']));
  expect(kindsOf(page)).toEqual(expect.arrayContaining(['help.urgentNearby', 'help.verified', 'help.served']));
  for (const absent of ['help.awaitingVerification', 'help.offered', 'help.rated', 'project.reviewed', 'digest.orgDaily']) expect(kindsOf(page)).not.toContain(absent);
  expect(textOf(page, '#row-help-urgentNearby')).toContain('附近紧急求助');
  expect(page.querySelector('#row-org-joinRequested')).toBeFalsy();
  shot(page, 'volunteer-kinds');
});

test('an admin of a verified organization: the 组织 group, the admin’s help kinds and the verification of needs', async () => {
  const org = await fixtures.publisher(emu, '鼓楼区消息设置志愿服务队');
  const page = await open(org.admin.openid);
  expect(groupNames(page)).toEqual(['提醒', '报名', '服务时长', '证明', '项目', '求助', '组织']);
  expect(kindsOf(page)).toEqual(expect.arrayContaining(['help.awaitingVerification', 'help.offered', 'help.offerClosed', 'help.rated', 'org.joinRequested', 'project.reviewed']));
  expect(kindsOf(page)).not.toContain('hours.totalsDifference');
  expect(textOf(page, '#row-help-awaitingVerification')).toContain('求助待核实（核实人）');
  shot(page, 'admin-kinds');
});

test('the admin role taken away while the page is open: turning an admin’s kind off is refused and put back', async () => {
  const org = await fixtures.publisher(emu, '鼓楼区卸任志愿服务队');
  const page = await open(org.admin.openid);
  expect(kindsOf(page)).toContain('org.joinRequested');

  await serverDb(emu).collection('memberships').doc(`${org.orgId}_${org.admin.userId}`).update({ data: { role: 'member' } });
  const toast = jest.spyOn(wx, 'showToast');
  await fire(page, '#kind-org-joinRequested', 'change', { value: false });
  await waitFor(() => toast.mock.calls.length > 0);
  expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '「新的入队申请」只发给组织管理员，你的账号不会收到，无需设置' }));
  expect(groupsOf(page).flatMap((g) => g.kinds).find((k) => k.kind === 'org.joinRequested')?.on).toBe(true);
  const stored = await serverDb(emu).collection('notificationPreferences').where({ _id: userIdOf(org.admin.openid) }).get();
  expect(stored.data).toEqual([]);

  // Opened again, the page lists what reaches a member now.
  expect(kindsOf(await open(org.admin.openid))).not.toContain('org.joinRequested');
});
