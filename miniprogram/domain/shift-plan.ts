// A project's shifts, pure: the ones typed one by one and the ones a repeat rule makes (RULES §3: future only, to the
// minute, at most a year). Shared by the publish form's preview (org/project-edit) and the project function's submit,
// so the preview shows exactly the shifts the server will write. No clock of its own: the time is passed in.
import type { ProjectInput, RepeatRuleInput, ShiftInput } from '../../typings/project-actions';
import { parseDate, SHANGHAI_UTC_OFFSET_MINUTES, shanghaiInstant, shanghaiWallClock } from './calendar';
import { SHIFT_PLAN_MESSAGES } from './messages';
import { err, ok, type Result } from './result';

/** A project holds at most this many shifts: one get() in a function reads 100 documents, so a project is one read. */
export const MAX_SHIFTS_PER_PROJECT = 100;
/** An activity lasts at most one year from its first start to its last end (regional publishing practice). */
export const MAX_SPAN_DAYS = 366;
export const MAX_PLACES_PER_SHIFT = 10_000;
export type ShiftPlanError = 'PROJECT_INVALID';

/** A shift to be stored: its instants, places, and whether the repeat rule made it. */
export interface PlannedShift {
  startsAt: Date;
  endsAt: Date;
  places: number;
  fromRepeat: boolean;
}

const MINUTE_MS = 60_000;
const isWholeMinute = (d: Date) => d.getTime() % MINUTE_MS === 0;

function parseInstant(iso: string): Date | undefined {
  // An ISO instant with an explicit zone; anything else ('2026-12-01 09:00') is ambiguous about the zone.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(iso)) return undefined;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? undefined : d;
}

/** 'HH:mm' → minutes after midnight, or undefined. */
export function parseTimeOfDay(s: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(s);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** One shift's own rules: a real interval to the minute, in the future, with at least one place. */
export function checkShift(shift: ShiftInput, now: Date, field: string): Result<PlannedShift, ShiftPlanError> {
  const startsAt = parseInstant(shift.startsAt);
  const endsAt = parseInstant(shift.endsAt);
  if (!startsAt || !endsAt) return err('PROJECT_INVALID', SHIFT_PLAN_MESSAGES.shiftTimesInvalid, field);
  if (!isWholeMinute(startsAt) || !isWholeMinute(endsAt)) return err('PROJECT_INVALID', SHIFT_PLAN_MESSAGES.shiftWholeMinutes, field);
  if (startsAt.getTime() >= endsAt.getTime()) return err('PROJECT_INVALID', SHIFT_PLAN_MESSAGES.shiftEndsAfterStart, field);
  if (startsAt.getTime() <= now.getTime()) return err('PROJECT_INVALID', SHIFT_PLAN_MESSAGES.pastShift, field);
  const places = checkPlaces(shift.places, `${field}.places`);
  if (!places.ok) return places;
  return ok({ startsAt, endsAt, places: places.value, fromRepeat: false });
}

export function checkPlaces(places: number, field: string): Result<number, ShiftPlanError> {
  if (!Number.isInteger(places) || places < 1) return err('PROJECT_INVALID', SHIFT_PLAN_MESSAGES.placesAtLeastOne, field);
  if (places > MAX_PLACES_PER_SHIFT) return err('PROJECT_INVALID', SHIFT_PLAN_MESSAGES.placesAtMost(MAX_PLACES_PER_SHIFT), field);
  return ok(places);
}

/**
 * The shifts a repeat rule makes: each chosen weekday from `firstDate`, for `weeks` weeks (week 1 being the seven
 * days from firstDate) or until `untilDate`, at the wall-clock times in Asia/Shanghai. Shifts already started at
 * `now` are left out. At most `cap` + 1 are made, so a rule that makes too many is told apart without making them all.
 */
export function expandRepeat(rule: RepeatRuleInput, now: Date, cap = MAX_SHIFTS_PER_PROJECT): Result<PlannedShift[], ShiftPlanError> {
  const field = 'repeat';
  const first = parseDate(rule.firstDate);
  if (!first) return err('PROJECT_INVALID', SHIFT_PLAN_MESSAGES.repeatFirstDateInvalid, `${field}.firstDate`);
  const start = parseTimeOfDay(rule.startTime);
  const end = parseTimeOfDay(rule.endTime);
  if (start === undefined || end === undefined) return err('PROJECT_INVALID', SHIFT_PLAN_MESSAGES.repeatTimeFormat, `${field}.startTime`);
  if (start >= end) return err('PROJECT_INVALID', SHIFT_PLAN_MESSAGES.repeatEndsAfterStart, `${field}.endTime`);
  const weekdays = [...new Set(rule.weekdays)];
  if (weekdays.length === 0 || weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    return err('PROJECT_INVALID', SHIFT_PLAN_MESSAGES.repeatWeekdays, `${field}.weekdays`);
  }
  const places = checkPlaces(rule.places, `${field}.places`);
  if (!places.ok) return places;
  const firstDay = shanghaiWallClock(first);
  let lastDay;
  if (rule.weeks !== undefined && rule.untilDate === undefined) {
    if (!Number.isInteger(rule.weeks) || rule.weeks < 1 || rule.weeks > 53) return err('PROJECT_INVALID', SHIFT_PLAN_MESSAGES.repeatWeeks, `${field}.weeks`);
    lastDay = firstDay.add(rule.weeks * 7 - 1, 'day');
  } else if (rule.untilDate !== undefined && rule.weeks === undefined) {
    const until = parseDate(rule.untilDate);
    if (!until) return err('PROJECT_INVALID', SHIFT_PLAN_MESSAGES.repeatUntilInvalid, `${field}.untilDate`);
    lastDay = shanghaiWallClock(until);
    if (lastDay.isBefore(firstDay)) return err('PROJECT_INVALID', SHIFT_PLAN_MESSAGES.repeatUntilBeforeFirst, `${field}.untilDate`);
  } else {
    return err('PROJECT_INVALID', SHIFT_PLAN_MESSAGES.repeatWeeksOrUntil, `${field}.weeks`);
  }
  if (lastDay.diff(firstDay, 'day') > MAX_SPAN_DAYS) return err('PROJECT_INVALID', SHIFT_PLAN_MESSAGES.repeatOneYear, `${field}.untilDate`);
  const out: PlannedShift[] = [];
  for (let day = firstDay; !day.isAfter(lastDay) && out.length <= cap; day = day.add(1, 'day')) {
    // dayjs: 0 = Sunday … 6 = Saturday; the rule: 1 = Monday … 7 = Sunday.
    if (!weekdays.includes(day.day() === 0 ? 7 : day.day())) continue;
    const startsAt = shanghaiInstant(day.add(start, 'minute'));
    if (startsAt.getTime() <= now.getTime()) continue;
    out.push({ startsAt, endsAt: shanghaiInstant(day.add(end, 'minute')), places: places.value, fromRepeat: true });
  }
  if (out.length === 0) return err('PROJECT_INVALID', SHIFT_PLAN_MESSAGES.repeatNoFutureShift, field);
  return ok(out);
}

/** Every shift of the form, sorted by start: the ones typed one by one and the ones the repeat rule makes. */
export function plannedShifts(input: Pick<ProjectInput, 'shifts' | 'repeat'>, now: Date): Result<PlannedShift[], ShiftPlanError> {
  const out: PlannedShift[] = [];
  for (const [i, shift] of input.shifts.entries()) {
    const checked = checkShift(shift, now, `shifts.${i}`);
    if (!checked.ok) return checked;
    out.push(checked.value);
  }
  if (input.repeat) {
    const series = expandRepeat(input.repeat, now);
    if (!series.ok) return series;
    out.push(...series.value);
  }
  if (out.length === 0) return err('PROJECT_INVALID', SHIFT_PLAN_MESSAGES.shiftsMissing, 'shifts');
  if (out.length > MAX_SHIFTS_PER_PROJECT) return err('PROJECT_INVALID', SHIFT_PLAN_MESSAGES.shiftsTooMany(MAX_SHIFTS_PER_PROJECT), 'shifts');
  out.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.endsAt.getTime() - b.endsAt.getTime());
  const span = checkSpan(out);
  return span.ok ? ok(out) : span;
}

/** The first start and last end of some shifts (there is at least one), and the Shanghai days they take place on. */
export function spanOf(shifts: ReadonlyArray<{ startsAt: Date; endsAt: Date }>): { startsAt: Date; endsAt: Date; days: number[] } {
  let startsAt = shifts[0]!.startsAt;
  let endsAt = shifts[0]!.endsAt;
  for (const s of shifts) {
    if (s.startsAt < startsAt) startsAt = s.startsAt;
    if (s.endsAt > endsAt) endsAt = s.endsAt;
  }
  return { startsAt, endsAt, days: shiftDays(shifts) };
}

/** A Shanghai calendar day as whole days since 1970-01-01 there (the fixed UTC+8 offset of calendar.ts). */
export function shanghaiDayNumber(instant: Date): number {
  return Math.floor((instant.getTime() + SHANGHAI_UTC_OFFSET_MINUTES * 60_000) / 86_400_000);
}

/** The Shanghai days some shifts take place on, ascending: a shift [start, end) is on every day it touches. */
export function shiftDays(shifts: ReadonlyArray<{ startsAt: Date; endsAt: Date }>): number[] {
  const days = new Set<number>();
  for (const s of shifts) {
    const last = shanghaiDayNumber(new Date(Math.max(s.startsAt.getTime(), s.endsAt.getTime() - 1)));
    for (let day = shanghaiDayNumber(s.startsAt); day <= last; day++) days.add(day);
  }
  return [...days].sort((a, b) => a - b);
}

/** At most one year from the first start to the last end. */
export function checkSpan(shifts: ReadonlyArray<{ startsAt: Date; endsAt: Date }>): Result<true, ShiftPlanError> {
  if (shifts.length === 0) return ok(true);
  const span = spanOf(shifts);
  if (span.endsAt.getTime() - span.startsAt.getTime() > MAX_SPAN_DAYS * 24 * 60 * MINUTE_MS) {
    return err('PROJECT_INVALID', SHIFT_PLAN_MESSAGES.spanOneYear, 'shifts');
  }
  return ok(true);
}
