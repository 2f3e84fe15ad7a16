// match.suggest — an organization admin's suggested volunteers for a shift with places left: the project's bounded
// candidates (store.ts), only those who could join it and have not signed up, ranked by the matching core and, among
// equally good, least recently invited first (rules.ts suggestionsFor); names masked.
import { action } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { failWith } from '../_shared/messages/answers';
import { MATCH_MESSAGES } from '../_shared/messages/match';
import { invitesPerWeekFromEnv } from '../_shared/matching/invitations';
import { weightsFromEnv } from '../_shared/matching/ranking';
import { adminOf, forbidden } from './admin';
import { candidatesOf } from './candidates';
import { isOpen, suggestionsFor } from './rules';
import { suggestSchema } from './schemas';
import { candidateVolunteers, invitationsFor, shiftFactsOf, shiftWithProject, signedUpFor } from './store';
import { shiftSummary, suggestionView } from './view';

export const suggest = action('match', 'suggest', suggestSchema, async (req, ctx) => {
  const found = await shiftWithProject(ctx.db, req.shiftId);
  if (!found) return failWith('SHIFT_NOT_FOUND');
  const { shift, project } = found;
  if (!(await adminOf(ctx, shift.orgId))) return forbidden();
  const facts = (await shiftFactsOf(ctx.db, project, [shift])).get(shift._id)!;
  if (!isOpen(facts, ctx.now)) return fail('SHIFT_CLOSED', MATCH_MESSAGES.shiftClosed);

  const volunteers = await candidateVolunteers(ctx.db, project);
  const userIds = volunteers.map((v) => v.userId);
  const [candidates, signedUp, invitations] = await Promise.all([
    candidatesOf(ctx, project, volunteers),
    signedUpFor(ctx.db, shift._id, userIds),
    invitationsFor(ctx.db, shift._id, userIds),
  ]);
  const invitedAt = new Map([...invitations].map(([userId, i]) => [userId, new Date(i.createdAt)]));
  const ranked = suggestionsFor(facts, candidates, signedUp, invitedAt, weightsFromEnv(ctx.env), invitesPerWeekFromEnv(ctx.env), ctx.now);
  return ok({ shift: shiftSummary(project, shift, facts), suggestions: ranked.map(suggestionView) });
});
