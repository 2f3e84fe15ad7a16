// Collections of 申诉找回 (volunteer.fileClaim … decideClaim; cloudfunctions/volunteer/README.md, "Claims"):
//  - `claims`: one document per claim. Nothing in it says who the claimant claims to be in plaintext: the record is
//    named by its credential's keyed hash and volunteer id, the statement and the phone are encrypted, and the photos
//    are private files (storage is ADMINONLY) that only a reviewer gets short-lived links to.
//  - `claimCredentials`: one document per credential hash, the recent filings against that credential, read and
//    written in the filing transaction: the per-credential limit and "one open claim per claimant" are decided by
//    this one document, so two filings at once cannot both pass.
//  - `claimEvents`: the audit trail, one document per step (filed, evidence added, approved or rejected, moved),
//    written in the transaction of that step under a deterministic id, with the record's region so a regional office
//    can read its own.
import type { ClaimStatus, ClaimStep, CredentialType } from '../../../typings/volunteer';
import type { EncryptedField } from '../security/crypto';

export interface ClaimDoc {
  /** `cl_` + 24 random hex characters. */
  _id: string;
  claimantUserId: string;
  /** The claimed record's credential key (credentials/<hash>) and the volunteer it led to when filed. */
  credentialHash: string;
  credentialType: CredentialType;
  volunteerId: string;
  /** users._id holding the record when the claim was filed. */
  holderUserId: string;
  /** The record's residence region (RULES §9), for the regional audit trail. */
  regionCode: string;
  status: ClaimStatus;
  /** The claimant's statement, encrypted (CLAIM_CIPHER_PURPOSE.statement). */
  statement: EncryptedField;
  /** The claimant's phone, sealed as a volunteer's is (CIPHER_PURPOSE.phone), so approval copies it as it is. */
  phone: { cipher: EncryptedField; masked: string; verified: boolean };
  phoneHash: string;
  privacyVersion: string;
  /** Whether real-identity verification confirmed name and number at filing (security/identity-verification.ts). */
  identityCheck: 'verified' | 'off';
  evidence: Array<{ fileID: string; addedAt: Date }>;
  filedAt: Date;
  updatedAt: Date;
  decision?: { decision: 'approve' | 'reject'; reason: string; decidedBy: string; decidedAt: Date };
}

export const CLAIM_CIPHER_PURPOSE = { statement: 'claim.statement' } as const;

export interface ClaimFiling {
  claimId: string;
  claimantUserId: string;
  filedAt: Date;
  open: boolean;
}

export interface ClaimCredentialDoc {
  /** The credential hash. */
  _id: string;
  filings: ClaimFiling[];
  updatedAt: Date;
}

export interface ClaimEventDoc {
  /** `<claimId>.<step>[.<n>]`: a step written twice by a retried transaction lands on the same document. */
  _id: string;
  claimId: string;
  step: ClaimStep;
  at: Date;
  /** users._id of who took the step (the claimant, or the reviewing platform admin). */
  actorUserId: string;
  regionCode: string;
  volunteerNo: string;
  /** For decisions: the reason; for moves: what moved. No personal data. */
  note?: string;
}
