// The volunteer card's QR payload (typings/volunteer.ts CardResponse.qr): signed and short-lived. It changes every
// minute, so a screenshot passed around is useless a minute or two later.
//
//   ZYC1.<volunteerId>.<minuteIndex in base 36>.<sig>
//   minuteIndex = floor(epoch ms / 60 000)
//   sig         = base64url(HMAC-SHA256(key, 'card\n' + volunteerId + '\n' + minuteIndex)), first 22 chars (132 bits)
import { createHmac, timingSafeEqual } from 'node:crypto';
import { err, ok, type Result } from '../../../miniprogram/domain/result';
import { deriveKey, type KeyRing } from './crypto';
import { CARD_MESSAGES } from '../messages/answers';

const PREFIX = 'ZYC1';
const MINUTE_MS = 60_000;
const SIG_LENGTH = 22;
/** A scanner whose clock runs ahead may see a code from its next minute; more than that is not clock skew. */
const MAX_FUTURE_MINUTES = 1;
const PAYLOAD_PATTERN = /^ZYC1\.([A-Za-z0-9_-]{1,64})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/;

/** The card-code key, derived from the key ring's hash key with its own purpose label. */
export function cardKeyFrom(ring: KeyRing): Buffer {
  return deriveKey(ring, 'volunteer-card-code.v1');
}

function minuteOf(instant: Date): number {
  const t = instant.getTime();
  if (Number.isNaN(t)) throw new RangeError('card code: invalid Date');
  return Math.floor(t / MINUTE_MS);
}

function sign(volunteerId: string, minute: number, key: Buffer): string {
  return createHmac('sha256', key).update(`card\n${volunteerId}\n${minute}`, 'utf8').digest('base64url').slice(0, SIG_LENGTH);
}

/** `validUntil` is the start of the next minute (exclusive): show a fresh code from then on. */
export function issueCardCode(volunteerId: string, instant: Date, key: Buffer): { payload: string; validUntil: Date } {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(volunteerId)) {
    throw new RangeError('issueCardCode: volunteerId must be 1–64 of [A-Za-z0-9_-]');
  }
  const minute = minuteOf(instant);
  return {
    payload: `${PREFIX}.${volunteerId}.${minute.toString(36)}.${sign(volunteerId, minute, key)}`,
    validUntil: new Date((minute + 1) * MINUTE_MS),
  };
}

export type CardCodeErrorCode = 'CARD_INVALID' | 'CARD_EXPIRED';

/**
 * Accepts a code of the current minute, of up to `graceMinutes` before (a code shown at 12:00:59 and scanned at
 * 12:01:02) and of the next minute (a scanner clock a little behind). Anything else, and any alteration, fails.
 */
export function verifyCardCode(
  payload: string,
  instant: Date,
  key: Buffer,
  graceMinutes = 1,
): Result<{ volunteerId: string; issuedMinute: number }, CardCodeErrorCode> {
  const invalid = err('CARD_INVALID', CARD_MESSAGES.notACard);
  const m = PAYLOAD_PATTERN.exec(payload.trim());
  if (!m) return invalid;
  const [, volunteerId, minuteText, sig] = m;
  const issuedMinute = parseInt(minuteText, 36);
  // Only the canonical spelling signs: '0abc' and 'abc' are not two valid payloads.
  if (!Number.isSafeInteger(issuedMinute) || issuedMinute.toString(36) !== minuteText) return invalid;
  const expected = Buffer.from(sign(volunteerId, issuedMinute, key), 'utf8');
  const given = Buffer.from(sig, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return invalid;

  const now = minuteOf(instant);
  if (issuedMinute > now + MAX_FUTURE_MINUTES) {
    return err('CARD_INVALID', CARD_MESSAGES.fromTheFuture);
  }
  if (issuedMinute < now - graceMinutes) return err('CARD_EXPIRED', CARD_MESSAGES.expired);
  return ok({ volunteerId, issuedMinute });
}
