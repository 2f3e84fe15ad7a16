// volunteer.withdrawConsent — 办法2012 Art. 6: the extra fields are kept only with their own consent; withdrawing it
// records the time on the consent and removes the fields in the same write.
import { getOrNull, inTransaction, Rollback } from '../_shared/db/db';
import { registeredVolunteer } from '../_shared/db/people';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { action, type Answer } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { notRegistered } from '../_shared/messages/answers';
import { keyRingFromEnv } from '../_shared/security/crypto';
import { consentInForce, withExtraFieldsWithdrawn } from './rules';
import { withdrawConsentSchema } from './schemas';
import { consentNotGiven as notGiven, consentRecords } from './view';

type WithdrawAnswer = Answer<'volunteer', 'withdrawConsent'>;

export const withdrawConsent = action('volunteer', 'withdrawConsent', withdrawConsentSchema, async (req, ctx) => {
  const me = await registeredVolunteer(ctx);
  if (!me) return notRegistered();
  if (!consentInForce(me.volunteer.consents, req.kind)) return notGiven();
  return inTransaction<WithdrawAnswer, WithdrawAnswer>(ctx.db, async (t) => {
    const current = await getOrNull<VolunteerDoc>(t, 'volunteers', me.volunteer._id);
    if (!current || current.status !== 'active' || current.userId !== me.userId) throw new Rollback(notRegistered());
    if (!consentInForce(current.consents, req.kind)) throw new Rollback(notGiven());
    const next = withExtraFieldsWithdrawn(current, keyRingFromEnv(ctx.env), ctx.now);
    const { _id, ...data } = next;
    await t.collection('volunteers').doc(_id).set({ data });
    return ok({ consents: consentRecords(next.consents) });
  });
});
