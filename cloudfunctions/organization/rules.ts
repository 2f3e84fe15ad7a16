// The pure rules of the organization function: given what is stored and what is asked, what happens. Handlers read
// inside a transaction, ask here, then write. Idempotency lives here too: a retried request that finds its own
// effect already done answers the same result and writes nothing. Also: invitation codes and search terms.
import { randomBytes } from 'node:crypto';
import type { MembershipStatus, NameSimilarity, OrganizationStatus, SimilarName } from '../../typings/organization';
import { similarityOf } from '../../miniprogram/domain/org-name';
import { charLength } from '../../miniprogram/domain/text';
import { err, ok, type Result } from '../../miniprogram/domain/result';
import { asDate } from '../_shared/documents/dates';
import type { MembershipDoc } from '../_shared/documents/membership';
import type { InvitationDoc, OrganizationDoc } from '../_shared/documents/organization';
import type { OrganizationCodeDoc } from '../_shared/documents/organization-code';
import {
  USCC_EVIDENCE_INVALID_MESSAGES,
  FORBIDDEN_ORG_MESSAGES,
  INVITE_CHECK_MESSAGES,
  JOIN_MESSAGES,
  LAST_ADMIN_MESSAGES,
  MESSAGES,
  NO_HAND_OVER_MESSAGE,
  NOT_MEMBER_MESSAGES,
  NOT_REJECTED_MESSAGE,
  REVIEW_MESSAGES,
} from '../_shared/messages/answers';

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

// ── Who holds a USCC ──────────────────────────────────────────────────────────────────────────────────────────
//
// The rule (README "A USCC is held by a live application only"): a verified organization holds its code for good; a
// pending application holds it for PENDING_HOLD_DAYS from its latest submission, so a squatted code is free again at
// the latest then; a rejected or dissolved one releases it at once (in the transaction that rejects or dissolves).
// Past the hold the next registration of the code takes it, and the hourly timer releases what nobody asked for.

export const PENDING_HOLD_DAYS = 30;
const DAY_MS = 86_400_000;

export function holdUntil(submittedAt: Date): Date {
  return new Date(submittedAt.getTime() + PENDING_HOLD_DAYS * DAY_MS);
}

export type CodeHold = 'free' | 'mine' | 'taken' | 'expired';

/**
 * Whether a registration by the caller may take the code. `holder` is the organization the code document names
 * (null when there is no code document or the organization is gone); `callerAdmin`: the caller is its active admin.
 */
export function codeHoldState(
  code: Pick<OrganizationCodeDoc, 'heldUntil'> | null,
  holder: Pick<OrganizationDoc, 'status' | 'submittedAt' | 'createdAt'> | null,
  callerAdmin: boolean,
  now: Date,
): CodeHold {
  if (!code || !holder || holder.status === 'rejected' || holder.status === 'dissolved') return 'free';
  if (callerAdmin) return 'mine';
  if (holder.status === 'pending') {
    // A hold written before heldUntil existed counts from the application's own dates.
    const until = code.heldUntil ? asDate(code.heldUntil) : holdUntil(asDate(holder.submittedAt ?? holder.createdAt));
    if (now.getTime() >= until.getTime()) return 'expired';
  }
  return 'taken';
}

// ── Reviews and resubmission ──────────────────────────────────────────────────────────────────────────────────

/** A platform admin may not decide an organization they registered or administer (four-eyes). */
export function isOwnOrganization(org: Pick<OrganizationDoc, 'createdBy'>, reviewerUserId: string, reviewerMembership: MembershipDoc | null): boolean {
  if (org.createdBy === reviewerUserId) return true;
  return reviewerMembership !== null && reviewerMembership.role === 'admin' && reviewerMembership.status === 'active';
}

/** Only a rejected application goes back to the queue, and only by its own admin. */
export function checkResubmit(
  org: Pick<OrganizationDoc, 'status'> | null,
  membership: MembershipDoc | null,
): Result<true, 'NOT_FOUND' | 'FORBIDDEN' | 'NOT_REJECTED'> {
  if (!org) return err('NOT_FOUND', MESSAGES.NOT_FOUND);
  if (!membership || membership.role !== 'admin' || membership.status !== 'active') return err('FORBIDDEN', FORBIDDEN_ORG_MESSAGES.resubmit);
  if (org.status !== 'rejected') return err('NOT_REJECTED', NOT_REJECTED_MESSAGE);
  return ok(true);
}

// ── Similar names ─────────────────────────────────────────────────────────────────────────────────────────────

export const MAX_SIMILAR_NAMES = 5;

/**
 * The alike names among `candidates` (live organizations sharing a similarity key), closest first, and whether one
 * has exactly this name in the same region (then registration is refused; anything else is a warning).
 */
export function similarNamesAmong(
  name: string,
  regionCode: string,
  selfId: string | null,
  candidates: ReadonlyArray<Pick<OrganizationDoc, '_id' | 'name' | 'regionCode' | 'regionNames' | 'status'>>,
): { similar: SimilarName[]; exactInRegion: SimilarName | null } {
  const rank: Record<NameSimilarity, number> = { same: 0, suffix: 1, oneCharacter: 2 };
  const found: Array<SimilarName & { regionCode: string }> = [];
  for (const c of candidates) {
    if (c._id === selfId || (c.status !== 'pending' && c.status !== 'verified')) continue;
    const similarity = similarityOf(name, c.name);
    if (similarity) found.push({ orgId: c._id, name: c.name, regionNames: c.regionNames, similarity, regionCode: c.regionCode });
  }
  found.sort((a, b) => rank[a.similarity] - rank[b.similarity] || Number(b.regionCode === regionCode) - Number(a.regionCode === regionCode));
  const exact = found.find((f) => f.similarity === 'same' && f.regionCode === regionCode) ?? null;
  const strip = ({ regionCode: _region, ...rest }: SimilarName & { regionCode: string }): SimilarName => rest;
  return { similar: found.slice(0, MAX_SIMILAR_NAMES).map(strip), exactInRegion: exact ? strip(exact) : null };
}

// ── Admins: leaving, handing over, dissolving ─────────────────────────────────────────────────────────────────

/** Whether the caller may leave: a member always; an admin only while another active admin remains. */
export function checkLeave(
  org: Pick<OrganizationDoc, 'name' | 'status'> | null,
  membership: MembershipDoc | null,
  activeAdmins: number,
): Result<{ wasAdmin: boolean }, 'NOT_FOUND' | 'NOT_MEMBER' | 'LAST_ADMIN'> {
  if (!org) return err('NOT_FOUND', MESSAGES.NOT_FOUND);
  if (!membership || membership.status !== 'active') return err('NOT_MEMBER', NOT_MEMBER_MESSAGES.leave);
  const wasAdmin = membership.role === 'admin';
  if (wasAdmin && isLive(org) && activeAdmins <= 1) return err('LAST_ADMIN', LAST_ADMIN_MESSAGES.leave(org.name));
  return ok({ wasAdmin });
}

/** Live: it still acts in the platform's name or waits to (pending, verified); a last admin must not just walk away. */
export function isLive(org: Pick<OrganizationDoc, 'status'>): boolean {
  return org.status === 'pending' || org.status === 'verified';
}

/** A hand-over goes from an active admin to an active member who is not an admin yet. */
export function checkHandOver(
  org: Pick<OrganizationDoc, 'status'> | null,
  giver: MembershipDoc | null,
  recipient: MembershipDoc | null,
): Result<true, 'NOT_FOUND' | 'FORBIDDEN' | 'NOT_MEMBER'> {
  if (!org || org.status === 'dissolved') return err('NOT_FOUND', MESSAGES.NOT_FOUND);
  if (!giver || giver.role !== 'admin' || giver.status !== 'active') return err('FORBIDDEN', FORBIDDEN_ORG_MESSAGES.handOver);
  if (!recipient || recipient.status !== 'active' || recipient.role !== 'member') return err('NOT_MEMBER', NOT_MEMBER_MESSAGES.handOver);
  return ok(true);
}

export type HandOverAcceptance = { apply: true; from: string } | { apply: false };

/** The recipient accepts once; accepting again (a second tap, another device) answers the same and changes nothing. */
export function checkAcceptHandOver(
  org: Pick<OrganizationDoc, 'status' | 'handOver'> | null,
  me: MembershipDoc | null,
  userId: string,
): Result<HandOverAcceptance, 'NOT_FOUND' | 'NO_HAND_OVER'> {
  if (!org || org.status === 'dissolved') return err('NOT_FOUND', MESSAGES.NOT_FOUND);
  if (org.handOver?.to === userId && me?.status === 'active') return ok({ apply: true, from: org.handOver.from });
  if (!org.handOver && me?.status === 'active' && me.role === 'admin' && me.decidedBy === 'handOver') return ok({ apply: false });
  return err('NO_HAND_OVER', NO_HAND_OVER_MESSAGE);
}

// ── Claims of a USCC ──────────────────────────────────────────────────────────────────────────────────────────

/**
 * What approving a claim does: a pending holder is a squatting application (rejected, the code goes to the
 * claimant's own application, verified by this decision); a verified holder keeps its records and gets the claimant
 * as its only admin (the former admins are removed and told).
 */
export function claimEffect(holder: Pick<OrganizationDoc, 'status'>): 'replaceApplication' | 'replaceAdmins' {
  return holder.status === 'pending' ? 'replaceApplication' : 'replaceAdmins';
}

export const MAX_EVIDENCE_PHOTOS = 2;
/** The decoded bytes of every photo together: the request must stay under CloudBase's 100 KB for a text body. */
export const MAX_EVIDENCE_BYTES = 70 * 1024;

export interface EvidencePhoto {
  bytes: Buffer;
  extension: 'jpg' | 'png';
}

/** Base64 photos (a data: prefix forgiven) checked by their magic bytes, not by what they claim to be. */
export function checkEvidence(photos: readonly string[]): Result<EvidencePhoto[], 'EVIDENCE_INVALID'> {
  if (photos.length < 1 || photos.length > MAX_EVIDENCE_PHOTOS) return err('EVIDENCE_INVALID', USCC_EVIDENCE_INVALID_MESSAGES.count);
  const out: EvidencePhoto[] = [];
  let total = 0;
  for (const photo of photos) {
    const base64 = photo.replace(/^data:image\/(png|jpeg|jpg);base64,/, '');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return err('EVIDENCE_INVALID', USCC_EVIDENCE_INVALID_MESSAGES.format);
    const bytes = Buffer.from(base64, 'base64');
    total += bytes.length;
    const jpeg = bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
    const png = bytes.length > 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    if (!jpeg && !png) return err('EVIDENCE_INVALID', USCC_EVIDENCE_INVALID_MESSAGES.format);
    out.push({ bytes, extension: jpeg ? 'jpg' : 'png' });
  }
  if (total > MAX_EVIDENCE_BYTES) return err('EVIDENCE_INVALID', USCC_EVIDENCE_INVALID_MESSAGES.size(MAX_EVIDENCE_BYTES / 1024));
  return ok(out);
}
