// hours.mine (我的时长) — the total from the volunteer document (one read however many records), the star level and
// progress, one page of records newest first, and on the first page what still waits: pending records and open
// corrections. hours.history — every revision of one record, to its volunteer and its organization's admins.
import { dateCursor, datePositionOf } from '../_shared/db/cursor';
import { noHours } from '../_shared/documents/service-record';
import { action } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { BAD_REQUEST_MESSAGES, HOURS_MESSAGES, notRegistered } from '../_shared/messages/answers';
import { starProfileOf, starProgress } from '../../miniprogram/domain/stars';
import { adminCheck, recordNow } from './access';
import { myVolunteer } from './corrections';
import { historySchema, mineSchema } from './schemas';
import { correctionsOfRecord, myOpenCorrections, myPending, myRecordsPage, revisionsOf } from './store';
import { correctionView, recordView, revisionView } from './view';

export const MY_RECORDS_PAGE = 20;

export const mine = action('hours', 'mine', mineSchema, async (req, ctx) => {
  const after = datePositionOf(req.cursor);
  if (after === 'invalid') return fail('BAD_REQUEST', BAD_REQUEST_MESSAGES.cursor, 'cursor');
  const volunteer = await myVolunteer(ctx);
  if (!volunteer) return notRegistered();
  const hours = volunteer.hours ?? noHours();
  const first = after === null;
  const [page, pending, open] = await Promise.all([
    myRecordsPage(ctx.db, volunteer._id, after, MY_RECORDS_PAGE),
    first ? myPending(ctx.db, volunteer._id, MY_RECORDS_PAGE) : Promise.resolve([]),
    first ? myOpenCorrections(ctx.db, volunteer._id, MY_RECORDS_PAGE) : Promise.resolve([]),
  ]);
  const openRecords = new Set(open.map((c) => c.recordId));
  const next = dateCursor(page.next);
  return ok({
    serviceMinutes: hours.serviceMinutes,
    trainingMinutes: hours.trainingMinutes,
    star: starProgress(hours.serviceMinutes, starProfileOf(volunteer.regionCode, ctx.env.ZY_STAR_PROFILE)),
    records: page.rows.map((r) => recordView(r, openRecords.has(r.recordId))),
    ...(next ? { next } : {}),
    pending: pending.map((r) => recordView(r, openRecords.has(r.recordId))),
    openCorrections: open.map(correctionView),
  });
});

export const history = action('hours', 'history', historySchema, async (req, ctx) => {
  const seen = await recordNow(ctx, req.recordId);
  if (!seen) return fail('RECORD_NOT_FOUND', HOURS_MESSAGES.recordNotFound);
  const volunteer = await myVolunteer(ctx);
  const mine = volunteer?._id === seen.volunteerId;
  // Someone else's record is "not found" unless the caller administers its organization.
  if (!mine && !(await adminCheck(ctx).administers(seen.orgId))) return fail('RECORD_NOT_FOUND', HOURS_MESSAGES.recordNotFound);
  const [revisions, corrections] = await Promise.all([revisionsOf(ctx.db, req.recordId), correctionsOfRecord(ctx.db, req.recordId)]);
  return ok({
    record: recordView(seen, corrections.some((c) => c.status === 'open')),
    revisions: revisions.map(revisionView),
    corrections: corrections.map(correctionView),
  });
});
