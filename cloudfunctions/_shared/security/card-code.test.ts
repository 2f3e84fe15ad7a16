import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { cardKeyFrom, issueCardCode, verifyCardCode } from './card-code';
import { generateKeyEnv, keyRingFromEnv } from './crypto';

const KEY = cardKeyFrom(keyRingFromEnv(generateKeyEnv()));
const ID = 'u_0123456789abcdef01234567';

describe('issueCardCode', () => {
  test('payload ZYC1.<id>.<minute base 36>.<22-char signature>; valid until the next minute', () => {
    const at = new Date('2026-11-15T04:00:59.500Z');
    const { payload, validUntil } = issueCardCode(ID, at, KEY);
    const minute = Math.floor(at.getTime() / 60000);
    expect(payload).toMatch(new RegExp(`^ZYC1\\.${ID}\\.${minute.toString(36)}\\.[A-Za-z0-9_-]{22}$`));
    expect(validUntil.toISOString()).toBe('2026-11-15T04:01:00.000Z');
  });

  test('the code changes every minute and is the same within one', () => {
    const a = issueCardCode(ID, new Date('2026-11-15T04:00:00Z'), KEY).payload;
    expect(issueCardCode(ID, new Date('2026-11-15T04:00:59.999Z'), KEY).payload).toBe(a);
    expect(issueCardCode(ID, new Date('2026-11-15T04:01:00Z'), KEY).payload).not.toBe(a);
  });

  test('ids that would break the format are a bug', () => {
    expect(() => issueCardCode('a.b', new Date(), KEY)).toThrow(RangeError);
    expect(() => issueCardCode('', new Date(), KEY)).toThrow(RangeError);
  });

  test('the card key is derived from the hash key and is not the hash key itself', () => {
    const ring = keyRingFromEnv(generateKeyEnv());
    expect(cardKeyFrom(ring)).toHaveLength(32);
    expect(cardKeyFrom(ring).equals(ring.hashKey)).toBe(false);
    expect(cardKeyFrom(ring).equals(cardKeyFrom(ring))).toBe(true);
  });
});

describe('verifyCardCode', () => {
  const issuedAt = new Date('2026-11-15T12:00:59Z');
  const { payload } = issueCardCode(ID, issuedAt, KEY);
  const minute = Math.floor(issuedAt.getTime() / 60000);

  test('accepts the current minute', () => {
    expect(verifyCardCode(payload, new Date('2026-11-15T12:00:59.900Z'), KEY)).toEqual({ ok: true, value: { volunteerId: ID, issuedMinute: minute } });
  });

  test('shown at 12:00:59, scanned at 12:01:02: accepted within the grace minute', () => {
    expect(verifyCardCode(payload, new Date('2026-11-15T12:01:02Z'), KEY).ok).toBe(true);
    expect(verifyCardCode(payload, new Date('2026-11-15T12:01:59.999Z'), KEY).ok).toBe(true);
  });

  test('expired after the grace minute', () => {
    expect(verifyCardCode(payload, new Date('2026-11-15T12:02:00Z'), KEY)).toEqual({
      ok: false,
      code: 'CARD_EXPIRED',
      message: '二维码已过期，请让志愿者刷新后再扫',
    });
    expect(verifyCardCode(payload, new Date('2026-11-15T12:02:00Z'), KEY, 2).ok).toBe(true);
    expect(verifyCardCode(payload, new Date('2026-11-15T12:01:00Z'), KEY, 0)).toMatchObject({ ok: false, code: 'CARD_EXPIRED' });
  });

  test('a scanner clock one minute behind is tolerated, more is not', () => {
    expect(verifyCardCode(payload, new Date('2026-11-15T11:59:30Z'), KEY).ok).toBe(true);
    expect(verifyCardCode(payload, new Date('2026-11-15T11:58:59Z'), KEY)).toMatchObject({ ok: false, code: 'CARD_INVALID' });
  });

  test('tampering, another key, or garbage is CARD_INVALID', () => {
    const [prefix, id, m, sig] = payload.split('.');
    const now = new Date('2026-11-15T12:01:00Z');
    const otherId = `${prefix}.u_other.${m}.${sig}`;
    const otherMinute = `${prefix}.${id}.${(minute + 1).toString(36)}.${sig}`;
    const paddedMinute = `${prefix}.${id}.0${m}.${sig}`;
    for (const bad of [otherId, otherMinute, paddedMinute, `ZYC2.${id}.${m}.${sig}`, `${payload}x`, '', 'hello', `${prefix}.${id}.${m}`]) {
      expect(verifyCardCode(bad, now, KEY)).toMatchObject({ ok: false, code: 'CARD_INVALID' });
    }
    expect(verifyCardCode(payload, now, randomBytes(32))).toMatchObject({ ok: false, code: 'CARD_INVALID' });
  });

  test('property: fresh codes verify; one minute + grace later they expire; any one-character change fails', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2100-01-01T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 3 }),
        fc.nat(),
        fc.integer({ min: 1, max: 63 }),
        (volunteerId, at, grace, position, shift) => {
          const { payload: code, validUntil } = issueCardCode(volunteerId, at, KEY);
          expect(verifyCardCode(code, at, KEY, grace)).toMatchObject({ ok: true, value: { volunteerId } });
          const lastAccepted = new Date(validUntil.getTime() + grace * 60000 - 1);
          expect(verifyCardCode(code, lastAccepted, KEY, grace).ok).toBe(true);
          const expired = new Date(validUntil.getTime() + grace * 60000);
          expect(verifyCardCode(code, expired, KEY, grace)).toMatchObject({ ok: false, code: 'CARD_EXPIRED' });
          const i = position % code.length;
          const pool = code[i] === '.' ? alphabet : alphabet + '.';
          const index = pool.indexOf(code[i]);
          const replacement = pool[(Math.max(index, 0) + shift) % pool.length];
          if (replacement === code[i]) return;
          const changed = code.slice(0, i) + replacement + code.slice(i + 1);
          expect(verifyCardCode(changed, at, KEY, grace).ok).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });
});
