// eddsa-jcs-2022 against the W3C test vector (w3c/vc-di-eddsa TestVectors/eddsa-jcs-2022/signedJCS.json, signed with
// TestVectors/keyPair.json): signing the unsigned credential with the published key gives the published proofValue,
// and the published proof verifies; any change to the document or the proof fails.
import { createPublicKey } from 'node:crypto';
import { addProof, decodeBase58btc, verifyProof } from './data-integrity';
import { signingKeyFromSeed } from './signing';

const KEY_PAIR = {
  publicKeyMultibase: 'z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2',
  privateKeyMultibase: 'z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq',
};

const SIGNED = {
  '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
  id: 'urn:uuid:58172aac-d8ba-11ed-83dd-0b3aef56cc33',
  type: ['VerifiableCredential', 'AlumniCredential'],
  name: 'Alumni Credential',
  description: 'A minimum viable example of an Alumni Credential.',
  issuer: 'https://vc.example/issuers/5678',
  validFrom: '2023-01-01T00:00:00Z',
  credentialSubject: { id: 'did:example:abcdefgh', alumniOf: 'The School of Examples' },
  proof: {
    type: 'DataIntegrityProof',
    cryptosuite: 'eddsa-jcs-2022',
    created: '2023-02-24T23:36:38Z',
    verificationMethod: 'https://vc.example/issuers/5678#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2',
    proofPurpose: 'assertionMethod',
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://www.w3.org/ns/credentials/examples/v2'],
    proofValue: 'z63t83Y53KfzJ5ZosfKTnqfMcKB2dmTrfjSaQjeNNjAD5srBowQfmWqeRb8rRjmeEuCBEsddF9LsVogtuTsijJKh4',
  },
};

// Multikey: the multicodec varint ed25519-priv (0x8026) or ed25519-pub (0xed01) precedes the 32 key bytes.
const seed = decodeBase58btc(KEY_PAIR.privateKeyMultibase)!;
const publicBytes = decodeBase58btc(KEY_PAIR.publicKeyMultibase)!;
const key = signingKeyFromSeed('vector', seed.slice(2));

test('the key pair is the multikey pair the vector names', () => {
  expect([...seed.slice(0, 2)]).toEqual([0x80, 0x26]);
  expect([...publicBytes.slice(0, 2)]).toEqual([0xed, 0x01]);
  expect(Buffer.from(key.publicKeyBytes).equals(Buffer.from(publicBytes.slice(2)))).toBe(true);
});

test('signing the unsigned credential reproduces the published proof exactly', () => {
  const { proof, ...unsigned } = SIGNED;
  const signed = addProof(unsigned, { created: proof.created, verificationMethod: proof.verificationMethod }, key.privateKey);
  expect(signed).toEqual(SIGNED);
});

test('the published proof verifies, and every change to the content or the proof fails', () => {
  const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicBytes.slice(2)).toString('base64url') }, format: 'jwk' });
  expect(verifyProof(SIGNED, publicKey).ok).toBe(true);
  expect(verifyProof({ ...SIGNED, name: 'Alumni Credential!' }, publicKey)).toEqual({ ok: false, reason: 'bad_signature' });
  expect(verifyProof({ ...SIGNED, credentialSubject: { ...SIGNED.credentialSubject, alumniOf: 'Elsewhere' } }, publicKey).ok).toBe(false);
  expect(verifyProof({ ...SIGNED, proof: { ...SIGNED.proof, created: '2023-02-24T23:36:39Z' } }, publicKey).ok).toBe(false);
  expect(verifyProof({ ...SIGNED, proof: { ...SIGNED.proof, proofValue: SIGNED.proof.proofValue.slice(0, -1) } }, publicKey).ok).toBe(false);
  expect(verifyProof({ ...SIGNED, '@context': ['https://www.w3.org/ns/credentials/v2'] }, publicKey)).toEqual({ ok: false, reason: 'context_mismatch' });
  expect(verifyProof({ ...SIGNED, proof: { ...SIGNED.proof, cryptosuite: 'eddsa-rdfc-2022' } }, publicKey)).toEqual({ ok: false, reason: 'not_this_suite' });
  const { proof: _p, ...unsigned } = SIGNED;
  expect(verifyProof(unsigned, publicKey)).toEqual({ ok: false, reason: 'no_proof' });
});
