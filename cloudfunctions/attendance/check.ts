// Checking someone in or out, whoever does it (the volunteer at a station, an admin scanning the card or by hand):
// the shift's guards first (pure rules, nothing read twice), then one transaction on the person's day document that
// decides against the day's sessions and writes the session, the day and — on check-out — the service record with
// the totals it moves (ledger.writeRevisions). On-site sessions are confirmed records (RULES §4).
import type { CheckIntent, CheckOutRefusal, CheckRefusal, SessionView } from '../../typings/attendance';
import { err, ok, type Result } from '../../miniprogram/domain/result';
import { shanghaiClock } from '../../miniprogram/domain/calendar';
import { getOrNull, inTransaction, Rollback, type Database } from '../_shared/db/db';
import { signupId, type SignupDoc } from '../_shared/documents/project';
import { activityOfProject, firstRevision, revisionId, type ServiceRecordDoc, shiftRecordParties } from '../_shared/documents/service-record';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { writeRevisions } from '../_shared/hours/ledger';
import { ATTENDANCE_MESSAGES as M } from '../_shared/messages/answers';
import { insuranceMissing } from '../project/rules';
import { currentRevision } from '../hours/store';
import { attendanceSettingsOf, checkInWindow, countedMinutes, dayDocId, decideCheckIn, decideCheckOut, decideLateCheckOut, sessionId, withinWindow, type DayEntry } from './rules';
import { dayDocIn, entriesOf, roundingStepOf, SESSIONS, writeDay, writeSession, type CheckMark, type DayDoc, type SessionDoc, type ShiftContext } from './store';
import { previousDay, shanghaiDay } from './tokens';
import { sessionView } from './view';

export interface CheckSubject {
  volunteer: VolunteerDoc;
}

export interface CheckRequest {
  intent: CheckIntent;
  context: ShiftContext;
  subject: CheckSubject;
  /** When the check happened and how it was recorded. */
  mark: Omit<CheckMark, 'recordedAt'>;
}

type Refusal = CheckRefusal | CheckOutRefusal;
export type CheckResult = Result<SessionView, Refusal>;
export type CheckInResult = Result<SessionView, CheckRefusal>;

const HHMM = (d: Date) => shanghaiClock(d).format('HH:mm');

/** The shift-level refusals, before any transaction: cancelled, uninsured risk, outside the window, a walk-in. */
export async function shiftRefusal(db: Database, req: Pick<CheckRequest, 'intent' | 'context' | 'subject'> & { at: Date }): Promise<Result<null, CheckRefusal>> {
  const { shift, project } = req.context;
  if (shift.cancelled || project.status === 'cancelled') return err('SHIFT_CANCELLED', M.shiftCancelled);
  if (insuranceMissing(project.risk)) return err('INSURANCE_MISSING', M.insuranceMissing);
  const settings = attendanceSettingsOf(project);
  const window = checkInWindow(shift, settings.marginMinutes);
  if (!withinWindow(req.at, window)) return err('OUTSIDE_WINDOW', M.outsideWindow(HHMM(window.startsAt), HHMM(window.endsAt)));
  if (req.intent === 'checkIn' && !settings.walkInsAllowed) {
    const signup = await getOrNull<SignupDoc>(db, 'signups', signupId(shift._id, req.subject.volunteer.userId));
    if (signup?.status !== 'confirmed') return err('NOT_SIGNED_UP', M.notSignedUp);
  }
  return ok(null);
}


export type CheckInRequest = Omit<CheckRequest, 'intent'>;

export async function applyCheckIn(db: Database, now: Date, req: CheckInRequest): Promise<CheckInResult> {
  const refused = await shiftRefusal(db, { ...req, intent: 'checkIn', at: req.mark.at });
  if (!refused.ok) return refused;
  return inTransaction<CheckInResult, CheckInResult>(db, (t) => checkInTx(t, now, req));
}

export async function applyCheckOut(db: Database, now: Date, req: CheckInRequest): Promise<CheckResult> {
  const refused = await shiftRefusal(db, { ...req, intent: 'checkOut', at: req.mark.at });
  if (!refused.ok) return refused;
  const roundingStep = await roundingStepOf(db, req.context.project.orgId);
  return inTransaction<CheckResult, CheckResult>(db, (t) => checkOutTx(t, now, req, roundingStep));
}

type T = Parameters<Parameters<typeof inTransaction>[1]>[0];

async function checkInTx(t: T, now: Date, req: CheckInRequest): Promise<CheckInResult> {
  const { shift, project } = req.context;
  const volunteerId = req.subject.volunteer._id;
  const day = shanghaiDay(req.mark.at);
  const todayDoc = await dayDocIn(t, dayDocId(volunteerId, day));
  const today = entriesOf(todayDoc);
  const entries = [...entriesOf(await dayDocIn(t, dayDocId(volunteerId, previousDay(day)))), ...today];
  const decision = decideCheckIn(entries, today, { shiftId: shift._id, at: req.mark.at, pairsPerDay: attendanceSettingsOf(project).pairsPerDay });
  if (!decision.ok) throw new Rollback(decision);
  if (decision.value.kind === 'same') {
    const existing = await getOrNull<SessionDoc>(t, SESSIONS, decision.value.entry.sessionId);
    if (!existing) throw new Error(`session ${decision.value.entry.sessionId} listed on its day but missing`);
    return ok(sessionView(existing));
  }
  const id = sessionId(shift._id, volunteerId, decision.value.index);
  await markSignupCheckedIn(t, signupId(shift._id, req.subject.volunteer.userId), req.mark, now);
  const session: SessionDoc = {
    _id: id,
    shiftId: shift._id,
    projectId: project._id,
    orgId: project.orgId,
    volunteerId,
    userId: req.subject.volunteer.userId,
    index: decision.value.index,
    projectTitle: project.title,
    day,
    state: 'open',
    checkIn: { ...req.mark, recordedAt: now },
    autoCloseAt: checkInWindow(shift, attendanceSettingsOf(project).marginMinutes).endsAt,
    createdAt: now,
    updatedAt: now,
  };
  await writeSession(t, session);
  await writeDay(t, {
    _id: dayDocId(volunteerId, day),
    volunteerId,
    day,
    entries: [...today, { sessionId: id, shiftId: shift._id, projectTitle: project.title, checkedInAt: req.mark.at }],
    updatedAt: now,
  });
  return ok(sessionView(session));
}

async function checkOutTx(t: T, now: Date, req: CheckInRequest, roundingStep: number | undefined): Promise<CheckResult> {
  const { shift } = req.context;
  const volunteerId = req.subject.volunteer._id;
  const day = shanghaiDay(req.mark.at);
  const days = [previousDay(day), day];
  const docs = await Promise.all(days.map((d) => dayDocIn(t, dayDocId(volunteerId, d))));
  const entries = docs.flatMap(entriesOf);
  const decision = decideCheckOut(entries, { shiftId: shift._id, at: req.mark.at });
  if (!decision.ok) throw new Rollback(decision);
  const session = await getOrNull<SessionDoc>(t, SESSIONS, decision.value.entry.sessionId);
  if (!session) throw new Error(`session ${decision.value.entry.sessionId} listed on its day but missing`);
  const dayDoc = docs[days.indexOf(session.day)] ?? null;
  if (decision.value.kind === 'same') {
    return session.state === 'autoClosed' ? syncLateCheckOut(t, now, req, roundingStep, session, dayDoc, entries) : ok(sessionView(session));
  }
  const closed = closeSession(session, { ...req.mark, recordedAt: now }, 'closed', req, roundingStep, now);
  await writeSession(t, closed.session);
  await writeDay(t, withClosedEntry(dayDoc, session, req.mark.at, now));
  await writeRevisions(t, [{ previous: null, next: closed.record }], now);
  return ok(sessionView(closed.session));
}

/** The timer's 未签退 record as it made it: pending, not adjusted, not corrected — nobody has decided on it yet. */
function awaitsCheckOut(r: ServiceRecordDoc): boolean {
  return r.status === 'pending' && r.missingCheckout === true && !r.computation.adjustment && !r.correctionId;
}

/**
 * The real check-out of a session the timer closed as 未签退 (an offline scan synced late, inside the window and
 * fresh by its token): the session is closed at the recorded time, the day's entry with it, and the record gets its
 * next revision — what an in-time check-out would have made, confirmed in the station opener's name (RULES §4) —
 * through writeRevisions, in this one transaction. The organization's own decision on the record stands: once it
 * confirmed, adjusted, rejected or corrected it, the sync is refused and changes nothing.
 */
async function syncLateCheckOut(
  t: T,
  now: Date,
  req: CheckInRequest,
  roundingStep: number | undefined,
  session: SessionDoc,
  dayDoc: DayDoc | null,
  entries: DayEntry[],
): Promise<CheckResult> {
  const at = req.mark.at;
  const late = decideLateCheckOut(entries, { sessionId: session._id, checkedInAt: new Date(session.checkIn.at) }, at);
  if (!late.ok) throw new Rollback(late);
  const recordId = session.recordId ?? `onsite.${session._id}`;
  const current = await currentRevision(t, recordId, 1);
  if (!current) throw new Error(`record ${recordId} of session ${session._id} missing`);
  if (!awaitsCheckOut(current)) throw new Rollback(err('MISSING_CHECKOUT_DECIDED', M.missingCheckoutDecided));
  const closed = closeSession({ ...session, state: 'open' }, { ...req.mark, recordedAt: now }, 'closed', req, roundingStep, now);
  const revision = current.revision + 1;
  const next: ServiceRecordDoc = {
    ...closed.record,
    _id: revisionId(recordId, revision),
    revision,
    recordedAt: current.recordedAt,
    changeReason: M.checkoutSynced(HHMM(at)),
    changedBy: req.mark.by,
  };
  await writeSession(t, closed.session);
  await writeDay(t, withClosedEntry(dayDoc, session, at, now));
  await writeRevisions(t, [{ previous: current, next }], now);
  return ok(sessionView(closed.session));
}

/**
 * A check-in writes the person's sign-up for the shift (when there is one) in its transaction, as 标记未到 does
 * (markAbsent): the two conflict on it, so the later retries and sees the other — never a no-show with a session.
 * A sign-up already marked 未到 refuses a station scan; an admin checking the volunteer in (card, by hand) vouches
 * that they came and undoes the mark, which is kept as `noShowCleared`.
 */
async function markSignupCheckedIn(t: T, id: string, mark: CheckRequest['mark'], now: Date): Promise<void> {
  const signup = await getOrNull<SignupDoc>(t, 'signups', id);
  if (!signup) return;
  if (signup.noShow && mark.method === 'station') throw new Rollback(err('MARKED_ABSENT', M.markedAbsent));
  const { _id, noShow, ...kept } = signup;
  const next: Omit<SignupDoc, '_id'> = {
    ...kept,
    checkedInAt: signup.checkedInAt ?? mark.at,
    ...(noShow ? { noShowCleared: { ...noShow, clearedAt: now, clearedBy: mark.by } } : {}),
    updatedAt: now,
  };
  await t.collection('signups').doc(_id).set({ data: next });
}

/** The day document with the session's entry closed at `at`. */
export function withClosedEntry(doc: Parameters<typeof entriesOf>[0], session: SessionDoc, at: Date, now: Date) {
  const entries = entriesOf(doc).map((e) => (e.sessionId === session._id ? { ...e, checkedOutAt: at } : e));
  return { _id: dayDocId(session.volunteerId, session.day), volunteerId: session.volunteerId, day: session.day, entries, updatedAt: now };
}

/**
 * The closed session and the service record it makes (recordId `onsite.<sessionId>`): confirmed in the name of
 * whoever vouched for the check-out on site, or pending — closed by the timer (未签退), or with a scan that was
 * offline at a project that checks no location (nothing vouched for it).
 */
export function closeSession(
  session: SessionDoc,
  checkOut: CheckMark,
  state: 'closed' | 'autoClosed',
  req: { context: ShiftContext; subject: CheckSubject },
  roundingStep: number | undefined,
  now: Date,
): { session: SessionDoc; record: ServiceRecordDoc } {
  const { shift, project } = req.context;
  const volunteer = req.subject.volunteer;
  const served = { startsAt: new Date(session.checkIn.at), endsAt: checkOut.at };
  const counted = countedMinutes(served, shift, roundingStep);
  const recordId = `onsite.${session._id}`;
  const locationUnchecked = Boolean(session.checkIn.locationUnchecked || checkOut.locationUnchecked);
  // Where neither the server's clock (an online scan) nor a location vouches for a scan, the organization does.
  const unvouched = (m: CheckMark) => Boolean(m.offline && m.locationUnchecked);
  const offlineUnlocated = unvouched(session.checkIn) || unvouched(checkOut);
  const confirmed = state === 'closed' && !offlineUnlocated;
  const record = firstRevision(
    {
      recordId,
      ...shiftRecordParties(volunteer, project, shift),
      kind: 'service',
      source: 'onsite',
      status: confirmed ? 'confirmed' : 'pending',
      activity: activityOfProject(project, session.day),
      startsAt: served.startsAt,
      endsAt: served.endsAt,
      minutes: counted.minutes,
      computation: {
        servedMinutes: counted.servedMinutes,
        clampedToWindow: counted.clampedToWindow,
        ...(counted.roundingStep ? { roundingStep: counted.roundingStep } : {}),
      },
      ...(state === 'autoClosed' ? { missingCheckout: true } : {}),
      ...(locationUnchecked ? { locationUnchecked: true } : {}),
      ...(offlineUnlocated ? { offlineUnlocated: true } : {}),
      ...(session.checkIn.distanceM !== undefined || checkOut.distanceM !== undefined
        ? { distancesM: { ...(session.checkIn.distanceM !== undefined ? { checkIn: session.checkIn.distanceM } : {}), ...(checkOut.distanceM !== undefined ? { checkOut: checkOut.distanceM } : {}) } }
        : {}),
      evidenceFileIds: [],
      recordedBy: checkOut.by,
      origin: { sessionId: session._id },
      ...(confirmed ? { confirmation: { orgId: project.orgId, by: checkOut.by, at: now } } : {}),
    },
    now,
  );
  return {
    session: { ...session, state, checkOut, recordId, minutes: counted.minutes, updatedAt: now },
    record,
  };
}
