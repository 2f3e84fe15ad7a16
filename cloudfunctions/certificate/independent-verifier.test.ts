// An independent verifier, written only from the specifications and the published DID document — nothing of our
// signing or credential code is imported on the verifying side: did:web Method Specification (§3.2 resolve), Controlled
// Identifiers / Multikey (publicKeyMultibase: base58btc of 0xed01 ‖ key), Data Integrity EdDSA Cryptosuites
// (eddsa-jcs-2022 §3.3: proof config and document each JCS-canonicalized and SHA-256-hashed, concatenated, Ed25519),
// Bitstring Status List v1.0 (§3.2: GZIP, multibase base64url, index 0 the left-most bit). It fetches the DID document
// and the status list over the emulator's HTTP access. The credential under test is the file a volunteer downloads.
import bs58 from 'bs58';
import canonicalize from 'canonicalize';
import { createHash, createPublicKey, verify as ed25519Verify } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { Emulator } from '../../emulator/src/server';
import { startTestEmulator } from '../../emulator/test/support';
import { credentialOf } from '../_shared/credentials/credential';
import type { CertificateDoc } from '../_shared/documents/certificate';
import { issueCertificate, revokeCertificate } from './vc-test-support';

type Json = Record<string, any>;

// ── the verifier ──
/** did:web → the DID document's URL (§3.2). The emulator serves plain http on loopback; production is https. */
function didWebUrl(did: string): string {
  const [, , ...parts] = did.split(':');
  const host = decodeURIComponent(parts[0]!);
  const path = parts.length > 1 ? `/${parts.slice(1).map(decodeURIComponent).join('/')}/did.json` : '/.well-known/did.json';
  const scheme = /^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host) ? 'http' : 'https';
  return `${scheme}://${host}${path}`;
}

async function fetchJson(url: string): Promise<Json> {
  const res = await fetch(url);
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return (await res.json()) as Json;
}

async function assertionKeyOf(verificationMethod: string) {
  const did = verificationMethod.split('#')[0]!;
  const document = await fetchJson(didWebUrl(did));
  if (document.id !== did) return null;
  const method = (document.verificationMethod as Json[]).find((m) => m.id === verificationMethod);
  if (!method || method.type !== 'Multikey' || method.controller !== did || !(document.assertionMethod as string[]).includes(verificationMethod)) return null;
  const bytes = bs58.decode(String(method.publicKeyMultibase).slice(1));
  if (method.publicKeyMultibase[0] !== 'z' || bytes[0] !== 0xed || bytes[1] !== 0x01 || bytes.length !== 34) return null;
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(bytes.slice(2)).toString('base64url') }, format: 'jwk' });
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest();

async function proofHolds(secured: Json): Promise<boolean> {
  const { proof, ...document } = secured;
  if (!proof || proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== 'eddsa-jcs-2022' || proof.proofPurpose !== 'assertionMethod') return false;
  const { proofValue, ...proofConfig } = proof;
  if (proofConfig['@context'] && JSON.stringify(proofConfig['@context']) !== JSON.stringify((document['@context'] as unknown[]).slice(0, proofConfig['@context'].length))) return false;
  const key = await assertionKeyOf(proof.verificationMethod);
  if (!key || typeof proofValue !== 'string' || proofValue[0] !== 'z') return false;
  const hashData = Buffer.concat([sha256(canonicalize(proofConfig)!), sha256(canonicalize(document)!)]);
  return ed25519Verify(null, hashData, key, bs58.decode(proofValue.slice(1)));
}

/** 'valid' | 'revoked' | 'proof fails' | 'status unavailable', from the credential alone and what it points at. */
async function verifyCredential(credential: Json): Promise<string> {
  if (!(await proofHolds(credential))) return 'proof fails';
  const entry = credential.credentialStatus;
  if (entry?.type !== 'BitstringStatusListEntry') return 'status unavailable';
  const list = await fetchJson(entry.statusListCredential);
  if (!(await proofHolds(list)) || list.issuer !== credential.proof.verificationMethod.split('#')[0]) return 'status unavailable';
  if (list.credentialSubject.type !== 'BitstringStatusList' || list.credentialSubject.statusPurpose !== entry.statusPurpose) return 'status unavailable';
  const bits = gunzipSync(Buffer.from(String(list.credentialSubject.encodedList).slice(1), 'base64url'));
  const index = Number(entry.statusListIndex);
  if (String(list.credentialSubject.encodedList)[0] !== 'u' || bits.length * 8 < 131_072 || index >= bits.length * 8) return 'status unavailable';
  return (bits[index >> 3]! >> (7 - (index % 8))) & 1 ? 'revoked' : 'valid';
}

// ── the tests ──
let emu: Emulator;
let issued: CertificateDoc;
beforeAll(async () => {
  emu = await startTestEmulator();
  issued = await issueCertificate(emu);
});
afterAll(async () => emu.stop());

const downloaded = (doc: CertificateDoc): Json => JSON.parse(JSON.stringify(credentialOf(doc, emu.functionEnv)));

test('the downloaded credential verifies against the published DID document, and its status bit is clear', async () => {
  const credential = downloaded(issued);
  expect(credential.issuer.id.startsWith(credential.proof.verificationMethod.split('#')[0])).toBe(true);
  expect(await verifyCredential(credential)).toBe('valid');
});

test.each([
  ['name', (c: Json) => (c.name = '志愿服务记录证明（副本）')],
  ['issuer name', (c: Json) => (c.issuer.name = '另一个组织')],
  ['validFrom', (c: Json) => (c.validFrom = '2020-01-01T00:00:00.000Z')],
  ['the hours', (c: Json) => (c.credentialSubject.result[0].value = '400.0')],
  ['the volunteer’s identity hash', (c: Json) => (c.credentialSubject.identifier[0].identityHash = `sha256$${'0'.repeat(64)}`)],
  ['a record', (c: Json) => (c.evidence[0].narrative = '9.5 小时')],
  ['the status index', (c: Json) => (c.credentialStatus.statusListIndex = String(Number(c.credentialStatus.statusListIndex) + 1))],
  ['the proof’s date', (c: Json) => (c.proof.created = '2020-01-01T00:00:00.000Z')],
  ['an added field', (c: Json) => (c.credentialSubject.extra = true)],
])('changing %s breaks the proof', async (_what, change) => {
  const credential = downloaded(issued);
  change(credential);
  expect(await verifyCredential(credential)).toBe('proof fails');
});

test('right after a revocation the status list has the certificate’s bit set, and only the list changed', async () => {
  const other = await issueCertificate(emu);
  const before = downloaded(other);
  await revokeCertificate(emu, other._id, '记录更正后重新出具', new Date());
  expect(await verifyCredential(before)).toBe('revoked');
  expect(await verifyCredential(downloaded(issued))).toBe('valid');
  expect(canonicalize(downloaded({ ...other, status: 'revoked' }))).toBe(canonicalize(before));
});
