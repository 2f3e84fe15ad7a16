// Request shapes of the volunteer actions, each `satisfies` its contract in typings/volunteer.ts (no casts). The
// schemas check the shape and bound the sizes; what the values mean (a valid ID number, a known skill code…) is the
// domain's to decide, so that a wrong value gets its specific Chinese message instead of a generic BAD_REQUEST.
// Where the contract's type is narrower than a string or number (a weekday, a time of day, a guardian relation), the
// schema narrows with the domain's own type guard and answers the domain's code (`refusedAs`).
import * as z from 'zod';
import type {
  AddClaimEvidenceRequest,
  ChangeIdentityRequest,
  ClaimDetailRequest,
  ClaimQueueRequest,
  DecideClaimRequest,
  FileClaimRequest,
  DeleteAccountRequest,
  GiveConsentRequest,
  RegisterRequest,
  ScanCardRequest,
  UpdateProfileRequest,
  VerifyPhoneRequest,
  WithdrawConsentRequest,
} from '../../typings/volunteer';
import type { VerifyCardRequest } from '../../typings/certificate-card';
import { isGuardianRelation, isTimeOfDay, isWeekday } from '../../miniprogram/domain/registration';
import { refusedAs } from '../_shared/frame/action';
import { AVAILABILITY_INVALID_MESSAGES, BAD_REQUEST_MESSAGES, EVIDENCE_INVALID_MESSAGES, GUARDIAN_INVALID_MESSAGES } from '../_shared/messages/answers';
import { PHONE_PROOF_MAX_CHARS } from '../_shared/security/phone-proof';

const text = (max: number) => z.string().max(max);

const credential = z.strictObject({
  type: z.enum(['CN_ID', 'HMT_RESIDENCE', 'HK_MO_PERMIT', 'TW_PERMIT', 'PASSPORT', 'FOREIGN_PERMANENT']),
  number: text(40),
});

const phone = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('wechat'), proof: text(PHONE_PROOF_MAX_CHARS) }),
  z.strictObject({ source: z.literal('typed'), number: text(30) }),
]);

/** The actions whose requests carry availability: a refusal there must be a code both list. */
const AVAILABILITY_USERS = ['register', 'updateProfile'] as const;

const availability = z
  .array(
    z.strictObject({
      weekday: z.number().refine(isWeekday, refusedAs('volunteer', AVAILABILITY_USERS, 'AVAILABILITY_INVALID', AVAILABILITY_INVALID_MESSAGES.weekday)),
      times: z.array(z.string().refine(isTimeOfDay, refusedAs('volunteer', AVAILABILITY_USERS, 'AVAILABILITY_INVALID', AVAILABILITY_INVALID_MESSAGES.times))).max(6),
    }),
  )
  .max(14);

const guardian = z.strictObject({
  name: text(64),
  relation: z.string().refine(isGuardianRelation, refusedAs('volunteer', ['register', 'changeIdentity'], 'GUARDIAN_INVALID', GUARDIAN_INVALID_MESSAGES.relation, 'guardian.relation')),
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

export const verifyPhoneSchema = z.strictObject({ code: text(200) }) satisfies z.ZodType<VerifyPhoneRequest>;

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
}) satisfies z.ZodType<RegisterRequest>;

export const updateProfileSchema = z.strictObject({
  phone: phone.optional(),
  regionCode: text(12).optional(),
  regionNames: regionNames.optional(),
  skills: codes.optional(),
  skillTags: z.array(text(40)).max(40).optional(),
  intentions: codes.optional(),
  availability: availability.optional(),
  extra: extra.optional(),
}) satisfies z.ZodType<UpdateProfileRequest>;

export const changeIdentitySchema = z.strictObject(identity) satisfies z.ZodType<ChangeIdentityRequest>;

export const scanCardSchema = z.strictObject({ orgId: text(64).min(1), payload: text(200) }) satisfies z.ZodType<ScanCardRequest>;

export const giveConsentSchema = z.strictObject({ kind: z.literal('extraFields'), version: text(20) }) satisfies z.ZodType<GiveConsentRequest>;
export const withdrawConsentSchema = z.strictObject({ kind: z.literal('extraFields') }) satisfies z.ZodType<WithdrawConsentRequest>;

export const DELETE_CONFIRM_WORD = '注销';

// Any confirmation but the word itself — missing, not text, another word — answers the one message that asks for it.
export const deleteAccountSchema = z.strictObject({
  confirm: z.custom<typeof DELETE_CONFIRM_WORD>(
    (word) => word === DELETE_CONFIRM_WORD,
    refusedAs('volunteer', ['deleteAccount'], 'BAD_REQUEST', BAD_REQUEST_MESSAGES.deleteConfirm(DELETE_CONFIRM_WORD), 'confirm'),
  ),
}) satisfies z.ZodType<DeleteAccountRequest>;

// ── 申诉找回 ──────────────────────────────────────────────────────────────────────────────────────────────────────

const claimId = z.string().regex(/^cl_[0-9a-f]{24}$/);

export const fileClaimSchema = z.strictObject({
  name: text(64),
  credential,
  phone,
  statement: text(2000),
  privacyVersion: text(20),
}) satisfies z.ZodType<FileClaimRequest>;

/** 70 KB of photo is at most 95,574 base64 characters (claim-rules EVIDENCE_MAX_BYTES); a data: prefix may come too. */
export const addClaimEvidenceSchema = z.strictObject({
  claimId,
  photo: z.strictObject({
    contentType: z.enum(['image/jpeg', 'image/png']),
    base64: z
      .string()
      .refine((b) => b.length <= 96_000, refusedAs('volunteer', ['addClaimEvidence'], 'EVIDENCE_INVALID', EVIDENCE_INVALID_MESSAGES.tooLarge(70), 'photo.base64')),
  }),
}) satisfies z.ZodType<AddClaimEvidenceRequest>;

export const claimQueueSchema = z.strictObject({ cursor: text(200).optional() }) satisfies z.ZodType<ClaimQueueRequest>;

export const claimDetailSchema = z.strictObject({ claimId }) satisfies z.ZodType<ClaimDetailRequest>;

export const decideClaimSchema = z.strictObject({
  claimId,
  decision: z.enum(['approve', 'reject']),
  reason: text(400),
}) satisfies z.ZodType<DecideClaimRequest>;

/** The card as an image (issue 10): a scene is 32 characters; a typed code may carry spaces and dashes. */
export const verifyCardSchema = z.strictObject({ proof: text(100) }) satisfies z.ZodType<VerifyCardRequest>;
