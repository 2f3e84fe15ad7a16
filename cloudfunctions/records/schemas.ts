// Request shapes of the records actions, each `satisfies` its contract in typings/records.ts (no casts).
import * as z from 'zod';
import type {
  BatchRef,
  BulkEntryRequest,
  CreateHourCodesRequest,
  DeclareRequest,
  HourCodeBatchesRequest,
  HourCodesRequest,
  MakeupRequest,
  RedeemHourCodeRequest,
} from '../../typings/records';
import { refusedAs } from '../_shared/frame/action';
import { EVIDENCE_INVALID_MESSAGES } from '../_shared/messages/answers';
import { MAX_HOUR_CODES, RECORD_MAX_HOURS } from './rules';

/** A bulk entry names at most this many volunteers (the shift's confirmed sign-ups count towards it too). */
export const MAX_BULK_VOLUNTEERS = 500;

const text = (max: number) => z.string().max(max);
const id = z.string().regex(/^[A-Za-z0-9_.-]{1,80}$/);
const instant = z.iso.datetime({ offset: true });
const kind = z.enum(['service', 'training']);

const activity = z.strictObject({
  name: text(60).optional(),
  place: text(120).optional(),
  serviceObjects: z.array(text(40)).max(12).optional(),
  content: text(500).optional(),
  leader: text(30).optional(),
});

/** 70 KB of photo is at most 95,574 base64 characters (claim-rules EVIDENCE_MAX_BYTES); a data: prefix may come too. */
const photo = z.strictObject({
  contentType: z.enum(['image/jpeg', 'image/png']),
  base64: z
    .string()
    .refine((b) => b.length <= 96_000, refusedAs('records', ['declare', 'makeup'], 'EVIDENCE_INVALID', EVIDENCE_INVALID_MESSAGES.tooLarge(70), 'photo.base64')),
});

export const bulkEntrySchema = z.strictObject({
  orgId: id,
  projectId: id.optional(),
  confirmedOfShift: id.optional(),
  userIds: z.array(id).max(MAX_BULK_VOLUNTEERS).optional(),
  kind,
  startsAt: instant,
  endsAt: instant,
  activity,
}) satisfies z.ZodType<BulkEntryRequest>;

export const batchSchema = z.strictObject({ batchId: id }) satisfies z.ZodType<BatchRef>;

export const declareSchema = z.strictObject({
  orgId: id,
  projectId: id.optional(),
  kind,
  startsAt: instant,
  endsAt: instant,
  activity,
  photo: photo.optional(),
}) satisfies z.ZodType<DeclareRequest>;

export const makeupSchema = z.strictObject({
  orgId: id,
  userId: id.optional(),
  projectId: id.optional(),
  kind,
  startsAt: instant,
  endsAt: instant,
  activity,
  reason: z.string().trim().min(2).max(200),
  photo,
}) satisfies z.ZodType<MakeupRequest>;

export const createHourCodesSchema = z.strictObject({
  projectId: id,
  count: z.number().int().min(1).max(MAX_HOUR_CODES),
  startsAt: instant,
  minutes: z.number().int().min(1).max(RECORD_MAX_HOURS * 60),
  kind,
  expiresAt: instant,
  activity: activity.optional(),
}) satisfies z.ZodType<CreateHourCodesRequest>;

export const hourCodeBatchesSchema = z.strictObject({ projectId: id }) satisfies z.ZodType<HourCodeBatchesRequest>;

export const hourCodesSchema = z.strictObject({
  codeBatchId: id,
  afterSerial: z.number().int().min(0).max(MAX_HOUR_CODES).optional(),
}) satisfies z.ZodType<HourCodesRequest>;

/** Generous on length (spaces, dashes): normaliseHourCode decides whether it can be a code. */
export const redeemHourCodeSchema = z.strictObject({ code: z.string().min(1).max(40) }) satisfies z.ZodType<RedeemHourCodeRequest>;
