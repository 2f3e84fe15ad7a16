import { regionPrefixes, validateRegionCode } from './region';

describe('validateRegionCode', () => {
  test('county, city and province level codes', () => {
    expect(validateRegionCode('350102')).toEqual({ ok: true, value: { code: '350102', level: 'county', provinceCode: '35' } });
    expect(validateRegionCode('350100')).toEqual({ ok: true, value: { code: '350100', level: 'city', provinceCode: '35' } });
    expect(validateRegionCode('350000')).toEqual({ ok: true, value: { code: '350000', level: 'province', provinceCode: '35' } });
    expect(validateRegionCode(' 429004 ')).toMatchObject({ ok: true, value: { code: '429004', level: 'county' } });
    expect(validateRegionCode('810000')).toMatchObject({ ok: true, value: { level: 'province' } });
    // abolished codes keep their structure: 110103 崇文区
    expect(validateRegionCode('110103').ok).toBe(true);
  });

  test('format, province and consistency errors', () => {
    expect(validateRegionCode('35010')).toMatchObject({ ok: false, code: 'REGION_FORMAT', message: expect.stringContaining('6位数字') });
    expect(validateRegionCode('35010a')).toMatchObject({ ok: false, code: 'REGION_FORMAT' });
    expect(validateRegionCode('000000')).toMatchObject({ ok: false, code: 'REGION_PROVINCE', message: '地区代码不正确：前两位 00 不是省级行政区划代码' });
    expect(validateRegionCode('990101')).toMatchObject({ ok: false, code: 'REGION_PROVINCE' });
    expect(validateRegionCode('830000')).toMatchObject({ ok: false, code: 'REGION_PROVINCE' });
    expect(validateRegionCode('350002')).toMatchObject({ ok: false, code: 'REGION_INCONSISTENT' });
  });
});

describe('regionPrefixes', () => {
  test('the prefixes a code belongs to, for statistics', () => {
    expect(regionPrefixes('350102')).toEqual(['35', '3501', '350102']);
    expect(regionPrefixes('350100')).toEqual(['35', '3501']);
    expect(regionPrefixes('350000')).toEqual(['35']);
  });

  test('an invalid code is a bug', () => {
    expect(() => regionPrefixes('000000')).toThrow(RangeError);
  });
});
