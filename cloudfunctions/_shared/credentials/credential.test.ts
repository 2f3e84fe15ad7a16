// The certificate's credential, DID document and status list, pure: the credential is an OB 3.0 OpenBadgeCredential
// whose proof verifies with the DID document's key, is rebuilt byte for byte, never carries the volunteer's name or
// number in clear, and keeps verifying after a key rotation; the status list has the revoked bits set and no other.
import { createPublicKey } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { CertificateSnapshot } from '../../../typings/certificate';
import type { CertificateDoc } from '../documents/certificate';
import { formatCertificateNo } from '../rules/certificate-number';
import { credentialOf, identityHashOf, OB_CONTEXT, VC_CONTEXT } from './credential';
import { decodeBase58btc, verifyProof } from './data-integrity';
import { didDocumentOf, didWebOf, verifyBaseUrlOf } from './did';
import { generateSigningKeyEnv, signSnapshot, signingKeyRingFromEnv } from './signing';
import { encodeStatusList, MIN_STATUS_LIST_BITS, STATUS_LIST_BITS, statusBitOf, statusListCredentialOf } from './status-list';

const keys = generateSigningKeyEnv();
const env = { ...keys, ZY_VERIFY_BASE_URL: 'https://verify.zhiyuan.example', ZY_HASH_KEY: Buffer.alloc(32, 7).toString('base64') };
const ring = signingKeyRingFromEnv(env);
const number = formatCertificateNo({ regionCode: '350102', year: 2026, sequence: 42 });

const snapshot: CertificateSnapshot = {
  number,
  issueDate: '2026-11-30',
  issuedAt: '2026-11-30T02:00:00.000Z',
  volunteer: { name: '林晓梅', credentialType: 'CN_ID', credentialNoMasked: '3****************X', volunteerNo: 'ZY3501022600000017' },
  period: { from: '2026-09-01', to: '2026-10-02' },
  records: [
    { recordId: 'r1', date: '2026-09-01', project: '社区陪伴', content: '陪伴老人', kind: 'service', minutes: 90 },
    { recordId: 'r2', date: '2026-10-02', project: '社区陪伴', content: '整理图书', kind: 'service', minutes: 60 },
  ],
  totalMinutes: 150,
  issuer: { orgId: 'org_a', name: '鼓楼区阳光志愿服务中心', personInCharge: '王建国', handler: '陈静', contact: '陈静 0591-87654321', seal: { kind: 'text', text: '鼓楼区阳光志愿服务中心' } },
};
const doc: CertificateDoc = {
  _id: 'ct_1', status: 'issued', keyId: 'ck_1', volunteerId: 'v_1', issuerOrgId: 'org_a', recordsOrgId: 'org_a', scope: { kind: 'all' },
  requestedAt: new Date(snapshot.issuedAt), updatedAt: new Date(snapshot.issuedAt), number, issuedAt: new Date(snapshot.issuedAt),
  snapshot, signature: signSnapshot(ring, snapshot), statusList: { listId: '350102-2026', index: 42 },
};

function publicKeyFromDid(methodId: string) {
  const method = didDocumentOf(ring, env.ZY_VERIFY_BASE_URL).verificationMethod.find((m) => m.id === methodId)!;
  const bytes = decodeBase58btc(method.publicKeyMultibase)!;
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(bytes.slice(2)).toString('base64url') }, format: 'jwk' });
}

test('an OpenBadgeCredential of the snapshot, its proof made by the DID document’s key', () => {
  const vc = credentialOf(doc, env);
  expect(vc['@context']).toEqual([VC_CONTEXT, OB_CONTEXT]);
  expect(vc.type).toEqual(['VerifiableCredential', 'OpenBadgeCredential']);
  expect(vc.issuer).toEqual({ id: 'did:web:verify.zhiyuan.example/organizations/org_a', type: ['Profile'], name: '鼓楼区阳光志愿服务中心' });
  expect(vc.validFrom).toBe(snapshot.issuedAt);
  expect(vc.credentialSubject.achievement).toMatchObject({ type: ['Achievement'], achievementType: 'CommunityService', name: '志愿服务' });
  expect(vc.credentialSubject.result).toEqual([{ type: ['Result'], resultDescription: vc.credentialSubject.achievement.resultDescription[0]!.id, value: '2.5' }]);
  expect(vc.evidence.map((e) => e.narrative)).toEqual(['1.5 小时', '1.0 小时']);
  expect(vc.credentialStatus).toEqual({
    id: 'https://verify.zhiyuan.example/status/350102-2026#42', type: 'BitstringStatusListEntry', statusPurpose: 'revocation',
    statusListIndex: '42', statusListCredential: 'https://verify.zhiyuan.example/status/350102-2026',
  });
  expect(vc.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022', verificationMethod: `did:web:verify.zhiyuan.example#${keys.ZY_SIGNING_KEY_ID}`, proofPurpose: 'assertionMethod' });
  expect(verifyProof(vc, publicKeyFromDid(vc.proof.verificationMethod)).ok).toBe(true);
});

test('rebuilt from the register entry it is byte-identical; changing any content breaks the proof', () => {
  const vc = credentialOf(doc, env);
  expect(canonicalize(credentialOf(structuredClone(doc), env))).toBe(canonicalize(vc));
  const key = publicKeyFromDid(vc.proof.verificationMethod);
  const tampered = structuredClone(vc);
  tampered.credentialSubject.result[0]!.value = '25.0';
  expect(verifyProof(tampered, key).ok).toBe(false);
  const otherIndex = structuredClone(vc);
  otherIndex.credentialStatus.statusListIndex = '43';
  expect(verifyProof(otherIndex, key).ok).toBe(false);
});

test('the volunteer is named only by a salted hash of the volunteer number; no name, no ID number', () => {
  const vc = credentialOf(doc, env);
  const text = JSON.stringify(vc);
  expect(text).not.toContain('林晓梅');
  expect(text).not.toContain(snapshot.volunteer.volunteerNo);
  const [identity] = vc.credentialSubject.identifier;
  expect(identity).toMatchObject({ type: 'IdentityObject', identityType: 'identifier', hashed: true });
  expect(identity!.identityHash).toBe(identityHashOf(snapshot.volunteer.volunteerNo, identity!.salt));
  expect(identity!.identityHash).toMatch(/^sha256\$[0-9a-f]{64}$/);
  expect(text).not.toMatch(/费|价格|支付|元/);
});

test('after a key rotation the credential is still signed by the key that signed its snapshot', () => {
  const next = generateSigningKeyEnv();
  const rotated = { ...env, ZY_SIGNING_KEYS: `${keys.ZY_SIGNING_KEYS},${next.ZY_SIGNING_KEYS}`, ZY_SIGNING_KEY_ID: next.ZY_SIGNING_KEY_ID };
  expect(canonicalize(credentialOf(doc, rotated))).toBe(canonicalize(credentialOf(doc, env)));
  expect(didDocumentOf(signingKeyRingFromEnv(rotated), env.ZY_VERIFY_BASE_URL).assertionMethod).toHaveLength(2);
});

test('the DID: did:web of the origin, Multikey z6Mk… for every key; https only, http only on loopback', () => {
  expect(didWebOf('https://verify.zhiyuan.example')).toBe('did:web:verify.zhiyuan.example');
  expect(didWebOf('http://127.0.0.1:41234')).toBe('did:web:127.0.0.1%3A41234');
  const document = didDocumentOf(ring, env.ZY_VERIFY_BASE_URL);
  expect(document.verificationMethod[0]).toMatchObject({ type: 'Multikey', controller: document.id, publicKeyMultibase: expect.stringMatching(/^z6Mk/) });
  expect(() => verifyBaseUrlOf({ ZY_VERIFY_BASE_URL: 'http://verify.zhiyuan.example' })).toThrow(/https/);
  expect(() => verifyBaseUrlOf({ ZY_VERIFY_BASE_URL: 'https://zhiyuan.example/verify' })).toThrow(/origin/);
  expect(verifyBaseUrlOf({ ZY_VERIFY_BASE_URL: 'http://localhost:41000/' })).toBe('http://localhost:41000');
});

test('a status list of at least 131,072 bits, GZIP and base64url, with exactly the revoked bits set', () => {
  expect(STATUS_LIST_BITS).toBeGreaterThanOrEqual(MIN_STATUS_LIST_BITS);
  expect(STATUS_LIST_BITS % MIN_STATUS_LIST_BITS).toBe(0);
  const encoded = encodeStatusList([0, 42, 9_999_999]);
  expect(encoded).toMatch(/^u[A-Za-z0-9_-]+$/);
  expect([0, 42, 9_999_999].map((i) => statusBitOf(encoded, i))).toEqual([1, 1, 1]);
  expect([1, 41, 43, 9_999_998].map((i) => statusBitOf(encoded, i))).toEqual([0, 0, 0, 0]);
  expect(() => encodeStatusList([STATUS_LIST_BITS])).toThrow(RangeError);
  const list = statusListCredentialOf('350102-2026', [{ index: 42, revokedAt: new Date('2026-12-01T03:00:00Z') }], env);
  expect(list.validFrom).toBe('2026-12-01T03:00:00.000Z');
  expect(statusBitOf(list.credentialSubject.encodedList, 42)).toBe(1);
  expect(verifyProof(list, publicKeyFromDid(list.proof.verificationMethod)).ok).toBe(true);
  expect(statusListCredentialOf('350102-2026', [], env).validFrom).toBe('2025-12-31T16:00:00.000Z');
});
