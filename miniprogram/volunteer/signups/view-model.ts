// 我的报名, pure: my sign-ups upcoming or past, each with its status in words and its reason; which may be withdrawn,
// and whether withdrawing now would be recorded as late.
import type { SignupStatus } from '../../../typings/project';
import type { MySignupsResponse, SignupView } from '../../../typings/signup';
import { shanghaiClock } from '../../domain/calendar';

export type Tab = 'upcoming' | 'past';

export interface SignupItem {
  signupId: string;
  projectId: string;
  shiftId: string;
  title: string;
  orgName: string;
  timeText: string;
  statusText: string;
  tone: 'good' | 'wait' | 'bad' | 'off';
  reason: string;
  canWithdraw: boolean;
  canAccept: boolean;
  /** Confirmed and the shift is about to start, under way or just ended: 签到签退 opens the scanner for it. */
  canCheckIn: boolean;
  /** A withdrawal now would be late (after the cut-off). */
  lateIfWithdrawn: boolean;
}

export interface MySignupsState {
  status: 'loading' | 'error' | 'ready';
  message: string;
  tab: Tab;
  items: SignupItem[];
  nextCursor?: string;
  loadingMore: boolean;
  busyId: string;
}

export const initialState: MySignupsState = { status: 'loading', message: '', tab: 'upcoming', items: [], loadingMore: false, busyId: '' };

const LABELS: Record<SignupStatus, [string, SignupItem['tone']]> = {
  confirmed: ['报名成功', 'good'],
  pending: ['待审核', 'wait'],
  waitlisted: ['候补中', 'wait'],
  offered: ['候补名额待确认', 'wait'],
  declined: ['未通过', 'bad'],
  removed: ['已被移出', 'bad'],
  withdrawn: ['已取消', 'off'],
  expired: ['已顺延', 'off'],
};

const WITHDRAWABLE: readonly SignupStatus[] = ['confirmed', 'pending', 'waitlisted', 'offered'];

const HOUR_MS = 3_600_000;
/**
 * When 签到签退 shows: from 3 hours before the start to 2 hours after the end, wider than any project's check-in margin
 * (the attendance function decides the real window and says why when a scan is outside it).
 */
export const CHECKIN_BUTTON_BEFORE_MS = 3 * HOUR_MS;
export const CHECKIN_BUTTON_AFTER_MS = 2 * HOUR_MS;

export function timeText(startsAt: string, endsAt: string): string {
  const start = shanghaiClock(Date.parse(startsAt));
  const end = shanghaiClock(Date.parse(endsAt));
  const sameDay = start.format('YYYY-MM-DD') === end.format('YYYY-MM-DD');
  return `${start.format('M月D日 HH:mm')}–${end.format(sameDay ? 'HH:mm' : 'M月D日 HH:mm')}`;
}

export function itemOf(v: SignupView, now: Date): SignupItem {
  const [label, tone] = LABELS[v.status];
  const ended = Date.parse(v.endsAt) <= now.getTime();
  return {
    signupId: v.signupId,
    projectId: v.projectId,
    shiftId: v.shiftId,
    title: v.projectTitle,
    orgName: v.orgName,
    timeText: timeText(v.startsAt, v.endsAt),
    statusText: v.status === 'waitlisted' && v.waitlistPosition ? `候补第 ${v.waitlistPosition} 位` : v.status === 'withdrawn' && v.late ? '已取消（迟退）' : label,
    tone,
    reason: v.reason,
    canWithdraw: !ended && WITHDRAWABLE.includes(v.status),
    canAccept: v.status === 'offered',
    canCheckIn:
      v.status === 'confirmed' &&
      now.getTime() >= Date.parse(v.startsAt) - CHECKIN_BUTTON_BEFORE_MS &&
      now.getTime() <= Date.parse(v.endsAt) + CHECKIN_BUTTON_AFTER_MS,
    lateIfWithdrawn: v.lateAfter !== undefined && now.getTime() > Date.parse(v.lateAfter),
  };
}

export function withPage(state: MySignupsState, page: MySignupsResponse, now: Date, first: boolean): MySignupsState {
  const items = page.items.map((v) => itemOf(v, now));
  return {
    ...state,
    status: 'ready',
    message: '',
    items: first ? items : [...state.items, ...items],
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : { nextCursor: undefined }),
    loadingMore: false,
  };
}

/** What the confirm dialog says before a withdrawal (条例 Art. 22: the organization is told). */
export function withdrawPrompt(item: SignupItem): { title: string; content: string } {
  return item.lateIfWithdrawn
    ? { title: '确认迟退？', content: `距「${item.title}」开始已不足取消截止时间，现在取消将记为迟退，组织方会收到通知。` }
    : { title: '取消报名？', content: `取消「${item.title}」${item.timeText}的报名，名额将让给候补志愿者，组织方会收到通知。` };
}
