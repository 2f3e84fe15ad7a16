// Personal data encryption at rest (RULES §8; PIPL Art. 51): ID and phone numbers are stored only encrypted, and
// looked up through a keyed hash. Keys come from the environment, never from the database or the code.
//
//   ZY_DATA_KEYS    "kid1:base64,kid2:base64" — AES-256 keys (32 bytes each); old keys stay listed after rotation
//   ZY_DATA_KEY_ID  the kid new data is encrypted with (default: the last listed)
//   ZY_HASH_KEY     base64, at least 32 bytes — HMAC key for look-up hashes and derived keys; never rotated
//                   without re-hashing every stored hash
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

export interface KeyRing {
  currentKeyId: string;
  keys: Record<string, Buffer>;
  hashKey: Buffer;
}

/** What is stored in place of a personal field. All parts base64. */
export interface EncryptedField {
  kid: string;
  iv: string;
  ct: string;
  tag: string;
}

const DATA_KEY_BYTES = 32;
const MIN_HASH_KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64_PATTERN = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict base64: Node's decoder silently skips invalid characters, which would hide a mangled key. */
function decodeBase64(value: string, what: string): Buffer {
  const trimmed = value.trim();
  if (trimmed === '' || !BASE64_PATTERN.test(trimmed)) throw new Error(`${what} is not valid base64`);
  return Buffer.from(trimmed, 'base64');
}

/** Throws a configuration error naming the variable at fault; never includes key material in the message. */
export function keyRingFromEnv(env: NodeJS.ProcessEnv): KeyRing {
  const listed = env.ZY_DATA_KEYS?.trim();
  if (!listed) throw new Error('ZY_DATA_KEYS is not set: expected "kid:base64key[,kid:base64key…]" with 32-byte keys');
  const keys: Record<string, Buffer> = {};
  let lastKid = '';
  for (const entry of listed.split(',')) {
    const separator = entry.indexOf(':');
    const kid = separator < 0 ? '' : entry.slice(0, separator).trim();
    if (!KID_PATTERN.test(kid)) {
      throw new Error('ZY_DATA_KEYS is malformed: each entry must be "kid:base64key" with a kid of letters, digits, _ or -');
    }
    if (Object.prototype.hasOwnProperty.call(keys, kid)) throw new Error(`ZY_DATA_KEYS lists key id "${kid}" twice`);
    const key = decodeBase64(entry.slice(separator + 1), `ZY_DATA_KEYS key "${kid}"`);
    if (key.length !== DATA_KEY_BYTES) {
      throw new Error(`ZY_DATA_KEYS key "${kid}" has ${key.length} bytes; AES-256 needs exactly ${DATA_KEY_BYTES}`);
    }
    keys[kid] = key;
    lastKid = kid;
  }
  const currentKeyId = env.ZY_DATA_KEY_ID?.trim() || lastKid;
  if (!Object.prototype.hasOwnProperty.call(keys, currentKeyId)) {
    throw new Error(`ZY_DATA_KEY_ID "${currentKeyId}" is not one of the ids in ZY_DATA_KEYS`);
  }
  const hashKeyText = env.ZY_HASH_KEY?.trim();
  if (!hashKeyText) throw new Error(`ZY_HASH_KEY is not set: expected base64 of at least ${MIN_HASH_KEY_BYTES} bytes`);
  const hashKey = decodeBase64(hashKeyText, 'ZY_HASH_KEY');
  if (hashKey.length < MIN_HASH_KEY_BYTES) {
    throw new Error(`ZY_HASH_KEY has ${hashKey.length} bytes; at least ${MIN_HASH_KEY_BYTES} are needed`);
  }
  return { currentKeyId, keys, hashKey };
}

/**
 * AES-256-GCM with a random 12-byte IV under the current key. `associatedData` names the field's purpose
 * (e.g. 'volunteer.credential'): it is authenticated, so a ciphertext moved to another field does not decrypt.
 */
export function encryptField(plain: string, ring: KeyRing, associatedData: string): EncryptedField {
  const kid = ring.currentKeyId;
  const key = ring.keys[kid];
  if (!key) throw new Error(`encryptField: current key "${kid}" is not in the key ring`);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(associatedData, 'utf8'));
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return { kid, iv: iv.toString('base64'), ct: ct.toString('base64'), tag: cipher.getAuthTag().toString('base64') };
}

/**
 * Decrypts with the key the field names, so data written before a rotation still reads. Throws when the key is
 * unknown or authentication fails (tampered data, wrong field): that is an integrity failure, never a user error.
 */
export function decryptField(field: EncryptedField, ring: KeyRing, associatedData: string): string {
  const key = Object.prototype.hasOwnProperty.call(ring.keys, field.kid) ? ring.keys[field.kid] : undefined;
  if (!key) throw new Error(`decryptField: key "${field.kid}" is not in the key ring`);
  const iv = Buffer.from(field.iv, 'base64');
  const tag = Buffer.from(field.tag, 'base64');
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new Error('decryptField: malformed field');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(associatedData, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(Buffer.from(field.ct, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new Error('decryptField: authentication failed (tampered data, wrong key or wrong field)');
  }
}

/** True when the field was encrypted under a key other than the current one (re-encrypt it on the next write). */
export function needsReencryption(field: EncryptedField, ring: KeyRing): boolean {
  return field.kid !== ring.currentKeyId;
}

/**
 * HMAC-SHA256(hashKey, purpose + '\n' + value), hex: a stable look-up and uniqueness key for a personal value that
 * reveals nothing without the key. The purpose separates uses, so a credential hash never equals a phone hash.
 */
export function keyedHash(purpose: string, value: string, ring: KeyRing): string {
  if (purpose === '' || purpose.includes('\n')) throw new Error('keyedHash: purpose must be a non-empty single line');
  return createHmac('sha256', ring.hashKey).update(`${purpose}\n${value}`, 'utf8').digest('hex');
}

/** A key derived from the hash key for one purpose (HMAC-SHA256(hashKey, 'derive\n' + label)), 32 bytes. */
export function deriveKey(ring: KeyRing, label: string): Buffer {
  if (label === '' || label.includes('\n')) throw new Error('deriveKey: label must be a non-empty single line');
  return createHmac('sha256', ring.hashKey).update(`derive\n${label}`, 'utf8').digest();
}

/** Fresh keys in the ZY_* variables' format, e.g. for the emulator's first run. */
export function generateKeyEnv(): Record<string, string> {
  const kid = `k${randomBytes(4).toString('hex')}`;
  return {
    ZY_DATA_KEYS: `${kid}:${randomBytes(DATA_KEY_BYTES).toString('base64')}`,
    ZY_DATA_KEY_ID: kid,
    ZY_HASH_KEY: randomBytes(MIN_HASH_KEY_BYTES).toString('base64'),
  };
}
