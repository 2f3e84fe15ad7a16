// 记录详情: one service record, its history (every revision, oldest first) and its corrections, and the 报告错误
// form's rules (proposed hours typed as hours with at most one decimal, sent as minutes).
import type { CorrectionStatus, HistoryResponse } from '../../../typings/hours-actions';
import { shanghaiDateTime } from '../../domain/calendar';
import { recordRow, type RecordRow } from '../../common/record-row';
import { formatHours } from '../../common/service-hours';

const CORRECTION_STATUS: Record<CorrectionStatus, string> = { open: '处理中', accepted: '已通过', rejected: '未通过' };

export interface RevisionRow {
  key: string;
  title: string;
  detail: string;
  reason: string;
}

export interface CorrectionRow {
  correctionId: string;
  statusText: string;
  text: string;
}

export interface RecordDetailView {
  status: 'loading' | 'ready' | 'error';
  message: string;
  record: RecordRow | null;
  orgName: string;
  place: string;
  revisions: RevisionRow[];
  corrections: CorrectionRow[];
  /** 报告错误 is offered when no correction of this record is waiting. */
  canReport: boolean;
}

export const loadingDetail: RecordDetailView = { status: 'loading', message: '', record: null, orgName: '', place: '', revisions: [], corrections: [], canReport: false };

export function toDetailView(data: HistoryResponse): RecordDetailView {
  return {
    status: 'ready',
    message: '',
    record: recordRow(data.record),
    orgName: data.record.orgName,
    place: data.record.place,
    revisions: data.revisions.map((r) => ({
      key: String(r.revision),
      title: `${r.event} · ${formatHours(r.minutes)} 小时`,
      detail: `${shanghaiDateTime(r.at)}${r.byOrgName ? ` · ${r.byOrgName}` : ''}`,
      reason: r.reason ? `原因：${r.reason}` : '',
    })),
    corrections: data.corrections.map((c) => ({
      correctionId: c.correctionId,
      statusText: CORRECTION_STATUS[c.status],
      text: `${c.description}${c.proposedMinutes !== undefined ? `（申请更正为 ${formatHours(c.proposedMinutes)} 小时）` : ''}${c.resolution ? ` · 组织答复：${c.resolution}` : ''}`,
    })),
    canReport: !data.record.correctionOpen,
  };
}

/** Hours as typed ('3', '2.5') → minutes, or null for anything else (empty: no proposal). */
export function minutesFromHoursText(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if (!/^\d{1,2}(\.\d)?$/.test(t)) return null;
  const minutes = Math.round(Number(t) * 60);
  return minutes >= 1 && minutes <= 24 * 60 ? minutes : null;
}
