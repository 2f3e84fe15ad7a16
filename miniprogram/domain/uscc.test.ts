import fc from 'fast-check';
import { USCC_CHARSET, usccCheckChar, validateUscc } from './uscc';

function withCheck(first17: string): string {
  return first17 + usccCheckChar(first17);
}

describe('validateUscc', () => {
  test("the standard's example 91110000600037341L: Σ = 538 → L", () => {
    const first17 = '91110000600037341';
    let sum = 0;
    for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17[i]) * (3 ** i % 31);
    expect(sum).toBe(538);
    expect((31 - (sum % 31)) % 31).toBe(20);
    expect(USCC_CHARSET[20]).toBe('L');
    expect(validateUscc('91110000600037341L')).toEqual({
      ok: true,
      value: { code: '91110000600037341L', registrationAuthority: '9', regionCode: '110000' },
    });
  });

  test('normalises case and spaces', () => {
    expect(validateUscc(' 9111 0000 6000 3734 1l ')).toMatchObject({ ok: true, value: { code: '91110000600037341L' } });
  });

  test('the registration authority may be a letter (A, N, Y)', () => {
    for (const first of ['A', 'N', 'Y']) {
      const code = withCheck(`${first}1350102MA2Y3X4T5`);
      expect(validateUscc(code)).toEqual({
        ok: true,
        value: { code, registrationAuthority: first, regionCode: '350102' },
      });
    }
  });

  test('51 / 52 / 53 are 民政 registrations', () => {
    expect(validateUscc(withCheck('51350102MJ0000001'))).toMatchObject({ ok: true, value: { civilAffairsType: 'social_group' } });
    expect(validateUscc(withCheck('52350102MJ0000001'))).toMatchObject({ ok: true, value: { civilAffairsType: 'social_service' } });
    expect(validateUscc(withCheck('53350102MJ0000001'))).toMatchObject({ ok: true, value: { civilAffairsType: 'foundation' } });
    expect(validateUscc(withCheck('54350102MJ0000001')).ok).toBe(true);
    expect(validateUscc(withCheck('54350102MJ0000001'))).not.toHaveProperty('value.civilAffairsType');
  });

  test('USCC_LENGTH', () => {
    expect(validateUscc('91110000600037341')).toEqual({ ok: false, code: 'USCC_LENGTH', message: '统一社会信用代码应为18位，当前为17位' });
    expect(validateUscc('')).toMatchObject({ ok: false, code: 'USCC_LENGTH', message: '请填写统一社会信用代码' });
  });

  test('USCC_CHARSET names the character and why', () => {
    expect(validateUscc('91110000600037341I')).toEqual({
      ok: false,
      code: 'USCC_CHARSET',
      message: '含有不允许的字符 I（代码不使用 I、O、Z、S、V）',
    });
    for (const c of ['O', 'Z', 'S', 'V']) {
      expect(validateUscc(`9111000060003734${c}L`)).toMatchObject({ code: 'USCC_CHARSET', message: expect.stringContaining(`字符 ${c}（`) });
    }
    expect(validateUscc('9111000060003734#L')).toMatchObject({ code: 'USCC_CHARSET', message: expect.stringContaining('「#」') });
  });

  test('USCC_CHECKSUM', () => {
    expect(validateUscc('91110000600037341M')).toEqual({ ok: false, code: 'USCC_CHECKSUM', message: '统一社会信用代码校验位不正确，请核对' });
  });

  test('property: a computed check character validates; changing any one character invalidates', () => {
    const chars = USCC_CHARSET.split('');
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...chars), { minLength: 17, maxLength: 17 }),
        fc.nat(17),
        fc.integer({ min: 1, max: 30 }),
        (body, i, delta) => {
          const code = withCheck(body.join(''));
          expect(validateUscc(code).ok).toBe(true);
          const replaced = USCC_CHARSET[(USCC_CHARSET.indexOf(code[i]) + delta) % 31];
          const changed = code.slice(0, i) + replaced + code.slice(i + 1);
          expect(validateUscc(changed)).toMatchObject({ ok: false, code: 'USCC_CHECKSUM' });
        },
      ),
    );
  });
});
