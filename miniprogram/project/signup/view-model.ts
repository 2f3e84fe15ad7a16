// 报名 page, pure: the shifts to choose from with their places, the password field when the project asks for one,
// and the server's decision with its reason in the volunteer's words; opened from an invitation, its banner.
import type { InvitationView } from '../../../typings/match';
import type { SignupStatus } from '../../../typings/project';
import type { ShiftOption, SignupOptionsResponse, SignupView } from '../../../typings/signup';
import { shanghaiClock } from '../../domain/calendar';

export interface ShiftRow {
  shiftId: string;
  timeText: string;
  placesText: string;
  /** The caller's sign-up for this shift, in words, if any. */
  mineText: string;
  canSignUp: boolean;
  canAccept: boolean;
  signupId: string;
}

export interface Decision {
  statusLabel: string;
  reason: string;
  /** good: a place is mine; wait: pending or in line; bad: refused. */
  tone: 'good' | 'wait' | 'bad';
}

export interface SignupPageState {
  status: 'loading' | 'error' | 'ready';
  message: string;
  title: string;
  orgName: string;
  needsPassword: boolean;
  approvalText: string;
  cutoffText: string;
  shifts: ShiftRow[];
  selectedShiftId: string;
  password: string;
  submitting: boolean;
  decision: Decision | null;
}

export const initialState: SignupPageState = {
  status: 'loading',
  message: '',
  title: '',
  orgName: '',
  needsPassword: false,
  approvalText: '',
  cutoffText: '',
  shifts: [],
  selectedShiftId: '',
  password: '',
  submitting: false,
  decision: null,
};

const STATUS_LABELS: Record<SignupStatus, string> = {
  pending: '待审核',
  confirmed: '报名成功',
  waitlisted: '候补中',
  offered: '候补名额待确认',
  declined: '未通过',
  removed: '已被移出',
  withdrawn: '已取消',
  expired: '已顺延',
};

export function statusLabel(status: SignupStatus): string {
  return STATUS_LABELS[status];
}

export function shiftTimeText(startsAt: string, endsAt: string): string {
  const start = shanghaiClock(Date.parse(startsAt));
  const end = shanghaiClock(Date.parse(endsAt));
  const sameDay = start.format('YYYY-MM-DD') === end.format('YYYY-MM-DD');
  return `${start.format('M月D日 HH:mm')}–${end.format(sameDay ? 'HH:mm' : 'M月D日 HH:mm')}`;
}

function mineText(mine: SignupView | undefined): string {
  if (!mine) return '';
  if (mine.status === 'waitlisted' && mine.waitlistPosition) return `候补第 ${mine.waitlistPosition} 位`;
  return statusLabel(mine.status);
}

const OPEN_AGAIN: readonly SignupStatus[] = ['withdrawn', 'expired'];

export function shiftRow(s: ShiftOption): ShiftRow {
  const places = s.cancelled ? '已取消' : s.placesLeft > 0 ? `剩余 ${s.placesLeft}/${s.places} 个名额` : `已满${s.waitlisted ? `，${s.waitlisted} 人候补` : ''}，可报名候补`;
  return {
    shiftId: s.shiftId,
    timeText: shiftTimeText(s.startsAt, s.endsAt),
    placesText: places,
    mineText: mineText(s.mine),
    canSignUp: !s.cancelled && (!s.mine || OPEN_AGAIN.includes(s.mine.status)),
    canAccept: s.mine?.status === 'offered',
    signupId: s.mine?.signupId ?? '',
  };
}

const APPROVAL_TEXT = { automatic: '报名后即时确认', rules: '曾参加过该组织活动的志愿者自动通过，其他人需审核', manual: '报名后需组织管理员审核' } as const;

export function withOptions(state: SignupPageState, o: SignupOptionsResponse, preferredShiftId?: string): SignupPageState {
  const shifts = o.shifts.map(shiftRow);
  const selectable = shifts.filter((s) => s.canSignUp);
  const selected = selectable.find((s) => s.shiftId === preferredShiftId) ?? selectable.find((s) => s.shiftId === state.selectedShiftId) ?? selectable[0];
  return {
    ...state,
    status: 'ready',
    message: '',
    title: o.title,
    orgName: o.orgName,
    needsPassword: o.scope === 'password',
    approvalText: APPROVAL_TEXT[o.approvalMode],
    cutoffText: `班次开始前 ${o.cancelCutoffHours} 小时内取消将记为迟退`,
    shifts,
    selectedShiftId: selected?.shiftId ?? '',
  };
}

export function decisionOf(view: SignupView): Decision {
  const tone = view.status === 'confirmed' ? 'good' : view.status === 'pending' || view.status === 'waitlisted' || view.status === 'offered' ? 'wait' : 'bad';
  const position = view.status === 'waitlisted' && view.waitlistPosition ? `（当前第 ${view.waitlistPosition} 位）` : '';
  return { statusLabel: statusLabel(view.status), reason: view.reason + (view.reason.includes('当前第') ? '' : position), tone };
}

export function refusalOf(message: string): Decision {
  return { statusLabel: '未能报名', reason: message, tone: 'bad' };
}

/** The banner of an invitation (match.invited's link carries its id): who invites me and whether it still stands. */
export interface InvitationBanner {
  state: InvitationView['state'];
  text: string;
}

export function invitationBannerOf(v: InvitationView): InvitationBanner {
  const when = shiftTimeText(v.startsAt, v.endsAt);
  const text =
    v.state === 'open'
      ? `「${v.orgName}」邀请你参加「${v.projectTitle}」${when} 的服务，班次已为你选好，点“报名”即可`
      : v.state === 'accepted'
        ? `你已接受邀请，已报名 ${when} 的班次`
        : `邀请已失效：${when} 的班次已开始、已满员或已取消`;
  return { state: v.state, text };
}
