/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 我们的项目 through the real `project` function: an organization's drafts and published projects for its admin, a
// poster for a published one opened full screen, and a stranger refused.
import type { ProjectInput } from '../../../typings/project-actions';
import { startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { load, render, shot, textOf, type Rendered } from '../../test-support/simulate';

interface Publisher {
  admin: { openid: string };
  orgId: string;
}
/* eslint-disable @typescript-eslint/no-require-imports */
const fixtures = require('../../../cloudfunctions/project/fixtures') as {
  publisher(emu: unknown, name: string): Promise<Publisher>;
  draft(p: Publisher, form: ProjectInput): Promise<string>;
  published(p: Publisher, form: ProjectInput): Promise<string>;
};
const support = require('../../../cloudfunctions/project/test-support') as {
  formStartingIn(now: Date, daysAhead: number, overrides?: Partial<ProjectInput>): ProjectInput;
};
const orgSupport = require('../../../cloudfunctions/organization/test-support') as { functionEnv: Record<string, string> };
/* eslint-enable @typescript-eslint/no-require-imports */

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;

beforeAll(async () => {
  emu = await startLocalCloud({ functionEnv: orgSupport.functionEnv });
  pageId = load('org/projects/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

async function open(orgId: string): Promise<Rendered> {
  const page = render(pageId);
  await (page.instance as unknown as { onLoad(q: Record<string, string>): Promise<void> }).onLoad({ orgId });
  return page;
}

test('an admin sees drafts and published projects; a poster opens full screen', async () => {
  const p = await fixtures.publisher(emu, '鼓楼区阳光志愿服务中心');
  await fixtures.draft(p, support.formStartingIn(new Date(), 4, { title: '还在写的草稿' }));
  const projectId = await fixtures.published(p, support.formStartingIn(new Date(), 3, { title: '社区助老陪伴' }));
  bridge.actAs(p.admin.openid);
  const page = await open(p.orgId);
  expect(textOf(page, '#row-0')).toMatch(/社区助老陪伴[\s\S]*招募中/);
  expect(textOf(page, '#row-1')).toMatch(/还在写的草稿[\s\S]*草稿/);
  expect(page.querySelector('#poster-1')).toBeFalsy();
  shot(page, 'list');
  const preview = jest.spyOn(wx, 'previewImage').mockImplementation((() => undefined) as never);
  await (page.instance as unknown as { onPoster(e: object): Promise<void> }).onPoster({ currentTarget: { dataset: { id: projectId } } });
  expect(preview).toHaveBeenCalledWith(expect.objectContaining({ urls: [expect.stringMatching(/^http/)] }));
  expect(emu.wechat.calls.filter((c) => c.api === 'wxacode.getUnlimited')).toHaveLength(1);
});

test('someone who is not its admin is told who may see it', async () => {
  const p = await fixtures.publisher(emu, '另一个组织');
  bridge.actAs('openid-projects-stranger');
  const page = await open(p.orgId);
  expect(textOf(page, '#error')).toContain('只有该组织的管理员可以发布和管理它的项目');
  shot(page, 'forbidden');
});
