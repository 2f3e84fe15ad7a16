// The rules of a help request (求助) that the phone checks before it sends and the help function checks again:
// its limits and its time window, written once for both (the words of a refusal are HELP_RULE_MESSAGES in
// messages.ts). Lengths are characters as a person counts them, trimmed: code points (charLength), so 😀 or 𠀀 is one
// character on the phone, in the handlers and in the function's zod schemas (zod ≥ 4.6 counts code points too). Pure.
import { charLength } from './text';

export const HELP_LIMITS = {
  /** What is needed (求助内容). */
  whatChars: [6, 300],
  /** A verification's note, a decline's reason. */
  noteChars: [2, 200],
  /** Who the service is for, in a few words (独居老人王阿姨). */
  descriptionMaxChars: 50,
  addressMaxChars: 200,
  contactNameMaxChars: 30,
  /** The requester's comment with a rating. */
  commentMaxChars: 100,
  /** The serving organization's note when it marks the service done. */
  completeNoteMaxChars: 200,
  /** A need starts within this many days of its submission. */
  maxAheadDays: 90,
  /** One need's service lasts at most this long; a longer one is submitted as several. */
  maxSpanHours: 12,
  volunteersWanted: [1, 50],
  /** How far from where a willing volunteer usually is they are told of an urgent need. */
  willingRadiusKm: [1, 20],
} as const;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/** Length in characters once trimmed, as every help limit counts it. */
export const trimmedLength = (text: string): number => charLength(text.trim());

/** A required note of 2–200 characters once trimmed (a verification's note, a decline's reason). */
export function noteOk(text: string): boolean {
  const n = trimmedLength(text);
  return n >= HELP_LIMITS.noteChars[0] && n <= HELP_LIMITS.noteChars[1];
}

/** What is wrong with a need's time window, by the field it belongs to; the words are HELP_RULE_MESSAGES[problem]. */
export type HelpWindowProblem = { field: 'startsAt'; problem: 'startInPast' | 'tooFarAhead' } | { field: 'endsAt'; problem: 'endBeforeStart' | 'tooLong' };

/**
 * The time window, checked in this order: it starts after `now` and within maxAheadDays, ends after it starts and
 * within maxSpanHours. An unreadable instant (NaN) fails the first check it meets.
 */
export function helpWindowProblem(startsAt: Date, endsAt: Date, now: Date): HelpWindowProblem | null {
  const start = startsAt.getTime();
  const end = endsAt.getTime();
  if (!(start > now.getTime())) return { field: 'startsAt', problem: 'startInPast' };
  if (start - now.getTime() > HELP_LIMITS.maxAheadDays * DAY_MS) return { field: 'startsAt', problem: 'tooFarAhead' };
  if (!(end > start)) return { field: 'endsAt', problem: 'endBeforeStart' };
  if (end - start > HELP_LIMITS.maxSpanHours * HOUR_MS) return { field: 'endsAt', problem: 'tooLong' };
  return null;
}
