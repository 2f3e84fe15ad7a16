// Invitations to a shift (issue 12, "Fair and bounded"): who is asked first, how many a person may receive in a week,
// and when an invitation no longer holds. Pure: no I/O, the time is passed in. The match function writes what these
// decide (cloudfunctions/match/README.md).
import { shanghaiClock, shanghaiInstant } from '../../../miniprogram/domain/calendar';

/** Invitations a person may receive per Asia/Shanghai ISO week unless ZY_INVITES_PER_WEEK says otherwise. */
export const DEFAULT_INVITES_PER_WEEK = 3;
const MAX_INVITES_PER_WEEK = 50;

/**
 * The weekly cap a deployment configured (unset or blank: the default). A value that is not a whole number from 1 to
 * 50 is a deployment error, so it fails loudly rather than inviting under a cap nobody chose.
 */
export function invitesPerWeekFromEnv(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.ZY_INVITES_PER_WEEK?.trim();
  if (!raw) return DEFAULT_INVITES_PER_WEEK;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > MAX_INVITES_PER_WEEK) {
    throw new Error(`ZY_INVITES_PER_WEEK must be a whole number from 1 to ${MAX_INVITES_PER_WEEK}, got "${raw}"`);
  }
  return Number(raw);
}

export interface IsoWeek {
  /** e.g. 2026-W49: the ISO week-numbering year and week, as Asia/Shanghai's calendar has them. */
  key: string;
  /** Monday 00:00 Asia/Shanghai, as an instant. */
  startsAt: Date;
}

const DAY_MS = 86_400_000;

/** The Asia/Shanghai ISO week (Monday first; week 1 holds the year's first Thursday) an instant falls in. */
export function shanghaiIsoWeekOf(instant: Date): IsoWeek {
  const today = shanghaiClock(instant).startOf('day');
  const isoWeekday = ((today.day() + 6) % 7) + 1; // Monday 1 … Sunday 7
  const monday = today.subtract(isoWeekday - 1, 'day');
  const thursday = monday.add(3, 'day');
  const year = thursday.year();
  const firstJanuary = Date.UTC(year, 0, 1);
  const week = Math.floor((thursday.valueOf() - firstJanuary) / DAY_MS / 7) + 1;
  return { key: `${year}-W${String(week).padStart(2, '0')}`, startsAt: shanghaiInstant(monday) };
}

/** What is kept per person (collection `inviteLedgers`, _id the user id): this week's count and the last invitation. */
export interface InviteLedger {
  week: string;
  count: number;
  lastInvitedAt: Date;
}

/** Invitations the person may still receive this week. */
export function invitesLeft(ledger: InviteLedger | null, now: Date, cap: number): number {
  if (!ledger || ledger.week !== shanghaiIsoWeekOf(now).key) return cap;
  return Math.max(0, cap - ledger.count);
}

/** The ledger after one more invitation now (a new week starts counting from zero). */
export function ledgerAfterInvite(ledger: InviteLedger | null, now: Date): InviteLedger {
  const week = shanghaiIsoWeekOf(now).key;
  return { week, count: ledger && ledger.week === week ? ledger.count + 1 : 1, lastInvitedAt: now };
}

/** Scores this close are equally good: the order among them is fairness's, not noise in the last digits. */
export const SCORE_BAND = 0.01;

export interface RankedCandidate {
  userId: string;
  score: number;
  /** When they were last invited to anything; absent: never. */
  lastInvitedAt?: Date;
}

/**
 * Best first; among equally good candidates (the same SCORE_BAND), those invited least recently first, those never
 * invited before everyone else; then by user id, so the order is the same on every call.
 */
export function fairOrder<C extends RankedCandidate>(candidates: readonly C[]): C[] {
  const band = (c: RankedCandidate): number => Math.round(c.score / SCORE_BAND);
  const invitedAt = (c: RankedCandidate): number => (c.lastInvitedAt ? c.lastInvitedAt.getTime() : Number.NEGATIVE_INFINITY);
  return [...candidates].sort((a, b) => band(b) - band(a) || invitedAt(a) - invitedAt(b) || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
}

/**
 * The cost the series assignment minimises for giving a shift to a candidate (assignment.ts: non-negative integers,
 * lower is better): the score's shortfall from `maxScore` (the weights' sum, the best any match can score) in
 * SCORE_BAND steps, plus one step for each day under RECENCY_DAYS since their last invitation, so that someone
 * invited yesterday costs more than someone invited a month ago (fairness), bounded so fit still leads.
 */
export function assignmentCostOf(c: RankedCandidate, maxScore: number, now: Date): number {
  const shortfall = Math.max(0, Math.round((maxScore - c.score) / SCORE_BAND));
  if (!c.lastInvitedAt) return shortfall;
  const daysAgo = Math.max(0, (now.getTime() - c.lastInvitedAt.getTime()) / DAY_MS);
  return shortfall + Math.max(0, RECENCY_DAYS - Math.floor(daysAgo));
}
/** Invitations older than this many days no longer count against anyone in the series assignment's cost. */
export const RECENCY_DAYS = 28;

/** One invitation per person per shift: a retried or repeated invite finds it and changes nothing. */
export function invitationIdOf(shiftId: string, userId: string): string {
  return `${shiftId}__${userId}`;
}

export type InvitationState = 'open' | 'accepted' | 'expired';

export interface InvitedShift {
  startsAt: Date;
  cancelled: boolean;
  /** Every place taken when last decided (the signup function's `capacity.full`). */
  full: boolean;
}

/**
 * An invitation holds until the shift starts or fills (or is cancelled); the person's own sign-up for it, whatever
 * came of it, makes it accepted.
 */
export function invitationStateOf(shift: InvitedShift, signedUp: boolean, now: Date): InvitationState {
  if (signedUp) return 'accepted';
  if (shift.cancelled || shift.full || now.getTime() >= shift.startsAt.getTime()) return 'expired';
  return 'open';
}
