// inbox.markRead — the given ids (only the caller's own count), or everything unread; answers the new unread count.
import { userIdOf } from '../_shared/documents/ids';
import { action } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { markReadSchema } from './schemas';
import { unreadCount } from '../_shared/db/notifications';
import { markAllRead, markIdsRead } from './store';

export const markRead = action('inbox', 'markRead', markReadSchema, async (req, ctx) => {
  const recipientUserId = userIdOf(ctx.caller.openid);
  if (req.ids) await markIdsRead(ctx.db, recipientUserId, [...new Set(req.ids)], ctx.now);
  else await markAllRead(ctx.db, recipientUserId, ctx.now);
  return ok({ unread: await unreadCount(ctx.db, recipientUserId) });
});
