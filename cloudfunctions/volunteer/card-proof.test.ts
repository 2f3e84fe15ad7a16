// The card as an image, through the emulator: cardProof hands the owner a static 32-character code and a
// mini-program code whose scene is that code; verifyCard answers anyone the masked facts while the account holds the
// record, and `valid: false` for a changed, forged or foreign code and once the account is deleted.
import type { Emulator } from '../../emulator/src/server';
import { caller, serverSdk, startTestEmulator, wordsOf } from '../../emulator/test/support';
import { CARD_PROOF_TAG_ALPHABET } from '../../miniprogram/domain/card-proof';
import { iso7064Mod11_2 } from '../../miniprogram/domain/checksum';
import { routes } from '../../miniprogram/domain/routes';
import { formatDate, shanghaiDate } from '../../miniprogram/domain/calendar';
import { userIdOf } from '../_shared/documents/ids';
import { cardProofKeyFrom, issueCardProof } from '../_shared/security/card-proof';
import { arrangeOrganization, idNumber, registration, ringOf, ADULT_BIRTH_YEAR } from './test-support';

let emu: Emulator;
let volunteerId = '';
let volunteerNo = '';
const owner = () => caller(emu, 'openid-proof-owner');
const stranger = () => caller(emu, 'openid-proof-stranger');

async function proofOf(openid: string): Promise<{ code: string; spaced: string; miniProgramCode: string }> {
  const res = await caller(emu, openid).call('volunteer', 'cardProof', {});
  if (!res.ok) throw new Error(`cardProof: ${res.error.code} ${res.error.message}`);
  return res.data.proof;
}

beforeAll(async () => {
  emu = await startTestEmulator();
  const res = await owner().call('volunteer', 'register', registration({ name: '欧阳晓梅', credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 21) } }));
  if (!res.ok) throw new Error(`arrange: ${res.error.message}`);
  ({ volunteerId, volunteerNo } = res.data);
  await arrangeOrganization(emu, 'org-proof', '鼓楼区阳光志愿队', { members: [userIdOf('openid-proof-owner')] });
  // 130 h confirmed: one star on the national profile (100 h).
  await serverSdk(emu).database().collection('volunteers').doc(volunteerId).update({ data: { hours: { serviceMinutes: 130 * 60, trainingMinutes: 0, confirmedRecords: 3 } } });
});
afterAll(async () => emu.stop());

test('cardProof: what the image shows, a static 32-character code and the mini-program code of the verify page', async () => {
  const res = await owner().call('volunteer', 'cardProof', {});
  expect(res).toEqual({
    ok: true,
    data: {
      name: '欧阳晓梅',
      volunteerNo,
      organizations: ['鼓楼区阳光志愿队'],
      registeredOn: formatDate(shanghaiDate(new Date())),
      starLevel: 1,
      confirmedHours: 130,
      proof: {
        code: expect.stringMatching(new RegExp(`^${volunteerNo}[${CARD_PROOF_TAG_ALPHABET}]{14}$`)),
        spaced: expect.any(String),
        miniProgramCode: expect.stringMatching(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/),
      },
    },
  });
  if (!res.ok) return;
  const { code, spaced } = res.data.proof;
  expect(code).toHaveLength(32);
  expect(spaced.replace(/ /g, '')).toBe(code);
  // The scene WeChat was asked for is the code itself, for the verify-card page, within WeChat's limits.
  const wxacode = emu.wechat.calls.filter((c) => c.api === 'wxacode.getUnlimited').at(-1)!;
  expect(wxacode).toMatchObject({ function: 'volunteer', errcode: 0 });
  expect(wxacode.data).toMatchObject({ scene: code, page: routes.verifyCard.slice(1), check_path: true });
  expect(Buffer.from(res.data.proof.miniProgramCode.split(',')[1]!, 'base64').subarray(1, 4).toString()).toBe('PNG');
  // Static: asked again (a minute later or not), the same code; the rotating check-in code is nowhere in the answer.
  expect((await proofOf('openid-proof-owner')).code).toBe(code);
  const card = await owner().call('volunteer', 'card', {});
  if (!card.ok) throw new Error('card');
  expect(JSON.stringify(res.data)).not.toContain(card.data.qr.payload);
  expect(JSON.stringify(res.data)).not.toContain('ZYC1');
});

test('verifyCard: anyone, registered or not, scanning or typing, sees the masked facts', async () => {
  const { code, spaced } = await proofOf('openid-proof-owner');
  const valid = {
    ok: true,
    data: { valid: true, volunteer: { nameMasked: '欧***', volunteerNo, starLevel: 1, confirmedHours: 130, organizations: ['鼓楼区阳光志愿队'] } },
  };
  expect(await stranger().call('volunteer', 'verifyCard', { proof: code })).toEqual(valid);
  // Typed as printed, in lower case with dashes, or with O and I for 0 and 1.
  const typed = spaced.toLowerCase().replace(/ /g, '-');
  expect(await stranger().call('volunteer', 'verifyCard', { proof: typed })).toEqual(valid);
  const misread = volunteerNo + code.slice(18).replace(/0/g, 'O').replace(/1/g, 'I');
  expect(await stranger().call('volunteer', 'verifyCard', { proof: misread })).toEqual(valid);
  // Nothing private in the answer.
  const text = JSON.stringify(await stranger().call('volunteer', 'verifyCard', { proof: code }));
  expect(text).not.toContain('欧阳晓梅');
  expect(text).not.toContain(idNumber(ADULT_BIRTH_YEAR, 21));
});

test('a changed tag, a tag moved to another number and a forged tag do not verify', async () => {
  const { code } = await proofOf('openid-proof-owner');
  const tag = code.slice(18);
  const invalid = { ok: true, data: { valid: false } };
  // Every single-character change of the tag.
  for (let i = 0; i < tag.length; i++) {
    const other = CARD_PROOF_TAG_ALPHABET[(CARD_PROOF_TAG_ALPHABET.indexOf(tag[i]!) + 1) % 32];
    const changed = volunteerNo + tag.slice(0, i) + other + tag.slice(i + 1);
    expect(await stranger().call('volunteer', 'verifyCard', { proof: changed })).toEqual(invalid);
  }
  // Another volunteer's number with this tag.
  const second = await caller(emu, 'openid-proof-second').call('volunteer', 'register', registration({ name: '林一', credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 23) } }));
  if (!second.ok) throw new Error('arrange');
  expect(await stranger().call('volunteer', 'verifyCard', { proof: second.data.volunteerNo + tag })).toEqual(invalid);
  // A tag made with another key (someone who knows the format but not the deployment's key).
  const forged = issueCardProof({ _id: volunteerId, userId: userIdOf('openid-proof-owner'), volunteerNo }, Buffer.alloc(32, 7));
  expect(forged).not.toBe(code);
  expect(await stranger().call('volunteer', 'verifyCard', { proof: forged })).toEqual(invalid);
  // A number nobody holds, well formed.
  const unknownDigits = `${volunteerNo.slice(2, 10)}9999999`;
  expect(await stranger().call('volunteer', 'verifyCard', { proof: `ZY${unknownDigits}${iso7064Mod11_2(unknownDigits)}${tag}` })).toEqual(invalid);
  // The key the server uses is the one derived from the deployment's hash key.
  expect(issueCardProof({ _id: volunteerId, userId: userIdOf('openid-proof-owner'), volunteerNo }, cardProofKeyFrom(ringOf(emu)))).toBe(code);
});

test('a malformed code is refused with what is wrong', async () => {
  const { code } = await proofOf('openid-proof-owner');
  const refused = async (proof: string) => stranger().call('volunteer', 'verifyCard', { proof });
  expect(await refused('')).toEqual({ ok: false, error: { code: 'CARD_PROOF_FORMAT', message: '请填写志愿服务证图片上的核验码' } });
  expect(await refused(code.slice(0, 31))).toEqual({ ok: false, error: { code: 'CARD_PROOF_FORMAT', message: '核验码应为32位（ZY 开头的志愿者编号加14位校验码），当前为31位' } });
  expect(await refused(`ZC${code.slice(2)}`)).toEqual({ ok: false, error: { code: 'CARD_PROOF_FORMAT', message: '核验码格式不正确：应为 ZY 开头的18位志愿者编号，后接14位字母或数字' } });
  // A wrong check character of the number (the tag untouched).
  const wrongCheck = volunteerNo.slice(0, 17) + (volunteerNo[17] === '0' ? '1' : '0') + code.slice(18);
  expect(await refused(wrongCheck)).toEqual({ ok: false, error: { code: 'CARD_PROOF_FORMAT', message: '核验码中的志愿者编号校验位不正确，请核对后重新输入' } });
  expect(await stranger().call('volunteer', 'verifyCard', { proof: 'x'.repeat(101) })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  expect(await stranger().call('volunteer', 'verifyCard', { proof: code, extra: 1 } as never)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
});

test('someone not registered gets no proof; WeChat failing is said so', async () => {
  expect(await stranger().call('volunteer', 'cardProof', {})).toEqual({ ok: false, error: { code: 'NOT_REGISTERED', message: '你还没有完成志愿者实名注册，请先注册' } });
  emu.wechat.failNext('wxacode.getUnlimited', { errcode: -1 });
  expect(await owner().call('volunteer', 'cardProof', {})).toEqual({ ok: false, error: { code: 'WECHAT_FAILED', message: '微信服务暂时不可用，请稍后重试' } });
});

test('checks made at once all answer alike (no shared state to race on)', async () => {
  const { code } = await proofOf('openid-proof-owner');
  const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => caller(emu, `openid-proof-desk-${i}`).call('volunteer', 'verifyCard', { proof: code })));
  expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
  expect(answers[0]).toMatchObject({ ok: true, data: { valid: true } });
});

test('verifyCard is rate limited per caller', async () => {
  const { code } = await proofOf('openid-proof-owner');
  const desk = caller(emu, 'openid-proof-busy-desk');
  for (let i = 0; i < 60; i++) expect(await desk.call('volunteer', 'verifyCard', { proof: code })).toMatchObject({ ok: true });
  expect(await desk.call('volunteer', 'verifyCard', { proof: code })).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
});

test('the proof stops verifying once the account is deleted, and a new registration gets a new one', async () => {
  const openid = 'openid-proof-leaver';
  const reg = await caller(emu, openid).call('volunteer', 'register', registration({ name: '陈离', credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 25) } }));
  if (!reg.ok) throw new Error('arrange');
  const { code } = await proofOf(openid);
  expect(await stranger().call('volunteer', 'verifyCard', { proof: code })).toMatchObject({ ok: true, data: { valid: true } });
  expect(await caller(emu, openid).call('volunteer', 'deleteAccount', { confirm: '注销' })).toMatchObject({ ok: true });
  expect(await stranger().call('volunteer', 'verifyCard', { proof: code })).toEqual({ ok: true, data: { valid: false } });
  // The same person registering again is a new record with a new number: the old image stays invalid.
  const again = await caller(emu, openid).call('volunteer', 'register', registration({ name: '陈离', credential: { type: 'CN_ID', number: idNumber(ADULT_BIRTH_YEAR, 25) } }));
  if (!again.ok) throw new Error(`re-register: ${again.error.message}`);
  const renewed = await proofOf(openid);
  expect(renewed.code).not.toBe(code);
  expect(await stranger().call('volunteer', 'verifyCard', { proof: code })).toEqual({ ok: true, data: { valid: false } });
  expect(await stranger().call('volunteer', 'verifyCard', { proof: renewed.code })).toMatchObject({ ok: true, data: { valid: true } });
});

test('no fee, price or payment in what the card image or its check answers (RULES §5)', async () => {
  const proof = await owner().call('volunteer', 'cardProof', {});
  const check = await stranger().call('volunteer', 'verifyCard', { proof: proof.ok ? proof.data.proof.code : '' });
  for (const answer of [proof, check]) expect(wordsOf(answer)).not.toMatch(/fee|price|pay|费|价|支付|付款/i);
});

test('the image cannot stand in for the card at check-in: scanning its code is refused as not a card', async () => {
  const { code } = await proofOf('openid-proof-owner');
  await arrangeOrganization(emu, 'org-proof-scan', '扫码的队伍', { admins: [userIdOf('openid-proof-admin')] });
  expect(await caller(emu, 'openid-proof-admin').call('volunteer', 'scanCard', { orgId: 'org-proof-scan', payload: code })).toEqual({
    ok: false,
    error: { code: 'CARD_INVALID', message: '这不是有效的志愿者证二维码，请让志愿者打开志愿服务证后重新扫码' },
  });
});
