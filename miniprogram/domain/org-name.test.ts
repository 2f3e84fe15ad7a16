import fc from 'fast-check';
import { hasControlOrFormat, nameKey, nameSignatures, similarityOf, validateOrganizationName } from './org-name';
import { checkRegionNames, validateRegionCode } from './region';

test('control and format characters are refused, naming the code point; whitespace controls are collapsed', () => {
  for (const [name, point] of [
    ['阳光\u202e队', 'U+202E'],
    ['阳光\u200b队', 'U+200B'],
    ['阳光\u200d队', 'U+200D'],
    ['\ufeff阳光队', 'U+FEFF'],
    ['阳光\u00ad队', 'U+00AD'],
    ['阳光\u0000队', 'U+0000'],
    ['阳光\u2066队', 'U+2066'],
  ] as const) {
    const checked = validateOrganizationName(name);
    expect(checked).toMatchObject({ ok: false, code: 'NAME_INVALID' });
    expect(!checked.ok && checked.message).toContain(point);
  }
  expect(validateOrganizationName('阳光\t志愿\n服务队')).toEqual({ ok: true, value: '阳光 志愿 服务队' });
});

test('NFKC: full-width letters, digits and spaces folded, whitespace collapsed', () => {
  expect(validateOrganizationName('  ＡＢＣ　社区１号   互助队 ')).toEqual({ ok: true, value: 'ABC 社区1号 互助队' });
  expect(validateOrganizationName('甲')).toMatchObject({ ok: false, message: '组织名称应为2–50个字，当前为1个' });
});

test('similar names: the same, a generic suffix apart, one character apart; others are not', () => {
  expect(similarityOf('鼓楼区阳光志愿服务队', '鼓楼区阳光志愿服务队')).toBe('same');
  expect(similarityOf('鼓楼区 阳光志愿服务队', '鼓楼区阳光志愿服务队')).toBe('same');
  expect(similarityOf('鼓楼区阳光志愿服务队', '鼓楼区阳光志愿者协会')).toBe('suffix');
  expect(similarityOf('鼓楼区阳光志愿服务队', '鼓楼区阳光志愿服务中心')).toBe('suffix');
  expect(similarityOf('鼓楼区阳光志愿服务队', '鼓楼区月光志愿服务队')).toBe('oneCharacter');
  expect(similarityOf('鼓楼区阳光志愿服务队', '鼓楼区阳光明志愿服务队')).toBe('oneCharacter');
  expect(similarityOf('鼓楼区阳光志愿服务队', '台江区星辰志愿服务队')).toBeNull();
  // A suffix is dropped only while two characters remain.
  expect(nameKey('协会')).toBe('协会');
});

test('two keys within one edit always share a signature (so one indexed query finds every candidate)', () => {
  const han = fc.constantFrom(...'阳光月星辰山海江河鼓楼台江区社区互助'.split(''));
  fc.assert(
    fc.property(fc.array(han, { minLength: 3, maxLength: 12 }), fc.nat(), han, fc.constantFrom('sub', 'ins', 'del'), (chars, at, c, op) => {
      const i = at % chars.length;
      const other = [...chars];
      if (op === 'sub') other[i] = c;
      if (op === 'ins') other.splice(i, 0, c);
      if (op === 'del') other.splice(i, 1);
      const a = new Set(nameSignatures(chars.join('')));
      expect(nameSignatures(other.join('')).some((s) => a.has(s))).toBe(true);
    }),
  );
});

test('hasControlOrFormat leaves ordinary Chinese text alone', () => {
  expect(hasControlOrFormat('福州市鼓楼区·温泉街道（一）志愿服务队')).toBe(false);
});

test('region names must fit the code: one per level, the province from the code list', () => {
  const county = validateRegionCode('350102');
  if (!county.ok) throw new Error('code');
  expect(checkRegionNames(county.value, ['福建省', '福州市', '鼓楼区'])).toEqual({ ok: true, value: ['福建省', '福州市', '鼓楼区'] });
  expect(checkRegionNames(county.value, ['广东省', '福州市', '鼓楼区'])).toMatchObject({ ok: false, message: expect.stringContaining('属于福建省') });
  expect(checkRegionNames(county.value, ['福建省', '福州市'])).toMatchObject({ ok: false });
  expect(checkRegionNames(county.value, ['福建省', '福州市', '鼓楼\u200b区'])).toMatchObject({ ok: false });
  const municipality = validateRegionCode('110101');
  if (!municipality.ok) throw new Error('code');
  expect(checkRegionNames(municipality.value, ['北京市', '北京市', '东城区'])).toMatchObject({ ok: true });
});
