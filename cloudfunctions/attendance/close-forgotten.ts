// Timer closeForgottenCheckouts (config.json): an open session whose shift ended more than the margin ago is closed
// at the shift's end as a PENDING record marked 未签退 (missingCheckout) — never silent hours (RULES §4) — and each
// admin of the organization is told through the outbox, in the same transaction, once per session.
import { shanghaiClock } from '../../miniprogram/domain/calendar';
import { getOrNull, inFollowUpTransaction } from '../_shared/db/db';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import type { TriggerHandler } from '../_shared/frame/action';
import { writeRevisions } from '../_shared/hours/ledger';
import { missingCheckoutToAdmin } from '../_shared/messages/attendance-notifications';
import { enqueue } from '../_shared/messages/outbox';
import { closeSession, withClosedEntry } from './check';
import { adminUserIds, dayDocIn, forgottenSessions, roundingStepOf, SESSIONS, shiftContext, writeDay, writeSession, type SessionDoc } from './store';
import { dayDocId } from './rules';

/** Pages of 100 per run, bounded so one run stays inside the function's timeout; the next run takes the rest. */
const MAX_PAGES_PER_RUN = 5;

export const closeForgottenCheckouts: TriggerHandler = async (_event, ctx) => {
  let closed = 0;
  for (let page = 0; page < MAX_PAGES_PER_RUN; page++) {
    const due = await forgottenSessions(ctx.db, ctx.now);
    for (const session of due) if (await closeOne(ctx, session)) closed++;
    if (due.length < 100) break;
  }
  return { closed };
};

async function closeOne(ctx: Parameters<TriggerHandler>[1], due: SessionDoc): Promise<boolean> {
  const context = await shiftContext(ctx.db, due.shiftId);
  const volunteer = await getOrNull<VolunteerDoc>(ctx.db, 'volunteers', due.volunteerId);
  if (!context || !volunteer) return false;
  const [roundingStep, admins] = await Promise.all([roundingStepOf(ctx.db, context.project.orgId), adminUserIds(ctx.db, context.project.orgId)]);
  const shiftEnd = context.shift.endsAt.getTime();
  return inFollowUpTransaction(ctx.db, async (t) => {
    const session = await getOrNull<SessionDoc>(t, SESSIONS, due._id);
    // Checked out meanwhile (a late sync, an admin): nothing to close.
    if (!session || session.state !== 'open') return false;
    // At the shift's end, or at the check-in itself when that came after it (a zero-minute pending record).
    const at = new Date(Math.max(shiftEnd, new Date(session.checkIn.at).getTime()));
    const result = closeSession(session, { at, method: 'timer', by: 'system', recordedAt: ctx.now }, 'autoClosed', { context, subject: { volunteer } }, roundingStep, ctx.now);
    await writeSession(t, result.session);
    await writeDay(t, withClosedEntry(await dayDocIn(t, dayDocId(session.volunteerId, session.day)), session, at, ctx.now));
    await writeRevisions(t, [{ previous: null, next: result.record }], ctx.now);
    const when = `${shanghaiClock(context.shift.startsAt).format('MM-DD HH:mm')}–${shanghaiClock(context.shift.endsAt).format('HH:mm')}`;
    for (const admin of admins) await enqueue(t, missingCheckoutToAdmin({ ...session, sessionId: session._id }, admin, volunteer.name, when), ctx.now);
    return true;
  });
}
