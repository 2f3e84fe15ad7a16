// Contracts of the volunteer's side of the `certificate` function (issue 10): which organizations I can ask, asking
// for a certificate, my certificates; and an organization's bulk issue at the end of a project. Shared words:
// typings/certificate.ts.
import type { CertificateStatus } from './certificate';
import type { EmptyRequest } from './envelope';

/** What a certificate covers: all of the records organization's confirmed records of mine, or one period's. */
export type CertificateScope = { kind: 'all' } | { kind: 'period'; /** 'YYYY-MM-DD' */ from: string; /** 'YYYY-MM-DD' */ to: string };

/** Why nobody can certify an organization's records (cloudfunctions/certificate/issuer.ts). */
export type IssuerUnavailableReason = 'grassroots_without_unit' | 'dissolved_without_successor' | 'not_verified';

/** One certificate as its volunteer sees it in lists. */
export interface CertificateSummary {
  certificateId: string;
  status: CertificateStatus;
  /** Set once issued. */
  number?: string;
  /** The organization whose records it certifies, and the one that issues it (the same unless onBehalfOf). */
  recordsOrgId: string;
  recordsOrgName: string;
  issuerOrgId: string;
  issuerName: string;
  scope: CertificateScope;
  /** The period the certificate covers: the scope's, or (issued, all records) the first and last record's days. */
  period?: { from: string; to: string };
  /** Issued: the certified minutes. */
  totalMinutes?: number;
  requestedAt: string;
  issuedAt?: string;
  rejectedReason?: string;
  revoked?: { reason: string; at: string };
}

/** Who would issue my certificate for an organization's records, or why nobody can. */
export type IssuerView =
  | { canIssue: true; orgId: string; name: string; relation?: 'attached' | 'successor'; settingsReady: boolean }
  | { canIssue: false; reason: IssuerUnavailableReason; message: string };

/** An organization that recorded confirmed hours for me. */
export interface IssuableOrganization {
  orgId: string;
  orgName: string;
  confirmedMinutes: number;
  confirmedRecords: number;
  /** The first and last confirmed record's days ('YYYY-MM-DD'). */
  firstDate: string;
  lastDate: string;
  issuer: IssuerView;
  /** My live certificate (reviewing or issued) of all its records, if any. */
  live?: CertificateSummary;
  /** My newest certificate of its records of any scope and status (a rejection or revocation shows with its reason). */
  latest?: CertificateSummary;
}

export interface IssuableResponse {
  organizations: IssuableOrganization[];
}

export interface RequestCertificateRequest {
  /** The records organization: the one that recorded the hours. */
  orgId: string;
  scope: CertificateScope;
}
export interface RequestCertificateResponse {
  /** Issued at once, or reviewing when the issuer reviews first; a repeated request answers the same certificate. */
  certificate: CertificateSummary;
}
export type RequestCertificateError = 'NOT_REGISTERED' | 'NOT_FOUND' | 'PERIOD_INVALID' | 'NO_CONFIRMED_RECORDS' | 'ISSUER_UNAVAILABLE' | 'CERTIFICATE_SETTINGS_MISSING';

export interface MyCertificatesRequest {
  cursor?: string;
}
export interface MyCertificatesResponse {
  /** Newest request first. */
  certificates: CertificateSummary[];
  next?: string;
}

/** A volunteer a bulk issue passed over, and why. */
export interface BulkIssueSkip {
  volunteerId: string;
  /** Masked (maskName). */
  name: string;
  code: 'ALREADY_LIVE' | 'NO_CONFIRMED_RECORDS' | 'NOT_REGISTERED';
  reason: string;
}

export interface BulkIssueView {
  batchId: string;
  projectId: string;
  total: number;
  done: number;
  issued: number;
  skipped: BulkIssueSkip[];
  finished: boolean;
}

export interface BulkIssueRequest {
  projectId: string;
}
export interface BulkIssueBatchRequest {
  batchId: string;
}
export type BulkIssueError = 'PROJECT_NOT_FOUND' | 'NO_CONFIRMED_RECORDS' | 'ISSUER_UNAVAILABLE' | 'CERTIFICATE_SETTINGS_MISSING' | 'TOO_MANY_VOLUNTEERS';

export interface CertificateVolActions {
  issuable: { request: EmptyRequest; response: IssuableResponse; error: 'NOT_REGISTERED'; mutates: false };
  request: { request: RequestCertificateRequest; response: RequestCertificateResponse; error: RequestCertificateError; mutates: true };
  mine: { request: MyCertificatesRequest; response: MyCertificatesResponse; error: 'NOT_REGISTERED'; mutates: false };
  bulkIssue: { request: BulkIssueRequest; response: BulkIssueView; error: BulkIssueError; mutates: true };
  continueBulkIssue: { request: BulkIssueBatchRequest; response: BulkIssueView; error: 'CERTIFICATE_BATCH_NOT_FOUND' | 'PROJECT_NOT_FOUND' | 'ISSUER_UNAVAILABLE' | 'CERTIFICATE_SETTINGS_MISSING'; mutates: true };
  bulkProgress: { request: BulkIssueBatchRequest; response: BulkIssueView; error: 'CERTIFICATE_BATCH_NOT_FOUND'; mutates: false };
}
