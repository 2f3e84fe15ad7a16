// volunteer.withdrawConsent — 办法2012 Art. 6: the extra fields are kept only with their own consent; withdrawing it
// records the time on the consent and removes the fields in the same write.
import type { WithdrawConsentRequest, WithdrawConsentResponse } from '../../typings/volunteer';
import type { Envelope } from '../../typings/envelope';
import { action } from '../_shared/action';
import { getOrNull, inTransaction, Rollback } from '../_shared/db';
import { fail, ok } from '../_shared/envelope';
import type { VolunteerDoc } from '../_shared/volunteer-doc';
import { consentRecords } from './profile-view';
import { withdrawConsentSchema } from './schemas';
import { loadRegistered, notRegistered } from './store';
import { consentInForce, withExtraFieldsWithdrawn } from './volunteer-record';

type Answer = Envelope<WithdrawConsentResponse, string>;

const notGiven = () => fail('CONSENT_NOT_GIVEN' as const, '你没有同意过收集额外信息，或已经撤回，无需再次撤回');

export const withdrawConsent = action<WithdrawConsentRequest, WithdrawConsentResponse>(withdrawConsentSchema, async (req, ctx) => {
  const me = await loadRegistered(ctx);
  if (!me) return notRegistered();
  if (!consentInForce(me.volunteer.consents, req.kind)) return notGiven();
  return inTransaction<Answer, Answer>(ctx.db, async (t) => {
    const current = await getOrNull<VolunteerDoc>(t, 'volunteers', me.volunteer._id);
    if (!current || current.status !== 'active' || current.userId !== me.userId) throw new Rollback(notRegistered());
    if (!consentInForce(current.consents, req.kind)) throw new Rollback(notGiven());
    const next = withExtraFieldsWithdrawn(current, ctx.now);
    const { _id, ...data } = next;
    await t.collection('volunteers').doc(_id).set({ data });
    return ok({ consents: consentRecords(next.consents) });
  });
});
