// signup.withdraw — the volunteer withdraws (条例 Art. 22: they tell the organization, the place is freed). Until the
// project's cut-off it is a plain withdrawal; after it, or once the shift has started, it is recorded as late.
// Nothing is deleted: the sign-up keeps its history. The organization's admins are told; a held place goes to the
// first in line. signup.releasePlace (place-check.ts, after the 24-hour reminder) is this same withdrawal.
import type { WithdrawError } from '../../typings/signup';
import { registeredVolunteer } from '../_shared/db/people';
import type { SignupDoc } from '../_shared/documents/project';
import { action, type ActionContext } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { SIGNUP_MESSAGES } from '../_shared/messages/answers';
import { toAdmin } from '../_shared/messages/signup-notifications';
import { changed, factsOf } from '../_shared/signup/places';
import { err, ok as okResult } from '../../miniprogram/domain/result';
import { withdrawal } from './rules';
import { signupRefSchema } from './schemas';
import { adminsOf, projectOf, signupOf } from './store';
import { endHold } from './transitions';
import { signupView } from './view';

export const withdraw = action('signup', 'withdraw', signupRefSchema, async (req, ctx) => {
  const answer = await withdrawMine(ctx, req.signupId);
  return answer.ok ? ok(signupView(answer.data)) : answer;
});

/** The caller withdraws their own sign-up `signupId`: anyone else's is not found. Answers the sign-up after it. */
export async function withdrawMine(
  ctx: ActionContext,
  signupId: string,
): Promise<{ ok: true; data: SignupDoc } | { ok: false; error: { code: WithdrawError | 'SIGNUP_NOT_FOUND'; message: string; field?: string } }> {
  const me = await registeredVolunteer(ctx);
  const found = me ? await signupOf(ctx.db, signupId) : null;
  if (!me || !found || found.userId !== me.userId) return fail('SIGNUP_NOT_FOUND', SIGNUP_MESSAGES.signupNotFound);
  const [project, admins] = await Promise.all([projectOf(ctx.db, found.projectId), adminsOf(ctx.db, found.orgId)]);
  return endHold(ctx.db, found, ctx.now, (current) => {
    // Withdrawn already (a second tap): answered as it stands.
    if (current.status === 'withdrawn') return okResult({ next: current, tell: () => [] });
    const outcome = withdrawal(current.status, current, project?.cancelCutoffHours, ctx.now);
    if (!outcome.ok) return err(outcome.code, outcome.message);
    const next = changed(current, 'withdrawn', outcome.value.reason, ctx.now, outcome.value.late ? { late: true } : {});
    return okResult({
      next,
      tell: (n) => admins.map((admin) => toAdmin('signup.withdrawn', factsOf(n, n.history.length), admin, me.volunteer.name, outcome.value.late)),
    });
  });
}
