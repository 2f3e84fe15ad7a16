// Projects for a volunteer (为你推荐): every candidate shift checked by eligibilityOf, each eligible one scored by
// scoreOf, a project kept once with its best shift for this volunteer, the best projects first. Pure: the caller
// reads the candidates (bounded, indexed) and the volunteer's facts.
import { eligibilityOf } from './eligibility';
import type { ShiftFacts, VolunteerFacts } from './facts';
import { scoreOf, type Match, type MatchWeights } from './ranking';

export interface Recommendation {
  projectId: string;
  shift: ShiftFacts;
  match: Match;
}

/**
 * At most `limit` projects, highest score first; on equal scores the shift that starts first, then the project id,
 * so one set of facts always gives one order. Within a project the best-scoring shift (the soonest on a tie).
 */
export function recommendProjects(v: VolunteerFacts, shifts: readonly ShiftFacts[], weights: MatchWeights, now: Date, limit: number): Recommendation[] {
  const best = new Map<string, Recommendation>();
  for (const shift of shifts) {
    if (!eligibilityOf(v, shift, now).eligible) continue;
    const match = scoreOf(v, shift, weights, now);
    const kept = best.get(shift.projectId);
    if (!kept || before({ projectId: shift.projectId, shift, match }, kept)) best.set(shift.projectId, { projectId: shift.projectId, shift, match });
  }
  return [...best.values()].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0)).slice(0, Math.max(0, limit));
}

function before(a: Recommendation, b: Recommendation): boolean {
  if (a.match.score !== b.match.score) return a.match.score > b.match.score;
  const startA = a.shift.startsAt.getTime();
  const startB = b.shift.startsAt.getTime();
  if (startA !== startB) return startA < startB;
  if (a.projectId !== b.projectId) return a.projectId < b.projectId;
  return a.shift.shiftId < b.shift.shiftId;
}
