// The inbox's reads and writes. Every query pins recipientUserId to the caller (indexes recipient_createdAt_id and
// recipient_readAt); nothing in the event can widen it.
import type { Database } from '../_shared/db/db';
import { PAGE } from '../_shared/db/paging';
import type { NotificationDoc } from '../_shared/documents/notification';

/** Functions get at most 100 documents per query: mark read in batches of that size. */
export const MARK_BATCH = PAGE;
/** Marking everything read stops after this many batches; the rest is marked on the next call. */
const MAX_BATCHES = 50;

const notifications = (db: Database) => db.collection('notifications');

/** Newest first, `limit` of them created before `before` (if given). */
export async function newestFirst(db: Database, recipientUserId: string, limit: number, before?: Date): Promise<NotificationDoc[]> {
  const where: Record<string, unknown> = { recipientUserId };
  if (before) where.createdAt = db.command.lt(before);
  const found = (await notifications(db).where(where).orderBy('createdAt', 'desc').limit(limit).get()) as unknown as { data: NotificationDoc[] };
  return found.data;
}

/** Someone else's id matches nothing: the recipient is part of the condition, never taken from the request. */
export async function markIdsRead(db: Database, recipientUserId: string, ids: string[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await notifications(db)
    .where({ _id: db.command.in(ids), recipientUserId, readAt: null })
    .update({ data: { readAt: now } });
}

export async function markAllRead(db: Database, recipientUserId: string, now: Date): Promise<void> {
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const unread = (await notifications(db).where({ recipientUserId, readAt: null }).field({ _id: true }).limit(MARK_BATCH).get()) as unknown as {
      data: Array<{ _id: string }>;
    };
    if (unread.data.length === 0) break;
    await markIdsRead(db, recipientUserId, unread.data.map((d) => d._id), now);
    if (unread.data.length < MARK_BATCH) break;
  }
}
