/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 注册组织 through the real `organization` function: fill the form through its WXML bindings, submit, land on the
// organization's home; the organization waits for verification with the registering volunteer as its admin.
import { userIdOf } from '../../../cloudfunctions/_shared/documents/ids';
import { usccCheckChar } from '../../domain/uscc';
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { registerVolunteer } from '../../test-support/people';
import { call } from '../../services/api';
import { fire, load, render, shot, simulate, tap, textOf, typeInto, waitFor, type Rendered } from '../../test-support/simulate';

const PLATFORM_ADMIN = 'openid-platform-admin';
let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;

beforeAll(async () => {
  emu = await startLocalCloud({ functionEnv: { PLATFORM_ADMIN_OPENIDS: PLATFORM_ADMIN } });
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

test('the holder registering its own code again is led to its application', async () => {
  const page = open('openid-founder');
  await fill(page, VALID_USCC, '鼓楼区青年志愿者联合会');
  await fire(page, '#submit', 'tap');
  await waitFor(() => !!page.querySelector('#open-mine'));
  expect(textOf(page, '#uscc-error')).toMatch(/你已用统一社会信用代码.*提交过组织申请/);
  shot(page, 'uscc-mine');
  const navigateTo = jest.spyOn(wx, 'navigateTo').mockImplementation(((o: { success?: () => void }) => o.success?.()) as never);
  await tap(page, '#open-mine');
  expect(navigateTo).toHaveBeenCalledWith(expect.objectContaining({ url: expect.stringMatching(/^\/org\/home\/index\?orgId=org_/) }));
});

test('the real holder of a taken code claims it with a photo of the licence', async () => {
  const openid = 'openid-claimant';
  await registerVolunteer(bridge, openid, '赵敏');
  const page = open(openid);
  await fill(page, VALID_USCC, '鼓楼区青年志愿服务联合会');
  await fire(page, '#submit', 'tap');
  await waitFor(() => !!page.querySelector('#start-claim') || !!textOf(page, '#banner'));
  expect(textOf(page, '#uscc-error')).toMatch(/已被其他人的组织使用/);
  await tap(page, '#start-claim');
  await tap(page, '#submit-claim');
  expect(textOf(page, '#evidence-error')).toBe('请上传营业执照或登记证书的照片');
  shot(page, 'claim-no-photo');

  const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]).toString('base64');
  const album = jest.spyOn(wx, 'chooseMedia').mockImplementation(((o: { success: (r: unknown) => void }) => o.success({ tempFiles: [{ tempFilePath: 'wxfile://licence.jpg' }] })) as never);
  const compress = jest.spyOn(wx, 'compressImage').mockImplementation(((o: { src: string; success: (r: unknown) => void }) => o.success({ tempFilePath: `${o.src}.small` })) as never);
  jest.spyOn(wx, 'getFileSystemManager').mockReturnValue({
    readFile: (o: { filePath: string; success: (r: unknown) => void }) => o.success({ data: jpeg }),
  } as never);
  await tap(page, '#pick-evidence');
  await waitFor(() => (page.instance.data as { evidence: string[] }).evidence.length === 1);
  expect(album).toHaveBeenCalledWith(expect.objectContaining({ count: 2, mediaType: ['image'] }));
  expect(compress).toHaveBeenCalledWith(expect.objectContaining({ src: 'wxfile://licence.jpg', quality: 40 }));
  page.querySelector('#statement')!.dispatchEvent('input', { detail: { value: '本人为法定代表人' } });
  await simulate.sleep(0);
  shot(page, 'claim-filled');

  const modal = jest.spyOn(wx, 'showModal');
  await tap(page, '#submit-claim');
  await waitFor(() => !!page.querySelector('#claim-sent'));
  expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '提交申诉' }));
  shot(page, 'claim-sent');
  const claims = (await serverDb(emu).collection('organizationClaims').where({ claimantUserId: userIdOf(openid) }).get()).data as Array<{ statement?: string; evidenceFileIds: string[] }>;
  expect(claims).toEqual([expect.objectContaining({ statement: '本人为法定代表人', evidenceFileIds: [expect.any(String)] })]);
});

test('a rejected application opens filled in, with the reason, and goes back to the queue', async () => {
  const openid = 'openid-rejected';
  await registerVolunteer(bridge, openid, '周芷若');
  const registered = await call('organization', 'register', {
    name: '台江区晨光互助队',
    kind: 'grassroots',
    regionCode: '350103',
    regionNames: ['福建省', '福州市', '台江区'],
    address: '福州市台江区八一七中路1号',
    personInCharge: '周芷若',
    contact: { name: '周芷若', phone: '13800002222' },
  });
  if (!registered.ok) throw new Error(registered.error.code);
  const orgId = registered.data.orgId;
  bridge.actAs(PLATFORM_ADMIN);
  expect(await call('organization', 'review', { orgId, decision: 'reject', reason: '地址请写到门牌号' })).toMatchObject({ ok: true });

  bridge.actAs(openid);
  const page = render(pageId);
  await (page.instance as unknown as { onLoad(q: object): Promise<void> }).onLoad({ orgId });
  expect(textOf(page, '#reject-reason')).toBe('上次驳回理由：地址请写到门牌号');
  expect((page.instance.data as { view: { name: string } }).view.name).toBe('台江区晨光互助队');
  await typeInto(page, '#address', '福州市台江区八一七中路1号201室');
  await typeInto(page, '#contact-phone', '13800002222');
  shot(page, 'resubmit');
  const redirectTo = jest.spyOn(wx, 'redirectTo').mockImplementation(((o: { success?: () => void }) => o.success?.()) as never);
  await fire(page, '#submit', 'tap');
  await waitFor(() => redirectTo.mock.calls.length > 0);
  const [org] = (await serverDb(emu).collection('organizations').where({ _id: orgId }).get()).data as Array<{ status: string; address: string }>;
  expect(org).toMatchObject({ status: 'pending', address: '福州市台江区八一七中路1号201室' });
});

test('alike names are a notice after submitting; the registration stands', async () => {
  const openid = 'openid-alike';
  await registerVolunteer(bridge, openid, '张无忌');
  const first = await call('organization', 'register', {
    name: '晋安区朝阳服务队',
    kind: 'grassroots',
    regionCode: '350111',
    regionNames: ['福建省', '福州市', '晋安区'],
    address: '福州市晋安区福新中路1号',
    personInCharge: '张无忌',
    contact: { name: '张无忌', phone: '13800003333' },
  });
  if (!first.ok) throw new Error(first.error.code);
  const page = open(openid);
  await typeInto(page, '#org-name', '晋安区朝阳志愿者协会');
  await fire(page, '#kind', 'change', { value: 2 });
  await fire(page, '#region', 'change', { value: ['福建省', '福州市', '晋安区'], code: ['350000', '350100', '350111'] });
  await typeInto(page, '#address', '福州市晋安区福新中路2号');
  await typeInto(page, '#person', '张无忌');
  await typeInto(page, '#contact-name', '张无忌');
  await typeInto(page, '#contact-phone', '13800003333');
  const modal = jest.spyOn(wx, 'showModal');
  const redirectTo = jest.spyOn(wx, 'redirectTo').mockImplementation(((o: { success?: () => void }) => o.success?.()) as never);
  await fire(page, '#submit', 'tap');
  await waitFor(() => redirectTo.mock.calls.length > 0);
  expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '已提交，有名称相似的组织', content: expect.stringContaining('「晋安区朝阳服务队」（福建省 福州市 晋安区，仅后缀不同）') }));
});
