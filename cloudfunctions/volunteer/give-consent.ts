// volunteer.giveConsent — 办法2012 Art. 6: the extra fields (emergency contact, introduction) need their own consent;
// a volunteer who did not give it at registration, or withdrew it, may give it later from 我的资料. It is recorded as
// at registration (the terms' version and the time); given while in force, it answers the records and changes nothing.
import { PRIVACY_TERMS_VERSION } from '../../miniprogram/domain/codes';
import { getOrNull, inTransaction, Rollback } from '../_shared/db/db';
import { registeredVolunteer } from '../_shared/db/people';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { action, type Answer } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { failWith, notRegistered } from '../_shared/messages/answers';
import { keyRingFromEnv } from '../_shared/security/crypto';
import { consentInForce, withExtraFieldsConsented } from './rules';
import { giveConsentSchema } from './schemas';
import { consentRecords } from './view';

type GiveAnswer = Answer<'volunteer', 'giveConsent'>;

export const giveConsent = action('volunteer', 'giveConsent', giveConsentSchema, async (req, ctx) => {
  // The person agrees to the text they were shown: a page older than the current terms asks them to read again.
  if (req.version !== PRIVACY_TERMS_VERSION) return failWith('TERMS_OUTDATED');
  const me = await registeredVolunteer(ctx);
  if (!me) return notRegistered();
  if (consentInForce(me.volunteer.consents, req.kind)) return ok({ consents: consentRecords(me.volunteer.consents) });
  return inTransaction<GiveAnswer, GiveAnswer>(ctx.db, async (t) => {
    const current = await getOrNull<VolunteerDoc>(t, 'volunteers', me.volunteer._id);
    if (!current || current.status !== 'active' || current.userId !== me.userId) throw new Rollback(notRegistered());
    const next = withExtraFieldsConsented(current, keyRingFromEnv(ctx.env), ctx.now);
    if (next !== current) {
      const { _id, ...data } = next;
      await t.collection('volunteers').doc(_id).set({ data });
    }
    return ok({ consents: consentRecords(next.consents) });
  });
});
