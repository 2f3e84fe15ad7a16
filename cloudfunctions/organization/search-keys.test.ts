import fc from 'fast-check';
import { searchKeyFor, searchKeysOf, searchText } from './search-keys';

const prefixes = ['35', '3501', '350102'];

test('every piece of the name up to four characters, for any region and under each prefix', () => {
  const keys = searchKeysOf('鼓楼 Sun 队', prefixes);
  expect(keys).toEqual(expect.arrayContaining([':鼓', ':鼓楼', ':鼓楼 s', ':sun ', '3501:sun', '350102:队', '35: sun']));
  expect(keys).not.toContain(':鼓楼 su'); // five characters
  expect(new Set(keys).size).toBe(keys.length);
});

test('a keyword is looked up by its first four characters, case and spacing forgiven; longer ones check the name', () => {
  expect(searchKeyFor('  阳光  志愿 ', undefined)).toEqual({ key: ':阳光 志', checkName: true });
  expect(searchKeyFor('SUN', '3501')).toEqual({ key: '3501:sun', checkName: false });
  expect(searchKeyFor(' ', '35')).toBeNull();
  expect(searchKeyFor(undefined, undefined)).toBeNull();
});

test('a name contains a keyword exactly when its keys hold the keyword’s key (the name check decides past four)', () => {
  const alphabet = fc.constantFrom('阳', '光', '志', '愿', 'a', 'B', ' ', '队');
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 14 }).map((a) => a.join('')), fc.array(alphabet, { minLength: 1, maxLength: 6 }).map((a) => a.join('')), fc.constantFrom(undefined, '35', '3501'), (name, keyword, prefix) => {
      const wanted = searchKeyFor(keyword, prefix);
      if (!wanted) return;
      const contains = searchText(name).includes(searchText(keyword));
      const found = searchKeysOf(name, prefixes).includes(wanted.key);
      if (contains) expect(found).toBe(true);
      if (!wanted.checkName) expect(found).toBe(contains);
    }),
  );
});
