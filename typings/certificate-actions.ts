// Contracts of the `certificate` cloud function. Shared words: typings/certificate.ts.
import type { CertificateOrgActions } from './certificate-org';
import type { CertificateVcActions } from './certificate-vc';
import type { CertificateVolActions } from './certificate-vol';
import type { CertificatePdfActions } from './certificate-pdf';
import type { EmptyRequest } from './envelope';

/** One of the deployment's Ed25519 public keys, as a JWK (RFC 8037) — what anyone verifies certificates with. */
export interface PublicKeyView {
  keyId: string;
  jwk: { kty: 'OKP'; crv: 'Ed25519'; x: string; kid: string; alg: 'EdDSA'; use: 'sig' };
}

export interface PublicKeysResponse {
  /** The key that signs new certificates. */
  currentKeyId: string;
  keys: PublicKeyView[];
}

export interface CertificateActions extends CertificateOrgActions, CertificateVcActions, CertificateVolActions, CertificatePdfActions {
  publicKeys: { request: EmptyRequest; response: PublicKeysResponse; error: never; mutates: false };
}
