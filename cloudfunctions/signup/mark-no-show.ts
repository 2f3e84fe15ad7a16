// signup.markNoShow — after a shift has started an admin marks a confirmed volunteer who did not come. The marks
// count towards the organization's no-show policy (organizations.noShowPolicy; off by default). Issue 9's check-in
// will mark them from attendance.
import { getOrNull, inTransaction, Rollback } from '../_shared/db/db';
import type { SignupDoc } from '../_shared/documents/project';
import { action, type Answer } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { SIGNUP_MESSAGES } from '../_shared/messages/answers';
import { SIGNUPS, writeSignup } from '../_shared/signup/places';
import { forbidden, managedSignup } from './admin';
import { signupRefSchema } from './schemas';
import { volunteersByUser } from './store';
import { rosterEntry } from './view';

type MarkAnswer = Answer<'signup', 'markNoShow'>;

export const markNoShow = action('signup', 'markNoShow', signupRefSchema, async (req, ctx) => {
  const managed = await managedSignup(ctx, req.signupId);
  if (managed === 'notFound') return fail('SIGNUP_NOT_FOUND', SIGNUP_MESSAGES.signupNotFound);
  if (managed === 'forbidden') return forbidden();
  const volunteer = (await volunteersByUser(ctx.db, [managed.signup.userId])).get(managed.signup.userId);
  return inTransaction<MarkAnswer, MarkAnswer>(ctx.db, async (t) => {
    const current = await getOrNull<SignupDoc>(t, SIGNUPS, managed.signup._id);
    if (!current) throw new Rollback(fail('SIGNUP_NOT_FOUND', SIGNUP_MESSAGES.signupNotFound));
    if (current.noShow) throw new Rollback(ok(rosterEntry(current, volunteer)));
    if (current.status !== 'confirmed') throw new Rollback(fail('NOT_CONFIRMED', SIGNUP_MESSAGES.notConfirmed));
    if (ctx.now.getTime() < current.startsAt.getTime()) throw new Rollback(fail('SHIFT_NOT_STARTED', SIGNUP_MESSAGES.shiftNotStarted));
    const next: SignupDoc = { ...current, noShow: { markedAt: ctx.now, markedBy: managed.adminUserId }, updatedAt: ctx.now };
    await writeSignup(t, next);
    return ok(rosterEntry(next, volunteer));
  });
});
