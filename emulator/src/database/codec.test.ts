import { decode, encode, idFromKey, idKey, resolveServerDates } from './codec';

test('canonical EJSON numbers, dates, longs, regexps and ObjectIds become plain JS values', () => {
  const v = decode(
    '{"i":{"$numberInt":"1"},"d":{"$numberDouble":"1.5"},"l":{"$numberLong":"1099511627776"},"t":{"$date":{"$numberLong":"5"}},"r":{"$regularExpression":{"pattern":"^a","options":"ix"}},"o":{"$oid":"5f1b2c3d4e5f6a7b8c9d0e1f"},"a":[{"$numberInt":"2"}]}',
  ) as Record<string, unknown>;
  expect(v).toEqual({ i: 1, d: 1.5, l: 2 ** 40, t: new Date(5), r: /^a/i, o: '5f1b2c3d4e5f6a7b8c9d0e1f', a: [2] });
  expect(encode({ i: 1, d: 1.5, t: new Date(5) })).toBe('{"i":{"$numberInt":"1"},"d":{"$numberDouble":"1.5"},"t":{"$date":{"$numberLong":"5"}}}');
});

test('serverDate markers become the clock plus offset, anywhere in the value', () => {
  const now = () => new Date(1_000_000);
  const v = decode('{"$set":{"a":{"$tcb_server_date":{"offset":{"$numberInt":"500"}}},"b":[{"$tcb_server_date":{"offset":{"$numberInt":"0"}}}]}}');
  expect(resolveServerDates(v, now)).toEqual({ $set: { a: new Date(1_000_500), b: [new Date(1_000_000)] } });
});

test('malformed EJSON is an INVALID_PARAM error', () => {
  expect(() => decode('{bad')).toThrow(expect.objectContaining({ code: 'INVALID_PARAM' }));
});

test('id keys round-trip for strings, numbers and strings that look like encoded keys', () => {
  for (const id of ['abc', 7, '~x']) expect(idFromKey(idKey(id))).toEqual(id);
});
