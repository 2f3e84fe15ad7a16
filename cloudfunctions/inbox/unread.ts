// inbox.unread — the badge count.
import { userIdOf } from '../_shared/documents/ids';
import { action, noPayload } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { unreadCount } from '../_shared/db/notifications';

export const unread = action('inbox', 'unread', noPayload, async (_req, ctx) => ok({ unread: await unreadCount(ctx.db, userIdOf(ctx.caller.openid)) }));
