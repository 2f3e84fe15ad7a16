// Configuration of the volunteer function, read from its environment (config.json `envVariables`).
import { DEFAULT_AGE_POLICY, PIPL_CHILD_AGE, ADULT_AGE, type AgePolicy } from '../../miniprogram/domain/age';

/** The youngest minimum age a region may configure; below it nobody can give meaningful service. */
export const LOWEST_MINIMUM_AGE = 8;

/**
 * RULES §1: registration from 14 by default; a region may lower the minimum (ZY_MIN_AGE, e.g. 10), and anyone under
 * 14 then needs a guardian's consent (the domain applies PIPL Art. 31 whatever the policy). Empty or absent: the
 * default. A malformed value is a deployment error and fails loudly rather than silently admitting other ages.
 */
export function agePolicyFromEnv(env: NodeJS.ProcessEnv): AgePolicy {
  const raw = env.ZY_MIN_AGE?.trim() ?? '';
  if (raw === '') return DEFAULT_AGE_POLICY;
  const minimumAge = Number(raw);
  if (!/^\d{1,2}$/.test(raw) || minimumAge < LOWEST_MINIMUM_AGE || minimumAge > ADULT_AGE) {
    throw new Error(`ZY_MIN_AGE must be a whole number from ${LOWEST_MINIMUM_AGE} to ${ADULT_AGE} (default ${PIPL_CHILD_AGE})`);
  }
  return { ...DEFAULT_AGE_POLICY, minimumAge };
}
