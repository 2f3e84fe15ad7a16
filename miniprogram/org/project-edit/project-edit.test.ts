/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 发布项目 through the real `project` function: an admin fills the whole form (the place picked on the map, a cover
// through uploadCover), submits and finds the project in 发现; refusals land under their fields, a flagged title says
// WeChat's label, a repeat rule previews its shifts, a draft comes back to edit, and a published shift changed after
// the confirm reaches the signed-up volunteer's inbox.
import type { ProjectInput } from '../../../typings/project-actions';
import { call } from '../../services/api';
import { startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { fire, load, propertyOf, render, shot, tap, textOf, typeInto, waitFor, type Rendered } from '../../test-support/simulate';

interface Publisher {
  admin: { openid: string };
  orgId: string;
}
interface Volunteer {
  openid: string;
  userId: string;
}
/* eslint-disable @typescript-eslint/no-require-imports */
const fixtures = require('../../../cloudfunctions/project/fixtures') as {
  publisher(emu: unknown, name?: string): Promise<Publisher>;
  draft(p: Publisher, form: ProjectInput): Promise<string>;
  published(p: Publisher, form: ProjectInput): Promise<string>;
  signUp(emu: unknown, shiftId: string, volunteer: Volunteer): Promise<void>;
  registerVolunteer(emu: unknown, openid: string, name: string): Promise<Volunteer>;
};
const support = require('../../../cloudfunctions/project/test-support') as {
  formStartingIn(now: Date, daysAhead: number, overrides?: Partial<ProjectInput>): ProjectInput;
  shiftOf(projectId: string, n: number): string;
};
const orgSupport = require('../../../cloudfunctions/organization/test-support') as { functionEnv: Record<string, string> };
/* eslint-enable @typescript-eslint/no-require-imports */

type Emu = LocalCloud & { wechat: { flagText(term: string, verdict: { suggest: string; label: number }): void } };
let emu: Emu;
let bridge: EmulatorBridge;
let pageId: string;

beforeAll(async () => {
  emu = (await startLocalCloud({ functionEnv: orgSupport.functionEnv })) as Emu;
  pageId = load('org/project-edit/index', { 'privacy-popup': load('components/privacy-popup/index', undefined, 'privacy-popup') });
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

/** The smallest JPEG header the server's check reads, as base64 ('/9j/…'). */
const JPEG_BASE64 = Buffer.from('ffd8ffe000104a46494600010100000100010000ffdb', 'hex').toString('base64');

/** 'YYYY-MM-DD' in Shanghai, `days` from today. */
function shanghaiDay(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

interface EditPage {
  onLoad(q: Record<string, string>): Promise<void>;
  onChooseLocation(): Promise<void>;
  onChooseCover(): Promise<void>;
  onSaveDraft(): Promise<void>;
  onSubmit(): Promise<void>;
  onUpdateShift(e: object): Promise<void>;
  onChangePlace(): Promise<void>;
}
const methods = (page: Rendered) => page.instance as unknown as EditPage;

async function open(query: Record<string, string>): Promise<Rendered> {
  const page = render(pageId);
  await methods(page).onLoad(query);
  return page;
}

function placePicked(): void {
  jest.spyOn(wx, 'chooseLocation').mockImplementation(((o: { success?: (r: unknown) => void }) =>
    o.success?.({ name: '五四路社区服务站', address: '福建省福州市鼓楼区五四路100号', latitude: 26.08, longitude: 119.3 })) as never);
}

function coverPicked(base64 = JPEG_BASE64): void {
  jest.spyOn(wx, 'chooseMedia').mockImplementation(((o: { success?: (r: unknown) => void }) =>
    o.success?.({ tempFiles: [{ tempFilePath: 'http://tmp/cover.jpg', size: 2000, fileType: 'image' }], type: 'image' })) as never);
  jest.spyOn(wx, 'compressImage').mockImplementation(((o: { src: string; success?: (r: unknown) => void }) => o.success?.({ tempFilePath: o.src })) as never);
  jest.spyOn(wx, 'getFileSystemManager').mockReturnValue({ readFile: (o: { success?: (r: unknown) => void }) => o.success?.({ data: base64 }) } as never);
}

/** wx.showModal answering as the person would; the options it was shown are kept. */
function modalAnswers(confirm: boolean): jest.SpyInstance {
  return jest.spyOn(wx, 'showModal').mockImplementation(((o: { success?: (r: unknown) => void }) => o.success?.({ confirm, cancel: !confirm })) as never);
}

/** Everything RULES §3 asks, typed and picked as a person does. */
async function fillWholeForm(page: Rendered, title: string): Promise<void> {
  await typeInto(page, '#title', title);
  await fire(page, '#category', 'change', { value: 0 });
  await fire(page, '#objects', 'change', { value: ['elderly', 'urban_residents'] });
  await typeInto(page, '#content', '陪伴社区独居老人聊天、读报');
  await typeInto(page, '#min-age', '16');
  await fire(page, '#minors', 'change', { value: true });
  await typeInto(page, '#guardian-note', '需监护人签署知情同意书');
  placePicked();
  await methods(page).onChooseLocation();
  await fire(page, '#region', 'change', { value: ['福建省', '福州市', '鼓楼区'], code: ['350000', '350100', '350102'] });
  await typeInto(page, '#risk', '户外活动，注意防晒');
  await typeInto(page, '#contact-name', '王五');
  await typeInto(page, '#contact-phone', '13900001111');
  await fire(page, '#shift-date-0', 'change', { value: shanghaiDay(3) });
}

test('an admin fills the whole form, submits, and the project is in 发现 with its cover and place', async () => {
  const p = await fixtures.publisher(emu);
  bridge.actAs(p.admin.openid);
  const page = await open({ orgId: p.orgId });
  shot(page, 'empty');
  expect(textOf(page, '#bottom-bar')).toBe('保存草稿提交');

  await fillWholeForm(page, '周末社区助老陪伴');
  coverPicked();
  await methods(page).onChooseCover();
  await waitFor(() => page.querySelector('#cover-image'));
  expect(String(propertyOf(page, '#cover-image', 'src'))).toMatch(/^http/);
  expect(textOf(page, '#choose-location')).toBe('五四路社区服务站');
  expect(textOf(page, '#region')).toBe('福建省 福州市 鼓楼区');
  shot(page, 'filled');

  await methods(page).onSubmit();
  expect(textOf(page, '#submitted')).toContain('项目已发布，开始招募');
  shot(page, 'published');

  const found = await call('project', 'discover', { sort: 'newest', keyword: '助老陪伴' });
  expect(found.ok && found.data.items.map((i) => i.title)).toContain('周末社区助老陪伴');
  const projectId = found.ok ? found.data.items.find((i) => i.title === '周末社区助老陪伴')!.projectId : '';
  const detail = await call('project', 'get', { projectId });
  if (!detail.ok) throw new Error(detail.error.code);
  expect(detail.data).toMatchObject({
    category: 'community',
    serviceObjects: ['elderly', 'urban_residents'],
    conditions: { minAge: 16, minorsAllowed: true, guardianConsentNote: '需监护人签署知情同意书', scope: 'open' },
    place: { name: '五四路社区服务站', address: '福建省福州市鼓楼区五四路100号', regionCode: '350102', longitude: 119.3, latitude: 26.08, checkinRadiusM: 300 },
    contact: { name: '王五', phoneMasked: '139****1111' },
    cancelCutoffHours: 24,
  });
  expect(detail.data.shifts).toHaveLength(1);
  expect(detail.data.shifts[0]).toMatchObject({ startsAt: new Date(`${shanghaiDay(3)}T09:00:00+08:00`).toISOString(), places: 10 });
  expect(detail.data.admin?.form.coverFileId).toMatch(new RegExp(`/project-covers/${p.orgId}/`));
});

test('the geofence is on by default; switched off, no radius is asked and the project checks no location; on again, the radius returns', async () => {
  const p = await fixtures.publisher(emu);
  bridge.actAs(p.admin.openid);
  const page = await open({ orgId: p.orgId });
  expect(propertyOf(page, '#geofence', 'checked')).toBe(true);
  expect(page.querySelector('#radius')).toBeTruthy();
  await fillWholeForm(page, '线上助学辅导');
  await typeInto(page, '#radius', '');
  await methods(page).onSubmit();
  expect(textOf(page, '#radius-error')).toContain('不核验位置时请关闭“签到核验位置”');

  await fire(page, '#geofence', 'change', { value: false });
  expect(page.querySelector('#radius')).toBeFalsy();
  expect(page.querySelector('#radius-error')).toBeFalsy();
  expect(textOf(page, '#geofence-off-note')).toContain('未核验位置');
  shot(page, 'geofence-off');
  await methods(page).onSubmit();
  expect(textOf(page, '#submitted')).toContain('项目已发布');
  const found = await call('project', 'discover', { sort: 'newest', keyword: '线上助学辅导' });
  const projectId = found.ok ? found.data.items.find((i) => i.title === '线上助学辅导')!.projectId : '';
  const detail = await call('project', 'get', { projectId });
  expect(detail).toMatchObject({ ok: true, data: { place: { checkinRadiusM: 0 } } });

  // Opened again for editing, the switch reads the stored project: off, with the default radius ready if switched on.
  const again = await open({ orgId: p.orgId, projectId });
  expect(propertyOf(again, '#geofence', 'checked')).toBe(false);
  await fire(again, '#geofence', 'change', { value: true });
  expect(propertyOf(again, '#radius', 'value')).toBe('300');
  modalAnswers(true);
  await methods(again).onChangePlace();
  expect(await call('project', 'get', { projectId })).toMatchObject({ ok: true, data: { place: { checkinRadiusM: 300 } } });
});

test('a refusal lands under its field, and typing there clears it', async () => {
  const p = await fixtures.publisher(emu);
  bridge.actAs(p.admin.openid);
  const page = await open({ orgId: p.orgId });
  await fillWholeForm(page, '十月活动补录');
  await methods(page).onSubmit();
  expect(textOf(page, '#title-error')).toBe('项目名称不能含“补录”：已经完成的服务请通过补录功能登记');
  expect(page.querySelector('#submitted')).toBeFalsy();
  shot(page, 'title-refused');

  await typeInto(page, '#title', '十月社区活动');
  expect(page.querySelector('#title-error')).toBeFalsy();
  await typeInto(page, '#risk', '');
  await methods(page).onSubmit();
  expect(textOf(page, '#risk-error')).toBe('请填写风险告知：可能遇到的风险和防护措施（没有明显风险也请说明）');

  // A shift in the past: the message is under that shift's row.
  await typeInto(page, '#risk', '无明显风险');
  await fire(page, '#shift-date-0', 'change', { value: '2020-01-01' });
  await methods(page).onSubmit();
  expect(textOf(page, '#shift-error-0')).toBe('只能发布尚未开始的班次；已经结束的服务请走补录流程');
  // A cover that is not an image is refused before anything is sent.
  const before = bridge.calls.length;
  coverPicked(Buffer.from('GIF89a-not-allowed').toString('base64'));
  await methods(page).onChooseCover();
  expect(textOf(page, '#cover-error')).toBe('封面应为 JPG 或 PNG 图片，请重新选择');
  expect(bridge.calls.length).toBe(before);
});

test('a flagged title is not published: the field and WeChat\'s label are shown', async () => {
  const p = await fixtures.publisher(emu);
  emu.wechat.flagText('刷单返利', { suggest: 'risky', label: 20008 });
  bridge.actAs(p.admin.openid);
  const page = await open({ orgId: p.orgId });
  await fillWholeForm(page, '刷单返利兼职');
  await methods(page).onSubmit();
  expect(textOf(page, '#title-error')).toBe('项目名称未通过微信内容安全检测（欺诈），请修改后再提交');
  shot(page, 'flagged');
});

test('a repeat rule previews the shifts the server will write', async () => {
  const p = await fixtures.publisher(emu);
  bridge.actAs(p.admin.openid);
  const page = await open({ orgId: p.orgId });
  await fire(page, '#repeat-on', 'change', { value: true });
  await fire(page, '#repeat-weekdays', 'change', { value: ['6'] });
  await fire(page, '#repeat-first', 'change', { value: shanghaiDay(1) });
  await typeInto(page, '#repeat-weeks', '8');
  expect(textOf(page, '#repeat-preview')).toMatch(/^将生成 8 个班次：(\d+月\d+日 周六 09:00–11:30){6}…还有 2 个$/);
  shot(page, 'repeat-preview');
  await typeInto(page, '#repeat-weeks', '60');
  expect(textOf(page, '#repeat-preview')).toBe('重复的周数应为 1 到 53');

  // Saved and submitted with the single shift row removed: the series is the project's shifts.
  await typeInto(page, '#repeat-weeks', '8');
  await fillWholeForm(page, '每周六环保巡河');
  await tap(page, '#remove-shift-0');
  await methods(page).onSubmit();
  expect(textOf(page, '#submitted')).toContain('项目已发布');
  const found = await call('project', 'discover', { sort: 'newest', keyword: '环保巡河' });
  const projectId = found.ok ? found.data.items[0]!.projectId : '';
  const detail = await call('project', 'get', { projectId });
  expect(detail.ok && detail.data.shifts.map((s) => s.seriesId)).toEqual(Array(8).fill(`${projectId}-r`));
});

test('a draft comes back filled in, is edited and saved again', async () => {
  const p = await fixtures.publisher(emu);
  const projectId = await fixtures.draft(p, support.formStartingIn(new Date(), 4, { title: '还在写的草稿', conditions: { skills: [], scope: 'password', password: 'abcd1234', minorsAllowed: false } }));
  bridge.actAs(p.admin.openid);
  const page = await open({ projectId });
  expect(propertyOf(page, '#title', 'value')).toBe('还在写的草稿');
  expect(propertyOf(page, '#contact-phone', 'value')).toBe('13900001111');
  expect(propertyOf(page, '#password', 'placeholder')).toBe('已设置口令，留空则不变');
  expect(textOf(page, '#choose-location')).toBe('福州市鼓楼区五四路100号');
  shot(page, 'draft');

  await typeInto(page, '#title', '社区读书会');
  await methods(page).onSaveDraft();
  expect(textOf(page, '#saved-note')).toBe('草稿已保存，可以稍后继续填写');
  const saved = await call('project', 'get', { projectId });
  expect(saved.ok && saved.data).toMatchObject({ title: '社区读书会', status: 'draft', admin: { passwordSet: true } });
  // The kept password still lets it be submitted.
  await methods(page).onSubmit();
  expect(textOf(page, '#submitted')).toContain('项目已发布');
});

test('someone who is not an admin of the organization cannot open its draft', async () => {
  const p = await fixtures.publisher(emu);
  const projectId = await fixtures.draft(p, support.formStartingIn(new Date(), 4));
  bridge.actAs('openid-edit-stranger');
  const page = await open({ projectId });
  expect(textOf(page, '#error')).toBe('没有找到这个项目，它可能已被删除或尚未发布');
});

test('changing a published shift asks first, and the signed-up volunteer is told in the inbox', async () => {
  const p = await fixtures.publisher(emu);
  const projectId = await fixtures.published(p, support.formStartingIn(new Date(), 4, { title: '周末助老' }));
  const volunteer = await fixtures.registerVolunteer(emu, `openid-told-${Date.now().toString(36)}`, '张三');
  await fixtures.signUp(emu, support.shiftOf(projectId, 0), volunteer);
  bridge.actAs(p.admin.openid);
  const page = await open({ projectId });
  expect(textOf(page, '#published-shift-0')).toContain('1/10 人已报名');
  shot(page, 'published-changes');

  await fire(page, '#published-start-0', 'change', { value: '14:00' });
  await fire(page, '#published-end-0', 'change', { value: '16:30' });
  // 取消 in the dialog changes nothing.
  modalAnswers(false);
  await methods(page).onUpdateShift({ currentTarget: { dataset: { index: 0 } } });
  const unchanged = await call('project', 'get', { projectId });
  expect(unchanged.ok && unchanged.data.shifts[0]!.startsAt).toBe(new Date(`${shanghaiDay(4)}T09:00:00+08:00`).toISOString());

  jest.restoreAllMocks();
  const modal = modalAnswers(true);
  await methods(page).onUpdateShift({ currentTarget: { dataset: { index: 0 } } });
  expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '确认修改班次时间？', content: '已报名这个班次的志愿者都会收到通知。' }));
  await waitFor(() => /14:00–16:30/.test(textOf(page, '#published-shift-0') ?? ''));

  bridge.actAs(volunteer.openid);
  const inbox = await call('inbox', 'list', {});
  expect(inbox.ok && inbox.data.items.filter((n) => n.kind === 'project.shiftChanged')).toEqual([
    expect.objectContaining({ title: '报名的班次有变动', body: expect.stringContaining('「周末助老」') }),
  ]);
});
