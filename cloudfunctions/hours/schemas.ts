// Request shapes of the hours actions, each `satisfies` its contract in typings/hours-actions.ts (no casts).
import * as z from 'zod';
import type {
  AdjustRequest,
  CheckTotalsRequest,
  ConfirmRequest,
  HistoryRequest,
  MyHoursRequest,
  OrgCorrectionsRequest,
  OrgTotalsRequest,
  QueueRequest,
  RejectRequest,
  ReportCorrectionRequest,
  ResolveCorrectionRequest,
  RevokeRequest,
  SetHoursPolicyRequest,
} from '../../typings/hours-actions';
import { MAX_DECISIONS_PER_CALL, MAX_OVERDUE_DAYS, MAX_REASON_CHARS, MAX_RECORD_MINUTES, ROUNDING_STEPS } from './rules';

const id = z.string().min(1).max(128);
const cursor = z.string().max(400).optional();
const reason = z.string().trim().min(1).max(MAX_REASON_CHARS);
const minutes = z.number().int().min(1).max(MAX_RECORD_MINUTES);
const instant = z.iso.datetime({ offset: true });

export const mineSchema = z.strictObject({ cursor }) satisfies z.ZodType<MyHoursRequest>;
export const historySchema = z.strictObject({ recordId: id }) satisfies z.ZodType<HistoryRequest>;
export const reportCorrectionSchema = z
  .strictObject({
    kind: z.enum(['error', 'omission']),
    recordId: id.optional(),
    shiftId: id.optional(),
    description: z.string().trim().min(1).max(MAX_REASON_CHARS),
    proposedMinutes: minutes.optional(),
    proposedStartsAt: instant.optional(),
    proposedEndsAt: instant.optional(),
  })
  // An error names its record; an omission names the shift that has none.
  .refine((r) => (r.kind === 'error' ? r.recordId !== undefined && r.shiftId === undefined : r.shiftId !== undefined && r.recordId === undefined), {
    path: ['recordId'],
  }) satisfies z.ZodType<ReportCorrectionRequest>;
export const setHoursPolicySchema = z.strictObject({
  orgId: id,
  roundingStepMinutes: z.union([z.literal(null), z.literal(ROUNDING_STEPS[0]), ...ROUNDING_STEPS.slice(1).map((s) => z.literal(s))]),
  overdueDays: z.number().int().min(1).max(MAX_OVERDUE_DAYS),
}) satisfies z.ZodType<SetHoursPolicyRequest>;
export const queueSchema = z.strictObject({ orgId: id, cursor }) satisfies z.ZodType<QueueRequest>;
export const orgCorrectionsSchema = z.strictObject({ orgId: id, cursor }) satisfies z.ZodType<OrgCorrectionsRequest>;
const recordIds = z.array(id).min(1).max(MAX_DECISIONS_PER_CALL);
export const confirmSchema = z.strictObject({ recordIds }) satisfies z.ZodType<ConfirmRequest>;
export const rejectSchema = z.strictObject({ recordIds, reason }) satisfies z.ZodType<RejectRequest>;
export const adjustSchema = z.strictObject({ recordId: id, minutes, reason }) satisfies z.ZodType<AdjustRequest>;
export const revokeSchema = z.strictObject({ recordId: id, reason }) satisfies z.ZodType<RevokeRequest>;
export const resolveCorrectionSchema = z.strictObject({
  correctionId: id,
  decision: z.enum(['accept', 'reject']),
  reason,
  minutes: minutes.optional(),
}) satisfies z.ZodType<ResolveCorrectionRequest>;
export const orgTotalsSchema = z.strictObject({ orgId: id, projectId: id.optional() }) satisfies z.ZodType<OrgTotalsRequest>;
export const checkTotalsSchema = z
  .strictObject({ volunteerId: id.optional(), orgId: id.optional() })
  .refine((r) => (r.volunteerId === undefined) !== (r.orgId === undefined), { path: ['volunteerId'] }) satisfies z.ZodType<CheckTotalsRequest>;
