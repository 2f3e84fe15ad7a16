import type { MyProfile } from '../../../typings/volunteer';
import { gb11643CheckChar } from '../../domain/checksum';
import {
  DEFAULT_AGE_POLICY,
  emptyForm,
  phoneFromWechat,
  phoneVerified,
  setGuardianAgreed,
  setGuardianRelation,
  setText,
  toggleIntention,
} from '../common/registration-form';
import {
  buildChangeIdentity,
  buildUpdate,
  canDelete,
  consentRows,
  documentTypeOf,
  editErrorField,
  editErrors,
  editStateOf,
  formatBytes,
  identityErrorField,
  identityErrors,
  profileRows,
} from './view-model';

const id = (first17: string) => first17 + gb11643CheckChar(first17);
const NOW = new Date('2026-06-15T02:00:00Z');

const profile: MyProfile = {
  volunteerId: 'v1',
  volunteerNo: 'ZY3501002026000017',
  name: '张三',
  credential: { type: 'CN_ID', masked: '3****************1' },
  gender: 'male',
  birthDate: '1990-03-07',
  ageBand: 'adult',
  phone: { masked: '138****5678', verified: true },
  regionCode: '350102',
  regionNames: ['福建省', '福州市', '鼓楼区'],
  skills: ['first_aid'],
  skillTags: ['茶艺'],
  intentions: ['community'],
  availability: [{ weekday: 6, times: ['morning'] }],
  consents: [
    { kind: 'privacy', version: '2026-11-01', grantedAt: '2026-03-01T02:00:00.000Z' },
    { kind: 'extraFields', version: '2026-11-01', grantedAt: '2026-03-01T02:00:00.000Z' },
  ],
  extra: { introduction: '喜欢户外' },
  registeredAt: '2026-03-01T02:00:00.000Z',
  organizations: [{ orgId: 'o1', name: '鼓楼区青年志愿者协会', role: 'member' }],
};

test('profile rows show masked values and labels, times in Asia/Shanghai', () => {
  const rows = Object.fromEntries(profileRows(profile).map((r) => [r.label, r.value]));
  expect(rows).toMatchObject({
    姓名: '张三',
    居民身份证: '3****************1',
    手机号: '138****5678（已验证）',
    技能: '急救（持证）、茶艺',
    服务意向: '社区服务',
    可服务时间: '周六上午',
    个人介绍: '喜欢户外',
    所属组织: '鼓楼区青年志愿者协会',
    注册时间: '2026-03-01 10:00',
  });
});

test('consent rows show what was agreed and what was withdrawn', () => {
  const rows = consentRows({
    ...profile,
    consents: [profile.consents[0]!, { ...profile.consents[1]!, withdrawnAt: '2026-04-01T00:00:00.000Z' }],
  });
  expect(rows).toEqual([
    { label: '隐私保护指引', value: '2026-03-01 10:00 同意（2026-11-01 版）' },
    { label: '补充信息（紧急联系人、个人介绍）', value: '已于 2026-04-01 08:00 撤回' },
  ]);
});

describe('editing', () => {
  test('nothing changed: an empty update', () => {
    expect(buildUpdate(editStateOf(profile), profile)).toEqual({});
  });

  test('only what changed is sent', () => {
    const state = editStateOf(profile);
    const changed = { ...state, form: toggleIntention(state.form, 'education') };
    expect(buildUpdate(changed, profile)).toEqual({ intentions: ['community', 'education'] });
  });

  test('a new phone is sent only when the person chose to change it', () => {
    const state = editStateOf(profile);
    const typed = { ...state, changePhone: true, form: { ...setText(state.form, 'typedPhone', '13900001111'), phoneMode: 'typed' as const } };
    expect(buildUpdate(typed, profile)).toEqual({ phone: { source: 'typed', number: '13900001111' } });
    expect(editErrors({ ...typed, form: setText(typed.form, 'typedPhone', '139') })).toEqual({ phone: '手机号应为11位，当前为3位' });
  });

  test('the phone button: saving waits for the exchange, then sends the proof, never the code', () => {
    const state = editStateOf(profile);
    const tapped = { ...state, changePhone: true, form: phoneFromWechat(state.form, { code: 'one-time', errMsg: 'getPhoneNumber:ok' }) };
    expect(editErrors(tapped)).toEqual({ phone: '正在验证微信绑定的手机号，请稍候' });
    const verified = { ...tapped, form: phoneVerified(tapped.form, { proof: 'ZYP1.proof', phoneMasked: '139****1111' }) };
    expect(editErrors(verified)).toEqual({});
    expect(buildUpdate(verified, profile)).toEqual({ phone: { source: 'wechat', proof: 'ZYP1.proof' } });
  });

  test('extra fields are editable only with the consent in force', () => {
    const state = editStateOf(profile);
    expect(state.extraAllowed).toBe(true);
    const withContact = { ...state, form: setText(setText(state.form, 'emergencyName', '王五'), 'emergencyPhone', '13900001111') };
    expect(buildUpdate(withContact, profile)).toEqual({
      extra: { emergencyContact: { name: '王五', phone: '13900001111' }, introduction: '喜欢户外' },
    });
    const without = editStateOf({ ...profile, consents: [profile.consents[0]!] });
    expect(without.extraAllowed).toBe(false);
    expect(buildUpdate({ ...without, form: setText(without.form, 'introduction', 'x') }, profile)).toEqual({});
  });

  test('at least one intention', () => {
    const state = editStateOf(profile);
    expect(editErrors({ ...state, form: toggleIntention(state.form, 'community') })).toEqual({ intentions: '请至少选择一个服务意向' });
  });

  test('server errors find their field', () => {
    expect(editErrorField('PHONE_INVALID', undefined)).toBe('phone');
    expect(editErrorField('PHONE_INVALID', 'extra.emergencyContact.phone')).toBe('emergencyPhone');
    expect(editErrorField('NAME_INVALID', 'extra.emergencyContact.name')).toBe('emergencyName');
    expect(editErrorField('REGION_INVALID', undefined)).toBe('region');
    expect(editErrorField('CONSENT_REQUIRED', 'extra')).toBe('extra');
    expect(editErrorField('NETWORK', undefined)).toBeUndefined();
  });
});

describe('changing identity', () => {
  test('uses the registration’s identity checks', () => {
    const form = setText(setText(emptyForm(), 'name', '张三丰'), 'credentialNumber', '123');
    expect(identityErrors(form, NOW, DEFAULT_AGE_POLICY)).toEqual({ credentialNumber: '身份证号码应为18位，当前为3位' });
  });

  test('a minor’s new identity needs the guardian, who is sent only once agreed', () => {
    let form = setText(setText(emptyForm(), 'name', '张小妹'), 'credentialNumber', id('35010220100501124'));
    expect(Object.keys(identityErrors(form, NOW, DEFAULT_AGE_POLICY))).toEqual([
      'guardianName',
      'guardianRelation',
      'guardianCredentialNumber',
      'guardianAgreed',
    ]);
    form = setGuardianRelation(setText(setText(form, 'guardianName', '张大山'), 'guardianCredentialNumber', id('35010219800101123')), 'father');
    expect(buildChangeIdentity(form, NOW, DEFAULT_AGE_POLICY).guardian).toBeUndefined();
    form = setGuardianAgreed(form, true);
    expect(identityErrors(form, NOW, DEFAULT_AGE_POLICY)).toEqual({});
    expect(buildChangeIdentity(form, NOW, DEFAULT_AGE_POLICY)).toMatchObject({
      name: '张小妹',
      guardian: { name: '张大山', relation: 'father', agreed: true },
    });
  });

  test('server errors find their field', () => {
    expect(identityErrorField('CREDENTIAL_TAKEN', undefined)).toBe('credentialNumber');
    expect(identityErrorField('GUARDIAN_INVALID', 'guardian.name')).toBe('guardianName');
    expect(identityErrorField('TOO_YOUNG', undefined)).toBe('age');
    expect(identityErrorField('INTERNAL', undefined)).toBeUndefined();
  });
});

test('export helpers', () => {
  expect(formatBytes(512)).toBe('512 B');
  expect(formatBytes(2048)).toBe('2.0 KB');
  expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  expect(documentTypeOf('https://x/export/me.pdf?sign=1')).toBe('pdf');
  expect(documentTypeOf('https://x/export/me.json?sign=1')).toBeUndefined();
});

test('deletion needs the word 注销', () => {
  expect(canDelete('注销')).toBe(true);
  expect(canDelete(' 注销 ')).toBe(true);
  expect(canDelete('注')).toBe(false);
  expect(canDelete('')).toBe(false);
});
