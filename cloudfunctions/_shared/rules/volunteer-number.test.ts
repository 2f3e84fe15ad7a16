import fc from 'fast-check';
import { formatVolunteerNo, validateVolunteerNo } from './volunteer-number';

/** Reference ISO 7064 MOD 11-2 with explicit weights: Σ d_i × 2^(n+1−i) + c ≡ 1 (mod 11). */
function referenceCheck(digits: string): string {
  const n = digits.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Number(digits[i]) * (2 ** (n - i) % 11);
  const c = (((1 - sum) % 11) + 11) % 11;
  return c === 10 ? 'X' : String(c);
}

const partsArb = fc.record({
  regionCode: fc.constantFrom('350102', '110105', '440305', '650000', '429004', '810000'),
  year: fc.integer({ min: 2000, max: 2099 }),
  sequence: fc.integer({ min: 1, max: 9_999_999 }),
});

describe('formatVolunteerNo', () => {
  test('ZY + region + two-digit year + seven-digit sequence + MOD 11-2 check', () => {
    const no = formatVolunteerNo({ regionCode: '350102', year: 2026, sequence: 17 });
    expect(no).toBe(`ZY350102260000017${referenceCheck('350102260000017')}`);
    expect(no).toHaveLength(18);
  });

  test('the check agrees with the reference computation for any parts', () => {
    fc.assert(
      fc.property(partsArb, (parts) => {
        const no = formatVolunteerNo(parts);
        expect(no[17]).toBe(referenceCheck(no.slice(2, 17)));
      }),
    );
  });

  test('refuses parts that cannot form a number (a bug)', () => {
    expect(() => formatVolunteerNo({ regionCode: '000000', year: 2026, sequence: 1 })).toThrow(RangeError);
    expect(() => formatVolunteerNo({ regionCode: '350102', year: 1999, sequence: 1 })).toThrow(RangeError);
    expect(() => formatVolunteerNo({ regionCode: '350102', year: 2026, sequence: 0 })).toThrow(RangeError);
    expect(() => formatVolunteerNo({ regionCode: '350102', year: 2026, sequence: 10_000_000 })).toThrow(RangeError);
    expect(() => formatVolunteerNo({ regionCode: '350102', year: 2026, sequence: 1.5 })).toThrow(RangeError);
  });
});

describe('validateVolunteerNo', () => {
  test('reads back the parts; accepts spaces and lower case', () => {
    const no = formatVolunteerNo({ regionCode: '350102', year: 2026, sequence: 17 });
    const typed = ` zy 350102 26 0000017 ${no[17].toLowerCase()} `;
    expect(validateVolunteerNo(typed)).toEqual({
      ok: true,
      value: { number: no, regionCode: '350102', year: 2026, sequence: 17 },
    });
  });

  test('format and checksum errors', () => {
    expect(validateVolunteerNo('')).toMatchObject({ ok: false, code: 'VOLUNTEER_NO_FORMAT', message: '请填写志愿者编号' });
    expect(validateVolunteerNo('ZY35010226000001')).toMatchObject({ ok: false, code: 'VOLUNTEER_NO_FORMAT', message: expect.stringContaining('当前为16位') });
    expect(validateVolunteerNo('ZX3501022600000171')).toMatchObject({ ok: false, code: 'VOLUNTEER_NO_FORMAT', message: expect.stringContaining('ZY 开头') });
    const no = formatVolunteerNo({ regionCode: '350102', year: 2026, sequence: 17 });
    const wrong = no.slice(0, 17) + (no[17] === '0' ? '1' : '0');
    expect(validateVolunteerNo(wrong)).toEqual({ ok: false, code: 'VOLUNTEER_NO_CHECKSUM', message: '志愿者编号校验位不正确，请核对编号' });
  });

  test('property: every formatted number validates and round-trips; any single-digit change fails', () => {
    fc.assert(
      fc.property(partsArb, fc.integer({ min: 2, max: 17 }), fc.integer({ min: 1, max: 10 }), (parts, i, delta) => {
        const no = formatVolunteerNo(parts);
        expect(validateVolunteerNo(no)).toEqual({ ok: true, value: { number: no, ...parts } });
        const pool = i === 17 ? '0123456789X' : '0123456789';
        const replacement = pool[(pool.indexOf(no[i]) + delta) % pool.length];
        if (replacement === no[i]) return;
        const changed = no.slice(0, i) + replacement + no.slice(i + 1);
        expect(validateVolunteerNo(changed).ok).toBe(false);
      }),
    );
  });
});
