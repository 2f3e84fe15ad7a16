// Request shapes of the inbox actions, each `satisfies` its contract in typings/inbox.ts (no casts).
import * as z from 'zod';
import type { ListInboxRequest, MarkReadRequest } from '../../typings/inbox';
import { MAX_PAGE_SIZE } from './rules';
import { MARK_BATCH } from './store';

export const listSchema = z.strictObject({
  before: z.iso.datetime({ offset: true }).optional(),
  limit: z.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
}) satisfies z.ZodType<ListInboxRequest>;

export const markReadSchema = z.strictObject({
  ids: z.array(z.string().min(1).max(200)).max(MARK_BATCH).optional(),
}) satisfies z.ZodType<MarkReadRequest>;
