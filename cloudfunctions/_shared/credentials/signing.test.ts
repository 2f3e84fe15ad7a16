import { generateSigningKeyEnv, jcsBytes, signSnapshot, signingKeyFromSeed, signingKeyRingFromEnv, verifySnapshot } from './signing';

describe('deployment signing keys', () => {
  const ring = signingKeyRingFromEnv(generateSigningKeyEnv());

  it('derives the RFC 8032 public key from a seed (test vector 1)', () => {
    const seed = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
    const key = signingKeyFromSeed('t', seed);
    expect(Buffer.from(key.publicKeyBytes).toString('hex')).toBe('d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a');
    // RFC 8032 §7.1 TEST 1: the empty message.
    expect(require('node:crypto').sign(null, Buffer.alloc(0), key.privateKey).toString('hex')).toBe(
      'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    );
  });

  it('canonicalizes as RFC 8785 (key order, no spaces, numbers)', () => {
    expect(jcsBytes({ b: 1, a: [true, null, 1e21, '志'] }).toString('utf8')).toBe('{"a":[true,null,1e+21,"志"],"b":1}');
  });

  it('verifies its own signature whatever the key order, and nothing changed', () => {
    const value = { number: 'ZM1', records: [{ minutes: 90 }], name: '林晓梅' };
    const sig = signSnapshot(ring, value);
    expect(verifySnapshot(ring, { name: '林晓梅', records: [{ minutes: 90 }], number: 'ZM1' }, sig)).toBe(true);
    expect(verifySnapshot(ring, { ...value, records: [{ minutes: 91 }] }, sig)).toBe(false);
    expect(verifySnapshot(ring, value, { ...sig, keyId: 'other' })).toBe(false);
    expect(verifySnapshot(signingKeyRingFromEnv(generateSigningKeyEnv()), value, { ...sig })).toBe(false);
  });

  it('keeps old keys for verification after a rotation', () => {
    const old = generateSigningKeyEnv();
    const fresh = generateSigningKeyEnv();
    const before = signingKeyRingFromEnv(old);
    const sig = signSnapshot(before, { a: 1 });
    const after = signingKeyRingFromEnv({ ZY_SIGNING_KEYS: `${old.ZY_SIGNING_KEYS},${fresh.ZY_SIGNING_KEYS}`, ZY_SIGNING_KEY_ID: fresh.ZY_SIGNING_KEY_ID });
    expect(after.current.keyId).toBe(fresh.ZY_SIGNING_KEY_ID);
    expect(verifySnapshot(after, { a: 1 }, sig)).toBe(true);
  });

  it('refuses a missing or malformed environment', () => {
    expect(() => signingKeyRingFromEnv({})).toThrow(/ZY_SIGNING_KEYS/);
    expect(() => signingKeyRingFromEnv({ ZY_SIGNING_KEYS: 'a:AAAA', ZY_SIGNING_KEY_ID: 'a' })).toThrow(/32 bytes/);
    expect(() => signingKeyRingFromEnv({ ...generateSigningKeyEnv(), ZY_SIGNING_KEY_ID: 'nope' })).toThrow(/not in/);
  });
});
