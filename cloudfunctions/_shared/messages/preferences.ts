// A person's notification preferences (collection notificationPreferences, `_id` the userId; absent: the defaults).
// The notify function reads them before every WeChat send; the reminders slice reads them before it even enqueues a
// reminder, digest or recommendation, so a turned-off kind costs nothing.
import type { NotificationKind } from '../../../typings/inbox';
import type { ClockTime, NotificationPreferences } from '../../../typings/notify';
import { getOrNull, type Database } from '../db/db';
import type { NotificationPreferencesDoc } from '../documents/notification';
import { KIND_INFO } from './kinds';

export const PREFERENCES = 'notificationPreferences';

/** Nothing turned off, quiet hours 22:00–08:00 Asia/Shanghai (issue 11), no recommendations until opted in. */
export const DEFAULT_PREFERENCES: NotificationPreferences = Object.freeze({
  off: [],
  quietHours: { start: '22:00', end: '08:00' },
  recommendations: false,
}) as NotificationPreferences;

export function preferencesFrom(doc: Partial<NotificationPreferences> | null): NotificationPreferences {
  return {
    off: Array.isArray(doc?.off) ? doc.off.filter((k) => Object.prototype.hasOwnProperty.call(KIND_INFO, k)) : [],
    quietHours: doc && 'quietHours' in doc && doc.quietHours !== undefined ? doc.quietHours : DEFAULT_PREFERENCES.quietHours,
    recommendations: doc?.recommendations === true,
  };
}

export async function preferencesOf(db: Database, userId: string): Promise<NotificationPreferences> {
  return preferencesFrom(await getOrNull<NotificationPreferencesDoc>(db, PREFERENCES, userId));
}

/** The person turned this kind off, and it is one that may be turned off. */
export function isTurnedOff(prefs: NotificationPreferences, kind: NotificationKind): boolean {
  return KIND_INFO[kind].turnOff && prefs.off.includes(kind);
}

const CLOCK = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isClockTime(value: string): value is ClockTime {
  return CLOCK.test(value);
}

/** Minutes after midnight of an "HH:mm" (validated). */
export function minutesOfDay(time: ClockTime): number {
  const m = CLOCK.exec(time);
  if (!m) throw new RangeError(`not a clock time: ${time}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

export type PreferencesRefusal =
  | { code: 'BAD_QUIET_HOURS'; field: 'quietHours' | 'quietHours.start' | 'quietHours.end' }
  | { code: 'BAD_REQUEST'; field: 'off'; kind: string }
  | { code: 'KIND_NOT_RECEIVED'; field: 'off'; kind: NotificationKind };

const everyKind = (): boolean => true;

/**
 * The preferences a change leaves, or why it is refused (unknown or compulsory kinds, a kind that never reaches this
 * person, clock times, start = end). `applies` says which kinds reach the person (their roles, messages/audiences.ts):
 * only those may be turned off or on. A kind already off that no longer reaches them (an admin who left) keeps its
 * state whatever `off` says, so a page that lists only the kinds that apply neither fails nor turns it back on.
 */
export function applyPreferences(
  current: NotificationPreferences,
  change: Partial<NotificationPreferences>,
  applies: (kind: NotificationKind) => boolean = everyKind,
): { ok: true; value: NotificationPreferences } | { ok: false; refusal: PreferencesRefusal } {
  if (change.off !== undefined) {
    const wrong = change.off.find((k) => !Object.prototype.hasOwnProperty.call(KIND_INFO, k) || !KIND_INFO[k].turnOff);
    if (wrong !== undefined) return { ok: false, refusal: { code: 'BAD_REQUEST', field: 'off', kind: wrong } };
    const notReceived = change.off.find((k) => !applies(k) && !current.off.includes(k));
    if (notReceived !== undefined) return { ok: false, refusal: { code: 'KIND_NOT_RECEIVED', field: 'off', kind: notReceived } };
  }
  if (change.quietHours) {
    const { start, end } = change.quietHours;
    if (!isClockTime(start)) return { ok: false, refusal: { code: 'BAD_QUIET_HOURS', field: 'quietHours.start' } };
    if (!isClockTime(end)) return { ok: false, refusal: { code: 'BAD_QUIET_HOURS', field: 'quietHours.end' } };
    if (start === end) return { ok: false, refusal: { code: 'BAD_QUIET_HOURS', field: 'quietHours' } };
  }
  return {
    ok: true,
    value: {
      off: change.off !== undefined ? [...new Set([...change.off.filter(applies), ...current.off.filter((k) => !applies(k))])] : current.off,
      quietHours: change.quietHours !== undefined ? (change.quietHours ? { ...change.quietHours } : null) : current.quietHours,
      recommendations: change.recommendations ?? current.recommendations,
    },
  };
}
