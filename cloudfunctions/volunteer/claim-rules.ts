// The pure rules of 申诉找回 (README, "Claims"): who may file, how often, what a statement and a photo must be, how
// the queue is paged, and what the volunteer record becomes when it moves. No I/O; the instant is passed in.
import type { MyClaim } from '../../typings/volunteer';
import { formatDate, shanghaiDate } from '../../miniprogram/domain/calendar';
import { PRIVACY_TERMS_VERSION } from '../../miniprogram/domain/codes';
import { err, ok, type Result } from '../../miniprogram/domain/result';
import type { ClaimDoc, ClaimFiling } from '../_shared/documents/claim';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { CLAIM_REASON_MESSAGES, CONSENT_REQUIRED_MESSAGES, claimLimitMessage, EVIDENCE_INVALID_MESSAGES, MESSAGES, STATEMENT_INVALID_MESSAGES } from '../_shared/messages/answers';
import type { StoredConsent } from './rules';

/** At most this many claims against one credential in CLAIM_WINDOW_DAYS, whoever files them. */
export const CLAIMS_PER_CREDENTIAL = 3;
export const CLAIM_WINDOW_DAYS = 30;
export const MAX_EVIDENCE = 3;
export const STATEMENT_MIN_CHARS = 10;
export const STATEMENT_MAX_CHARS = 500;
export const REASON_MIN_CHARS = 2;
export const REASON_MAX_CHARS = 200;
/**
 * One photo per call, decoded at most 70 KB: base64 makes it ~94 KB, inside the 100 KB a function's text request body
 * may be (CloudBase EXCEED_MAX_PAYLOAD_SIZE: "text 100KB"), the strictest documented limit. The page compresses first.
 */
export const EVIDENCE_MAX_BYTES = 70 * 1024;
/** Reviewers' evidence links live 5 minutes (storage is private; a link is the only way to a file). */
export const EVIDENCE_LINK_SECONDS = 300;
export const QUEUE_PAGE = 20;

const DAY_MS = 86_400_000;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2066-\u2069]/;

export function validateStatement(input: string): Result<string, 'STATEMENT_INVALID'> {
  const text = input.replace(/\r\n?/g, '\n').trim();
  if (CONTROL.test(text)) return err('STATEMENT_INVALID', STATEMENT_INVALID_MESSAGES.control, 'statement');
  const length = Array.from(text).length;
  if (length < STATEMENT_MIN_CHARS || length > STATEMENT_MAX_CHARS) {
    return err('STATEMENT_INVALID', STATEMENT_INVALID_MESSAGES.length(STATEMENT_MIN_CHARS, STATEMENT_MAX_CHARS, length), 'statement');
  }
  return ok(text);
}

export function checkPrivacyVersion(version: string): Result<string, 'CONSENT_REQUIRED'> {
  return version === PRIVACY_TERMS_VERSION ? ok(version) : err('CONSENT_REQUIRED', CONSENT_REQUIRED_MESSAGES.claimPrivacy);
}

export function validateDecisionReason(input: string): Result<string, 'REASON_REQUIRED'> {
  const text = input.trim();
  const length = Array.from(text).length;
  if (CONTROL.test(text) || length < REASON_MIN_CHARS || length > REASON_MAX_CHARS) {
    return err('REASON_REQUIRED', CLAIM_REASON_MESSAGES.length(REASON_MIN_CHARS, REASON_MAX_CHARS), 'reason');
  }
  return ok(text);
}

/** Filings still counted at `now`: open ones always, closed ones within the window. */
export function recentFilings(filings: ClaimFiling[], now: Date): ClaimFiling[] {
  const since = now.getTime() - CLAIM_WINDOW_DAYS * DAY_MS;
  return filings.filter((f) => f.open || new Date(f.filedAt).getTime() > since);
}

/**
 * May `claimantUserId` file against a credential with these filings? One open claim per claimant and credential;
 * at most CLAIMS_PER_CREDENTIAL in the window, with the day (Asia/Shanghai) the oldest leaves it.
 */
export function filingAllowed(filings: ClaimFiling[], claimantUserId: string, now: Date): Result<ClaimFiling[], 'CLAIM_ALREADY_OPEN' | 'CLAIM_LIMIT'> {
  const recent = recentFilings(filings, now);
  if (recent.some((f) => f.open && f.claimantUserId === claimantUserId)) return err('CLAIM_ALREADY_OPEN', MESSAGES.CLAIM_ALREADY_OPEN);
  if (recent.length >= CLAIMS_PER_CREDENTIAL) {
    const oldest = Math.min(...recent.map((f) => new Date(f.filedAt).getTime()));
    const retryOn = formatDate(shanghaiDate(new Date(oldest + CLAIM_WINDOW_DAYS * DAY_MS)));
    return err('CLAIM_LIMIT', claimLimitMessage(CLAIMS_PER_CREDENTIAL, CLAIM_WINDOW_DAYS, retryOn));
  }
  return ok(recent);
}

/** The filings with one claim closed (decided). */
export function closeFiling(filings: ClaimFiling[], claimId: string): ClaimFiling[] {
  return filings.map((f) => (f.claimId === claimId ? { ...f, open: false } : f));
}

const SIGNATURES: Record<'image/jpeg' | 'image/png', number[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
};

/** A photo as sent: strict base64 of a JPEG or PNG whose first bytes say what the type says, within the size. */
export function decodeEvidence(photo: { contentType: 'image/jpeg' | 'image/png'; base64: string }): Result<Buffer, 'EVIDENCE_INVALID'> {
  const text = photo.base64.replace(/^data:image\/(jpeg|png);base64,/, '');
  if (text.length === 0 || text.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return err('EVIDENCE_INVALID', EVIDENCE_INVALID_MESSAGES.notImage);
  const bytes = Buffer.from(text, 'base64');
  if (bytes.length > EVIDENCE_MAX_BYTES) return err('EVIDENCE_INVALID', EVIDENCE_INVALID_MESSAGES.tooLarge(EVIDENCE_MAX_BYTES / 1024));
  const signature = SIGNATURES[photo.contentType];
  if (bytes.length <= signature.length || !signature.every((b, i) => bytes[i] === b)) return err('EVIDENCE_INVALID', EVIDENCE_INVALID_MESSAGES.notImage);
  return ok(bytes);
}

/** A private path per claim: nothing in it names the person. */
export function evidencePathOf(claimId: string, index: number, random: string, contentType: 'image/jpeg' | 'image/png'): string {
  return `claims/${claimId}/${index + 1}-${random}.${contentType === 'image/png' ? 'png' : 'jpg'}`;
}

// ── The review queue's cursor: the last item's filing instant and id, oldest first ───────────────────────────────

export interface QueueCursor {
  filedAt: Date;
  claimId: string;
}

export function encodeCursor(c: QueueCursor): string {
  return Buffer.from(JSON.stringify([c.filedAt.toISOString(), c.claimId]), 'utf8').toString('base64url');
}

export function decodeCursor(text: string | undefined): QueueCursor | null | 'invalid' {
  if (text === undefined || text === '') return null;
  try {
    const [at, claimId] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [unknown, unknown];
    const filedAt = new Date(String(at));
    if (typeof claimId !== 'string' || !/^cl_[0-9a-f]{24}$/.test(claimId) || Number.isNaN(filedAt.getTime())) return 'invalid';
    return { filedAt, claimId };
  } catch {
    return 'invalid';
  }
}

/** Claims after the cursor in (filedAt, _id) order: the query asks filedAt ≥ the cursor's, ties are cut here. */
export function afterCursor<T extends { _id: string; filedAt: Date }>(rows: T[], cursor: QueueCursor | null): T[] {
  const sorted = [...rows].sort((a, b) => new Date(a.filedAt).getTime() - new Date(b.filedAt).getTime() || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
  if (!cursor) return sorted;
  const at = cursor.filedAt.getTime();
  return sorted.filter((r) => new Date(r.filedAt).getTime() > at || (new Date(r.filedAt).getTime() === at && r._id > cursor.claimId));
}

// ── Approval: what the record becomes on the claimant's account ──────────────────────────────────────────────────

/**
 * The volunteer document after it moves to the claimant. Kept: everything of the record — volunteer number, hours
 * and any field a later issue adds (the document is copied whole), name, credential, birth, region, skills,
 * preferences, guardian. Replaced: the owner (userId), the phone (the claimant's, given with the claim: the other
 * account's number is that person's, not the claimant's), the privacy consent (the claimant's, at approval). Dropped:
 * the extra fields (emergency contact, introduction) and their consent, which the other account gave.
 */
export function movedVolunteer(doc: VolunteerDoc, claim: ClaimDoc, now: Date): VolunteerDoc {
  const { extra: _extra, ...rest } = doc;
  const consents: StoredConsent[] = doc.consents.map((c) => (c.kind === 'extraFields' && !c.withdrawnAt ? { ...c, withdrawnAt: now } : c));
  consents.push({ kind: 'privacy', version: claim.privacyVersion, grantedAt: now });
  return { ...rest, userId: claim.claimantUserId, phone: claim.phone, phoneHash: claim.phoneHash, consents, updatedAt: now };
}

export function myClaimView(claim: ClaimDoc, volunteerNo?: string): MyClaim {
  return {
    claimId: claim._id,
    status: claim.status,
    credentialType: claim.credentialType,
    evidenceCount: claim.evidence.length,
    evidenceRoom: claim.status === 'awaitingEvidence' || claim.status === 'pending' ? MAX_EVIDENCE - claim.evidence.length : 0,
    filedAt: new Date(claim.filedAt).toISOString(),
    ...(claim.decision ? { decidedAt: new Date(claim.decision.decidedAt).toISOString(), reason: claim.decision.reason } : {}),
    ...(claim.status === 'approved' && volunteerNo ? { volunteerNo } : {}),
  };
}
