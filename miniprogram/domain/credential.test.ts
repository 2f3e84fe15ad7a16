import fc from 'fast-check';
import { gb11643CheckChar, iso7064Mod11_2 } from './checksum';
import {
  CREDENTIAL_TYPES,
  carriesBirthInfo,
  credentialTypeLabel,
  credentialUniquenessKey,
  formerUniquenessKeys,
  notACitizenIdNumber,
  validateCredential,
  validateName,
} from './credential';
import { PROVINCE_NAMES } from './region';

const TODAY = { year: 2026, month: 11, day: 15 };

/** An ID-shaped number with a correct check character. */
function withCheck(first17: string): string {
  return first17 + gb11643CheckChar(first17);
}

function expectError(result: { ok: boolean }, code: string, message?: string | RegExp): void {
  expect(result.ok).toBe(false);
  const e = result as unknown as { code: string; message: string };
  expect(e.code).toBe(code);
  if (typeof message === 'string') expect(e.message).toBe(message);
  else if (message) expect(e.message).toMatch(message);
}

describe('GB 11643 check character', () => {
  test("the standard's example: S = 167, 167 mod 11 = 2 → X", () => {
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const digits = '11010519491231002';
    const s = weights.reduce((sum, w, i) => sum + w * Number(digits[i]), 0);
    expect(s).toBe(167);
    expect(gb11643CheckChar(digits)).toBe('X');
  });

  test('is ISO 7064 MOD 11-2 written with weights', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{17}$/), (d) => gb11643CheckChar(d) === iso7064Mod11_2(d)));
  });

  test('any single-digit change and any adjacent swap of different digits changes the check character', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), fc.nat(16), fc.integer({ min: 1, max: 9 }), (d, i, delta) => {
        const changed = d.slice(0, i) + String((Number(d[i]) + delta) % 10) + d.slice(i + 1);
        expect(gb11643CheckChar(changed)).not.toBe(gb11643CheckChar(d));
        if (i < 16 && d[i] !== d[i + 1]) {
          const swapped = d.slice(0, i) + d[i + 1] + d[i] + d.slice(i + 2);
          expect(gb11643CheckChar(swapped)).not.toBe(gb11643CheckChar(d));
        }
      }),
    );
  });

  test('rejects input that is not 17 digits (a bug in the caller)', () => {
    expect(() => gb11643CheckChar('123')).toThrow(RangeError);
  });
});

describe('validateCredential: CN_ID', () => {
  test("accepts the standard's example and reads birth date, gender and province", () => {
    expect(validateCredential({ type: 'CN_ID', number: '11010519491231002X' }, TODAY)).toEqual({
      ok: true,
      value: { type: 'CN_ID', number: '11010519491231002X', birthDate: '1949-12-31', gender: 'female', provinceCode: '11' },
    });
  });

  test('normalises a lower-case x, surrounding and inner spaces, and full-width characters', () => {
    for (const typed of [' 11010519491231002x ', '110105 19491231 002X', '１１０１０５１９４９１２３１００２ｘ', '110105\u300019491231002x']) {
      const result = validateCredential({ type: 'CN_ID', number: typed }, TODAY);
      expect(result).toMatchObject({ ok: true, value: { number: '11010519491231002X' } });
    }
  });

  test('an odd 17th digit is male, even is female', () => {
    const male = validateCredential({ type: 'CN_ID', number: withCheck('35010220010930001') }, TODAY);
    const female = validateCredential({ type: 'CN_ID', number: withCheck('35010220010930002') }, TODAY);
    expect(male).toMatchObject({ ok: true, value: { gender: 'male', birthDate: '2001-09-30', provinceCode: '35' } });
    expect(female).toMatchObject({ ok: true, value: { gender: 'female' } });
  });

  test('LENGTH says how many characters there are', () => {
    expectError(validateCredential({ type: 'CN_ID', number: '11010519491231002' }, TODAY), 'LENGTH', '身份证号码应为18位，当前为17位');
    expectError(validateCredential({ type: 'CN_ID', number: '11010519491231002X1' }, TODAY), 'LENGTH', '身份证号码应为18位，当前为19位');
    expectError(validateCredential({ type: 'CN_ID', number: '  ' }, TODAY), 'LENGTH', '请填写身份证号码');
  });

  test('CHARSET names the position', () => {
    expectError(validateCredential({ type: 'CN_ID', number: '1101051949A231002X' }, TODAY), 'CHARSET', /第11位「A」不是数字/);
    expectError(validateCredential({ type: 'CN_ID', number: '11010519491231002Y' }, TODAY), 'CHARSET', /最后一位只能是数字或 X/);
  });

  test('CHECKSUM says the check character is wrong without giving it away', () => {
    expectError(validateCredential({ type: 'CN_ID', number: '110105194912310021' }, TODAY), 'CHECKSUM', '校验位不正确，请核对号码');
  });

  test('BIRTH_DATE: an impossible date (19490230) or one after today', () => {
    expectError(validateCredential({ type: 'CN_ID', number: withCheck('11010519490230002') }, TODAY), 'BIRTH_DATE', /^出生日期不存在/);
    expectError(validateCredential({ type: 'CN_ID', number: withCheck('11010519491301002') }, TODAY), 'BIRTH_DATE', /^出生日期不存在/);
    expectError(validateCredential({ type: 'CN_ID', number: withCheck('11010520010229002') }, TODAY), 'BIRTH_DATE', /^出生日期不存在/);
    expectError(validateCredential({ type: 'CN_ID', number: withCheck('11010520261116002') }, TODAY), 'BIRTH_DATE', /^出生日期晚于今天/);
    expectError(validateCredential({ type: 'CN_ID', number: withCheck('11010518991231002') }, TODAY), 'BIRTH_DATE', /早于1900年/);
    // born today is not in the future; 29 February of a leap year exists
    expect(validateCredential({ type: 'CN_ID', number: withCheck('11010520261115002') }, TODAY).ok).toBe(true);
    expect(validateCredential({ type: 'CN_ID', number: withCheck('11010520000229002') }, TODAY).ok).toBe(true);
  });

  test('"today" given as an instant is the Asia/Shanghai date', () => {
    const bornMarch1 = withCheck('35010220260301002');
    // 2026-02-28T16:30Z is already 1 March in Shanghai
    expect(validateCredential({ type: 'CN_ID', number: bornMarch1 }, new Date('2026-02-28T16:30:00Z')).ok).toBe(true);
    expectError(validateCredential({ type: 'CN_ID', number: bornMarch1 }, new Date('2026-02-28T15:59:59Z')), 'BIRTH_DATE', /晚于今天/);
    expectError(validateCredential({ type: 'CN_ID', number: bornMarch1 }, { year: 2026, month: 2, day: 28 }), 'BIRTH_DATE');
  });

  test('AREA_CODE: the first two digits must be a province-level code', () => {
    const message = '地区码不正确：前两位不是省级行政区划代码';
    expectError(validateCredential({ type: 'CN_ID', number: withCheck('99010519491231002') }, TODAY), 'AREA_CODE', message);
    expectError(validateCredential({ type: 'CN_ID', number: withCheck('00000019491231002') }, TODAY), 'AREA_CODE', message);
    expectError(validateCredential({ type: 'CN_ID', number: withCheck('16010519491231002') }, TODAY), 'AREA_CODE', message);
  });

  test('every mainland province-level code is accepted; 71 / 81 / 82 are province codes no 居民身份证 carries', () => {
    const mainland = Object.keys(PROVINCE_NAMES).filter((p) => !['71', '81', '82'].includes(p));
    expect(mainland).toHaveLength(31);
    for (const province of mainland) {
      expect(validateCredential({ type: 'CN_ID', number: withCheck(`${province}010219800101001`) }, TODAY).ok).toBe(true);
    }
    expect(Object.keys(PROVINCE_NAMES)).toEqual(expect.arrayContaining(['11', '65', '71', '81', '82']));
  });

  test.each([
    ['810000', /810000.*香港.*港澳台居民居住证/],
    ['820000', /820000.*澳门.*港澳台居民居住证/],
    ['830000', /830000.*台湾.*港澳台居民居住证/],
    ['810102', /不会以 81（香港）开头.*港澳台居民居住证/],
    ['820101', /不会以 82（澳门）开头.*港澳台居民居住证/],
    ['831234', /不会以 83（台湾）开头/],
    ['710000', /不会以 71（台湾）开头.*港澳台居民居住证.*810000、820000 或 830000/],
    ['710102', /不会以 71（台湾）开头/],
  ])('a number beginning %s as 居民身份证 is refused, pointing to 港澳台居民居住证', (area, message) => {
    const number = withCheck(`${area}19900101001`);
    expectError(validateCredential({ type: 'CN_ID', number }, TODAY), 'AREA_CODE', message);
    expect(validateCredential({ type: 'HMT_RESIDENCE', number }, TODAY).ok).toBe(area in { '810000': 1, '820000': 1, '830000': 1 });
  });

  test('the refusal comes from the first two digits, before the number is complete (the form shows it as you type)', () => {
    for (const partial of ['81', '8100', '71 01', '８３０']) {
      expectError(validateCredential({ type: 'CN_ID', number: partial }, TODAY), 'AREA_CODE', /港澳台居民居住证/);
      expect(notACitizenIdNumber(partial)).toMatch(/港澳台居民居住证/);
    }
    for (const fine of ['', '8', '35', '350102', '11010519491231002X']) expect(notACitizenIdNumber(fine)).toBeNull();
    expectError(validateCredential({ type: 'CN_ID', number: '8' }, TODAY), 'LENGTH');
  });

  test('one number, one key: 居民身份证 and 港澳台居民居住证 share the GB 11643 number space', () => {
    const number = withCheck('81000019900101001');
    expect(credentialUniquenessKey({ type: 'HMT_RESIDENCE', number })).toBe(credentialUniquenessKey({ type: 'CN_ID', number }));
    expect(credentialUniquenessKey({ type: 'CN_ID', number: '11010519491231002X' })).toBe('CN_ID:11010519491231002X');
    expect(formerUniquenessKeys({ type: 'HMT_RESIDENCE', number })).toEqual([`HMT_RESIDENCE:${number}`]);
    expect(formerUniquenessKeys({ type: 'CN_ID', number })).toEqual([]);
    // Other credentials keep their own spaces: a passport number is not an ID number.
    expect(credentialUniquenessKey({ type: 'PASSPORT', number: 'E12345678' })).toBe('PASSPORT:E12345678');
    expect(credentialUniquenessKey({ type: 'TW_PERMIT', number: '12345678' })).not.toBe(credentialUniquenessKey({ type: 'HK_MO_PERMIT', number: '12345678' }));
  });

  test('abolished or unknown six-digit area codes still pass (old numbers stay valid)', () => {
    // 110103 崇文区 (abolished 2010), 110104 宣武区 (abolished 2010), 350199 (not in any list)
    for (const area of ['110103', '110104', '350199']) {
      expect(validateCredential({ type: 'CN_ID', number: withCheck(`${area}19800101001`) }, TODAY).ok).toBe(true);
    }
  });

  test('a Taiwan residence-permit number under CN_ID points to the right credential type', () => {
    expectError(validateCredential({ type: 'CN_ID', number: withCheck('83000019900101001') }, TODAY), 'AREA_CODE', /港澳台居民居住证/);
  });

  test('property: any valid number validates; changing any one character invalidates', () => {
    const provinces = Object.keys(PROVINCE_NAMES).filter((p) => !['71', '81', '82'].includes(p));
    const idArb = fc
      .record({
        province: fc.constantFrom(...provinces),
        rest: fc.stringMatching(/^\d{4}$/),
        birth: fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2026-11-14T00:00:00Z'), noInvalidDate: true }),
        order: fc.stringMatching(/^\d{3}$/),
      })
      .map(({ province, rest, birth, order }) => {
        const ymd = birth.toISOString().slice(0, 10).replace(/-/g, '');
        return withCheck(province + rest + ymd + order);
      });
    fc.assert(
      fc.property(idArb, fc.nat(17), fc.integer({ min: 1, max: 10 }), (id, i, delta) => {
        expect(validateCredential({ type: 'CN_ID', number: id }, TODAY).ok).toBe(true);
        const alphabet = '0123456789X';
        const pool = i === 17 ? alphabet : alphabet.slice(0, 10);
        const replacement = pool[(pool.indexOf(id[i]) + delta) % pool.length];
        if (replacement === id[i]) return;
        const changed = id.slice(0, i) + replacement + id.slice(i + 1);
        expect(validateCredential({ type: 'CN_ID', number: changed }, TODAY).ok).toBe(false);
      }),
    );
  });
});

describe('validateCredential: other credentials', () => {
  test('HMT_RESIDENCE: area code exactly 810000 / 820000 / 830000, same checksum and birth date rules', () => {
    expect(validateCredential({ type: 'HMT_RESIDENCE', number: withCheck('81000019900101001') }, TODAY)).toMatchObject({
      ok: true,
      value: { provinceCode: '81', birthDate: '1990-01-01', gender: 'male' },
    });
    expect(validateCredential({ type: 'HMT_RESIDENCE', number: withCheck('82000019900101002') }, TODAY)).toMatchObject({
      ok: true,
      value: { provinceCode: '82', gender: 'female' },
    });
    expect(validateCredential({ type: 'HMT_RESIDENCE', number: withCheck('83000019900101002') }, TODAY)).toMatchObject({
      ok: true,
      value: { provinceCode: '83' },
    });
    expectError(validateCredential({ type: 'HMT_RESIDENCE', number: withCheck('81010019900101001') }, TODAY), 'AREA_CODE', /810000/);
    expectError(validateCredential({ type: 'HMT_RESIDENCE', number: withCheck('11010519491231002') }, TODAY), 'AREA_CODE');
    expectError(validateCredential({ type: 'HMT_RESIDENCE', number: '810000199001010010' }, TODAY), 'CHECKSUM');
    expectError(validateCredential({ type: 'HMT_RESIDENCE', number: withCheck('81000019900230001') }, TODAY), 'BIRTH_DATE');
    expectError(validateCredential({ type: 'HMT_RESIDENCE', number: '8100001990' }, TODAY), 'LENGTH', /应为18位，当前为10位/);
  });

  test('HK_MO_PERMIT: H or M + 8 digits (card) or + 10 digits (old)', () => {
    expect(validateCredential({ type: 'HK_MO_PERMIT', number: 'h 1234 5678' }, TODAY)).toEqual({
      ok: true,
      value: { type: 'HK_MO_PERMIT', number: 'H12345678' },
    });
    expect(validateCredential({ type: 'HK_MO_PERMIT', number: 'M1234567890' }, TODAY).ok).toBe(true);
    for (const bad of ['H1234567', 'H123456789', 'K12345678', '12345678', 'H12345678901']) {
      expectError(validateCredential({ type: 'HK_MO_PERMIT', number: bad }, TODAY), 'FORMAT', /H 或 M/);
    }
    expectError(validateCredential({ type: 'HK_MO_PERMIT', number: '' }, TODAY), 'FORMAT', /请填写/);
  });

  test('TW_PERMIT: 8 or 10 digits', () => {
    expect(validateCredential({ type: 'TW_PERMIT', number: '12345678' }, TODAY).ok).toBe(true);
    expect(validateCredential({ type: 'TW_PERMIT', number: '1234567890' }, TODAY).ok).toBe(true);
    for (const bad of ['123456789', '1234567', 'T1234567']) {
      expectError(validateCredential({ type: 'TW_PERMIT', number: bad }, TODAY), 'FORMAT', /8位或10位/);
    }
  });

  test('PASSPORT: 5–17 letters or digits, upper-cased', () => {
    expect(validateCredential({ type: 'PASSPORT', number: ' e1234 5678 ' }, TODAY)).toEqual({
      ok: true,
      value: { type: 'PASSPORT', number: 'E12345678' },
    });
    expect(validateCredential({ type: 'PASSPORT', number: 'A1234' }, TODAY).ok).toBe(true);
    expect(validateCredential({ type: 'PASSPORT', number: 'A'.repeat(17) }, TODAY).ok).toBe(true);
    expectError(validateCredential({ type: 'PASSPORT', number: 'A123' }, TODAY), 'FORMAT', /当前为4位/);
    expectError(validateCredential({ type: 'PASSPORT', number: 'A'.repeat(18) }, TODAY), 'FORMAT', /当前为18位/);
    expectError(validateCredential({ type: 'PASSPORT', number: 'E1234-5678' }, TODAY), 'FORMAT', /字母和数字/);
  });

  test('FOREIGN_PERMANENT: the 2023 card (9…, 18 characters, GB 11643) and the old card (3 letters + 12 digits)', () => {
    // 9 + 11 (Beijing) + 840 (nationality) + 19800101 + 123
    const newCard = withCheck('91184019800101123');
    expect(validateCredential({ type: 'FOREIGN_PERMANENT', number: newCard.toLowerCase() }, TODAY)).toEqual({
      ok: true,
      value: { type: 'FOREIGN_PERMANENT', number: newCard, birthDate: '1980-01-01', gender: 'male', provinceCode: '11' },
    });
    expectError(validateCredential({ type: 'FOREIGN_PERMANENT', number: newCard.slice(0, 17) + (newCard[17] === '0' ? '1' : '0') }, TODAY), 'CHECKSUM');
    expectError(validateCredential({ type: 'FOREIGN_PERMANENT', number: withCheck('91184019800230123') }, TODAY), 'BIRTH_DATE');
    expectError(validateCredential({ type: 'FOREIGN_PERMANENT', number: withCheck('99984019800101123') }, TODAY), 'AREA_CODE', /受理地/);
    expect(validateCredential({ type: 'FOREIGN_PERMANENT', number: 'usa110080012345' }, TODAY)).toEqual({
      ok: true,
      value: { type: 'FOREIGN_PERMANENT', number: 'USA110080012345' },
    });
    for (const bad of [withCheck('11010519491231002'), 'US110080012345', 'USA11008001234']) {
      expectError(validateCredential({ type: 'FOREIGN_PERMANENT', number: bad }, TODAY), 'FORMAT', /以 9 开头的18位/);
    }
  });
});

describe('credential helpers', () => {
  test('Chinese labels for every type', () => {
    expect(CREDENTIAL_TYPES.map(credentialTypeLabel)).toEqual([
      '居民身份证',
      '港澳台居民居住证',
      '港澳居民来往内地通行证',
      '台湾居民来往大陆通行证',
      '护照',
      '外国人永久居留身份证',
    ]);
  });

  test('carriesBirthInfo: ID numbers, residence permits and the 18-character permanent residence card', () => {
    expect(carriesBirthInfo('CN_ID')).toBe(true);
    expect(carriesBirthInfo('HMT_RESIDENCE')).toBe(true);
    expect(carriesBirthInfo('HK_MO_PERMIT')).toBe(false);
    expect(carriesBirthInfo('TW_PERMIT')).toBe(false);
    expect(carriesBirthInfo('PASSPORT')).toBe(false);
    expect(carriesBirthInfo('FOREIGN_PERMANENT')).toBe(false);
    expect(carriesBirthInfo('FOREIGN_PERMANENT', withCheck('91184019800101123'))).toBe(true);
    expect(carriesBirthInfo('FOREIGN_PERMANENT', 'USA110080012345')).toBe(false);
  });
});

describe('validateName', () => {
  test.each([
    ['张三', '张三'],
    [' 欧阳娜娜 ', '欧阳娜娜'],
    ['张 三', '张三'],
    ['阿卜杜拉·艾买提', '阿卜杜拉·艾买提'],
    ['阿卜杜拉•艾买提', '阿卜杜拉·艾买提'],
    ['阿卜杜拉・艾买提', '阿卜杜拉·艾买提'],
    ['𠮷野', '𠮷野'],
    ['John Smith', 'John Smith'],
    ['  Mary-Jane   O\'Neil ', "Mary-Jane O'Neil"],
    ['José Müller', 'José Müller'],
    ['Ｊｏｈｎ Ｓｍｉｔｈ', 'John Smith'],
  ])('accepts %j as %j', (typed, normalised) => {
    expect(validateName(typed)).toEqual({ ok: true, value: normalised });
  });

  test('NAME_EMPTY', () => {
    expectError(validateName('   '), 'NAME_EMPTY', '请填写姓名');
  });

  test('NAME_LENGTH: 2–30 characters, a rare character counts once', () => {
    expectError(validateName('张'), 'NAME_LENGTH', '姓名应为2–30个字符，当前为1个');
    expectError(validateName('𠮷'), 'NAME_LENGTH', /当前为1个/);
    expect(validateName('张'.repeat(30)).ok).toBe(true);
    expectError(validateName('张'.repeat(31)), 'NAME_LENGTH', /当前为31个/);
    expectError(validateName('A'.repeat(31)), 'NAME_LENGTH');
  });

  test('NAME_CHARSET: digits, symbols, mixed scripts, misplaced dots', () => {
    expectError(validateName('张3'), 'NAME_CHARSET', '姓名不能包含数字');
    expectError(validateName('John2'), 'NAME_CHARSET', '姓名不能包含数字');
    expectError(validateName('张三@'), 'NAME_CHARSET', /「@」/);
    expectError(validateName('Li 李'), 'NAME_CHARSET', /不能混用汉字和字母/);
    expectError(validateName('·张三'), 'NAME_CHARSET', /·/);
    expectError(validateName('张三·'), 'NAME_CHARSET', /·/);
    expectError(validateName('张··三'), 'NAME_CHARSET', /·/);
    expectError(validateName('--'), 'NAME_CHARSET', /汉字或字母/);
    expectError(validateName('John_Smith'), 'NAME_CHARSET', /「_」/);
  });
});
