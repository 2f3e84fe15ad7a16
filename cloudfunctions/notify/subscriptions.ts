// notify.subscribeTemplates — the template ids a moment asks for (wx.requestSubscribeMessage, ≤ 3);
// notify.reportSubscriptions — what the person answered: each acceptance allows one more message of that template
// (WeChat's one-time subscription), counted in the grant ledger the dispatcher spends. Rejections, bans and
// filtered templates change nothing; a template the moment does not ask for is refused. A retried report counts
// once: the frame's idempotency, whose mark commits in the same transaction as the grants.
import type { SubscribeMoment } from '../../typings/notify';
import { getOrNull, inTransaction } from '../_shared/db/db';
import type { SubscribeGrantDoc } from '../_shared/documents/notification';
import { userIdOf } from '../_shared/documents/ids';
import { action } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { notRegistered } from '../_shared/messages/answers';
import { DISPATCH_MESSAGES } from '../_shared/messages/dispatch';
import { MOMENT_SLOTS, templateIdOf } from '../_shared/messages/templates';
import { reportSubscriptionsSchema, subscribeTemplatesSchema } from './schemas';
import { GRANTS, grantIdOf, readUser } from './store';

/** The configured subscribe template ids of a moment, in the moment's order. */
export function momentTemplateIds(moment: SubscribeMoment, env: NodeJS.ProcessEnv): string[] {
  return [...new Set(MOMENT_SLOTS[moment].map((slot) => templateIdOf('subscribe', slot, env)).filter((id): id is string => id !== undefined))];
}

export const subscribeTemplates = action('notify', 'subscribeTemplates', subscribeTemplatesSchema, async (req, ctx) => ok({ templateIds: momentTemplateIds(req.moment, ctx.env) }));

export const reportSubscriptions = action('notify', 'reportSubscriptions', reportSubscriptionsSchema, async (req, ctx) => {
  const userId = userIdOf(ctx.caller.openid);
  if (!(await readUser(ctx.db, userId))) return notRegistered();
  const offered = momentTemplateIds(req.moment, ctx.env);
  if (Object.keys(req.answers).some((id) => !offered.includes(id))) return fail('BAD_REQUEST', DISPATCH_MESSAGES.unknownTemplate, 'answers');
  const accepted = offered.filter((id) => req.answers[id] === 'accept');
  const grants = await inTransaction(ctx.db, async (t) => {
    const left: Record<string, number> = {};
    for (const templateId of offered) {
      const id = grantIdOf(userId, templateId);
      const grant = await getOrNull<SubscribeGrantDoc>(t, GRANTS, id);
      const now = (grant?.left ?? 0) + (accepted.includes(templateId) ? 1 : 0);
      left[templateId] = now;
      if (!accepted.includes(templateId)) continue;
      if (grant) await t.collection(GRANTS).doc(id).update({ data: { left: now, lastMoment: req.moment, updatedAt: ctx.now } });
      else {
        const doc: Omit<SubscribeGrantDoc, '_id'> = { userId, templateId, left: now, lastMoment: req.moment, updatedAt: ctx.now };
        await t.collection(GRANTS).doc(id).set({ data: doc });
      }
    }
    return left;
  });
  return ok({ grants });
});
