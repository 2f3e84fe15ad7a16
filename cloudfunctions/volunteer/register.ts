// volunteer.register — real-name registration (RULES §1). The server validates everything again with the domain,
// refuses a second registration of the same credential (the unique index on credentialHash decides, also when two
// accounts arrive at the same moment), and writes the volunteer, the volunteer-number counter and the user's link in
// ONE transaction: there is never a half-registered volunteer.
import { randomBytes } from 'node:crypto';
import type { RegisterRequest, RegisterResponse } from '../../typings/volunteer';
import type { Envelope } from '../../typings/envelope';
import { shanghaiDate } from '../../miniprogram/domain/calendar';
import { validateRegistration } from '../../miniprogram/domain/registration';
import { formatVolunteerNo } from '../../miniprogram/domain/volunteer-number';
import { action } from '../_shared/action';
import { keyRingFromEnv } from '../_shared/crypto';
import { getOrNull, inTransaction, isDuplicateKeyError, Rollback } from '../_shared/db';
import { fail, ok } from '../_shared/envelope';
import { userIdOf } from '../_shared/ids';
import type { UserDoc } from '../_shared/people';
import { credentialHashOf } from '../_shared/volunteer-doc';
import { agePolicyFromEnv } from './policy';
import { registerSchema } from './schemas';
import { establishPhone } from './store';
import { newVolunteerDoc } from './volunteer-record';

type Answer = Envelope<RegisterResponse, string>;

/** `counters` document of a region-year sequence: `volunteerNo:<regionCode>:<yy>`. */
export interface CounterDoc {
  _id: string;
  value: number;
  updatedAt: Date;
}

export function counterIdOf(regionCode: string, year: number): string {
  return `volunteerNo:${regionCode}:${String(year % 100).padStart(2, '0')}`;
}

export const credentialTaken = () => fail('CREDENTIAL_TAKEN' as const, '该证件已注册，如为本人请通过账号找回恢复');
const alreadyRegistered = () => fail('ALREADY_REGISTERED' as const, '你已完成志愿者注册，无需重复注册');

/** Which unique index refused the write tells what happened. */
export function refusalOf(e: unknown): Answer | null {
  if (!isDuplicateKeyError(e)) return null;
  const message = String((e as { errMsg?: unknown; message?: unknown }).errMsg ?? (e as { message?: unknown }).message ?? '');
  if (/credentialHash/.test(message)) return credentialTaken();
  if (/userId/.test(message)) return alreadyRegistered();
  return fail('CONFLICT', '注册人数较多，请稍后重试');
}

export const register = action<RegisterRequest, RegisterResponse>(registerSchema, async (req, ctx) => {
  const valid = validateRegistration(req, ctx.now, agePolicyFromEnv(ctx.env));
  if (!valid.ok) return fail(valid.code, valid.message, valid.field);
  const registration = valid.value;
  const ring = keyRingFromEnv(ctx.env);
  const userId = userIdOf(ctx.caller.openid);

  // Quick refusals before WeChat's one-time phone code is spent; the transaction decides for real.
  const user = await getOrNull<UserDoc>(ctx.db, 'users', userId);
  if (user?.volunteerId) return alreadyRegistered();
  const credentialHash = credentialHashOf(registration.credential.type, registration.credential.number, ring);
  const holders = (await ctx.db.collection('volunteers').where({ credentialHash }).limit(1).get()) as { data: unknown[] };
  if (holders.data.length > 0) return credentialTaken();

  const phone = await establishPhone(ctx, registration.phone);
  if (!phone.ok) return fail(phone.code, phone.message);

  // Random, so the id reveals nothing about the person (ids are shown in QR codes and links).
  const volunteerId = `v_${randomBytes(12).toString('hex')}`;
  const { year } = shanghaiDate(ctx.now);
  const counterId = counterIdOf(registration.regionCode, year);

  try {
    return await inTransaction<Answer, Answer>(ctx.db, async (t) => {
      const me = await getOrNull<UserDoc>(t, 'users', userId);
      if (me?.volunteerId) throw new Rollback(alreadyRegistered());
      // Reading the counter locks it: registrations in one region-year take their numbers one after another.
      const counter = await getOrNull<CounterDoc>(t, 'counters', counterId);
      const sequence = (counter?.value ?? 0) + 1;
      const volunteerNo = formatVolunteerNo({ regionCode: registration.regionCode, year, sequence });
      const doc = newVolunteerDoc({ id: volunteerId, userId, registration, phone: phone.value, volunteerNo, now: ctx.now }, ring);
      // The unique indexes on credentialHash and userId refuse a concurrent twin here or at commit.
      await t.collection('volunteers').add({ data: doc });
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
    const refusal = refusalOf(e);
    if (refusal) return refusal;
    throw e;
  }
});
