// What every way of making a record here shares: the pending record as it is stored, the overlap check made safe
// against a concurrent record of the same volunteer, and evidence photos in private storage.
import { randomBytes } from 'node:crypto';
import type { RecordKind, RecordSource } from '../../typings/hours';
import type { Envelope } from '../../typings/envelope';
import type { EvidencePhoto, MadeRecordView } from '../../typings/records';
import { ok, type Result } from '../../miniprogram/domain/result';
import { getOrNull, inTransaction, Rollback, type Database, type Tx } from '../_shared/db/db';
import { deleteFiles } from '../_shared/db/personal-data';
import type { OrganizationDoc } from '../_shared/documents/organization';
import type { ProjectDoc } from '../_shared/documents/project';
import { firstRevision, type ServiceRecordDoc } from '../_shared/documents/service-record';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import type { ActionContext } from '../_shared/frame/action';
import { fail, ok as okAnswer, refusal } from '../_shared/frame/envelope';
import { RECORD_MESSAGES } from '../_shared/messages/answers';
import { decodeEvidence } from '../volunteer/claim-rules';
import { madeRecordView, overlapping, overlapText } from './rules';
import { addRecordOnce, recordsNear } from './store';

export interface NewRecord {
  recordId: string;
  org: Pick<OrganizationDoc, '_id' | 'name'>;
  project: Pick<ProjectDoc, '_id'> | null;
  shiftId?: string;
  volunteer: Pick<VolunteerDoc, '_id' | 'volunteerNo' | 'name'>;
  source: Exclude<RecordSource, 'onsite'>;
  kind: RecordKind;
  startsAt: Date;
  endsAt: Date;
  minutes: number;
  activity: ServiceRecordDoc['activity'];
  evidenceFileIds: string[];
  recordedBy: string;
  origin?: ServiceRecordDoc['origin'];
  makeupReason?: string;
}

/** Revision 1 of a record made here: always pending — the organizing organization confirms it (RULES §4). */
export function pendingRecord(n: NewRecord, now: Date): ServiceRecordDoc {
  return firstRevision(
    {
      recordId: n.recordId,
      volunteerId: n.volunteer._id,
      volunteerNo: n.volunteer.volunteerNo,
      volunteerName: n.volunteer.name,
      orgId: n.org._id,
      orgName: n.org.name,
      ...(n.project ? { projectId: n.project._id } : {}),
      ...(n.shiftId ? { shiftId: n.shiftId } : {}),
      kind: n.kind,
      source: n.source,
      status: 'pending',
      activity: n.activity,
      startsAt: n.startsAt,
      endsAt: n.endsAt,
      minutes: n.minutes,
      computation: { servedMinutes: n.minutes, clampedToWindow: false },
      evidenceFileIds: n.evidenceFileIds,
      recordedBy: n.recordedBy,
      ...(n.origin ? { origin: n.origin } : {}),
      ...(n.makeupReason ? { makeupReason: n.makeupReason } : {}),
    },
    now,
  );
}

/**
 * Inside a transaction, before a record of `volunteerId` is written: the record that [startsAt, endsAt) would
 * overlap, or null. The volunteer's lock document is read first and written after, so two transactions adding a
 * record for one volunteer at once conflict, and the one retried queries again and sees the other's record.
 * (A transaction cannot query: the query goes outside it, after the lock is read.)
 */
export async function overlapUnderLock(t: Tx, db: Database, volunteerId: string, startsAt: Date, endsAt: Date, now: Date): Promise<ServiceRecordDoc | null> {
  await getOrNull(t, 'recordLocks', volunteerId);
  const clash = overlapping(await recordsNear(db, volunteerId, startsAt, endsAt), startsAt, endsAt);
  if (!clash) await t.collection('recordLocks').doc(volunteerId).set({ data: { at: now } });
  return clash;
}

/** Decoded (JPEG or PNG by its first bytes, ≤ 70 KB: the claims' rule) and uploaded under the record's own private path. */
async function uploadEvidence(ctx: ActionContext, recordId: string, photo: EvidencePhoto): Promise<Result<string, 'EVIDENCE_INVALID'>> {
  const decoded = decodeEvidence(photo);
  if (!decoded.ok) return decoded;
  const cloudPath = `records/${recordId}/1-${randomBytes(8).toString('hex')}.${photo.contentType === 'image/png' ? 'png' : 'jpg'}`;
  const uploaded = await ctx.cloud.uploadFile({ cloudPath, fileContent: decoded.value });
  return ok(uploaded.fileID);
}

/**
 * One record for one volunteer (a declaration, a make-up): refused when it overlaps one of theirs; the photo, if
 * any, is uploaded first and deleted again when the record is not written, so no file is left that nothing names.
 */
export async function recordOne(
  ctx: ActionContext,
  n: Omit<NewRecord, 'evidenceFileIds'>,
  photo: EvidencePhoto | undefined,
): Promise<Envelope<MadeRecordView, 'RECORD_OVERLAP' | 'EVIDENCE_INVALID'>> {
  const early = overlapping(await recordsNear(ctx.db, n.volunteer._id, n.startsAt, n.endsAt), n.startsAt, n.endsAt);
  if (early) return fail('RECORD_OVERLAP', RECORD_MESSAGES.overlap(early.activity.name, overlapText(early)));
  const uploaded = photo ? await uploadEvidence(ctx, n.recordId, photo) : null;
  if (uploaded && !uploaded.ok) return refusal(uploaded);
  const evidenceFileIds = uploaded ? [uploaded.value] : [];
  const record = pendingRecord({ ...n, evidenceFileIds }, ctx.now);
  type Made = Envelope<MadeRecordView, 'RECORD_OVERLAP'>;
  let answer: Made;
  try {
    answer = await inTransaction<Made, Made>(ctx.db, async (t) => {
      const clash = await overlapUnderLock(t, ctx.db, n.volunteer._id, n.startsAt, n.endsAt, ctx.now);
      if (clash) throw new Rollback(fail('RECORD_OVERLAP', RECORD_MESSAGES.overlap(clash.activity.name, overlapText(clash))));
      await addRecordOnce(t, record, ctx.now);
      return okAnswer(madeRecordView(record));
    });
  } catch (e) {
    await deleteFiles(ctx.cloud, evidenceFileIds);
    throw e;
  }
  if (!answer.ok) await deleteFiles(ctx.cloud, evidenceFileIds);
  return answer;
}
