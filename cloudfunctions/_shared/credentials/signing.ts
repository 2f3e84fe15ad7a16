// The deployment's Ed25519 signing keys (certificates, RULES §5): the archived snapshot of every certificate is signed
// over its JCS form (RFC 8785, the `canonicalize` package), and the Verifiable Credential's Data Integrity proof
// (eddsa-jcs-2022, credential.ts) uses the same keys. Keys come from the function's environment like the data keys:
//   ZY_SIGNING_KEYS    comma-separated `<keyId>:<base64 32-byte Ed25519 seed>`; old keys stay so old signatures verify
//   ZY_SIGNING_KEY_ID  the key that signs now
// Only public keys ever leave the function (publicKeysOf): the DID document / JWKS anyone verifies with.
import canonicalize from 'canonicalize';
import { createPrivateKey, createPublicKey, randomBytes, sign, verify, type KeyObject } from 'node:crypto';

export interface SigningKey {
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** The raw 32-byte public key. */
  publicKeyBytes: Uint8Array;
}

export interface SigningKeyRing {
  current: SigningKey;
  byId: ReadonlyMap<string, SigningKey>;
}

/** A signature over canonicalize(value) by the key `keyId`. */
export interface SnapshotSignature {
  alg: 'Ed25519';
  keyId: string;
  /** base64url, 64 bytes. */
  value: string;
}

// RFC 8410 PKCS#8 prefix of an Ed25519 private key: the 32-byte seed follows.
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function signingKeyFromSeed(keyId: string, seed: Uint8Array): SigningKey {
  if (seed.length !== 32) throw new Error(`signing key ${keyId}: the seed must be 32 bytes`);
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(seed)]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  const jwk = publicKey.export({ format: 'jwk' });
  return { keyId, privateKey, publicKey, publicKeyBytes: new Uint8Array(Buffer.from(String(jwk.x), 'base64url')) };
}

export function signingKeyRingFromEnv(env: NodeJS.ProcessEnv | Record<string, string | undefined>): SigningKeyRing {
  const spec = (env.ZY_SIGNING_KEYS ?? '').trim();
  const currentId = (env.ZY_SIGNING_KEY_ID ?? '').trim();
  if (!spec || !currentId) throw new Error('certificates need ZY_SIGNING_KEYS and ZY_SIGNING_KEY_ID');
  const byId = new Map<string, SigningKey>();
  for (const part of spec.split(',')) {
    const at = part.indexOf(':');
    if (at <= 0) throw new Error('ZY_SIGNING_KEYS: each key is <keyId>:<base64 seed>');
    const keyId = part.slice(0, at).trim();
    byId.set(keyId, signingKeyFromSeed(keyId, Buffer.from(part.slice(at + 1).trim(), 'base64')));
  }
  const current = byId.get(currentId);
  if (!current) throw new Error(`ZY_SIGNING_KEY_ID ${currentId} is not in ZY_SIGNING_KEYS`);
  return { current, byId };
}

/** A fresh key pair in the environment's form (the emulator's first run, tests). */
export function generateSigningKeyEnv(): { ZY_SIGNING_KEYS: string; ZY_SIGNING_KEY_ID: string } {
  const keyId = `sig-${randomBytes(3).toString('hex')}`;
  return { ZY_SIGNING_KEYS: `${keyId}:${randomBytes(32).toString('base64')}`, ZY_SIGNING_KEY_ID: keyId };
}

/** RFC 8785 JSON Canonicalization Scheme, as UTF-8 bytes. Throws on what JSON cannot carry (undefined, NaN). */
export function jcsBytes(value: unknown): Buffer {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('jcsBytes: value has no JSON form');
  return Buffer.from(text, 'utf8');
}

export function signBytes(key: SigningKey, bytes: Uint8Array): Buffer {
  return sign(null, bytes, key.privateKey);
}

export function verifyBytes(publicKey: KeyObject, bytes: Uint8Array, signature: Uint8Array): boolean {
  return signature.length === 64 && verify(null, bytes, publicKey, signature);
}

export function signSnapshot(ring: SigningKeyRing, value: unknown): SnapshotSignature {
  return { alg: 'Ed25519', keyId: ring.current.keyId, value: signBytes(ring.current, jcsBytes(value)).toString('base64url') };
}

/** False for an unknown key, a wrong signature or any change to the value. */
export function verifySnapshot(ring: SigningKeyRing, value: unknown, signature: SnapshotSignature): boolean {
  const key = ring.byId.get(signature.keyId);
  if (!key || signature.alg !== 'Ed25519') return false;
  return verifyBytes(key.publicKey, jcsBytes(value), Buffer.from(signature.value, 'base64url'));
}

/** The public half of every key in the ring (what a DID document or JWKS publishes). */
export function publicKeysOf(ring: SigningKeyRing): Array<{ keyId: string; publicKeyBytes: Uint8Array }> {
  return [...ring.byId.values()].map((k) => ({ keyId: k.keyId, publicKeyBytes: k.publicKeyBytes }));
}
