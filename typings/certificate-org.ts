// Contracts of the organization's side of certificates (志愿服务记录证明, RULES §5): its issuing settings and seal, the
// review queue, the numbered register and revocation. Shared words: typings/certificate.ts.
import type { CertificateStatus, IssuePolicy, SealSpec } from './certificate';
import type { CredentialType } from './volunteer';

export interface OrgCertificateRequest {
  orgId: string;
}

/** The seal as a page shows it: the text of a drawn seal, or a one-hour link to the uploaded image. */
export type SealView = { kind: 'text'; text: string } | { kind: 'image'; fileId: string; url: string };

export interface CertificateSettingsView {
  personInCharge: string;
  handler: string;
  contact: string;
  seal: SealView;
  issuePolicy: IssuePolicy;
}

export interface CertificateSettingsResponse {
  orgId: string;
  orgName: string;
  /** Null until an admin saves them: requests are refused until then. */
  settings: CertificateSettingsView | null;
  /** What the form starts with when nothing is saved: a text seal of the organization's name, at once. */
  suggested: { seal: { kind: 'text'; text: string }; issuePolicy: IssuePolicy; personInCharge: string };
  /**
   * Whether this organization issues itself. A 草根 team's certificates are issued by its attached unit, a dissolved
   * organization's by its successor (issuerOf): then `issuedBy` names that organization.
   */
  issuesItself: boolean;
  issuedBy?: { orgId: string; name: string };
}
export type CertificateSettingsError = 'NOT_FOUND';

export interface SaveCertificateSettingsRequest {
  orgId: string;
  personInCharge: string;
  handler: string;
  contact: string;
  /** A text seal, or an image uploadSeal stored for this organization. */
  seal: SealSpec;
  issuePolicy: IssuePolicy;
}
/** SEAL_INVALID: an image not uploaded for this organization, or a text seal that is not the organization's name. */
export type SaveCertificateSettingsError = 'NOT_FOUND' | 'CANNOT_ISSUE' | 'CERTIFICATE_FIELD_INVALID' | 'SEAL_INVALID';

/**
 * A seal image: a transparent PNG (its colour type carries alpha), at most 70 KB, as base64 (a function's request
 * body is at most 100 KB). Storage is private (ADMINONLY), so it comes through the function.
 */
export interface UploadSealRequest {
  orgId: string;
  base64: string;
}
export interface UploadSealResponse {
  /** Put into saveSettings' seal as { kind: 'image', fileId }. */
  fileId: string;
  /** A one-hour link for the preview. */
  url: string;
}
export type UploadSealError = 'NOT_FOUND' | 'CANNOT_ISSUE' | 'SEAL_INVALID';

export interface CertificateReviewQueueRequest {
  orgId: string;
  cursor?: string;
}
export interface CertificateReviewItem {
  certificateId: string;
  /** The volunteer's real name: the admin is their own organization (RULES §8). */
  volunteerName: string;
  volunteerNo: string;
  /** The organization whose records it certifies, when it is not the issuer (a 草根 team, a dissolved organization). */
  onBehalfOf?: { orgId: string; name: string };
  /** What the certificate would list if approved now: the confirmed records' minutes and the period they span. */
  totalMinutes: number;
  recordCount: number;
  period: { from: string; to: string } | null;
  scope: { kind: 'all' } | { kind: 'period'; from: string; to: string };
  requestedAt: string;
}
export interface CertificateReviewQueueResponse {
  items: CertificateReviewItem[];
  next?: string;
}
export type CertificateReviewQueueError = 'NOT_FOUND';

export interface CertificateReviewRequest {
  certificateId: string;
  decision: 'approve' | 'reject';
  /** Required to reject: the volunteer reads it. */
  reason?: string;
}
export interface CertificateReviewResponse {
  certificateId: string;
  status: Extract<CertificateStatus, 'issued' | 'rejected'>;
  /** The certificate number, when approved. */
  number?: string;
}
/**
 * CERTIFICATE_DECIDED: another admin decided it first (or it was withdrawn); NO_CONFIRMED_RECORDS: nothing left to
 * certify; CERTIFICATE_SETTINGS_MISSING: the issuer has not saved its settings.
 */
export type CertificateReviewError =
  | 'CERTIFICATE_NOT_FOUND'
  | 'CERTIFICATE_DECIDED'
  | 'REASON_REQUIRED'
  | 'NO_CONFIRMED_RECORDS'
  | 'CERTIFICATE_SETTINGS_MISSING'
  | 'CANNOT_ISSUE';

export interface CertificateRegisterRequest {
  orgId: string;
  status?: Extract<CertificateStatus, 'issued' | 'revoked'>;
  cursor?: string;
}
export interface CertificateRegisterEntry {
  certificateId: string;
  number: string;
  volunteerName: string;
  volunteerNo: string;
  credentialType: CredentialType;
  /** 'YYYY-MM-DD' in Asia/Shanghai. */
  issueDate: string;
  totalMinutes: number;
  handler: string;
  status: Extract<CertificateStatus, 'issued' | 'revoked'>;
  onBehalfOf?: { orgId: string; name: string };
  revoked?: { reason: string; at: string };
}
export interface CertificateRegisterResponse {
  entries: CertificateRegisterEntry[];
  next?: string;
}
export type CertificateRegisterError = 'NOT_FOUND';

export interface RevokeCertificateRequest {
  certificateId: string;
  reason: string;
}
export interface RevokeCertificateResponse {
  certificateId: string;
  number: string;
  status: 'revoked';
  revokedAt: string;
}
export type RevokeCertificateError = 'CERTIFICATE_NOT_FOUND' | 'CERTIFICATE_NOT_ISSUED';

export interface CertificateOrgActions {
  settings: { request: OrgCertificateRequest; response: CertificateSettingsResponse; error: CertificateSettingsError; mutates: false };
  saveSettings: { request: SaveCertificateSettingsRequest; response: CertificateSettingsResponse; error: SaveCertificateSettingsError; mutates: true };
  uploadSeal: { request: UploadSealRequest; response: UploadSealResponse; error: UploadSealError; mutates: true };
  reviewQueue: { request: CertificateReviewQueueRequest; response: CertificateReviewQueueResponse; error: CertificateReviewQueueError; mutates: false };
  review: { request: CertificateReviewRequest; response: CertificateReviewResponse; error: CertificateReviewError; mutates: true };
  register: { request: CertificateRegisterRequest; response: CertificateRegisterResponse; error: CertificateRegisterError; mutates: false };
  revoke: { request: RevokeCertificateRequest; response: RevokeCertificateResponse; error: RevokeCertificateError; mutates: true };
}
