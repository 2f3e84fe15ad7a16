// Contracts of verification: certificate.verify, open to anyone, by number, by the mini-program code's
// scene, or by the Verifiable Credential itself. Shared words: typings/certificate.ts.
import type { CertificateRecordLine, CertificateSnapshot } from './certificate';

/**
 * One of: the certificate number as typed or scanned from the plain-URL QR; the `scene` a mini-program code carries
 * (the number, possibly URL-encoded); or the credential JSON (the object, or its text as pasted or read from a file).
 */
export type VerifyRequest = { number: string } | { scene: string } | { credential: string | Record<string, unknown> };

/**
 * Why something is not valid: a number whose check character is wrong; a credential that is not JSON or not ours in
 * form; a credential whose proof fails; one whose proof holds but whose content differs from the register (an
 * older or altered copy); a register entry whose archived snapshot no longer matches its signature.
 */
export type NotValidReason = 'number_checksum' | 'credential_form' | 'credential_proof' | 'credential_mismatch' | 'snapshot_signature';

/** The archived snapshot as verification shows it: the name masked (RULES §5), no seal file, credential number masked. */
export interface VerifiedCertificateView {
  number: string;
  issueDate: string;
  volunteer: { nameMasked: string; credentialType: CertificateSnapshot['volunteer']['credentialType']; credentialNoMasked: string; volunteerNo: string };
  period: { from: string; to: string };
  records: CertificateRecordLine[];
  totalMinutes: number;
  issuer: Omit<CertificateSnapshot['issuer'], 'seal' | 'orgId'>;
}

export type VerifyResponse =
  | { status: 'valid'; number: string; certificate: VerifiedCertificateView }
  | { status: 'revoked'; number: string; certificate: VerifiedCertificateView; revoked: { reason: string; at: string } }
  | { status: 'unknown'; number: string }
  | { status: 'not_valid'; reason: NotValidReason; number?: string };

export interface CertificateVcActions {
  verify: { request: VerifyRequest; response: VerifyResponse; error: 'CERTIFICATE_NO_FORMAT'; mutates: false };
}
