// Pure rules of on-site check-in and check-out (RULES §4): the check-in window, the minutes that count, overlap
// and the daily pair limit over a person's sessions of the day, and the geofence. No clock of their own: every
// instant is passed in.
import type { AttendanceSettings, GeoLocation } from '../../typings/attendance';
import { err, ok, type Result } from '../../miniprogram/domain/result';
import { ATTENDANCE_MESSAGES as M } from '../_shared/messages/answers';

export const DEFAULT_ATTENDANCE: AttendanceSettings = { marginMinutes: 30, walkInsAllowed: false, pairsPerDay: 3 };
export const MAX_MARGIN_MINUTES = 240;
export const MAX_PAIRS_PER_DAY = 10;
const MINUTE_MS = 60_000;

export interface Interval {
  startsAt: Date;
  endsAt: Date;
}

/** A project's settings over the defaults (a project saved before issue 9 has none). */
export function attendanceSettingsOf(project: { attendance?: Partial<AttendanceSettings> }): AttendanceSettings {
  return { ...DEFAULT_ATTENDANCE, ...(project.attendance ?? {}) };
}

/** When check-in and check-out are accepted for a shift: its start less the margin to its end plus the margin. */
export function checkInWindow(shift: Interval, marginMinutes: number): Interval {
  return {
    startsAt: new Date(shift.startsAt.getTime() - marginMinutes * MINUTE_MS),
    endsAt: new Date(shift.endsAt.getTime() + marginMinutes * MINUTE_MS),
  };
}

/** Inside the window, both ends included (a scan at the last minute of the margin still counts). */
export function withinWindow(at: Date, window: Interval): boolean {
  return at.getTime() >= window.startsAt.getTime() && at.getTime() <= window.endsAt.getTime();
}

/** Half-open intervals overlap when each starts before the other ends (back-to-back sessions do not). */
export function overlaps(a: Interval, b: Interval): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

export interface CountedMinutes {
  /** Whole minutes actually served (check-in to check-out). */
  servedMinutes: number;
  /** Whole minutes inside the shift window, rounded down to the step when one is set: what counts once confirmed. */
  minutes: number;
  clampedToWindow: boolean;
  roundingStep?: number;
}

/**
 * The minutes a session counts (RULES §4: actual service time, time outside the shift window does not count unless
 * the organization adjusts it). `window` is the shift itself, not the check-in margin. An organization's rounding
 * step rounds down (a 15-minute step turns 2 h 14 min into 2 h): a rule may never count time nobody served.
 */
export function countedMinutes(served: Interval, window: Interval, roundingStep?: number): CountedMinutes {
  const servedMinutes = Math.max(0, Math.floor((served.endsAt.getTime() - served.startsAt.getTime()) / MINUTE_MS));
  const from = Math.max(served.startsAt.getTime(), window.startsAt.getTime());
  const to = Math.min(served.endsAt.getTime(), window.endsAt.getTime());
  const inside = Math.max(0, Math.floor((to - from) / MINUTE_MS));
  const clampedToWindow = served.startsAt.getTime() < window.startsAt.getTime() || served.endsAt.getTime() > window.endsAt.getTime();
  const step = roundingStep !== undefined && Number.isInteger(roundingStep) && roundingStep > 1 ? roundingStep : undefined;
  const minutes = step ? Math.floor(inside / step) * step : inside;
  return { servedMinutes, minutes, clampedToWindow, ...(step ? { roundingStep: step } : {}) };
}

const EARTH_RADIUS_M = 6_371_008.8;

/** Great-circle distance in metres (haversine over the mean Earth radius), rounded to whole metres. */
export function distanceM(a: GeoLocation, b: GeoLocation): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(b.latitude - a.latitude);
  const dLon = rad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.latitude)) * Math.cos(rad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return Math.round(2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h))));
}

export type GeofenceError = 'LOCATION_REQUIRED' | 'OUTSIDE_GEOFENCE';

/** Whether a project's scans must carry a location: a check-in radius is set (0 turns the geofence off). */
export function checksLocation(place: { checkinRadiusM: number }): boolean {
  return place.checkinRadiusM > 0;
}

/**
 * Whether a scan may count where it was made. A project without a radius (0) takes no location. On the edge is
 * inside: the distance stored (whole metres) is the one decided on, so what the organization reads is what counted.
 */
export function checkGeofence(
  place: { location: GeoLocation; radiusM: number },
  at: GeoLocation | undefined,
): Result<{ distanceM?: number }, GeofenceError> {
  if (!checksLocation({ checkinRadiusM: place.radiusM })) return ok({});
  if (!at) return err('LOCATION_REQUIRED', M.locationRequired);
  const d = distanceM(place.location, at);
  if (d > place.radiusM) return err('OUTSIDE_GEOFENCE', M.outsideGeofence(d, place.radiusM));
  return ok({ distanceM: d });
}

/** A session of the person's day, as the day document keeps it (attendanceDays). */
export interface DayEntry {
  sessionId: string;
  shiftId: string;
  projectTitle: string;
  checkedInAt: Date;
  checkedOutAt?: Date;
}

/**
 * What the check-in page lists as the day's sessions: the day's, after those of the day before that reached into it
 * (a night shift still open at midnight, or checked out after it), so a volunteer checked in at 23:30 still sees it.
 */
export function sessionsOfTheDay(today: DayEntry[], yesterday: DayEntry[], dayStartsAt: Date): DayEntry[] {
  const reaching = yesterday.filter((e) => e.checkedOutAt === undefined || e.checkedOutAt.getTime() >= dayStartsAt.getTime());
  return [...reaching, ...today];
}

export type CheckInDecision = { kind: 'same'; entry: DayEntry } | { kind: 'new'; index: number };

/**
 * A check-in at `at` against the person's sessions of that day and the day before (a session may run past
 * midnight). A check-in this shift already has — open, or a closed one containing `at` (a synced scan sent again) —
 * is the same check-in; otherwise it may not fall inside or before another session, nor exceed the day's pairs.
 */
export function decideCheckIn(
  entries: DayEntry[],
  today: DayEntry[],
  scan: { shiftId: string; at: Date; pairsPerDay: number },
): Result<CheckInDecision, 'PAIR_LIMIT' | 'SESSION_OVERLAP'> {
  const t = scan.at.getTime();
  const mine = entries.filter((e) => e.shiftId === scan.shiftId);
  const same = mine.find((e) => !e.checkedOutAt || (e.checkedInAt.getTime() <= t && t <= e.checkedOutAt.getTime()));
  if (same) return ok({ kind: 'same', entry: same });
  const clash = entries.find((e) => !e.checkedOutAt || t < e.checkedOutAt.getTime());
  if (clash) return err('SESSION_OVERLAP', M.overlap(clash.projectTitle));
  if (today.length >= scan.pairsPerDay) return err('PAIR_LIMIT', M.pairLimit(scan.pairsPerDay));
  return ok({ kind: 'new', index: mine.length + 1 });
}

export type CheckOutDecision = { kind: 'same'; entry: DayEntry } | { kind: 'close'; entry: DayEntry };

/**
 * A check-out at `at` closes this shift's open session. A session already closed answers as it is (a retry, a
 * second device, a synced scan sent again). Before the check-in is reversed, the same minute is zero-length.
 */
export function decideCheckOut(
  entries: DayEntry[],
  scan: { shiftId: string; at: Date },
): Result<CheckOutDecision, 'NOT_CHECKED_IN' | 'SESSION_REVERSED' | 'SESSION_EMPTY'> {
  const mine = entries.filter((e) => e.shiftId === scan.shiftId).sort((a, b) => a.checkedInAt.getTime() - b.checkedInAt.getTime());
  const latest = mine[mine.length - 1];
  if (!latest) return err('NOT_CHECKED_IN', M.notCheckedIn);
  if (latest.checkedOutAt) return ok({ kind: 'same', entry: latest });
  const served = scan.at.getTime() - latest.checkedInAt.getTime();
  if (served < 0) return err('SESSION_REVERSED', M.reversed);
  if (served < MINUTE_MS) return err('SESSION_EMPTY', M.empty);
  return ok({ kind: 'close', entry: latest });
}

/**
 * A check-out synced after the timer closed its session as 未签退 (an offline scan reaching the server late): its
 * recorded time replaces the timer's when it is a minute or more after the check-in and before any later session of
 * the person (any project) began — the real time may run past the shift's end, into the margin.
 */
export function decideLateCheckOut(
  entries: DayEntry[],
  session: { sessionId: string; checkedInAt: Date },
  at: Date,
): Result<true, 'SESSION_REVERSED' | 'SESSION_EMPTY' | 'SESSION_OVERLAP'> {
  const served = at.getTime() - session.checkedInAt.getTime();
  if (served < 0) return err('SESSION_REVERSED', M.reversed);
  if (served < MINUTE_MS) return err('SESSION_EMPTY', M.empty);
  const later = entries.find((e) => e.sessionId !== session.sessionId && e.checkedInAt.getTime() >= session.checkedInAt.getTime() && e.checkedInAt.getTime() < at.getTime());
  if (later) return err('SESSION_OVERLAP', M.overlap(later.projectTitle));
  return ok(true);
}

/** Session ids name the shift, the volunteer and the pair's number: double taps and two devices meet on one id. */
export function sessionId(shiftId: string, volunteerId: string, index: number): string {
  return `${shiftId}.${volunteerId}.${index}`;
}

/** The person's day document (attendanceDays): `<volunteerId>.<YYYY-MM-DD>` of the Asia/Shanghai day. */
export function dayDocId(volunteerId: string, day: string): string {
  return `${volunteerId}.${day}`;
}
