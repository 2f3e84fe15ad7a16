// The static card proof: the verification code a saved card image carries (format: miniprogram/domain/card-proof.ts).
// Unlike the rotating check-in code (card-code.ts) it never expires: it stays valid while the account that holds the
// record is the one it was made for, and stops verifying when the account is deleted (the volunteer document is
// then `deleted` and its userId `deleted:<id>`) or the record moves to another account through a claim.
//
//   tag = Crockford base32 of the first 70 bits of HMAC-SHA256(key, 'card-proof\n' + volunteerId + '\n' + userId +
//         '\n' + volunteerNo), key derived from the hash key with its own purpose label
//
// A keyed hash rather than an Ed25519 signature: a signature is 64 bytes, and the whole proof must fit the
// mini-program code's 32-character scene. Only the server can tell a right tag from a wrong one; 70 bits cannot be
// guessed through a rate-limited action (RATE_LIMITS volunteer.verifyCard).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { CARD_PROOF_TAG_ALPHABET, CARD_PROOF_TAG_LENGTH, type CardProofParts } from '../../../miniprogram/domain/card-proof';
import { deriveKey, type KeyRing } from './crypto';

export interface CardProofHolder {
  _id: string;
  userId: string;
  volunteerNo: string;
}

export function cardProofKeyFrom(ring: KeyRing): Buffer {
  return deriveKey(ring, 'volunteer-card-proof.v1');
}

function tagOf(holder: CardProofHolder, key: Buffer): string {
  const digest = createHmac('sha256', key).update(`card-proof\n${holder._id}\n${holder.userId}\n${holder.volunteerNo}`, 'utf8').digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 9)) bits = (bits << 8n) | BigInt(byte);
  bits >>= 72n - 5n * BigInt(CARD_PROOF_TAG_LENGTH); // keep the first 70 bits
  let tag = '';
  for (let i = 0; i < CARD_PROOF_TAG_LENGTH; i++) {
    tag = CARD_PROOF_TAG_ALPHABET[Number(bits & 31n)] + tag;
    bits >>= 5n;
  }
  return tag;
}

/** The 32-character code of this volunteer's card. */
export function issueCardProof(holder: CardProofHolder, key: Buffer): string {
  return holder.volunteerNo + tagOf(holder, key);
}

/** Whether a well-formed proof was made for this document as it is now (constant time in the tag). */
export function cardProofMatches(parts: CardProofParts, holder: CardProofHolder, key: Buffer): boolean {
  if (parts.volunteerNo !== holder.volunteerNo) return false;
  const expected = Buffer.from(tagOf(holder, key), 'utf8');
  const given = Buffer.from(parts.tag, 'utf8');
  return expected.length === given.length && timingSafeEqual(expected, given);
}
