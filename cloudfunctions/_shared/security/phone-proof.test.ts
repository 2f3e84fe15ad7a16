import fc from 'fast-check';
import { generateKeyEnv, keyRingFromEnv } from './crypto';
import { issuePhoneProof, PHONE_PROOF_MAX_CHARS, PHONE_PROOF_MINUTES, verifyPhoneProof } from './phone-proof';

const ring = keyRingFromEnv(generateKeyEnv());
const NOW = new Date('2026-12-01T08:00:00.500Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

test('a proof gives back the verified number to the same caller until it expires', () => {
  const { proof, expiresAt } = issuePhoneProof('13900001111', 'openid-a', NOW, ring);
  expect(expiresAt).toEqual(new Date('2026-12-01T08:30:00.000Z'));
  expect(proof.length).toBeLessThanOrEqual(PHONE_PROOF_MAX_CHARS);
  expect(proof).not.toContain('13900001111');
  expect(verifyPhoneProof(proof, 'openid-a', NOW, ring)).toEqual({ ok: true, value: '13900001111' });
  expect(verifyPhoneProof(` ${proof} `, 'openid-a', minutes(PHONE_PROOF_MINUTES - 1), ring)).toEqual({ ok: true, value: '13900001111' });
});

test('expired, another caller, another key ring, or garbage: PHONE_INVALID', () => {
  const { proof } = issuePhoneProof('13900001111', 'openid-a', NOW, ring);
  expect(verifyPhoneProof(proof, 'openid-a', minutes(PHONE_PROOF_MINUTES), ring)).toMatchObject({ ok: false, code: 'PHONE_INVALID', message: expect.stringMatching(/30分钟/) });
  expect(verifyPhoneProof(proof, 'openid-b', NOW, ring)).toMatchObject({ ok: false, code: 'PHONE_INVALID', message: expect.stringMatching(/无效/) });
  expect(verifyPhoneProof(proof, 'openid-a', NOW, keyRingFromEnv(generateKeyEnv()))).toMatchObject({ ok: false, code: 'PHONE_INVALID' });
  for (const bad of ['', 'ZYP1', '13900001111', 'fake:13900001111']) expect(verifyPhoneProof(bad, 'openid-a', NOW, ring).ok).toBe(false);
});

test('any change to any part of a proof is refused (a later expiry, another number)', () => {
  const { proof } = issuePhoneProof('13900001111', 'openid-a', NOW, ring);
  const other = issuePhoneProof('13700002222', 'openid-a', NOW, ring).proof;
  const [p, , sealed] = other.split('.');
  const [, expiry, , sig] = proof.split('.');
  expect(verifyPhoneProof([p, expiry, sealed, sig].join('.'), 'openid-a', NOW, ring).ok).toBe(false);
  expect(verifyPhoneProof([p, (parseInt(expiry, 36) + 3600).toString(36), proof.split('.')[2], sig].join('.'), 'openid-a', NOW, ring).ok).toBe(false);
  fc.assert(
    fc.property(fc.nat({ max: proof.length - 1 }), fc.constantFrom(...'abcXYZ019-_.'), (at, c) => {
      fc.pre(proof[at] !== c);
      const altered = proof.slice(0, at) + c + proof.slice(at + 1);
      expect(verifyPhoneProof(altered, 'openid-a', NOW, ring).ok).toBe(false);
    }),
  );
});
