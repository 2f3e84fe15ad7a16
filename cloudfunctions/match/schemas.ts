// Request shapes of the match actions, each `satisfies` its contract in typings/match.ts (no casts).
import * as z from 'zod';
import type { InvitationRequest, InviteRequest, SeriesProposalRequest, SuggestRequest } from '../../typings/match';

const id = z.string().min(1).max(128);

/** One call invites at most this many pairs: a series proposal of 50 shifts, one person each, or one shift's picks. */
export const MAX_INVITATIONS_PER_CALL = 50;

export const suggestSchema = z.strictObject({ shiftId: id }) satisfies z.ZodType<SuggestRequest>;
export const inviteSchema = z.strictObject({
  invitations: z.array(z.strictObject({ shiftId: id, candidateId: id })).min(1).max(MAX_INVITATIONS_PER_CALL),
}) satisfies z.ZodType<InviteRequest>;
export const seriesProposalSchema = z.strictObject({ seriesId: id }) satisfies z.ZodType<SeriesProposalRequest>;
export const invitationSchema = z.strictObject({ invitationId: z.string().min(1).max(300) }) satisfies z.ZodType<InvitationRequest>;
