// Publishing rules of a project (RULES §3), pure: no SDK, no clock of its own (the time is passed in).
// What may be published, how a repeat rule becomes shifts, the status a project's shifts put it in, keyword tokens
// for discovery and the cursor of a list.
import type { ProjectStatus } from '../../typings/project';
import type { DiscoverRequest, ProjectInput } from '../../typings/project-actions';
import { parseDate, shanghaiClock, shanghaiInstant, shanghaiWallClock } from '../../miniprogram/domain/calendar';
import { isServiceCategory, isServiceObject } from '../../miniprogram/domain/codes';
import { validateRegionCode } from '../../miniprogram/domain/region';
import { err, ok, type Result } from '../../miniprogram/domain/result';
import { PROJECT_RULE_MESSAGES } from '../_shared/messages/answers';
import { charLength } from '../../miniprogram/domain/text';
import { parseTimeOfDay, shanghaiDayNumber } from '../../miniprogram/domain/shift-plan';

// The shifts a form makes are planned in the domain, where the publish form's preview uses the same code.
export {
  checkPlaces,
  checkShift,
  checkSpan,
  expandRepeat,
  MAX_PLACES_PER_SHIFT,
  MAX_SHIFTS_PER_PROJECT,
  MAX_SPAN_DAYS,
  parseTimeOfDay,
  plannedShifts,
  shanghaiDayNumber,
  shiftDays,
  spanOf,
  type PlannedShift,
} from '../../miniprogram/domain/shift-plan';

export const MAX_TITLE_CHARS = 40;
export const MAX_CONTENT_CHARS = 2000;
export const MAX_DISCLOSURE_CHARS = 1000;
export const MAX_REASON_CHARS = 200;
export const DEFAULT_CANCEL_CUTOFF_HOURS = 24;
/** The youngest a volunteer registers (RULES §1) and an upper bound no real condition passes. */
export const AGE_FLOOR = 8;
export const AGE_CEILING = 100;
export const ADULT_AGE = 18;
export const CHECKIN_RADIUS_RANGE_M = [50, 5000] as const;
/** A check-in radius of 0: the project checks no location at check-in (attendance rules.ts checkGeofence). */
export const GEOFENCE_OFF = 0;

export type PublishError = 'PROJECT_INVALID';

const blank = (s: string | undefined) => s === undefined || s.trim() === '';

/**
 * Everything RULES §3 requires before a project is published, in the order the form shows it; the first problem
 * found is answered with the field it concerns. Shifts are checked by plannedShifts.
 */
export function checkPublishable(p: ProjectInput, hasStoredPassword: boolean): Result<true, PublishError> {
  const title = p.title.trim();
  if (title === '') return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.titleMissing, 'title');
  if (charLength(title) > MAX_TITLE_CHARS) return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.titleTooLong(MAX_TITLE_CHARS), 'title');
  // RULES §3: past service is recorded through 补录, never published as a project.
  if (title.includes('补录')) return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.titleMakeUp, 'title');
  if (!isServiceCategory(p.category)) return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.categoryMissing, 'category');
  if (p.serviceObjects.length === 0 || !p.serviceObjects.every(isServiceObject)) return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.serviceObjectsMissing, 'serviceObjects');
  if (blank(p.content)) return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.contentMissing, 'content');
  if (charLength(p.content) > MAX_CONTENT_CHARS) return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.contentTooLong(MAX_CONTENT_CHARS), 'content');
  const ages = checkAges(p.conditions);
  if (!ages.ok) return ages;
  const c = p.conditions;
  if (c.scope === 'team' && blank(c.teamOrgId)) return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.teamMissing, 'conditions.teamOrgId');
  if (c.scope === 'password' && blank(c.password) && !hasStoredPassword) return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.passwordMissing, 'conditions.password');
  if (c.scope === 'password' && c.password !== undefined && !/^[A-Za-z0-9]{4,16}$/.test(c.password)) {
    return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.passwordFormat, 'conditions.password');
  }
  const place = checkPlace(p.place);
  if (!place.ok) return place;
  // 条例 Art. 12: the organizer tells volunteers of the risks before they sign up.
  if (blank(p.risk.disclosure)) return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.riskDisclosureMissing, 'risk.disclosure');
  if (charLength(p.risk.disclosure) > MAX_DISCLOSURE_CHARS) return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.riskDisclosureTooLong(MAX_DISCLOSURE_CHARS), 'risk.disclosure');
  if (blank(p.contact.name)) return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.contactNameMissing, 'contact.name');
  if (!/^1\d{10}$/.test(p.contact.phone.replace(/[\s-]/g, ''))) return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.contactPhoneInvalid, 'contact.phone');
  const cutoff = p.cancelCutoffHours ?? DEFAULT_CANCEL_CUTOFF_HOURS;
  if (!Number.isInteger(cutoff) || cutoff < 0 || cutoff > 168) return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.cancelCutoffRange, 'cancelCutoffHours');
  return ok(true);
}

/** A precise address, a point picked on the map, the county it lies in, a sane check-in radius or none (0: off). */
export function checkPlace(place: ProjectInput['place']): Result<true, PublishError> {
  if (blank(place.address)) return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.addressMissing, 'place.address');
  if (!isLocation(place.longitude, place.latitude)) return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.locationMissing, 'place.location');
  if (!validateRegionCode(place.regionCode).ok || place.regionCode.length !== 6) {
    return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.regionMissing, 'place.regionCode');
  }
  const [minRadius, maxRadius] = CHECKIN_RADIUS_RANGE_M;
  // 0 turns the geofence off (GEOFENCE_OFF); the place's location is still required, for discovery by distance.
  const off = place.checkinRadiusM === GEOFENCE_OFF;
  if (!off && (!Number.isInteger(place.checkinRadiusM) || place.checkinRadiusM < minRadius || place.checkinRadiusM > maxRadius)) {
    return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.checkinRadiusRange(minRadius, maxRadius), 'place.checkinRadiusM');
  }
  return ok(true);
}

/** New times of day for a series: 'HH:mm', start before end. */
export function checkTimesOfDay(startTime: string, endTime: string): Result<{ start: number; end: number }, PublishError> {
  const start = parseTimeOfDay(startTime);
  const end = parseTimeOfDay(endTime);
  if (start === undefined || end === undefined) return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.repeatTimeFormat, 'startTime');
  if (start >= end) return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.repeatEndsAfterStart, 'endTime');
  return ok({ start, end });
}

/** Every shift changed to start after `now`. */
export function checkAllFuture(shifts: Iterable<{ startsAt: Date }>, now: Date, field: string): Result<true, PublishError> {
  for (const s of shifts) if (s.startsAt.getTime() <= now.getTime()) return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.pastShift, field);
  return ok(true);
}


/** An age range a person can fall in; minors only with the guardian's consent stated. */
export function checkAges(c: ProjectInput['conditions']): Result<true, PublishError> {
  const field = 'conditions.minAge';
  for (const age of [c.minAge, c.maxAge]) {
    if (age !== undefined && (!Number.isInteger(age) || age < AGE_FLOOR || age > AGE_CEILING)) {
      return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.ageRange(AGE_FLOOR, AGE_CEILING), field);
    }
  }
  if (c.minAge !== undefined && c.maxAge !== undefined && c.minAge > c.maxAge) return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.minAgeAboveMax, field);
  if (!c.minorsAllowed && c.maxAge !== undefined && c.maxAge < ADULT_AGE) {
    return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.minorsOnlyNeedsConsent, 'conditions.minorsAllowed');
  }
  if (c.minorsAllowed && c.minAge !== undefined && c.minAge >= ADULT_AGE) {
    return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.minorsNotNeeded, 'conditions.minorsAllowed');
  }
  if (c.minorsAllowed && blank(c.guardianConsentNote)) {
    return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.guardianConsentMissing, 'conditions.guardianConsentNote');
  }
  return ok(true);
}

export function isLocation(longitude: number, latitude: number): boolean {
  return Number.isFinite(longitude) && Number.isFinite(latitude) && Math.abs(longitude) <= 180 && Math.abs(latitude) <= 90 && !(longitude === 0 && latitude === 0);
}

/** 条例 Art. 17, 慈善法 Art. 69: a risky project opens check-in only once insurance is recorded. */
export function insuranceMissing(risk: { risky: boolean; insurance?: unknown }): boolean {
  return risk.risky && risk.insurance === undefined;
}

export function checkInsurance(insurer: string, policyNo: string): Result<{ insurer: string; policyNo: string }, PublishError> {
  const name = insurer.trim();
  const number = policyNo.trim();
  if (name === '' || charLength(name) > 50) return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.insurerMissing, 'insurer');
  if (!/^[A-Za-z0-9-]{4,40}$/.test(number)) return err('PROJECT_INVALID', PROJECT_RULE_MESSAGES.policyNoFormat, 'policyNo');
  return ok({ insurer: name, policyNo: number });
}

/** A reason someone will read: `audience` says who (报名的志愿者 when cancelling, 项目发布者 when rejecting). */
export function checkReason(reason: string | undefined, audience = '报名的志愿者'): Result<string, 'REASON_REQUIRED'> {
  const text = (reason ?? '').trim();
  if (text === '') return err('REASON_REQUIRED', PROJECT_RULE_MESSAGES.reasonMissing(audience), 'reason');
  if (charLength(text) > MAX_REASON_CHARS) return err('REASON_REQUIRED', PROJECT_RULE_MESSAGES.reasonTooLong(MAX_REASON_CHARS), 'reason');
  return ok(text);
}

/** States in which the organization still edits the whole form. */
export function isEditable(status: ProjectStatus): boolean {
  return status === 'draft' || status === 'rejected';
}

/** Published: volunteers can see it and sign up, so changes reach them. */
export function isPublished(status: ProjectStatus): boolean {
  return status === 'recruiting' || status === 'in_progress';
}

/**
 * Whether a project of `orgId` waits for the platform's review. `ZY_PROJECT_REVIEW`: unset or 'none' — verified
 * organizations publish directly (the default); 'all' — every project is reviewed; otherwise a comma-separated list
 * of organization ids whose projects are reviewed.
 */
export function reviewRequired(orgId: string, setting: string | undefined): boolean {
  const value = (setting ?? '').trim();
  if (value === '' || value === 'none') return false;
  if (value === 'all') return true;
  return value.split(',').map((s) => s.trim()).includes(orgId);
}

/** Where the timer moves a project: recruiting → in_progress at its first start, → finished at its last end. */
export function statusAt(status: ProjectStatus, span: { startsAt: Date; endsAt: Date }, now: Date): ProjectStatus {
  if ((status === 'recruiting' || status === 'in_progress') && span.endsAt.getTime() <= now.getTime()) return 'finished';
  if (status === 'recruiting' && span.startsAt.getTime() <= now.getTime()) return 'in_progress';
  return status;
}

/** A shift moved to new times of day on its own Shanghai calendar date. */
export function atTimesOfDay(shift: { startsAt: Date }, startMinute: number, endMinute: number): { startsAt: Date; endsAt: Date } {
  const day = shanghaiClock(shift.startsAt).startOf('day');
  return { startsAt: shanghaiInstant(day.add(startMinute, 'minute')), endsAt: shanghaiInstant(day.add(endMinute, 'minute')) };
}

// ── Keyword tokens ─────────────────────────────────────────────────────────────────────────────────────────────
// Discovery finds a keyword through an index on `tokens`, never a regex over every project: a project stores the
// character bigrams of its title and organization name (Chinese has no spaces between words) and its ASCII words;
// a keyword matches when the project holds all of the keyword's tokens.

export const MAX_KEYWORD_TOKENS = 8;

function segments(text: string): string[] {
  return text.toLowerCase().normalize('NFKC').split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

function tokensOfSegment(segment: string): string[] {
  if (/^[a-z0-9]+$/.test(segment)) return [segment];
  const chars = Array.from(segment);
  if (chars.length === 1) return chars;
  return chars.slice(0, -1).map((c, i) => c + chars[i + 1]);
}

/** What a project is found by. */
export function searchTokens(...texts: string[]): string[] {
  const out = new Set<string>();
  for (const text of texts) {
    for (const segment of segments(text)) {
      for (const token of tokensOfSegment(segment)) out.add(token);
      // A single character of a longer segment is findable too (搜“老”), so each CJK character is kept as well.
      if (!/^[a-z0-9]+$/.test(segment)) for (const c of Array.from(segment)) out.add(c);
    }
  }
  return [...out];
}

/** The tokens a keyword must all match: its bigrams (or itself when one character), at most MAX_KEYWORD_TOKENS. */
export function keywordTokens(keyword: string): string[] {
  const out = new Set<string>();
  for (const segment of segments(keyword)) for (const token of tokensOfSegment(segment)) out.add(token);
  return [...out].slice(0, MAX_KEYWORD_TOKENS);
}

// ── Cursors ────────────────────────────────────────────────────────────────────────────────────────────────────
// A list is paged by the value of its order at the last item and the ids already shown at exactly that value: the
// next page asks for `value ≥ last` without those ids, so ties at a page boundary are neither repeated nor lost
// (no skip: a project published meanwhile cannot shift the pages).

export interface Cursor {
  /** The sort value of the last item shown (a distance in metres or an instant in ms). */
  v: number;
  /** Ids shown whose sort value is exactly `v`. */
  ids: string[];
}

export const MAX_CURSOR_IDS = 100;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}

export function decodeCursor(text: string): Cursor | undefined {
  try {
    const c = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown;
    if (typeof c !== 'object' || c === null) return undefined;
    const { v, ids } = c as Record<string, unknown>;
    if (typeof v !== 'number' || !Number.isFinite(v) || !Array.isArray(ids) || ids.length > MAX_CURSOR_IDS) return undefined;
    if (!ids.every((id) => typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id))) return undefined;
    return { v, ids: ids as string[] };
  } catch {
    return undefined;
  }
}

/** The cursor after a page whose items carry sort values; ties with the previous cursor's value accumulate. */
export function cursorAfter(items: ReadonlyArray<{ id: string; v: number }>, previous: Cursor | undefined): Cursor | undefined {
  const last = items[items.length - 1];
  if (!last) return previous;
  const tied = items.filter((i) => i.v === last.v).map((i) => i.id);
  const carried = previous && previous.v === last.v ? previous.ids : [];
  return { v: last.v, ids: [...carried, ...tied] };
}

// ── Discovery ──────────────────────────────────────────────────────────────────────────────────────────────────

export const DISCOVER_PAGE = 10;
/**
 * The longest date range discovery takes: its days are looked up one by one in an index and merged in the list's
 * order, which MongoDB does for at most 200 values (internalQueryMaxScansToExplode); three months fits well inside.
 */
export const MAX_DISCOVER_DAYS = 92;

const dayRange = (first: number, end: number): number[] => Array.from({ length: Math.max(0, end - first) }, (_, i) => first + i);

export interface DiscoverPlan {
  sort: DiscoverRequest['sort'];
  near?: { longitude: number; latitude: number };
  category?: string;
  regionPrefix?: string;
  tokens: string[];
  /** Projects still running at `from` and starting before `to` (Shanghai midnights). */
  from?: Date;
  to?: Date;
  /** With both: the days from `from` to the day before `to`, one of which a shift of the project must be on. */
  days?: number[];
  hasPlacesLeft: boolean;
  cursor?: Cursor;
  limit: number;
}

/** What a discovery request asks, checked: distance needs a point, dates are real days in order, the cursor is ours. */
export function discoverPlan(req: DiscoverRequest): Result<DiscoverPlan, 'DISCOVER_INVALID'> {
  const bad = (field: string) => err('DISCOVER_INVALID', PROJECT_RULE_MESSAGES.discoverInvalid, field);
  if (req.sort === 'distance' && !req.near) return bad('near');
  if (req.category !== undefined && !isServiceCategory(req.category)) return bad('category');
  const from = req.fromDate === undefined ? undefined : parseDate(req.fromDate);
  const to = req.toDate === undefined ? undefined : parseDate(req.toDate);
  if ((req.fromDate !== undefined && !from) || (req.toDate !== undefined && !to)) return bad('fromDate');
  const fromInstant = from ? shanghaiInstant(shanghaiWallClock(from)) : undefined;
  const toInstant = to ? shanghaiInstant(shanghaiWallClock(to).add(1, 'day')) : undefined;
  if (fromInstant && toInstant && fromInstant >= toInstant) return bad('toDate');
  const days = fromInstant && toInstant ? dayRange(shanghaiDayNumber(fromInstant), shanghaiDayNumber(toInstant)) : undefined;
  if (days && days.length > MAX_DISCOVER_DAYS) return bad('toDate');
  const cursor = req.cursor === undefined ? undefined : decodeCursor(req.cursor);
  if (req.cursor !== undefined && !cursor) return bad('cursor');
  return ok({
    sort: req.sort,
    ...(req.near ? { near: req.near } : {}),
    ...(req.category ? { category: req.category } : {}),
    ...(req.regionCode ? { regionPrefix: req.regionCode } : {}),
    tokens: req.keyword ? keywordTokens(req.keyword) : [],
    ...(fromInstant ? { from: fromInstant } : {}),
    ...(toInstant ? { to: toInstant } : {}),
    ...(days ? { days } : {}),
    hasPlacesLeft: req.hasPlacesLeft === true,
    ...(cursor ? { cursor } : {}),
    limit: req.limit ?? DISCOVER_PAGE,
  });
}
