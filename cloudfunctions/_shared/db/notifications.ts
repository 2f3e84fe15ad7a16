// Reads of the notifications collection more than one function makes: 消息's badge is answered by inbox.unread and,
// so that 我的 renders from one call, by user.session.
import type { Database } from './db';

/** The recipient's unread notifications (index recipient_readAt). */
export async function unreadCount(db: Database, recipientUserId: string): Promise<number> {
  const res = (await db.collection('notifications').where({ recipientUserId, readAt: null }).count()) as unknown as { total: number };
  return res.total;
}
