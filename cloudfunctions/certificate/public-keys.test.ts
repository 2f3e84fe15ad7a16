// certificate.publicKeys through the emulator: the JWKS of the keys in the function's environment — the key that
// signs now and, after a rotation, the old ones — and nothing private.
import { createPublicKey, verify } from 'node:crypto';
import type { Emulator } from '../../emulator/src/server';
import { caller, startTestEmulator } from '../../emulator/test/support';
import { generateSigningKeyEnv, signSnapshot, signingKeyRingFromEnv, jcsBytes } from '../_shared/credentials/signing';

const old = generateSigningKeyEnv();
const fresh = generateSigningKeyEnv();
const env = { ZY_SIGNING_KEYS: `${old.ZY_SIGNING_KEYS},${fresh.ZY_SIGNING_KEYS}`, ZY_SIGNING_KEY_ID: fresh.ZY_SIGNING_KEY_ID };

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator({ functionEnv: env });
});
afterAll(async () => emu.stop());

test('anyone gets every public key as a JWK, and an old signature verifies with the published old key', async () => {
  const res = await caller(emu, 'openid-anyone').call('certificate', 'publicKeys', {});
  if (!res.ok) throw new Error(res.error.message);
  expect(res.data.currentKeyId).toBe(fresh.ZY_SIGNING_KEY_ID);
  expect(res.data.keys.map((k) => k.keyId).sort()).toEqual([old.ZY_SIGNING_KEY_ID, fresh.ZY_SIGNING_KEY_ID].sort());
  expect(JSON.stringify(res.data)).not.toMatch(/"d"/);

  const value = { number: 'ZM35010220260000001X', totalMinutes: 90 };
  const sig = signSnapshot(signingKeyRingFromEnv(old), value);
  const published = res.data.keys.find((k) => k.keyId === sig.keyId)!;
  const key = createPublicKey({ key: published.jwk, format: 'jwk' });
  expect(verify(null, jcsBytes(value), key, Buffer.from(sig.value, 'base64url'))).toBe(true);
  expect(verify(null, jcsBytes({ ...value, totalMinutes: 91 }), key, Buffer.from(sig.value, 'base64url'))).toBe(false);
});
