import { validateContactPhone, validateMobile } from './phone';

describe('validateMobile', () => {
  test.each([
    ['13812345678'],
    [' 138 1234 5678 '],
    ['138-1234-5678'],
    ['+86 138 1234 5678'],
    ['+8613812345678'],
    ['8613812345678'],
    ['0086 13812345678'],
    ['１３８１２３４５６７８'],
  ])('accepts %j', (typed) => {
    expect(validateMobile(typed)).toEqual({ ok: true, value: '13812345678' });
  });

  test('accepts every 1[3-9] prefix', () => {
    for (const p of ['13', '14', '15', '16', '17', '18', '19']) expect(validateMobile(`${p}012345678`).ok).toBe(true);
  });

  test.each([
    ['', '请填写手机号'],
    ['1381234567', '手机号应为11位，当前为10位'],
    ['138123456789', '手机号应为11位，当前为12位'],
    ['12812345678', '手机号应以 13–19 开头，请核对'],
    ['23812345678', '手机号应以 13–19 开头，请核对'],
    ['138abcd5678', '手机号只能包含数字'],
    ['+1 415 555 0100', '目前只支持中国大陆手机号（+86）'],
    ['001 415 555 0100', '目前只支持中国大陆手机号（+86）'],
  ])('refuses %j: %s', (typed, message) => {
    expect(validateMobile(typed)).toEqual({ ok: false, code: 'PHONE_FORMAT', message });
  });
});

describe('validateContactPhone', () => {
  test('a mobile or a landline with its area code', () => {
    expect(validateContactPhone('138 1234 5678')).toEqual({ ok: true, value: '13812345678' });
    expect(validateContactPhone('0591-87654321')).toEqual({ ok: true, value: '0591-87654321' });
    expect(validateContactPhone('(010) 1234 5678')).toEqual({ ok: true, value: '010-12345678' });
    expect(validateContactPhone('0591 8765432')).toEqual({ ok: true, value: '0591-8765432' });
    expect(validateContactPhone('0591-87654321转123')).toEqual({ ok: true, value: '0591-87654321-123' });
    expect(validateContactPhone('+86 591 87654321').ok).toBe(false);
  });

  test('refuses numbers without an area code', () => {
    expect(validateContactPhone('87654321')).toMatchObject({ ok: false, code: 'PHONE_FORMAT', message: expect.stringContaining('区号') });
    expect(validateContactPhone('')).toMatchObject({ ok: false, code: 'PHONE_FORMAT' });
  });
});
