// signup.markNoShow — after a shift has started an admin marks a confirmed volunteer who did not come. The marks
// count towards the organization's no-show policy (organizations.noShowPolicy; off by default). The rule is
// _shared/signup/no-show.ts, shared with attendance.markAbsent (the day-of dashboard's 标记未到).
import { inTransaction, Rollback } from '../_shared/db/db';
import { action, type Answer } from '../_shared/frame/action';
import { fail, ok, refusal } from '../_shared/frame/envelope';
import { SIGNUP_MESSAGES } from '../_shared/messages/answers';
import { markNoShowIn } from '../_shared/signup/no-show';
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
    const marked = await markNoShowIn(t, managed.signup._id, managed.adminUserId, ctx.now);
    if (!marked.ok) throw new Rollback(refusal(marked));
    return ok(rosterEntry(marked.value, volunteer));
  });
});
