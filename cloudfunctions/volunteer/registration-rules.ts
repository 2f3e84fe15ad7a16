// volunteer.registrationRules — the age policy and privacy-terms version in force here, so the form checks what
// the server will check (the minimum age is configuration: ZY_MIN_AGE).
import { PRIVACY_TERMS_VERSION } from '../../miniprogram/domain/codes';
import { action, noPayload } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { agePolicyFromEnv } from './rules';

export const registrationRules = action('volunteer', 'registrationRules', noPayload, async (_req, ctx) => {
  const policy = agePolicyFromEnv(ctx.env);
  return ok({ minimumAge: policy.minimumAge, guardianConsentUnder: policy.guardianConsentUnder, privacyVersion: PRIVACY_TERMS_VERSION });
});
