// Pure rules of the reminder timer: when a shift reminder falls due and who gets it, the mornings of the digest and
// the recommendations, the ISO week of the weekly cap, and the fit of a new project (issue 12 replaces the fit with
// real matching). Every clock reading is Asia/Shanghai (UTC+8, no daylight saving) through domain/calendar.ts.
import { shanghaiClock, shanghaiInstant } from '../../miniprogram/domain/calendar';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export type ReminderLead = '24h' | '2h';

/** How long before a shift's start each reminder falls due. */
export const LEAD_MS: Record<ReminderLead, number> = { '24h': 24 * HOUR, '2h': 2 * HOUR };

/**
 * A run covers the reminders that fell due in the last 30 minutes: the timer fires every 10, so two missed or late
 * runs still leave nobody out, and the outbox's deterministic ids keep the overlap from sending anything twice.
 */
export const LOOKBACK_MS = 30 * MINUTE;

/** A run resumes where an earlier one stopped only while that is at most this old; older work is too late to send. */
export const MAX_CATCH_UP_MS = 6 * HOUR;

/** The shift starts a run looks at for `lead` at `at`: (after, upTo]. */
export function startWindow(lead: ReminderLead, at: Date): { after: Date; upTo: Date } {
  return { after: new Date(at.getTime() - LOOKBACK_MS + LEAD_MS[lead]), upTo: new Date(at.getTime() + LEAD_MS[lead]) };
}

/** Whether a resume position (a shift's start) is still worth continuing from at `at`. */
export function resumable(lead: ReminderLead, resumeStartsAt: Date, at: Date): boolean {
  const t = resumeStartsAt.getTime();
  return t >= at.getTime() - MAX_CATCH_UP_MS + LEAD_MS[lead] && t <= at.getTime() + LEAD_MS[lead];
}

/**
 * Whether a confirmed sign-up gets the `lead` reminder at `at`: the place was confirmed when the reminder fell due
 * (a sign-up confirmed later gets only the reminders still ahead), the reminder has fallen due, and the shift is
 * still ahead — the 24-hour one only while more than 2 hours remain, after which the 2-hour one speaks.
 */
export function remindable(lead: ReminderLead, shiftStartsAt: Date, confirmedSince: Date, at: Date): boolean {
  const start = shiftStartsAt.getTime();
  const due = start - LEAD_MS[lead];
  if (confirmedSince.getTime() > due || at.getTime() < due || at.getTime() >= start) return false;
  return lead === '2h' || start - at.getTime() > LEAD_MS['2h'];
}

/** The digest and the recommendations go out once a day, from 08:00 to before 12:00 in Shanghai. */
export const MORNING = { fromHour: 8, untilHour: 12 } as const;

export function isMorning(at: Date): boolean {
  const hour = shanghaiClock(at).hour();
  return hour >= MORNING.fromHour && hour < MORNING.untilHour;
}

/** The Shanghai day of `at`, YYYY-MM-DD. */
export function shanghaiDay(at: Date): string {
  return shanghaiClock(at).format('YYYY-MM-DD');
}

/** 08:00 in Shanghai on the day of `at`. */
export function morningOf(at: Date): Date {
  return shanghaiInstant(shanghaiClock(at).startOf('day').hour(MORNING.fromHour));
}

/** Projects published since the previous morning: (yesterday 08:00, today 08:00] in Shanghai. */
export function publishedWindow(at: Date): { after: Date; upTo: Date } {
  const upTo = morningOf(at);
  return { after: new Date(upTo.getTime() - 24 * HOUR), upTo };
}

/** The ISO week (Monday 00:00 to the next Monday 00:00, Shanghai) holding `at`. */
export function isoWeekOf(at: Date): { from: Date; until: Date } {
  const day = shanghaiClock(at).startOf('day');
  const sinceMonday = (day.day() + 6) % 7; // dayjs: 0 = Sunday
  const from = shanghaiInstant(day.subtract(sinceMonday, 'day'));
  return { from, until: new Date(from.getTime() + 7 * 24 * HOUR) };
}

/** At most this many new-project recommendations per person per ISO week. */
export const RECOMMENDATIONS_PER_WEEK = 3;

export interface FitVolunteer {
  regionCode: string;
  intentions: readonly string[];
}
export interface FitProject {
  _id: string;
  category: string;
  startsAt: Date;
  place: { regionPrefixes: readonly string[] };
}

/**
 * How well a project fits a volunteer: 0 when it does not (its category is none of their intentions, or it is
 * outside their city); 2 in their city; 3 in their district. A province alone is too far to travel for a shift.
 */
export function projectFit(v: FitVolunteer, p: FitProject): number {
  if (!v.intentions.includes(p.category)) return 0;
  const shared = Math.max(0, ...p.place.regionPrefixes.filter((prefix) => v.regionCode.startsWith(prefix)).map((prefix) => prefix.length));
  return shared >= 6 ? 3 : shared >= 4 ? 2 : 0;
}

/** The fitting projects, best first; among equals the soonest, then by id (stable across reruns). */
export function bestFits<P extends FitProject>(v: FitVolunteer, projects: readonly P[]): P[] {
  return projects
    .map((p) => ({ p, fit: projectFit(v, p) }))
    .filter((x) => x.fit > 0)
    .sort((a, b) => b.fit - a.fit || a.p.startsAt.getTime() - b.p.startsAt.getTime() || (a.p._id < b.p._id ? -1 : a.p._id > b.p._id ? 1 : 0))
    .map((x) => x.p);
}
