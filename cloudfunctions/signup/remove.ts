// signup.remove — an admin removes a volunteer from a shift with a reason the volunteer is told. The sign-up is kept
// (status removed, its history), a held place goes to the first in line.
import { action } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { SIGNUP_MESSAGES } from '../_shared/messages/answers';
import { toVolunteer } from '../_shared/messages/signup-notifications';
import { changed, factsOf } from '../_shared/signup/places';
import { err, ok as okResult } from '../../miniprogram/domain/result';
import { forbidden, managedSignup } from './admin';
import { ACTIVE, cleanReason, REASONS } from './rules';
import { removeSchema } from './schemas';
import { volunteersByUser } from './store';
import { endHold } from './transitions';
import { rosterEntry } from './view';

export const remove = action('signup', 'remove', removeSchema, async (req, ctx) => {
  const reason = cleanReason(req.reason);
  if (!reason) return fail('REASON_REQUIRED', SIGNUP_MESSAGES.reasonRequired, 'reason');
  const managed = await managedSignup(ctx, req.signupId);
  if (managed === 'notFound') return fail('SIGNUP_NOT_FOUND', SIGNUP_MESSAGES.signupNotFound);
  if (managed === 'forbidden') return forbidden();
  const answer = await endHold(ctx.db, managed.signup, ctx.now, (current) => {
    if (current.status === 'removed') return okResult({ next: current, tell: () => [] });
    if (!ACTIVE.includes(current.status)) return err('NOT_REMOVABLE' as const, SIGNUP_MESSAGES.notRemovable);
    const next = changed(current, 'removed', REASONS.removed(reason), ctx.now, {}, managed.adminUserId);
    return okResult({ next, tell: (n) => [toVolunteer('signup.removed', factsOf(n, n.history.length), n.reason)] });
  });
  if (!answer.ok) return answer;
  const volunteers = await volunteersByUser(ctx.db, [answer.data.userId]);
  return ok(rosterEntry(answer.data, volunteers.get(answer.data.userId)));
});
