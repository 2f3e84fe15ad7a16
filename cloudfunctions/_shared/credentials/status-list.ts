// Revocation as a W3C Bitstring Status List (Bitstring Status List v1.0): one BitstringStatusListCredential per
// register list (`<region>-<year>`), whose bit at a certificate's index (the number's sequence) is 1 once it is
// revoked. Whoever checks a certificate fetches the whole list, so the check reveals nobody (§6.3 herd privacy).
// - Length: the whole sequence space of a list (MAX_CERTIFICATE_SEQUENCE), rounded up to a multiple of the spec's
//   minimum 131,072 bits (16 KB), so every list has the same size and its length says nothing about how many were issued.
// - encodedList: multibase base64url ('u', no padding) of the GZIP-compressed bitstring (§3.1); index 0 is the
//   left-most bit of the first byte (§3.2 "the first index ... is located at the left-most bit").
// - Signed like the certificates' credentials (eddsa-jcs-2022 by the current key); validFrom is the latest
//   revocation it shows (or the list's year start), so the same revocations give the same bytes.
import { gunzipSync, gzipSync } from 'node:zlib';
import { MAX_CERTIFICATE_SEQUENCE } from '../rules/certificate-number';
import { addProof, type DataIntegrityProof } from './data-integrity';
import { didWebOf, verificationMethodOf, verifyBaseUrlOf } from './did';
import { statusListUrlOf, VC_CONTEXT } from './credential';
import { signingKeyRingFromEnv } from './signing';

export const MIN_STATUS_LIST_BITS = 131_072;
export const STATUS_LIST_BITS = Math.ceil((MAX_CERTIFICATE_SEQUENCE + 1) / MIN_STATUS_LIST_BITS) * MIN_STATUS_LIST_BITS;
export const STATUS_LIST_ID_PATTERN = /^\d{6}-\d{4}$/;

export interface BitstringStatusListCredential {
  '@context': [typeof VC_CONTEXT];
  id: string;
  type: ['VerifiableCredential', 'BitstringStatusListCredential'];
  issuer: string;
  validFrom: string;
  credentialSubject: { id: string; type: 'BitstringStatusList'; statusPurpose: 'revocation'; encodedList: string };
  proof: DataIntegrityProof;
}

export function encodeStatusList(setIndices: Iterable<number>, bits = STATUS_LIST_BITS): string {
  const bytes = Buffer.alloc(bits / 8);
  for (const index of setIndices) {
    if (!Number.isInteger(index) || index < 0 || index >= bits) throw new RangeError(`status list index ${index} outside 0–${bits - 1}`);
    bytes[index >> 3] |= 0x80 >> (index & 7);
  }
  return `u${gzipSync(bytes).toString('base64url')}`;
}

/** The bit at `index` of an encodedList, or null when the list cannot be decoded or is shorter than the spec allows. */
export function statusBitOf(encodedList: string, index: number): 0 | 1 | null {
  if (!encodedList.startsWith('u')) return null;
  let bytes: Buffer;
  try {
    bytes = gunzipSync(Buffer.from(encodedList.slice(1), 'base64url'));
  } catch {
    return null;
  }
  if (bytes.length * 8 < MIN_STATUS_LIST_BITS || index < 0 || index >= bytes.length * 8) return null;
  return (bytes[index >> 3]! & (0x80 >> (index & 7))) === 0 ? 0 : 1;
}

export interface RevokedEntry {
  index: number;
  revokedAt: Date;
}

/** The signed list `listId` showing `revoked` (any order). */
export function statusListCredentialOf(listId: string, revoked: readonly RevokedEntry[], env: NodeJS.ProcessEnv | Record<string, string | undefined>): BitstringStatusListCredential {
  if (!STATUS_LIST_ID_PATTERN.test(listId)) throw new Error(`statusListCredentialOf: bad list id ${listId}`);
  const baseUrl = verifyBaseUrlOf(env);
  const did = didWebOf(baseUrl);
  const ring = signingKeyRingFromEnv(env);
  const url = statusListUrlOf(baseUrl, listId);
  const yearStart = new Date(`${listId.slice(7)}-01-01T00:00:00+08:00`);
  const latest = revoked.reduce((at, r) => (r.revokedAt > at ? r.revokedAt : at), yearStart);
  const validFrom = latest.toISOString();
  const unsigned = {
    '@context': [VC_CONTEXT] as [typeof VC_CONTEXT],
    id: url,
    type: ['VerifiableCredential', 'BitstringStatusListCredential'] as ['VerifiableCredential', 'BitstringStatusListCredential'],
    issuer: did,
    validFrom,
    credentialSubject: { id: `${url}#list`, type: 'BitstringStatusList' as const, statusPurpose: 'revocation' as const, encodedList: encodeStatusList(revoked.map((r) => r.index)) },
  };
  return addProof(unsigned, { created: validFrom, verificationMethod: verificationMethodOf(did, ring.current.keyId) }, ring.current.privateKey);
}
