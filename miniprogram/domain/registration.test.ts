import type { RegisterOrganizationRequest } from '../../typings/organization';
import type { RegisterRequest } from '../../typings/volunteer';
import { DEFAULT_AGE_POLICY } from './age';
import { gb11643CheckChar } from './checksum';
import { PRIVACY_TERMS_VERSION } from './codes';
import { validateIdentity, validateOrganizationRegistration, validateRegistration } from './registration';
import { usccCheckChar } from './uscc';

const NOW = new Date('2026-11-15T04:00:00Z'); // 2026-11-15 12:00 in Shanghai
const id = (first17: string) => first17 + gb11643CheckChar(first17);
const ADULT_ID = id('35010219900101001'); // male, born 1990-01-01
const MINOR_ID = id('35010220100101002'); // female, 16
const CHILD_ID = id('35010220140101002'); // female, 12
const GUARDIAN_ID = id('35010219800101001'); // male, 46

function request(overrides: Partial<RegisterRequest> = {}): RegisterRequest {
  return {
    name: ' 张三 ',
    credential: { type: 'CN_ID', number: ADULT_ID.toLowerCase() },
    phone: { source: 'typed', number: '138 1234 5678' },
    regionCode: '350102',
    regionNames: ['福建省', '福州市', '鼓楼区'],
    skills: ['first_aid', 'driving'],
    skillTags: [' 会弹吉他 ', '会弹吉他', '剪辑'],
    intentions: ['community', 'education'],
    availability: [
      { weekday: 6, times: ['evening', 'morning'] },
      { weekday: 1, times: ['afternoon'] },
    ],
    consents: { privacyVersion: PRIVACY_TERMS_VERSION },
    ...overrides,
  };
}

function failure(result: { ok: boolean }): { code: string; message: string } {
  expect(result.ok).toBe(false);
  return result as unknown as { code: string; message: string };
}

describe('validateRegistration', () => {
  test('an adult with an ID number: birth date and gender come from the number; everything is normalised', () => {
    const result = validateRegistration(request(), NOW, DEFAULT_AGE_POLICY);
    expect(result).toEqual({
      ok: true,
      value: {
        name: '张三',
        credential: { type: 'CN_ID', number: ADULT_ID, birthDate: '1990-01-01', gender: 'male', provinceCode: '35' },
        gender: 'male',
        birthDate: '1990-01-01',
        age: 36,
        ageBand: 'adult',
        needsGuardian: false,
        under14Rules: false,
        phone: { source: 'typed', number: '13812345678' },
        regionCode: '350102',
        regionNames: ['福建省', '福州市', '鼓楼区'],
        skills: ['first_aid', 'driving'],
        skillTags: ['会弹吉他', '剪辑'],
        intentions: ['community', 'education'],
        availability: [
          { weekday: 1, times: ['afternoon'] },
          { weekday: 6, times: ['morning', 'evening'] },
        ],
        consents: { privacyVersion: PRIVACY_TERMS_VERSION, extraFields: false },
      },
    });
  });

  test('NAME_INVALID keeps the specific message', () => {
    expect(failure(validateRegistration(request({ name: '张3' }), NOW, DEFAULT_AGE_POLICY))).toEqual({
      ok: false,
      code: 'NAME_INVALID',
      message: '姓名不能包含数字',
    });
  });

  test('CREDENTIAL_INVALID keeps what is wrong (位数 / 校验位 / 出生日期 / 地区码)', () => {
    const cases: Array<[string, RegExp]> = [
      ['3501021990010100', /应为18位，当前为16位/],
      [ADULT_ID.slice(0, 17) + (ADULT_ID[17] === '0' ? '1' : '0'), /校验位不正确/],
      [id('35010219900230001'), /出生日期不存在/],
      [id('99010219900101001'), /地区码不正确/],
    ];
    for (const [number, message] of cases) {
      const e = failure(validateRegistration(request({ credential: { type: 'CN_ID', number } }), NOW, DEFAULT_AGE_POLICY));
      expect(e.code).toBe('CREDENTIAL_INVALID');
      expect(e.message).toMatch(message);
    }
  });

  test('a birth date or gender that contradicts the ID number is refused', () => {
    expect(failure(validateRegistration(request({ birthDate: '1990-01-02' }), NOW, DEFAULT_AGE_POLICY))).toMatchObject({
      code: 'CREDENTIAL_INVALID',
      message: expect.stringContaining('不一致'),
    });
    expect(failure(validateRegistration(request({ gender: 'female' }), NOW, DEFAULT_AGE_POLICY))).toMatchObject({
      code: 'CREDENTIAL_INVALID',
      message: '填写的性别与证件号码不一致，请核对',
    });
    expect(validateRegistration(request({ birthDate: '1990-01-01', gender: 'male' }), NOW, DEFAULT_AGE_POLICY).ok).toBe(true);
  });

  test('BIRTH_INFO_REQUIRED for credentials that do not carry it', () => {
    const passport = { type: 'PASSPORT' as const, number: 'e12345678' };
    expect(failure(validateRegistration(request({ name: 'John Smith', credential: passport }), NOW, DEFAULT_AGE_POLICY))).toMatchObject({
      code: 'BIRTH_INFO_REQUIRED',
      message: expect.stringContaining('出生日期'),
    });
    expect(failure(validateRegistration(request({ name: 'John Smith', credential: passport, birthDate: '1990-02-30', gender: 'male' }), NOW, DEFAULT_AGE_POLICY))).toMatchObject({
      code: 'BIRTH_INFO_REQUIRED',
      message: expect.stringContaining('出生日期不存在'),
    });
    expect(failure(validateRegistration(request({ name: 'John Smith', credential: passport, birthDate: '2027-01-01', gender: 'male' }), NOW, DEFAULT_AGE_POLICY))).toMatchObject({
      code: 'BIRTH_INFO_REQUIRED',
      message: expect.stringContaining('晚于今天'),
    });
    expect(failure(validateRegistration(request({ name: 'John Smith', credential: passport, birthDate: '1990-01-01' }), NOW, DEFAULT_AGE_POLICY))).toMatchObject({
      code: 'BIRTH_INFO_REQUIRED',
      message: expect.stringContaining('性别'),
    });
    const ok = validateRegistration(request({ name: 'John Smith', credential: passport, birthDate: '1990-01-01', gender: 'female' }), NOW, DEFAULT_AGE_POLICY);
    expect(ok).toMatchObject({ ok: true, value: { credential: { number: 'E12345678' }, birthDate: '1990-01-01', gender: 'female', ageBand: 'adult' } });
  });

  test('TOO_YOUNG under the minimum age', () => {
    expect(failure(validateRegistration(request({ credential: { type: 'CN_ID', number: CHILD_ID } }), NOW, DEFAULT_AGE_POLICY))).toMatchObject({
      code: 'TOO_YOUNG',
    });
  });

  describe('minors and guardians', () => {
    const guardian = { name: '张大山', relation: 'father' as const, credential: { type: 'CN_ID' as const, number: GUARDIAN_ID }, agreed: true as const };

    test('a minor without a guardian consent is refused', () => {
      expect(failure(validateRegistration(request({ credential: { type: 'CN_ID', number: MINOR_ID } }), NOW, DEFAULT_AGE_POLICY))).toMatchObject({
        code: 'GUARDIAN_CONSENT_REQUIRED',
      });
      const notAgreed = { ...guardian, agreed: false } as unknown as typeof guardian;
      expect(failure(validateRegistration(request({ credential: { type: 'CN_ID', number: MINOR_ID }, guardian: notAgreed }), NOW, DEFAULT_AGE_POLICY))).toMatchObject({
        code: 'GUARDIAN_CONSENT_REQUIRED',
      });
    });

    test('a minor with a valid guardian', () => {
      const result = validateRegistration(request({ credential: { type: 'CN_ID', number: MINOR_ID }, guardian }), NOW, DEFAULT_AGE_POLICY);
      expect(result).toMatchObject({
        ok: true,
        value: {
          age: 16,
          ageBand: 'minor',
          needsGuardian: true,
          under14Rules: false,
          gender: 'female',
          guardian: { name: '张大山', relation: 'father', credential: { number: GUARDIAN_ID, birthDate: '1980-01-01' } },
        },
      });
    });

    test('a child under 14 in a region with a lower minimum: guardian and under-14 rules', () => {
      const result = validateRegistration(request({ credential: { type: 'CN_ID', number: CHILD_ID }, guardian }), NOW, { minimumAge: 10, guardianConsentUnder: 18 });
      expect(result).toMatchObject({ ok: true, value: { age: 12, ageBand: 'child', needsGuardian: true, under14Rules: true } });
    });

    test('GUARDIAN_INVALID: name, relation, credential, same credential as the minor, guardian not adult', () => {
      const minor = { credential: { type: 'CN_ID' as const, number: MINOR_ID } };
      const cases: Array<[typeof guardian, RegExp]> = [
        [{ ...guardian, name: '张' }, /^监护人姓名：/],
        [{ ...guardian, relation: 'uncle' as never }, /关系/],
        [{ ...guardian, credential: { type: 'CN_ID', number: '123' } }, /^监护人证件：身份证号码应为18位/],
        [{ ...guardian, credential: { type: 'CN_ID', number: MINOR_ID.toLowerCase() } }, /不能与志愿者本人的证件相同/],
        [{ ...guardian, credential: { type: 'CN_ID', number: id('35010220090101001') } }, /监护人须年满18周岁/],
      ];
      for (const [g, message] of cases) {
        const e = failure(validateRegistration(request({ ...minor, guardian: g }), NOW, DEFAULT_AGE_POLICY));
        expect(e.code).toBe('GUARDIAN_INVALID');
        expect(e.message).toMatch(message);
      }
    });

    test('a guardian whose credential carries no birth date is accepted (age cannot be read)', () => {
      const g = { ...guardian, credential: { type: 'PASSPORT' as const, number: 'E99999999' } };
      expect(validateRegistration(request({ credential: { type: 'CN_ID', number: MINOR_ID }, guardian: g }), NOW, DEFAULT_AGE_POLICY).ok).toBe(true);
    });

    test('a guardian given by an adult is not kept', () => {
      const result = validateRegistration(request({ guardian }), NOW, DEFAULT_AGE_POLICY);
      expect(result.ok && result.value.guardian).toBeUndefined();
    });
  });

  test('PHONE_INVALID: typed numbers are checked; a WeChat proof only needs to be there (the server verifies it)', () => {
    expect(failure(validateRegistration(request({ phone: { source: 'typed', number: '1381234567' } }), NOW, DEFAULT_AGE_POLICY))).toMatchObject({
      code: 'PHONE_INVALID',
      message: '手机号应为11位，当前为10位',
    });
    expect(failure(validateRegistration(request({ phone: { source: 'wechat', proof: ' ' } }), NOW, DEFAULT_AGE_POLICY))).toMatchObject({ code: 'PHONE_INVALID' });
    expect(validateRegistration(request({ phone: { source: 'wechat', proof: ' ZYP1.abc ' } }), NOW, DEFAULT_AGE_POLICY)).toMatchObject({
      ok: true,
      value: { phone: { source: 'wechat', proof: 'ZYP1.abc' } },
    });
  });

  test('REGION_INVALID', () => {
    expect(failure(validateRegistration(request({ regionCode: '000000' }), NOW, DEFAULT_AGE_POLICY))).toMatchObject({
      code: 'REGION_INVALID',
      message: expect.stringContaining('省级'),
    });
  });

  test('SKILL_INVALID: unknown skill, too many or too long tags', () => {
    expect(failure(validateRegistration(request({ skills: ['juggling'] }), NOW, DEFAULT_AGE_POLICY))).toMatchObject({
      code: 'SKILL_INVALID',
      message: expect.stringContaining('juggling'),
    });
    const eleven = Array.from({ length: 11 }, (_, i) => `标签${i}`);
    expect(failure(validateRegistration(request({ skillTags: eleven }), NOW, DEFAULT_AGE_POLICY))).toMatchObject({
      code: 'SKILL_INVALID',
      message: '技能标签最多10个，当前为11个',
    });
    expect(validateRegistration(request({ skillTags: eleven.slice(0, 10) }), NOW, DEFAULT_AGE_POLICY).ok).toBe(true);
    expect(failure(validateRegistration(request({ skillTags: ['一二三四五六七八九十一二三'] }), NOW, DEFAULT_AGE_POLICY))).toMatchObject({
      code: 'SKILL_INVALID',
      message: expect.stringContaining('超过12个字'),
    });
    expect(validateRegistration(request({ skills: [], skillTags: ['一二三四五六七八九十一二'] }), NOW, DEFAULT_AGE_POLICY).ok).toBe(true);
  });

  test('INTENTION_INVALID: at least one, from the service categories', () => {
    expect(failure(validateRegistration(request({ intentions: [] }), NOW, DEFAULT_AGE_POLICY))).toMatchObject({
      code: 'INTENTION_INVALID',
      message: '请至少选择一个服务意向',
    });
    expect(failure(validateRegistration(request({ intentions: ['community', 'karaoke'] }), NOW, DEFAULT_AGE_POLICY))).toMatchObject({
      code: 'INTENTION_INVALID',
    });
  });

  test('AVAILABILITY_INVALID: weekdays 1–7, unique, with at least one time of day', () => {
    const bad: Array<[unknown, RegExp]> = [
      [[{ weekday: 0, times: ['morning'] }], /周一至周日/],
      [[{ weekday: 8, times: ['morning'] }], /周一至周日/],
      [[{ weekday: 2, times: ['morning'] }, { weekday: 2, times: ['evening'] }], /周二重复了/],
      [[{ weekday: 3, times: [] }], /请为周三选择/],
      [[{ weekday: 3, times: ['night'] }], /上午、下午或晚上/],
    ];
    for (const [availability, message] of bad) {
      const e = failure(validateRegistration(request({ availability: availability as RegisterRequest['availability'] }), NOW, DEFAULT_AGE_POLICY));
      expect(e.code).toBe('AVAILABILITY_INVALID');
      expect(e.message).toMatch(message);
    }
  });

  test('CONSENT_REQUIRED: the current privacy terms', () => {
    expect(failure(validateRegistration(request({ consents: { privacyVersion: '2025-01-01' } }), NOW, DEFAULT_AGE_POLICY))).toMatchObject({
      code: 'CONSENT_REQUIRED',
      message: expect.stringContaining(PRIVACY_TERMS_VERSION),
    });
  });

  test('extra fields only with their own consent (办法2012 Art. 6)', () => {
    const extra = { emergencyContact: { name: '李四', phone: '13987654321' }, introduction: ' 喜欢户外 ' };
    expect(failure(validateRegistration(request({ extra }), NOW, DEFAULT_AGE_POLICY))).toMatchObject({
      code: 'CONSENT_REQUIRED',
      message: expect.stringContaining('另行同意'),
    });
    expect(validateRegistration(request({ extra, consents: { privacyVersion: PRIVACY_TERMS_VERSION, extraFields: true } }), NOW, DEFAULT_AGE_POLICY)).toMatchObject({
      ok: true,
      value: { extra: { emergencyContact: { name: '李四', phone: '13987654321' }, introduction: '喜欢户外' }, consents: { extraFields: true } },
    });
    // an empty extra needs no consent and is not kept
    const empty = validateRegistration(request({ extra: { introduction: '  ' } }), NOW, DEFAULT_AGE_POLICY);
    expect(empty.ok && empty.value.extra).toBeUndefined();
    const withConsent = { consents: { privacyVersion: PRIVACY_TERMS_VERSION, extraFields: true } };
    expect(failure(validateRegistration(request({ ...withConsent, extra: { emergencyContact: { name: '李', phone: '13987654321' } } }), NOW, DEFAULT_AGE_POLICY))).toMatchObject({
      code: 'NAME_INVALID',
      message: expect.stringMatching(/^紧急联系人姓名：/),
    });
    expect(failure(validateRegistration(request({ ...withConsent, extra: { emergencyContact: { name: '李四', phone: '139' } } }), NOW, DEFAULT_AGE_POLICY))).toMatchObject({
      code: 'PHONE_INVALID',
      message: expect.stringMatching(/^紧急联系人手机号：/),
    });
  });
});

describe('validateIdentity (also used for a change of identity)', () => {
  test('composes name, credential, birth information and age', () => {
    expect(validateIdentity({ name: '王五', credential: { type: 'HMT_RESIDENCE', number: id('81000019900101001') } }, NOW, DEFAULT_AGE_POLICY)).toMatchObject({
      ok: true,
      value: { name: '王五', gender: 'male', birthDate: '1990-01-01', ageBand: 'adult' },
    });
  });
});

describe('validateOrganizationRegistration', () => {
  const USCC = '91110000600037341L';
  const NGO_USCC = '51350102MJ0000001' + usccCheckChar('51350102MJ0000001');

  function org(overrides: Partial<RegisterOrganizationRequest> = {}): RegisterOrganizationRequest {
    return {
      name: '  鼓楼区  阳光志愿者协会 ',
      kind: 'registered',
      uscc: NGO_USCC.toLowerCase(),
      authority: '福州市鼓楼区民政局',
      regionCode: '350102',
      regionNames: ['福建省', '福州市', '鼓楼区'],
      address: '福州市鼓楼区五四路100号',
      personInCharge: '陈一',
      contact: { name: '林二', phone: '0591-87654321' },
      ...overrides,
    };
  }

  test('a registered organization', () => {
    expect(validateOrganizationRegistration(org())).toEqual({
      ok: true,
      value: {
        name: '鼓楼区 阳光志愿者协会',
        kind: 'registered',
        uscc: NGO_USCC,
        civilAffairsType: 'social_group',
        authority: '福州市鼓楼区民政局',
        regionCode: '350102',
        regionNames: ['福建省', '福州市', '鼓楼区'],
        address: '福州市鼓楼区五四路100号',
        personInCharge: '陈一',
        contact: { name: '林二', phone: '0591-87654321' },
      },
    });
    expect(validateOrganizationRegistration(org({ uscc: USCC }))).toMatchObject({ ok: true, value: { uscc: USCC } });
  });

  test('USCC_REQUIRED and AUTHORITY_REQUIRED for a registered organization', () => {
    expect(failure(validateOrganizationRegistration(org({ uscc: undefined })))).toMatchObject({ code: 'USCC_REQUIRED' });
    expect(failure(validateOrganizationRegistration(org({ uscc: '  ' })))).toMatchObject({ code: 'USCC_REQUIRED' });
    expect(failure(validateOrganizationRegistration(org({ authority: undefined })))).toMatchObject({
      code: 'AUTHORITY_REQUIRED',
      message: expect.stringContaining('登记管理机关'),
    });
  });

  test('USCC_INVALID keeps the specific message', () => {
    expect(failure(validateOrganizationRegistration(org({ uscc: '91110000600037341M' })))).toEqual({
      ok: false,
      code: 'USCC_INVALID',
      message: '统一社会信用代码校验位不正确，请核对',
    });
    expect(failure(validateOrganizationRegistration(org({ uscc: '9111000060003734IL' })))).toMatchObject({
      code: 'USCC_INVALID',
      message: expect.stringContaining('不使用 I、O、Z、S、V'),
    });
  });

  test('other organizations: USCC and authority optional, checked when given', () => {
    const other = validateOrganizationRegistration(org({ kind: 'other', uscc: undefined, authority: undefined }));
    expect(other.ok).toBe(true);
    expect(other.ok && other.value.uscc).toBeUndefined();
    expect(failure(validateOrganizationRegistration(org({ kind: 'other', uscc: '123' })))).toMatchObject({ code: 'USCC_INVALID' });
    expect(validateOrganizationRegistration(org({ kind: 'other', uscc: USCC }))).toMatchObject({ ok: true, value: { uscc: USCC } });
  });

  test('grassroots teams have no USCC: one given is refused with a message; an authority is not kept', () => {
    expect(failure(validateOrganizationRegistration(org({ kind: 'grassroots' })))).toMatchObject({
      code: 'USCC_INVALID',
      message: expect.stringContaining('草根团队'),
    });
    const team = validateOrganizationRegistration(org({ kind: 'grassroots', uscc: undefined, authority: '某某' }));
    expect(team).toMatchObject({ ok: true, value: { kind: 'grassroots' } });
    expect(team.ok && team.value.authority).toBeUndefined();
    expect(team.ok && team.value.uscc).toBeUndefined();
  });

  test('NAME_INVALID: 2–50 characters', () => {
    expect(failure(validateOrganizationRegistration(org({ name: '会' })))).toMatchObject({ code: 'NAME_INVALID', message: '组织名称应为2–50个字，当前为1个' });
    expect(failure(validateOrganizationRegistration(org({ name: '会'.repeat(51) })))).toMatchObject({ code: 'NAME_INVALID' });
    expect(validateOrganizationRegistration(org({ name: '会'.repeat(50) })).ok).toBe(true);
  });

  test('REGION_INVALID, ADDRESS_INVALID (5–100), PERSON_INVALID, PHONE_INVALID', () => {
    expect(failure(validateOrganizationRegistration(org({ regionCode: '35010' })))).toMatchObject({ code: 'REGION_INVALID' });
    expect(failure(validateOrganizationRegistration(org({ address: '五四路' })))).toMatchObject({ code: 'ADDRESS_INVALID', message: '详细地址应为5–100个字，当前为3个' });
    expect(failure(validateOrganizationRegistration(org({ address: '路'.repeat(101) })))).toMatchObject({ code: 'ADDRESS_INVALID' });
    expect(failure(validateOrganizationRegistration(org({ personInCharge: '陈' })))).toMatchObject({
      code: 'PERSON_INVALID',
      message: expect.stringMatching(/^负责人姓名：/),
    });
    expect(failure(validateOrganizationRegistration(org({ contact: { name: '林2', phone: '13812345678' } })))).toMatchObject({
      code: 'PERSON_INVALID',
      message: expect.stringMatching(/^联系人姓名：/),
    });
    expect(failure(validateOrganizationRegistration(org({ contact: { name: '林二', phone: '12345' } })))).toMatchObject({ code: 'PHONE_INVALID' });
    expect(validateOrganizationRegistration(org({ contact: { name: '林二', phone: '+86 138 1234 5678' } }))).toMatchObject({
      ok: true,
      value: { contact: { phone: '13812345678' } },
    });
  });
});
