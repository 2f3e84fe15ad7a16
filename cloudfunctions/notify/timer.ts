// The `dispatch` timer (every minute): deliver what is due for up to ZY_NOTIFY_TIMER_BUDGET_MS (45 s of the 60 s
// limit, so the last send in flight is answered and recorded before the platform stops the function).
import type { TriggerHandler } from '../_shared/frame/action';
import { dispatchDue } from './dispatch';
import { dispatcherOf } from './wechat';

export const dispatchTimer: TriggerHandler = async (_event, ctx) => {
  const d = dispatcherOf(ctx, 'timer');
  const report = await dispatchDue(d, d.settings.timerBudgetMs);
  return { handled: report.handled, delivered: report.delivered, lost: report.lost };
};
