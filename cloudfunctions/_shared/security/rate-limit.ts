// Per-caller limits on actions that can be abused: guessing whose ID number is registered (registration and a change
// of identity answer CREDENTIAL_TAKEN), squatting organizations, scraping the organization search, guessing
// invitation codes, guessing a project's sign-up password, gathering requesters' phones (help.contact). A fixed window per caller and kind, counted in the database (`rateLimits`) because function
// instances share nothing: the first attempt of a window starts it, and past `limit` attempts the caller is told when
// the window ends. Every attempt that reaches the handler counts, refused or not; a replayed retry of one request
// does not (frame/idempotency.ts answers it first).
import { createHash } from 'node:crypto';
import type { ActionName, FunctionName } from '../../../typings';
import { getOrNull, inTransaction, type Database } from '../db/db';
import type { RateLimitDoc } from '../documents/request';
import { rateLimitedMessage } from '../messages/answers';

export interface RateLimit {
  /** Actions sharing a bucket share one count. */
  bucket: string;
  limit: number;
  windowSeconds: number;
}

/** Registration attempts and identity changes: both can test whether an ID number is registered. */
const IDENTITY: RateLimit = { bucket: 'identity', limit: 10, windowSeconds: 3600 };
/** Looking an invitation up and accepting one: both tell whether a guessed code exists. */
const INVITATION: RateLimit = { bucket: 'invitation', limit: 20, windowSeconds: 600 };

/** Verifying certificates (certificate.verify, and its plain-URL page per client address). */
export const VERIFY: RateLimit = { bucket: 'certificateVerify', limit: 30, windowSeconds: 60 };

export type RateLimitTable = { [F in FunctionName]?: { [A in ActionName<F>]?: RateLimit } };

export const RATE_LIMITS: RateLimitTable = {
  // Filing a claim tells whether a name and number match a record: 5 a day per caller (the per-credential limit,
  // 3 in 30 days, is the claim's own: volunteer/claim-rules.ts). Photos: 20 an hour.
  volunteer: {
    register: IDENTITY,
    changeIdentity: IDENTITY,
    fileClaim: { bucket: 'claim', limit: 5, windowSeconds: 86_400 },
    addClaimEvidence: { bucket: 'claimEvidence', limit: 20, windowSeconds: 3600 },
    // The card as an image (issue 10): each proof asks WeChat for a mini-program code (5,000 a minute per app, its
    // documented limit), so 20 an hour per volunteer; checking a code tells whether a guessed tag is right, so 60 in
    // 10 minutes per caller — ample for a desk checking a queue of cards, nowhere near 2^70 guesses.
    cardProof: { bucket: 'cardProof', limit: 20, windowSeconds: 3600 },
    verifyCard: { bucket: 'cardVerify', limit: 60, windowSeconds: 600 },
  },
  organization: {
    register: { bucket: 'organizationRegister', limit: 10, windowSeconds: 3600 },
    // A claim puts photos in storage and work in the reviewers' queue: three a day.
    claimUscc: { bucket: 'organizationClaim', limit: 3, windowSeconds: 86_400 },
    search: { bucket: 'organizationSearch', limit: 30, windowSeconds: 60 },
    inviteInfo: INVITATION,
    acceptInvite: INVITATION,
  },
  // A sign-up answers whether a guessed project password is right (scope `password`), and each one is a transaction
  // on a shift's shards: 20 in 10 minutes per caller, ample for a whole series (at most 8–10 shifts) with refusals
  // and second tries, far below what guessing a password or flooding a hot shift needs.
  signup: {
    signup: { bucket: 'signup', limit: 20, windowSeconds: 600 },
  },
  records: {
    // Guessing hour codes: 10 tries in 10 minutes leaves ~10^9 guesses per hit of one of 500 live codes.
    redeemHourCode: { bucket: 'hourCode', limit: 10, windowSeconds: 600 },
    // Declarations and make-ups put photos in storage and work in an organization's queue (an admin makes more).
    declare: { bucket: 'declaration', limit: 20, windowSeconds: 86_400 },
    makeup: { bucket: 'makeup', limit: 50, windowSeconds: 86_400 },
  },
  certificate: {
    // Each number tried is a look-up in the register: 30 a minute is ample for checking a pile of certificates by
    // hand, and far too slow to walk a region's numbers.
    verify: VERIFY,
    // Each new period asked for takes a register number (and later a PDF's work); a retry of one asks nothing new.
    request: { bucket: 'certificateRequest', limit: 30, windowSeconds: 3600 },
    // Every seal upload puts a file in storage: 20 a day per admin is ample for finding the right image.
    uploadSeal: { bucket: 'certificateSeal', limit: 20, windowSeconds: 86_400 },
  },
  help: {
    // Each reveal is a requester's phone in full (RULES §8). A verifier works a county's queue calling a handful of
    // people an hour, an organization on an event day a few, each perhaps twice (no answer, call back; every tap is a
    // reveal): 30 an hour per caller covers the busiest desk with redials, and holds an account that is scraping
    // phones to 30 an hour — each of them recorded and shown to the requester in 我的求助.
    contact: { bucket: 'helpContact', limit: 30, windowSeconds: 3600 },
  },
};

export function rateLimitOf(fn: string, action: string): RateLimit | undefined {
  const actions = (RATE_LIMITS as Record<string, Record<string, RateLimit | undefined> | undefined>)[fn];
  return actions && Object.prototype.hasOwnProperty.call(actions, action) ? actions[action] : undefined;
}

export function rateLimitDocId(openid: string, bucket: string): string {
  return `rl_${createHash('sha256').update(`rate-limit\n${openid}\n${bucket}`, 'utf8').digest('hex').slice(0, 40)}`;
}

export type Attempt = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

/** Count one attempt of `openid` against `limit` at `now`. */
export function takeAttempt(db: Database, openid: string, limit: RateLimit, now: Date): Promise<Attempt> {
  const windowMs = limit.windowSeconds * 1000;
  const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
  const id = rateLimitDocId(openid, limit.bucket);
  return inTransaction<Attempt>(db, async (t) => {
    const current = await getOrNull<RateLimitDoc>(t, 'rateLimits', id);
    const inWindow = current !== null && new Date(current.windowStart).getTime() === windowStart;
    const count = inWindow ? current.count : 0;
    if (count >= limit.limit) return { allowed: false, retryAfterSeconds: Math.ceil((windowStart + windowMs - now.getTime()) / 1000) };
    const next: Omit<RateLimitDoc, '_id'> = { windowStart: new Date(windowStart), count: count + 1, expiresAt: new Date(windowStart + windowMs) };
    await t.collection('rateLimits').doc(id).set({ data: next });
    return { allowed: true, remaining: limit.limit - count - 1 };
  });
}

export { retryAfterText } from '../messages/answers';

export function rateLimited(retryAfterSeconds: number): { ok: false; error: { code: 'RATE_LIMITED'; message: string; retryAfterSeconds: number } } {
  return { ok: false, error: { code: 'RATE_LIMITED', message: rateLimitedMessage(retryAfterSeconds), retryAfterSeconds } };
}
