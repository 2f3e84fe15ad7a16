import { DEFAULT_AGE_POLICY } from '../../miniprogram/domain/age';
import { validateIdentity, validateRegistration, type ValidRegistration } from '../../miniprogram/domain/registration';
import { decryptField, generateKeyEnv, keyRingFromEnv } from '../_shared/security/crypto';
import { CIPHER_PURPOSE, credentialHashOf, phoneHashOf, type VolunteerDoc } from '../_shared/documents/volunteer';
import { guardianFor, idNumber, registration, MINOR_BIRTH_YEAR } from './test-support';
import {
  consentInForce,
  newVolunteerDoc,
  currentShape,
  openBirth,
  openExtra,
  withExtraFieldsWithdrawn,
  withIdentity,
  withProfileChanges,
  agePolicyFromEnv,
  phoneFromWeChat,
} from './rules';
import { anonymised, DELETED_NAME } from '../_shared/rules/anonymise';

const ring = keyRingFromEnv(generateKeyEnv());
const NOW = new Date('2026-11-15T04:00:00Z');
const LATER = new Date('2026-12-01T04:00:00Z');
const ADULT = idNumber(1990, 11);
const EXTRA = { emergencyContact: { name: '周紧急', phone: '13600003333' }, introduction: '你好' };

function valid(overrides: Parameters<typeof registration>[0] = {}): ValidRegistration {
  const r = validateRegistration(registration({ credential: { type: 'CN_ID', number: ADULT }, ...overrides }), NOW, DEFAULT_AGE_POLICY);
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

const fresh = (overrides: Parameters<typeof registration>[0] = {}) =>
  newVolunteerDoc({ id: 'v_1', userId: 'u_1', registration: valid(overrides), phone: { number: '13812345678', verified: true }, volunteerNo: 'ZY3501022600000011', now: NOW }, ring);

describe('newVolunteerDoc', () => {
  test('numbers are sealed: ciphertext and keyed hash; never the plain number nor anything read from it', () => {
    const doc = fresh();
    expect(JSON.stringify(doc)).not.toContain(ADULT);
    expect(JSON.stringify(doc)).not.toContain('13812345678');
    expect(decryptField(doc.credential.cipher, ring, CIPHER_PURPOSE.credential)).toBe(ADULT);
    expect(decryptField(doc.phone.cipher, ring, CIPHER_PURPOSE.phone)).toBe('13812345678');
    expect(doc.credentialHash).toBe(credentialHashOf('CN_ID', ADULT, ring));
    expect(doc.phoneHash).toBe(phoneHashOf('13812345678', ring));
    expect(doc).toMatchObject({ status: 'active', phone: { masked: '138****5678', verified: true }, registeredAt: NOW });
    expect(doc.credential).toEqual({ type: 'CN_ID', cipher: expect.any(Object) });
    expect(openBirth(doc, ring)).toEqual({ birthDate: '1990-01-01', gender: 'male' });
    for (const field of ['gender', 'birthDate', 'ageBandAtRegistration']) expect(doc).not.toHaveProperty(field);
    expect(JSON.stringify(doc)).not.toMatch(/1990-?01-?01|\*{16}/);
    expect(doc.consents).toEqual([{ kind: 'privacy', version: expect.any(String), grantedAt: NOW }]);
  });

  test('extra fields with their consent; a guardian with a consent record for a minor', () => {
    const withExtra = fresh({ extra: EXTRA, consents: { privacyVersion: registration().consents.privacyVersion, extraFields: true } });
    expect(openExtra(withExtra.extra!, ring)).toEqual(EXTRA);
    expect(consentInForce(withExtra.consents, 'extraFields')).toBe(true);
    const minor = fresh({ credential: { type: 'CN_ID', number: idNumber(MINOR_BIRTH_YEAR, 12) }, guardian: guardianFor(31) });
    expect(minor.guardian).toMatchObject({ name: '李监护', relation: 'mother', consentedAt: NOW });
    expect(decryptField(minor.guardian!.credential.cipher, ring, CIPHER_PURPOSE.guardianCredential)).toBe(idNumber(1980, 31));
    expect(minor.consents.map((c) => c.kind)).toEqual(['privacy', 'guardian']);
  });
});

test('withIdentity replaces identity, keeps the number, drops a guardian no longer needed', () => {
  const minor = fresh({ credential: { type: 'CN_ID', number: idNumber(MINOR_BIRTH_YEAR, 12) }, guardian: guardianFor(31) });
  const identity = validateIdentity({ name: '李四', credential: { type: 'CN_ID', number: idNumber(1991, 14) } }, LATER, DEFAULT_AGE_POLICY);
  if (!identity.ok) throw new Error(identity.message);
  const next = withIdentity(minor, identity.value, ring, LATER);
  expect(next).toMatchObject({ _id: 'v_1', volunteerNo: minor.volunteerNo, name: '李四', updatedAt: LATER });
  expect(openBirth(next, ring)).toEqual({ birthDate: '1991-01-01', gender: 'female' });
  expect(next.guardian).toBeUndefined();
  expect(next.consents).toEqual(minor.consents);
  expect(next.credentialHash).toBe(credentialHashOf('CN_ID', idNumber(1991, 14), ring));
});

test('withProfileChanges changes only what is given; null removes the extra fields', () => {
  const doc = fresh({ extra: EXTRA, consents: { privacyVersion: registration().consents.privacyVersion, extraFields: true } });
  const next = withProfileChanges(doc, { intentions: ['health'], phone: { number: '13900001111', verified: false } }, ring, LATER);
  expect(next).toEqual({ ...doc, intentions: ['health'], phone: expect.objectContaining({ masked: '139****1111', verified: false }), phoneHash: phoneHashOf('13900001111', ring), updatedAt: LATER });
  expect(withProfileChanges(doc, { extra: null }, ring, LATER).extra).toBeUndefined();
  expect(openExtra(withProfileChanges(doc, { extra: { introduction: '新的' } }, ring, LATER).extra!, ring)).toEqual({ introduction: '新的' });
});

test('withExtraFieldsWithdrawn marks the latest extraFields consent and removes the fields', () => {
  const doc = fresh({ extra: EXTRA, consents: { privacyVersion: registration().consents.privacyVersion, extraFields: true } });
  const next = withExtraFieldsWithdrawn(doc, ring, LATER);
  expect(next.extra).toBeUndefined();
  expect(next.consents).toEqual([doc.consents[0], { ...doc.consents[1], withdrawnAt: LATER }]);
  expect(consentInForce(next.consents, 'extraFields')).toBe(false);
  expect(consentInForce(next.consents, 'privacy')).toBe(true);
});

test('a document stored before the de-identification is read, and upgraded by its next write', () => {
  const doc = fresh({ credential: { type: 'CN_ID', number: idNumber(MINOR_BIRTH_YEAR, 12) }, guardian: guardianFor(31) });
  const { birth: _sealed, ...rest } = doc;
  const legacy = {
    ...rest,
    credential: { ...doc.credential, masked: '3****************0' },
    guardian: { ...doc.guardian!, credential: { ...doc.guardian!.credential, masked: '3****************1' } },
    gender: 'female' as const,
    birthDate: `${MINOR_BIRTH_YEAR}-01-01`,
    ageBandAtRegistration: 'minor' as const,
  } as unknown as VolunteerDoc;
  expect(openBirth(legacy, ring)).toEqual({ birthDate: `${MINOR_BIRTH_YEAR}-01-01`, gender: 'female' });
  const upgraded = currentShape(legacy, ring);
  for (const field of ['gender', 'birthDate', 'ageBandAtRegistration']) expect(upgraded).not.toHaveProperty(field);
  expect(upgraded.credential).toEqual(doc.credential);
  expect(upgraded.guardian!.credential).toEqual(doc.guardian!.credential);
  expect(openBirth(upgraded, ring)).toEqual({ birthDate: `${MINOR_BIRTH_YEAR}-01-01`, gender: 'female' });
  // Every write starts from today's shape.
  const written = withProfileChanges(legacy, { intentions: ['health'] }, ring, LATER);
  expect(JSON.stringify(written)).not.toMatch(/\*{16}|birthDate|ageBand/);
  expect(withExtraFieldsWithdrawn(legacy, ring, LATER)).not.toHaveProperty('gender');
  // A current document comes back as it is.
  expect(currentShape(doc, ring)).toBe(doc);
});

test('anonymised keeps no personal field, and placeholders keep the unique keys unique', () => {
  const doc = fresh({ credential: { type: 'CN_ID', number: idNumber(MINOR_BIRTH_YEAR, 12) }, guardian: guardianFor(31), extra: EXTRA, consents: { privacyVersion: registration().consents.privacyVersion, extraFields: true } });
  const gone = anonymised(doc, LATER);
  expect(gone).toEqual({
    _id: 'v_1',
    userId: 'deleted:v_1',
    status: 'deleted',
    name: DELETED_NAME,
    credentialHash: 'deleted:v_1',
    phoneHash: 'deleted:v_1',
    volunteerNo: doc.volunteerNo,
    registeredAt: NOW,
    updatedAt: LATER,
    deletedAt: LATER,
  });
});

describe('age policy from the environment', () => {
  test('ZY_MIN_AGE: empty or absent is the default; a region may lower the minimum', () => {
    expect(agePolicyFromEnv({})).toEqual(DEFAULT_AGE_POLICY);
    expect(agePolicyFromEnv({ ZY_MIN_AGE: ' ' })).toEqual(DEFAULT_AGE_POLICY);
    expect(agePolicyFromEnv({ ZY_MIN_AGE: '10' })).toEqual({ minimumAge: 10, guardianConsentUnder: 18 });
  });

  test.each(['abc', '3', '19', '12.5', '-14'])('a malformed ZY_MIN_AGE (%s) is a deployment error', (value) => {
    expect(() => agePolicyFromEnv({ ZY_MIN_AGE: value })).toThrow(/ZY_MIN_AGE/);
  });

  test('ZY_GUARDIAN_CONSENT_UNDER: the consent band is configuration, never below 14', () => {
    expect(agePolicyFromEnv({ ZY_GUARDIAN_CONSENT_UNDER: '16' })).toEqual({ minimumAge: 14, guardianConsentUnder: 16 });
    expect(() => agePolicyFromEnv({ ZY_GUARDIAN_CONSENT_UNDER: '12' })).toThrow(/ZY_GUARDIAN_CONSENT_UNDER/);
  });
});

describe("WeChat's phone answer", () => {
  const answer = (countryCode: unknown, number = '13900001111') => ({ phone_info: { phoneNumber: number, purePhoneNumber: number, countryCode } });
  test.each(['86', 86, ' 86', undefined])('countryCode %p is mainland China', (countryCode) => {
    expect(phoneFromWeChat(answer(countryCode))).toEqual({ ok: true, value: '13900001111' });
  });
  test.each(['852', 852, '1', 0])('countryCode %p is refused with a way out', (countryCode) => {
    expect(phoneFromWeChat(answer(countryCode))).toMatchObject({ ok: false, code: 'PHONE_INVALID', message: expect.stringMatching(/手动填写/) });
  });
  test('the camel-cased form is read too; a missing or unusable number is refused', () => {
    expect(phoneFromWeChat({ phoneInfo: { purePhoneNumber: '13700002222', countryCode: '86' } })).toEqual({ ok: true, value: '13700002222' });
    expect(phoneFromWeChat({})).toMatchObject({ ok: false, code: 'PHONE_INVALID' });
    expect(phoneFromWeChat(answer('86', '2345'))).toMatchObject({ ok: false, code: 'PHONE_INVALID' });
  });
});
