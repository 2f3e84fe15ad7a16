/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 我们的项目 through the real `project` function: an organization's drafts and published projects for its admin, a
// poster for a published one opened full screen, and a stranger refused.
import type { ProjectInput } from '../../../typings/project-actions';
import { startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { PAGE_SETTINGS, confirmedRecords } from '../../test-support/certificates';
import { serverDb } from '../../test-support/emulator';
import { registerVolunteer } from '../../test-support/people';
import { call } from '../../services/api';
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
  // One volunteer per bulk-issue call, so the page's progress shows call by call.
  emu = await startLocalCloud({ functionEnv: { ...orgSupport.functionEnv, ZY_CERTIFICATE_BULK_BUDGET_MS: '0' } });
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

test('批量开具证明 issues everyone who served one certificate, call by call with progress, and says what it did', async () => {
  const orgName = '仓山区青年志愿者协会';
  const p = await fixtures.publisher(emu, orgName);
  const projectId = await fixtures.published(p, support.formStartingIn(new Date(), 2, { title: '江滨环保行动' }));
  const db = serverDb(emu);
  const project = (await db.collection('projects').where({ _id: projectId }).get()).data[0] as { startsAt: Date };
  const day = new Date(new Date(project.startsAt).getTime() + 8 * 3600_000).toISOString().slice(0, 10);
  await db.collection('projects').doc(projectId).update({ data: { status: 'finished' } });
  await db.collection('organizations').doc(p.orgId).update({ data: { certificateSettings: { ...PAGE_SETTINGS, seal: { kind: 'text', text: orgName } } } });
  const served = ['openid-bulk-page-1', 'openid-bulk-page-2', 'openid-bulk-page-3'];
  for (const [i, openid] of served.entries()) {
    await registerVolunteer(bridge, openid, ['陈一鸣', '王二丫', '张三丰'][i]!);
    await confirmedRecords(emu, openid, [{ orgId: p.orgId, orgName, name: '江滨环保行动', date: day, minutes: 120, projectId }]);
  }

  bridge.actAs(p.admin.openid);
  const page = await open(p.orgId);
  const modal = jest.spyOn(wx, 'showModal').mockImplementation(((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: true, cancel: false })) as never);
  const progress: string[] = [];
  const setData = page.instance.setData.bind(page.instance);
  jest.spyOn(page.instance, 'setData').mockImplementation(((d: { bulk?: { text: string } }) => {
    if (d.bulk?.text) progress.push(d.bulk.text);
    return setData(d as never);
  }) as never);
  await (page.instance as unknown as { onBulkCertify(e: object): Promise<void> }).onBulkCertify({ currentTarget: { dataset: { id: projectId, title: '江滨环保行动' } } });

  expect(progress).toEqual(expect.arrayContaining(['正在开具证明 1/3', '正在开具证明 2/3']));
  expect(textOf(page, '#certify-progress-0')).toBe('已开具 3 份证明（共 3 位志愿者）');
  expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '批量开具完成', content: '已开具 3 份证明。' }));
  const issued = (await db.collection('certificates').where({ issuerOrgId: p.orgId, status: 'issued' }).get()).data as Array<{ _id: string; number: string; volunteerId: string }>;
  expect(issued).toHaveLength(3);
  expect(new Set(issued.map((c) => c.number)).size).toBe(3);
  // Each volunteer opens their own on 证明详情 (a bulk certificate's id has the batch and volunteer in it).
  bridge.actAs(served[0]!);
  const mine = await call('certificate', 'mine', {});
  if (!mine.ok) throw new Error(mine.error.code);
  const own = mine.data.certificates[0]!;
  expect(await call('certificate', 'detail', { certificateId: own.certificateId })).toMatchObject({ ok: true, data: { status: 'issued', recordCount: 1, totalMinutes: 120 } });
  bridge.actAs(p.admin.openid);
  shot(page, 'bulk-certified');

  // Again: everyone already holds a live certificate for the project's period — nothing new is issued.
  await (page.instance as unknown as { onBulkCertify(e: object): Promise<void> }).onBulkCertify({ currentTarget: { dataset: { id: projectId, title: '江滨环保行动' } } });
  expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ content: expect.stringContaining('跳过 3 位志愿者') }));
  expect((await db.collection('certificates').where({ issuerOrgId: p.orgId }).get()).data).toHaveLength(3);
});
