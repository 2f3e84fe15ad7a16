/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 录入时长 through the real `records` function: an admin enters yesterday's hours for picked members and sees the
// outcome, generates hour codes shown once with the project's batches below, and records a 补录 for a member; someone
// who is not an admin is told so.
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { fire, load, render, shot, tap, textOf, typeInto, waitFor, type Rendered } from '../../test-support/simulate';

interface Volunteer {
  openid: string;
  userId: string;
  volunteerId: string;
}
interface World {
  admin: Volunteer;
  orgId: string;
  orgName: string;
  project: { _id: string };
}
/* eslint-disable @typescript-eslint/no-require-imports */
const orgSupport = require('../../../cloudfunctions/organization/test-support') as { functionEnv: Record<string, string>; TINY_JPEG: string };
const support = require('../../../cloudfunctions/records/test-support') as {
  organizationWithProject(emu: unknown, prefix: string): Promise<World>;
  members(emu: unknown, world: World, count: number, prefix: string): Promise<Volunteer[]>;
};
/* eslint-enable @typescript-eslint/no-require-imports */

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;
let world: World;
let people: Volunteer[];

beforeAll(async () => {
  emu = await startLocalCloud({ functionEnv: orgSupport.functionEnv });
  pageId = load('org/hour-entry/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
  world = await support.organizationWithProject(emu, 'entry-page');
  people = await support.members(emu, world, 2, 'entry-page-m');
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

const yesterday = () => new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);

async function open(openid: string): Promise<Rendered> {
  bridge.actAs(openid);
  const page = render(pageId);
  await (page.instance as unknown as { onLoad(q: Record<string, string>): Promise<void> }).onLoad({ orgId: world.orgId });
  return page;
}

async function recordsOf(v: Volunteer): Promise<Array<Record<string, unknown>>> {
  return (await serverDb(emu).collection('serviceRecords').where({ volunteerId: v.volunteerId }).get()).data;
}

async function yesterdayMorning(page: Rendered): Promise<void> {
  await fire(page, '#date', 'change', { value: yesterday() });
  await fire(page, '#startTime', 'change', { value: '09:00' });
  if (page.querySelector('#endTime')) await fire(page, '#endTime', 'change', { value: '11:30' });
}

test('批量录入: pick the members, the time; the outcome says how many were recorded, pending', async () => {
  const page = await open(world.admin.openid);
  expect(textOf(page, '#project')).toBe('西湖公园环保行动');
  await tap(page, '#submit-bulk');
  expect(textOf(page, '#entry-error')).toBe('请至少选择一位志愿者');
  await tap(page, '#pick-all');
  await yesterdayMorning(page);
  shot(page, 'bulk-picked');
  await tap(page, '#submit-bulk');
  await waitFor(() => textOf(page, '#progress'));
  // The admin is a member too: three people, each with one pending record.
  expect(textOf(page, '#progress')).toBe('录入完成：3 人已录入，待确认');
  shot(page, 'bulk-done');
  for (const v of people) expect(await recordsOf(v)).toEqual([expect.objectContaining({ source: 'bulk', status: 'pending', minutes: 150 })]);
});

test('时长码: generated codes are shown once to copy; the project\'s batches list how many are used', async () => {
  const page = await open(world.admin.openid);
  await tap(page, '#mode-codes');
  await typeInto(page, '#codeCount', '3');
  await typeInto(page, '#codeHours', '1.5');
  await yesterdayMorning(page);
  await tap(page, '#submit-codes');
  await waitFor(() => page.querySelector('#issued') && page.querySelector('#batch-0'));
  expect(textOf(page, '#issued')).toMatch(/时长码只显示这一次[\s\S]*1\.[\s\S]*[2-9A-Z]{4}-[2-9A-Z]{4}[\s\S]*3\./);
  expect(textOf(page, '#batch-0')).toMatch(/西湖公园环保行动 · 每码 1\.5 小时[\s\S]*已使用 0\/3/);
  shot(page, 'codes-issued');
  const copy = jest.spyOn(wx, 'setClipboardData').mockImplementation(((o: { success?: () => void }) => o.success?.()) as never);
  await tap(page, '#copy-codes');
  expect(copy).toHaveBeenCalledWith(expect.objectContaining({ data: expect.stringMatching(/^1\. [2-9A-Z]{4}-[2-9A-Z]{4}\n2\. /) }));
});

test('补录 for a member needs the reason and a photo; it is labelled 补录', async () => {
  const page = await open(world.admin.openid);
  await tap(page, '#mode-makeup');
  expect(textOf(page, '#makeup-label')).toBe('补录');
  await fire(page, '#makeup-member', 'change', { value: '1' });
  await fire(page, '#date', 'change', { value: yesterday() });
  await fire(page, '#startTime', 'change', { value: '14:00' });
  await fire(page, '#endTime', 'change', { value: '15:00' });
  await typeInto(page, '#activityName', '防汛物资整理');
  await typeInto(page, '#reason', '当天忘记签到');
  await tap(page, '#submit-makeup');
  expect(textOf(page, '#entry-error')).toBe('补录需要上传证据照片（如活动照片、签到表）');
  jest.spyOn(wx, 'chooseMedia').mockImplementation(((o: { success?: (r: unknown) => void }) =>
    o.success?.({ tempFiles: [{ tempFilePath: 'http://tmp/sheet.jpg', size: 1000, fileType: 'image' }], type: 'image' })) as never);
  jest.spyOn(wx, 'compressImage').mockImplementation(((o: { src: string; success?: (r: unknown) => void }) => o.success?.({ tempFilePath: o.src })) as never);
  jest.spyOn(wx, 'getFileSystemManager').mockReturnValue({ readFile: (o: { success?: (r: unknown) => void }) => o.success?.({ data: orgSupport.TINY_JPEG }) } as never);
  await tap(page, '#choose-photo');
  await waitFor(() => page.querySelector('#photo-chosen'));
  await tap(page, '#submit-makeup');
  await waitFor(() => textOf(page, '#notice'));
  expect(textOf(page, '#notice')).toMatch(/^已为.+补录，待确认$/);
  shot(page, 'makeup-sent');
  const made = (await Promise.all(people.map(recordsOf))).flat().filter((r) => r.source === 'makeup');
  expect(made).toEqual([expect.objectContaining({ makeupReason: '当天忘记签到', status: 'pending', minutes: 60 })]);
});

test('someone who is not an admin is told only admins enter hours', async () => {
  const page = await open(people[0]!.openid);
  expect(textOf(page, '#error')).toBe('只有该组织的管理员可以录入时长');
  shot(page, 'not-admin');
});
