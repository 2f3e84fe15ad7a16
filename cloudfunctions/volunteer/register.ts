// volunteer.register — real-name registration (RULES §1). The server validates everything again with the domain and
// writes the volunteer, its credential document, the volunteer-number counter and the user's link in ONE
// transaction: there is never a half-registered volunteer. Uniqueness is decided by document ids read in that
// transaction — `credentials/<credential hash>` (one person, one registration) and `users/<userId>` (one volunteer
// per WeChat account) — so a concurrent twin either conflicts (the body runs again and then sees the winner) or
// reads the winner's document. The unique indexes stay as the last guard.
import { randomBytes } from 'node:crypto';
import { shanghaiDate } from '../../miniprogram/domain/calendar';
import { validateRegistration } from '../../miniprogram/domain/registration';
import { getOrNull, inTransaction, isDuplicateKeyError, Rollback } from '../_shared/db/db';
import { counterIdOf, type CounterDoc } from '../_shared/documents/counter';
import type { CredentialDoc } from '../_shared/documents/credential';
import { userIdOf } from '../_shared/documents/ids';
import type { UserDoc } from '../_shared/documents/user';
import { credentialHashOf, formerCredentialHashesOf } from '../_shared/documents/volunteer';
import { action, type Answer } from '../_shared/frame/action';
import { ok, refusal } from '../_shared/frame/envelope';
import { formatVolunteerNo } from '../_shared/rules/volunteer-number';
import { keyRingFromEnv } from '../_shared/security/crypto';
import { identityRefusal, identityVerifierFromEnv } from '../_shared/security/identity-verification';
import { agePolicyFromEnv, establishPhone, newVolunteerDoc } from './rules';
import { registerSchema } from './schemas';
import { credentialHolder } from './store';
import { alreadyRegistered, credentialTaken } from './view';
import { failWith } from '../_shared/messages/answers';

type RegisterAnswer = Answer<'volunteer', 'register'>;

export const register = action('volunteer', 'register', registerSchema, async (req, ctx) => {
  const valid = validateRegistration(req, ctx.now, agePolicyFromEnv(ctx.env));
  if (!valid.ok) return refusal(valid);
  const registration = valid.value;
  // A deployment that requires real-identity verification checks name and number first (off by default).
  const unverified = await identityRefusal(identityVerifierFromEnv(ctx.env), { name: registration.name, credential: registration.credential });
  if (unverified) return failWith(unverified);
  const ring = keyRingFromEnv(ctx.env);
  const userId = userIdOf(ctx.caller.openid);
  const phone = establishPhone(registration.phone, ctx.caller.openid, ctx.now, ring);
  if (!phone.ok) return refusal(phone);

  // Quick refusals outside the transaction; the transaction decides for real.
  const user = await getOrNull<UserDoc>(ctx.db, 'users', userId);
  if (user?.volunteerId) return alreadyRegistered();
  const credentialHash = credentialHashOf(registration.credential.type, registration.credential.number, ring);
  // The current key and any an earlier version stored the same credential under: one person, one registration.
  const credentialKeys = [credentialHash, ...formerCredentialHashesOf(registration.credential.type, registration.credential.number, ring)];
  for (const key of credentialKeys) if (await credentialHolder(ctx.db, key)) return credentialTaken();

  // Random, so the id reveals nothing about the person (ids are shown in QR codes and links).
  const volunteerId = `v_${randomBytes(12).toString('hex')}`;
  const { year } = shanghaiDate(ctx.now);
  const counterId = counterIdOf(registration.regionCode, year);

  try {
    return await inTransaction<RegisterAnswer, RegisterAnswer>(ctx.db, async (t) => {
      const me = await getOrNull<UserDoc>(t, 'users', userId);
      if (me?.volunteerId) throw new Rollback(alreadyRegistered());
      for (const key of credentialKeys) if (await getOrNull<CredentialDoc>(t, 'credentials', key)) throw new Rollback(credentialTaken());
      const counter = await getOrNull<CounterDoc>(t, 'counters', counterId);
      const sequence = (counter?.value ?? 0) + 1;
      const volunteerNo = formatVolunteerNo({ regionCode: registration.regionCode, year, sequence });
      const { _id, ...doc } = newVolunteerDoc({ id: volunteerId, userId, registration, phone: phone.value, volunteerNo, now: ctx.now }, ring);
      await t.collection('volunteers').doc(_id).set({ data: doc });
      const credential: Omit<CredentialDoc, '_id'> = { volunteerId, userId, createdAt: ctx.now };
      await t.collection('credentials').doc(credentialHash).set({ data: credential });
      // Two registrations in one region-year both write this counter: one conflicts and runs again with the next number.
      await t.collection('counters').doc(counterId).set({ data: { value: sequence, updatedAt: ctx.now } });
      if (me) {
        await t.collection('users').doc(userId).update({ data: { volunteerId } });
      } else {
        // The user never called user.session: create their user document as it would (same id scheme).
        const fresh: Omit<UserDoc, '_id'> = { openid: ctx.caller.openid, roles: [], createdAt: ctx.now, volunteerId };
        if (ctx.caller.unionid) fresh.unionid = ctx.caller.unionid;
        await t.collection('users').doc(userId).set({ data: fresh });
      }
      return ok({ volunteerId, volunteerNo, ageBand: registration.ageBand });
    });
  } catch (e) {
    // The last guard: a unique index refused what the documents above should have decided. Which index it was is not
    // read from the message (CloudBase does not document its text); the person is asked to try again, and then the
    // documents answer.
    if (isDuplicateKeyError(e)) return failWith('CONFLICT');
    throw e;
  }
});
