import fc from 'fast-check';
import { keywordPattern, regionPrefixOf } from './search-terms';

test('region prefixes: as given, or a 6-digit province/city code shortened', () => {
  expect(regionPrefixOf('35')).toBe('35');
  expect(regionPrefixOf('3501')).toBe('3501');
  expect(regionPrefixOf('350102')).toBe('350102');
  expect(regionPrefixOf('350100')).toBe('3501');
  expect(regionPrefixOf('350000')).toBe('35');
});

test('keywords are trimmed; empty means none', () => {
  expect(keywordPattern(undefined)).toBeNull();
  expect(keywordPattern('  ')).toBeNull();
  expect(keywordPattern(' 阳光  志愿 ')).toBe('阳光 志愿');
});

test('a keyword matches itself literally, as a substring, whatever characters it holds', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1 }).filter((s) => s.trim() !== '' && !/\s/.test(s)), fc.string(), fc.string(), (kw, before, after) => {
      const pattern = keywordPattern(kw)!;
      expect(new RegExp(pattern, 'i').test(`${before}${kw}${after}`)).toBe(true);
    }),
  );
  expect(new RegExp(keywordPattern('.*')!, 'i').test('anything')).toBe(false);
  expect(new RegExp(keywordPattern('(A+)')!, 'i').test('xx (a+) yy')).toBe(true);
});
