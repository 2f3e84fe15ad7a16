// 签到签退 (?shiftId=…): what the volunteer sees after a scan, a sync, and of today's sessions. Pure.
import type { SessionView } from '../../../typings/attendance';
import { shanghaiClock } from '../../domain/calendar';
import { formatHours } from '../../common/service-hours';

export interface SessionRow {
  sessionId: string;
  title: string;
  stateText: string;
  timesText: string;
  hoursText: string;
  missing: boolean;
}

export type Banner = { kind: 'ok' | 'queued' | 'refused'; title: string; detail: string } | null;

const HHMM = (iso: string) => shanghaiClock(Date.parse(iso)).format('HH:mm');
const STATE_TEXT: Record<SessionView['state'], string> = { checkedIn: '已签到', checkedOut: '已签退', missingCheckout: '未签退 · 待组织确认' };

export function sessionRow(s: SessionView): SessionRow {
  return {
    sessionId: s.sessionId,
    title: s.projectTitle,
    stateText: STATE_TEXT[s.state],
    timesText: `${HHMM(s.checkedInAt)} – ${s.checkedOutAt ? HHMM(s.checkedOutAt) : '进行中'}`,
    hoursText: s.minutes !== undefined ? `${formatHours(s.minutes)} 小时` : '',
    missing: s.state === 'missingCheckout',
  };
}

export function resultBanner(action: 'checkIn' | 'checkOut', outcome: { ok: true; data: SessionView } | { ok: false; error: { code: string; message: string } }): Banner {
  if (outcome.ok) {
    const s = outcome.data;
    if (action === 'checkIn') return { kind: 'ok', title: '签到成功', detail: `「${s.projectTitle}」${HHMM(s.checkedInAt)} 签到` };
    return { kind: 'ok', title: '签退成功', detail: `「${s.projectTitle}」本次计 ${formatHours(s.minutes ?? 0)} 小时` };
  }
  return { kind: 'refused', title: action === 'checkIn' ? '签到未成功' : '签退未成功', detail: outcome.error.message };
}

export function queuedBanner(count: number): Banner {
  return { kind: 'queued', title: '已离线保存', detail: `当前无网络，已保存 ${count} 条扫码记录，联网后自动同步，按扫码时间计` };
}

export function queuedText(count: number): string {
  return count > 0 ? `待同步 ${count} 条扫码记录` : '';
}
