// notify.kick — another function just enqueued (the frame's kick, _shared/messages/kick.ts): deliver what is due,
// briefly (ZY_NOTIFY_KICK_BUDGET_MS, 3 s), and leave the rest to the timer. Only another function may ask:
// cloud.getWXContext().SOURCE of a function-to-function call ends in "scf" ("wx_client,scf" when the mini-program
// called the first one; Cloud.getWXContext's SOURCE table), so a client calling notify.kick directly is FORBIDDEN
// and cannot make the dispatcher run on demand.
import { action, noPayload } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { DISPATCH_MESSAGES } from '../_shared/messages/dispatch';
import { dispatchDue } from './dispatch';
import { dispatcherOf } from './wechat';

export function isFunctionSource(source: string): boolean {
  const chain = source.split(',').map((s) => s.trim());
  return chain.length > 0 && chain[chain.length - 1] === 'scf';
}

export const kick = action('notify', 'kick', noPayload, async (_req, ctx) => {
  if (!isFunctionSource(ctx.source)) return fail('FORBIDDEN', DISPATCH_MESSAGES.kickSource);
  const d = dispatcherOf(ctx, 'kick');
  const report = await dispatchDue(d, d.settings.kickBudgetMs);
  return ok({ handled: report.handled });
});
