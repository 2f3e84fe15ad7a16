// Collections `organizations` and `invitations` (database/collections.json).
import type { ApplicationEvent, CivilAffairsType, NameSimilarity, OrganizationKind, OrganizationStatus } from '../../../typings/organization';
import type { CertificateSettings } from '../../../typings/certificate';
import type { EncryptedField } from '../security/crypto';

export interface OrganizationDoc {
  _id: string;
  name: string;
  kind: OrganizationKind;
  status: OrganizationStatus;
  /** The USCC, or `none:<orgId>` when there is none: the unique index `usccKey_unique` holds for every document. */
  usccKey: string;
  uscc?: string;
  civilAffairsType?: CivilAffairsType;
  authority?: string;
  regionCode: string;
  regionNames: string[];
  /** 2/4/6-digit prefixes of regionCode (regionPrefixes()), for look-ups by province, city or county. */
  regionPrefixes: string[];
  /** Name pieces under each region prefix, what organization.search looks up (searchKeysOf, organization/search-keys.ts). */
  searchKeys?: string[];
  address: string;
  personInCharge: string;
  /** The contact phone is encrypted at rest and kept masked beside it for display (RULES §8). */
  contact: { name: string; phone: { cipher: EncryptedField; masked: string } };
  parentId?: string;
  /** The parent's name when this organization registered under it, so summaries need no second read. */
  parentName?: string;
  introduction?: string;
  /** users._id of the volunteer who registered it (its first admin, told the review result). */
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  /** The latest decision; every earlier one stays in `history`. */
  review?: { decision: 'approve' | 'reject'; reason?: string; reviewedBy: string; reviewedAt: Date };
  /** Every submission and decision, oldest first (absent on documents written before it; read as none). */
  history?: ApplicationEventDoc[];
  /** When it last entered the review queue (registration or resubmission). */
  submittedAt?: Date;
  /** Similarity keys of the name (domain/org-name.ts nameSignatures), indexed with status for similar-name look-ups. */
  nameSignatures?: string[];
  /** Live organizations with alike names when it was last submitted, for the reviewer. */
  similarNames?: Array<{ orgId: string; name: string; regionNames: string[]; similarity: NameSimilarity }>;
  /** A hand-over of the admin role offered to an active member, until they accept it. */
  handOver?: { from: string; to: string; offeredAt: Date } | null;
  /** Written by every change of the admin set, so two such changes of one organization conflict (one retries). */
  adminsChangedAt?: Date;
  dissolvedAt?: Date;
  /** Sign-ups blocked after repeated no-shows at this organization's shifts; absent: off (the default). */
  noShowPolicy?: NoShowPolicy;
  /** How this organization's service records are counted (set through hours.setHoursPolicy; absent: the defaults). */
  hoursPolicy?: HoursPolicy;
  /** How this organization issues certificates (负责人, 经办人, contact, seal, policy); absent: it has not set them up. */
  certificateSettings?: CertificateSettings;
  /** Set on a dissolved or merged organization: the organization that issues certificates for its records. */
  successorId?: string;
  /** Who named the successor and when (a platform admin, organization.designateSuccessor). */
  successorDesignated?: { by: string; at: Date };
}

/** An optional rounding step (minutes, applied down when a record is confirmed; off by default) and overdue days (default 7). */
export interface HoursPolicy {
  roundingStepMinutes?: number;
  overdueDays?: number;
}

/** `noShows` no-shows block new sign-ups at this organization for `blockDays` days from the last of them. */
export interface NoShowPolicy {
  noShows: number;
  blockDays: number;
}

export interface ApplicationEventDoc extends Omit<ApplicationEvent, 'at'> {
  at: Date;
  /** users._id of whoever acted, or `system` (an expired hold). */
  by: string;
}

export interface InvitationDoc {
  /** The invitation code itself. */
  _id: string;
  orgId: string;
  role: 'admin';
  createdBy: string;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  usedBy: string | null;
}
