// volunteer.changeIdentity — a change of name or credential is a re-verification: the same checks as registration
// (name, credential, birth information, age and guardian), the new credential must be free (CREDENTIAL_TAKEN,
// decided by the `credentials` document of its hash, read in the transaction), and the volunteer number does not
// change. The old credential's document goes in the same write, so the old credential can be registered again.
import { validateIdentity } from '../../miniprogram/domain/registration';
import { getOrNull, inTransaction, isDuplicateKeyError, Rollback } from '../_shared/db/db';
import { registeredVolunteer } from '../_shared/db/people';
import type { CredentialDoc } from '../_shared/documents/credential';
import { credentialHashOf, formerCredentialHashesOf, type VolunteerDoc } from '../_shared/documents/volunteer';
import { action, type Answer } from '../_shared/frame/action';
import { ok, refusal } from '../_shared/frame/envelope';
import { failWith, notRegistered } from '../_shared/messages/answers';
import { keyRingFromEnv } from '../_shared/security/crypto';
import { identityRefusal, identityVerifierFromEnv } from '../_shared/security/identity-verification';
import { agePolicyFromEnv, withIdentity } from './rules';
import { changeIdentitySchema } from './schemas';
import { activeOrganizationsOf, credentialHolder } from './store';
import { credentialTaken, toMyProfile } from './view';

type ChangeAnswer = Answer<'volunteer', 'changeIdentity'>;

export const changeIdentity = action('volunteer', 'changeIdentity', changeIdentitySchema, async (req, ctx) => {
  const me = await registeredVolunteer(ctx);
  if (!me) return notRegistered();
  const identity = validateIdentity(req, ctx.now, agePolicyFromEnv(ctx.env));
  if (!identity.ok) return refusal(identity);
  const unverified = await identityRefusal(identityVerifierFromEnv(ctx.env), { name: identity.value.name, credential: identity.value.credential });
  if (unverified) return failWith(unverified);
  const ring = keyRingFromEnv(ctx.env);
  const { type, number } = identity.value.credential;
  const credentialHash = credentialHashOf(type, number, ring);
  // The current key and any an earlier version stored the same credential under (held by me: my own old entry).
  const credentialKeys = [credentialHash, ...formerCredentialHashesOf(type, number, ring)];
  for (const key of credentialKeys) {
    const holder = await credentialHolder(ctx.db, key);
    if (holder && holder.volunteerId !== me.volunteer._id) return credentialTaken();
  }

  let result: { doc: VolunteerDoc } | ChangeAnswer;
  try {
    result = await inTransaction<{ doc: VolunteerDoc }, ChangeAnswer>(ctx.db, async (t) => {
      const current = await getOrNull<VolunteerDoc>(t, 'volunteers', me.volunteer._id);
      if (!current || current.status !== 'active' || current.userId !== me.userId) throw new Rollback(notRegistered());
      for (const key of credentialKeys) {
        const taken = await getOrNull<CredentialDoc>(t, 'credentials', key);
        if (taken && taken.volunteerId !== current._id) throw new Rollback(credentialTaken());
      }
      const previous = credentialHash === current.credentialHash ? null : await getOrNull<CredentialDoc>(t, 'credentials', current.credentialHash);
      const next = withIdentity(current, identity.value, ring, ctx.now);
      const { _id, ...data } = next;
      await t.collection('volunteers').doc(_id).set({ data });
      if (credentialHash !== current.credentialHash) {
        const credential: Omit<CredentialDoc, '_id'> = { volunteerId: _id, userId: me.userId, createdAt: ctx.now };
        await t.collection('credentials').doc(credentialHash).set({ data: credential });
        if (previous?.volunteerId === _id) await t.collection('credentials').doc(current.credentialHash).remove();
      }
      return { doc: next };
    });
  } catch (e) {
    // The last guard (see register.ts): the documents decide; an index refusal means "try again".
    if (isDuplicateKeyError(e)) return failWith('CONFLICT');
    throw e;
  }
  if (!('doc' in result)) return result;
  const organizations = await activeOrganizationsOf(ctx.db, me.userId);
  return ok(toMyProfile(result.doc, organizations, ring, ctx.now));
});
