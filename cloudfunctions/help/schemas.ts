// Request shapes of the help actions, each `satisfies` its contract in typings/help.ts (no casts). Shapes and sizes
// only; what a submission or a decision must hold beyond them is rules.ts's (checkSubmission) and the handlers'.
// The sizes of what a person types are the domain's HELP_LIMITS, the ones the pages check; zod's string min/max count
// code points (since 4.6), as charLength does, so a limit of 300 takes 300 emoji or 𠀀 on either side.
import * as z from 'zod';
import type {
  AnswerOfferRequest,
  CompleteHelpRequest,
  HelpContactRequest,
  HelpIdRequest,
  OrgIdRequest,
  PublicHelpRequest,
  RateHelpRequest,
  SetResponderRequest,
  SetWillingRequest,
  SubmitHelpRequest,
  VerifyHelpRequest,
} from '../../typings/help';
import { HELP_LIMITS } from '../../miniprogram/domain/help-rules';

const text = (max: number) => z.string().max(max);
/** What a person types, measured once trimmed as the pages measure it (trimmedLength). */
const typed = (max: number) => z.string().trim().max(max);
const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/);
const instant = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)));
const lngLat = z.strictObject({ longitude: z.number().min(-180).max(180), latitude: z.number().min(-90).max(90) });

export const submitSchema = z.strictObject({
  what: typed(HELP_LIMITS.whatChars[1]).min(HELP_LIMITS.whatChars[0]),
  category: text(40),
  forWhom: z.strictObject({ object: text(40), description: typed(HELP_LIMITS.descriptionMaxChars).min(1) }),
  place: z.strictObject({
    address: typed(HELP_LIMITS.addressMaxChars).min(1),
    name: text(100).optional(),
    longitude: z.number().min(-180).max(180),
    latitude: z.number().min(-90).max(90),
    regionCode: text(12),
    regionNames: z.array(text(30)).min(1).max(4),
  }),
  startsAt: instant,
  endsAt: instant,
  volunteersWanted: z.number().int().min(HELP_LIMITS.volunteersWanted[0]).max(HELP_LIMITS.volunteersWanted[1]),
  urgent: z.boolean(),
  contact: z.strictObject({ name: typed(HELP_LIMITS.contactNameMaxChars).min(1), phone: z.string().regex(/^1\d{10}$/) }),
}) satisfies z.ZodType<SubmitHelpRequest>;

// The note's and the reason's lower bound is the handler's: it answers HELP_INVALID / REASON_REQUIRED in words.
export const verifySchema = z.strictObject({
  helpRequestId: id,
  decision: z.enum(['verify', 'reject']),
  method: z.enum(['call', 'visit', 'evidence']),
  note: typed(HELP_LIMITS.noteChars[1]),
  asOrgId: id.optional(),
}) satisfies z.ZodType<VerifyHelpRequest>;

export const answerOfferSchema = z.strictObject({
  helpRequestId: id,
  orgId: id,
  decision: z.enum(['accept', 'decline']),
  reason: typed(HELP_LIMITS.noteChars[1]).optional(),
}) satisfies z.ZodType<AnswerOfferRequest>;

export const helpIdSchema = z.strictObject({ helpRequestId: id }) satisfies z.ZodType<HelpIdRequest>;
export const completeSchema = z.strictObject({ helpRequestId: id, note: typed(HELP_LIMITS.completeNoteMaxChars).optional() }) satisfies z.ZodType<CompleteHelpRequest>;
export const rateSchema = z.strictObject({
  helpRequestId: id,
  stars: z.number().int().min(1).max(5),
  comment: typed(HELP_LIMITS.commentMaxChars).optional(),
}) satisfies z.ZodType<RateHelpRequest>;

export const orgIdSchema = z.strictObject({ orgId: id }) satisfies z.ZodType<OrgIdRequest>;
export const publicListSchema = z.strictObject({ regionCode: text(12) }) satisfies z.ZodType<PublicHelpRequest>;

export const setResponderSchema = z.strictObject({
  orgId: id,
  active: z.boolean(),
  categories: z.array(text(40)).max(20),
  base: lngLat,
}) satisfies z.ZodType<SetResponderRequest>;

export const setWillingSchema = z.strictObject({
  willing: z.boolean(),
  near: lngLat.optional(),
  radiusKm: z.number().int().min(HELP_LIMITS.willingRadiusKm[0]).max(HELP_LIMITS.willingRadiusKm[1]).optional(),
}) satisfies z.ZodType<SetWillingRequest>;

export const contactSchema = z.strictObject({ helpRequestId: id, asOrgId: id.optional() }) satisfies z.ZodType<HelpContactRequest>;
