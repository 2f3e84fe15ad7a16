// 我的报名's 签到签退: shown for a confirmed sign-up from 3 hours before its shift to 2 hours after, never otherwise.
import type { SignupView } from '../../../typings/signup';
import { CHECKIN_BUTTON_AFTER_MS, CHECKIN_BUTTON_BEFORE_MS, itemOf } from './view-model';

const start = Date.parse('2026-12-05T01:00:00Z');
const end = Date.parse('2026-12-05T03:30:00Z');
const view = (over: Partial<SignupView> = {}): SignupView => ({
  signupId: 's1',
  shiftId: 'p1-0',
  projectId: 'p1',
  projectTitle: '社区助老',
  orgName: '鼓楼区志愿者协会',
  status: 'confirmed',
  reason: '报名成功',
  startsAt: new Date(start).toISOString(),
  endsAt: new Date(end).toISOString(),
  ...over,
});

test.each([
  ['just before the button appears', start - CHECKIN_BUTTON_BEFORE_MS - 1, false],
  ['as it appears', start - CHECKIN_BUTTON_BEFORE_MS, true],
  ['during the shift', start + 60_000, true],
  ['as it goes', end + CHECKIN_BUTTON_AFTER_MS, true],
  ['just after', end + CHECKIN_BUTTON_AFTER_MS + 1, false],
])('a confirmed sign-up %s: 签到签退 %s', (_, at, shown) => {
  expect(itemOf(view(), new Date(at)).canCheckIn).toBe(shown);
});

test.each(['pending', 'waitlisted', 'offered', 'withdrawn', 'removed'] as const)('a %s sign-up never shows 签到签退', (status) => {
  expect(itemOf(view({ status }), new Date(start)).canCheckIn).toBe(false);
});
