import type { NotificationView } from '../../../typings/inbox';
import { initialState, linkTarget, markedRead, markedUnread, timeText, withPage } from './view-model';

const NOW = new Date('2026-06-15T02:00:00Z'); // 10:00 in Shanghai

function note(id: string, createdAt: string, read = false, link?: string): NotificationView {
  return { id, kind: 'org.reviewed', title: `标题${id}`, body: `内容${id}`, createdAt, read, ...(link ? { link } : {}) };
}

test('times: today as HH:mm, earlier days with the date, in Asia/Shanghai', () => {
  expect(timeText('2026-06-15T01:30:00.000Z', NOW)).toBe('09:30');
  expect(timeText('2026-06-14T15:59:00.000Z', NOW)).toBe('2026-06-14 23:59');
});

test('pages append, skip duplicates, and remember where the next page starts', () => {
  let s = withPage(initialState, { items: [note('a', '2026-06-15T01:00:00Z'), note('b', '2026-06-14T01:00:00Z', true)], unread: 3, nextBefore: '2026-06-14T01:00:00Z' }, NOW, true);
  expect(s).toMatchObject({ status: 'ready', unread: 3, nextBefore: '2026-06-14T01:00:00Z' });
  expect(s.items.map((i) => [i.id, i.read])).toEqual([['a', false], ['b', true]]);
  s = withPage(s, { items: [note('b', '2026-06-14T01:00:00Z', true), note('c', '2026-06-13T01:00:00Z')], unread: 3 }, NOW, false);
  expect(s.items.map((i) => i.id)).toEqual(['a', 'b', 'c']);
  expect(s.nextBefore).toBeUndefined();
  // A fresh first page replaces the list.
  expect(withPage(s, { items: [], unread: 0 }, NOW, true).items).toEqual([]);
});

test('marking read: some ids, or everything', () => {
  const s = withPage(initialState, { items: [note('a', '2026-06-15T01:00:00Z'), note('b', '2026-06-15T01:00:00Z'), note('c', '2026-06-15T01:00:00Z', true)], unread: 2 }, NOW, true);
  const one = markedRead(s, ['a', 'c']);
  expect(one.items.map((i) => i.read)).toEqual([true, false, true]);
  expect(one.unread).toBe(1);
  const all = markedRead(s);
  expect(all.items.every((i) => i.read)).toBe(true);
  expect(all.unread).toBe(0);
});

test('links: our pages only; tab pages by switchTab without their query', () => {
  expect(linkTarget('/org/home/index?orgId=o1')).toEqual({ method: 'navigateTo', url: '/org/home/index?orgId=o1' });
  expect(linkTarget('/pages/me/index?x=1')).toEqual({ method: 'switchTab', url: '/pages/me/index' });
  expect(linkTarget('')).toBeUndefined();
  expect(linkTarget('https://example.com')).toBeUndefined();
  expect(linkTarget('/pages/gone/index?x=1')).toBeUndefined(); // a page no longer declared
});

test('a failed mark puts the one message back to unread, once', () => {
  const s = withPage(initialState, { items: [note('a', '2026-06-15T01:00:00Z'), note('b', '2026-06-15T01:00:00Z')], unread: 2 }, NOW, true);
  const read = markedRead(s, ['a']);
  const back = markedUnread(read, 'a');
  expect(back.items.map((i) => i.read)).toEqual([false, false]);
  expect(back.unread).toBe(2);
  expect(markedUnread(back, 'a')).toBe(back); // already unread: unchanged
  expect(markedUnread(back, 'gone')).toBe(back);
});
