// The pure rules of the organization function: given what is stored and what is asked, what happens. Handlers read
// inside a transaction, ask here, then write. Idempotency lives here too: a retried request that finds its own
// effect already done answers the same result and writes nothing. Also: invitation codes and search terms.
import { randomBytes } from 'node:crypto';
import type { MembershipStatus, OrganizationStatus } from '../../typings/organization';
import { charLength } from '../../miniprogram/domain/text';
import { err, ok, type Result } from '../../miniprogram/domain/result';
import { asDate } from '../_shared/documents/dates';
import type { MembershipDoc } from '../_shared/documents/membership';
import type { InvitationDoc, OrganizationDoc } from '../_shared/documents/organization';
import { INVITE_CHECK_MESSAGES, JOIN_MESSAGES, REVIEW_MESSAGES } from '../_shared/messages/answers';

export const MAX_REASON_CHARS = 200;

// ── Verification by a platform admin ─────────────────────────────────────────────────────────────────────────

export type ReviewOutcome =
  | { apply: true; status: OrganizationStatus; reason?: string }
  | { apply: false; status: OrganizationStatus };

/** A reason must be given to reject (the applicant is told it); approval keeps none. */
export function checkReviewReason(
  decision: 'approve' | 'reject',
  reason: string | undefined,
): Result<string | undefined, 'REASON_REQUIRED'> {
  if (decision === 'approve') return ok(undefined);
  const text = (reason ?? '').replace(/\s+/g, ' ').trim();
  if (text === '') return err('REASON_REQUIRED', REVIEW_MESSAGES.reasonMissing);
  const length = charLength(text);
  if (length > MAX_REASON_CHARS) return err('REASON_REQUIRED', REVIEW_MESSAGES.reasonTooLong(MAX_REASON_CHARS, length));
  return ok(text);
}

/** Pending → decided once. The same decision again (a retry) is answered without a write; another one is refused. */
export function reviewOutcome(
  org: Pick<OrganizationDoc, 'status' | 'review'>,
  decision: 'approve' | 'reject',
  reason: string | undefined,
): Result<ReviewOutcome, 'ALREADY_REVIEWED'> {
  const target: OrganizationStatus = decision === 'approve' ? 'verified' : 'rejected';
  if (org.status === 'pending') return ok({ apply: true, status: target, ...(reason ? { reason } : {}) });
  const sameReason = decision === 'approve' || (org.review?.reason ?? '') === (reason ?? '');
  if (org.status === target && sameReason) return ok({ apply: false, status: target });
  return err('ALREADY_REVIEWED', org.status === 'verified' ? REVIEW_MESSAGES.alreadyVerified : REVIEW_MESSAGES.alreadyRejected);
}

// ── Invitations ───────────────────────────────────────────────────────────────────────────────────────────────

export type InviteCheck = 'usable' | 'alreadyMine';

/** Single use, 72 hours. The person who already used a code gets the same answer again (a retried accept). */
export function checkInvitation(
  invite: InvitationDoc | null,
  userId: string,
  now: Date,
): Result<InviteCheck, 'INVITE_INVALID' | 'INVITE_USED' | 'INVITE_EXPIRED'> {
  if (!invite) return err('INVITE_INVALID', INVITE_CHECK_MESSAGES.unknown);
  if (invite.usedBy === userId) return ok('alreadyMine');
  if (invite.usedAt) return err('INVITE_USED', INVITE_CHECK_MESSAGES.used);
  if (now.getTime() >= asDate(invite.expiresAt).getTime()) {
    return err('INVITE_EXPIRED', INVITE_CHECK_MESSAGES.expired);
  }
  return ok('usable');
}

// ── Joining as a member ───────────────────────────────────────────────────────────────────────────────────────

/** Whether a volunteer may ask to join; the number of this request (a declined person may ask again). */
export function checkJoinRequest(
  existing: MembershipDoc | null,
): Result<{ requestCount: number }, 'ALREADY_MEMBER' | 'ALREADY_REQUESTED'> {
  if (existing?.status === 'active') {
    return err('ALREADY_MEMBER', existing.role === 'admin' ? JOIN_MESSAGES.alreadyAdmin : JOIN_MESSAGES.alreadyMember);
  }
  if (existing?.status === 'pending') return err('ALREADY_REQUESTED', JOIN_MESSAGES.alreadyRequested);
  return ok({ requestCount: (existing?.requestCount ?? 0) + 1 });
}

export type JoinOutcome = { apply: true; status: MembershipStatus } | { apply: false; status: MembershipStatus };

/** Pending → active member or declined, once. The same decision again answers the same status without a write. */
export function joinOutcome(
  request: MembershipDoc | null,
  decision: 'approve' | 'decline',
): Result<JoinOutcome, 'NOT_FOUND' | 'NOT_PENDING'> {
  if (!request) return err('NOT_FOUND', JOIN_MESSAGES.requestNotFound);
  const target: MembershipStatus = decision === 'approve' ? 'active' : 'declined';
  if (request.status === 'pending') return ok({ apply: true, status: target });
  // Only a decided join request repeats: an admin who came in by invitation is not "approved" again.
  if (request.status === target && request.role === 'member' && request.decidedAt) return ok({ apply: false, status: target });
  return err('NOT_PENDING', request.status === 'active' ? JOIN_MESSAGES.alreadyApproved : JOIN_MESSAGES.alreadyDecided);
}

// ── Invitation codes ─────────────────────────────────────────────────────────────────────────────────────────

// Admin invitation codes: 8 characters from an alphabet without look-alikes (no 0/O, 1/I), so a code read aloud
// or typed from a screenshot is not mistyped. 32 symbols: each random byte maps without bias (256 = 8 × 32).
export const INVITE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const INVITE_CODE_LENGTH = 8;
export const INVITE_VALID_HOURS = 72;

export function generateInviteCode(random: (n: number) => Uint8Array = randomBytes): string {
  const bytes = random(INVITE_CODE_LENGTH);
  let code = '';
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) code += INVITE_ALPHABET[bytes[i] % INVITE_ALPHABET.length];
  return code;
}

/** What people type: spaces, dashes and lower case are forgiven. Null when it cannot be a code at all. */
export function normaliseInviteCode(input: string): string | null {
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  if (code.length !== INVITE_CODE_LENGTH) return null;
  for (const c of code) if (!INVITE_ALPHABET.includes(c)) return null;
  return code;
}

export function inviteExpiry(now: Date): Date {
  return new Date(now.getTime() + INVITE_VALID_HOURS * 3600_000);
}

// ── Search terms: a GB/T 2260 prefix and a name keyword, both normalised here ─────────────────────────────────
/**
 * The stored prefix to look up (organizations keep '35', '3501', '350102' in regionPrefixes): a 2/4/6-digit
 * prefix as given, with a 6-digit province or city code ('350000', '350100') shortened to its prefix.
 */
export function regionPrefixOf(code: string): string {
  if (code.length === 6 && code.endsWith('0000')) return code.slice(0, 2);
  if (code.length === 6 && code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** A keyword becomes a literal, case-insensitive substring match: regex characters are escaped. */
export function keywordPattern(keyword: string | undefined): string | null {
  const text = (keyword ?? '').replace(/\s+/g, ' ').trim();
  if (text === '') return null;
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}
