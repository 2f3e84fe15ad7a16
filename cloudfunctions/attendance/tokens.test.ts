// Station tokens: made by the shared format with the phone's HMAC (js-sha256 in the mini-program) and verified by
// the server's — freshness, signature, shift binding, tampering and the time of a synced offline scan.
import fc from 'fast-check';
import { makeStationToken, base64url, fromBase64url, parseStationToken, stationStep } from '../../miniprogram/domain/station-token';
import { MAX_TOKEN_AGE_STEPS, nodeHmac, shanghaiDay, stationKey, verifyStationToken } from './tokens';

const master = Buffer.alloc(32, 7);
const now = new Date('2026-12-02T02:00:05Z');
const day = shanghaiDay(now);
const keyA = stationKey(master, 'shiftA', day);
const tokenAt = (shiftId: string, instant: Date, key = stationKey(master, shiftId, shanghaiDay(instant))) =>
  makeStationToken(shiftId, stationStep(instant.getTime()), key, nodeHmac);
const secondsAgo = (s: number) => new Date(now.getTime() - s * 1000);

test('a fresh token of the shift is accepted with its step and day', () => {
  expect(verifyStationToken(tokenAt('shiftA', now), { now }, master)).toEqual({
    ok: true,
    value: { shiftId: 'shiftA', step: stationStep(now.getTime()), day, scannedAt: now },
  });
  expect(verifyStationToken(tokenAt('shiftA', now), { now, expectedShiftId: 'shiftA' }, master)).toMatchObject({ ok: true });
});

test('freshness: a few steps old is accepted, older is expired (a screenshot sent home), far ahead is refused', () => {
  expect(verifyStationToken(tokenAt('shiftA', secondsAgo(MAX_TOKEN_AGE_STEPS * 10)), { now }, master)).toMatchObject({ ok: true });
  expect(verifyStationToken(tokenAt('shiftA', secondsAgo((MAX_TOKEN_AGE_STEPS + 1) * 10)), { now }, master)).toMatchObject({ ok: false, code: 'TOKEN_EXPIRED', message: expect.stringContaining('截图') });
  expect(verifyStationToken(tokenAt('shiftA', secondsAgo(-10)), { now }, master)).toMatchObject({ ok: true });
  expect(verifyStationToken(tokenAt('shiftA', secondsAgo(-20)), { now }, master)).toMatchObject({ ok: false, code: 'TOKEN_INVALID' });
});

test('an offline scan is judged by its recorded time, which may not be in the future', () => {
  const scanned = secondsAgo(3 * 3600);
  const token = tokenAt('shiftA', scanned);
  expect(verifyStationToken(token, { now }, master)).toMatchObject({ ok: false, code: 'TOKEN_EXPIRED' });
  expect(verifyStationToken(token, { now, scannedAt: scanned }, master)).toMatchObject({ ok: true, value: { scannedAt: scanned } });
  // Recorded long after the token was shown: still stale.
  expect(verifyStationToken(token, { now, scannedAt: new Date(scanned.getTime() + 60_000) }, master)).toMatchObject({ ok: false, code: 'TOKEN_EXPIRED' });
  expect(verifyStationToken(tokenAt('shiftA', now), { now, scannedAt: new Date(now.getTime() + 120_000) }, master)).toMatchObject({ ok: false, code: 'SCAN_TIME_INVALID' });
});

test('shift binding: a token of another shift is refused with the reason; one re-labelled for another shift is altered', () => {
  expect(verifyStationToken(tokenAt('shiftB', now), { now, expectedShiftId: 'shiftA', expectedTitle: '社区助老' }, master)).toMatchObject({
    ok: false,
    code: 'TOKEN_WRONG_SHIFT',
    message: expect.stringContaining('社区助老'),
  });
  const relabelled = tokenAt('shiftB', now).replace('shiftB', 'shiftA');
  expect(verifyStationToken(relabelled, { now }, master)).toMatchObject({ ok: false, code: 'TOKEN_INVALID', message: expect.stringContaining('无法验证') });
  // Shift B's station key cannot make tokens for shift A.
  expect(verifyStationToken(tokenAt('shiftA', now, stationKey(master, 'shiftB', day)), { now }, master)).toMatchObject({ ok: false, code: 'TOKEN_INVALID' });
  // Nor yesterday's key today's.
  expect(verifyStationToken(tokenAt('shiftA', now, stationKey(master, 'shiftA', '2026-12-01')), { now }, master)).toMatchObject({ ok: false, code: 'TOKEN_INVALID' });
});

test('tampering: any changed character, a re-spelled step, a moved step, or garbage is refused', () => {
  const token = makeStationToken('shiftA', stationStep(now.getTime()), keyA, nodeHmac);
  fc.assert(
    fc.property(fc.nat({ max: token.length - 1 }), fc.constantFrom(...'ABCabc0129-_.'), (i, c) => {
      fc.pre(token[i] !== c);
      const altered = token.slice(0, i) + c + token.slice(i + 1);
      expect(verifyStationToken(altered, { now }, master).ok).toBe(false);
    }),
  );
  const parsed = parseStationToken(token)!;
  expect(verifyStationToken(`ZYS1.shiftA.0${parsed.step.toString(36)}.${parsed.sig}`, { now }, master)).toMatchObject({ ok: false, code: 'TOKEN_INVALID' });
  expect(verifyStationToken(`ZYS1.shiftA.${(parsed.step - 1).toString(36)}.${parsed.sig}`, { now }, master)).toMatchObject({ ok: false, code: 'TOKEN_INVALID' });
  for (const junk of ['', 'hello', 'ZYC1.v.abc.sig', `${token}.x`]) expect(verifyStationToken(junk, { now }, master)).toMatchObject({ ok: false, code: 'TOKEN_INVALID' });
});

test('the token fits a small QR code: QR version 4 at error correction M holds 62 bytes (33×33 modules)', () => {
  expect(makeStationToken('proj_1_mio6x0f8-12', stationStep(now.getTime()), keyA, nodeHmac).length).toBeLessThanOrEqual(62);
});

test('base64url round-trips and matches node', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 40 }), (bytes) => {
      expect(base64url(bytes)).toBe(Buffer.from(bytes).toString('base64url'));
      expect(Array.from(fromBase64url(base64url(bytes))!)).toEqual(Array.from(bytes));
    }),
  );
});
