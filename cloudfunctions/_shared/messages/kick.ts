// Right after an action enqueued a notification, the frame asks the notify function to deliver what is due
// (`notify.kick`), so a sign-up result reaches WeChat in seconds rather than at the next minute's timer. The outbox's
// enqueue notes itself in the action's scope; the frame kicks once per action that enqueued, after its answer is
// stored, and waits for the kick (a function's work after it answered is not guaranteed to run on SCF). A failed
// kick is logged and ignored: the timer delivers the message within a minute.
import { AsyncLocalStorage } from 'node:async_hooks';
import type * as cloud from 'wx-server-sdk';
import { logFailure } from '../frame/failure-log';

interface EnqueueScope {
  enqueued: number;
}

const scope = new AsyncLocalStorage<EnqueueScope>();

/** Called by the outbox for every notification it writes. */
export function noteEnqueued(): void {
  const current = scope.getStore();
  if (current) current.enqueued += 1;
}

/** Run an action's handler, telling afterwards whether anything it ran enqueued. */
export async function trackingEnqueues<T>(work: () => Promise<T>): Promise<{ result: T; enqueued: boolean }> {
  const current: EnqueueScope = { enqueued: 0 };
  const result = await scope.run(current, work);
  return { result, enqueued: current.enqueued > 0 };
}

export const NOTIFY_FUNCTION = 'notify';

/** Ask the notify function to deliver what is due now; never throws. */
export async function kickDispatcher(sdk: typeof cloud): Promise<void> {
  try {
    const res = (await sdk.callFunction({ name: NOTIFY_FUNCTION, data: { action: 'kick' } })) as { result?: { ok?: boolean; error?: { code?: string } } };
    if (res.result?.ok !== true) logFailure('notify.kick', { code: res.result?.error?.code ?? 'NO_ANSWER' });
  } catch (e) {
    logFailure('notify.kick', e);
  }
}
