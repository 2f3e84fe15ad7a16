// volunteer.registrationRules — the age policy and privacy-terms version in force here, so the form checks what
// the server will check (the minimum age is configuration: ZY_MIN_AGE).
import { PRIVACY_TERMS_VERSION } from '../../miniprogram/domain/codes';
import type { RegistrationRulesResponse } from '../../typings/volunteer';
import { action, noPayload } from '../_shared/action';
import { ok } from '../_shared/envelope';
import { agePolicyFromEnv } from './policy';

export const registrationRules = action<Record<string, never>, RegistrationRulesResponse>(
  noPayload,
  async (_req, ctx) => {
    const policy = agePolicyFromEnv(ctx.env);
    return ok({ minimumAge: policy.minimumAge, guardianConsentUnder: policy.guardianConsentUnder, privacyVersion: PRIVACY_TERMS_VERSION });
  },
);
