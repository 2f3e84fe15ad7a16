// 录入时长 (organization admins): bulk entry with its progress, hour codes (时长码) and 补录. Pure: the form's checks,
// the interval from the pickers (Asia/Shanghai wall clock), and how batches and codes read.
import { formatHours } from '../../common/record-making';
import { shanghaiDateTime } from '../../domain/calendar';
import type { BulkBatchView, HourCodeBatchView } from '../../../typings/records';

export type EntryMode = 'bulk' | 'codes' | 'makeup';

export const MODES: ReadonlyArray<{ mode: EntryMode; label: string }> = [
  { mode: 'bulk', label: '批量录入' },
  { mode: 'codes', label: '时长码' },
  { mode: 'makeup', label: '补录' },
];

export { intervalOf, KIND_LABELS } from '../../common/record-making';

export function intervalError(interval: { startsAt: string; endsAt: string } | null, now: Date): string {
  if (!interval || interval.endsAt <= interval.startsAt) return '结束时间要晚于开始时间';
  if (new Date(interval.endsAt).getTime() > now.getTime()) return '服务还没有结束，结束后再录入';
  return '';
}

/** 「已处理 40/130 人」 while running; the outcome in words once finished. */
export function progressText(b: BulkBatchView): string {
  if (!b.finished) return `正在录入：已处理 ${b.done}/${b.total} 人`;
  const refused = b.refused.length ? `，${b.refused.length} 人未录入（原因见下）` : '';
  return `录入完成：${b.recorded} 人已录入，待确认${refused}`;
}

/** Hours typed as a decimal (2.5) to whole minutes; null when it is not a positive number of at most 24 hours. */
export function minutesOf(hoursTyped: string): number | null {
  const hours = Number(hoursTyped.trim());
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24) return null;
  return Math.round(hours * 60);
}

export function codeBatchRow(b: HourCodeBatchView): { id: string; title: string; detail: string } {
  return {
    id: b.codeBatchId,
    title: `${b.projectTitle} · 每码 ${formatHours(b.minutes)} 小时${b.kind === 'training' ? '（培训）' : ''}`,
    detail: `已使用 ${b.redeemed}/${b.count} · 活动 ${shanghaiDateTime(b.startsAt)} · 有效期至 ${shanghaiDateTime(b.expiresAt)}`,
  };
}

/** The codes as text to copy: one a line, with its serial, so a printout and the list match. */
export function codesText(codes: Array<{ serial: number; code: string }>): string {
  return codes.map((c) => `${c.serial}. ${c.code}`).join('\n');
}

/** With a project the activity's name may be left out (the project's title is taken). */
export function activityPlaceholderOf(projectIndex: number): string {
  return projectIndex > 0 ? '不填则用项目名称' : '如：社区敬老院陪伴';
}
