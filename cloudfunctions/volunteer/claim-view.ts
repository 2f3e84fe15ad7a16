// What reviewers see of a claim: masked everywhere (RULES §8) — the name as 张*, the credential as its first and last
// character, phones as 138****5678 — and accounts summarised (when the account began, whether its phone is verified,
// how many organizations), enough to tell a long-standing owner from a new account without showing either person.
import type { ClaimAccountSummary, ClaimDetail, ClaimQueueItem } from '../../typings/volunteer';
import type { ClaimDoc, ClaimEventDoc } from '../_shared/documents/claim';
import { CLAIM_CIPHER_PURPOSE } from '../_shared/documents/claim';
import type { UserDoc } from '../_shared/documents/user';
import { CIPHER_PURPOSE, type VolunteerDoc } from '../_shared/documents/volunteer';
import { fail } from '../_shared/frame/envelope';
import { FORBIDDEN_MESSAGES } from '../_shared/messages/answers';
import { maskCredential, maskName } from '../_shared/rules/mask';
import { decryptField, type KeyRing } from '../_shared/security/crypto';
import { openCredential } from './rules';

export const notClaimReviewer = () => fail('FORBIDDEN' as const, FORBIDDEN_MESSAGES.claims);

const iso = (d: Date | string) => new Date(d).toISOString();

export function claimQueueItem(claim: ClaimDoc, volunteer: Pick<VolunteerDoc, 'name' | 'credential'> | undefined, ring: KeyRing): ClaimQueueItem {
  return {
    claimId: claim._id,
    filedAt: iso(claim.filedAt),
    nameMasked: volunteer ? maskName(volunteer.name) : '（档案已不存在）',
    credentialType: claim.credentialType,
    credentialMasked: volunteer ? maskCredential(openCredential(volunteer.credential, ring, CIPHER_PURPOSE.credential)) : '',
    evidenceCount: claim.evidence.length,
  };
}

export function accountSummary(user: UserDoc | null, phone: { masked: string; verified: boolean } | null, organizations: number): ClaimAccountSummary {
  return {
    accountCreatedAt: user ? iso(user.createdAt) : null,
    phoneMasked: phone?.masked ?? null,
    phoneVerified: phone?.verified ?? false,
    organizations,
  };
}

export function claimDetailView(args: {
  claim: ClaimDoc;
  volunteer: VolunteerDoc | null;
  claimant: ClaimAccountSummary;
  holder: ClaimAccountSummary;
  evidence: Array<{ url: string; validUntil: string }>;
  events: ClaimEventDoc[];
  ring: KeyRing;
}): ClaimDetail {
  const { claim, volunteer, ring } = args;
  return {
    ...claimQueueItem(claim, volunteer ?? undefined, ring),
    status: claim.status,
    statement: decryptField(claim.statement, ring, CLAIM_CIPHER_PURPOSE.statement),
    volunteerNo: volunteer?.volunteerNo ?? '',
    registeredAt: volunteer ? iso(volunteer.registeredAt) : '',
    claimant: args.claimant,
    holder: args.holder,
    evidence: args.evidence,
    events: args.events.map((e) => ({ step: e.step, at: iso(e.at) })),
    ...(claim.decision ? { decidedAt: iso(claim.decision.decidedAt), reason: claim.decision.reason } : {}),
  };
}
