import { randomBytes } from 'node:crypto';
import {
  decryptField,
  deriveKey,
  encryptField,
  generateKeyEnv,
  keyRingFromEnv,
  keyedHash,
  needsReencryption,
  type EncryptedField,
  type KeyRing,
} from './crypto';

const b64 = (n: number) => randomBytes(n).toString('base64');
const K1 = b64(32);
const K2 = b64(32);
const HASH = b64(32);

function ring(env: Record<string, string | undefined>): KeyRing {
  return keyRingFromEnv(env as NodeJS.ProcessEnv);
}

const AAD = 'volunteer.credential';

/** Flips one bit of a base64 value. */
function flip(value: string): string {
  const bytes = Buffer.from(value, 'base64');
  bytes[0] ^= 1;
  return bytes.toString('base64');
}

describe('keyRingFromEnv', () => {
  test('reads keys, the current id (default: the last listed) and the hash key', () => {
    const r = ring({ ZY_DATA_KEYS: `k1:${K1}, k2:${K2}`, ZY_HASH_KEY: HASH });
    expect(r.currentKeyId).toBe('k2');
    expect(Object.keys(r.keys)).toEqual(['k1', 'k2']);
    expect(r.keys.k1.equals(Buffer.from(K1, 'base64'))).toBe(true);
    expect(ring({ ZY_DATA_KEYS: `k1:${K1},k2:${K2}`, ZY_DATA_KEY_ID: 'k1', ZY_HASH_KEY: HASH }).currentKeyId).toBe('k1');
  });

  test.each([
    ['missing keys', { ZY_HASH_KEY: HASH }, /ZY_DATA_KEYS is not set/],
    ['no kid', { ZY_DATA_KEYS: K1, ZY_HASH_KEY: HASH }, /ZY_DATA_KEYS is malformed/],
    ['empty kid', { ZY_DATA_KEYS: `:${K1}`, ZY_HASH_KEY: HASH }, /ZY_DATA_KEYS is malformed/],
    ['short key', { ZY_DATA_KEYS: `k1:${b64(16)}`, ZY_HASH_KEY: HASH }, /has 16 bytes; AES-256 needs exactly 32/],
    ['long key', { ZY_DATA_KEYS: `k1:${b64(33)}`, ZY_HASH_KEY: HASH }, /has 33 bytes/],
    ['not base64', { ZY_DATA_KEYS: 'k1:not*base64!', ZY_HASH_KEY: HASH }, /not valid base64/],
    ['duplicate kid', { ZY_DATA_KEYS: `k1:${K1},k1:${K2}`, ZY_HASH_KEY: HASH }, /twice/],
    ['unknown current id', { ZY_DATA_KEYS: `k1:${K1}`, ZY_DATA_KEY_ID: 'k9', ZY_HASH_KEY: HASH }, /ZY_DATA_KEY_ID "k9"/],
    ['missing hash key', { ZY_DATA_KEYS: `k1:${K1}` }, /ZY_HASH_KEY is not set/],
    ['short hash key', { ZY_DATA_KEYS: `k1:${K1}`, ZY_HASH_KEY: b64(31) }, /ZY_HASH_KEY has 31 bytes/],
  ])('rejects %s with a clear error', (_what, env, message) => {
    expect(() => ring(env)).toThrow(message);
  });

  test('error messages never contain key material', () => {
    const secret = b64(16);
    try {
      ring({ ZY_DATA_KEYS: `k1:${secret}`, ZY_HASH_KEY: HASH });
      throw new Error('expected a failure');
    } catch (e) {
      expect((e as Error).message).not.toContain(secret);
    }
  });

  test('generateKeyEnv produces a usable key ring with fresh keys', () => {
    const env = generateKeyEnv();
    const r = keyRingFromEnv(env);
    expect(r.currentKeyId).toBe(env.ZY_DATA_KEY_ID);
    expect(decryptField(encryptField('x', r, AAD), r, AAD)).toBe('x');
    expect(generateKeyEnv().ZY_HASH_KEY).not.toBe(env.ZY_HASH_KEY);
  });
});

describe('encryptField / decryptField', () => {
  const r = ring({ ZY_DATA_KEYS: `k1:${K1}`, ZY_HASH_KEY: HASH });

  test('round trip, including non-ASCII and the empty string', () => {
    for (const plain of ['11010519491231002X', '张三 · 𠮷', '']) {
      const field = encryptField(plain, r, AAD);
      expect(field.kid).toBe('k1');
      expect(Buffer.from(field.iv, 'base64')).toHaveLength(12);
      expect(Buffer.from(field.tag, 'base64')).toHaveLength(16);
      expect(decryptField(field, r, AAD)).toBe(plain);
    }
  });

  test('the ciphertext does not contain the plain text, and a random IV makes each encryption different', () => {
    const a = encryptField('13812345678', r, 'volunteer.phone');
    const b = encryptField('13812345678', r, 'volunteer.phone');
    expect(a.ct).not.toBe(b.ct);
    expect(a.iv).not.toBe(b.iv);
    expect(JSON.stringify(a)).not.toContain('13812345678');
  });

  test.each([
    ['ciphertext', (f: EncryptedField) => ({ ...f, ct: flip(f.ct) })],
    ['tag', (f: EncryptedField) => ({ ...f, tag: flip(f.tag) })],
    ['iv', (f: EncryptedField) => ({ ...f, iv: flip(f.iv) })],
    ['truncated tag', (f: EncryptedField) => ({ ...f, tag: Buffer.from(f.tag, 'base64').subarray(0, 8).toString('base64') })],
    ['unknown key id', (f: EncryptedField) => ({ ...f, kid: 'nope' })],
  ])('tampering with the %s fails', (_what, tamper) => {
    const field = encryptField('11010519491231002X', r, AAD);
    expect(() => decryptField(tamper(field), r, AAD)).toThrow(/decryptField/);
  });

  test('a ciphertext moved to another field (other associated data) does not decrypt', () => {
    const field = encryptField('11010519491231002X', r, 'volunteer.credential');
    expect(() => decryptField(field, r, 'guardian.credential')).toThrow(/authentication failed/);
  });

  test('rotation: data under the old key still decrypts and is flagged for re-encryption', () => {
    const old = encryptField('13812345678', r, 'volunteer.phone');
    const rotated = ring({ ZY_DATA_KEYS: `k1:${K1},k2:${K2}`, ZY_HASH_KEY: HASH });
    expect(rotated.currentKeyId).toBe('k2');
    expect(decryptField(old, rotated, 'volunteer.phone')).toBe('13812345678');
    expect(needsReencryption(old, rotated)).toBe(true);
    const fresh = encryptField('13812345678', rotated, 'volunteer.phone');
    expect(fresh.kid).toBe('k2');
    expect(needsReencryption(fresh, rotated)).toBe(false);
    // a ring without the old key cannot read it
    expect(() => decryptField(old, ring({ ZY_DATA_KEYS: `k2:${K2}`, ZY_HASH_KEY: HASH }), 'volunteer.phone')).toThrow(/not in the key ring/);
  });
});

describe('keyedHash', () => {
  const r = ring({ ZY_DATA_KEYS: `k1:${K1}`, ZY_HASH_KEY: HASH });

  test('stable, hex, and separated by purpose and by key', () => {
    const h = keyedHash('credential', 'CN_ID:11010519491231002X', r);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(keyedHash('credential', 'CN_ID:11010519491231002X', r)).toBe(h);
    // same key ring read again (e.g. another instance) gives the same hash
    expect(keyedHash('credential', 'CN_ID:11010519491231002X', ring({ ZY_DATA_KEYS: `k9:${K2}`, ZY_HASH_KEY: HASH }))).toBe(h);
    expect(keyedHash('phone', 'CN_ID:11010519491231002X', r)).not.toBe(h);
    expect(keyedHash('credential', 'CN_ID:11010519491231002x', r)).not.toBe(h);
    expect(keyedHash('credential', 'CN_ID:11010519491231002X', ring({ ZY_DATA_KEYS: `k1:${K1}`, ZY_HASH_KEY: b64(32) }))).not.toBe(h);
  });

  test('purpose and value cannot be shifted into each other', () => {
    expect(() => keyedHash('a\nb', 'c', r)).toThrow();
    expect(() => keyedHash('', 'c', r)).toThrow();
    expect(keyedHash('ab', 'c', r)).not.toBe(keyedHash('a', 'bc', r));
  });

  test('deriveKey: 32 bytes, stable, label-separated, different from keyedHash', () => {
    expect(deriveKey(r, 'x')).toHaveLength(32);
    expect(deriveKey(r, 'x').equals(deriveKey(r, 'x'))).toBe(true);
    expect(deriveKey(r, 'x').equals(deriveKey(r, 'y'))).toBe(false);
  });
});
