// Collections `organizations` and `invitations` (database/collections.json).
import type { CivilAffairsType, OrganizationKind, OrganizationStatus } from '../../../typings/organization';
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
  review?: { decision: 'approve' | 'reject'; reason?: string; reviewedBy: string; reviewedAt: Date };
  /** Sign-ups blocked after repeated no-shows at this organization's shifts; absent: off (the default). */
  noShowPolicy?: NoShowPolicy;
}

/** `noShows` no-shows block new sign-ups at this organization for `blockDays` days from the last of them. */
export interface NoShowPolicy {
  noShows: number;
  blockDays: number;
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
