// Request shapes of the organization actions, each `satisfies` its contract in typings/organization.ts (no casts).
// Shapes and sizes only; what the values mean (a valid USCC, a region code…) is the domain's to decide.
import * as z from 'zod';
import type {
  AcceptInviteRequest,
  ClaimUsccRequest,
  CreateInviteRequest,
  DecideUsccClaimRequest,
  DesignateSuccessorRequest,
  HandOverRequest,
  OrgRequest,
  ResubmitRequest,
  ReviewQueueRequest,
  DecideJoinRequest,
  GetOrganizationRequest,
  InviteInfoRequest,
  MemberPageRequest,
  RegisterOrganizationRequest,
  RequestJoinRequest,
  ReviewRequest,
  SearchOrganizationsRequest,
} from '../../typings/organization';
import { refusedAs } from '../_shared/frame/action';
import { BAD_REQUEST_MESSAGES } from '../_shared/messages/answers';
import { MAX_REASON_CHARS } from './rules';

const text = (max: number) => z.string().max(max);
const orgId = z.string().min(1).max(64);

export const registerSchema = z.strictObject({
  name: text(200),
  kind: z.enum(['registered', 'other', 'grassroots']),
  uscc: text(64).optional(),
  authority: text(200).optional(),
  regionCode: text(32),
  regionNames: z.array(text(50)).max(5),
  address: text(400),
  personInCharge: text(100),
  contact: z.strictObject({ name: text(100), phone: text(40) }),
  parentId: text(64).optional(),
  introduction: text(1000).optional(),
}) satisfies z.ZodType<RegisterOrganizationRequest>;

export const getSchema = z.strictObject({ orgId }) satisfies z.ZodType<GetOrganizationRequest>;

/** The opaque `…Next` of a member list's last page (its content is checked where it is read). */
export const memberPageSchema = z.strictObject({ orgId, after: z.string().min(1).max(400) }) satisfies z.ZodType<MemberPageRequest>;

/** C0/C1 control characters (NUL, newline, escape…): no name contains one, so a keyword holding one is refused. */
const CONTROL_CHARACTER = /\p{Cc}/u;

export const searchSchema = z.strictObject({
  regionCode: z.string().regex(/^\d{2}(\d{2}(\d{2})?)?$/).optional(),
  keyword: z
    .string()
    .max(50)
    .refine((keyword) => !CONTROL_CHARACTER.test(keyword), refusedAs('organization', ['search'], 'BAD_REQUEST', BAD_REQUEST_MESSAGES.searchKeywordControl, 'keyword'))
    .optional(),
}) satisfies z.ZodType<SearchOrganizationsRequest>;

export const reviewSchema = z.strictObject({
  orgId,
  decision: z.enum(['approve', 'reject']),
  reason: z.string().max(1000).optional(),
}) satisfies z.ZodType<ReviewRequest>;

export const createInviteSchema = z.strictObject({ orgId }) satisfies z.ZodType<CreateInviteRequest>;

const inviteCode = z.strictObject({ code: z.string().max(32) });
export const inviteInfoSchema = inviteCode satisfies z.ZodType<InviteInfoRequest>;
export const acceptInviteSchema = inviteCode satisfies z.ZodType<AcceptInviteRequest>;

export const requestJoinSchema = z.strictObject({ orgId, message: z.string().max(200).optional() }) satisfies z.ZodType<RequestJoinRequest>;

export const decideJoinSchema = z.strictObject({
  orgId,
  userId: z.string().min(1).max(64),
  decision: z.enum(['approve', 'decline']),
  reason: z.string().max(MAX_REASON_CHARS).optional(),
}) satisfies z.ZodType<DecideJoinRequest>;

export const resubmitSchema = registerSchema.extend({ orgId }) satisfies z.ZodType<ResubmitRequest>;

/** One photo's base64 text; the handler checks what it is (rules.ts checkEvidence). 100 KB is the whole request's bound. */
const evidencePhoto = z.string().max(100_000);

export const claimUsccSchema = z.strictObject({
  application: registerSchema,
  evidence: z.array(evidencePhoto).max(2),
  statement: z.string().max(500).optional(),
}) satisfies z.ZodType<ClaimUsccRequest>;

export const decideClaimSchema = z.strictObject({
  claimId: z.string().min(1).max(128),
  decision: z.enum(['approve', 'reject']),
  reason: z.string().max(1000).optional(),
}) satisfies z.ZodType<DecideUsccClaimRequest>;

export const orgSchema = z.strictObject({ orgId }) satisfies z.ZodType<OrgRequest>;

export const handOverSchema = z.strictObject({ orgId, userId: z.string().min(1).max(64) }) satisfies z.ZodType<HandOverRequest>;

export const reviewQueueSchema = z.strictObject({ cursor: z.string().max(200).optional() }) satisfies z.ZodType<ReviewQueueRequest>;

export const designateSuccessorSchema = z.strictObject({ orgId, successorId: orgId }) satisfies z.ZodType<DesignateSuccessorRequest>;
