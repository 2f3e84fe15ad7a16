// The match function's decisions, pure: which candidates a shift is suggested (eligible, not signed up, invitable),
// in what order, and the series assistant's assignment problem. Eligibility and score are the matching core's
// (_shared/matching/eligibility.ts, ranking.ts); fairness and the cap are invitations.ts; the flow is assignment.ts.
import type { MatchReason } from '../../typings/project-foryou';
import type { AssignmentProblem } from '../_shared/matching/assignment';
import { eligibilityOf } from '../_shared/matching/eligibility';
import type { ShiftFacts, VolunteerFacts } from '../_shared/matching/facts';
import { assignmentCostOf, fairOrder, invitesLeft, type InviteLedger } from '../_shared/matching/invitations';
import { scoreOf, type MatchWeights } from '../_shared/matching/ranking';

/** Suggestions shown for one shift: enough to fill a few shifts' places, small enough for one screen's payload. */
export const MAX_SUGGESTIONS = 30;

/**
 * The series assistant's extra cost for each further shift given to the same person, in score bands (0.01): half
 * a point of score, so places are spread over people unless one person fits far better.
 */
export const SERIES_LOAD_COST = 50;

/** The most shifts of one series proposed to one person, whatever their weekly allowance. */
export const MAX_SERIES_SHIFTS_PER_PERSON = 5;

/** A shift is open to suggestions and invitations while someone could still join it (eligibility's first checks). */
export function isOpen(s: ShiftFacts, now: Date): boolean {
  return s.status === 'recruiting' && !s.cancelled && s.placesLeft > 0 && now.getTime() < s.startsAt.getTime();
}

export interface Candidate {
  volunteer: VolunteerFacts;
  name: string;
  ledger: InviteLedger | null;
}

export interface RankedSuggestion {
  userId: string;
  name: string;
  score: number;
  reasons: MatchReason[];
  lastInvitedAt?: Date;
  invitesLeft: number;
  invitedAt?: Date;
}

/**
 * The suggestions for a shift, best first and, among equally good, least recently invited first: only people who
 * could join it (eligibilityOf), never one who signed up for it, and only people who may still be invited this week
 * — or were invited to this very shift already (shown as such).
 */
export function suggestionsFor(
  shift: ShiftFacts,
  candidates: readonly Candidate[],
  signedUp: ReadonlySet<string>,
  invitedAt: ReadonlyMap<string, Date>,
  weights: MatchWeights,
  cap: number,
  now: Date,
): RankedSuggestion[] {
  const ranked: RankedSuggestion[] = [];
  for (const c of candidates) {
    const userId = c.volunteer.userId;
    if (signedUp.has(userId) || !eligibilityOf(c.volunteer, shift, now).eligible) continue;
    const left = invitesLeft(c.ledger, now, cap);
    const invited = invitedAt.get(userId);
    if (left === 0 && !invited) continue;
    const { score, reasons } = scoreOf(c.volunteer, shift, weights, now);
    ranked.push({
      userId,
      name: c.name,
      score,
      reasons,
      invitesLeft: left,
      ...(c.ledger ? { lastInvitedAt: c.ledger.lastInvitedAt } : {}),
      ...(invited ? { invitedAt: invited } : {}),
    });
  }
  return fairOrder(ranked).slice(0, MAX_SUGGESTIONS);
}

/** The best score any match can reach: every part at 1 (ranking.ts), so the weights' sum. */
export function maxScoreOf(w: MatchWeights): number {
  return w.distance + w.skill + w.intention + w.availability + w.need;
}

/**
 * The series' assignment problem: willing pairs are the open shifts each candidate could join and has not signed up
 * for or been invited to; a person's limit is what they may still receive this week (capped); a pair costs its
 * score's shortfall plus the recency of their last invitation (invitations.ts assignmentCostOf).
 */
export function seriesProblem(
  shifts: readonly ShiftFacts[],
  candidates: readonly Candidate[],
  excluded: ReadonlyMap<string, ReadonlySet<string>>,
  weights: MatchWeights,
  cap: number,
  now: Date,
): AssignmentProblem {
  const open = shifts.filter((s) => isOpen(s, now));
  const maxScore = maxScoreOf(weights);
  const pairs: AssignmentProblem['pairs'] = [];
  for (const c of candidates) {
    for (const s of open) {
      if (excluded.get(s.shiftId)?.has(c.volunteer.userId)) continue;
      if (!eligibilityOf(c.volunteer, s, now).eligible) continue;
      const { score } = scoreOf(c.volunteer, s, weights, now);
      pairs.push({ volunteerId: c.volunteer.userId, shiftId: s.shiftId, cost: assignmentCostOf({ userId: c.volunteer.userId, score, ...(c.ledger ? { lastInvitedAt: c.ledger.lastInvitedAt } : {}) }, maxScore, now) });
    }
  }
  return {
    volunteers: candidates.map((c) => ({ id: c.volunteer.userId, limit: Math.min(MAX_SERIES_SHIFTS_PER_PERSON, invitesLeft(c.ledger, now, cap)) })),
    shifts: open.map((s) => ({ id: s.shiftId, startsAt: s.startsAt.getTime(), endsAt: s.endsAt.getTime(), placesLeft: s.placesLeft })),
    pairs,
    loadCost: SERIES_LOAD_COST,
  };
}
