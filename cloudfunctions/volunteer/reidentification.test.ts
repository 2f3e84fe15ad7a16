// The database must not give away an ID number (README, "What the database keeps of an ID number"; PIPL Art. 51,
// GB/T 35273 de-identification). Someone holding one person's stored documents — everything in plaintext in every
// collection that refers to them, without the keys — should not be able to narrow their ID number down: counted here
// by enumeration, at least 100,000 valid GB 11643 numbers stay consistent with what is stored.
//
// The count is exact over the whole number space, done part by part: every six-digit area code, every birth date from
// 1900 to the registration day and every order code is tested against what the documents say about it, and the
// check character — which ties the parts together — is handled by counting each part's weighted sum mod 11 and
// combining the three counts (a convolution), so every consistent 17-digit prefix is counted once with the one check
// character it has. The attacker is assumed to guess the area code from the residence region (true for many people):
// the figure asserted is the one with the area code known.
import type { Emulator } from '../../emulator/src/server';
import { caller, startTestEmulator } from '../../emulator/test/support';
import { ageBand, ageOn, DEFAULT_AGE_POLICY } from '../../miniprogram/domain/age';
import { formatDate, shanghaiDate, type CalendarDate } from '../../miniprogram/domain/calendar';
import { gb11643CheckChar } from '../../miniprogram/domain/checksum';
import { isProvinceCode } from '../../miniprogram/domain/region';
import { notACitizenIdNumber } from '../../miniprogram/domain/credential';
import { userIdOf } from '../_shared/documents/ids';
import { maskCredential } from '../_shared/rules/mask';
import { allDocs, COLLECTIONS, guardianFor, idNumber, MINOR_BIRTH_YEAR, registration } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator();
});
afterAll(async () => emu.stop());

type Leaf = { path: string; value: unknown };

function isCiphertext(v: unknown): boolean {
  return typeof v === 'object' && v !== null && ['kid', 'iv', 'ct', 'tag'].every((k) => k in v);
}

/** Every plaintext value of a document, by path (array indices as []); ciphertexts are opaque without the keys. */
function leaves(value: unknown, path: string, out: Leaf[] = []): Leaf[] {
  if (isCiphertext(value)) return out;
  if (value instanceof Date) out.push({ path, value });
  else if (Array.isArray(value)) value.forEach((v) => leaves(v, `${path}[]`, out));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) leaves(v, `${path}.${k}`, out);
  else out.push({ path, value });
  return out;
}

/** Everything stored in plaintext about one person: each document of any collection that names their user or volunteer id. */
async function storedAbout(userId: string, volunteerId: string): Promise<Leaf[]> {
  const out: Leaf[] = [];
  for (const collection of COLLECTIONS) {
    for (const doc of await allDocs(emu, collection)) {
      const text = JSON.stringify(doc);
      if (text.includes(userId) || text.includes(volunteerId)) leaves(doc, collection, out);
    }
  }
  return out;
}

/**
 * What each plaintext field says about the ID number. A field missing here fails the test: whoever adds one states
 * what it reveals. `residence` fields are the attacker's guess for the area code; the rest constrain nothing.
 */
const REVEALS: Record<string, 'nothing' | 'residence' | 'type' | 'registration' | 'consent' | 'legacy'> = {
  'volunteers._id': 'nothing', // random
  'volunteers.userId': 'nothing', // from the OPENID
  'volunteers.status': 'nothing',
  'volunteers.name': 'nothing',
  'volunteers.credential.type': 'type',
  'volunteers.credentialHash': 'nothing', // HMAC: needs the hash key
  'volunteers.phone.masked': 'nothing',
  'volunteers.phone.verified': 'nothing',
  'volunteers.phoneHash': 'nothing',
  'volunteers.regionCode': 'residence',
  'volunteers.regionNames[]': 'residence',
  'volunteers.skills[]': 'nothing',
  'volunteers.skillTags[]': 'nothing',
  'volunteers.intentions[]': 'nothing',
  'volunteers.availability[].weekday': 'nothing',
  'volunteers.availability[].times[]': 'nothing',
  'volunteers.consents[].kind': 'consent', // a guardian's consent says "under 18 at registration"
  'volunteers.consents[].version': 'nothing',
  'volunteers.consents[].grantedAt': 'nothing',
  'volunteers.guardian.name': 'nothing',
  'volunteers.guardian.relation': 'nothing',
  'volunteers.guardian.credential.type': 'nothing',
  'volunteers.guardian.consentedAt': 'nothing',
  'volunteers.volunteerNo': 'residence', // registration region and year, a sequence: the region is a guess too
  'volunteers.registeredAt': 'registration', // with the age policy: at least 14 that day
  'volunteers.updatedAt': 'nothing',
  'credentials._id': 'nothing', // HMAC
  'credentials.volunteerId': 'nothing',
  'credentials.userId': 'nothing',
  'credentials.createdAt': 'nothing',
  'users._id': 'nothing',
  'users.openid': 'nothing',
  'users.roles[]': 'nothing',
  'users.volunteerId': 'nothing',
  'users.createdAt': 'nothing',
  // Fields the earlier version stored, counted here to show what they gave away.
  'volunteers.gender': 'legacy',
  'volunteers.birthDate': 'legacy',
  'volunteers.ageBandAtRegistration': 'legacy',
  'volunteers.credential.masked': 'legacy',
};

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

function weighted(digits: string, from: number): number {
  let s = 0;
  for (let i = 0; i < digits.length; i++) s += Number(digits[i]) * WEIGHTS[from + i];
  return s % 11;
}

function convolve(a: number[], b: number[]): number[] {
  const out = new Array<number>(11).fill(0);
  for (let i = 0; i < 11; i++) for (let j = 0; j < 11; j++) out[(i + j) % 11] += a[i] * b[j];
  return out;
}

/** How many valid GB 11643 numbers agree with every plaintext field; `areaKnown`: the area code is the residence region. */
function candidates(stored: Leaf[], areaKnown: boolean): number {
  const unknown = [...new Set(stored.map((l) => l.path))].filter((p) => !(p in REVEALS));
  if (unknown.length) throw new Error(`plaintext fields with no stated meaning for the ID number: ${unknown.join(', ')}`);
  const one = (path: string) => stored.find((l) => l.path === path)?.value;
  const type = one('volunteers.credential.type');
  const residence = String(one('volunteers.regionCode'));
  const registeredOn = shanghaiDate(one('volunteers.registeredAt') as Date);
  const guardianConsent = stored.some((l) => l.path === 'volunteers.consents[].kind' && l.value === 'guardian');
  const masked = one('volunteers.credential.masked') as string | undefined;
  const birthDate = one('volunteers.birthDate') as string | undefined;
  const gender = one('volunteers.gender') as string | undefined;
  const bandThen = one('volunteers.ageBandAtRegistration') as string | undefined;

  const areas = new Array<number>(11).fill(0);
  for (let a = 0; a < 1_000_000; a++) {
    const area = String(a).padStart(6, '0');
    if (type === 'CN_ID' && (!isProvinceCode(area.slice(0, 2)) || notACitizenIdNumber(area) !== null)) continue;
    if (areaKnown && area !== residence) continue;
    if (masked && area[0] !== masked[0]) continue;
    areas[weighted(area, 0)]++;
  }
  const dates = new Array<number>(11).fill(0);
  const end = Date.UTC(registeredOn.year, registeredOn.month - 1, registeredOn.day);
  for (let t = Date.UTC(1900, 0, 1); t <= end; t += 86_400_000) {
    const d = new Date(t);
    const day: CalendarDate = { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
    const ymd = formatDate(day);
    const age = ageOn(ymd, registeredOn);
    if (age < DEFAULT_AGE_POLICY.minimumAge) continue; // registration refused it
    if (guardianConsent !== age < DEFAULT_AGE_POLICY.guardianConsentUnder) continue;
    if (birthDate && ymd !== birthDate) continue;
    if (bandThen && ageBand(age) !== bandThen) continue;
    dates[weighted(ymd.replace(/-/g, ''), 6)]++;
  }
  const orders = new Array<number>(11).fill(0);
  for (let o = 0; o < 1000; o++) {
    if (gender && (o % 2 === 1 ? 'male' : 'female') !== gender) continue;
    orders[weighted(String(o).padStart(3, '0'), 14)]++;
  }
  const bySum = convolve(convolve(areas, dates), orders);
  // The check character of a prefix whose weighted sum is r is "10X98765432"[r].
  return bySum.reduce((n, count, r) => (masked && '10X98765432'[r] !== masked[masked.length - 1] ? n : n + count), 0);
}

async function register(openid: string, overrides: Parameters<typeof registration>[0]): Promise<{ userId: string; volunteerId: string }> {
  const res = await caller(emu, openid).call('volunteer', 'register', registration(overrides));
  if (!res.ok) throw new Error(`register: ${res.error.code}`);
  return { userId: userIdOf(openid), volunteerId: res.data.volunteerId };
}

test('an adult whose ID area code is their residence region: at least 100,000 candidates even with the area guessed', async () => {
  const number = idNumber(1990, 11, '350102');
  const who = await register('openid-reid-adult', { credential: { type: 'CN_ID', number }, regionCode: '350102' });
  const stored = await storedAbout(who.userId, who.volunteerId);
  expect(new Set(stored.map((l) => l.path.split('.')[0]))).toEqual(new Set(['volunteers', 'credentials', 'users']));

  // Nothing read from the number is in plaintext: birth date in any form, the masked form, gender, the check part.
  const text = JSON.stringify(stored.map((l) => l.value));
  for (const trace of ['19900101', '1990-01-01', '1990-01', '199001', maskCredential(number), number.slice(14), 'male']) expect(text).not.toContain(trace);
  expect(stored.some((l) => l.value === 1990)).toBe(false);

  const withArea = candidates(stored, true);
  expect(withArea).toBeGreaterThanOrEqual(100_000);
  expect(candidates(stored, false)).toBeGreaterThan(withArea);
});

test('a minor with a guardian (the consent narrows the birth date to four years): still at least 100,000', async () => {
  const who = await register('openid-reid-minor', { credential: { type: 'CN_ID', number: idNumber(MINOR_BIRTH_YEAR, 12, '350102') }, guardian: guardianFor(41) });
  const stored = await storedAbout(who.userId, who.volunteerId);
  expect(JSON.stringify(stored.map((l) => l.value))).not.toContain(String(MINOR_BIRTH_YEAR));
  expect(candidates(stored, true)).toBeGreaterThanOrEqual(100_000);
});

test('the measure is sensitive: the earlier shape (birth date, gender, first and last character) left about 46', async () => {
  const number = idNumber(1990, 13, '350102');
  const who = await register('openid-reid-earlier', { credential: { type: 'CN_ID', number }, regionCode: '350102' });
  const stored = await storedAbout(who.userId, who.volunteerId);
  const earlier: Leaf[] = [
    ...stored,
    { path: 'volunteers.gender', value: 'male' },
    { path: 'volunteers.birthDate', value: '1990-01-01' },
    { path: 'volunteers.ageBandAtRegistration', value: 'adult' },
    { path: 'volunteers.credential.masked', value: maskCredential(number) },
  ];
  const left = candidates(earlier, true);
  expect(left).toBeGreaterThanOrEqual(1); // the real number is among them
  expect(left).toBeLessThan(100);
  // The true number is consistent with what the earlier shape stored: the count is of real candidates.
  expect(gb11643CheckChar(number.slice(0, 17))).toBe(number[17]);
});
