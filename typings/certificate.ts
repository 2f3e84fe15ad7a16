// Shared words of certificates (志愿服务记录证明, RULES §5): the archived content every certificate is issued from, its
// status, and an organization's issuing settings. The actions live in the certificate function's contract files.
import type { RecordKind } from './hours';
import type { CredentialType } from './volunteer';

/**
 * reviewing: asked for, waiting for an admin of an organization that reviews first (no number yet);
 * issued: numbered, in the register, valid; rejected: the review said no (reason given, no number);
 * revoked: was issued, withdrawn with a reason — still in the register, reported as revoked.
 */
export type CertificateStatus = 'reviewing' | 'issued' | 'rejected' | 'revoked';

/** How an organization issues: at once on request, or after an admin's review. */
export type IssuePolicy = 'immediate' | 'review';

/** One service record as a certificate lists it: what the record's current confirmed revision said at issuance. */
export interface CertificateRecordLine {
  recordId: string;
  /** 'YYYY-MM-DD' in Asia/Shanghai. */
  date: string;
  /** The project's (activity's) name. */
  project: string;
  /** 服务内容. */
  content: string;
  kind: RecordKind;
  minutes: number;
}

/** The seal printed on the certificate: an uploaded transparent PNG, or a round text seal drawn from `text`. */
export type SealSpec = { kind: 'image'; fileId: string } | { kind: 'text'; text: string };

/**
 * Everything a certificate says (RULES §5), frozen when it is numbered: the archived snapshot in the register.
 * The PDF, the Verifiable Credential and the verify answer are all made from this and nothing else, so correcting a
 * record later changes no issued certificate. Times are ISO strings, so the snapshot is plain JSON (signed as JCS).
 */
export interface CertificateSnapshot {
  /** The certificate number (formatCertificateNo). */
  number: string;
  /** 'YYYY-MM-DD' in Asia/Shanghai. */
  issueDate: string;
  /** The exact issuance instant (ISO), also the credential's validFrom. */
  issuedAt: string;
  volunteer: {
    name: string;
    credentialType: CredentialType;
    /** The credential number masked as RULES §5 asks by default (maskIdNumber). */
    credentialNoMasked: string;
    volunteerNo: string;
  };
  /** The period the records cover: the request's, or the first and last record's dates when all records are asked for. */
  period: { from: string; to: string };
  records: CertificateRecordLine[];
  /** Sum of the records' minutes; shown as hours with one decimal. */
  totalMinutes: number;
  issuer: {
    orgId: string;
    name: string;
    /** 负责人. */
    personInCharge: string;
    /** 经办人. */
    handler: string;
    /** 联系方式 (a contact name and phone as the organization chose to print them). */
    contact: string;
    seal: SealSpec;
    /**
     * Set when the issuer certifies records another organization kept: a 草根 team it is attached to, or a dissolved
     * or merged organization it succeeds (RULES §5 "its successor or superior issues").
     */
    onBehalfOf?: { orgId: string; name: string; relation: 'attached' | 'successor' };
  };
}

/** An organization's issuing settings (organization document `certificateSettings`). */
export interface CertificateSettings {
  personInCharge: string;
  handler: string;
  contact: string;
  seal: SealSpec;
  issuePolicy: IssuePolicy;
}
