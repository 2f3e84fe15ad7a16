// Timer `daily` (config.json; 09:00 Beijing). CloudBase takes one trigger per function ("目前仅支持一个触发器",
// 定时触发器), so the hours function's daily work shares it: first the overdue notices (people wait for them), then
// one bounded run of the consistency sweep in the time left. Each part runs even when the other fails; a failure
// still fails the invocation, so SCF records it.
import type { TriggerHandler } from '../_shared/frame/action';
import { notifyOverdue } from './overdue';
import { sweepTotals } from './totals-sweep';

export const daily: TriggerHandler = async (event, ctx) => {
  const started = Date.now();
  const overdue = await settle(() => notifyOverdue(event, ctx));
  const totals = await settle(() => sweepTotals(ctx, started));
  for (const part of [overdue, totals]) if (part.status === 'rejected') throw part.reason;
  return { overdue: valueOf(overdue), totals: valueOf(totals) };
};

async function settle<T>(run: () => Promise<T>): Promise<PromiseSettledResult<T>> {
  try {
    return { status: 'fulfilled', value: await run() };
  } catch (reason) {
    return { status: 'rejected', reason };
  }
}

const valueOf = <T>(r: PromiseSettledResult<T>): T | undefined => (r.status === 'fulfilled' ? r.value : undefined);
