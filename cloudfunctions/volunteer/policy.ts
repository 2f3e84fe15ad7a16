// Configuration of the volunteer function, read from its environment (config.json `envVariables`).
import { DEFAULT_AGE_POLICY, PIPL_CHILD_AGE, ADULT_AGE, type AgePolicy } from '../../miniprogram/domain/age';

/** The youngest minimum age a region may configure; below it nobody can give meaningful service. */
export const LOWEST_MINIMUM_AGE = 8;

function ageFromEnv(env: NodeJS.ProcessEnv, name: string, lowest: number, fallback: number): number {
  const raw = env[name]?.trim() ?? '';
  if (raw === '') return fallback;
  const age = Number(raw);
  if (!/^\d{1,2}$/.test(raw) || age < lowest || age > ADULT_AGE) {
    throw new Error(`${name} must be a whole number from ${lowest} to ${ADULT_AGE} (default ${fallback})`);
  }
  return age;
}

/**
 * RULES §1: registration from 14 by default; a region may lower the minimum (ZY_MIN_AGE, e.g. 10), and anyone under
 * 14 then needs a guardian's consent (the domain applies PIPL Art. 31 whatever the policy). The guardian-consent band
 * (ZY_GUARDIAN_CONSENT_UNDER, default 18) is configuration too, never below 14. Empty or absent: the default. A
 * malformed value is a deployment error and fails loudly rather than silently admitting other ages.
 */
export function agePolicyFromEnv(env: NodeJS.ProcessEnv): AgePolicy {
  return {
    minimumAge: ageFromEnv(env, 'ZY_MIN_AGE', LOWEST_MINIMUM_AGE, DEFAULT_AGE_POLICY.minimumAge),
    guardianConsentUnder: ageFromEnv(env, 'ZY_GUARDIAN_CONSENT_UNDER', PIPL_CHILD_AGE, DEFAULT_AGE_POLICY.guardianConsentUnder),
  };
}
