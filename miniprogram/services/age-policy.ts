// The minimum age and guardian-consent band in force (RULES §1: configuration per region), as the server applies
// them. Read once per app session; without an answer the national default applies — the server checks again anyway.
import { DEFAULT_AGE_POLICY, type AgePolicy } from '../domain/age';
import { call } from './api';

let known: AgePolicy | undefined;

export async function loadAgePolicy(): Promise<AgePolicy> {
  if (known) return known;
  const rules = await call('volunteer', 'registrationRules', {});
  if (!rules.ok) return DEFAULT_AGE_POLICY;
  known = { minimumAge: rules.data.minimumAge, guardianConsentUnder: rules.data.guardianConsentUnder };
  return known;
}

