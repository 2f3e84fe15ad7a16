// match.seriesProposal — the series assistant: for a recurring series (the shifts one repeat rule made), the
// assignment of willing volunteers to its open shifts that fills the most places, fairest among those
// (_shared/matching/assignment.ts, min-cost max-flow; rules.ts seriesProblem builds it). Nothing is written: the
// admin reviews the proposal and sends it through match.invite, which decides every pair again.
import { action } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { MATCH_MESSAGES } from '../_shared/messages/match';
import { proposeAssignment } from '../_shared/matching/assignment';
import { invitesPerWeekFromEnv } from '../_shared/matching/invitations';
import { weightsFromEnv } from '../_shared/matching/ranking';
import { maskName } from '../_shared/rules/mask';
import { getOrNull } from '../_shared/db/db';
import type { ProjectDoc } from '../_shared/documents/project';
import { adminOf, forbidden } from './admin';
import { candidatesOf } from './candidates';
import { isOpen, seriesProblem } from './rules';
import { seriesProposalSchema } from './schemas';
import { candidateVolunteers, invitationsFor, seriesShifts, shiftFactsOf, signedUpFor } from './store';

export const seriesProposal = action('match', 'seriesProposal', seriesProposalSchema, async (req, ctx) => {
  const all = await seriesShifts(ctx.db, req.seriesId);
  const project = all.length > 0 ? await getOrNull<ProjectDoc>(ctx.db, 'projects', all[0]!.projectId) : null;
  if (!project) return fail('SERIES_NOT_FOUND', MATCH_MESSAGES.seriesNotFound);
  if (!(await adminOf(ctx, project.orgId))) return forbidden();

  const factsById = await shiftFactsOf(ctx.db, project, all);
  const open = all.filter((s) => isOpen(factsById.get(s._id)!, ctx.now));
  const volunteers = await candidateVolunteers(ctx.db, project);
  const userIds = volunteers.map((v) => v.userId);
  // Per open shift, who signed up for it or was invited to it already: not proposed for it again.
  const [candidates, excludedLists] = await Promise.all([
    candidatesOf(ctx, project, volunteers),
    Promise.all(
      open.map(async (s) => {
        const [signedUp, invited] = await Promise.all([signedUpFor(ctx.db, s._id, userIds), invitationsFor(ctx.db, s._id, userIds)]);
        return [s._id, new Set([...signedUp, ...invited.keys()])] as const;
      }),
    ),
  ]);
  const problem = seriesProblem(open.map((s) => factsById.get(s._id)!), candidates, new Map(excludedLists), weightsFromEnv(ctx.env), invitesPerWeekFromEnv(ctx.env), ctx.now);
  const assignment = proposeAssignment(problem);
  const names = new Map(candidates.map((c) => [c.volunteer.userId, c.name]));
  return ok({
    projectId: project._id,
    projectTitle: project.title,
    shifts: open.map((s) => {
      const facts = factsById.get(s._id)!;
      return {
        shiftId: s._id,
        startsAt: facts.startsAt.toISOString(),
        endsAt: facts.endsAt.toISOString(),
        placesLeft: facts.placesLeft,
        proposed: assignment.pairs.filter((p) => p.shiftId === s._id).map((p) => ({ candidateId: p.volunteerId, nameMasked: maskName(names.get(p.volunteerId) ?? '') })),
      };
    }),
    filled: assignment.filled,
    placesLeft: open.reduce((n, s) => n + factsById.get(s._id)!.placesLeft, 0),
    candidates: new Set(problem.pairs.map((p) => p.volunteerId)).size,
    optimal: assignment.exact,
  });
});
