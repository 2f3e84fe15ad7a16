// Request shapes of the attendance actions, each `satisfies` its contract in typings/attendance.ts (no casts).
import * as z from 'zod';
import type {
  AttendanceSettingsRequest,
  CardCheckRequest,
  DashboardRequest,
  ManualCheckRequest,
  MarkAbsentRequest,
  MySessionsRequest,
  OpenStationRequest,
  StationScanRequest,
} from '../../typings/attendance';
import { MAX_MARGIN_MINUTES, MAX_PAIRS_PER_DAY } from './rules';

const id = z.string().min(1).max(128);
export const MAX_REASON_CHARS = 200;

export const settingsSchema = z.strictObject({
  projectId: id,
  marginMinutes: z.number().int().min(0).max(MAX_MARGIN_MINUTES).optional(),
  walkInsAllowed: z.boolean().optional(),
  pairsPerDay: z.number().int().min(1).max(MAX_PAIRS_PER_DAY).optional(),
}) satisfies z.ZodType<AttendanceSettingsRequest>;

export const openStationSchema = z.strictObject({ shiftId: id }) satisfies z.ZodType<OpenStationRequest>;

export const scanSchema = z.strictObject({
  token: z.string().min(1).max(200),
  scannedAt: z.iso.datetime({ offset: true }).optional(),
  location: z.strictObject({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }).optional(),
  shiftId: id.optional(),
}) satisfies z.ZodType<StationScanRequest>;

const intent = z.enum(['checkIn', 'checkOut']);
export const cardCheckSchema = z.strictObject({ shiftId: id, cardPayload: z.string().min(1).max(200), intent }) satisfies z.ZodType<CardCheckRequest>;
export const manualCheckSchema = z.strictObject({ shiftId: id, volunteerId: id, intent, reason: z.string().max(MAX_REASON_CHARS) }) satisfies z.ZodType<ManualCheckRequest>;
export const mySessionsSchema = z.strictObject({ shiftId: id.optional() }) satisfies z.ZodType<MySessionsRequest>;
export const dashboardSchema = z.strictObject({ shiftId: id }) satisfies z.ZodType<DashboardRequest>;
export const markAbsentSchema = z.strictObject({ signupId: id }) satisfies z.ZodType<MarkAbsentRequest>;
