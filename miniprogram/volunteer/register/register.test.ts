/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 志愿者实名注册 through the real `volunteer` function in the emulator: the steps are filled through the page's
// own WXML bindings (events on the rendered inputs, pickers and buttons), then submitted.
import { userIdOf } from '../../../cloudfunctions/_shared/documents/ids';
import { shanghaiDate } from '../../domain/calendar';
import { gb11643CheckChar } from '../../domain/checksum';
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { registerVolunteer } from '../../test-support/people';
import { fire, load, propertyOf, render, shot, simulate, tap, textOf, typeInto, waitFor, type Rendered } from '../../test-support/simulate';

const id = (first17: string) => first17 + gb11643CheckChar(first17);
const ADULT_ID = id('35010219900307123');

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;

beforeAll(async () => {
  emu = await startLocalCloud();
  pageId = load('volunteer/register/index');
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
  await page.instance.onLoad();
  return page;
}

const change = (page: Rendered, selector: string, detail: object) => fire(page, selector, 'change', detail);

const step = (page: Rendered) => (page.instance.data as { view: { step: string } }).view.step;

/** Identity → contact → preferences → consent, as a person fills them; recordSteps shoots each step for npm run shots. */
async function fillAdult(page: Rendered, credential: string, phoneCode: string, recordSteps = false): Promise<void> {
  const record = (state: string) => {
    if (recordSteps) shot(page, state);
  };
  await typeInto(page, '#name', '张三');
  await typeInto(page, '#credential-number', credential);
  expect(textOf(page, '#derived-birth')).toBe('根据证件号码：男，1990-03-07');
  expect(page.querySelector('#birth-date')).toBeFalsy(); // not asked: the number carries it
  expect(propertyOf(page, '#next', 'disabled')).toBe(false);
  record('identity-filled');
  await tap(page, '#next');
  expect(step(page)).toBe('contact');
  record('contact-empty');

  await fire(page, '#phone-button', 'getphonenumber', { code: phoneCode, errMsg: 'getPhoneNumber:ok' });
  // The code is exchanged at once (verifyPhone); the page shows the verified number, masked.
  await waitFor(() => textOf(page, '#phone-obtained'));
  expect(textOf(page, '#phone-obtained')).toBe(`${phoneCode.slice(5, 8)}****${phoneCode.slice(-4)}（微信绑定，已验证）`);
  await change(page, '#region', { value: ['福建省', '福州市', '鼓楼区'], code: ['350000', '350100', '350102'] });
  record('contact-filled');
  await tap(page, '#next');
  expect(step(page)).toBe('preferences');

  await tap(page, '#next'); // no intention yet
  expect(textOf(page, '#intentions-error')).toBe('请至少选择一个服务意向');
  record('preferences-error');
  const community = page.querySelectorAll('.chip').find((n) => (n.dom as { textContent: string }).textContent.trim() === '社区服务');
  community!.dispatchEvent('tap');
  await simulate.sleep(0);
  await typeInto(page, '#tag-draft', '茶艺');
  await tap(page, '#add-tag');
  record('preferences-filled');
  await tap(page, '#next');
  expect(step(page)).toBe('consent');
}

test('an adult registers through the four steps and lands on the card; the database holds one volunteer', async () => {
  const redirectTo = jest
    .spyOn(wx, 'redirectTo')
    .mockImplementation(((o: { success?: () => void }) => o.success?.()) as never);
  const page = await open('openid-zhangsan');
  shot(page, 'identity-empty');

  await fillAdult(page, ADULT_ID, 'fake:13812345678', true);
  expect(textOf(page, '#step-consent')).toContain('福建省 福州市 鼓楼区');
  shot(page, 'consent');
  await tap(page, '#submit');
  expect(textOf(page, '#privacy-error')).toMatch(/请阅读并同意《隐私保护指引》/);
  shot(page, 'consent-error');
  await tap(page, '#privacy');
  await tap(page, '#submit');

  await waitFor(() => redirectTo.mock.calls.length > 0);
  expect(redirectTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/volunteer/card/index' }));
  const volunteers = (await serverDb(emu).collection('volunteers').where({ userId: userIdOf('openid-zhangsan') }).get()).data;
  expect(volunteers).toHaveLength(1);
  expect(volunteers[0]).toMatchObject({ name: '张三', regionCode: '350102', intentions: ['community'], skillTags: ['茶艺'] });
  // Encrypted at rest: the number never appears in the document.
  expect(JSON.stringify(volunteers[0])).not.toContain(ADULT_ID);
});

test('someone already registered is told so at once, before any step, and led to the card', async () => {
  const redirectTo = jest.spyOn(wx, 'redirectTo').mockImplementation(((o: { success?: () => void }) => o.success?.()) as never);
  await registerVolunteer(bridge, 'openid-registered-before', '周八');
  const page = await open('openid-registered-before');
  expect(textOf(page, '#already-registered')).toContain('你已完成志愿者实名注册');
  expect(textOf(page, '#already-volunteer-no')).toMatch(/^志愿者编号 ZY\d{15}[0-9X]$/);
  expect(page.querySelector('#step-identity')).toBeFalsy();
  expect(page.querySelector('#next')).toBeFalsy();
  shot(page, 'already-registered');
  await tap(page, '#open-card');
  expect(redirectTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/volunteer/card/index' }));
});

test('the same credential from another account: the error shows on the identity step, under the number', async () => {
  const redirectTo = jest.spyOn(wx, 'redirectTo');
  const page = await open('openid-someone-else');

  await fillAdult(page, ADULT_ID, 'fake:13900001111');
  await tap(page, '#privacy');
  await tap(page, '#submit');

  await waitFor(() => step(page) === 'identity');
  expect(textOf(page, '#credential-error')).toContain('该证件已注册');
  shot(page, 'credential-taken');
  expect(redirectTo).not.toHaveBeenCalled();
  // If it is their own credential, 申诉找回 is one tap away.
  const navigateTo = jest.spyOn(wx, 'navigateTo').mockImplementation(((o: { success?: () => void }) => o.success?.()) as never);
  await tap(page, '#open-claim');
  expect(navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/volunteer/claim/index' }));
  expect((await serverDb(emu).collection('volunteers').where({ userId: userIdOf('openid-someone-else') }).get()).data).toHaveLength(0);
});

test('one tap of the phone button serves the whole registration, even after a refused submit', async () => {
  const redirectTo = jest.spyOn(wx, 'redirectTo').mockImplementation(((o: { success?: () => void }) => o.success?.()) as never);
  const page = await open('openid-one-tap');
  await fillAdult(page, ADULT_ID, 'fake:13600007777');
  await tap(page, '#privacy');
  await tap(page, '#submit');
  await waitFor(() => step(page) === 'identity'); // the credential is taken: fix it
  await typeInto(page, '#credential-number', id('35010219900307145'));
  for (let i = 0; i < 3; i++) await tap(page, '#next');
  expect(step(page)).toBe('consent');
  expect(textOf(page, '#step-consent')).toContain('136****7777（微信绑定，已验证）');
  await tap(page, '#submit');
  await waitFor(() => redirectTo.mock.calls.length > 0);
  const exchanges = emu.wechat.calls.filter((c) => c.api === 'phonenumber.getPhoneNumber' && c.data.code === 'fake:13600007777');
  expect(exchanges).toHaveLength(1);
  const volunteers = (await serverDb(emu).collection('volunteers').where({ userId: userIdOf('openid-one-tap') }).get()).data;
  expect(volunteers).toMatchObject([{ phone: { masked: '136****7777', verified: true } }]);
});

test('a code WeChat no longer exchanges says why, and the person can tap again', async () => {
  const page = await open('openid-stale-code');
  await typeInto(page, '#name', '王五');
  await typeInto(page, '#credential-number', id('35010219880101155'));
  await tap(page, '#next');
  await fire(page, '#phone-button', 'getphonenumber', { code: 'expired-code', errMsg: 'getPhoneNumber:ok' });
  await waitFor(() => textOf(page, '#phone-error'));
  expect(textOf(page, '#phone-error')).toBe('手机号获取失败，请重新授权或手动填写');
  expect(page.querySelector('#phone-obtained')).toBeFalsy();
  await fire(page, '#phone-button', 'getphonenumber', { code: 'fake:13600008888', errMsg: 'getPhoneNumber:ok' });
  await waitFor(() => textOf(page, '#phone-obtained'));
  expect(page.querySelector('#phone-error')).toBeFalsy();
});

test('a refused phone button falls back to a typed, unverified number', async () => {
  const page = await open('openid-typed');
  await typeInto(page, '#name', '李四');
  await typeInto(page, '#credential-number', id('35010219850101234'));
  await tap(page, '#next');
  await fire(page, '#phone-button', 'getphonenumber', { errMsg: 'getPhoneNumber:fail user deny' });
  expect(page.querySelector('#typed-phone')).toBeTruthy();
  expect(textOf(page, '#phone-unverified')).toContain('未验证');
  await typeInto(page, '#typed-phone', '1381234');
  expect(textOf(page, '#phone-error')).toBe('手机号应为11位，当前为7位');
  shot(page, 'typed-phone-error');
});

test('a wrong check character is explained as the number is completed, not on the first keystroke', async () => {
  const page = await open('openid-typo');
  await fire(page, '#credential-number', 'input', { value: '3501' });
  expect(page.querySelector('#credential-error')).toBeFalsy();
  const wrong = ADULT_ID.slice(0, 17) + (ADULT_ID[17] === '1' ? '2' : '1');
  await fire(page, '#credential-number', 'input', { value: wrong });
  expect(textOf(page, '#credential-error')).toBe('校验位不正确，请核对号码');
  shot(page, 'checksum-error');
});

test('a 16-year-old gets the guardian step before the consent step', async () => {
  const year = shanghaiDate(new Date()).year - 16;
  const page = await open('openid-minor');
  await typeInto(page, '#name', '张小妹');
  await typeInto(page, '#credential-number', id(`350102${year}0101124`));
  await tap(page, '#next');
  await fire(page, '#phone-button', 'getphonenumber', { code: 'fake:13700001111' });
  await waitFor(() => textOf(page, '#phone-obtained'));
  await change(page, '#region', { value: ['福建省', '福州市', '鼓楼区'], code: ['350000', '350100', '350102'] });
  await tap(page, '#next');
  (page.instance as unknown as { onToggleIntention(e: object): void }).onToggleIntention({ currentTarget: { dataset: { code: 'education' } } });
  await tap(page, '#next');
  expect(step(page)).toBe('guardian');
  expect(page.querySelector('#under14-rules')).toBeFalsy();
  shot(page, 'guardian-empty');
  await tap(page, '#next');
  expect(textOf(page, '#guardian-agreed-error')).toBe('请监护人阅读以上说明并勾选同意');
  shot(page, 'guardian-error');
});

test('under 14: a clear refusal on the identity step', async () => {
  const year = shanghaiDate(new Date()).year - 11;
  const page = await open('openid-child');
  await typeInto(page, '#name', '张小弟');
  await typeInto(page, '#credential-number', id(`350102${year}0101123`));
  expect(textOf(page, '#too-young')).toContain('未满14周岁暂不能注册');
  expect(propertyOf(page, '#next', 'disabled')).toBe(true); // looks refused before it is tapped
  shot(page, 'too-young');
  await tap(page, '#next');
  expect(step(page)).toBe('identity');
});
