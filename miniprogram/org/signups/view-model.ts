// 报名管理 (one shift), pure: places held and the waitlist, the sign-ups with status and reason (names masked), which
// are pending and may be chosen for a bulk decision, and which may be removed.
import type { SignupStatus } from '../../../typings/project';
import type { RosterEntry, ShiftSignupsResponse } from '../../../typings/signup';
import { stillRecruiting } from '../../common/shift-matching';
import { shanghaiClock } from '../../domain/calendar';

export interface RosterRow {
  signupId: string;
  name: string;
  volunteerNo: string;
  statusText: string;
  reason: string;
  pending: boolean;
  removable: boolean;
  chosen: boolean;
}

export interface OrgSignupsState {
  status: 'loading' | 'error' | 'ready';
  message: string;
  shiftId: string;
  title: string;
  timeText: string;
  placesText: string;
  rows: RosterRow[];
  nextCursor?: string;
  reason: string;
  busy: boolean;
  exportUrl: string;
  /** 推荐志愿者: the shift still recruits with places left (common/shift-matching, as on 项目详情). */
  canSuggest: boolean;
  /** 排班助手: the shift's series, while the shift still recruits; '' otherwise. */
  seriesId: string;
}

export const initialState: OrgSignupsState = {
  status: 'loading',
  message: '',
  shiftId: '',
  title: '',
  timeText: '',
  placesText: '',
  rows: [],
  reason: '',
  busy: false,
  exportUrl: '',
  canSuggest: false,
  seriesId: '',
};

const LABELS: Record<SignupStatus, string> = {
  confirmed: '已确认',
  pending: '待审核',
  waitlisted: '候补',
  offered: '候补待确认',
  declined: '未通过',
  removed: '已移出',
  withdrawn: '已取消',
  expired: '已顺延',
};

const REMOVABLE: readonly SignupStatus[] = ['confirmed', 'pending', 'waitlisted', 'offered'];

export function rowOf(e: RosterEntry, chosen = false): RosterRow {
  // placeConfirmedAt: the volunteer answered the 24-hour reminder with 确认参加 (signup.confirmPlace).
  const extra = [e.waitlistPosition ? `第 ${e.waitlistPosition} 位` : '', e.late ? '迟退' : '', e.noShow ? '未到' : '', e.placeConfirmedAt ? '本人已确认参加' : ''].filter(Boolean).join('，');
  return {
    signupId: e.signupId,
    name: e.nameMasked,
    volunteerNo: e.volunteerNo,
    statusText: extra ? `${LABELS[e.status]}（${extra}）` : LABELS[e.status],
    reason: e.reason,
    pending: e.status === 'pending',
    removable: REMOVABLE.includes(e.status),
    chosen: chosen && e.status === 'pending',
  };
}

export function withPage(state: OrgSignupsState, page: ShiftSignupsResponse, now: Date, first: boolean): OrgSignupsState {
  const start = shanghaiClock(Date.parse(page.shift.startsAt));
  const end = shanghaiClock(Date.parse(page.shift.endsAt));
  const rows = page.items.map((e) => rowOf(e, state.rows.find((r) => r.signupId === e.signupId)?.chosen ?? false));
  const canSuggest = stillRecruiting({ ...page.shift, placesLeft: page.shift.places - page.placesTaken }, now);
  return {
    ...state,
    status: 'ready',
    message: '',
    title: page.shift.projectTitle,
    timeText: `${start.format('M月D日 HH:mm')}–${end.format('HH:mm')}`,
    placesText: `已占 ${page.placesTaken}/${page.shift.places} 个名额，候补 ${page.waitlisted} 人${page.shift.cancelled ? '（班次已取消）' : ''}`,
    rows: first ? rows : [...state.rows, ...rows],
    canSuggest,
    seriesId: canSuggest ? (page.shift.seriesId ?? '') : '',
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : { nextCursor: undefined }),
  };
}

export function chosenIds(state: OrgSignupsState): string[] {
  return state.rows.filter((r) => r.chosen).map((r) => r.signupId);
}

export function toggled(state: OrgSignupsState, signupId: string): RosterRow[] {
  return state.rows.map((r) => (r.signupId === signupId && r.pending ? { ...r, chosen: !r.chosen } : r));
}
