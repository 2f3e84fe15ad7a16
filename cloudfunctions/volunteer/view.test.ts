import { DEFAULT_AGE_POLICY } from '../../miniprogram/domain/age';
import { gb11643CheckChar } from '../../miniprogram/domain/checksum';
import { validateRegistration } from '../../miniprogram/domain/registration';
import { generateKeyEnv, keyRingFromEnv } from '../_shared/security/crypto';
import { asDate } from '../_shared/documents/dates';
import { shanghaiDay, toMyProfile } from './view';
import { idNumber, registration } from './test-support';
import { newVolunteerDoc } from './rules';

const ring = keyRingFromEnv(generateKeyEnv());

test('asDate reads Date, ISO strings and EJSON dates', () => {
  const d = new Date('2026-01-02T03:04:05.000Z');
  expect(asDate(d)).toBe(d);
  expect(asDate('2026-01-02T03:04:05.000Z')).toEqual(d);
  expect(asDate({ $date: '2026-01-02T03:04:05.000Z' })).toEqual(d);
  expect(asDate({ $date: { $numberLong: String(d.getTime()) } })).toEqual(d);
  expect(() => asDate({})).toThrow(TypeError);
});

test('the registration day is the Shanghai calendar day', () => {
  expect(shanghaiDay(new Date('2026-11-15T16:30:00Z'))).toBe('2026-11-16');
  expect(shanghaiDay(new Date('2026-11-15T15:59:59Z'))).toBe('2026-11-15');
});

test('the profile masks numbers, shows the current age band, and lists the organizations given', () => {
  const registeredAt = new Date('2026-11-15T04:00:00Z');
  // 17 at registration (born 2009-11-20), 18 a year later.
  const first17 = '35010220091120012';
  const id = first17 + gb11643CheckChar(first17);
  const r = validateRegistration(
    registration({ credential: { type: 'CN_ID', number: id }, guardian: { name: '李监护', relation: 'father', credential: { type: 'CN_ID', number: idNumber(1980, 31) }, agreed: true } }),
    registeredAt,
    DEFAULT_AGE_POLICY,
  );
  if (!r.ok) throw new Error(r.message);
  const doc = newVolunteerDoc({ id: 'v_1', userId: 'u_1', registration: r.value, phone: { number: '13812345678', verified: false }, volunteerNo: 'ZY3501022600000011', now: registeredAt }, ring);
  const orgs = [{ orgId: 'o1', name: '队伍', role: 'member' as const }];
  const atRegistration = toMyProfile(doc, orgs, ring, registeredAt);
  expect(atRegistration).toMatchObject({
    ageBand: 'minor',
    credential: { type: 'CN_ID', masked: `3****************${id[17]}` },
    phone: { masked: '138****5678', verified: false },
    guardian: { name: '李监护', relation: 'father', credentialMasked: expect.stringMatching(/^3\*{16}.$/), consentedAt: registeredAt.toISOString() },
    registeredAt: registeredAt.toISOString(),
    organizations: orgs,
  });
  expect(JSON.stringify(atRegistration)).not.toContain(id);
  expect(toMyProfile(doc, [], ring, new Date('2027-11-20T00:00:00Z')).ageBand).toBe('adult');
});
