// Verifying a certificate: by number (typed, or the plain-URL QR), by the mini-program code's scene (the number), or
// by the Verifiable Credential itself. The answer comes from the register entry and its archived snapshot only:
//   valid / revoked (reason, date)  the entry exists, its snapshot still matches its signature;
//   unknown                         a well-formed number the register does not hold;
//   not valid                       a wrong check character, a credential whose proof fails or whose content is not
//                                   exactly what the register issues, or a snapshot whose signature fails.
// A credential is checked by its proof and then rebuilt from the register entry it points at (its status list entry
// names the number) and compared whole: a copy altered and re-signed by anyone else, or an old version, is not valid.
import canonicalize from 'canonicalize';
import type { VerifiedCertificateView, VerifyRequest, VerifyResponse } from '../../typings/certificate-vc';
import { credentialOf, isIssuedEntry, statusListUrlOf, type IssuedCertificate } from '../_shared/credentials/credential';
import { proofOf, verifyProof } from '../_shared/credentials/data-integrity';
import { didWebOf, verificationMethodOf, verifyBaseUrlOf } from '../_shared/credentials/did';
import { signingKeyRingFromEnv, verifySnapshot } from '../_shared/credentials/signing';
import { STATUS_LIST_ID_PATTERN } from '../_shared/credentials/status-list';
import type { CertificateDoc } from '../_shared/documents/certificate';
import { formatCertificateNo, MAX_CERTIFICATE_SEQUENCE, validateCertificateNo } from '../_shared/rules/certificate-number';
import { maskName } from '../_shared/rules/mask';

type Env = NodeJS.ProcessEnv | Record<string, string | undefined>;

export interface VerifyDeps {
  env: Env;
  /** The register entry of a number, or null. */
  findByNumber(number: string): Promise<CertificateDoc | null>;
}

export type VerifyOutcome = { ok: true; answer: VerifyResponse } | { ok: false; code: 'CERTIFICATE_NO_FORMAT'; message: string };

/** The snapshot as anyone may see it: name masked, no seal file, no organization id. */
export function verifiedViewOf(doc: IssuedCertificate): VerifiedCertificateView {
  const { snapshot } = doc;
  const { seal: _seal, orgId: _orgId, ...issuer } = snapshot.issuer;
  return {
    number: snapshot.number,
    issueDate: snapshot.issueDate,
    volunteer: {
      nameMasked: maskName(snapshot.volunteer.name),
      credentialType: snapshot.volunteer.credentialType,
      credentialNoMasked: snapshot.volunteer.credentialNoMasked,
      volunteerNo: snapshot.volunteer.volunteerNo,
    },
    period: { ...snapshot.period },
    records: snapshot.records.map((r) => ({ ...r })),
    totalMinutes: snapshot.totalMinutes,
    issuer,
  };
}

/** The answer for a register entry found by `number`. */
export function answerOf(number: string, doc: CertificateDoc | null, env: Env): VerifyResponse {
  if (!doc || !isIssuedEntry(doc) || doc.number !== number) return { status: 'unknown', number };
  const ring = signingKeyRingFromEnv(env);
  if (doc.snapshot.number !== doc.number || !verifySnapshot(ring, doc.snapshot, doc.signature)) return { status: 'not_valid', reason: 'snapshot_signature', number };
  const certificate = verifiedViewOf(doc);
  if (doc.status === 'revoked') {
    return { status: 'revoked', number, certificate, revoked: { reason: doc.revoked?.reason ?? '', at: new Date(doc.revoked?.at ?? doc.updatedAt).toISOString() } };
  }
  return { status: 'valid', number, certificate };
}

async function byNumber(input: string, deps: VerifyDeps): Promise<VerifyOutcome> {
  const check = validateCertificateNo(input);
  if (!check.ok) {
    if (check.code === 'CERTIFICATE_NO_CHECKSUM') return { ok: true, answer: { status: 'not_valid', reason: 'number_checksum' } };
    return { ok: false, code: check.code, message: check.message };
  }
  const number = check.value.number;
  return { ok: true, answer: answerOf(number, await deps.findByNumber(number), deps.env) };
}

/** A scene arrives as WeChat passes it to the page: possibly URL-encoded. */
function sceneNumber(scene: string): string {
  try {
    return decodeURIComponent(scene);
  } catch {
    return scene;
  }
}

function parsedCredential(credential: string | Record<string, unknown>): Record<string, unknown> | null {
  if (typeof credential !== 'string') return credential;
  try {
    const value: unknown = JSON.parse(credential);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The number a credential's status entry points at (list `<region>-<year>`, index = sequence), or null. */
function numberOfStatusEntry(credential: Record<string, unknown>, baseUrl: string): string | null {
  const entry = credential.credentialStatus as Record<string, unknown> | undefined;
  if (typeof entry !== 'object' || entry === null) return null;
  const url = entry.statusListCredential;
  const index = entry.statusListIndex;
  if (typeof url !== 'string' || typeof index !== 'string' || !/^[1-9]\d{0,6}$/.test(index)) return null;
  const listId = url.slice(url.lastIndexOf('/') + 1);
  if (!STATUS_LIST_ID_PATTERN.test(listId) || url !== statusListUrlOf(baseUrl, listId)) return null;
  const sequence = Number(index);
  if (sequence > MAX_CERTIFICATE_SEQUENCE) return null;
  try {
    return formatCertificateNo({ regionCode: listId.slice(0, 6), year: Number(listId.slice(7)), sequence });
  } catch {
    return null;
  }
}

async function byCredential(input: string | Record<string, unknown>, deps: VerifyDeps): Promise<VerifyOutcome> {
  const notValid = (reason: 'credential_form' | 'credential_proof' | 'credential_mismatch', number?: string): VerifyOutcome => ({
    ok: true,
    answer: { status: 'not_valid', reason, ...(number ? { number } : {}) },
  });
  const credential = parsedCredential(input);
  if (!credential) return notValid('credential_form');
  const baseUrl = verifyBaseUrlOf(deps.env);
  const did = didWebOf(baseUrl);
  const proof = proofOf(credential);
  if (!proof.ok) return notValid(proof.reason === 'no_proof' ? 'credential_form' : 'credential_proof');
  const ring = signingKeyRingFromEnv(deps.env);
  const key = [...ring.byId.values()].find((k) => verificationMethodOf(did, k.keyId) === proof.proof.verificationMethod);
  if (!key || !verifyProof(credential, key.publicKey).ok) return notValid('credential_proof');
  const number = numberOfStatusEntry(credential, baseUrl);
  if (!number) return notValid('credential_form');
  const doc = await deps.findByNumber(number);
  if (!doc || !isIssuedEntry(doc)) return { ok: true, answer: { status: 'unknown', number } };
  if (canonicalize(credentialOf(doc, deps.env)) !== canonicalize(credential)) return notValid('credential_mismatch', number);
  return { ok: true, answer: answerOf(number, doc, deps.env) };
}

export function verifyCertificate(request: VerifyRequest, deps: VerifyDeps): Promise<VerifyOutcome> {
  if ('number' in request) return byNumber(request.number, deps);
  if ('scene' in request) return byNumber(sceneNumber(request.scene), deps);
  return byCredential(request.credential, deps);
}
