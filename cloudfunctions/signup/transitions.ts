// Ending a sign-up's hold (withdrawal, decline, removal, an offer running out): one transaction writes the sign-up's
// new status, drops the hold from the person's schedule, hands the place to the first in line (or frees it) and
// writes every message — so each is told exactly once, whatever is retried. Afterwards the waitlist is settled.
import type { Result } from '../../miniprogram/domain/result';
import { getOrNull, inTransaction, Rollback, type Database } from '../_shared/db/db';
import type { ProjectDoc, ShiftDoc, SignupDoc } from '../_shared/documents/project';
import { refusal } from '../_shared/frame/envelope';
import { enqueue, type OutgoingNotification } from '../_shared/messages/outbox';
import { firstInLine, leaveWaitlist, passPlaceOn, scheduleOf, settle, SIGNUPS, withoutWaitShard, writeSchedule, writeSignup } from '../_shared/signup/places';
import { HOLDING } from './rules';

export interface Change {
  next: SignupDoc;
  tell: (next: SignupDoc) => OutgoingNotification[];
}

/**
 * Apply `decide` to the sign-up as this transaction reads it. A refusal rolls back and is answered; otherwise the
 * new sign-up is answered. `follow` runs the waitlist afterwards (off for a batch that settles once at its end).
 */
export async function endHold<C extends string>(
  db: Database,
  signup: SignupDoc,
  now: Date,
  decide: (current: SignupDoc) => Result<Change, C>,
  follow = true,
): Promise<{ ok: true; data: SignupDoc } | { ok: false; error: { code: C; message: string; field?: string } }> {
  const [shift, project, next] = await Promise.all([
    getOrNull<ShiftDoc>(db, 'shifts', signup.shiftId),
    getOrNull<ProjectDoc>(db, 'projects', signup.projectId),
    firstInLine(db, signup.shiftId),
  ]);
  const answer = await inTransaction<{ ok: true; data: SignupDoc }, { ok: false; error: { code: C; message: string; field?: string } }>(db, async (t) => {
    const current = await getOrNull<SignupDoc>(t, SIGNUPS, signup._id);
    if (!current) throw new Error(`signup ${signup._id} vanished`);
    const decided = decide(current);
    if (!decided.ok) throw new Rollback(refusal(decided));
    const leavesWaitlist = current.status === 'waitlisted' && decided.value.next.status !== 'waitlisted';
    const updated: SignupDoc = leavesWaitlist ? withoutWaitShard(decided.value.next) : { ...decided.value.next };
    if (leavesWaitlist) await leaveWaitlist(t, current, now);
    const held = HOLDING.includes(current.status);
    if (held && !HOLDING.includes(updated.status)) {
      delete updated.shardId;
      delete updated.offerExpiresAt;
      await writeSignup(t, updated);
      await writeSchedule(t, await scheduleOf(t, current.userId), { drop: current._id }, now);
      if (shift) await passPlaceOn(t, current, next, { shift, project: project ?? {}, now });
    } else {
      await writeSignup(t, updated);
    }
    for (const n of decided.value.tell(updated)) await enqueue(t, n, now);
    return { ok: true as const, data: updated };
  });
  if (answer.ok && follow) await settle(db, signup.shiftId, now);
  return answer;
}
