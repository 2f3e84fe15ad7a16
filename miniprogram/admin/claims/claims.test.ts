/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 申诉审核 through the real `volunteer` function: the queue for a platform admin, a claim's detail (masked, photos as
// short-lived links), approve with a reason after confirming (the record moves), reject; everyone else is refused.
import { userIdOf } from '../../../cloudfunctions/_shared/documents/ids';
import { PRIVACY_TERMS_VERSION } from '../../domain/codes';
import { call } from '../../services/api';
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { adultRegistration, idNumber } from '../../test-support/people';
import { load, render, shot, simulate, tap, textOf, waitFor, type Rendered } from '../../test-support/simulate';

const ADMIN = 'openid-claims-page-admin';
const JPEG_BASE64 = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]).toString('base64');
let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;

beforeAll(async () => {
  emu = await startLocalCloud({ functionEnv: { PLATFORM_ADMIN_OPENIDS: ADMIN } });
  pageId = load('admin/claims/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

let serial = 0;
/** `holder` registers as `name`; `claimant` files a claim with one photo. Answers the claim id and the volunteer id. */
async function claimAgainst(holder: string, claimant: string, name: string): Promise<{ claimId: string; volunteerId: string }> {
  const number = idNumber(`35010419870101${String(300 + ++serial).padStart(3, '0')}`);
  bridge.actAs(holder);
  const registered = await call('volunteer', 'register', { ...adultRegistration(name), credential: { type: 'CN_ID', number } });
  if (!registered.ok) throw new Error(`register: ${registered.error.code}`);
  bridge.actAs(claimant);
  const filed = await call('volunteer', 'fileClaim', {
    name,
    credential: { type: 'CN_ID', number },
    phone: { source: 'typed', number: '13900005555' },
    statement: '原微信账号丢失，现用新账号找回志愿者档案。',
    privacyVersion: PRIVACY_TERMS_VERSION,
  });
  if (!filed.ok) throw new Error(`fileClaim: ${filed.error.code}`);
  const added = await call('volunteer', 'addClaimEvidence', { claimId: filed.data.claim.claimId, photo: { contentType: 'image/jpeg', base64: JPEG_BASE64 } });
  if (!added.ok) throw new Error(`addClaimEvidence: ${added.error.code}`);
  return { claimId: filed.data.claim.claimId, volunteerId: registered.data.volunteerId };
}

async function openAs(openid: string): Promise<Rendered> {
  bridge.actAs(openid);
  const page = render(pageId);
  await (page.instance as unknown as { onLoad(): Promise<void> }).onLoad();
  return page;
}

async function ownerOf(volunteerId: string): Promise<unknown> {
  const [v] = (await serverDb(emu).collection('volunteers').where({ _id: volunteerId }).get()).data;
  return v?.userId;
}

test('someone who is not a platform admin is refused; an admin with nothing waiting sees so', async () => {
  const page = await openAs('openid-claims-curious');
  expect(textOf(page, '#forbidden')).toBe('只有平台管理员可以审核申诉');
  shot(page, 'forbidden');
  const empty = await openAs(ADMIN);
  expect(textOf(empty, '#empty')).toContain('没有待审核的申诉');
  shot(empty, 'empty');
});

test('the admin opens a claim, sees both accounts masked and the photo, and approves with a reason: the record moves', async () => {
  const { claimId, volunteerId } = await claimAgainst('openid-claims-squatter', 'openid-claims-owner', '陈静');
  const other = await claimAgainst('openid-claims-keeper', 'openid-claims-doubtful', '黄磊');
  const page = await openAs(ADMIN);
  expect(textOf(page, '#count')).toBe('待审核 2 条');
  expect(textOf(page, `#row-${claimId}`)).toContain('陈*');
  expect(textOf(page, `#row-${claimId}`)).not.toContain('陈静');
  expect(page.querySelector('#more')).toBeFalsy();
  shot(page, 'queue');

  await tap(page, `#row-${claimId}`);
  await waitFor(() => page.querySelector('#detail'));
  expect(textOf(page, '#detail')).toContain('139****5555');
  expect(textOf(page, '#statement')).toBe('原微信账号丢失，现用新账号找回志愿者档案。');
  expect(page.querySelectorAll('.photo')).toHaveLength(1);
  shot(page, 'detail');

  await tap(page, '#approve'); // no reason yet
  expect(textOf(page, '#reason-error')).toBe('请填写 2–200 个字的审核理由，申诉人和档案原账号都会看到它');
  shot(page, 'reason-missing');
  expect(await ownerOf(volunteerId)).toBe(userIdOf('openid-claims-squatter'));

  page.querySelector('#reason')!.dispatchEvent('input', { detail: { value: '手持证件照片与档案一致' } });
  await simulate.sleep(0);
  const modal = jest.spyOn(wx, 'showModal'); // the simulator's modal answers 确定
  await tap(page, '#approve');
  await waitFor(() => !page.querySelector('#detail'));
  expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '通过申诉', confirmText: '通过' }));
  expect(await ownerOf(volunteerId)).toBe(userIdOf('openid-claims-owner'));
  expect(page.querySelector(`#row-${claimId}`)).toBeFalsy();

  await tap(page, `#row-${other.claimId}`);
  await waitFor(() => page.querySelector('#detail'));
  page.querySelector('#reason')!.dispatchEvent('input', { detail: { value: '照片无法辨认证件信息' } });
  await simulate.sleep(0);
  await tap(page, '#reject');
  await waitFor(() => page.querySelector('#empty'));
  expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '驳回申诉', confirmText: '驳回' }));
  expect(await ownerOf(other.volunteerId)).toBe(userIdOf('openid-claims-keeper'));
});

test('cancelling the confirmation moves nothing', async () => {
  const { claimId, volunteerId } = await claimAgainst('openid-claims-holder-3', 'openid-claims-claimant-3', '刘洋');
  const page = await openAs(ADMIN);
  await tap(page, `#row-${claimId}`);
  await waitFor(() => page.querySelector('#detail'));
  page.querySelector('#reason')!.dispatchEvent('input', { detail: { value: '证据一致' } });
  await simulate.sleep(0);
  jest.spyOn(wx, 'showModal').mockImplementation(((o: { success?: (r: unknown) => void }) => o.success?.({ confirm: false, cancel: true })) as never);
  await tap(page, '#approve');
  await simulate.sleep(50);
  expect(page.querySelector('#detail')).toBeTruthy();
  expect(await ownerOf(volunteerId)).toBe(userIdOf('openid-claims-holder-3'));
});
