// The card image's verification code: its shape fits a mini-program code's scene, what people type folds back to
// it, and each malformed input gets the message that says what is wrong.
import fc from 'fast-check';
import { CARD_PROOF_LENGTH, CARD_PROOF_TAG_ALPHABET, compactCardProof, parseCardProof, spacedCardProof } from './card-proof';
import { iso7064Mod11_2 } from './checksum';

const NUMBER = 'ZY350102260000017' + iso7064Mod11_2('350102260000017');
const TAG = 'K7QM3XPART9WHC';
const CODE = NUMBER + TAG;
// wxacode.getUnlimited: at most 32 visible characters of this set (OpenApiDoc getUnlimitedQRCode).
const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;

test('a code is 32 characters a scene may carry', () => {
  expect(CODE).toHaveLength(CARD_PROOF_LENGTH);
  expect(CODE).toMatch(SCENE);
  expect(parseCardProof(CODE)).toEqual({ ok: true, value: { volunteerNo: NUMBER, tag: TAG, code: CODE } });
});

test('spaced as printed, typed back in any case with spaces, dashes or full-width characters', () => {
  const spaced = spacedCardProof(CODE);
  expect(spaced).toBe(`${NUMBER} K7QM 3XPA RT9W HC`);
  for (const typed of [spaced, spaced.toLowerCase(), spaced.replace(/ /g, '-'), ` ${CODE} `, 'ＺＹ' + CODE.slice(2)]) {
    expect(compactCardProof(typed)).toBe(CODE);
  }
});

test('O, I and L typed in the tag are read as 0 and 1; the number keeps its own characters', () => {
  const tag = '0011ABCDEFGHJK';
  expect(compactCardProof(NUMBER + 'OoIl' + tag.slice(4))).toBe(NUMBER + tag);
  const parsed = parseCardProof(NUMBER + 'OoIl' + tag.slice(4));
  expect(parsed.ok && parsed.value.tag).toBe(tag);
});

test('every tag of the alphabet parses; each malformed code says what is wrong', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...CARD_PROOF_TAG_ALPHABET.split('')), { minLength: 14, maxLength: 14 }), (chars) => {
      expect(parseCardProof(NUMBER + chars.join('')).ok).toBe(true);
    }),
  );
  expect(parseCardProof('   ')).toMatchObject({ ok: false, code: 'CARD_PROOF_FORMAT', message: '请填写志愿服务证图片上的核验码' });
  expect(parseCardProof(CODE.slice(0, 30))).toMatchObject({ ok: false, message: '核验码应为32位（ZY 开头的志愿者编号加14位校验码），当前为30位' });
  expect(parseCardProof(CODE + 'A')).toMatchObject({ ok: false, message: expect.stringContaining('当前为33位') });
  for (const bad of ['ZX' + CODE.slice(2), NUMBER + 'K7QM3XPART9WH*', NUMBER + 'K7QM3XPART9WHU', 'ZY35010226000001AB' + TAG]) {
    expect(parseCardProof(bad)).toMatchObject({ ok: false, message: '核验码格式不正确：应为 ZY 开头的18位志愿者编号，后接14位字母或数字' });
  }
  const wrongCheck = NUMBER.slice(0, 17) + (NUMBER[17] === '0' ? '1' : '0') + TAG;
  expect(parseCardProof(wrongCheck)).toMatchObject({ ok: false, message: '核验码中的志愿者编号校验位不正确，请核对后重新输入' });
});
