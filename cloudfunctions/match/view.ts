// What the match actions answer: names masked (RULES §8, _shared/rules/mask.ts), instants as ISO strings.
import type { MatchShiftSummary, Suggestion } from '../../typings/match';
import type { ShiftFacts } from '../_shared/matching/facts';
import { maskName } from '../_shared/rules/mask';
import type { ProjectDoc, ShiftDoc } from '../_shared/documents/project';
import type { RankedSuggestion } from './rules';

export function suggestionView(s: RankedSuggestion): Suggestion {
  return {
    candidateId: s.userId,
    nameMasked: maskName(s.name),
    reasons: s.reasons,
    invitesLeft: s.invitesLeft,
    ...(s.invitedAt ? { invitedAt: s.invitedAt.toISOString() } : {}),
  };
}

export function shiftSummary(project: ProjectDoc, shift: ShiftDoc, facts: ShiftFacts): MatchShiftSummary {
  return {
    shiftId: shift._id,
    projectId: project._id,
    projectTitle: project.title,
    startsAt: facts.startsAt.toISOString(),
    endsAt: facts.endsAt.toISOString(),
    places: shift.places,
    placesLeft: facts.placesLeft,
    ...(shift.seriesId ? { seriesId: shift.seriesId } : {}),
  };
}
