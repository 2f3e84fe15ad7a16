// The hours function's decisions, pure: what a confirmation, a rejection, an adjustment, a revocation or an accepted
// correction makes of a record's current revision (RULES §4), the organization's hour settings, overdue, the
// mandatory fields (办法2012 Art. 7). The handlers read, call these, and write through the ledger.
import type { RecordSource } from '../../typings/hours';
import type { HoursPolicyView, RecordDisplayStatus } from '../../typings/hours-actions';
import type { HoursPolicy } from '../_shared/documents/organization';
import { revisionId, type ServiceRecordDoc } from '../_shared/documents/service-record';
import { shanghaiDate } from '../../miniprogram/domain/calendar';

export const DEFAULT_OVERDUE_DAYS = 7;
export const MAX_OVERDUE_DAYS = 90;
/** Rounding steps an organization may choose (minutes). */
export const ROUNDING_STEPS = [5, 10, 15, 30, 60] as const;
/** Records decided per call: each is its own transaction, so a call stays well inside the function's timeout. */
export const MAX_DECISIONS_PER_CALL = 50;
export const MAX_REASON_CHARS = 200;
/** One service record never claims more than a day. */
export const MAX_RECORD_MINUTES = 24 * 60;


export function policyView(policy: HoursPolicy | undefined): HoursPolicyView {
  return { roundingStepMinutes: policy?.roundingStepMinutes ?? null, overdueDays: policy?.overdueDays ?? DEFAULT_OVERDUE_DAYS };
}

/** Whole steps of the served minutes, rounded down so a record never counts more than was served; no step: as is. */
export function roundMinutes(minutes: number, step: number | null): number {
  if (!step) return minutes;
  return Math.floor(minutes / step) * step;
}

/** The first mandatory field (办法2012 Art. 7) the record lacks, as a path; null when it is complete. */
export function missingField(r: Pick<ServiceRecordDoc, 'activity' | 'volunteerNo' | 'volunteerName' | 'orgName' | 'minutes'>): string | null {
  const blank = (s: string | undefined) => !s || s.trim() === '';
  if (blank(r.volunteerNo)) return 'volunteerNo';
  if (blank(r.volunteerName)) return 'volunteerName';
  if (blank(r.orgName)) return 'orgName';
  const a = r.activity;
  if (!a) return 'activity';
  if (blank(a.name)) return 'activity.name';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(a.date ?? '')) return 'activity.date';
  if (blank(a.place)) return 'activity.place';
  if (!Array.isArray(a.serviceObjects) || a.serviceObjects.length === 0) return 'activity.serviceObjects';
  if (blank(a.content)) return 'activity.content';
  if (blank(a.leader)) return 'activity.leader';
  if (!Number.isInteger(r.minutes) || r.minutes <= 0) return 'minutes';
  return null;
}

/** Days between two 'YYYY-MM-DD' calendar dates (b − a). */
function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function isoDate(instant: Date): string {
  const d = shanghaiDate(instant);
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

/** Unconfirmed `overdueDays` or more calendar days (Asia/Shanghai) after the activity's day. */
export function isOverdue(r: Pick<ServiceRecordDoc, 'status' | 'activity' | 'endsAt'>, overdueDays: number, now: Date): boolean {
  if (r.status !== 'pending') return false;
  const day = /^\d{4}-\d{2}-\d{2}$/.test(r.activity?.date ?? '') ? r.activity.date : isoDate(r.endsAt);
  return daysBetween(day, isoDate(now)) >= overdueDays;
}

export function displayStatus(r: Pick<ServiceRecordDoc, 'status' | 'revision' | 'correctionId'>): RecordDisplayStatus {
  return r.status === 'confirmed' && r.correctionId ? 'corrected' : r.status;
}

export interface Actor {
  orgId: string;
  userId: string;
}

export type Decided<T> = { ok: true; next: T; changed: boolean } | { ok: false; code: 'RECORD_NOT_PENDING' | 'RECORD_INCOMPLETE'; field?: string };

/** pending → confirmed (same revision), rounded by the organization's step; confirmed stays as it is (a retry). */
export function confirmRevision(current: ServiceRecordDoc, actor: Actor, roundingStep: number | null, now: Date): Decided<ServiceRecordDoc> {
  if (current.status === 'confirmed') return { ok: true, next: current, changed: false };
  if (current.status !== 'pending') return { ok: false, code: 'RECORD_NOT_PENDING' };
  // An adjusted record counts the organization's minutes, never rounded again.
  const rounded = current.computation.adjustment || current.computation.roundingStep ? current.minutes : roundMinutes(current.minutes, roundingStep);
  const next: ServiceRecordDoc = {
    ...current,
    status: 'confirmed',
    minutes: rounded,
    computation: rounded !== current.minutes && roundingStep ? { ...current.computation, roundingStep } : current.computation,
    confirmation: { orgId: actor.orgId, by: actor.userId, at: now },
  };
  const field = missingField(next);
  if (field) return { ok: false, code: 'RECORD_INCOMPLETE', field };
  return { ok: true, next, changed: true };
}

/** pending → rejected (same revision) with the reason; rejected stays as it is (a retry). */
export function rejectRevision(current: ServiceRecordDoc, actor: Actor, reason: string, now: Date): Decided<ServiceRecordDoc> {
  if (current.status === 'rejected') return { ok: true, next: current, changed: false };
  if (current.status !== 'pending') return { ok: false, code: 'RECORD_NOT_PENDING' };
  return { ok: true, next: { ...current, status: 'rejected', rejection: { reason, by: actor.userId, at: now } }, changed: true };
}

/** The next revision of a chain: the same record, one more, current; decisions of the revision before are not carried. */
export function nextRevision(current: ServiceRecordDoc, changes: Partial<ServiceRecordDoc>, actor: Actor, reason: string, now: Date): ServiceRecordDoc {
  const { confirmation: _c, rejection: _r, correctionId: _k, ...kept } = current;
  void _c;
  void _r;
  void _k;
  return {
    ...kept,
    _id: revisionId(current.recordId, current.revision + 1),
    revision: current.revision + 1,
    current: true,
    changeReason: reason,
    changedBy: actor.userId,
    createdAt: now,
    updatedAt: now,
    ...changes,
  };
}

/** An organization sets the minutes with a reason: a new revision in the same status (a rejected or revoked record is final). */
export function adjustRevision(current: ServiceRecordDoc, minutes: number, reason: string, actor: Actor, now: Date): ServiceRecordDoc | null {
  if (current.status !== 'pending' && current.status !== 'confirmed') return null;
  return nextRevision(
    current,
    {
      minutes,
      computation: { ...current.computation, adjustment: { minutes, reason, by: actor.userId, at: now } },
      ...(current.status === 'confirmed' ? { confirmation: { orgId: actor.orgId, by: actor.userId, at: now } } : {}),
    },
    actor,
    reason,
    now,
  );
}

/** A confirmed record withdrawn with a reason: a new revision, revoked, that counts for nothing. */
export function revokeRevision(current: ServiceRecordDoc, reason: string, actor: Actor, now: Date): ServiceRecordDoc | null {
  if (current.status !== 'confirmed') return null;
  return nextRevision(current, { status: 'revoked' }, actor, reason, now);
}

export interface CorrectionProposal {
  minutes?: number;
  startsAt?: Date;
  endsAt?: Date;
}

/** An accepted correction: the corrected revision, confirmed by the accepting organization (so it counts). */
export function correctedRevision(
  current: ServiceRecordDoc,
  correctionId: string,
  proposal: CorrectionProposal,
  minutes: number | undefined,
  reason: string,
  actor: Actor,
  now: Date,
): Decided<ServiceRecordDoc> {
  const startsAt = proposal.startsAt ?? current.startsAt;
  const endsAt = proposal.endsAt ?? current.endsAt;
  const counted = minutes ?? proposal.minutes ?? current.minutes;
  const next = nextRevision(
    current,
    {
      status: 'confirmed',
      startsAt,
      endsAt,
      minutes: counted,
      activity: { ...current.activity, date: isoDate(startsAt) },
      computation: { ...current.computation, adjustment: { minutes: counted, reason, by: actor.userId, at: now } },
      confirmation: { orgId: actor.orgId, by: actor.userId, at: now },
      correctionId,
    },
    actor,
    reason,
    now,
  );
  const field = missingField(next);
  if (field) return { ok: false, code: 'RECORD_INCOMPLETE', field };
  return { ok: true, next, changed: true };
}

/** Proposed times must be a real interval of at most a day; minutes must fit inside it when both are given. */
export function proposalValid(p: CorrectionProposal): boolean {
  if ((p.startsAt === undefined) !== (p.endsAt === undefined)) return false;
  if (p.startsAt && p.endsAt) {
    const span = (p.endsAt.getTime() - p.startsAt.getTime()) / 60_000;
    if (!(span > 0) || span > MAX_RECORD_MINUTES) return false;
    if (p.minutes !== undefined && p.minutes > Math.floor(span)) return false;
  }
  return true;
}

/** The correction of a record's revision: one per revision, so a report sent twice is one report. */
export function correctionIdOf(recordId: string, revision: number): string {
  return `${recordId}.c${revision}`;
}

/**
 * The source a record shows: its own, except an omission's record written before `correction` existed, which said
 * `declaration` — its id (omissionRecordId, `om_…`) tells it apart, so old documents read as they are meant.
 */
export function recordSourceOf(r: Pick<ServiceRecordDoc, 'source' | 'recordId'>): RecordSource {
  return r.source === 'declaration' && r.recordId.startsWith('om_') ? 'correction' : r.source;
}

/** The record an omission makes for a shift: one per volunteer and shift, however often it is reported. */
export function omissionRecordId(shiftId: string, volunteerId: string): string {
  return `om_${shiftId}_${volunteerId}`.replace(/[^A-Za-z0-9_-]/g, '-');
}

export { isoDate };
