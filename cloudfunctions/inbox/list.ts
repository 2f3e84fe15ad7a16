// inbox.list — 我的 → 消息: the caller's own notifications, newest first, with the unread count.
import { userIdOf } from '../_shared/documents/ids';
import { action } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { cutPage, DEFAULT_PAGE_SIZE } from './rules';
import { listSchema } from './schemas';
import { unreadCount } from '../_shared/db/notifications';
import { newestFirst } from './store';
import { notificationView } from './view';

export const list = action('inbox', 'list', listSchema, async (req, ctx) => {
  const recipientUserId = userIdOf(ctx.caller.openid);
  const limit = req.limit ?? DEFAULT_PAGE_SIZE;
  const [found, unread] = await Promise.all([
    newestFirst(ctx.db, recipientUserId, limit + 1, req.before ? new Date(req.before) : undefined),
    unreadCount(ctx.db, recipientUserId),
  ]);
  const { page, nextBefore } = cutPage(found, limit);
  return ok({ items: page.map(notificationView), unread, ...(nextBefore ? { nextBefore } : {}) });
});
