// 签到看板 (?shiftId=…): the day-of view of a shift for its organization. Pure.
import type { AttendeeRow, AttendeeState, DashboardResponse } from '../../../typings/attendance';
import { shanghaiClock } from '../../domain/calendar';
import { formatHours } from '../../common/service-hours';

export interface RowView {
  key: string;
  name: string;
  volunteerNo: string;
  stateText: string;
  tone: 'ok' | 'warn' | 'muted';
  timesText: string;
  signupId: string;
  /** 标记未到 is offered on this row. */
  markable: boolean;
}

export type BoardView =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | {
      kind: 'ready';
      title: string;
      whenText: string;
      counts: Array<{ label: string; value: number; id: string }>;
      rows: RowView[];
      /** '' when the project checks the location; else says that scans were not located. */
      locationText: string;
    };

const HHMM = (iso: string) => shanghaiClock(Date.parse(iso)).format('HH:mm');

const STATE: Record<AttendeeState, { text: string; tone: RowView['tone'] }> = {
  expected: { text: '未签到', tone: 'warn' },
  noShow: { text: '已标记未到', tone: 'muted' },
  missingCheckout: { text: '未签退', tone: 'warn' },
  checkedIn: { text: '已签到', tone: 'ok' },
  walkIn: { text: '现场加入', tone: 'ok' },
  checkedOut: { text: '已签退', tone: 'ok' },
};

export function rowView(r: AttendeeRow, markable: boolean): RowView {
  const times = r.checkedInAt ? `${HHMM(r.checkedInAt)} – ${r.checkedOutAt ? HHMM(r.checkedOutAt) : '进行中'}` : '';
  const hours = r.minutes !== undefined ? ` · ${formatHours(r.minutes)} 小时` : '';
  return {
    key: r.volunteerId || r.signupId || r.volunteerNo,
    name: r.name,
    volunteerNo: r.volunteerNo,
    stateText: STATE[r.state].text,
    tone: STATE[r.state].tone,
    timesText: times + hours,
    signupId: r.signupId ?? '',
    markable: markable && r.state === 'expected' && r.signupId !== undefined,
  };
}

export function boardView(d: DashboardResponse): BoardView {
  const start = shanghaiClock(Date.parse(d.startsAt));
  return {
    kind: 'ready',
    title: d.projectTitle,
    whenText: `${start.format('MM-DD HH:mm')}–${HHMM(d.endsAt)}`,
    counts: [
      { id: 'expected', label: '应到', value: d.counts.expected },
      { id: 'checked-in', label: '在场', value: d.counts.checkedIn },
      { id: 'checked-out', label: '已签退', value: d.counts.checkedOut },
      { id: 'missing', label: '未到', value: d.counts.missing },
    ],
    rows: d.rows.map((r) => rowView(r, d.noShowMarkable)),
    locationText: d.locationChecked ? '' : '本项目未开启签到范围：扫码签到、签退未核验位置；离线扫码的时长记录需组织确认',
  };
}
