// One service record as a row of 我的时长 and the head of 记录详情: title, how it was made, time, hours, status chip, a note.
import type { RecordDisplayStatus, RecordView } from '../../typings/hours-actions';
import { shanghaiDateTime } from '../domain/calendar';
import { RECORD_SOURCE_LABELS } from '../domain/messages';
import { formatHours, RECORD_STATUS_TEXT } from './service-hours';

export interface RecordRow {
  recordId: string;
  title: string;
  /** e.g. 2026-11-28 09:00–11:30 */
  whenText: string;
  hoursText: string;
  /** How the record was made: 现场签到, 遗漏更正, 补录 … */
  sourceText: string;
  status: RecordDisplayStatus;
  statusText: string;
  note: string;
}

function clock(iso: string): string {
  return shanghaiDateTime(iso).slice(11);
}

export function recordRow(r: RecordView): RecordRow {
  const status = r.displayStatus;
  const note = r.correctionOpen
    ? '更正申请处理中'
    : r.missingCheckout
      ? '未签退，等待组织确认'
      : r.status === 'rejected' && r.reason
        ? `原因：${r.reason}`
        : r.offlineUnlocated && r.status === 'pending'
          ? '离线扫码且未核验位置，等待组织确认'
          : r.locationUnchecked
            ? '签到未核验位置'
            : '';
  return {
    recordId: r.recordId,
    title: r.kind === 'training' ? `${r.activityName}（培训）` : r.activityName,
    whenText: `${shanghaiDateTime(r.startsAt)}–${clock(r.endsAt)}`,
    hoursText: `${formatHours(r.minutes)} 小时`,
    sourceText: RECORD_SOURCE_LABELS[r.source],
    status,
    statusText: RECORD_STATUS_TEXT[status],
    note,
  };
}

