// Pure rules of help requests besides the state machine (state.ts): the submission limit, the dispatch ranking and
// offer waves, the urgent radius, what a submission and a decision must hold. No I/O, no clock of its own.
import type { SubmitHelpRequest } from '../../typings/help';
import type { ServiceCategoryCode } from '../../typings/project';
import { SERVICE_CATEGORIES, SERVICE_OBJECTS } from '../../miniprogram/domain/codes';
import { helpWindowProblem } from '../../miniprogram/domain/help-rules';
import { validateRegionCode } from '../../miniprogram/domain/region';
import { err, ok, type Result } from '../../miniprogram/domain/result';
import { distanceM } from '../attendance/rules';
import { HELP_MESSAGES } from '../_shared/messages/help';

const DAY_MS = 86_400_000;

/**
 * Repeated unverified submissions from one account are limited (issue 12, 求助信息真实性): at most
 * MAX_AWAITING needs waiting for verification at once, and after MAX_REJECTIONS needs rejected within
 * REJECTION_WINDOW_DAYS no new one until the oldest of those leaves the window. A verified need never counts.
 */
export const SUBMISSION_LIMIT = { MAX_AWAITING: 2, MAX_REJECTIONS: 3, REJECTION_WINDOW_DAYS: 30 } as const;

/** Per account, kept in `helpRequesters/<userId>` and changed in the transactions that change its needs. */
export interface RequesterTally {
  awaiting: number;
  /** Instants of the rejections of the last window (older ones are dropped when written). */
  rejectedAt: Date[];
}

export type SubmissionCheck = { ok: true } | { ok: false; message: string; retryAfterDays?: number };

export function submissionAllowed(tally: RequesterTally, now: Date): SubmissionCheck {
  if (tally.awaiting >= SUBMISSION_LIMIT.MAX_AWAITING) return { ok: false, message: HELP_MESSAGES.tooManyAwaiting };
  const recent = recentRejections(tally.rejectedAt, now);
  if (recent.length >= SUBMISSION_LIMIT.MAX_REJECTIONS) {
    const oldest = Math.min(...recent.map((d) => d.getTime()));
    const days = Math.max(1, Math.ceil((oldest + SUBMISSION_LIMIT.REJECTION_WINDOW_DAYS * DAY_MS - now.getTime()) / DAY_MS));
    return { ok: false, message: HELP_MESSAGES.tooManyRejected(days), retryAfterDays: days };
  }
  return { ok: true };
}

export function recentRejections(rejectedAt: readonly Date[], now: Date): Date[] {
  const since = now.getTime() - SUBMISSION_LIMIT.REJECTION_WINDOW_DAYS * DAY_MS;
  return rejectedAt.filter((d) => d.getTime() > since);
}

const CATEGORY_CODES = new Set<string>(SERVICE_CATEGORIES.map((c) => c.code));
const OBJECT_CODES = new Set<string>(SERVICE_OBJECTS.map((c) => c.code));

export function isCategory(code: string): code is ServiceCategoryCode {
  return CATEGORY_CODES.has(code);
}

/** What the schema cannot say alone: codes, the region, the time window (the domain's, as the phone checks it). */
export function checkSubmission(req: SubmitHelpRequest, now: Date): Result<{ startsAt: Date; endsAt: Date }, 'HELP_INVALID'> {
  if (!isCategory(req.category)) return err('HELP_INVALID', HELP_MESSAGES.category, 'category');
  if (!OBJECT_CODES.has(req.forWhom.object)) return err('HELP_INVALID', HELP_MESSAGES.forWhom, 'forWhom.object');
  const region = validateRegionCode(req.place.regionCode);
  if (!region.ok || region.value.level !== 'county') return err('HELP_INVALID', HELP_MESSAGES.region, 'place.regionCode');
  const startsAt = new Date(req.startsAt);
  const endsAt = new Date(req.endsAt);
  const badTime = helpWindowProblem(startsAt, endsAt, now);
  if (badTime) return err('HELP_INVALID', HELP_MESSAGES[badTime.problem], badTime.field);
  return ok({ startsAt, endsAt });
}

/** An organization that takes part in dispatch, as the ranking sees it. */
export interface ResponderFacts {
  orgId: string;
  categories: readonly string[];
  base: { longitude: number; latitude: number };
  /** Needs it accepted and has not yet served. */
  openNeeds: number;
}

export interface NeedFacts {
  category: string;
  location: { longitude: number; latitude: number };
}

/**
 * Weights of the dispatch score: category fit (1 or 0), distance decaying with half-life DISTANCE_HALF_KM, load
 * shrinking as 1 / (1 + open needs). Fit weighs most: an organization that serves the category should be asked
 * first even from a little further away.
 */
export const DISPATCH_WEIGHTS = { fit: 0.5, distance: 0.3, load: 0.2 } as const;
export const DISTANCE_HALF_KM = 5;

export function dispatchScore(need: NeedFacts, r: ResponderFacts): number {
  const km = distanceM(need.location, r.base) / 1000;
  const fit = r.categories.includes(need.category) ? 1 : 0;
  const near = 0.5 ** (km / DISTANCE_HALF_KM);
  const free = 1 / (1 + Math.max(0, r.openNeeds));
  return DISPATCH_WEIGHTS.fit * fit + DISPATCH_WEIGHTS.distance * near + DISPATCH_WEIGHTS.load * free;
}

/** At most this many organizations are ranked for one need: the offers walk down this list. */
export const MAX_RANKED = 20;

/** Best first; equal scores by organization id, so the order is the same on every run. */
export function dispatchOrder(need: NeedFacts, responders: readonly ResponderFacts[]): string[] {
  return responders
    .map((r) => ({ orgId: r.orgId, score: dispatchScore(need, r) }))
    .sort((a, b) => b.score - a.score || (a.orgId < b.orgId ? -1 : a.orgId > b.orgId ? 1 : 0))
    .slice(0, MAX_RANKED)
    .map((r) => r.orgId);
}

/**
 * How many organizations hold an offer at once: one for an ordinary need (no organization is asked for what another
 * may be preparing), three for an urgent one, where speed matters more and the first to accept takes it.
 */
export function waveSize(urgent: boolean): number {
  return urgent ? 3 : 1;
}

/** The first wave of offers from the ranking. */
export function firstWave(order: readonly string[], urgent: boolean): string[] {
  return order.slice(0, waveSize(urgent));
}

/**
 * After `orgId` declines: the wave without it, topped up with the next ranked organizations never offered it.
 * `asked` lists everyone offered it so far (declined or still holding it).
 */
export function waveAfterDecline(order: readonly string[], wave: readonly string[], asked: readonly string[], orgId: string, urgent: boolean): string[] {
  const rest = wave.filter((id) => id !== orgId);
  const fresh = order.filter((id) => !asked.includes(id) && !rest.includes(id));
  return [...rest, ...fresh.slice(0, Math.max(0, waveSize(urgent) - rest.length))];
}

/** Urgent needs reach willing volunteers within their own radius, and never further than this. */
export const URGENT_RADIUS_KM = 10;
/** At most this many volunteers are told of one urgent need (the nearest). */
export const MAX_VOLUNTEERS_TOLD = 30;

/** A willing volunteer is told when the need is within both their radius and the urgent radius. */
export function withinReach(distanceMeters: number, volunteerRadiusKm: number): boolean {
  return distanceMeters <= Math.min(volunteerRadiusKm, URGENT_RADIUS_KM) * 1000;
}

/** Average stars to one decimal. */
export function averageStars(sum: number, count: number): number | undefined {
  return count > 0 ? Math.round((sum / count) * 10) / 10 : undefined;
}
