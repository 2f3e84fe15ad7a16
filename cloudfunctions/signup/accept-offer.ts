// signup.acceptOffer — the first in line confirms the place offered to them before the offer runs out. Approval by
// rules or by hand still applies: a confirmed offer is then held for the admins' decision.
import { getOrNull, inTransaction, Rollback } from '../_shared/db/db';
import { registeredVolunteer } from '../_shared/db/people';
import type { SignupDoc } from '../_shared/documents/project';
import { action, type Answer } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { SIGNUP_MESSAGES } from '../_shared/messages/answers';
import { enqueue } from '../_shared/messages/outbox';
import { toAdmin, toVolunteer } from '../_shared/messages/signup-notifications';
import { changed, factsOf, otherHolds, scheduleOf, SIGNUPS, writeSignup } from '../_shared/signup/places';
import { firstOverlap, placedStatus, REASONS, shiftTimeText } from './rules';
import { signupRefSchema } from './schemas';
import { adminsOf, projectOf, signupsAtOrg } from './store';
import { signupView } from './view';

type AcceptAnswer = Answer<'signup', 'acceptOffer'>;

export const acceptOffer = action('signup', 'acceptOffer', signupRefSchema, async (req, ctx) => {
  const me = await registeredVolunteer(ctx);
  if (!me) return fail('SIGNUP_NOT_FOUND', SIGNUP_MESSAGES.signupNotFound);
  const found = await getOrNull<SignupDoc>(ctx.db, SIGNUPS, req.signupId);
  if (!found || found.userId !== me.userId) return fail('SIGNUP_NOT_FOUND', SIGNUP_MESSAGES.signupNotFound);
  const project = await projectOf(ctx.db, found.projectId);
  if (!project) return fail('SIGNUP_NOT_FOUND', SIGNUP_MESSAGES.signupNotFound);
  const servedBefore = (await signupsAtOrg(ctx.db, me.userId, found.orgId)).some((s) => s.status === 'confirmed' && !s.noShow && s.endsAt.getTime() <= ctx.now.getTime());
  const placed = placedStatus(project.approvalMode, servedBefore);
  const admins = placed.status === 'pending' ? await adminsOf(ctx.db, found.orgId) : [];

  return inTransaction<AcceptAnswer, AcceptAnswer>(ctx.db, async (t) => {
    const current = await getOrNull<SignupDoc>(t, SIGNUPS, found._id);
    if (!current) throw new Rollback(fail('SIGNUP_NOT_FOUND', SIGNUP_MESSAGES.signupNotFound));
    // A second tap after the first confirmed: the same answer, nothing written.
    if (current.status === 'confirmed' || current.status === 'pending') {
      if (current.history.some((h) => h.status === 'offered')) throw new Rollback(ok(signupView(current)));
    }
    if (current.status === 'expired' && current.history.at(-1)?.status === 'offered') throw new Rollback(fail('OFFER_EXPIRED', SIGNUP_MESSAGES.offerExpired));
    if (current.status !== 'offered') throw new Rollback(fail('NOT_OFFERED', SIGNUP_MESSAGES.notOffered));
    if (!current.offerExpiresAt || current.offerExpiresAt.getTime() <= ctx.now.getTime()) throw new Rollback(fail('OFFER_EXPIRED', SIGNUP_MESSAGES.offerExpired));
    const clash = firstOverlap(otherHolds(await scheduleOf(t, current.userId), current._id), current);
    if (clash) throw new Rollback(fail('TIME_OVERLAP', SIGNUP_MESSAGES.overlap(clash.projectTitle, shiftTimeText(clash))));

    const reason = placed.status === 'confirmed' ? REASONS.confirmedOffer : placed.reason;
    const next = changed(current, placed.status, reason, ctx.now);
    delete next.offerExpiresAt;
    await writeSignup(t, next);
    const facts = factsOf(next, next.history.length);
    await enqueue(t, toVolunteer(placed.status === 'confirmed' ? 'signup.confirmed' : 'signup.pending', facts, reason), ctx.now);
    for (const admin of admins) await enqueue(t, toAdmin('signup.awaitingApproval', facts, admin, me.volunteer.name), ctx.now);
    return ok(signupView(next));
  });
});
