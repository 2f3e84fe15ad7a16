// attendance.dashboard — the day-of view of a shift for its organization's admins: expected (confirmed sign-ups),
// checked in, checked out, missing (expected and not come), one row per person. attendance.markAbsent — 标记未到 for
// someone expected who never checked in, through the sign-up's own no-show rule (_shared/signup/no-show.ts).
import type { AttendeeRow, AttendeeState, DashboardResponse } from '../../typings/attendance';
import { getOrNull, inTransaction, Rollback, type Database } from '../_shared/db/db';
import { PAGE, rows } from '../_shared/db/paging';
import type { SignupDoc } from '../_shared/documents/project';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { action, type Answer } from '../_shared/frame/action';
import { fail, ok, refusal } from '../_shared/frame/envelope';
import { ATTENDANCE_MESSAGES as M, failWith, SIGNUP_MESSAGES } from '../_shared/messages/answers';
import { markNoShowIn } from '../_shared/signup/no-show';
import { volunteersByUser } from '../signup/store';
import { adminOf, forbidden } from './admin';
import { dashboardSchema, markAbsentSchema } from './schemas';
import { checksLocation, sessionId } from './rules';
import { SESSIONS, sessionsOfShift, shiftContext, type SessionDoc } from './store';

/** Confirmed sign-ups of a shift (index shiftId_status_queuedAt), paged by _id. */
async function confirmedSignups(db: Database, shiftId: string): Promise<SignupDoc[]> {
  const _ = db.command;
  const out: SignupDoc[] = [];
  for (let after = ''; ; ) {
    const page = await rows<SignupDoc>(db.collection('signups').where({ shiftId, status: 'confirmed', _id: _.gt(after) }).orderBy('_id', 'asc').limit(PAGE));
    out.push(...page);
    if (page.length < PAGE) return out;
    after = page[page.length - 1]!._id;
  }
}

const iso = (d: Date | string) => new Date(d).toISOString();

/** One person's row: their latest session decides the state; a confirmed sign-up without one is expected or absent. */
export function attendeeRow(volunteer: VolunteerDoc | undefined, signup: SignupDoc | undefined, sessions: SessionDoc[]): AttendeeRow {
  const latest = [...sessions].sort((a, b) => a.index - b.index).at(-1);
  const state: AttendeeState = latest
    ? latest.state === 'open'
      ? 'checkedIn'
      : latest.state === 'closed'
        ? 'checkedOut'
        : 'missingCheckout'
    : signup?.noShow
      ? 'noShow'
      : 'expected';
  const minutes = sessions.reduce((sum, s) => sum + (s.minutes ?? 0), 0);
  return {
    volunteerId: volunteer?._id ?? latest?.volunteerId ?? '',
    name: volunteer?.name ?? '已注销',
    volunteerNo: volunteer?.volunteerNo ?? '',
    state,
    ...(signup ? { signupId: signup._id } : {}),
    ...(latest ? { checkedInAt: iso(sessions[0]!.checkIn.at) } : {}),
    ...(latest?.checkOut ? { checkedOutAt: iso(latest.checkOut.at) } : {}),
    ...(latest && latest.state !== 'open' ? { minutes } : {}),
  };
}

export const dashboard = action('attendance', 'dashboard', dashboardSchema, async (req, ctx) => {
  const context = await shiftContext(ctx.db, req.shiftId);
  if (!context) return failWith('SHIFT_NOT_FOUND');
  if (!(await adminOf(ctx, context.project.orgId))) return forbidden();
  const [signups, sessions] = await Promise.all([confirmedSignups(ctx.db, req.shiftId), sessionsOfShift(ctx.db, req.shiftId)]);
  const byUser = new Map<string, SessionDoc[]>();
  for (const s of sessions) byUser.set(s.userId, [...(byUser.get(s.userId) ?? []), s]);
  const signupOf = new Map(signups.map((s) => [s.userId, s]));
  const userIds = [...new Set([...signups.map((s) => s.userId), ...sessions.map((s) => s.userId)])];
  const volunteers = await volunteersByUser(ctx.db, userIds);
  const rowsOut = userIds.map((u) => {
    const row = attendeeRow(volunteers.get(u), signupOf.get(u), byUser.get(u) ?? []);
    return signupOf.has(u) ? row : { ...row, state: row.state === 'expected' ? ('walkIn' as const) : row.state };
  });
  const started = ctx.now.getTime() >= context.shift.startsAt.getTime();
  const expected = rowsOut.filter((r) => r.signupId !== undefined);
  const answer: DashboardResponse = {
    shiftId: req.shiftId,
    projectTitle: context.project.title,
    startsAt: context.shift.startsAt.toISOString(),
    endsAt: context.shift.endsAt.toISOString(),
    counts: {
      expected: expected.length,
      checkedIn: rowsOut.filter((r) => r.state === 'checkedIn').length,
      checkedOut: rowsOut.filter((r) => r.state === 'checkedOut' || r.state === 'missingCheckout').length,
      missing: started ? expected.filter((r) => r.state === 'expected' || r.state === 'noShow').length : 0,
    },
    rows: rowsOut.sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.volunteerNo.localeCompare(b.volunteerNo)),
    noShowMarkable: started,
    locationChecked: checksLocation(context.project.place),
  };
  return ok(answer);
});

/** Who needs attention first: those missing, then those on site. */
const ORDER: Record<AttendeeState, number> = { expected: 0, noShow: 1, missingCheckout: 2, checkedIn: 3, walkIn: 4, checkedOut: 5 };

type AbsentAnswer = Answer<'attendance', 'markAbsent'>;

export const markAbsent = action('attendance', 'markAbsent', markAbsentSchema, async (req, ctx) => {
  const signup = await getOrNull<SignupDoc>(ctx.db, 'signups', req.signupId);
  if (!signup) return fail('SIGNUP_NOT_FOUND', SIGNUP_MESSAGES.signupNotFound);
  const adminUserId = await adminOf(ctx, signup.orgId);
  if (!adminUserId) return forbidden();
  const volunteer = (await volunteersByUser(ctx.db, [signup.userId])).get(signup.userId);
  if (!volunteer) return fail('SIGNUP_NOT_FOUND', SIGNUP_MESSAGES.signupNotFound);
  return inTransaction<AbsentAnswer, AbsentAnswer>(ctx.db, async (t) => {
    // Someone who checked in came: their first session's id is known, so it is read in the same transaction. The
    // mark writes the sign-up, which every first check-in writes too (check.ts markSignupCheckedIn): a check-in
    // racing this transaction conflicts with it on that document, and whichever retries sees the other.
    if (await getOrNull(t, SESSIONS, sessionId(signup.shiftId, volunteer._id, 1))) throw new Rollback(fail('ALREADY_CHECKED_IN', M.alreadyCheckedIn));
    if ((await getOrNull<SignupDoc>(t, 'signups', req.signupId))?.checkedInAt) throw new Rollback(fail('ALREADY_CHECKED_IN', M.alreadyCheckedIn));
    const marked = await markNoShowIn(t, req.signupId, adminUserId, ctx.now);
    if (!marked.ok) throw new Rollback(refusal(marked));
    return ok(attendeeRow(volunteer, marked.value, []));
  });
});
