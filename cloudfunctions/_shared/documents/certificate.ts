// Collections `certificates`, `certificateKeys` and `certificateBatches` (issue 10; rules: RULES.md §5).
// A certificate document is both the request and, once numbered, the register entry with its archived snapshot.
// Nothing issued is edited: a revocation sets status, reason and date; the snapshot and its signature never change.
import type { CertificateSnapshot, CertificateStatus } from '../../../typings/certificate';
import type { SnapshotSignature } from '../credentials/signing';

/** `_id` `ct_<24 hex>` (random; the number is given at issuance, so a request under review has none). */
export interface CertificateDoc {
  _id: string;
  status: CertificateStatus;
  /** certificateKeyIdOf(...) of the request: one live certificate per key (see CertificateKeyDoc). */
  keyId: string;
  /** volunteers._id, and the account that asked (users._id; absent for a bulk issue nobody asked for). */
  volunteerId: string;
  requestedBy?: string;
  /** The issuing organization, and the organization whose records it certifies when that is another (onBehalfOf). */
  issuerOrgId: string;
  recordsOrgId: string;
  /** What was asked for: all of that organization's confirmed records, or those of a period ('YYYY-MM-DD'). */
  scope: { kind: 'all' } | { kind: 'period'; from: string; to: string };
  requestedAt: Date;
  /** Set at issuance. */
  number?: string;
  issuedAt?: Date;
  /** users._id of the admin who issued or reviewed it; absent when issued at once on request. */
  issuedBy?: string;
  /** The archived content (RULES §5) and the deployment's signature over its JCS form. */
  snapshot?: CertificateSnapshot;
  signature?: SnapshotSignature;
  /**
   * The certificate's entry in a Bitstring Status List (revocation): one list per region and year (`<region>-<year>`),
   * the index is the number's sequence — so checking a status fetches a whole list and reveals nobody.
   */
  statusList?: { listId: string; index: number };
  /** Register columns kept beside the snapshot so the register can be listed without reading snapshots. */
  totalMinutes?: number;
  handler?: string;
  rejected?: { reason: string; by: string; at: Date };
  revoked?: { reason: string; by: string; at: Date };
  /** Files made from the snapshot (derived: may be made again identically), in private cloud storage. */
  files?: { pdfFileId?: string; pdfSha256?: string; credentialFileId?: string };
  /** The bulk issue that made it, if any. */
  batchId?: string;
  updatedAt: Date;
}

/**
 * One per (volunteer, records organization, scope): `current` names the live certificate (reviewing or issued) so
 * concurrent requests for one certificate meet on this document in their transactions and make one. A rejected or
 * revoked certificate clears `current`, so the volunteer can ask again.
 */
export interface CertificateKeyDoc {
  _id: string;
  current: string | null;
  updatedAt: Date;
}

export function certificateKeyIdOf(volunteerId: string, recordsOrgId: string, scope: CertificateDoc['scope']): string {
  const scopePart = scope.kind === 'all' ? 'all' : `${scope.from}_${scope.to}`;
  return `ck_${volunteerId}_${recordsOrgId}_${scopePart}`;
}

/**
 * `_id` `cb_<24 hex>`: a bulk issue at the end of a project (certificate/bulk.ts). The volunteers are fixed when it
 * starts; `done` moves one volunteer at a time in the transaction that issues or skips them, so two runs never both
 * handle one volunteer and a run that dies loses nothing.
 */
export interface CertificateBatchDoc {
  _id: string;
  projectId: string;
  projectTitle: string;
  recordsOrgId: string;
  issuerOrgId: string;
  /** The project's period: every volunteer's certificate has this scope (so it meets their own request's key). */
  scope: { kind: 'period'; from: string; to: string };
  volunteerIds: string[];
  total: number;
  done: number;
  issued: number;
  skipped: Array<{ volunteerId: string; name: string; code: 'ALREADY_LIVE' | 'NO_CONFIRMED_RECORDS' | 'NOT_REGISTERED'; reason: string }>;
  finished: boolean;
  /** users._id of the admin who started it. */
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}
