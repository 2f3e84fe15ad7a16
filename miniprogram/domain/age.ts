// Age and the minors' rules of registration (RULES §1; 注册办法; PIPL Arts 28, 31). Age is computed on the
// Asia/Shanghai calendar date of the registration instant (calendar.ts, on dayjs at the fixed UTC+8 offset).
import type { AgeBand } from '../../typings/volunteer';
import { compareDates, parseDate, shanghaiDate, type CalendarDate } from './calendar';
import { err, ok, type Result } from './result';
import { AGE_MESSAGES } from './messages';

export { shanghaiDate } from './calendar';
export type { CalendarDate } from './calendar';

/** PIPL Art. 28: the personal information of a child under 14 is sensitive; Art. 31: a guardian must consent. */
export const PIPL_CHILD_AGE = 14;
/** Civil Code Art. 17: adulthood. */
export const ADULT_AGE = 18;

/**
 * Completed years on `on`. The day of the birthday counts: born 2012-03-01 is 14 on 2026-03-01.
 * Chosen for 29 February birthdays: in a non-leap year the person turns a year older on 1 March, not on
 * 28 February (the birthday has not yet come while 28 February lasts). This is the reading usually applied in
 * China for age thresholds, and the cautious one: a minimum-age or consent threshold is never passed a day early.
 * Not dayjs's diff(birth, 'year'): it clamps 29 February to 28 February and so counts the year a day early.
 * Throws on a malformed birth date (a bug: dates are validated on the way in).
 */
export function ageOn(birthDate: string, on: CalendarDate): number {
  const birth = parseDate(birthDate);
  if (!birth) throw new RangeError(`ageOn: not a YYYY-MM-DD date: ${birthDate}`);
  const hadBirthday = on.month > birth.month || (on.month === birth.month && on.day >= birth.day);
  return on.year - birth.year - (hadBirthday ? 0 : 1);
}

export interface AgePolicy {
  /** Youngest age allowed to register. Default 14 (注册办法); a region may lower it (e.g. 10). */
  minimumAge: number;
  /** Below this age a recorded guardian consent is needed. Default 18. Under 14 always needs it (PIPL Art. 31). */
  guardianConsentUnder: number;
}

export const DEFAULT_AGE_POLICY: AgePolicy = Object.freeze({ minimumAge: 14, guardianConsentUnder: 18 });

/**
 * The legal category of an age: child under 14 (PIPL), minor 14–17, adult 18 and over. It does not depend on the
 * region's policy; what the policy changes is who may register and who needs consent (checkAgeForRegistration).
 */
export function ageBand(age: number): AgeBand {
  if (age < PIPL_CHILD_AGE) return 'child';
  if (age < ADULT_AGE) return 'minor';
  return 'adult';
}

export interface AgeCheck {
  age: number;
  band: AgeBand;
  needsGuardian: boolean;
  /** Show the dedicated rules for the personal information of children under 14 (PIPL Arts 28, 31). */
  under14Rules: boolean;
}

export function checkAgeForRegistration(
  birthDate: string,
  instant: Date,
  policy: AgePolicy,
  hasGuardianConsent: boolean,
): Result<AgeCheck, 'TOO_YOUNG' | 'GUARDIAN_CONSENT_REQUIRED'> {
  const today = shanghaiDate(instant);
  const birth = parseDate(birthDate);
  if (!birth) throw new RangeError(`checkAgeForRegistration: not a YYYY-MM-DD date: ${birthDate}`);
  if (compareDates(birth, today) > 0) return err('TOO_YOUNG', AGE_MESSAGES.bornInFuture);
  const age = ageOn(birthDate, today);
  if (age < policy.minimumAge) {
    return err('TOO_YOUNG', AGE_MESSAGES.tooYoung(policy.minimumAge, age));
  }
  const under14Rules = age < PIPL_CHILD_AGE;
  const needsGuardian = under14Rules || age < policy.guardianConsentUnder;
  if (needsGuardian && !hasGuardianConsent) {
    return err(
      'GUARDIAN_CONSENT_REQUIRED',
      AGE_MESSAGES.guardianNeeded(Math.max(policy.guardianConsentUnder, PIPL_CHILD_AGE)),
    );
  }
  return ok({ age, band: ageBand(age), needsGuardian, under14Rules });
}
