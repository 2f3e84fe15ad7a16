// Proof of a phone number WeChat verified. The phone button's one-time code lasts 5 minutes and is charged when the
// person taps, so it is exchanged at once (volunteer.verifyPhone); what the client keeps for the submit is this
// proof, not the code:
//
//   ZYP1.<expiry: epoch seconds, base 36>.<base64url(JSON EncryptedField of the number)>.<sig>
//   sig = base64url(HMAC-SHA256(key, 'phone-proof\n' + openid + '\n' + expiry + '\n' + sealed)), 43 chars
//
// The number is encrypted under the data keys (it never travels or sits in the client in the clear), the signature
// binds it to the caller's OPENID and to the expiry, so a proof is worthless to anyone else and after it expires.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { err, ok, type Result } from '../../../miniprogram/domain/result';
import { decryptField, deriveKey, encryptField, type EncryptedField, type KeyRing } from './crypto';
import { PHONE_PROOF_MESSAGES } from '../messages/answers';

export const PHONE_PROOF_MINUTES = 30;
const PREFIX = 'ZYP1';
const PURPOSE = 'phone-proof.number';
const PROOF_PATTERN = /^ZYP1\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{1,600})\.([A-Za-z0-9_-]{43})$/;
/** Longest proof the schemas accept (the pattern's parts and separators). */
export const PHONE_PROOF_MAX_CHARS = 700;

function keyOf(ring: KeyRing): Buffer {
  return deriveKey(ring, 'phone-proof.v1');
}

function sign(openid: string, expiry: string, sealed: string, ring: KeyRing): string {
  return createHmac('sha256', keyOf(ring)).update(`phone-proof\n${openid}\n${expiry}\n${sealed}`, 'utf8').digest('base64url');
}

export function issuePhoneProof(number: string, openid: string, now: Date, ring: KeyRing): { proof: string; expiresAt: Date } {
  const expiresAt = new Date(Math.floor(now.getTime() / 1000) * 1000 + PHONE_PROOF_MINUTES * 60_000);
  const expiry = Math.floor(expiresAt.getTime() / 1000).toString(36);
  const sealed = Buffer.from(JSON.stringify(encryptField(number, ring, PURPOSE)), 'utf8').toString('base64url');
  return { proof: `${PREFIX}.${expiry}.${sealed}.${sign(openid, expiry, sealed, ring)}`, expiresAt };
}

export type PhoneProofError = 'PHONE_INVALID';

/** The verified number behind a proof issued to `openid`, while it has not expired. */
export function verifyPhoneProof(proof: string, openid: string, now: Date, ring: KeyRing): Result<string, PhoneProofError> {
  const invalid = err('PHONE_INVALID', PHONE_PROOF_MESSAGES.invalid);
  const m = PROOF_PATTERN.exec(proof.trim());
  if (!m) return invalid;
  const [, expiry, sealed, sig] = m;
  const expected = Buffer.from(sign(openid, expiry, sealed, ring), 'utf8');
  const given = Buffer.from(sig, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return invalid;
  const expiresAtMs = parseInt(expiry, 36) * 1000;
  if (!Number.isSafeInteger(expiresAtMs) || now.getTime() >= expiresAtMs) {
    return err('PHONE_INVALID', PHONE_PROOF_MESSAGES.expired(PHONE_PROOF_MINUTES));
  }
  try {
    const field = JSON.parse(Buffer.from(sealed, 'base64url').toString('utf8')) as EncryptedField;
    return ok(decryptField(field, ring, PURPOSE));
  } catch {
    // Signed by us but unreadable: a key removed from the ring since. The person can verify again.
    return invalid;
  }
}
