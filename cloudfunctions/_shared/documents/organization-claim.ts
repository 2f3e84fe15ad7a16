// Collection `organizationClaims`: a claim of a USCC held by someone else's organization, with the claimant's
// evidence (private storage, organization-claims/<claimId>/…), decided by a platform admin.
import type { ValidOrganizationRegistration } from '../../../miniprogram/domain/registration';
import type { EncryptedField } from '../security/crypto';

export interface OrganizationClaimDoc {
  _id: string;
  uscc: string;
  /** The organization holding the code when the claim was made. */
  holderOrgId: string;
  claimantUserId: string;
  /** The claimant's application, validated; its contact phone encrypted like an organization's. */
  application: Omit<ValidOrganizationRegistration, 'contact'> & { contact: { name: string; phone: { cipher: EncryptedField; masked: string } } };
  statement?: string;
  evidenceFileIds: string[];
  status: 'pending' | 'approved' | 'rejected';
  createdAt: Date;
  decidedAt?: Date;
  decidedBy?: string;
  reason?: string;
  /** On approval: the organization the claimant administers. */
  orgId?: string;
  /** Earlier rejected claims of this code by this claimant, replaced by this one (decisions are kept). */
  earlier?: Array<{ reason?: string; decidedAt: Date; createdAt: Date }>;
}

/** One claim per claimant and code: two submissions at once write one document (one conflicts and finds it). */
export function claimIdOf(uscc: string, claimantUserId: string): string {
  return `claim_${uscc}_${claimantUserId}`;
}
