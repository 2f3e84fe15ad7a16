import { unreadBadgeText } from './unread';

test('the badge: hidden at zero (or nonsense), the count up to 99, then 99+', () => {
  expect(unreadBadgeText(0)).toBe('');
  expect(unreadBadgeText(-1)).toBe('');
  expect(unreadBadgeText(Number.NaN)).toBe('');
  expect(unreadBadgeText(1)).toBe('1');
  expect(unreadBadgeText(99)).toBe('99');
  expect(unreadBadgeText(100)).toBe('99+');
});
