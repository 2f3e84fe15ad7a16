// hours.adjust / hours.revoke — an organization's admin sets a record's minutes with a reason, or withdraws a
// confirmed record with a reason. Both add the next revision (records are never edited in place: 办法67).
import { inTransaction, Rollback } from '../_shared/db/db';
import type { ServiceRecordDoc } from '../_shared/documents/service-record';
import { action, type ActionContext, type Answer } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { writeRevisions } from '../_shared/hours/ledger';
import { HOURS_MESSAGES } from '../_shared/messages/answers';
import { hoursRevoked } from '../_shared/messages/hours-notifications';
import { enqueue } from '../_shared/messages/outbox';
import { adminCheck, forbidden, recordNow } from './access';
import { volunteerUserId } from './decide';
import { adjustRevision, revokeRevision, type Actor } from './rules';
import { adjustSchema, revokeSchema } from './schemas';
import { currentRevision } from './store';
import { recordView } from './view';

type ChangeAnswer = Answer<'hours', 'adjust'> | Answer<'hours', 'revoke'>;

async function change<A extends ChangeAnswer>(
  ctx: ActionContext,
  recordId: string,
  make: (current: ServiceRecordDoc, actor: Actor) => ServiceRecordDoc | null,
  refusal: () => A,
  tell?: (next: ServiceRecordDoc, userId: string) => Parameters<typeof enqueue>[1],
): Promise<A> {
  const seen = await recordNow(ctx, recordId);
  if (!seen) return fail('RECORD_NOT_FOUND', HOURS_MESSAGES.recordNotFound) as A;
  const admin = adminCheck(ctx);
  if (!(await admin.administers(seen.orgId))) return forbidden() as A;
  const actor: Actor = { orgId: seen.orgId, userId: admin.userId };
  return inTransaction<A, A>(ctx.db, async (t) => {
    const current = await currentRevision(t, recordId, seen.revision);
    if (!current) throw new Rollback(fail('RECORD_NOT_FOUND', HOURS_MESSAGES.recordNotFound));
    const next = make(current, actor);
    if (!next) throw new Rollback(refusal());
    await writeRevisions(t, [{ previous: current, next }], ctx.now);
    const userId = tell ? await volunteerUserId(t, current.volunteerId) : null;
    if (tell && userId) await enqueue(t, tell(next, userId), ctx.now);
    return ok({ record: recordView(next) }) as A;
  });
}

export const adjust = action('hours', 'adjust', adjustSchema, async (req, ctx) =>
  change<Answer<'hours', 'adjust'>>(
    ctx,
    req.recordId,
    (current, actor) => adjustRevision(current, req.minutes, req.reason, actor, ctx.now),
    () => fail('RECORD_NOT_ADJUSTABLE', HOURS_MESSAGES.recordNotAdjustable),
  ),
);

export const revoke = action('hours', 'revoke', revokeSchema, async (req, ctx) =>
  change<Answer<'hours', 'revoke'>>(
    ctx,
    req.recordId,
    (current, actor) => revokeRevision(current, req.reason, actor, ctx.now),
    () => fail('RECORD_NOT_CONFIRMED', HOURS_MESSAGES.recordNotConfirmed),
    (next, userId) =>
      hoursRevoked({ recordId: next.recordId, revision: next.revision, userId, activityName: next.activity.name, activityDate: next.activity.date, minutes: next.minutes }, req.reason),
  ),
);
