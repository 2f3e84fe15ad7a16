// Request shapes of the signup actions, each `satisfies` its contract in typings/signup.ts (no casts).
import * as z from 'zod';
import type {
  DecideSignupsRequest,
  ExportRosterRequest,
  MySignupsRequest,
  RemoveSignupRequest,
  ShiftSignupsRequest,
  SignupOptionsRequest,
  SignupRef,
  SignupRequest,
} from '../../typings/signup';
import { MAX_DECISIONS_PER_CALL, MAX_REASON_CHARS } from './rules';

const id = z.string().min(1).max(128);
// Opaque keyset cursors (store.ts signupPage), base64url; their content is checked when decoded.
const cursor = z.string().regex(/^[A-Za-z0-9_-]{1,400}$/).optional();
const status = z.enum(['pending', 'confirmed', 'waitlisted', 'offered', 'declined', 'removed', 'withdrawn', 'expired']);

export const optionsSchema = z.strictObject({ projectId: id }) satisfies z.ZodType<SignupOptionsRequest>;
export const signupSchema = z.strictObject({ shiftId: id, password: z.string().max(64).optional() }) satisfies z.ZodType<SignupRequest>;
export const signupRefSchema = z.strictObject({ signupId: id }) satisfies z.ZodType<SignupRef>;
export const mineSchema = z.strictObject({ when: z.enum(['upcoming', 'past']), cursor }) satisfies z.ZodType<MySignupsRequest>;
export const shiftSignupsSchema = z.strictObject({ shiftId: id, status: status.optional(), cursor }) satisfies z.ZodType<ShiftSignupsRequest>;
export const decideSchema = z.strictObject({
  signupIds: z.array(id).min(1).max(MAX_DECISIONS_PER_CALL),
  decision: z.enum(['approve', 'decline']),
  reason: z.string().max(MAX_REASON_CHARS).optional(),
}) satisfies z.ZodType<DecideSignupsRequest>;
export const removeSchema = z.strictObject({ signupId: id, reason: z.string().max(MAX_REASON_CHARS) }) satisfies z.ZodType<RemoveSignupRequest>;
export const exportRosterSchema = z.strictObject({ shiftId: id }) satisfies z.ZodType<ExportRosterRequest>;
