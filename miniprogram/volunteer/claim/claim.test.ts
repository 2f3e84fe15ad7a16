/** @jest-environment ./miniprogram/test-support/jsdom-node-environment.js */
// 申诉找回 through the real `volunteer` function: a claimant without a record files a claim with photos (picked with
// wx.chooseMedia, compressed, sent one per call), sees it 审核中, then 已通过 with the record's number once a
// platform admin approves; the form's own checks and the server's refusals land on the fields or the notice.
import { userIdOf } from '../../../cloudfunctions/_shared/documents/ids';
import { call } from '../../services/api';
import { serverDb, startLocalCloud, type LocalCloud } from '../../test-support/emulator';
import { installEmulatorBridge, type EmulatorBridge } from '../../test-support/emulator-bridge';
import { adultRegistration, idNumber } from '../../test-support/people';
import { load, render, shot, simulate, tap, textOf, typeInto, waitFor, type Rendered } from '../../test-support/simulate';

const ADMIN = 'openid-claim-page-admin';
const JPEG_BASE64 = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]).toString('base64');
let emu: LocalCloud;
let bridge: EmulatorBridge;
let pageId: string;

beforeAll(async () => {
  emu = await startLocalCloud({ functionEnv: { PLATFORM_ADMIN_OPENIDS: ADMIN } });
  pageId = load('volunteer/claim/index');
  bridge = installEmulatorBridge(emu.gatewayUrl, 'openid-nobody');
});

afterAll(async () => {
  bridge.uninstall();
  await emu.stop();
});

afterEach(() => jest.restoreAllMocks());

let serial = 0;
/** A record registered by `holder` under a number the test knows. */
async function recordOf(holder: string, name: string): Promise<string> {
  const number = idNumber(`35010319860101${String(200 + ++serial).padStart(3, '0')}`);
  bridge.actAs(holder);
  const res = await call('volunteer', 'register', { ...adultRegistration(name), credential: { type: 'CN_ID', number } });
  if (!res.ok) throw new Error(`register: ${res.error.code}`);
  return number;
}

function photosPicked(count: number): void {
  jest.spyOn(wx, 'chooseMedia').mockImplementation(((o: { success?: (r: unknown) => void }) =>
    o.success?.({ tempFiles: Array.from({ length: count }, (_, i) => ({ tempFilePath: `http://tmp/evidence-${i}.jpg`, size: 1000, fileType: 'image' })), type: 'image' })) as never);
  jest.spyOn(wx, 'compressImage').mockImplementation(((o: { src: string; success?: (r: unknown) => void }) => o.success?.({ tempFilePath: o.src })) as never);
  jest.spyOn(wx, 'getFileSystemManager').mockReturnValue({
    readFile: (o: { success?: (r: unknown) => void }) => o.success?.({ data: JPEG_BASE64 }),
  } as never);
}

async function openAs(openid: string): Promise<Rendered> {
  bridge.actAs(openid);
  const page = render(pageId);
  await (page.instance as unknown as { onLoad(): Promise<void> }).onLoad();
  return page;
}

async function fill(page: Rendered, values: { name: string; number: string; phone: string; statement: string }): Promise<void> {
  await typeInto(page, '#name', values.name);
  await typeInto(page, '#number', values.number);
  await typeInto(page, '#phone', values.phone);
  await typeInto(page, '#statement', values.statement);
}

const STATEMENT = '我的身份证号被别人注册了，我是证件本人，现申请找回。';

test('the form says what is missing before anything is sent', async () => {
  const page = await openAs('openid-claim-empty');
  expect(textOf(page, '#no-claims')).toBe('还没有提交过申诉。');
  shot(page, 'empty');
  await tap(page, '#submit');
  expect(textOf(page, '#name-error')).toBe('请填写姓名');
  expect(textOf(page, '#photos-error')).toBe('请至少上传 1 张证据照片（如手持身份证的照片）');
  expect(textOf(page, '#agreed-error')).toBe('请阅读并同意隐私条款');
  shot(page, 'form-errors');
  expect((await serverDb(emu).collection('claims').where({ claimantUserId: userIdOf('openid-claim-empty') }).get()).data).toEqual([]);
});

test('a claimant files with photos, sees it 审核中, and 已通过 with the number once approved', async () => {
  const number = await recordOf('openid-claim-squatter', '王小明');
  const page = await openAs('openid-claim-owner');
  await fill(page, { name: '王小明', number, phone: '13900003333', statement: STATEMENT });
  photosPicked(2);
  await tap(page, '#choose-photos');
  expect(page.querySelectorAll('.photo-image')).toHaveLength(2);
  await tap(page, '#agreed');
  shot(page, 'filled');

  const modal = jest.spyOn(wx, 'showModal'); // the simulator's modal answers 确定
  await tap(page, '#submit');
  await waitFor(() => textOf(page, '#notice'));
  expect(modal).toHaveBeenLastCalledWith(expect.objectContaining({ title: '提交申诉', confirmText: '提交' }));
  expect(textOf(page, '#notice')).toBe('申诉已提交，平台管理员审核后会通过消息告诉你结果');
  const [claim] = (await serverDb(emu).collection('claims').where({ claimantUserId: userIdOf('openid-claim-owner') }).get()).data;
  expect(claim).toMatchObject({ status: 'pending', evidence: [expect.anything(), expect.anything()] });
  const claimId = String(claim!._id);
  await waitFor(() => page.querySelector(`#claim-${claimId}`));
  expect(textOf(page, `#claim-${claimId}`)).toContain('审核中');
  expect(textOf(page, `#claim-${claimId}`)).toContain('2 张');
  shot(page, 'filed');

  bridge.actAs(ADMIN);
  expect(await call('volunteer', 'decideClaim', { claimId, decision: 'approve', reason: '手持证件照片与档案一致' })).toMatchObject({ ok: true });
  const again = await openAs('openid-claim-owner');
  expect(textOf(again, `#claim-${claimId}`)).toContain('已通过');
  expect(textOf(again, `#claim-${claimId}`)).toContain('手持证件照片与档案一致');
  expect(textOf(again, `#claim-${claimId}`)).toMatch(/ZY\d{15}[0-9X]/);
  shot(again, 'approved');
});

test('a name that does not match is refused without saying which part differs', async () => {
  const number = await recordOf('openid-claim-holder-2', '李华');
  const page = await openAs('openid-claim-guesser');
  await fill(page, { name: '李桦', number, phone: '13900004444', statement: STATEMENT });
  photosPicked(1);
  await tap(page, '#choose-photos');
  await tap(page, '#agreed');
  await tap(page, '#submit');
  await waitFor(() => textOf(page, '#notice'));
  expect(textOf(page, '#notice')).toBe('姓名或证件与平台登记的信息不一致，请按证件核对后重试');
  shot(page, 'mismatch');
  await simulate.sleep(0);
  expect((await serverDb(emu).collection('claims').where({ claimantUserId: userIdOf('openid-claim-guesser') }).get()).data).toEqual([]);
});
