// volunteer.verifyPhone — the phone button's one-time code is good for 5 minutes and charged when the person taps, so
// the page sends it here at once. The number WeChat answers is checked (mainland mobile) and comes back as a
// 30-minute proof bound to this WeChat account (_shared/security/phone-proof.ts), which register / updateProfile
// take instead of the code. Nothing is stored but the answer kept for a retry of the same request (the frame's
// `requests`, 24 h; the proof's number is encrypted).
import { action } from '../_shared/frame/action';
import { ok, refusal } from '../_shared/frame/envelope';
import { maskPhone } from '../_shared/rules/mask';
import { keyRingFromEnv } from '../_shared/security/crypto';
import { issuePhoneProof } from '../_shared/security/phone-proof';
import { verifyPhoneSchema } from './schemas';
import { exchangePhoneCode } from './store';

export const verifyPhone = action('volunteer', 'verifyPhone', verifyPhoneSchema, async (req, ctx) => {
  const number = await exchangePhoneCode(ctx, req.code);
  if (!number.ok) return refusal(number);
  const { proof, expiresAt } = issuePhoneProof(number.value, ctx.caller.openid, ctx.now, keyRingFromEnv(ctx.env));
  return ok({ proof, phoneMasked: maskPhone(number.value), expiresAt: expiresAt.toISOString() });
});
