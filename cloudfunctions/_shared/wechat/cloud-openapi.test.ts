// How the subscribe-message adapter reads what wx-server-sdk hands it: the msgid's digits from json-bigint's BigNumber
// after the SDK's key-by-key copy, and the SDK's errors sorted into WeChat's answers and the platform's failures.
import fc from 'fast-check';
import { failureLogLine } from '../frame/failure-log';
import { digitsOfWeChatId, failureOf, outcomeOfSdkError } from './cloud-openapi';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const JSONBigInt = require('json-bigint') as { parse(text: string): Record<string, unknown> };

/** What the SDK's convertCase makes of an object: its own enumerable fields copied into a plain object. */
const copied = (value: unknown): unknown => (typeof value === 'object' && value !== null ? { ...(value as object) } : value);

test('any 64-bit msgid comes back as its digits, whether json-bigint made a number or a BigNumber of it', () => {
  fc.assert(
    fc.property(fc.bigInt({ min: 1n, max: 2n ** 64n - 1n }), (id) => {
      const parsed = JSONBigInt.parse(`{"msgid":${id}}`).msgid;
      expect(digitsOfWeChatId(copied(parsed))).toBe(id.toString());
    }),
  );
  expect(digitsOfWeChatId(2114818936478859266n)).toBe('2114818936478859266');
  expect(digitsOfWeChatId('123')).toBe('123');
  expect(digitsOfWeChatId(undefined)).toBe('');
});

test('a failure is logged by its code alone', () => {
  expect(failureLogLine('poster.getUnlimited', failureOf({ ok: false, kind: 'answered', errcode: 40169, errmsg: 'invalid scene 13812345678' }))).toBe('[poster.getUnlimited] failed: WeChatFailure errCode=40169');
  expect(failureLogLine('x', failureOf({ ok: false, kind: 'unanswered', detail: 'socket hang up' }))).toBe('[x] failed: WeChatFailure');
});

test("WeChat's errcodes (and -1) are answers; the platform's codes and anything else are not", () => {
  expect(outcomeOfSdkError({ errCode: 43101, errMsg: 'openapi.subscribeMessage.send:fail user refuse to accept the msg' })).toEqual({ ok: false, kind: 'answered', errcode: 43101, errmsg: 'openapi.subscribeMessage.send:fail user refuse to accept the msg' });
  expect(outcomeOfSdkError({ errCode: -1, errMsg: 'system error' })).toMatchObject({ kind: 'answered', errcode: -1 });
  expect(outcomeOfSdkError({ errCode: -604102, errMsg: 'system error: error code: -604102' })).toEqual({ ok: false, kind: 'unanswered', detail: '-604102 system error: error code: -604102', code: -604102 });
  expect(outcomeOfSdkError({ errCode: -501001, errMsg: 'request timeout' })).toMatchObject({ kind: 'unanswered' });
  expect(outcomeOfSdkError(new Error('socket hang up'))).toEqual({ ok: false, kind: 'unanswered', detail: 'socket hang up' });
});
