/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 注册组织 through the real `organization` function: fill the form through its WXML bindings, submit, land on the
// organization's home; the organization waits for verification with the registering volunteer as its admin.
import { usccCheckChar } from '../../domain/uscc';
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { registerVolunteer } from '../../test-support/people';
import { fire, load, render, shot, tap, textOf, typeInto, waitFor, type Rendered } from '../../test-support/simulate';

let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;

beforeAll(async () => {
  emu = await startLocalCloud();
  pageId = load('org/register/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

function open(openid: string): Rendered {
  bridge.actAs(openid);
  const page = render(pageId);
  (page.instance as unknown as { onLoad(): void }).onLoad();
  return page;
}

const USCC = '51350102MJ000001' + '0';
const VALID_USCC = USCC.slice(0, 17) + usccCheckChar(USCC.slice(0, 17));

async function fill(page: Rendered, uscc: string, name = '鼓楼区青年志愿者协会'): Promise<void> {
  await typeInto(page, '#org-name', name);
  await typeInto(page, '#uscc', uscc);
  await typeInto(page, '#authority', '福州市鼓楼区民政局');
  await fire(page, '#region', 'change', { value: ['福建省', '福州市', '鼓楼区'], code: ['350000', '350100', '350102'] });
  await typeInto(page, '#address', '福州市鼓楼区五四路100号');
  await typeInto(page, '#person', '林海');
  await typeInto(page, '#contact-name', '陈晓');
  await typeInto(page, '#contact-phone', '0591-87654321');
}

test('the USCC is checked as it is typed, with the reason', async () => {
  const page = open('openid-typist');
  await fire(page, '#uscc', 'input', { value: '5135' });
  expect(page.querySelector('#uscc-error')).toBeFalsy();
  const wrong = VALID_USCC.slice(0, 17) + (VALID_USCC[17] === '0' ? '1' : '0');
  await fire(page, '#uscc', 'input', { value: wrong });
  expect(textOf(page, '#uscc-error')).toBe('统一社会信用代码校验位不正确，请核对');
  shot(page, 'uscc-checksum-error');
});

test('a grassroots team is not asked for a USCC or an authority', async () => {
  const page = open('openid-team');
  expect(page.querySelector('#uscc')).toBeTruthy();
  await fire(page, '#kind', 'change', { value: 2 });
  expect(page.querySelector('#uscc')).toBeFalsy();
  expect(page.querySelector('#authority')).toBeFalsy();
  shot(page, 'grassroots');
});

test('a registered volunteer registers an organization, becomes its admin and lands on its home page', async () => {
  const openid = 'openid-founder';
  await registerVolunteer(bridge, openid, '林海');
  const redirectTo = jest
    .spyOn(wx, 'redirectTo')
    .mockImplementation(((o: { success?: () => void }) => o.success?.()) as never);

  const page = open(openid);
  await fill(page, VALID_USCC.toLowerCase());
  shot(page, 'filled');
  await fire(page, '#submit', 'tap');

  await waitFor(() => redirectTo.mock.calls.length > 0);
  const url = (redirectTo.mock.calls[0]![0] as { url: string }).url;
  expect(url).toMatch(/^\/org\/home\/index\?orgId=/);
  const orgId = decodeURIComponent(url.split('orgId=')[1]!);
  const [org] = (await serverDb(emu).collection('organizations').where({ _id: orgId }).get()).data;
  expect(org).toMatchObject({ name: '鼓楼区青年志愿者协会', kind: 'registered', status: 'pending', uscc: VALID_USCC, regionCode: '350102' });
  const memberships = (await serverDb(emu).collection('memberships').where({ orgId, status: 'active', role: 'admin' }).get()).data;
  expect(memberships).toHaveLength(1);
});

test('the same USCC again: the error shows under the USCC field', async () => {
  const openid = 'openid-second-founder';
  await registerVolunteer(bridge, openid, '王芳');
  const page = open(openid);
  // Another name: the exact name of a live organization in the region is refused on its own.
  await fill(page, VALID_USCC, '鼓楼区青年志愿服务总队');
  await fire(page, '#submit', 'tap');
  await waitFor(() => !!textOf(page, '#uscc-error'));
  expect(textOf(page, '#uscc-error')).toMatch(/已被其他人的组织使用.*申诉/);
  shot(page, 'uscc-taken');
});

test('someone not registered as a volunteer is told to register first', async () => {
  const page = open('openid-stranger');
  await fill(page, VALID_USCC);
  await fire(page, '#submit', 'tap');
  await waitFor(() => !!textOf(page, '#banner'));
  expect(textOf(page, '#banner')).toMatch(/注册/);
  shot(page, 'not-a-volunteer');
  const navigateTo = jest.spyOn(wx, 'navigateTo').mockImplementation(((o: { success?: () => void }) => o.success?.()) as never);
  await tap(page, '#register-volunteer');
  expect(navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: '/volunteer/register/index' }));
});
