// notify.deliveryReport / notify.requeue — for platform admins (PLATFORM_ADMIN_OPENIDS): how many messages are in
// each delivery state, the dead ones (and, asked for, the dropped ones) newest first with their last WeChat answer,
// and sending dead ones again from their first channel.
import type { DeadLetterView, DeliveryState } from '../../typings/notify';
import type { NotificationDoc } from '../_shared/documents/notification';
import { iso } from '../_shared/documents/dates';
import { action } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { DISPATCH_MESSAGES } from '../_shared/messages/dispatch';
import { platformAdminOpenids } from '../_shared/security/roles';
import { deliveryReportSchema, REPORT_PAGE, requeueSchema } from './schemas';
import { countIn, pageIn, requeueDead } from './store';

const STATES: readonly DeliveryState[] = ['pending', 'sending', 'unconfirmed', 'delivered', 'dropped', 'dead'];

function deadLetterOf(n: NotificationDoc): DeadLetterView {
  const last = [...(n.delivery.log ?? [])].reverse().find((e) => e.errcode !== undefined || e.errmsg !== undefined);
  return {
    id: n._id,
    kind: n.kind,
    state: n.delivery.state === 'dead' ? 'dead' : 'dropped',
    reason: n.delivery.reason ?? 'attemptsExhausted',
    attempts: n.delivery.attempts,
    ...(last ? { lastError: [last.errcode, last.errmsg].filter((p) => p !== undefined).join(' ') } : {}),
    createdAt: iso(n.createdAt),
  };
}

export const deliveryReport = action('notify', 'deliveryReport', deliveryReportSchema, async (req, ctx) => {
  if (!platformAdminOpenids(ctx.env).has(ctx.caller.openid)) return fail('FORBIDDEN', DISPATCH_MESSAGES.forbiddenReport);
  const counts = await Promise.all(STATES.map(async (state) => ({ state, count: await countIn(ctx.db, state) })));
  const before = req.before ? new Date(req.before) : undefined;
  const pages = await Promise.all((req.dropped ? (['dead', 'dropped'] as const) : (['dead'] as const)).map((s) => pageIn(ctx.db, s, before, REPORT_PAGE + 1)));
  const merged = pages.flat().sort((a, b) => b.delivery.nextAttemptAt.getTime() - a.delivery.nextAttemptAt.getTime() || (a._id < b._id ? -1 : 1));
  const items = merged.slice(0, REPORT_PAGE);
  const more = merged.length > REPORT_PAGE;
  return ok({ counts, items: items.map(deadLetterOf), ...(more ? { nextBefore: iso(items[items.length - 1]!.delivery.nextAttemptAt) } : {}) });
});

export const requeue = action('notify', 'requeue', requeueSchema, async (req, ctx) => {
  if (!platformAdminOpenids(ctx.env).has(ctx.caller.openid)) return fail('FORBIDDEN', DISPATCH_MESSAGES.forbiddenRequeue);
  let requeued = 0;
  for (const id of new Set(req.ids)) if (await requeueDead(ctx.db, id, ctx.now)) requeued += 1;
  return ok({ requeued });
});
