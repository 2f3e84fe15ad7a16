// inbox.list / inbox.markRead / inbox.unread — 我的 → 消息: the caller's own notifications, never anyone else's.
// Every query pins recipientUserId to the caller (indexes recipient_createdAt and recipient_readAt).
import { z } from 'zod';
import type { ListInboxRequest, ListInboxResponse, MarkReadRequest, MarkReadResponse, UnreadResponse } from '../../typings/inbox';
import { action, noPayload, type ActionContext } from '../_shared/action';
import { ok } from '../_shared/envelope';
import { userIdOf } from '../_shared/ids';
import type { NotificationDoc } from '../_shared/outbox';
import { cutPage, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, notificationView } from './page';

/** Functions get at most 100 documents per query. */
const BATCH = 100;
/** Marking everything read stops after this many batches; the rest is marked on the next call. */
const MAX_BATCHES = 50;

const notifications = (ctx: ActionContext) => ctx.db.collection('notifications');

async function unreadCount(ctx: ActionContext, recipientUserId: string): Promise<number> {
  const res = (await notifications(ctx).where({ recipientUserId, readAt: null }).count()) as unknown as { total: number };
  return res.total;
}

const listSchema = z
  .object({
    before: z.iso.datetime({ offset: true }).optional(),
    limit: z.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
  })
  .strict();

export const list = action<ListInboxRequest, ListInboxResponse>(listSchema, async (req, ctx) => {
  const recipientUserId = userIdOf(ctx.caller.openid);
  const limit = req.limit ?? DEFAULT_PAGE_SIZE;
  const where: Record<string, unknown> = { recipientUserId };
  if (req.before) where.createdAt = ctx.db.command.lt(new Date(req.before));
  const [found, unread] = await Promise.all([
    notifications(ctx).where(where).orderBy('createdAt', 'desc').limit(limit + 1).get() as unknown as Promise<{ data: NotificationDoc[] }>,
    unreadCount(ctx, recipientUserId),
  ]);
  const { page, nextBefore } = cutPage(found.data, limit);
  return ok({ items: page.map(notificationView), unread, ...(nextBefore ? { nextBefore } : {}) });
});

const markSchema = z
  .object({ ids: z.array(z.string().min(1).max(200)).max(BATCH).optional() })
  .strict();

export const markRead = action<MarkReadRequest, MarkReadResponse>(markSchema, async (req, ctx) => {
  const recipientUserId = userIdOf(ctx.caller.openid);
  const _ = ctx.db.command;
  if (req.ids) {
    const ids = [...new Set(req.ids)];
    // Someone else's id matches nothing: the recipient is part of the condition, never taken from the request.
    if (ids.length > 0) {
      await notifications(ctx)
        .where({ _id: _.in(ids), recipientUserId, readAt: null })
        .update({ data: { readAt: ctx.now } });
    }
  } else {
    for (let batch = 0; batch < MAX_BATCHES; batch++) {
      const unread = (await notifications(ctx)
        .where({ recipientUserId, readAt: null })
        .field({ _id: true })
        .limit(BATCH)
        .get()) as unknown as { data: Array<{ _id: string }> };
      if (unread.data.length === 0) break;
      await notifications(ctx)
        .where({ _id: _.in(unread.data.map((d) => d._id)), recipientUserId, readAt: null })
        .update({ data: { readAt: ctx.now } });
      if (unread.data.length < BATCH) break;
    }
  }
  return ok({ unread: await unreadCount(ctx, recipientUserId) });
});


export const unread = action<Record<string, never>, UnreadResponse>(noPayload, async (_req, ctx) =>
  ok({ unread: await unreadCount(ctx, userIdOf(ctx.caller.openid)) }),
);
