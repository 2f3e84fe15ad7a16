// The refusals of the help function, in HELP_MESSAGES' words, and the tally's arithmetic the handlers share.
import type { HelpStatus } from '../../typings/help';
import type { Tx } from '../_shared/db/db';
import { HELP_REQUESTERS } from '../_shared/documents/help';
import { fail } from '../_shared/frame/envelope';
import { HELP_MESSAGES, HELP_STATUS_LABELS } from '../_shared/messages/help';
import type { Decision } from './state';
import { recentRejections, type RequesterTally } from './rules';

export const notFound = () => fail('HELP_NOT_FOUND', HELP_MESSAGES.notFound);
export const forbidden = () => fail('FORBIDDEN', HELP_MESSAGES.forbidden);
export const wrongState = (status: HelpStatus) => fail('WRONG_STATE', HELP_MESSAGES.wrongState(HELP_STATUS_LABELS[status]));

export const timePassed = () => fail('WRONG_STATE', HELP_MESSAGES.timePassed);

/** A refusal of `decide` in words: an open need whose start has passed (or that expired) says its time is over. */
export function refused(decision: Extract<Decision, { ok: false }>, status: HelpStatus) {
  if (decision.code === 'FORBIDDEN') return forbidden();
  return decision.timePassed || status === 'expired' ? timePassed() : wrongState(status);
}

/** Write the requester's tally: `awaiting` moved by `delta`, `rejectedAt` with `rejectedNow` added, old ones dropped. */
export async function writeTally(t: Tx, userId: string, tally: RequesterTally, now: Date, delta: number, rejectedNow = false): Promise<void> {
  const rejectedAt = recentRejections([...tally.rejectedAt, ...(rejectedNow ? [now] : [])], now);
  await t.collection(HELP_REQUESTERS).doc(userId).set({ data: { awaiting: Math.max(0, tally.awaiting + delta), rejectedAt, updatedAt: now } });
}

/** Thrown in a transaction whose read differs from what the action read before it (a wave moved meanwhile). */
export class Moved extends Error {}

/** Run `once` again from fresh reads while its transaction finds the need moved (at most `rounds` times). */
export async function untilSettled<T>(once: () => Promise<T>, rounds = 5): Promise<T> {
  for (let round = 1; ; round++) {
    try {
      return await once();
    } catch (e) {
      if (!(e instanceof Moved) || round >= rounds) throw e;
    }
  }
}
