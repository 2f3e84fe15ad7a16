import { maskCredential, maskName, maskPhone } from './mask';

describe('maskName: keep the first character', () => {
  test.each([
    ['张三', '张*'],
    ['欧阳娜娜', '欧***'],
    ['李小明', '李**'],
    ['阿卜杜拉·艾买提', '阿*******'],
    ['𠮷野', '𠮷*'],
    ['John Smith', 'J***'],
    ['Émile Zola', 'É***'],
    ['王', '*'],
    ['', ''],
    ['  张三 ', '张*'],
  ])('%j → %j', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});

describe('maskCredential: first and last character visible', () => {
  test.each([
    ['11010519491231002X', '1****************X'],
    ['110105 19491231 002x', '1****************X'],
    ['E12345678', 'E*******8'],
    ['H12345678', 'H*******8'],
    ['AB', '**'],
    ['', ''],
  ])('%j → %j', (number, masked) => {
    expect(maskCredential(number)).toBe(masked);
  });

  test('the masked form keeps the length and never shows the birth date', () => {
    const masked = maskCredential('35010220010930001X');
    expect(masked).toHaveLength(18);
    expect(masked).not.toContain('2001');
  });
});

describe('maskPhone: first 3 and last 4 digits', () => {
  test.each([
    ['13812345678', '138****5678'],
    ['+86 138-1234-5678', '138****5678'],
    ['0591-87654321', '059*****4321'],
    ['12345', '*****'],
    ['', ''],
  ])('%j → %j', (phone, masked) => {
    expect(maskPhone(phone)).toBe(masked);
  });
});
