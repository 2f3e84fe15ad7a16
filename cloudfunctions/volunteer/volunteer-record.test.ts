import { DEFAULT_AGE_POLICY } from '../../miniprogram/domain/age';
import { validateIdentity, validateRegistration, type ValidRegistration } from '../../miniprogram/domain/registration';
import { decryptField, generateKeyEnv, keyRingFromEnv } from '../_shared/crypto';
import { CIPHER_PURPOSE, credentialHashOf, phoneHashOf } from '../_shared/volunteer-doc';
import { guardianFor, idNumber, registration, MINOR_BIRTH_YEAR } from './test-support';
import {
  anonymised,
  consentInForce,
  newVolunteerDoc,
  openExtra,
  withExtraFieldsWithdrawn,
  withIdentity,
  withProfileChanges,
  DELETED_NAME,
} from './volunteer-record';

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
  test('numbers are sealed: ciphertext, mask and keyed hash; never the plain number', () => {
    const doc = fresh();
    expect(JSON.stringify(doc)).not.toContain(ADULT);
    expect(JSON.stringify(doc)).not.toContain('13812345678');
    expect(decryptField(doc.credential.cipher, ring, CIPHER_PURPOSE.credential)).toBe(ADULT);
    expect(decryptField(doc.phone.cipher, ring, CIPHER_PURPOSE.phone)).toBe('13812345678');
    expect(doc.credentialHash).toBe(credentialHashOf('CN_ID', ADULT, ring));
    expect(doc.phoneHash).toBe(phoneHashOf('13812345678', ring));
    expect(doc).toMatchObject({ status: 'active', gender: 'male', birthDate: '1990-01-01', phone: { masked: '138****5678', verified: true }, registeredAt: NOW });
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
  expect(next).toMatchObject({ _id: 'v_1', volunteerNo: minor.volunteerNo, name: '李四', gender: 'female', birthDate: '1991-01-01', updatedAt: LATER, ageBandAtRegistration: 'adult' });
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
  const next = withExtraFieldsWithdrawn(doc, LATER);
  expect(next.extra).toBeUndefined();
  expect(next.consents).toEqual([doc.consents[0], { ...doc.consents[1], withdrawnAt: LATER }]);
  expect(consentInForce(next.consents, 'extraFields')).toBe(false);
  expect(consentInForce(next.consents, 'privacy')).toBe(true);
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
