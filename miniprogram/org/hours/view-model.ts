// 时长确认 (org/hours): an organization's pending records oldest first, overdue marked, those lacking a mandatory field
// saying which; confirm or reject the chosen ones with a reason; the volunteers' correction requests.
import type { CorrectionView, DecisionResponse, OrgCorrectionsResponse, QueueItem, QueueResponse } from '../../../typings/hours-actions';
import { shanghaiDateTime } from '../../domain/calendar';
import { formatHours } from '../../common/service-hours';
import { RECORD_FIELD_LABELS, RECORD_SOURCE_LABELS } from '../../domain/messages';

export interface QueueRow {
  recordId: string;
  who: string;
  title: string;
  /** How the record was made: 现场签到, 遗漏更正, 补录 … */
  sourceText: string;
  whenText: string;
  hoursText: string;
  overdue: boolean;
  /** e.g. 缺少「服务地点」，不能确认 */
  blocker: string;
  chosen: boolean;
}

export interface CorrectionRow {
  correctionId: string;
  who: string;
  title: string;
  text: string;
}

export interface OrgHoursState {
  orgId: string;
  status: 'loading' | 'ready' | 'error';
  message: string;
  policyText: string;
  rows: QueueRow[];
  nextCursor: string;
  corrections: CorrectionRow[];
  reason: string;
  busy: boolean;
}

export const initialState: OrgHoursState = { orgId: '', status: 'loading', message: '', policyText: '', rows: [], nextCursor: '', corrections: [], reason: '', busy: false };

export function queueRow(item: QueueItem): QueueRow {
  const clock = shanghaiDateTime(item.endsAt).slice(11);
  return {
    recordId: item.recordId,
    who: `${item.volunteerNameMasked} · ${item.volunteerNo}`,
    title: item.missingCheckout
      ? `${item.activityName}（未签退）`
      : item.offlineUnlocated
        ? `${item.activityName}（离线扫码，未核验位置）`
        : item.locationUnchecked
          ? `${item.activityName}（未核验位置）`
          : item.activityName,
    sourceText: RECORD_SOURCE_LABELS[item.source],
    whenText: `${shanghaiDateTime(item.startsAt)}–${clock}`,
    hoursText: `${formatHours(item.minutes)} 小时`,
    overdue: item.overdue,
    blocker: item.missingField ? `缺少「${RECORD_FIELD_LABELS[item.missingField] ?? item.missingField}」，不能确认` : '',
    chosen: false,
  };
}

export function correctionRow(c: CorrectionView): CorrectionRow {
  return {
    correctionId: c.correctionId,
    who: c.volunteerNameMasked,
    title: `${c.kind === 'omission' ? '遗漏' : '错误'} · ${c.activityName}`,
    text: `${c.description}${c.proposedMinutes !== undefined ? `（申请 ${formatHours(c.proposedMinutes)} 小时）` : ''}`,
  };
}

export function withQueue(state: OrgHoursState, data: QueueResponse, first: boolean): OrgHoursState {
  const rows = data.items.map(queueRow);
  const p = data.policy;
  return {
    ...state,
    status: 'ready',
    policyText: `活动结束 ${p.overdueDays} 天后未确认即为逾期${p.roundingStepMinutes ? `；时长按 ${p.roundingStepMinutes} 分钟取整` : ''}`,
    rows: first ? rows : [...state.rows, ...rows],
    nextCursor: data.next ?? '',
  };
}

export function withCorrections(state: OrgHoursState, data: OrgCorrectionsResponse): OrgHoursState {
  return { ...state, corrections: data.items.map(correctionRow) };
}

export function toggled(state: OrgHoursState, recordId: string): QueueRow[] {
  return state.rows.map((r) => (r.recordId === recordId ? { ...r, chosen: !r.chosen } : r));
}

export function chosenIds(state: OrgHoursState): string[] {
  return state.rows.filter((r) => r.chosen).map((r) => r.recordId);
}

/** What a bulk decision did, in one line; the first refusal's reason when some were refused. */
export function outcomeText(res: DecisionResponse, verb: string): string {
  const done = res.outcomes.filter((o) => o.outcome !== 'refused').length;
  const refused = res.outcomes.filter((o) => o.outcome === 'refused');
  if (refused.length === 0) return `已${verb} ${done} 条`;
  return `${done} 条已${verb}，${refused.length} 条未能处理：${refused[0]!.message ?? ''}`;
}
