// Request shapes of the volunteer actions (typings/volunteer.ts). The schemas check only the shape and bound the
// sizes; what the values mean (a valid ID number, a known skill code…) is the domain's to decide, so that a wrong
// value gets its specific Chinese message instead of a generic BAD_REQUEST.
import { z } from 'zod';
import type {
  ChangeIdentityRequest,
  DeleteAccountRequest,
  RegisterRequest,
  ScanCardRequest,
  UpdateProfileRequest,
  WithdrawConsentRequest,
} from '../../typings/volunteer';

const text = (max: number) => z.string().max(max);

const credential = z.strictObject({
  type: z.enum(['CN_ID', 'HMT_RESIDENCE', 'HK_MO_PERMIT', 'TW_PERMIT', 'PASSPORT', 'FOREIGN_PERMANENT']),
  number: text(40),
});

const phone = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('wechat'), code: text(200) }),
  z.strictObject({ source: z.literal('typed'), number: text(30) }),
]);

// Weekday and time values are checked by the domain (validateAvailability) for its Chinese message.
const availability = z.array(z.strictObject({ weekday: z.number(), times: z.array(z.string()).max(6) })).max(14);

const guardian = z.strictObject({
  name: text(64),
  relation: z.string().max(20),
  credential,
  agreed: z.literal(true),
});

const extra = z.strictObject({
  emergencyContact: z.strictObject({ name: text(64), phone: text(30) }).optional(),
  introduction: text(500).optional(),
});

const identity = {
  name: text(64),
  credential,
  gender: z.enum(['male', 'female']).optional(),
  birthDate: text(20).optional(),
  guardian: guardian.optional(),
};

const regionNames = z.array(text(30)).max(4);
const codes = z.array(text(40)).max(40);

export const registerSchema = z.strictObject({
  ...identity,
  phone,
  regionCode: text(12),
  regionNames,
  skills: codes,
  skillTags: z.array(text(40)).max(40),
  intentions: codes,
  availability,
  consents: z.strictObject({ privacyVersion: text(20), extraFields: z.boolean().optional() }),
  extra: extra.optional(),
}) as unknown as z.ZodType<RegisterRequest>;

export const updateProfileSchema = z.strictObject({
  phone: phone.optional(),
  regionCode: text(12).optional(),
  regionNames: regionNames.optional(),
  skills: codes.optional(),
  skillTags: z.array(text(40)).max(40).optional(),
  intentions: codes.optional(),
  availability: availability.optional(),
  extra: extra.optional(),
}) as unknown as z.ZodType<UpdateProfileRequest>;

export const changeIdentitySchema = z.strictObject(identity) as unknown as z.ZodType<ChangeIdentityRequest>;


export const scanCardSchema = z.strictObject({ orgId: text(64).min(1), payload: text(200) }) as z.ZodType<ScanCardRequest>;

export const withdrawConsentSchema = z.strictObject({ kind: z.literal('extraFields') }) as z.ZodType<WithdrawConsentRequest>;

// The word is checked by the handler, which says what to type.
export const deleteAccountSchema = z.strictObject({ confirm: text(20) }) as unknown as z.ZodType<DeleteAccountRequest>;
