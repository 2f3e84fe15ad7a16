import fc from 'fast-check';
import { formatCertificateNo, validateCertificateNo } from './certificate-number';

describe('certificate number', () => {
  test('ZM + region + year + seven-digit sequence + MOD 11-2 check; the parts come back', () => {
    const no = formatCertificateNo({ regionCode: '350102', year: 2026, sequence: 123 });
    expect(no).toMatch(/^ZM35010220260000123[0-9X]$/);
    expect(validateCertificateNo(` ${no.toLowerCase().slice(0, 10)} ${no.toLowerCase().slice(10)} `)).toEqual({
      ok: true,
      value: { number: no, regionCode: '350102', year: 2026, sequence: 123 },
    });
  });

  test('any single changed digit is caught by the check character', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9_999_999 }), fc.integer({ min: 2, max: 18 }), fc.integer({ min: 1, max: 9 }), (seq, at, delta) => {
        const no = formatCertificateNo({ regionCode: '110105', year: 2026, sequence: seq });
        const changed = no.slice(0, at) + String((Number(no[at]) + delta) % 10) + no.slice(at + 1);
        expect(validateCertificateNo(changed)).toMatchObject({ ok: false, code: 'CERTIFICATE_NO_CHECKSUM' });
      }),
    );
  });

  test('wrong length and shape answer in Chinese', () => {
    expect(validateCertificateNo('')).toMatchObject({ ok: false, code: 'CERTIFICATE_NO_FORMAT', message: '请填写证明编号' });
    expect(validateCertificateNo('ZM123')).toMatchObject({ ok: false, message: '证明编号应为20位（ZM 加18位数字），当前为5位' });
    expect(validateCertificateNo('ZY350102202600001230')).toMatchObject({ ok: false, code: 'CERTIFICATE_NO_FORMAT' });
  });
});
