/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 登记时长 through the real `records` function: a member declares service for their organization, asks for a 补录
// (evidence photo required, labelled 补录), and redeems an hour code; each answer says the record waits for the
// organization's confirmation, and the form's own checks land on their fields before anything is sent.
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { fire, load, render, shot, tap, textOf, typeInto, waitFor, type Rendered } from '../../test-support/simulate';

interface Volunteer {
  openid: string;
  userId: string;
  volunteerId: string;
  as: { call(fn: string, action: string, payload: object): Promise<{ ok: boolean; data?: { codes: Array<{ code: string }> } }> };
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
  hoursAgo(hours: number): string;
};
/* eslint-enable @typescript-eslint/no-require-imports */

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;
let world: World;
let member: Volunteer;

beforeAll(async () => {
  emu = await startLocalCloud({ functionEnv: orgSupport.functionEnv });
  pageId = load('volunteer/declare/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
  world = await support.organizationWithProject(emu, 'declare-page');
  [member] = (await support.members(emu, world, 1, 'declare-page-m')) as [Volunteer];
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

const yesterday = () => new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);

async function open(mode?: string): Promise<Rendered> {
  bridge.actAs(member.openid);
  const page = render(pageId);
  await (page.instance as unknown as { onLoad(q: Record<string, string>): Promise<void> }).onLoad(mode ? { mode } : {});
  return page;
}

function photoPicked(): void {
  jest.spyOn(wx, 'chooseMedia').mockImplementation(((o: { success?: (r: unknown) => void }) =>
    o.success?.({ tempFiles: [{ tempFilePath: 'http://tmp/evidence.jpg', size: 1000, fileType: 'image' }], type: 'image' })) as never);
  jest.spyOn(wx, 'compressImage').mockImplementation(((o: { src: string; success?: (r: unknown) => void }) => o.success?.({ tempFilePath: o.src })) as never);
  jest.spyOn(wx, 'getFileSystemManager').mockReturnValue({ readFile: (o: { success?: (r: unknown) => void }) => o.success?.({ data: orgSupport.TINY_JPEG }) } as never);
}

async function records(): Promise<Array<Record<string, unknown>>> {
  return (await serverDb(emu).collection('serviceRecords').where({ volunteerId: member.volunteerId }).get()).data;
}

test('a member declares yesterday\'s service: pending, and the page says it waits for the organization', async () => {
  const page = await open();
  expect(textOf(page, '#org')).toBe(world.orgName);
  shot(page, 'declare-empty');
  await tap(page, '#submit');
  expect(textOf(page, '#activityName-error')).toBe('请填写活动名称');
  expect(await records()).toEqual([]);
  await typeInto(page, '#activityName', '社区敬老院陪伴');
  await fire(page, '#date', 'change', { value: yesterday() });
  await fire(page, '#startTime', 'change', { value: '09:00' });
  await fire(page, '#endTime', 'change', { value: '11:30' });
  await tap(page, '#submit');
  await waitFor(() => textOf(page, '#notice'));
  expect(textOf(page, '#notice')).toBe(`已提交自主申报：「社区敬老院陪伴」${yesterday()} 服务 2.5 小时，待「${world.orgName}」确认后计入时长`);
  shot(page, 'declared');
  expect(await records()).toEqual([expect.objectContaining({ source: 'declaration', status: 'pending', minutes: 150 })]);
});

test('补录 asks for the reason and a photo, and is labelled 补录', async () => {
  const page = await open('makeup');
  expect(textOf(page, '#makeup-label')).toBe('补录');
  await typeInto(page, '#activityName', '河道清洁');
  await fire(page, '#date', 'change', { value: yesterday() });
  await fire(page, '#startTime', 'change', { value: '14:00' });
  await fire(page, '#endTime', 'change', { value: '16:00' });
  await tap(page, '#submit');
  expect(textOf(page, '#reason-error')).toBe('请说明当时为什么没有记录');
  expect(textOf(page, '#photo-error')).toBe('补录需要上传证据照片（如活动照片、签到表）');
  shot(page, 'makeup-errors');
  photoPicked();
  await tap(page, '#choose-photo');
  await waitFor(() => page.querySelector('#photo-chosen'));
  await typeInto(page, '#reason', '当天签到系统故障');
  await tap(page, '#submit');
  await waitFor(() => textOf(page, '#notice'));
  expect(textOf(page, '#notice')).toMatch(/^已提交补录：「河道清洁」.* 服务 2\.0 小时，待「.*」确认后计入时长$/);
  shot(page, 'makeup-sent');
  expect(await records()).toEqual(expect.arrayContaining([expect.objectContaining({ source: 'makeup', makeupReason: '当天签到系统故障', status: 'pending' })]));
});

test('an hour code: a wrong one is refused on the field; the right one is recorded once', async () => {
  // 14:00 Beijing three days ago: clear of yesterday's declaration and make-up above, whatever the time of day the test runs.
  const threeDaysAgo = new Date(Math.floor((Date.now() - 3 * 86_400_000) / 86_400_000) * 86_400_000 + 6 * 3_600_000).toISOString();
  const made = await world.admin.as.call('records', 'createHourCodes', { projectId: world.project._id, count: 1, startsAt: threeDaysAgo, minutes: 90, kind: 'service', expiresAt: new Date(Date.now() + 86_400_000).toISOString() });
  const code = made.data!.codes[0]!.code;
  const page = await open('code');
  await typeInto(page, '#code', '2222-2222');
  await tap(page, '#redeem');
  await waitFor(() => textOf(page, '#code-error'));
  expect(textOf(page, '#code-error')).toBe('时长码不正确，请核对后重新输入');
  shot(page, 'code-wrong');
  await typeInto(page, '#code', code.toLowerCase());
  await tap(page, '#redeem');
  await waitFor(() => textOf(page, '#notice'));
  expect(textOf(page, '#notice')).toMatch(/^已提交时长码：「西湖公园环保行动」.* 服务 1\.5 小时，待「.*」确认后计入时长$/);
  shot(page, 'code-redeemed');
  await typeInto(page, '#code', code);
  await tap(page, '#redeem');
  await waitFor(() => textOf(page, '#code-error'));
  expect(textOf(page, '#code-error')).toBe('你已经用这批时长码登记过这次活动，无需重复登记');
  expect((await records()).filter((r) => r.source === 'hourCode')).toHaveLength(1);
});
