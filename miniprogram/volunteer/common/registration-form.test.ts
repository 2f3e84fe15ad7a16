import { gb11643CheckChar } from '../../domain/checksum';
import { PRIVACY_TERMS_VERSION } from '../../domain/codes';
import {
  addSkillTag,
  applyServerError,
  back,
  buildRequest,
  credentialLengthReached,
  DEFAULT_AGE_POLICY,
  derivedBirthText,
  emptyForm,
  errorTarget,
  goToStep,
  next,
  phoneCodeOf,
  phoneFromWechat,
  phoneVerified,
  phoneVerifyFailed,
  prepareSubmit,
  removeSkillTag,
  setBirthDate,
  setCredentialType,
  setExtraConsent,
  setGender,
  setGuardianAgreed,
  setGuardianRelation,
  setPrivacyAgreed,
  setRegion,
  setText,
  stepErrors,
  stepsOf,
  toggleAvailability,
  toggleIntention,
  toggleSkill,
  toggleSlot,
  touchText,
  toRegisterView,
  usePhoneMode,
  visibleErrors,
  type RegisterForm,
} from './registration-form';

const id = (first17: string) => first17 + gb11643CheckChar(first17);
// 2026-06-15 10:00 in Asia/Shanghai.
const NOW = new Date('2026-06-15T02:00:00Z');
const policy = DEFAULT_AGE_POLICY;
const ADULT_ID = id('35010219900307123'); // male (3 is odd), born 1990-03-07
const MINOR_ID = id('35010220100501124'); // female, 16 on 2026-06-15
const CHILD_ID = id('35010220150101123'); // 11
const FATHER_ID = id('35010219800101123');

function fill(form: RegisterForm, fields: Partial<RegisterForm>): RegisterForm {
  return { ...form, ...fields };
}

/** A form filled through the identity step, as a person would. */
function identityDone(number = ADULT_ID): RegisterForm {
  let f = emptyForm();
  f = setText(f, 'name', '张三');
  f = setText(f, 'credentialNumber', number);
  return f;
}

function contactDone(f: RegisterForm): RegisterForm {
  f = phoneFromWechat(f, { code: 'wx-code-1', errMsg: 'getPhoneNumber:ok' });
  f = phoneVerified(f, { proof: 'proof-1', phoneMasked: '139****1111' });
  return setRegion(f, ['350000', '350100', '350102'], ['福建省', '福州市', '鼓楼区']);
}

function preferencesDone(f: RegisterForm): RegisterForm {
  f = toggleSkill(f, 'first_aid');
  f = toggleIntention(f, 'community');
  return toggleAvailability(f, 6, 'morning');
}

function walk(f: RegisterForm): RegisterForm {
  return next(f, NOW, policy);
}

/** Identity → contact → preferences → (guardian) → consent. */
function throughPreferences(number = ADULT_ID): RegisterForm {
  let f = walk(identityDone(number));
  expect(f.step).toBe('contact');
  f = walk(contactDone(f));
  expect(f.step).toBe('preferences');
  return walk(preferencesDone(f));
}

describe('identity step', () => {
  test('an empty step shows nothing before the person has done anything', () => {
    expect(visibleErrors(emptyForm(), NOW, policy)).toEqual({});
  });

  test('a 港澳台居民居住证 number typed as 居民身份证 is refused as soon as its first two digits say so', () => {
    const typing = setText(emptyForm(), 'credentialNumber', '81');
    expect(visibleErrors(typing, NOW, policy).credentialNumber).toMatch(/港澳台居民居住证/);
    expect(visibleErrors(setText(emptyForm(), 'credentialNumber', '8'), NOW, policy).credentialNumber).toBeUndefined();
    expect(visibleErrors(setText(emptyForm(), 'credentialNumber', '3501'), NOW, policy).credentialNumber).toBeUndefined();
    const switched = setCredentialType(setText(emptyForm(), 'credentialNumber', '8100001990'), 'HMT_RESIDENCE');
    expect(visibleErrors(switched, NOW, policy).credentialNumber).toBeUndefined();
  });

  test('a name error shows after the field is left, not while typing', () => {
    let f = setText(emptyForm(), 'name', '张');
    expect(visibleErrors(f, NOW, policy).name).toBeUndefined();
    f = touchText(f, 'name');
    expect(visibleErrors(f, NOW, policy).name).toBe('姓名应为2–30个字符，当前为1个');
  });

  test('an ID number is not nagged about on the first keystrokes, but is checked once it has 18 characters', () => {
    let f = setText(emptyForm(), 'credentialNumber', '3501');
    expect(visibleErrors(f, NOW, policy).credentialNumber).toBeUndefined();
    f = setText(f, 'credentialNumber', ADULT_ID.slice(0, 17) + (ADULT_ID[17] === '0' ? '1' : '0'));
    expect(visibleErrors(f, NOW, policy).credentialNumber).toBe('校验位不正确，请核对号码');
  });

  test('the specific reason of the domain is shown after blur (位数)', () => {
    const f = touchText(setText(emptyForm(), 'credentialNumber', '3501021990'), 'credentialNumber');
    expect(visibleErrors(f, NOW, policy).credentialNumber).toBe('身份证号码应为18位，当前为10位');
  });

  test('a lower-case x and spaces are accepted', () => {
    const f = setText(setText(emptyForm(), 'name', '李四'), 'credentialNumber', ' 11010519491231002x ');
    expect(stepErrors(f, 'identity', NOW, policy)).toEqual({});
  });

  test('completion lengths per credential type', () => {
    expect(credentialLengthReached('CN_ID', '1'.repeat(17))).toBe(false);
    expect(credentialLengthReached('CN_ID', '1'.repeat(18))).toBe(true);
    expect(credentialLengthReached('HK_MO_PERMIT', 'H12345678')).toBe(true);
    expect(credentialLengthReached('TW_PERMIT', '1234567')).toBe(false);
    expect(credentialLengthReached('PASSPORT', 'E123456789012')).toBe(false); // passports only after blur
  });

  test('gender and birth date are derived from an ID number and not asked', () => {
    const f = identityDone();
    expect(derivedBirthText(f, NOW)).toBe('根据证件号码：男，1990-03-07');
    const view = toRegisterView(f, NOW, policy);
    expect(view.asksBirthInfo).toBe(false);
    expect(view.derivedBirthText).toBe('根据证件号码：男，1990-03-07');
    expect(stepErrors(f, 'identity', NOW, policy)).toEqual({});
  });

  test('for a passport, gender and birth date are asked', () => {
    let f = setCredentialType(setText(emptyForm(), 'name', 'John Smith'), 'PASSPORT');
    f = setText(f, 'credentialNumber', 'E12345678');
    expect(toRegisterView(f, NOW, policy).asksBirthInfo).toBe(true);
    expect(stepErrors(f, 'identity', NOW, policy)).toEqual({
      gender: '此类证件号码不含性别，请选择性别',
      birthDate: '此类证件号码不含出生日期，请选择出生日期',
    });
    f = setBirthDate(setGender(f, 'male'), '1995-02-03');
    expect(stepErrors(f, 'identity', NOW, policy)).toEqual({});
    expect(buildRequest(f, NOW, policy)).toMatchObject({
      credential: { type: 'PASSPORT', number: 'E12345678' },
      gender: 'male',
      birthDate: '1995-02-03',
    });
  });

  test('the 2023 foreign permanent residence card carries its birth date; the old one does not', () => {
    const newCard = '9' + '35' + '840' + '20000101' + '123';
    let f = setCredentialType(setText(emptyForm(), 'name', 'John Smith'), 'FOREIGN_PERMANENT');
    f = setText(f, 'credentialNumber', newCard + gb11643CheckChar(newCard));
    expect(toRegisterView(f, NOW, policy).asksBirthInfo).toBe(false);
    f = setText(f, 'credentialNumber', 'USA350102900101');
    expect(toRegisterView(f, NOW, policy).asksBirthInfo).toBe(true);
  });

  test('an ID number does not send gender or birth date in the request', () => {
    const f = setBirthDate(setGender(identityDone(), 'female'), '2001-01-01');
    const req = buildRequest(f, NOW, policy);
    expect(req.gender).toBeUndefined();
    expect(req.birthDate).toBeUndefined();
  });

  test('next refuses an incomplete step and then shows every problem', () => {
    const f = walk(emptyForm());
    expect(f.step).toBe('identity');
    expect(visibleErrors(f, NOW, policy)).toEqual({ name: '请填写姓名', credentialNumber: '请填写身份证号码' });
  });

  test('under the minimum age: a clear refusal, shown at once, and no way forward', () => {
    const f = identityDone(CHILD_ID);
    const view = toRegisterView(f, NOW, policy);
    expect(view.tooYoung).toEqual({ title: '未满14周岁暂不能注册', detail: '年满14周岁才能注册为志愿者，你现在11周岁' });
    expect(view.errors.age).toBe('未满14周岁暂不能注册');
    expect(walk(f).step).toBe('identity');
  });

  test('the day of the 14th birthday counts, in Asia/Shanghai', () => {
    const born = id('35010220120615123'); // 14 on 2026-06-15
    // 2026-06-14 20:00 UTC is already 2026-06-15 04:00 in Shanghai.
    expect(toRegisterView(identityDone(born), new Date('2026-06-14T20:00:00Z'), policy).tooYoung).toBeNull();
    expect(toRegisterView(identityDone(born), new Date('2026-06-14T15:00:00Z'), policy).tooYoung).not.toBeNull();
  });

  test('a region with a lower minimum age: a child under 14 gets the guardian step and the under-14 rules', () => {
    const lower = { minimumAge: 10, guardianConsentUnder: 18 };
    const f = identityDone(CHILD_ID);
    expect(stepsOf(f, NOW, lower)).toEqual(['identity', 'contact', 'preferences', 'guardian', 'consent']);
    const view = toRegisterView(f, NOW, lower);
    expect(view.tooYoung).toBeNull();
    expect(view.under14Rules).toBe(true);
  });
});

describe('contact step', () => {
  test('the WeChat phone button gives a code, exchanged at once; the request carries the proof, marked verified', () => {
    const tapped = phoneFromWechat(emptyForm(), { code: 'abc', errMsg: 'getPhoneNumber:ok' });
    expect(phoneCodeOf({ code: ' abc ', errMsg: 'getPhoneNumber:ok' })).toBe('abc');
    expect(toRegisterView(tapped, NOW, policy)).toMatchObject({ phoneMode: 'wechat', phoneObtained: false, phoneVerifying: true });
    expect(stepErrors(tapped, 'contact', NOW, policy).phone).toMatch(/正在验证/);
    const f = phoneVerified(tapped, { proof: 'proof-abc', phoneMasked: '139****1111' });
    expect(toRegisterView(f, NOW, policy)).toMatchObject({ phoneMode: 'wechat', phoneObtained: true, phoneVerifying: false, phoneMasked: '139****1111' });
    expect(stepErrors(f, 'contact', NOW, policy).phone).toBeUndefined();
    expect(buildRequest(f, NOW, policy).phone).toEqual({ source: 'wechat', proof: 'proof-abc' });
    expect(toRegisterView(f, NOW, policy).summary.find((r) => r.label === '手机号')!.value).toBe('139****1111（微信绑定，已验证）');
  });

  test('an exchange that answers after the person chose to type changes nothing', () => {
    const typing = usePhoneMode(phoneFromWechat(emptyForm(), { code: 'slow', errMsg: 'getPhoneNumber:ok' }), 'typed');
    expect(phoneVerified(typing, { proof: 'late', phoneMasked: '139****1111' })).toBe(typing);
    expect(phoneVerifyFailed(typing, '手机号获取失败')).toBe(typing);
  });

  test('a refused exchange says why; the person taps again or types', () => {
    const onContact: RegisterForm = { ...emptyForm(), step: 'contact' };
    const f = phoneVerifyFailed(phoneFromWechat(onContact, { code: 'used', errMsg: 'getPhoneNumber:ok' }), '手机号获取失败，请重新授权或手动填写');
    expect(f).toMatchObject({ phoneMode: 'wechat', phoneVerifying: false, phoneProof: '' });
    expect(visibleErrors(f, NOW, policy).phone).toBe('手机号获取失败，请重新授权或手动填写');
    expect(visibleErrors(usePhoneMode(f, 'typed'), NOW, policy).phone).toBeUndefined();
  });

  test('a refusal falls back to a typed number, sent as typed (unverified)', () => {
    let f = phoneFromWechat(emptyForm(), { errMsg: 'getPhoneNumber:fail user deny' });
    expect(f.phoneMode).toBe('typed');
    f = setText(f, 'typedPhone', '138 1234 5678');
    expect(buildRequest(f, NOW, policy).phone).toEqual({ source: 'typed', number: '138 1234 5678' });
    expect(toRegisterView(f, NOW, policy).summary.find((r) => r.label === '手机号')!.value).toBe('138 1234 5678（未验证）');
  });

  test('typed numbers are checked with the domain’s reasons', () => {
    let f: RegisterForm = { ...usePhoneMode(emptyForm(), 'typed'), step: 'contact' };
    f = touchText(setText(f, 'typedPhone', '1381234'), 'typedPhone');
    expect(visibleErrors(f, NOW, policy).phone).toBe('手机号应为11位，当前为7位');
  });

  test('without a phone or region the step cannot be left', () => {
    const f = walk({ ...emptyForm(), step: 'contact' });
    expect(f.step).toBe('contact');
    expect(visibleErrors(f, NOW, policy)).toEqual({
      phone: '请点击获取微信绑定的手机号，或选择手动填写',
      region: '请选择居住地区',
    });
  });

  test('the region picker stores the last code (GB/T 2260) and the names', () => {
    const f = setRegion(emptyForm(), ['350000', '350100', '350102'], ['福建省', '福州市', '鼓楼区']);
    expect(buildRequest(f, NOW, policy)).toMatchObject({ regionCode: '350102', regionNames: ['福建省', '福州市', '鼓楼区'] });
    expect(toRegisterView(f, NOW, policy).regionText).toBe('福建省 福州市 鼓楼区');
  });
});

describe('preferences step', () => {
  test('at least one intention', () => {
    const f = walk({ ...emptyForm(), step: 'preferences' });
    expect(visibleErrors(f, NOW, policy)).toEqual({ intentions: '请至少选择一个服务意向' });
    expect(walk(toggleIntention(f, 'education')).step).toBe('consent');
  });

  test('skills toggle on and off', () => {
    const f = toggleSkill(toggleSkill(toggleSkill(emptyForm(), 'it'), 'driving'), 'it');
    expect(f.skills).toEqual(['driving']);
    expect(toRegisterView(f, NOW, policy).skills.find((s) => s.code === 'driving')!.selected).toBe(true);
  });

  test('free tags: trimmed, no duplicates, at most 12 characters and at most 10', () => {
    let f = addSkillTag(setText(emptyForm(), 'tagDraft', '  茶艺  '));
    expect(f.skillTags).toEqual(['茶艺']);
    expect(f.tagDraft).toBe('');
    f = addSkillTag(setText(f, 'tagDraft', '茶艺'));
    expect(f.skillTags).toEqual(['茶艺']);
    f = addSkillTag(setText(f, 'tagDraft', '一二三四五六七八九十一二三'));
    expect(f.tagError).toBe('技能标签最多12个字');
    expect(addSkillTag(setText(f, 'tagDraft', '')).tagError).toBe('请先输入技能标签');
    for (let i = 1; i < 10; i++) f = addSkillTag(setText(f, 'tagDraft', `标签${i}`));
    expect(f.skillTags).toHaveLength(10);
    expect(toRegisterView(f, NOW, policy).canAddTag).toBe(false);
    f = addSkillTag(setText(f, 'tagDraft', '第十一个'));
    expect(f.tagError).toBe('技能标签最多10个');
    expect(f.skillTags).toHaveLength(10);
    f = removeSkillTag(f, '茶艺');
    expect(f.skillTags).toHaveLength(9);
    expect(f.tagError).toBe('');
  });

  test('availability: 7 weekdays × 上午/下午/晚上, sorted, empty days dropped', () => {
    let slots = toggleSlot([], 6, 'evening');
    slots = toggleSlot(slots, 1, 'afternoon');
    slots = toggleSlot(slots, 6, 'morning');
    expect(slots).toEqual([
      { weekday: 1, times: ['afternoon'] },
      { weekday: 6, times: ['morning', 'evening'] },
    ]);
    expect(toggleSlot(slots, 1, 'afternoon')).toEqual([{ weekday: 6, times: ['morning', 'evening'] }]);
    const f = { ...emptyForm(), availability: slots };
    const view = toRegisterView(f, NOW, policy);
    expect(view.availability).toHaveLength(7);
    expect(view.availability[5]!.times.map((t) => t.selected)).toEqual([true, false, true]);
    expect(view.summary.find((r) => r.label === '可服务时间')!.value).toBe('周一下午，周六上午/晚上');
  });
});

describe('guardian step (minors)', () => {
  test('an adult has no guardian step', () => {
    expect(stepsOf(identityDone(), NOW, policy)).toEqual(['identity', 'contact', 'preferences', 'consent']);
  });

  test('14–17: the guardian step comes before the consent step, and must be complete', () => {
    const f = throughPreferences(MINOR_ID);
    expect(f.step).toBe('guardian');
    const view = toRegisterView(f, NOW, policy);
    expect(view.stepCount).toBe(5);
    expect(view.under14Rules).toBe(false);
    const stuck = walk(f);
    expect(stuck.step).toBe('guardian');
    expect(visibleErrors(stuck, NOW, policy)).toEqual({
      guardianName: '请填写姓名',
      guardianRelation: '请选择与监护人的关系',
      guardianCredentialNumber: '请填写身份证号码',
      guardianAgreed: '请监护人阅读以上说明并勾选同意',
    });
  });

  test('the guardian must hold a different, adult credential', () => {
    let f = throughPreferences(MINOR_ID);
    f = setGuardianAgreed(setGuardianRelation(setText(f, 'guardianName', '张大山'), 'father'), true);
    f = touchText(setText(f, 'guardianCredentialNumber', MINOR_ID), 'guardianCredentialNumber');
    expect(visibleErrors(f, NOW, policy).guardianCredentialNumber).toBe('监护人证件不能与志愿者本人的证件相同，请填写监护人自己的证件');
    f = setText(f, 'guardianCredentialNumber', id('35010220100101123'));
    expect(visibleErrors(f, NOW, policy).guardianCredentialNumber).toBe('监护人须年满18周岁，请核对监护人证件');
    f = setText(f, 'guardianCredentialNumber', FATHER_ID);
    expect(visibleErrors(f, NOW, policy)).toEqual({});
    expect(walk(f).step).toBe('consent');
  });

  test('the request carries the guardian’s consent only when the age needs it', () => {
    let f = throughPreferences(MINOR_ID);
    f = setGuardianAgreed(setGuardianRelation(setText(f, 'guardianName', '张大山'), 'father'), true);
    f = setText(f, 'guardianCredentialNumber', FATHER_ID);
    expect(buildRequest(f, NOW, policy).guardian).toEqual({
      name: '张大山',
      relation: 'father',
      credential: { type: 'CN_ID', number: FATHER_ID },
      agreed: true,
    });
    // The same guardian fields, left over after correcting the ID to an adult's, are not sent.
    const adult = setText(f, 'credentialNumber', ADULT_ID);
    expect(buildRequest(adult, NOW, policy).guardian).toBeUndefined();
  });

  test('not agreed: no guardian in the request', () => {
    let f = throughPreferences(MINOR_ID);
    f = setGuardianRelation(setText(f, 'guardianName', '张大山'), 'mother');
    expect(buildRequest(f, NOW, policy).guardian).toBeUndefined();
  });
});

describe('consent step and submit', () => {
  function ready(number = ADULT_ID): RegisterForm {
    return setPrivacyAgreed(throughPreferences(number), true);
  }

  test('the privacy terms must be agreed', () => {
    const f = setPrivacyAgreed(throughPreferences(), false);
    expect(visibleErrors(f, NOW, policy).privacy).toBe(`请阅读并同意《隐私保护指引》（${PRIVACY_TERMS_VERSION} 版）`);
    const check = prepareSubmit(f, NOW, policy);
    expect(check.ok).toBe(false);
  });

  test('a complete adult registration builds the request the contract asks for', () => {
    const check = prepareSubmit(ready(), NOW, policy);
    expect(check).toEqual({
      ok: true,
      request: {
        name: '张三',
        credential: { type: 'CN_ID', number: ADULT_ID },
        phone: { source: 'wechat', proof: 'proof-1' },
        regionCode: '350102',
        regionNames: ['福建省', '福州市', '鼓楼区'],
        skills: ['first_aid'],
        skillTags: [],
        intentions: ['community'],
        availability: [{ weekday: 6, times: ['morning'] }],
        consents: { privacyVersion: PRIVACY_TERMS_VERSION, extraFields: false },
      },
    });
  });

  test('extra fields are sent only with their own consent', () => {
    let f = ready();
    f = setText(setText(f, 'emergencyName', '王五'), 'emergencyPhone', '13900001111');
    f = setText(f, 'introduction', '喜欢户外');
    expect(buildRequest(f, NOW, policy).extra).toBeUndefined();
    f = setExtraConsent(f, true);
    expect(buildRequest(f, NOW, policy)).toMatchObject({
      consents: { extraFields: true },
      extra: { emergencyContact: { name: '王五', phone: '13900001111' }, introduction: '喜欢户外' },
    });
  });

  test('extra fields are checked: a contact needs a valid name and mobile; consent without content is pointed out', () => {
    let f = setExtraConsent(ready(), true);
    expect(stepErrors(f, 'consent', NOW, policy).extra).toMatch(/请填写紧急联系人或个人介绍/);
    f = setText(f, 'emergencyPhone', '123');
    expect(stepErrors(f, 'consent', NOW, policy)).toEqual({ emergencyName: '请填写姓名', emergencyPhone: '手机号应为11位，当前为3位' });
    f = setText(f, 'introduction', '长'.repeat(201));
    expect(stepErrors(f, 'consent', NOW, policy).introduction).toBe('个人介绍最多200字');
  });

  test('a problem on an earlier step, found at submit, sends the person there', () => {
    let f = ready();
    f = { ...f, intentions: [] };
    const check = prepareSubmit(f, NOW, policy);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.form.step).toBe('preferences');
    expect(visibleErrors(check.form, NOW, policy).intentions).toBe('请至少选择一个服务意向');
  });

  test('a minor’s complete registration includes the guardian', () => {
    let f = throughPreferences(MINOR_ID);
    f = setGuardianAgreed(setGuardianRelation(setText(f, 'guardianName', '张大山'), 'father'), true);
    f = walk(setText(f, 'guardianCredentialNumber', FATHER_ID));
    f = setPrivacyAgreed(f, true);
    const check = prepareSubmit(f, NOW, policy);
    expect(check.ok && check.request.guardian?.relation).toBe('father');
  });

  test('the summary lists what was entered, each with its step', () => {
    const view = toRegisterView(ready(), NOW, policy);
    expect(view.isLast).toBe(true);
    expect(view.summary.map((r) => [r.label, r.value, r.step])).toEqual([
      ['姓名', '张三', 'identity'],
      ['居民身份证', ADULT_ID, 'identity'],
      ['性别与出生日期', '男，1990-03-07', 'identity'],
      ['手机号', '139****1111（微信绑定，已验证）', 'contact'],
      ['居住地区', '福建省 福州市 鼓楼区', 'contact'],
      ['技能', '急救（持证）', 'preferences'],
      ['服务意向', '社区服务', 'preferences'],
      ['可服务时间', '周六上午', 'preferences'],
    ]);
  });
});

describe('moving between steps', () => {
  test('back and 修改', () => {
    const f = throughPreferences();
    expect(f.step).toBe('consent');
    expect(back(f, NOW, policy).step).toBe('preferences');
    expect(goToStep(f, 'identity', NOW, policy).step).toBe('identity');
    expect(goToStep(f, 'guardian', NOW, policy).step).toBe('consent'); // not a step of an adult
    expect(back(emptyForm(), NOW, policy).step).toBe('identity');
  });

  test('the progress shows done, current and to-do steps', () => {
    const view = toRegisterView(walk(identityDone()), NOW, policy);
    expect(view.steps.map((s) => s.state)).toEqual(['done', 'current', 'todo', 'todo']);
    expect(view.stepTitle).toBe('联系与地区');
    expect(view.stepNumber).toBe(2);
  });
});

describe('server errors', () => {
  const adultSteps = ['identity', 'contact', 'preferences', 'consent'] as const;
  const minorSteps = ['identity', 'contact', 'preferences', 'guardian', 'consent'] as const;

  test.each([
    ['NAME_INVALID', undefined, 'identity', 'name'],
    ['NAME_INVALID', 'extra.emergencyContact.name', 'consent', 'emergencyName'],
    ['CREDENTIAL_INVALID', undefined, 'identity', 'credentialNumber'],
    ['CREDENTIAL_TAKEN', undefined, 'identity', 'credentialNumber'],
    ['ALREADY_REGISTERED', undefined, 'identity', undefined],
    ['BIRTH_INFO_REQUIRED', undefined, 'identity', 'birthDate'],
    ['TOO_YOUNG', undefined, 'identity', 'age'],
    ['PHONE_INVALID', undefined, 'contact', 'phone'],
    ['PHONE_INVALID', 'extra.emergencyContact.phone', 'consent', 'emergencyPhone'],
    ['REGION_INVALID', undefined, 'contact', 'region'],
    ['SKILL_INVALID', undefined, 'preferences', 'skills'],
    ['INTENTION_INVALID', undefined, 'preferences', 'intentions'],
    ['AVAILABILITY_INVALID', undefined, 'preferences', 'availability'],
    ['CONSENT_REQUIRED', undefined, 'consent', 'privacy'],
    ['CONSENT_REQUIRED', 'extra', 'consent', 'extra'],
  ])('%s (field %s) → %s / %s', (code, serverField, step, field) => {
    expect(errorTarget(code, serverField, [...adultSteps], 'consent')).toEqual(field ? { step, field } : { step });
  });

  test('guardian errors go to the guardian step when there is one, else to the age on the identity step', () => {
    expect(errorTarget('GUARDIAN_CONSENT_REQUIRED', undefined, [...minorSteps], 'consent')).toEqual({ step: 'guardian', field: 'guardianAgreed' });
    expect(errorTarget('GUARDIAN_CONSENT_REQUIRED', undefined, [...adultSteps], 'consent')).toEqual({ step: 'identity', field: 'age' });
    expect(errorTarget('GUARDIAN_INVALID', 'guardian.name', [...minorSteps], 'consent')).toEqual({ step: 'guardian', field: 'guardianName' });
    expect(errorTarget('GUARDIAN_INVALID', 'guardian.relation', [...minorSteps], 'consent')).toEqual({ step: 'guardian', field: 'guardianRelation' });
    expect(errorTarget('GUARDIAN_INVALID', 'guardian.name', [...adultSteps], 'consent')).toEqual({ step: 'identity', field: 'age' });
    expect(errorTarget('GUARDIAN_INVALID', 'guardian.credential', [...minorSteps], 'consent')).toEqual({
      step: 'guardian',
      field: 'guardianCredentialNumber',
    });
  });

  test('anything else stays on the current step as a banner', () => {
    expect(errorTarget('NETWORK', undefined, [...adultSteps], 'consent')).toEqual({ step: 'consent' });
    expect(errorTarget('INTERNAL', undefined, [...adultSteps], 'contact')).toEqual({ step: 'contact' });
  });

  test('a duplicate credential is shown under the number on the identity step, until the number changes', () => {
    const f = applyServerError(setPrivacyAgreed(throughPreferences(), true), { code: 'CREDENTIAL_TAKEN', message: '该证件号码已注册，可通过账号找回恢复' }, NOW, policy);
    expect(f.step).toBe('identity');
    expect(visibleErrors(f, NOW, policy)).toEqual({ credentialNumber: '该证件号码已注册，可通过账号找回恢复' });
    expect(walk(f).step).toBe('identity'); // cannot skip past it
    const changed = setText(f, 'credentialNumber', FATHER_ID);
    expect(visibleErrors(changed, NOW, policy)).toEqual({});
  });

  test('a refused phone proof (expired) is dropped, so the person taps again or types; other refusals keep it', () => {
    const kept = applyServerError(setPrivacyAgreed(throughPreferences(), true), { code: 'SKILL_INVALID', message: '技能不在列表中' }, NOW, policy);
    expect(kept.phoneProof).toBe('proof-1');
    expect(buildRequest(kept, NOW, policy).phone).toEqual({ source: 'wechat', proof: 'proof-1' });
    const f = applyServerError(setPrivacyAgreed(throughPreferences(), true), { code: 'PHONE_INVALID', message: '未获取到微信绑定的手机号' }, NOW, policy);
    expect(f.step).toBe('contact');
    expect(f.phoneProof).toBe('');
    expect(visibleErrors(f, NOW, policy).phone).toBe('未获取到微信绑定的手机号');
  });

  test('a network failure keeps the step and shows a banner, cleared by the next change', () => {
    const f = applyServerError(fill(throughPreferences(), { privacyAgreed: true }), { code: 'NETWORK', message: '网络不稳定，请稍后重试' }, NOW, policy);
    expect(f.step).toBe('consent');
    expect(toRegisterView(f, NOW, policy).banner).toBe('网络不稳定，请稍后重试');
    expect(setPrivacyAgreed(f, true).banner).toBe('');
  });

  test('whole-request check failures found locally are mapped the same way', () => {
    // A region code the picker would never give, but which is the domain’s to refuse.
    const f = setPrivacyAgreed(setRegion(throughPreferences(), ['990000'], ['未知']), true);
    const check = prepareSubmit(f, NOW, policy);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.form.step).toBe('contact');
  });
});
