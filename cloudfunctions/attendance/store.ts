// The documents the attendance function owns and the reads it makes. Collections (database/collections.json):
//   attendanceStations  `<shiftId>.<day>`: a station opened for a shift on one Asia/Shanghai day, by whom (no key:
//                       station keys are derived, never stored)
//   attendanceSessions  sessionId(shiftId, volunteerId, n): one check-in/check-out pair
//   attendanceDays      dayDocId(volunteerId, day): the person's sessions of one day. Every check-in and check-out
//                       writes it, so two devices, double taps and retries of one person meet on it in a transaction
//                       (overlap and the daily pair limit cannot be raced).
import { getOrNull, type Database, type Tx } from '../_shared/db/db';
import { PAGE, rows } from '../_shared/db/paging';
import type { ProjectDoc, ShiftDoc } from '../_shared/documents/project';
import type { DayEntry } from './rules';

export const STATIONS = 'attendanceStations';
export const SESSIONS = 'attendanceSessions';
export const DAYS = 'attendanceDays';

export interface StationDoc {
  _id: string;
  shiftId: string;
  orgId: string;
  day: string;
  /** users._id of the admin who opened it: on-site records are confirmed in their name (RULES §4). */
  openedBy: string;
  openedAt: Date;
}

export function stationDocId(shiftId: string, day: string): string {
  return `${shiftId}.${day}`;
}

export type CheckMethod = 'station' | 'card' | 'manual' | 'timer';

/** How one side of a session was recorded (audit). */
export interface CheckMark {
  at: Date;
  method: CheckMethod;
  /** users._id of the admin who scanned the card or checked by hand, or who opened the station. */
  by: string;
  /** manual: why by hand. */
  reason?: string;
  /** Metres from the project's place, when a location was sent. */
  distanceM?: number;
  /** A scan made offline and synced later (its time is the phone's recorded time). */
  offline?: boolean;
  /** A station scan at a project that checks no location (radius 0): nothing vouched where it was made. */
  locationUnchecked?: boolean;
  /** The station token's time step. */
  step?: number;
  recordedAt: Date;
}

export interface SessionDoc {
  _id: string;
  shiftId: string;
  projectId: string;
  orgId: string;
  volunteerId: string;
  userId: string;
  index: number;
  projectTitle: string;
  /** The Asia/Shanghai day of the check-in: the day document holding it. */
  day: string;
  state: 'open' | 'closed' | 'autoClosed';
  checkIn: CheckMark;
  checkOut?: CheckMark;
  /** open: the timer closes it from this instant on (the shift's end plus the margin). */
  autoCloseAt: Date;
  /** The service record it made (recordId), once closed. */
  recordId?: string;
  minutes?: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface DayDoc {
  _id: string;
  volunteerId: string;
  day: string;
  entries: DayEntry[];
  updatedAt: Date;
}

/** Stored instants come back as Dates through the SDK; entries are normalised so the rules compare numbers. */
export function entriesOf(doc: DayDoc | null): DayEntry[] {
  return (doc?.entries ?? []).map((e) => ({
    ...e,
    checkedInAt: new Date(e.checkedInAt),
    ...(e.checkedOutAt ? { checkedOutAt: new Date(e.checkedOutAt) } : {}),
  }));
}

export async function dayDocIn(db: Database | Tx, id: string): Promise<DayDoc | null> {
  return getOrNull<DayDoc>(db, DAYS, id);
}

export async function writeDay(t: Tx, doc: DayDoc): Promise<void> {
  const { _id, ...data } = doc;
  await t.collection(DAYS).doc(_id).set({ data });
}

export async function writeSession(t: Tx, doc: SessionDoc): Promise<void> {
  const { _id, ...data } = doc;
  await t.collection(SESSIONS).doc(_id).set({ data });
}

export interface ShiftContext {
  shift: ShiftDoc;
  project: ProjectDoc;
}

/** The shift and its project, or null when either is missing. */
export async function shiftContext(db: Database, shiftId: string): Promise<ShiftContext | null> {
  const shift = await getOrNull<ShiftDoc>(db, 'shifts', shiftId);
  if (!shift) return null;
  const project = await getOrNull<ProjectDoc>(db, 'projects', shift.projectId);
  return project ? { shift, project } : null;
}

/** The organization's rounding step (organizations.hoursPolicy.roundingStepMinutes, off by default). */
export async function roundingStepOf(db: Database, orgId: string): Promise<number | undefined> {
  const org = await getOrNull<{ hoursPolicy?: { roundingStepMinutes?: number } }>(db, 'organizations', orgId);
  return org?.hoursPolicy?.roundingStepMinutes;
}

/** Every session of a shift (index shiftId_volunteerId), paged by volunteer. */
export async function sessionsOfShift(db: Database, shiftId: string): Promise<SessionDoc[]> {
  const _ = db.command;
  const out: SessionDoc[] = [];
  for (let after = ''; ; ) {
    const page = await rows<SessionDoc>(
      db.collection(SESSIONS).where({ shiftId, _id: _.gt(after) }).orderBy('_id', 'asc').limit(PAGE),
    );
    out.push(...page);
    if (page.length < PAGE) return out;
    after = page[page.length - 1]!._id;
  }
}

/** Open sessions the timer should close by `now` (index state_autoCloseAt), one page. */
export async function forgottenSessions(db: Database, now: Date): Promise<SessionDoc[]> {
  const _ = db.command;
  return rows<SessionDoc>(db.collection(SESSIONS).where({ state: 'open', autoCloseAt: _.lte(now) }).orderBy('autoCloseAt', 'asc').limit(PAGE));
}

/** The active admins of an organization (index orgId_status_role). */
export async function adminUserIds(db: Database, orgId: string): Promise<string[]> {
  const found = await rows<{ userId: string }>(db.collection('memberships').where({ orgId, status: 'active', role: 'admin' }).field({ userId: true }).limit(PAGE));
  return found.map((m) => m.userId);
}
