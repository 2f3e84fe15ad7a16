import fc from 'fast-check';
import { DEFAULT_AGE_POLICY, ageBand, ageOn, checkAgeForRegistration, shanghaiDate } from './age';
import { daysInMonth, formatDate } from './calendar';

const d = (year: number, month: number, day: number) => ({ year, month, day });

describe('shanghaiDate', () => {
  test('Asia/Shanghai is UTC+8: 16:00 UTC is midnight in Shanghai', () => {
    expect(shanghaiDate(new Date('2026-02-28T15:59:59.999Z'))).toEqual(d(2026, 2, 28));
    expect(shanghaiDate(new Date('2026-02-28T16:00:00.000Z'))).toEqual(d(2026, 3, 1));
    expect(shanghaiDate(new Date('2026-02-28T16:30:00Z'))).toEqual(d(2026, 3, 1));
    expect(shanghaiDate(new Date('2026-12-31T16:00:00Z'))).toEqual(d(2027, 1, 1));
    expect(shanghaiDate(new Date('2028-02-28T16:00:00Z'))).toEqual(d(2028, 2, 29));
  });

  test('agrees with the IANA time zone for any instant since 1992', () => {
    const formatter = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });
    fc.assert(
      fc.property(fc.date({ min: new Date('1992-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }), (instant) => {
        expect(formatDate(shanghaiDate(instant))).toBe(formatter.format(instant));
      }),
    );
  });

  test('an invalid Date is a bug', () => {
    expect(() => shanghaiDate(new Date('nope'))).toThrow(RangeError);
  });
});

describe('ageOn', () => {
  test('the day of the birthday counts', () => {
    expect(ageOn('2012-03-01', d(2026, 2, 28))).toBe(13); // the day before
    expect(ageOn('2012-03-01', d(2026, 3, 1))).toBe(14); // the birthday
    expect(ageOn('2012-03-01', d(2026, 3, 2))).toBe(14); // the day after
    expect(ageOn('2012-03-01', d(2012, 3, 1))).toBe(0);
  });

  test('a 29 February birthday turns a year older on 1 March in non-leap years', () => {
    expect(ageOn('2012-02-29', d(2026, 2, 28))).toBe(13);
    expect(ageOn('2012-02-29', d(2026, 3, 1))).toBe(14);
    // in a leap year, on 29 February itself
    expect(ageOn('2012-02-29', d(2028, 2, 28))).toBe(15);
    expect(ageOn('2012-02-29', d(2028, 2, 29))).toBe(16);
  });

  test('year ends: born 31 December is a year older on 31 December, not on 1 January', () => {
    expect(ageOn('2000-12-31', d(2026, 12, 30))).toBe(25);
    expect(ageOn('2000-12-31', d(2026, 12, 31))).toBe(26);
    expect(ageOn('2001-01-01', d(2026, 12, 31))).toBe(25);
    expect(ageOn('2001-01-01', d(2027, 1, 1))).toBe(26);
    // 29 February in a century year that is not a leap year (2100): still 1 March
    expect(ageOn('2096-02-29', d(2100, 2, 28))).toBe(3);
    expect(ageOn('2096-02-29', d(2100, 3, 1))).toBe(4);
  });

  test('a malformed birth date is a bug', () => {
    expect(() => ageOn('2012-02-30', d(2026, 1, 1))).toThrow(RangeError);
    expect(() => ageOn('20120101', d(2026, 1, 1))).toThrow(RangeError);
  });

  test('property: the age goes up by exactly one on each birthday, and never down', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1920, max: 2020 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        fc.integer({ min: 1, max: 80 }),
        (year, month, rawDay, yearsLater) => {
          const day = Math.min(rawDay, daysInMonth(year, month));
          if (month === 2 && day === 29) return; // covered above
          const birth = formatDate(d(year, month, day));
          const later = year + yearsLater;
          expect(ageOn(birth, d(later, month, day))).toBe(later - year);
          const dayBefore = day > 1 ? d(later, month, day - 1) : month > 1 ? d(later, month - 1, daysInMonth(later, month - 1)) : d(later - 1, 12, 31);
          expect(ageOn(birth, dayBefore)).toBe(later - year - 1);
        },
      ),
    );
  });
});

describe('ageBand', () => {
  test('child under 14, minor 14–17, adult from 18', () => {
    expect([0, 13, 14, 17, 18, 90].map(ageBand)).toEqual(['child', 'child', 'minor', 'minor', 'adult', 'adult']);
  });
});

describe('checkAgeForRegistration', () => {
  // Shanghai midnight of 1 March 2026 is 2026-02-28T16:00Z.
  const beforeMidnight = new Date('2026-02-28T15:30:00Z'); // 28 Feb 23:30 in Shanghai
  const afterMidnight = new Date('2026-02-28T16:30:00Z'); // 1 Mar 00:30 in Shanghai

  test('default policy: registration from 14, computed on the Shanghai date, not the UTC one', () => {
    const r = checkAgeForRegistration('2012-03-01', beforeMidnight, DEFAULT_AGE_POLICY, true);
    expect(r).toEqual({ ok: false, code: 'TOO_YOUNG', message: '年满14周岁才能注册为志愿者，你现在13周岁' });
    expect(checkAgeForRegistration('2012-03-01', afterMidnight, DEFAULT_AGE_POLICY, true)).toEqual({
      ok: true,
      value: { age: 14, band: 'minor', needsGuardian: true, under14Rules: false },
    });
  });

  test('14–17 need guardian consent', () => {
    const r = checkAgeForRegistration('2012-03-01', afterMidnight, DEFAULT_AGE_POLICY, false);
    expect(r).toMatchObject({ ok: false, code: 'GUARDIAN_CONSENT_REQUIRED' });
    expect((r as { message: string }).message).toMatch(/监护人同意/);
    expect(checkAgeForRegistration('2008-03-02', afterMidnight, DEFAULT_AGE_POLICY, false)).toMatchObject({
      ok: false,
      code: 'GUARDIAN_CONSENT_REQUIRED',
    });
  });

  test('adults need no guardian, from the day of the 18th birthday', () => {
    expect(checkAgeForRegistration('2008-03-01', afterMidnight, DEFAULT_AGE_POLICY, false)).toEqual({
      ok: true,
      value: { age: 18, band: 'adult', needsGuardian: false, under14Rules: false },
    });
    expect(checkAgeForRegistration('2008-03-01', beforeMidnight, DEFAULT_AGE_POLICY, false)).toMatchObject({
      ok: false,
      code: 'GUARDIAN_CONSENT_REQUIRED',
    });
  });

  test('a leap-day birthday reaches 14 on 1 March of a non-leap year', () => {
    expect(checkAgeForRegistration('2012-02-29', beforeMidnight, DEFAULT_AGE_POLICY, true)).toMatchObject({ ok: false, code: 'TOO_YOUNG' });
    expect(checkAgeForRegistration('2012-02-29', afterMidnight, DEFAULT_AGE_POLICY, true)).toMatchObject({ ok: true, value: { age: 14 } });
  });

  test('a region that lowers the minimum to 10: under 14 need consent and see the under-14 rules', () => {
    const policy = { minimumAge: 10, guardianConsentUnder: 18 };
    expect(checkAgeForRegistration('2014-03-01', afterMidnight, policy, true)).toEqual({
      ok: true,
      value: { age: 12, band: 'child', needsGuardian: true, under14Rules: true },
    });
    expect(checkAgeForRegistration('2014-03-01', afterMidnight, policy, false)).toMatchObject({ ok: false, code: 'GUARDIAN_CONSENT_REQUIRED' });
    expect(checkAgeForRegistration('2016-03-02', afterMidnight, policy, true)).toMatchObject({
      ok: false,
      code: 'TOO_YOUNG',
      message: '年满10周岁才能注册为志愿者，你现在9周岁',
    });
    expect(checkAgeForRegistration('2016-03-01', afterMidnight, policy, true)).toMatchObject({ ok: true, value: { age: 10 } });
  });

  test('the consent band is configuration, but under 14 always needs a guardian (PIPL Art. 31)', () => {
    const consentUnder16 = { minimumAge: 14, guardianConsentUnder: 16 };
    expect(checkAgeForRegistration('2010-03-01', afterMidnight, consentUnder16, false)).toMatchObject({
      ok: true,
      value: { age: 16, band: 'minor', needsGuardian: false },
    });
    expect(checkAgeForRegistration('2010-03-02', afterMidnight, consentUnder16, false)).toMatchObject({ ok: false, code: 'GUARDIAN_CONSENT_REQUIRED' });
    const oddPolicy = { minimumAge: 10, guardianConsentUnder: 12 };
    expect(checkAgeForRegistration('2013-03-01', afterMidnight, oddPolicy, false)).toMatchObject({ ok: false, code: 'GUARDIAN_CONSENT_REQUIRED' });
  });

  test('at the day boundary: 15:59:59Z is still yesterday in Shanghai, 16:00:00Z is the birthday', () => {
    const policy = { minimumAge: 14, guardianConsentUnder: 16 };
    // born 29 February 2012: 16 on 29 February 2028, which begins at 2028-02-28T16:00:00Z
    expect(checkAgeForRegistration('2012-02-29', new Date('2028-02-28T15:59:59Z'), policy, false)).toMatchObject({ ok: false, code: 'GUARDIAN_CONSENT_REQUIRED' });
    expect(checkAgeForRegistration('2012-02-29', new Date('2028-02-28T16:00:00Z'), policy, false)).toEqual({
      ok: true,
      value: { age: 16, band: 'minor', needsGuardian: false, under14Rules: false },
    });
    // born 29 February 2008: adult on 1 March 2026 (no 29 February that year)
    expect(checkAgeForRegistration('2008-02-29', new Date('2026-02-28T15:59:59Z'), DEFAULT_AGE_POLICY, false)).toMatchObject({ ok: false, code: 'GUARDIAN_CONSENT_REQUIRED' });
    expect(checkAgeForRegistration('2008-02-29', new Date('2026-02-28T16:00:00Z'), DEFAULT_AGE_POLICY, false)).toMatchObject({ ok: true, value: { age: 18, band: 'adult' } });
  });

  test('at the year end: born 1 January turns 14 at 16:00Z on 31 December', () => {
    expect(checkAgeForRegistration('2012-01-01', new Date('2025-12-31T15:59:59Z'), DEFAULT_AGE_POLICY, true)).toMatchObject({ ok: false, code: 'TOO_YOUNG', message: '年满14周岁才能注册为志愿者，你现在13周岁' });
    expect(checkAgeForRegistration('2012-01-01', new Date('2025-12-31T16:00:00Z'), DEFAULT_AGE_POLICY, true)).toMatchObject({ ok: true, value: { age: 14 } });
    expect(checkAgeForRegistration('2011-12-31', new Date('2025-12-31T15:59:59Z'), DEFAULT_AGE_POLICY, true)).toMatchObject({ ok: true, value: { age: 14 } });
    // a birth date of "tomorrow" in Shanghai is refused until Shanghai's midnight
    expect(checkAgeForRegistration('2026-01-01', new Date('2025-12-31T15:59:59Z'), { minimumAge: 0, guardianConsentUnder: 18 }, true)).toMatchObject({ ok: false, code: 'TOO_YOUNG', message: '出生日期晚于今天，请核对' });
    expect(checkAgeForRegistration('2026-01-01', new Date('2025-12-31T16:00:00Z'), { minimumAge: 0, guardianConsentUnder: 18 }, true)).toMatchObject({ ok: true, value: { age: 0 } });
  });

  test('a birth date after today is refused', () => {
    expect(checkAgeForRegistration('2026-03-02', afterMidnight, { minimumAge: 0, guardianConsentUnder: 18 }, true)).toMatchObject({
      ok: false,
      code: 'TOO_YOUNG',
    });
  });
});
