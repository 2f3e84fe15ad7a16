// The pure rules of the inbox: page sizes, and cutting a newest-first page so paging by instant skips nothing.
import { asDate } from '../_shared/documents/dates';
import type { NotificationDoc } from '../_shared/documents/notification';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 50;

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
