import fc from 'fast-check';
import type { NotificationDoc } from '../_shared/documents/notification';
import { cutPage } from './rules';
import { notificationView } from './view';

const doc = (id: string, ms: number, readAt: Date | null = null): NotificationDoc => ({
  _id: id,
  kind: 'org.reviewed',
  recipientUserId: 'u_1',
  title: '组织认证已通过',
  body: '…',
  createdAt: new Date(ms),
  readAt,
  delivery: { state: 'pending', attempts: 0, nextAttemptAt: new Date(ms) },
});

test('a notification as its recipient sees it', () => {
  expect(notificationView(doc('n1', 0))).toEqual({ id: 'n1', kind: 'org.reviewed', title: '组织认证已通过', body: '…', createdAt: '1970-01-01T00:00:00.000Z', read: false });
  expect(notificationView({ ...doc('n2', 0, new Date(5)), link: '/pages/x' })).toMatchObject({ link: '/pages/x', read: true });
});

test('the last page has no nextBefore; a full page points before its last item', () => {
  expect(cutPage([doc('a', 3), doc('b', 2)], 2)).toEqual({ page: [doc('a', 3), doc('b', 2)] });
  const { page, nextBefore } = cutPage([doc('a', 3), doc('b', 2), doc('c', 1)], 2);
  expect(page.map((d) => d._id)).toEqual(['a', 'b']);
  expect(nextBefore).toBe(new Date(2).toISOString());
});

test('items sharing the boundary instant move to the next page together', () => {
  const { page, nextBefore } = cutPage([doc('a', 3), doc('b', 2), doc('c', 2)], 2);
  expect(page.map((d) => d._id)).toEqual(['a']);
  expect(nextBefore).toBe(new Date(3).toISOString());
});

test('property: paging a newest-first list by instant returns every item exactly once', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 60 }), fc.integer({ min: 1, max: 8 }), (instants, limit) => {
      // At most `limit` items per instant: the documented fallback only applies beyond that.
      const counts = new Map<number, number>();
      const kept = instants.filter((ms) => (counts.set(ms, (counts.get(ms) ?? 0) + 1).get(ms) ?? 0) <= limit);
      const all = kept.sort((a, b) => b - a).map((ms, i) => doc(`n${i}`, ms));
      const seen: string[] = [];
      let before = Infinity;
      for (let guard = 0; guard < 200; guard++) {
        const window = all.filter((d) => d.createdAt.getTime() < before).slice(0, limit + 1);
        const { page, nextBefore } = cutPage(window, limit);
        seen.push(...page.map((d) => d._id));
        if (!nextBefore) break;
        before = Date.parse(nextBefore);
      }
      expect(seen).toEqual(all.map((d) => d._id));
    }),
  );
});
