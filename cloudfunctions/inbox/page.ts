// Pure parts of the inbox: a stored notification as a person sees it, and cutting a newest-first page.
import type { NotificationView } from '../../typings/inbox';
import type { NotificationDoc } from '../_shared/outbox';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 50;

const asDate = (v: Date | string): Date => (v instanceof Date ? v : new Date(v));

export function notificationView(doc: NotificationDoc): NotificationView {
  return {
    id: doc._id,
    kind: doc.kind,
    title: doc.title,
    body: doc.body,
    ...(doc.link ? { link: doc.link } : {}),
    createdAt: asDate(doc.createdAt).toISOString(),
    read: doc.readAt !== null && doc.readAt !== undefined,
  };
}

/**
 * `docs` are newest first, up to `limit + 1` of them (one more than the page, to know whether another page
 * follows). The next page asks for items created strictly before `nextBefore`, the instant of the page's last
 * item. When the item after the page shares the instant of the page's last items, those items move to the next
 * page too, so paging by instant never skips a notification. Only when more than a whole page shares one
 * instant does paging fall back to skipping the rest of that instant.
 */
export function cutPage(docs: NotificationDoc[], limit: number): { page: NotificationDoc[]; nextBefore?: string } {
  if (docs.length <= limit) return { page: docs };
  const boundary = asDate(docs[limit].createdAt).getTime();
  let end = limit;
  while (end > 0 && asDate(docs[end - 1].createdAt).getTime() === boundary) end--;
  if (end === 0) return { page: docs.slice(0, limit), nextBefore: new Date(boundary).toISOString() };
  const last = asDate(docs[end - 1].createdAt).getTime();
  return { page: docs.slice(0, end), nextBefore: new Date(last).toISOString() };
}
