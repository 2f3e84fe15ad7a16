/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 我的资料 → 修改资料 → 更换手机号 through the real `volunteer` function in the emulator: the phone button's code is
// exchanged as soon as the button answers, and 保存 sends the proof.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { userIdOf } from '../../../cloudfunctions/_shared/documents/ids';
import { EXTRA_FIELDS_CONSENT_TEXT, PRIVACY_TERMS_VERSION } from '../../domain/codes';
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { call } from '../../services/api';
import { adultRegistration, registerVolunteer } from '../../test-support/people';
import { fire, load, propertyOf, render, shot, tap, textOf, typeInto, waitFor, type Rendered } from '../../test-support/simulate';

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;

beforeAll(async () => {
  emu = await startLocalCloud();
  pageId = load('volunteer/my-data/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

type ModalAnswer = { success?: (r: { confirm: boolean; cancel: boolean }) => void };
/** wx.showModal answering as the person would: 确定 (true) or 取消 (false). */
const answerModal = (confirm: boolean) =>
  jest.spyOn(wx, 'showModal').mockImplementation(((o: ModalAnswer) => o.success?.({ confirm, cancel: !confirm })) as never);

async function openView(openid: string): Promise<Rendered> {
  bridge.actAs(openid);
  const page = render(pageId);
  await page.instance.onLoad();
  await waitFor(() => (page.instance.data as { status: string }).status === 'ready');
  return page;
}

async function volunteerOf(openid: string): Promise<Record<string, unknown> | undefined> {
  return (await serverDb(emu).collection('volunteers').where({ userId: userIdOf(openid) }).get()).data[0];
}

async function openEdit(openid: string): Promise<Rendered> {
  await registerVolunteer(bridge, openid, '刘备');
  bridge.actAs(openid);
  const page = render(pageId);
  await page.instance.onLoad();
  await tap(page, '#edit');
  await tap(page, '#change-phone');
  return page;
}

const mode = (page: Rendered) => (page.instance.data as { mode: string }).mode;

test('one tap: the code is exchanged at once, 保存 sends the proof, the new number is stored verified', async () => {
  const page = await openEdit('openid-new-phone');
  await fire(page, '#edit-phone-button', 'getphonenumber', { code: 'fake:13900005555', errMsg: 'getPhoneNumber:ok' });
  await waitFor(() => textOf(page, '#edit-phone-obtained'));
  expect(textOf(page, '#edit-phone-obtained')).toBe('139****5555（微信绑定，已验证）');
  await tap(page, '#save');
  await waitFor(() => mode(page) === 'view');
  const [volunteer] = (await serverDb(emu).collection('volunteers').where({ userId: userIdOf('openid-new-phone') }).get()).data;
  expect(volunteer).toMatchObject({ phone: { masked: '139****5555', verified: true } });
  expect(emu.wechat.calls.filter((c) => c.api === 'phonenumber.getPhoneNumber' && c.data.code === 'fake:13900005555')).toHaveLength(1);
});

test('a code WeChat refuses says why and saves nothing', async () => {
  const page = await openEdit('openid-refused-phone');
  await fire(page, '#edit-phone-button', 'getphonenumber', { code: 'used-code', errMsg: 'getPhoneNumber:ok' });
  await waitFor(() => textOf(page, '#edit-phone-error'));
  expect(textOf(page, '#edit-phone-error')).toBe('手机号获取失败，请重新授权或手动填写');
  expect(page.querySelector('#edit-phone-obtained')).toBeFalsy();
  await tap(page, '#save');
  expect(mode(page)).toBe('edit');
  const [volunteer] = (await serverDb(emu).collection('volunteers').where({ userId: userIdOf('openid-refused-phone') }).get()).data;
  expect(volunteer).toMatchObject({ phone: { verified: false } });
});

test('withdrawing the extra-fields consent asks first; 取消 keeps the fields, 撤回 deletes them', async () => {
  const openid = 'openid-withdraw';
  bridge.actAs(openid);
  const registration = adultRegistration('关羽');
  const res = await call('volunteer', 'register', {
    ...registration,
    consents: { ...registration.consents, extraFields: true },
    extra: { emergencyContact: { name: '关平', phone: '13900002222' }, introduction: '会开车' },
  });
  expect(res.ok).toBe(true);
  const page = await openView(openid);
  expect(textOf(page, '#consents')).toContain('补充信息');
  expect(page.querySelector('#consents-empty')).toBeFalsy();
  shot(page, 'consents');

  const cancel = answerModal(false);
  await (page.instance as unknown as { onWithdrawExtra(): Promise<void> }).onWithdrawExtra();
  expect(cancel).toHaveBeenCalledWith(expect.objectContaining({ title: '撤回同意', confirmText: '撤回' }));
  expect(JSON.stringify(await volunteerOf(openid))).toContain('extra');
  expect(page.querySelector('#withdraw-extra')).toBeTruthy();

  cancel.mockRestore();
  const confirm = answerModal(true);
  await (page.instance as unknown as { onWithdrawExtra(): Promise<void> }).onWithdrawExtra();
  expect(confirm).toHaveBeenCalledTimes(1);
  await waitFor(() => !page.querySelector('#withdraw-extra'));
  const after = await volunteerOf(openid);
  expect(after?.['extra']).toBeUndefined();
});

test('注销 stays disabled until “注销” is typed, then asks once more; 取消 keeps the account', async () => {
  const openid = 'openid-delete';
  await registerVolunteer(bridge, openid, '张飞');
  const page = await openView(openid);
  await tap(page, '#delete-start');
  expect(propertyOf(page, '#delete-confirm', 'disabled')).toBe(true);
  expect(propertyOf(page, '#delete-input', 'placeholder')).toBe('注销');
  await typeInto(page, '#delete-input', '注销');
  expect(propertyOf(page, '#delete-confirm', 'disabled')).toBe(false);

  const cancel = answerModal(false);
  await (page.instance as unknown as { onDelete(): Promise<void> }).onDelete();
  expect(cancel).toHaveBeenCalledWith(expect.objectContaining({ title: '确认注销账号', confirmText: '注销' }));
  expect(await volunteerOf(openid)).toMatchObject({ name: '张飞' });
  expect((page.instance.data as { mode: string }).mode).toBe('delete');

  cancel.mockRestore();
  answerModal(true);
  const switchTab = jest.spyOn(wx, 'switchTab').mockImplementation(((o: { success?: () => void }) => o.success?.()) as never);
  await (page.instance as unknown as { onDelete(): Promise<void> }).onDelete();
  expect(switchTab).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/me/index' }));
  expect(JSON.stringify(await volunteerOf(openid) ?? {})).not.toContain('张飞');
});

test('someone who only asked for help: no profile, but the export holds the need and 注销 deletes it', async () => {
  const openid = 'openid-only-asked-for-help';
  bridge.actAs(openid);
  const starts = Date.now() + 48 * 3_600_000;
  const asked = await call('help', 'submit', {
    what: '独居老人需要陪同去医院复查，并帮忙取药',
    category: 'community',
    forWhom: { object: 'elderly', description: '独居老人王阿姨' },
    place: { address: '福州市鼓楼区五四路100号', longitude: 119.2965, latitude: 26.0745, regionCode: '350102', regionNames: ['福建省', '福州市', '鼓楼区'] },
    startsAt: new Date(starts).toISOString(),
    endsAt: new Date(starts + 3 * 3_600_000).toISOString(),
    volunteersWanted: 1,
    urgent: false,
    contact: { name: '王秀英', phone: '13812345678' },
  });
  if (!asked.ok) throw new Error(asked.error.message);
  const needs = () => serverDb(emu).collection('helpRequests').where({ requesterUserId: userIdOf(openid) }).get().then((r) => r.data);
  expect(await needs()).toHaveLength(1);

  const setTitle = jest.spyOn(wx, 'setNavigationBarTitle');
  const page = render(pageId);
  await page.instance.onLoad();
  await waitFor(() => (page.instance.data as { status: string }).status === 'unregistered');
  // 我的 calls the entry 我的数据 for someone not registered; the page says the same, not 我的资料.
  expect(setTitle).toHaveBeenCalledWith(expect.objectContaining({ title: '我的数据' }));
  setTitle.mockRestore();
  expect(textOf(page, '#unregistered')).toContain('你提交的求助、收到的消息等账号信息');
  expect(page.querySelector('#profile')).toBeFalsy();
  expect(page.querySelector('#edit')).toBeFalsy();
  shot(page, 'unregistered-with-help');

  await tap(page, '#export-button');
  await waitFor(() => page.querySelector('#export-ready'));
  const url = (page.instance.data as { exportInfo: { url: string } }).exportInfo.url;
  expect(JSON.stringify(await (await fetch(url)).json())).toContain(asked.data.helpRequestId);

  await tap(page, '#delete-start');
  expect(mode(page)).toBe('delete');
  await typeInto(page, '#delete-input', '注销');
  answerModal(true);
  const switchTab = jest.spyOn(wx, 'switchTab').mockImplementation(((o: { success?: () => void }) => o.success?.()) as never);
  await (page.instance as unknown as { onDelete(): Promise<void> }).onDelete();
  expect(switchTab).toHaveBeenCalledWith(expect.objectContaining({ url: '/pages/me/index' }));
  expect(await needs()).toEqual([]);
  expect((await serverDb(emu).collection('users').where({ openid }).get()).data).toEqual([]);
});

test('the identity form shows what to type in each field', async () => {
  await registerVolunteer(bridge, 'openid-identity-hints', '赵云');
  const page = await openView('openid-identity-hints');
  await tap(page, '#change-identity');
  expect(propertyOf(page, '#identity-name', 'placeholder')).toBe('与证件上一致');
  expect(propertyOf(page, '#identity-number', 'placeholder')).toBe('请输入新的证件号码');
});

test('consent to the extra fields given later: the registration text is shown, 同意 records it and opens 修改资料 with them', async () => {
  const openid = 'openid-give-later';
  await registerVolunteer(bridge, openid, '赵云');
  const page = await openView(openid);
  expect(page.querySelector('#withdraw-extra')).toBeFalsy();
  expect(textOf(page, '#extra-consent-text')).toBe(EXTRA_FIELDS_CONSENT_TEXT);
  shot(page, 'consent-later');

  await tap(page, '#give-extra');
  await waitFor(() => mode(page) === 'edit');
  const stored = (await volunteerOf(openid)) as { consents: Array<{ kind: string; version: string; grantedAt: unknown }> };
  expect(stored.consents.filter((c) => c.kind === 'extraFields')).toEqual([{ kind: 'extraFields', version: PRIVACY_TERMS_VERSION, grantedAt: expect.anything() }]);
  expect(page.querySelector('#edit-form')).toBeTruthy();
  shot(page, 'consent-given-edit');

  // Back in the view, the same consent can be withdrawn again.
  await tap(page, '#cancel-edit');
  await waitFor(() => page.querySelector('#withdraw-extra'));
  expect(page.querySelector('#give-extra')).toBeFalsy();
});

test('the registration form asks for the extra fields with the very same text', () => {
  const wxml = readFileSync(join(__dirname, '..', 'register', 'index.wxml'), 'utf8');
  expect(wxml).toContain(EXTRA_FIELDS_CONSENT_TEXT);
});
