// What the hours function's answers look like: a record's current revision, its history in words, a correction.
import type { CorrectionView, QueueItem, RecordView, RevisionView } from '../../typings/hours-actions';
import type { CorrectionDoc } from '../_shared/documents/correction';
import { iso } from '../_shared/documents/dates';
import type { ServiceRecordDoc } from '../_shared/documents/service-record';
import { maskName } from '../_shared/rules/mask';
import { displayStatus, isOverdue, missingField, recordSourceOf } from './rules';

export function recordView(r: ServiceRecordDoc, correctionOpen = false): RecordView {
  const reason = r.status === 'rejected' ? r.rejection?.reason : r.changeReason;
  return {
    recordId: r.recordId,
    revision: r.revision,
    orgId: r.orgId,
    orgName: r.orgName,
    ...(r.projectId ? { projectId: r.projectId } : {}),
    ...(r.shiftId ? { shiftId: r.shiftId } : {}),
    kind: r.kind,
    source: recordSourceOf(r),
    status: r.status,
    displayStatus: displayStatus(r),
    activityName: r.activity?.name ?? '',
    activityDate: r.activity?.date ?? '',
    place: r.activity?.place ?? '',
    startsAt: iso(r.startsAt),
    endsAt: iso(r.endsAt),
    minutes: r.minutes,
    ...(r.missingCheckout ? { missingCheckout: true } : {}),
    ...(r.locationUnchecked ? { locationUnchecked: true } : {}),
    ...(r.offlineUnlocated ? { offlineUnlocated: true } : {}),
    ...(reason ? { reason } : {}),
    ...(correctionOpen ? { correctionOpen: true } : {}),
  };
}

export function queueItem(r: ServiceRecordDoc, overdueDays: number, now: Date): QueueItem {
  const field = missingField(r);
  return {
    ...recordView(r),
    volunteerNameMasked: maskName(r.volunteerName),
    volunteerNo: r.volunteerNo,
    overdue: isOverdue(r, overdueDays, now),
    ...(field ? { missingField: field } : {}),
  };
}

/** What a revision did, in words, read from what it holds. */
function eventOf(r: ServiceRecordDoc): string {
  if (r.status === 'revoked') return '撤销';
  if (r.correctionId) return '更正';
  if (r.revision > 1 && r.computation.adjustment) return '调整时长';
  // An on-site record's later revision that is neither a correction, an adjustment nor a revocation: the real
  // check-out of a 未签退 session, synced after the timer closed it (attendance/check.ts syncLateCheckOut).
  if (r.revision > 1 && r.source === 'onsite' && r.status === 'confirmed') return '签退已同步，确认';
  if (r.status === 'confirmed') return '确认';
  if (r.status === 'rejected') return '退回';
  return r.missingCheckout ? '待确认（未签退）' : '待确认';
}

export function revisionView(r: ServiceRecordDoc): RevisionView {
  const at = r.confirmation?.at ?? r.rejection?.at ?? r.createdAt;
  const reason = r.rejection?.reason ?? r.changeReason;
  const decided = r.confirmation || r.rejection || r.revision > 1;
  return {
    revision: r.revision,
    current: r.current,
    status: r.status,
    minutes: r.minutes,
    startsAt: iso(r.startsAt),
    endsAt: iso(r.endsAt),
    event: eventOf(r),
    ...(reason ? { reason } : {}),
    at: iso(at),
    ...(decided ? { byOrgName: r.orgName } : {}),
  };
}

export function correctionView(c: CorrectionDoc): CorrectionView {
  return {
    correctionId: c._id,
    recordId: c.recordId,
    kind: c.kind,
    status: c.status,
    description: c.description,
    ...(c.proposed.minutes !== undefined ? { proposedMinutes: c.proposed.minutes } : {}),
    ...(c.proposed.startsAt ? { proposedStartsAt: iso(c.proposed.startsAt) } : {}),
    ...(c.proposed.endsAt ? { proposedEndsAt: iso(c.proposed.endsAt) } : {}),
    ...(c.resolution ? { resolution: c.resolution.reason } : {}),
    activityName: c.activityName,
    volunteerNameMasked: maskName(c.volunteerName),
    createdAt: iso(c.createdAt),
  };
}
