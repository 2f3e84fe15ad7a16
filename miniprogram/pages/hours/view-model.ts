// 我的时长: service time is stored as integer minutes and shown as hours with one decimal (09:00–11:30 → 2.5 小时,
// everywhere: other pages import formatHours). The page's state from hours.mine: total, star and progress,
// records grouped by organization with status chips, what waits (pending records, open corrections).
import type { Envelope } from '../../../typings/envelope';
import type { MyHoursResponse, RecordView } from '../../../typings/hours-actions';
import { recordRow, type RecordRow } from '../../common/record-row';
import { formatHours, starText } from '../../common/service-hours';

// Other code imports formatHours from here (the record's text, notifications): one definition, in common/.
export { formatHours, recordRow, type RecordRow };

export interface OrgGroup {
  orgId: string;
  orgName: string;
  rows: RecordRow[];
}

export interface HoursView {
  status: 'loading' | 'ready' | 'error' | 'unregistered';
  message: string;
  totalText: string;
  trainingText: string;
  isEmpty: boolean;
  starText: string;
  /** 0–100, the progress bar's width. */
  progressPercent: number;
  progressText: string;
  pendingText: string;
  correctionsText: string;
  groups: OrgGroup[];
  nextCursor: string;
}

export const loadingHoursView: HoursView = {
  status: 'loading',
  message: '',
  totalText: '0.0',
  trainingText: '',
  isEmpty: true,
  starText: '',
  progressPercent: 0,
  progressText: '',
  pendingText: '',
  correctionsText: '',
  groups: [],
  nextCursor: '',
};

/** Records grouped by organization in the order they came (newest activity first), later pages appended. */
export function groupByOrganization(groups: OrgGroup[], records: RecordView[]): OrgGroup[] {
  const out = groups.map((g) => ({ ...g, rows: [...g.rows] }));
  for (const r of records) {
    let group = out.find((g) => g.orgId === r.orgId);
    if (!group) {
      group = { orgId: r.orgId, orgName: r.orgName, rows: [] };
      out.push(group);
    }
    group.rows.push(recordRow(r));
  }
  return out;
}

export function toHoursView(outcome: Envelope<MyHoursResponse>, before: HoursView = loadingHoursView, first = true): HoursView {
  if (!outcome.ok) {
    if (outcome.error.code === 'NOT_REGISTERED') return { ...loadingHoursView, status: 'unregistered', message: outcome.error.message };
    return { ...loadingHoursView, status: 'error', message: outcome.error.message };
  }
  const d = outcome.data;
  const star = d.star;
  const progressText =
    star.nextThresholdHours === null
      ? '已达到最高星级'
      : `距 ${star.level === null ? 1 : star.level + 1} 星（${star.nextThresholdHours} 小时）还差 ${formatHours(star.minutesToNext)} 小时`;
  const groups = groupByOrganization(first ? [] : before.groups, d.records);
  return {
    status: 'ready',
    message: '',
    totalText: formatHours(d.serviceMinutes),
    trainingText: d.trainingMinutes > 0 ? `另有培训 ${formatHours(d.trainingMinutes)} 小时（不计入服务时长）` : '',
    isEmpty: groups.length === 0,
    starText: starText(star.level) || '尚未获得星级',
    progressPercent: Math.round(star.progress * 100),
    progressText,
    pendingText: first ? (d.pending.length > 0 ? `${d.pending.length}${d.pending.length >= 20 ? '+' : ''} 条记录待组织确认，确认后计入` : '') : before.pendingText,
    correctionsText: first ? (d.openCorrections.length > 0 ? `${d.openCorrections.length} 条更正申请处理中` : '') : before.correctionsText,
    groups,
    nextCursor: d.next ?? '',
  };
}
