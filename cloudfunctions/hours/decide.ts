// hours.confirm / hours.reject — an organization's admin decides pending records, one or up to 50 per call. Each
// record is its own transaction (CloudBase: a transaction holds single-document operations and is kept short; one
// refusal must not undo the others), and each answers its own outcome. A record already in the asked state answers
// `unchanged`, so a retried bulk request has one effect whatever its request id.
import type { DecisionResponse, RecordOutcome } from '../../typings/hours-actions';
import { getOrNull, inTransaction, Rollback, TransactionBusy } from '../_shared/db/db';
import type { OrganizationDoc } from '../_shared/documents/organization';
import type { ServiceRecordDoc } from '../_shared/documents/service-record';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { action, type ActionContext } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { writeRevisions } from '../_shared/hours/ledger';
import { FORBIDDEN_HOURS_MESSAGES, HOURS_MESSAGES, MESSAGES, RECORD_FIELD_LABELS } from '../_shared/messages/answers';
import { hoursConfirmed, hoursRejected } from '../_shared/messages/hours-notifications';
import { enqueue } from '../_shared/messages/outbox';
import { adminCheck, recordNow } from './access';
import { confirmRevision, policyView, rejectRevision, type Actor, type Decided } from './rules';
import { confirmSchema, rejectSchema } from './schemas';
import { currentRevision } from './store';
import { recordView } from './view';

type Decide = (current: ServiceRecordDoc, actor: Actor, roundingStep: number | null) => Decided<ServiceRecordDoc>;

function refused(recordId: string, code: NonNullable<RecordOutcome['code']>, field?: string): RecordOutcome {
  const message =
    code === 'RECORD_NOT_FOUND'
      ? HOURS_MESSAGES.recordNotFound
      : code === 'FORBIDDEN'
        ? FORBIDDEN_HOURS_MESSAGES.manage
        : code === 'RECORD_NOT_PENDING'
          ? HOURS_MESSAGES.recordNotPending
          : code === 'BUSY'
            ? MESSAGES.BUSY
            : HOURS_MESSAGES.recordIncomplete(RECORD_FIELD_LABELS[field ?? ''] ?? field ?? '');
  return { recordId, outcome: 'refused', code, message, ...(field ? { field } : {}) };
}

/** The user a record's volunteer is, read in the transaction (a claim may have moved the volunteer to another account). */
export async function volunteerUserId(t: Parameters<typeof writeRevisions>[0], volunteerId: string): Promise<string | null> {
  return (await getOrNull<VolunteerDoc>(t, 'volunteers', volunteerId))?.userId ?? null;
}

async function decideAll(ctx: ActionContext, recordIds: string[], verdict: 'confirmed' | 'rejected', decide: Decide, reason: string): Promise<DecisionResponse> {
  const admin = adminCheck(ctx);
  const policies = new Map<string, number | null>();
  const outcomes: RecordOutcome[] = [];
  for (const recordId of [...new Set(recordIds)]) {
    const seen = await recordNow(ctx, recordId);
    if (!seen) {
      outcomes.push(refused(recordId, 'RECORD_NOT_FOUND'));
      continue;
    }
    if (!(await admin.administers(seen.orgId))) {
      outcomes.push(refused(recordId, 'FORBIDDEN'));
      continue;
    }
    if (!policies.has(seen.orgId)) {
      policies.set(seen.orgId, policyView((await getOrNull<OrganizationDoc>(ctx.db, 'organizations', seen.orgId))?.hoursPolicy).roundingStepMinutes);
    }
    const actor: Actor = { orgId: seen.orgId, userId: admin.userId };
    try {
      const outcome = await inTransaction<RecordOutcome, RecordOutcome>(ctx.db, async (t) => {
        const current = await currentRevision(t, recordId, seen.revision);
        if (!current) throw new Rollback(refused(recordId, 'RECORD_NOT_FOUND'));
        const decided = decide(current, actor, policies.get(seen.orgId) ?? null);
        if (!decided.ok) throw new Rollback(refused(recordId, decided.code, decided.field));
        if (!decided.changed) return { recordId, outcome: 'unchanged', record: recordView(current) };
        await writeRevisions(t, [{ previous: current, next: decided.next }], ctx.now);
        const userId = await volunteerUserId(t, current.volunteerId);
        if (userId) {
          const facts = { recordId, revision: decided.next.revision, userId, activityName: current.activity.name, activityDate: current.activity.date, minutes: decided.next.minutes };
          await enqueue(t, verdict === 'confirmed' ? hoursConfirmed(facts) : hoursRejected(facts, reason), ctx.now);
        }
        return { recordId, outcome: verdict, record: recordView(decided.next) };
      });
      outcomes.push(outcome);
    } catch (e) {
      // One record's writers kept conflicting: the others are still decided, and this one says so.
      if (e instanceof TransactionBusy) outcomes.push(refused(recordId, 'BUSY'));
      else throw e;
    }
  }
  return { outcomes };
}

export const confirm = action('hours', 'confirm', confirmSchema, async (req, ctx) =>
  ok(await decideAll(ctx, req.recordIds, 'confirmed', (current, actor, step) => confirmRevision(current, actor, step, ctx.now), '')),
);

export const reject = action('hours', 'reject', rejectSchema, async (req, ctx) =>
  ok(await decideAll(ctx, req.recordIds, 'rejected', (current, actor) => rejectRevision(current, actor, req.reason, ctx.now), req.reason)),
);
