// After the 24-hour reminder (cloudfunctions/reminder): the volunteer opens one of their sign-ups (placeCheck) and
// either confirms they will come (confirmPlace: recorded on the sign-up, shown on the organization's roster) or
// releases the place (releasePlace: the withdrawal of withdraw.ts, which offers the place to the first in line).
import type { PlaceCheckView } from '../../typings/signup-reminder';
import { getOrNull, inTransaction, Rollback } from '../_shared/db/db';
import { registeredVolunteer } from '../_shared/db/people';
import type { ProjectDoc, SignupDoc } from '../_shared/documents/project';
import { action, type ActionContext } from '../_shared/frame/action';
import { fail, ok, refusal } from '../_shared/frame/envelope';
import { SIGNUP_MESSAGES } from '../_shared/messages/answers';
import { PLACE_CHECK_MESSAGES } from '../_shared/messages/reminder-notifications';
import { SIGNUPS } from '../_shared/signup/places';
import { placeConfirmation, placeOf, placeCheckState } from './place-rules';
import { signupRefSchema } from './schemas';
import { projectOf, signupOf } from './store';
import { signupView } from './view';
import { withdrawMine } from './withdraw';

export const placeCheck = action('signup', 'placeCheck', signupRefSchema, async (req, ctx) => {
  const mine = await mySignup(ctx, req.signupId);
  if (!mine) return notFound();
  return ok(await viewOf(ctx, mine));
});

export const confirmPlace = action('signup', 'confirmPlace', signupRefSchema, async (req, ctx) => {
  const mine = await mySignup(ctx, req.signupId);
  if (!mine) return notFound();
  const answer = await inTransaction(ctx.db, async (t) => {
    const current = await getOrNull<SignupDoc>(t, SIGNUPS, mine._id);
    if (!current) throw new Rollback(notFound());
    const decided = placeConfirmation(current, ctx.now, PLACE_CHECK_MESSAGES);
    if (!decided.ok) throw new Rollback(refusal(decided));
    // Confirmed before (a second tap, a retry): the first confirmation stands.
    if (decided.value.alreadyConfirmed) return ok(current);
    // The sign-up's own document, in a transaction: a withdrawal at the same moment conflicts and one of them retries.
    await t.collection(SIGNUPS).doc(current._id).update({ data: { placeConfirmedAt: ctx.now } });
    return ok({ ...current, placeConfirmedAt: ctx.now });
  });
  return answer.ok ? ok(await viewOf(ctx, answer.data)) : answer;
});

export const releasePlace = action('signup', 'releasePlace', signupRefSchema, async (req, ctx) => {
  const answer = await withdrawMine(ctx, req.signupId);
  return answer.ok ? ok(await viewOf(ctx, answer.data)) : answer;
});

/** The caller's own sign-up; anyone else's is answered as not found. */
async function mySignup(ctx: ActionContext, signupId: string): Promise<SignupDoc | null> {
  const me = await registeredVolunteer(ctx);
  const found = me ? await signupOf(ctx.db, signupId) : null;
  return me && found && found.userId === me.userId ? found : null;
}

async function viewOf(ctx: ActionContext, s: SignupDoc): Promise<PlaceCheckView> {
  const project: ProjectDoc | null = await projectOf(ctx.db, s.projectId);
  return {
    signup: signupView(s),
    place: project ? placeOf(project) : '',
    ...(s.placeConfirmedAt && s.status === 'confirmed' ? { placeConfirmedAt: s.placeConfirmedAt.toISOString() } : {}),
    ...placeCheckState(s, ctx.now),
  };
}

const notFound = () => fail('SIGNUP_NOT_FOUND', SIGNUP_MESSAGES.signupNotFound);
