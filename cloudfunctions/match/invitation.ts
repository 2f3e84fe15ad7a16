// match.invitation — the invited volunteer's view of their invitation, for 报名 (the message's link carries its id):
// the shift and whether the invitation is open, accepted (they signed up for the shift) or expired (the shift
// started, filled or was cancelled). Only the person invited sees it; to anyone else it does not exist.
import { getOrNull } from '../_shared/db/db';
import { userIdOf } from '../_shared/documents/ids';
import { signupId, type SignupDoc } from '../_shared/documents/project';
import { action } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { MATCH_MESSAGES } from '../_shared/messages/match';
import { invitationStateOf } from '../_shared/matching/invitations';
import { ACTIVE } from '../signup/rules';
import { invitationSchema } from './schemas';
import { INVITATIONS, shiftFactsOf, shiftWithProject, type InvitationDoc } from './store';

export const invitation = action('match', 'invitation', invitationSchema, async (req, ctx) => {
  const notFound = () => fail('INVITATION_NOT_FOUND', MATCH_MESSAGES.invitationNotFound);
  const found = await getOrNull<InvitationDoc>(ctx.db, INVITATIONS, req.invitationId);
  if (!found || found.userId !== userIdOf(ctx.caller.openid)) return notFound();
  const [shiftAndProject, signup] = await Promise.all([shiftWithProject(ctx.db, found.shiftId), getOrNull<SignupDoc>(ctx.db, 'signups', signupId(found.shiftId, found.userId))]);
  if (!shiftAndProject) return notFound();
  const { shift, project } = shiftAndProject;
  const facts = (await shiftFactsOf(ctx.db, project, [shift])).get(shift._id)!;
  const signedUp = signup !== null && ACTIVE.includes(signup.status);
  return ok({
    invitationId: found._id,
    shiftId: shift._id,
    projectId: project._id,
    projectTitle: project.title,
    orgName: project.orgName,
    startsAt: facts.startsAt.toISOString(),
    endsAt: facts.endsAt.toISOString(),
    state: invitationStateOf({ startsAt: facts.startsAt, cancelled: shift.cancelled || project.status !== 'recruiting', full: facts.placesLeft === 0 }, signedUp, ctx.now),
  });
});
