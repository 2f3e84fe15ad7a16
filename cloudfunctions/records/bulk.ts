// records.bulkEntry / continueBulkEntry / bulkProgress — an organization's admin records one activity for many
// volunteers at once: members picked from the member list, or the confirmed sign-ups of a shift. The batch document
// is written first (its id answers even a lost first reply); then BULK_CHUNK people at a time are recorded in one
// transaction that also moves the batch's `done`, so the page shows progress and a crash loses at most one chunk's
// work, which the next run redoes. A call stops after BULK_BUDGET_MS and continueBulkEntry carries on. Each
// volunteer's record id is fixed by the batch (bulkRecordId), so no re-run ever makes a second record.
import { randomBytes } from 'node:crypto';
import type { BulkBatchView, BulkRefusal } from '../../typings/records';
import { getOrNull, inFollowUpTransaction, inTransaction, Rollback } from '../_shared/db/db';
import { loadCaller } from '../_shared/db/people';
import type { BatchPerson, RecordBatchDoc } from '../_shared/documents/record-making';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { action, type ActionContext } from '../_shared/frame/action';
import { fail, ok, refusal } from '../_shared/frame/envelope';
import { BULK_REFUSAL_MESSAGES, FORBIDDEN_RECORD_MESSAGES, failWith, RECORD_MESSAGES } from '../_shared/messages/answers';
import { maskName } from '../_shared/rules/mask';
import { pendingRecord } from './make';
import { activityOf, bulkRecordId, checkInterval, overlapping, overlapText } from './rules';
import { batchSchema, bulkEntrySchema, MAX_BULK_VOLUNTEERS } from './schemas';
import { addRecordOnce, confirmedUserIdsOf, isActiveMember, isOrgAdmin, projectOf, recordsNear, shiftOf, verifiedOrganization, volunteerOfUser } from './store';

/** People per transaction: each costs a lock read and write and a record write (about 80 operations in all). */
export const BULK_CHUNK = 25;
/** A call leaves what is left after this to continueBulkEntry: well inside the 60 s timeout, and the page shows progress between calls. */
export const BULK_BUDGET_MS = 10_000;

export function batchView(b: RecordBatchDoc): BulkBatchView {
  return { batchId: b._id, total: b.total, done: b.done, recorded: b.recorded, refused: b.refused, finished: b.finished };
}

/** The people of a bulk entry: the admin's picks, then the shift's confirmed sign-ups not picked already. */
export function peopleOf(picked: string[], confirmedOfShift: string[]): BatchPerson[] {
  const viaShift = new Set(confirmedOfShift);
  const seen = new Set<string>();
  const out: BatchPerson[] = [];
  for (const userId of [...picked, ...confirmedOfShift]) {
    if (seen.has(userId)) continue;
    seen.add(userId);
    out.push({ userId, viaShift: viaShift.has(userId) });
  }
  return out;
}

/** Who of a chunk can have a record, read before its transaction: their volunteer profile, or why not. */
async function screen(ctx: ActionContext, batch: RecordBatchDoc, people: BatchPerson[]): Promise<Array<{ person: BatchPerson; volunteer: VolunteerDoc | null; refusedAs?: 'NOT_MEMBER' | 'NOT_REGISTERED' }>> {
  return Promise.all(
    people.map(async (person) => {
      const [volunteer, member] = await Promise.all([
        volunteerOfUser(ctx.db, person.userId),
        person.viaShift ? Promise.resolve(true) : isActiveMember(ctx.db, batch.orgId, person.userId),
      ]);
      if (!volunteer) return { person, volunteer, refusedAs: 'NOT_REGISTERED' as const };
      if (!member) return { person, volunteer, refusedAs: 'NOT_MEMBER' as const };
      return { person, volunteer };
    }),
  );
}

/** One chunk in one transaction; false when another invocation moved the batch first (this one reads it again). */
async function recordChunk(ctx: ActionContext, read: RecordBatchDoc): Promise<boolean> {
  const chunk = read.people.slice(read.done, read.done + BULK_CHUNK);
  const screened = await screen(ctx, read, chunk);
  return inFollowUpTransaction<boolean, boolean>(ctx.db, async (t) => {
    const batch = await getOrNull<RecordBatchDoc>(t, 'recordBatches', read._id);
    if (!batch || batch.finished || batch.done !== read.done) throw new Rollback(false);
    const eligible = screened.filter((s) => !s.refusedAs);
    // Locks first, then the overlap queries (see make.ts overlapUnderLock): a concurrent record of one of these
    // volunteers makes this transaction conflict and run again, and the rerun's query sees that record.
    for (const s of eligible) await getOrNull(t, 'recordLocks', s.volunteer!._id);
    const near = await Promise.all(eligible.map((s) => recordsNear(ctx.db, s.volunteer!._id, new Date(batch.startsAt), new Date(batch.endsAt))));
    const refused: BulkRefusal[] = [];
    let recorded = 0;
    for (const s of screened) {
      const name = maskName(s.volunteer?.name ?? '');
      if (s.refusedAs) {
        refused.push({ userId: s.person.userId, name, code: s.refusedAs, reason: BULK_REFUSAL_MESSAGES[s.refusedAs] });
        continue;
      }
      const volunteer = s.volunteer!;
      const clash = overlapping(near[eligible.indexOf(s)]!, new Date(batch.startsAt), new Date(batch.endsAt));
      if (clash) {
        refused.push({ userId: s.person.userId, name, code: 'RECORD_OVERLAP', reason: BULK_REFUSAL_MESSAGES.RECORD_OVERLAP(clash.activity.name, overlapText(clash)) });
        continue;
      }
      await t.collection('recordLocks').doc(volunteer._id).set({ data: { at: ctx.now } });
      const record = pendingRecord(
        {
          recordId: bulkRecordId(batch._id, volunteer._id),
          org: { _id: batch.orgId, name: batch.orgName },
          project: batch.projectId ? { _id: batch.projectId } : null,
          shiftId: batch.shiftId,
          volunteer,
          source: 'bulk',
          kind: batch.kind,
          startsAt: new Date(batch.startsAt),
          endsAt: new Date(batch.endsAt),
          minutes: batch.minutes,
          activity: batch.activity,
          evidenceFileIds: [],
          recordedBy: batch.recordedBy,
          origin: { batchId: batch._id },
        },
        ctx.now,
      );
      if (await addRecordOnce(t, record, ctx.now)) recorded++;
    }
    const done = batch.done + chunk.length;
    await t.collection('recordBatches').doc(batch._id).update({
      data: { done, recorded: batch.recorded + recorded, refused: [...batch.refused, ...refused], finished: done >= batch.total, updatedAt: ctx.now },
    });
    return true;
  });
}

/** Records chunks until the batch is finished or the call's budget is spent; answers the batch as it then is. */
async function carryOn(ctx: ActionContext, batchId: string): Promise<RecordBatchDoc> {
  const started = Date.now();
  for (;;) {
    const batch = (await getOrNull<RecordBatchDoc>(ctx.db, 'recordBatches', batchId))!;
    if (batch.finished || Date.now() - started >= BULK_BUDGET_MS) return batch;
    await recordChunk(ctx, batch);
  }
}

export const bulkEntry = action('records', 'bulkEntry', bulkEntrySchema, async (req, ctx) => {
  const org = await verifiedOrganization(ctx.db, req.orgId);
  const { userId } = await loadCaller(ctx);
  if (!org) return failWith('NOT_FOUND', 'orgId');
  if (!(await isOrgAdmin(ctx.db, org._id, userId))) return fail('FORBIDDEN', FORBIDDEN_RECORD_MESSAGES.manage);
  const shift = req.confirmedOfShift ? await shiftOf(ctx.db, req.confirmedOfShift) : null;
  if (req.confirmedOfShift && (!shift || shift.orgId !== org._id || (req.projectId && shift.projectId !== req.projectId))) {
    return failWith('SHIFT_NOT_FOUND', 'confirmedOfShift');
  }
  const projectId = shift?.projectId ?? req.projectId;
  const project = projectId ? await projectOf(ctx.db, projectId, org._id) : null;
  if (projectId && !project) return failWith('PROJECT_NOT_FOUND', 'projectId');
  const startsAt = new Date(req.startsAt);
  const endsAt = new Date(req.endsAt);
  const interval = checkInterval(startsAt, endsAt, ctx.now);
  if (!interval.ok) return refusal(interval);
  const confirmed = shift ? await confirmedUserIdsOf(ctx.db, shift._id, MAX_BULK_VOLUNTEERS) : [];
  const people = peopleOf(req.userIds ?? [], confirmed);
  if (people.length === 0) return failWith('NO_VOLUNTEERS', 'userIds');
  if (people.length > MAX_BULK_VOLUNTEERS) return fail('BAD_REQUEST', RECORD_MESSAGES.tooManyVolunteers(MAX_BULK_VOLUNTEERS), 'userIds');

  const batch: RecordBatchDoc = {
    _id: `bb_${randomBytes(12).toString('hex')}`,
    orgId: org._id,
    orgName: org.name,
    ...(project ? { projectId: project._id } : {}),
    ...(shift ? { shiftId: shift._id } : {}),
    kind: req.kind,
    startsAt,
    endsAt,
    minutes: interval.value.minutes,
    activity: activityOf(req.activity, project, startsAt),
    people,
    total: people.length,
    done: 0,
    recorded: 0,
    refused: [],
    finished: false,
    recordedBy: userId,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  // The answer this transaction commits with is the request's answer if the reply is lost: the batch to carry on.
  await inTransaction(ctx.db, async (t) => {
    const { _id, ...body } = batch;
    await t.collection('recordBatches').doc(_id).set({ data: body });
    return ok(batchView(batch));
  });
  return ok(batchView(await carryOn(ctx, batch._id)));
});

async function adminsBatch(ctx: ActionContext, batchId: string): Promise<RecordBatchDoc | null> {
  const batch = await getOrNull<RecordBatchDoc>(ctx.db, 'recordBatches', batchId);
  const { userId } = await loadCaller(ctx);
  // Another organization's batch is answered as no batch at all.
  return batch && (await isOrgAdmin(ctx.db, batch.orgId, userId)) ? batch : null;
}

export const continueBulkEntry = action('records', 'continueBulkEntry', batchSchema, async (req, ctx) => {
  if (!(await adminsBatch(ctx, req.batchId))) return failWith('BATCH_NOT_FOUND', 'batchId');
  return ok(batchView(await carryOn(ctx, req.batchId)));
});

export const bulkProgress = action('records', 'bulkProgress', batchSchema, async (req, ctx) => {
  const batch = await adminsBatch(ctx, req.batchId);
  if (!batch) return failWith('BATCH_NOT_FOUND', 'batchId');
  return ok(batchView(batch));
});
