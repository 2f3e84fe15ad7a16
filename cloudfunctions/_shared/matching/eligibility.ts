// Can this volunteer join this shift at `now`? The conditions the signup function checks (signup/rules.ts
// eligibility), decided from facts read in bulk, so a recommendation never offers a shift a sign-up would refuse.
// A password project is never recommended: matching does not know the password and cannot let anyone in.
// No-show blocks are left to the sign-up itself (they depend on each organization's policy).
import { ADULT_AGE, ageOn } from '../../../miniprogram/domain/age';
import { SHANGHAI_UTC_OFFSET_MINUTES, type CalendarDate } from '../../../miniprogram/domain/calendar';
import type { HeldInterval, ShiftFacts, VolunteerFacts } from './facts';

export type IneligibleWhy =
  | 'NOT_RECRUITING'
  | 'SHIFT_CANCELLED'
  | 'SHIFT_STARTED'
  | 'NO_PLACES_LEFT'
  | 'REAL_NAME_REQUIRED'
  | 'SCOPE_TEAM_ONLY'
  | 'PASSWORD_REQUIRED'
  | 'AGE_NOT_MET'
  | 'MINORS_NOT_ALLOWED'
  | 'GUARDIAN_CONSENT_MISSING'
  | 'SKILLS_NOT_MET'
  | 'TIME_OVERLAP';

export type Eligibility = { eligible: true } | { eligible: false; why: IneligibleWhy };

/** Half-open intervals: back-to-back shifts do not overlap (RULES §3, as signup/rules.ts overlaps). */
export function overlapsHeld(a: HeldInterval, b: HeldInterval): boolean {
  return a.startsAt.getTime() < b.endsAt.getTime() && b.startsAt.getTime() < a.endsAt.getTime();
}

/**
 * The Shanghai calendar day of an instant by arithmetic (the zone has one fixed offset and no daylight saving): the
 * same answer as calendar.ts's shanghaiDate, without making a dayjs object per candidate pair, which was 40 % of the
 * ranking's time in `npm run bench -- matching`.
 */
export function shanghaiDayOf(instant: Date): CalendarDate {
  const wall = new Date(instant.getTime() + SHANGHAI_UTC_OFFSET_MINUTES * 60_000);
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

const no = (why: IneligibleWhy): Eligibility => ({ eligible: false, why });

/** The order of signup/rules.ts: the shift first, then who may join, then the person's conditions, then their calendar. */
export function eligibilityOf(v: VolunteerFacts, s: ShiftFacts, now: Date): Eligibility {
  if (s.status !== 'recruiting') return no('NOT_RECRUITING');
  if (s.cancelled) return no('SHIFT_CANCELLED');
  if (now.getTime() >= s.startsAt.getTime()) return no('SHIFT_STARTED');
  if (s.placesLeft <= 0) return no('NO_PLACES_LEFT');

  const c = s.conditions;
  if (c.scope === 'real_name' && !v.phoneVerified) return no('REAL_NAME_REQUIRED');
  // A team project without a named team lets nobody in (signup: teamMember is false without a team).
  if (c.scope === 'team' && (c.teamOrgId === undefined || !v.memberOf.includes(c.teamOrgId))) return no('SCOPE_TEAM_ONLY');
  if (c.scope === 'password') return no('PASSWORD_REQUIRED');

  const age = ageOn(v.birthDate, shanghaiDayOf(s.startsAt));
  if (c.minAge !== undefined && age < c.minAge) return no('AGE_NOT_MET');
  if (c.maxAge !== undefined && age > c.maxAge) return no('AGE_NOT_MET');
  if (age < ADULT_AGE) {
    if (!c.minorsAllowed) return no('MINORS_NOT_ALLOWED');
    if (!v.guardianConsent) return no('GUARDIAN_CONSENT_MISSING');
  }
  if (c.skills.some((skill) => !v.skills.includes(skill))) return no('SKILLS_NOT_MET');
  if (v.holds.some((h) => overlapsHeld(h, s))) return no('TIME_OVERLAP');
  return { eligible: true };
}
