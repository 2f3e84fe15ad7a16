// hours.reportCorrection / hours.resolveCorrection / hours.corrections — a volunteer reports that one of their
// records is wrong, or that a shift they were confirmed for has no record (a pending record is made for it); the
// organization accepts (the corrected revision, confirmed, with the reason) or rejects (with the reason).
import { dateCursor, datePositionOf } from '../_shared/db/cursor';
import type { ReportCorrectionRequest } from '../../typings/hours-actions';
import { getOrNull, inTransaction, Rollback, type Database } from '../_shared/db/db';
import { rows } from '../_shared/db/paging';
import type { CorrectionDoc } from '../_shared/documents/correction';
import { userIdOf } from '../_shared/documents/ids';
import { signupId, type ProjectDoc, type ShiftDoc, type SignupDoc } from '../_shared/documents/project';
import { activityOfProject, firstRevision, type ServiceRecordDoc, shiftRecordParties } from '../_shared/documents/service-record';
import type { UserDoc } from '../_shared/documents/user';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { action, type ActionContext, type Answer } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { writeRevisions } from '../_shared/hours/ledger';
import { failWith, HOURS_MESSAGES, notRegistered, RECORD_FIELD_LABELS, BAD_REQUEST_MESSAGES } from '../_shared/messages/answers';
import { correctionReported, correctionResolved } from '../_shared/messages/hours-notifications';
import { enqueue } from '../_shared/messages/outbox';
import { adminCheck, forbidden, recordNow } from './access';
import { volunteerUserId } from './decide';
import { correctedRevision, correctionIdOf, isoDate, omissionRecordId, proposalValid, rejectRevision, type Actor, type CorrectionProposal } from './rules';
import { orgCorrectionsSchema, reportCorrectionSchema, resolveCorrectionSchema } from './schemas';
import { adminsOf, CORRECTIONS, currentRevision, openCorrectionsOfOrg, RECORDS } from './store';
import { correctionView, recordView } from './view';

type ReportAnswer = Answer<'hours', 'reportCorrection'>;
type ResolveAnswer = Answer<'hours', 'resolveCorrection'>;

/** The caller's volunteer document, or null when they have not registered. */
export async function myVolunteer(ctx: ActionContext): Promise<VolunteerDoc | null> {
  const user = await getOrNull<UserDoc>(ctx.db, 'users', userIdOf(ctx.caller.openid));
  if (!user?.volunteerId) return null;
  const volunteer = await getOrNull<VolunteerDoc>(ctx.db, 'volunteers', user.volunteerId);
  return volunteer?.status === 'active' ? volunteer : null;
}

function proposalOf(req: ReportCorrectionRequest): CorrectionProposal {
  return {
    ...(req.proposedMinutes !== undefined ? { minutes: req.proposedMinutes } : {}),
    ...(req.proposedStartsAt ? { startsAt: new Date(req.proposedStartsAt) } : {}),
    ...(req.proposedEndsAt ? { endsAt: new Date(req.proposedEndsAt) } : {}),
  };
}

function correctionDoc(record: ServiceRecordDoc, kind: CorrectionDoc['kind'], volunteer: VolunteerDoc, description: string, proposal: CorrectionProposal, now: Date): CorrectionDoc {
  return {
    _id: correctionIdOf(record.recordId, record.revision),
    recordId: record.recordId,
    revision: record.revision,
    kind,
    status: 'open',
    volunteerId: volunteer._id,
    userId: volunteer.userId,
    volunteerName: volunteer.name,
    orgId: record.orgId,
    activityName: record.activity.name,
    description,
    proposed: proposal,
    createdAt: now,
    updatedAt: now,
  };
}

/** The pending record an omission makes: the shift's project as its activity, the proposed or the shift's times. */
function omissionRecord(volunteer: VolunteerDoc, project: ProjectDoc, shift: ShiftDoc, proposal: CorrectionProposal, userId: string, now: Date): ServiceRecordDoc {
  const recordId = omissionRecordId(shift._id, volunteer._id);
  const startsAt = proposal.startsAt ?? shift.startsAt;
  const endsAt = proposal.endsAt ?? shift.endsAt;
  const served = Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000);
  return firstRevision(
    {
      recordId,
      ...shiftRecordParties(volunteer, project, shift),
      kind: 'service',
      // Its own source, so every screen says where it came from (遗漏更正), not 自主申报.
      source: 'correction',
      status: 'pending',
      activity: activityOfProject(project, isoDate(startsAt)),
      startsAt,
      endsAt,
      minutes: proposal.minutes ?? served,
      computation: { servedMinutes: served, clampedToWindow: false },
      evidenceFileIds: [],
      recordedBy: userId,
    },
    now,
  );
}

async function hasRecordForShift(db: Database, volunteerId: string, shiftId: string, except: string): Promise<boolean> {
  const found = await rows<Pick<ServiceRecordDoc, 'recordId'>>(db.collection(RECORDS).where({ volunteerId, current: true, shiftId }).field({ recordId: true }).limit(2));
  return found.some((r) => r.recordId !== except);
}

export const reportCorrection = action('hours', 'reportCorrection', reportCorrectionSchema, async (req, ctx) => {
  const volunteer = await myVolunteer(ctx);
  if (!volunteer) return notRegistered();
  const proposal = proposalOf(req);
  if (!proposalValid(proposal)) return fail('CORRECTION_TIMES_INVALID', HOURS_MESSAGES.correctionTimesInvalid, 'proposedEndsAt');
  const admins = (orgId: string) => adminsOf(ctx.db, orgId);

  if (req.kind === 'error') {
    const seen = await recordNow(ctx, req.recordId!);
    if (!seen || seen.volunteerId !== volunteer._id) return fail('RECORD_NOT_FOUND', HOURS_MESSAGES.recordNotFound);
    const tellAdmins = await admins(seen.orgId);
    return inTransaction<ReportAnswer, ReportAnswer>(ctx.db, async (t) => {
      const current = await currentRevision(t, seen.recordId, seen.revision);
      if (!current) throw new Rollback(fail('RECORD_NOT_FOUND', HOURS_MESSAGES.recordNotFound));
      const doc = correctionDoc(current, 'error', volunteer, req.description, proposal, ctx.now);
      const known = await getOrNull<CorrectionDoc>(t, CORRECTIONS, doc._id);
      if (known) throw new Rollback(known.status === 'open' ? fail('CORRECTION_OPEN', HOURS_MESSAGES.correctionOpen) : fail('CORRECTION_ALREADY_DECIDED', HOURS_MESSAGES.correctionDecided));
      const { _id, ...body } = doc;
      await t.collection(CORRECTIONS).doc(_id).set({ data: body });
      for (const adminUserId of tellAdmins) await enqueue(t, correctionReported(doc._id, doc.orgId, adminUserId, volunteer.name, volunteer.userId, doc.activityName), ctx.now);
      return ok({ correction: correctionView(doc) });
    });
  }

  const shift = await getOrNull<ShiftDoc>(ctx.db, 'shifts', req.shiftId!);
  const project = shift ? await getOrNull<ProjectDoc>(ctx.db, 'projects', shift.projectId) : null;
  if (!shift || !project) return failWith('SHIFT_NOT_FOUND');
  const signup = await getOrNull<SignupDoc>(ctx.db, 'signups', signupId(shift._id, volunteer.userId));
  if (signup?.status !== 'confirmed') return fail('NOT_ON_ROSTER', HOURS_MESSAGES.notOnRoster);
  if (ctx.now.getTime() < shift.endsAt.getTime()) return fail('SHIFT_NOT_OVER', HOURS_MESSAGES.shiftNotOver);
  const record = omissionRecord(volunteer, project, shift, proposal, volunteer.userId, ctx.now);
  if (await hasRecordForShift(ctx.db, volunteer._id, shift._id, record.recordId)) return fail('RECORD_EXISTS', HOURS_MESSAGES.recordExists);
  const tellAdmins = await admins(project.orgId);
  return inTransaction<ReportAnswer, ReportAnswer>(ctx.db, async (t) => {
    const doc = correctionDoc(record, 'omission', volunteer, req.description, proposal, ctx.now);
    const known = await getOrNull<CorrectionDoc>(t, CORRECTIONS, doc._id);
    if (known) throw new Rollback(known.status === 'open' ? fail('CORRECTION_OPEN', HOURS_MESSAGES.correctionOpen) : fail('CORRECTION_ALREADY_DECIDED', HOURS_MESSAGES.correctionDecided));
    await writeRevisions(t, [{ previous: null, next: record }], ctx.now);
    const { _id, ...body } = doc;
    await t.collection(CORRECTIONS).doc(_id).set({ data: body });
    for (const adminUserId of tellAdmins) await enqueue(t, correctionReported(doc._id, doc.orgId, adminUserId, volunteer.name, volunteer.userId, doc.activityName), ctx.now);
    return ok({ correction: correctionView(doc) });
  });
});

export const resolveCorrection = action('hours', 'resolveCorrection', resolveCorrectionSchema, async (req, ctx) => {
  const seen = await getOrNull<CorrectionDoc>(ctx.db, CORRECTIONS, req.correctionId);
  if (!seen) return fail('CORRECTION_NOT_FOUND', HOURS_MESSAGES.correctionNotFound);
  const admin = adminCheck(ctx);
  if (!(await admin.administers(seen.orgId))) return forbidden();
  const actor: Actor = { orgId: seen.orgId, userId: admin.userId };
  return inTransaction<ResolveAnswer, ResolveAnswer>(ctx.db, async (t) => {
    const correction = await getOrNull<CorrectionDoc>(t, CORRECTIONS, req.correctionId);
    if (!correction) throw new Rollback(fail('CORRECTION_NOT_FOUND', HOURS_MESSAGES.correctionNotFound));
    if (correction.status !== 'open') throw new Rollback(fail('CORRECTION_ALREADY_DECIDED', HOURS_MESSAGES.correctionDecided));
    const current = await currentRevision(t, correction.recordId, correction.revision);
    if (!current) throw new Rollback(fail('RECORD_NOT_FOUND', HOURS_MESSAGES.recordNotFound));
    let next: ServiceRecordDoc | null = null;
    if (req.decision === 'accept') {
      const decided = correctedRevision(current, correction._id, correction.proposed, req.minutes, req.reason, actor, ctx.now);
      if (!decided.ok) {
        const label = RECORD_FIELD_LABELS[decided.field ?? ''] ?? decided.field ?? '';
        throw new Rollback(fail('RECORD_INCOMPLETE', HOURS_MESSAGES.recordIncomplete(label), decided.field));
      }
      next = decided.next;
    } else if (correction.kind === 'omission' && current.revision === 1 && current.status === 'pending') {
      // The record an omission made stands or falls with it.
      const decided = rejectRevision(current, actor, req.reason, ctx.now);
      if (decided.ok) next = decided.next;
    }
    if (next) await writeRevisions(t, [{ previous: current, next }], ctx.now);
    const resolved: CorrectionDoc = {
      ...correction,
      status: req.decision === 'accept' ? 'accepted' : 'rejected',
      resolution: { reason: req.reason, by: admin.userId, at: ctx.now, ...(next && req.decision === 'accept' ? { revision: next.revision } : {}) },
      updatedAt: ctx.now,
    };
    const { _id, ...body } = resolved;
    await t.collection(CORRECTIONS).doc(_id).set({ data: body });
    const record = next ?? current;
    const userId = await volunteerUserId(t, record.volunteerId);
    if (userId) {
      const facts = { recordId: record.recordId, userId, activityName: record.activity.name, activityDate: record.activity.date, minutes: record.minutes };
      await enqueue(t, correctionResolved(correction._id, facts, req.decision === 'accept', req.reason), ctx.now);
    }
    return ok({ correction: correctionView(resolved), record: recordView(record) });
  });
});

export const corrections = action('hours', 'corrections', orgCorrectionsSchema, async (req, ctx) => {
  const after = datePositionOf(req.cursor);
  if (after === 'invalid') return fail('BAD_REQUEST', BAD_REQUEST_MESSAGES.cursor, 'cursor');
  if (!(await getOrNull(ctx.db, 'organizations', req.orgId))) return failWith('NOT_FOUND');
  if (!(await adminCheck(ctx).administers(req.orgId))) return forbidden();
  const page = await openCorrectionsOfOrg(ctx.db, req.orgId, after, 20);
  const next = dateCursor(page.next);
  return ok({ items: page.rows.map(correctionView), ...(next ? { next } : {}) });
});
