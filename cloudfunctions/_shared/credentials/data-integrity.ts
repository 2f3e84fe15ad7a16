// W3C Data Integrity proofs with the `eddsa-jcs-2022` cryptosuite (Data Integrity EdDSA Cryptosuites v1.0, §3.3):
//   proofConfig  = the proof's options (type, cryptosuite, created, verificationMethod, proofPurpose) plus the
//                  document's @context when it has one (§3.3.5 "If unsecuredDocument.@context is present, set
//                  proofConfig.@context to unsecuredDocument.@context")
//   hashData     = SHA-256(JCS(proofConfig)) ‖ SHA-256(JCS(document without proof))      (§3.3.4, §3.3.6)
//   proofValue   = multibase base58btc ('z') of the Ed25519 signature over hashData    (§3.3.7)
// Verification rebuilds the same bytes from the secured document (§3.3.2), and refuses a proof whose @context is not
// the start of the document's (the suite's "starts with all values contained in the proofOptions.@context").
// Ed25519 is deterministic (RFC 8032), so a credential signed again from the same content is byte-identical.
import bs58 from 'bs58';
import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import { jcsBytes } from './signing';

export const CRYPTOSUITE = 'eddsa-jcs-2022';

export interface DataIntegrityProof {
  type: 'DataIntegrityProof';
  cryptosuite: typeof CRYPTOSUITE;
  created: string;
  verificationMethod: string;
  proofPurpose: 'assertionMethod';
  '@context'?: unknown;
  proofValue: string;
}

export type ProofOptions = Pick<DataIntegrityProof, 'created' | 'verificationMethod'>;

type JsonObject = Record<string, unknown>;

function sha256(bytes: Uint8Array): Buffer {
  return createHash('sha256').update(bytes).digest();
}

function hashData(document: JsonObject, proofConfig: JsonObject): Buffer {
  return Buffer.concat([sha256(jcsBytes(proofConfig)), sha256(jcsBytes(document))]);
}

function withoutProof(document: JsonObject): JsonObject {
  const { proof: _proof, ...unsecured } = document;
  return unsecured;
}

/** The document with an eddsa-jcs-2022 proof by `privateKey` (any proof it had is replaced). */
export function addProof<T extends object>(document: T, options: ProofOptions, privateKey: KeyObject): T & { proof: DataIntegrityProof } {
  const unsecured = withoutProof(document as JsonObject);
  const proofConfig: Omit<DataIntegrityProof, 'proofValue'> = {
    type: 'DataIntegrityProof',
    cryptosuite: CRYPTOSUITE,
    created: options.created,
    verificationMethod: options.verificationMethod,
    proofPurpose: 'assertionMethod',
    ...('@context' in unsecured ? { '@context': unsecured['@context'] } : {}),
  };
  const signature = sign(null, hashData(unsecured, proofConfig as JsonObject), privateKey);
  return { ...(unsecured as T), proof: { ...proofConfig, proofValue: `z${bs58.encode(signature)}` } };
}

/** The bytes inside a base58btc multibase string ('z…'), or null for anything else. */
export function decodeBase58btc(value: unknown): Uint8Array | null {
  if (typeof value !== 'string' || !value.startsWith('z')) return null;
  try {
    return bs58.decode(value.slice(1));
  } catch {
    return null;
  }
}

export type ProofCheck = { ok: true; proof: DataIntegrityProof } | { ok: false; reason: 'no_proof' | 'not_this_suite' | 'context_mismatch' | 'bad_signature' };

/** The proof's own shape and context; the caller resolves `proof.verificationMethod` to a key, then verifyProof. */
export function proofOf(document: unknown): ProofCheck {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return { ok: false, reason: 'no_proof' };
  const proof = (document as JsonObject).proof as Partial<DataIntegrityProof> | undefined;
  if (typeof proof !== 'object' || proof === null || Array.isArray(proof)) return { ok: false, reason: 'no_proof' };
  if (proof.type !== 'DataIntegrityProof' || proof.cryptosuite !== CRYPTOSUITE || proof.proofPurpose !== 'assertionMethod') return { ok: false, reason: 'not_this_suite' };
  if (typeof proof.verificationMethod !== 'string' || typeof proof.created !== 'string' || typeof proof.proofValue !== 'string') return { ok: false, reason: 'not_this_suite' };
  if (proof['@context'] !== undefined) {
    const expected = Array.isArray(proof['@context']) ? proof['@context'] : [proof['@context']];
    const raw = (document as JsonObject)['@context'];
    const actual = Array.isArray(raw) ? raw : [raw];
    if (expected.length > actual.length || expected.some((c, i) => JSON.stringify(c) !== JSON.stringify(actual[i]))) return { ok: false, reason: 'context_mismatch' };
  }
  return { ok: true, proof: proof as DataIntegrityProof };
}

/** True when the document's proof is a valid eddsa-jcs-2022 signature by `publicKey` over the document as it is. */
export function verifyProof(document: unknown, publicKey: KeyObject): ProofCheck {
  const check = proofOf(document);
  if (!check.ok) return check;
  const { proofValue, ...proofConfig } = check.proof;
  const signature = decodeBase58btc(proofValue);
  if (!signature || signature.length !== 64) return { ok: false, reason: 'bad_signature' };
  const valid = verify(null, hashData(withoutProof(document as JsonObject), proofConfig as JsonObject), publicKey, signature);
  return valid ? check : { ok: false, reason: 'bad_signature' };
}
