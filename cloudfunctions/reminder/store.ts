// The reads and writes of the reminder timer: shifts in a window (cancelled_startsAt_id), a shift's confirmed
// sign-ups, what an organization has waiting, the opted-in people, the week's recommendations, preferences, and
// where each job stands (collection reminderRuns). Every query is indexed and reads at most 100 documents.
import type { NotificationKind } from '../../typings/inbox';
import { getOrNull, type Database } from '../_shared/db/db';
import { everyRow, keysetPage, PAGE, rows, type Position } from '../_shared/db/paging';
import type { NotificationPreferencesDoc } from '../_shared/documents/notification';
import type { ShiftDoc, SignupDoc } from '../_shared/documents/project';

export const RUNS = 'reminderRuns';

/** Where one job of the timer stands (reminderRuns/<job>). */
export interface ReminderRunDoc {
  _id: string;
  /** The day a daily job is on (YYYY-MM-DD, Shanghai), and whether it finished it. */
  day?: string;
  done?: boolean;
  /** Where a run stopped before its time limit: the next one continues after this position. */
  resume?: Position | null;
  updatedAt: Date;
}

export async function runOf(db: Database, job: string): Promise<ReminderRunDoc | null> {
  return getOrNull<ReminderRunDoc>(db, RUNS, job);
}

export async function saveRun(db: Database, job: string, state: Omit<ReminderRunDoc, '_id' | 'updatedAt'>, now: Date): Promise<void> {
  await db.collection(RUNS).doc(job).set({ data: { ...state, updatedAt: now } });
}

/**
 * One page of shifts starting in (after, upTo], earliest first, not cancelled; after a resume position, the shifts
 * tied with it on the start and a larger id first (keyset on startsAt, _id).
 */
export async function shiftsStarting(db: Database, after: Date, upTo: Date, from: Position | null): Promise<ShiftDoc[]> {
  const _ = db.command;
  const coll = db.collection('shifts');
  const out: ShiftDoc[] = [];
  if (from?.value instanceof Date) {
    out.push(...(await rows<ShiftDoc>(coll.where({ cancelled: false, startsAt: from.value, _id: _.gt(from.id) }).orderBy('_id', 'asc').limit(PAGE))));
  }
  const lower = from?.value instanceof Date ? from.value : after;
  if (out.length < PAGE) {
    out.push(
      ...(await rows<ShiftDoc>(
        coll.where({ cancelled: false, startsAt: _.gt(lower).and(_.lte(upTo)) }).orderBy('startsAt', 'asc').orderBy('_id', 'asc').limit(PAGE - out.length),
      )),
    );
  }
  return out;
}

/** A shift's confirmed sign-ups (shiftId_status_queuedAt_id), in arrival order; a shift has far fewer than the cap. */
export function confirmedSignups(db: Database, shiftId: string): Promise<SignupDoc[]> {
  return everyRow<SignupDoc>(db, 'signups', { shiftId, status: 'confirmed' }, { field: 'queuedAt', direction: 'asc' });
}

export async function countOf(db: Database, collection: string, where: Record<string, unknown>): Promise<number> {
  return ((await db.collection(collection).where(where).count()) as { total: number }).total;
}

/** One page of the people who opted in to recommendations, by user id (recommendations_id). */
export function optedInPage(db: Database, after: Position | null) {
  return keysetPage<NotificationPreferencesDoc>(db, 'notificationPreferences', { recommendations: true }, null, after, PAGE);
}

/** Recommendations a person got in [from, until) (recipient_kind_createdAt): the weekly cap counts these. */
export function recommendationsBetween(db: Database, userId: string, from: Date, until: Date): Promise<number> {
  const _ = db.command;
  return countOf(db, 'notifications', { recipientUserId: userId, kind: 'project.recommended', createdAt: _.gte(from).and(_.lt(until)) });
}

/** What a person chose about messages; absent: the defaults (nothing off, no recommendations). */
export interface ReminderPreferences {
  off: readonly NotificationKind[];
  recommendations: boolean;
}

const DEFAULTS: ReminderPreferences = { off: [], recommendations: false };

/**
 * The preferences of many people in one read per 100 (by _id). The notify function's preferencesOf reads one
 * person's; the timer reads whole shifts and pages of people, so it reads them by the hundred.
 */
export async function preferencesOf(db: Database, userIds: readonly string[]): Promise<Map<string, ReminderPreferences>> {
  const _ = db.command;
  const unique = [...new Set(userIds)];
  const out = new Map<string, ReminderPreferences>();
  for (let i = 0; i < unique.length; i += PAGE) {
    const found = await rows<NotificationPreferencesDoc>(db.collection('notificationPreferences').where({ _id: _.in(unique.slice(i, i + PAGE)) }).limit(PAGE));
    for (const p of found) out.set(p._id, { off: p.off ?? [], recommendations: p.recommendations === true });
  }
  for (const id of unique) if (!out.has(id)) out.set(id, DEFAULTS);
  return out;
}

/** Kinds a person turned off are not even enqueued (reminders, digests, recommendations). */
export function isTurnedOff(prefs: ReminderPreferences | undefined, kind: NotificationKind): boolean {
  return prefs?.off.includes(kind) ?? false;
}
