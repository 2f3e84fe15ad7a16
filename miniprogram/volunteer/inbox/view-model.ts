// 消息: pages of notifications → the list the page shows; read state changed locally as soon as the person acts.
import type { ListInboxResponse, NotificationView } from '../../../typings/inbox';
import { TAB_ROUTES, routeOf } from '../../domain/routes';
import { shanghaiClock, shanghaiDateTime } from '../../domain/calendar';

export const PAGE_SIZE = 20;

export interface InboxItem {
  id: string;
  title: string;
  body: string;
  timeText: string;
  read: boolean;
  link: string;
}

export interface InboxState {
  status: 'loading' | 'error' | 'ready';
  message: string;
  items: InboxItem[];
  unread: number;
  /** Absent when the last page is loaded. */
  nextBefore?: string;
  loadingMore: boolean;
}

export const initialState: InboxState = { status: 'loading', message: '', items: [], unread: 0, loadingMore: false };

/** Today's messages show the time only; older ones the date too. */
export function timeText(iso: string, now: Date): string {
  const at = shanghaiDateTime(iso);
  const today = shanghaiClock(now).format('YYYY-MM-DD');
  return at.slice(0, 10) === today ? at.slice(11) : at;
}

export function toItem(n: NotificationView, now: Date): InboxItem {
  return { id: n.id, title: n.title, body: n.body, timeText: timeText(n.createdAt, now), read: n.read, link: n.link ?? '' };
}

/** A page appended to what is shown; an item seen twice (a message arrived while paging) is kept once. */
export function withPage(state: InboxState, page: ListInboxResponse, now: Date, first: boolean): InboxState {
  const existing = first ? [] : state.items;
  const seen = new Set(existing.map((i) => i.id));
  const added = page.items.filter((n) => !seen.has(n.id)).map((n) => toItem(n, now));
  const next: InboxState = { status: 'ready', message: '', items: [...existing, ...added], unread: page.unread, loadingMore: false };
  if (page.nextBefore) next.nextBefore = page.nextBefore;
  return next;
}

/** Marks these ids (or, without ids, everything) read on screen. */
export function markedRead(state: InboxState, ids?: string[]): InboxState {
  let newlyRead = 0;
  const items = state.items.map((i) => {
    if (i.read || (ids && !ids.includes(i.id))) return i;
    newlyRead += 1;
    return { ...i, read: true };
  });
  return { ...state, items, unread: ids ? Math.max(state.unread - newlyRead, 0) : 0 };
}

/** Puts one item back to unread on screen (its markRead failed). */
export function markedUnread(state: InboxState, id: string): InboxState {
  const item = state.items.find((i) => i.id === id);
  if (!item || !item.read) return state;
  return { ...state, items: state.items.map((i) => (i.id === id ? { ...i, read: false } : i)), unread: state.unread + 1 };
}

/** How to open a notification's link: tab pages with switchTab, the rest with navigateTo; only pages declared in domain/routes. */
export function linkTarget(link: string): { method: 'switchTab' | 'navigateTo'; url: string } | undefined {
  const path = routeOf(link);
  if (!path) return undefined;
  return TAB_ROUTES.includes(path) ? { method: 'switchTab', url: path } : { method: 'navigateTo', url: link };
}
