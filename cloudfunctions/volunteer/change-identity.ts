// volunteer.changeIdentity — a change of name or credential is a re-verification: the same checks as registration
// (name, credential, birth information, age and guardian), the new credential must be free (CREDENTIAL_TAKEN), and
// the volunteer number does not change.
import type { ChangeIdentityRequest, MyProfile } from '../../typings/volunteer';
import type { Envelope } from '../../typings/envelope';
import { validateIdentity } from '../../miniprogram/domain/registration';
import { action } from '../_shared/action';
import { keyRingFromEnv } from '../_shared/crypto';
import { getOrNull, inTransaction, isDuplicateKeyError, Rollback } from '../_shared/db';
import { fail, ok } from '../_shared/envelope';
import { credentialHashOf, type VolunteerDoc } from '../_shared/volunteer-doc';
import { agePolicyFromEnv } from './policy';
import { toMyProfile } from './profile-view';
import { credentialTaken } from './register';
import { changeIdentitySchema } from './schemas';
import { activeOrganizationsOf, loadRegistered, notRegistered } from './store';
import { withIdentity } from './volunteer-record';

type Answer = Envelope<MyProfile, string>;

export const changeIdentity = action<ChangeIdentityRequest, MyProfile>(changeIdentitySchema, async (req, ctx) => {
  const me = await loadRegistered(ctx);
  if (!me) return notRegistered();
  const identity = validateIdentity(req, ctx.now, agePolicyFromEnv(ctx.env));
  if (!identity.ok) return fail(identity.code, identity.message, identity.field);
  const ring = keyRingFromEnv(ctx.env);
  const credentialHash = credentialHashOf(identity.value.credential.type, identity.value.credential.number, ring);
  if (credentialHash !== me.volunteer.credentialHash) {
    const holders = (await ctx.db.collection('volunteers').where({ credentialHash }).limit(1).get()) as { data: unknown[] };
    if (holders.data.length > 0) return credentialTaken();
  }

  let result: { doc: VolunteerDoc } | Answer;
  try {
    result = await inTransaction<{ doc: VolunteerDoc }, Answer>(ctx.db, async (t) => {
      const current = await getOrNull<VolunteerDoc>(t, 'volunteers', me.volunteer._id);
      if (!current || current.status !== 'active' || current.userId !== me.userId) throw new Rollback(notRegistered());
      const next = withIdentity(current, identity.value, ring, ctx.now);
      const { _id, ...data } = next;
      // The unique index on credentialHash refuses a credential another volunteer took meanwhile.
      await t.collection('volunteers').doc(_id).set({ data });
      return { doc: next };
    });
  } catch (e) {
    if (isDuplicateKeyError(e)) return credentialTaken();
    throw e;
  }
  if (!('doc' in result)) return result;
  const organizations = await activeOrganizationsOf(ctx.db, me.userId);
  return ok(toMyProfile(result.doc, organizations, ring, ctx.now));
});
