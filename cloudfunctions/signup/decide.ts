// signup.decide — an admin approves or declines pending sign-ups, up to 100 per call, each in its own transaction
// (CloudBase transactions are single-document operations, and one refusal must not undo the others). A decline
// frees the place for the first in line and tells the volunteer the reason.
import { action } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { FORBIDDEN_SIGNUP_MESSAGES, SIGNUP_MESSAGES } from '../_shared/messages/answers';
import { toVolunteer } from '../_shared/messages/signup-notifications';
import { changed, factsOf, settle } from '../_shared/signup/places';
import { err, ok as okResult } from '../../miniprogram/domain/result';
import type { DecideSignupsResponse } from '../../typings/signup';
import { cleanReason, REASONS } from './rules';
import { decideSchema } from './schemas';
import { isActiveAdmin, signupOf } from './store';
import { endHold } from './transitions';
import { userIdOf } from '../_shared/documents/ids';

export const decide = action('signup', 'decide', decideSchema, async (req, ctx) => {
  const reason = cleanReason(req.reason);
  if (req.decision === 'decline' && !reason) return fail('REASON_REQUIRED', SIGNUP_MESSAGES.reasonRequired, 'reason');
  const adminUserId = userIdOf(ctx.caller.openid);
  const adminOf = new Map<string, boolean>();
  const settled = new Set<string>();
  const results: DecideSignupsResponse['results'] = [];
  for (const signupId of [...new Set(req.signupIds)]) {
    const found = await signupOf(ctx.db, signupId);
    if (!found) {
      results.push({ signupId, error: { code: 'SIGNUP_NOT_FOUND', message: SIGNUP_MESSAGES.signupNotFound } });
      continue;
    }
    if (!adminOf.has(found.orgId)) adminOf.set(found.orgId, await isActiveAdmin(ctx.db, found.orgId, adminUserId));
    if (!adminOf.get(found.orgId)) {
      results.push({ signupId, error: { code: 'FORBIDDEN', message: FORBIDDEN_SIGNUP_MESSAGES.manage } });
      continue;
    }
    const answer = await endHold(
      ctx.db,
      found,
      ctx.now,
      (current) => {
        if (current.status !== 'pending') return err('NOT_PENDING' as const, SIGNUP_MESSAGES.notPending);
        const next =
          req.decision === 'approve'
            ? changed(current, 'confirmed', REASONS.confirmedByAdmin, ctx.now, {}, adminUserId)
            : changed(current, 'declined', REASONS.declined(reason!), ctx.now, {}, adminUserId);
        return okResult({ next, tell: (n) => [toVolunteer(req.decision === 'approve' ? 'signup.confirmed' : 'signup.declined', factsOf(n, n.history.length), n.reason)] });
      },
      false,
    );
    if (answer.ok) {
      results.push({ signupId, status: answer.data.status });
      if (req.decision === 'decline') settled.add(found.shiftId);
    } else {
      results.push({ signupId, error: { code: answer.error.code, message: answer.error.message } });
    }
  }
  for (const shiftId of settled) await settle(ctx.db, shiftId, ctx.now);
  return ok({ results });
});
