// Contracts of the certificate PDF (the `certificate` function): detail, download and credential.
import type { CertificateStatus } from './certificate';

export interface DownloadCertificateRequest {
  certificateId: string;
}

export interface DownloadCertificateResponse {
  /** Temporary link to the PDF in private storage (getTempFileURL), valid for `expiresInSeconds`. */
  url: string;
  expiresInSeconds: number;
  /** What to save or forward it as: `志愿服务记录证明-<number>.pdf`. */
  fileName: string;
  number: string;
  /** sha256 of the file (hex), recorded at its first making: the same snapshot always gives these bytes. */
  sha256: string;
  status: Extract<CertificateStatus, 'issued' | 'revoked'>;
  /** Set when revoked: the file still downloads, and says what it is now (已撤销, reason and date). */
  revoked?: { notice: string; reason: string; at: string };
}

/** 证明详情: what the register entry says of an issued (or revoked) certificate, from its snapshot. */
export interface CertificateDetailResponse {
  certificateId: string;
  number: string;
  status: Extract<CertificateStatus, 'issued' | 'revoked'>;
  issuerName: string;
  /** The organization whose records it certifies, when the issuer certifies for another (attached team, successor). */
  onBehalfOfName?: string;
  period: { from: string; to: string };
  totalMinutes: number;
  recordCount: number;
  /** 'YYYY-MM-DD' in Asia/Shanghai. */
  issueDate: string;
  revoked?: { reason: string; at: string };
}

/** The certificate's W3C Verifiable Credential (an Open Badges 3.0 OpenBadgeCredential), as a JSON file's text. */
export interface CertificateCredentialResponse {
  number: string;
  /** What to save or forward it as: `志愿服务记录证明-<number>.json`. */
  fileName: string;
  /** The credential, pretty-printed JSON; verifiable with the deployment's published DID document alone. */
  json: string;
}

export type DownloadCertificateError = 'CERTIFICATE_NOT_FOUND' | 'CERTIFICATE_NOT_ISSUED' | 'NOT_REGISTERED' | 'WECHAT_FAILED';

export interface CertificatePdfActions {
  /** The volunteer it certifies, or an active admin of its issuer. */
  detail: { request: DownloadCertificateRequest; response: CertificateDetailResponse; error: Exclude<DownloadCertificateError, 'WECHAT_FAILED'>; mutates: false };
  /** The volunteer it certifies, or an active admin of its issuer. Mutating only in that it makes the file once. */
  download: { request: DownloadCertificateRequest; response: DownloadCertificateResponse; error: DownloadCertificateError; mutates: true };
  /** The same people: the Verifiable Credential, rebuilt from the register entry (the same bytes every time). */
  credential: { request: DownloadCertificateRequest; response: CertificateCredentialResponse; error: Exclude<DownloadCertificateError, 'WECHAT_FAILED'>; mutates: false };
}
