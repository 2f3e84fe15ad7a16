// Request shapes of the notify actions, each `satisfies` its contract in typings/notify.ts (no casts).
import * as z from 'zod';
import type { NotificationKind } from '../../typings/inbox';
import type { DeliveryReportRequest, ReportSubscriptionsRequest, RequeueRequest, SavePreferencesRequest, SubscribeTemplatesRequest } from '../../typings/notify';
import { ALL_KINDS } from '../_shared/messages/kinds';

const moment = z.enum(['signup', 'checkin', 'certificate']);

export const subscribeTemplatesSchema = z.strictObject({ moment }) satisfies z.ZodType<SubscribeTemplatesRequest>;

/** wx.requestSubscribeMessage asks for at most 3 templates, so an answer names at most 3. */
export const reportSubscriptionsSchema = z.strictObject({
  moment,
  answers: z
    .record(z.string().min(1).max(128), z.enum(['accept', 'reject', 'ban', 'filter']))
    .refine((a) => Object.keys(a).length >= 1 && Object.keys(a).length <= 3, { message: '订阅结果应包含 1 至 3 个模板' }),
}) satisfies z.ZodType<ReportSubscriptionsRequest>;

const clock = z.string().max(5);

export const savePreferencesSchema = z.strictObject({
  off: z
    .array(z.enum(ALL_KINDS as [NotificationKind, ...NotificationKind[]]))
    .max(ALL_KINDS.length * 2)
    .optional(),
  quietHours: z.strictObject({ start: clock, end: clock }).nullable().optional(),
  recommendations: z.boolean().optional(),
}) satisfies z.ZodType<SavePreferencesRequest>;

export const REPORT_PAGE = 50;

export const deliveryReportSchema = z.strictObject({
  before: z.iso.datetime({ offset: true }).optional(),
  dropped: z.boolean().optional(),
}) satisfies z.ZodType<DeliveryReportRequest>;

export const requeueSchema = z.strictObject({
  ids: z.array(z.string().min(1).max(400)).min(1).max(100),
}) satisfies z.ZodType<RequeueRequest>;
