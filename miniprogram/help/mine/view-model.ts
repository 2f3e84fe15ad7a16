// 我的求助: the caller's needs, newest first, each with its status, the verification note, the declines with their
// reasons, the organization that accepted it, and what the person may do now: 撤回 before an organization accepted
// (state.ts: pending, dispatched, unmatched), 评价 once served, 换个时间重新提交 once it expired. Pure.
import type { HelpRequestView, HelpStatus } from '../../../typings/help';
import { HELP_LIMITS, trimmedLength } from '../../domain/help-rules';
import { FORM_TEXT } from '../common/form-text';
import { toNeedRow, type NeedRow } from '../common/labels';
import { shanghaiDateTime } from '../../domain/calendar';

/** Statuses the requester may still withdraw from (cloudfunctions/help/state.ts HELP_RULES.withdraw). */
export const WITHDRAWABLE: readonly HelpStatus[] = ['pending', 'dispatched', 'unmatched'];

export interface MineRow extends NeedRow {
  highlighted: boolean;
  canWithdraw: boolean;
  canRate: boolean;
  /** Expired: its time passed with nobody to serve it; the person is invited to submit it again for a new time. */
  canResubmit: boolean;
  /** What the status means for the person, in one line. */
  statusHint: string;
  /** 「鼓楼区志愿服务队」查看了你的联系电话（12月2日 14:30、12月3日 09:05）: one line per organization, in the order they first looked. */
  contactViewLines: Array<{ key: string; text: string }>;
  /** Over the listed ones: 你的联系电话共被查看 35 次，下面是最近 20 次; else ''. */
  contactViewsSummary: string;
}

/** At most this many times are listed per organization; more are counted. */
export const TIMES_SHOWN = 5;

/**
 * Who reached for the person's phone (help.contact), one line each, with the Shanghai dates and times they did, oldest
 * first. `views` come newest first (the newest few of them: contactViewsSummary says how many in all).
 */
export function contactViewLines(views: HelpRequestView['contactViews']): Array<{ key: string; text: string }> {
  const byName = new Map<string, string[]>();
  for (const v of [...views].reverse()) byName.set(v.byName, [...(byName.get(v.byName) ?? []), monthDayTime(v.at)]);
  return [...byName].map(([name, times], i) => ({
    key: `${i}`,
    text:
      times.length > TIMES_SHOWN
        ? `「${name}」查看了你的联系电话 ${times.length} 次（最近：${times.slice(-TIMES_SHOWN).join('、')}）`
        : `「${name}」查看了你的联系电话（${times.join('、')}）`,
  }));
}

/** How many times in all, when more than are listed. */
export function contactViewsSummary(v: Pick<HelpRequestView, 'contactViews' | 'contactViewsTotal'>): string {
  return v.contactViewsTotal > v.contactViews.length ? `你的联系电话共被查看 ${v.contactViewsTotal} 次，下面是最近 ${v.contactViews.length} 次` : '';
}

/** ISO instant → '12月2日 14:30' in Asia/Shanghai. */
function monthDayTime(iso: string): string {
  const text = shanghaiDateTime(iso);
  const m = /^\d{4}-(\d{2})-(\d{2}) (\d{2}:\d{2})$/.exec(text);
  return m ? `${Number(m[1])}月${Number(m[2])}日 ${m[3]}` : text;
}

const HINTS: Partial<Record<HelpStatus, string>> = {
  pending: '等待平台或当地组织核实，核实前不会公开。',
  dispatched: '已核实，正在为你联系服务组织。',
  unmatched: '暂时没有组织能够接单，可撤回后调整时间再提交。',
  accepted: '组织已接单，将安排志愿者按时服务。',
  served: '服务已完成，请为这次服务打分。',
  expired: '服务时间已过，这条求助没能安排上。如仍需要帮助，请换一个新的时间重新提交。',
};

export function toMineRow(v: HelpRequestView, highlightId: string): MineRow {
  return {
    ...toNeedRow(v),
    highlighted: v.id === highlightId,
    canWithdraw: WITHDRAWABLE.includes(v.status),
    canRate: v.status === 'served',
    canResubmit: v.status === 'expired',
    statusHint: HINTS[v.status] ?? '',
    contactViewLines: contactViewLines(v.contactViews),
    contactViewsSummary: contactViewsSummary(v),
  };
}

export type MineView = { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; rows: MineRow[] };

export function toMineView(items: readonly HelpRequestView[], highlightId: string): { status: 'ready'; rows: MineRow[] } {
  return { status: 'ready', rows: items.map((v) => toMineRow(v, highlightId)) };
}

/** The rating being written for one need. */
export interface RatingDraft {
  stars: number;
  comment: string;
  error: string;
}

export const emptyRating = (): RatingDraft => ({ stars: 0, comment: '', error: '' });

/** '' when the rating may be sent. */
export function ratingProblem(draft: RatingDraft): string {
  if (!(Number.isInteger(draft.stars) && draft.stars >= 1 && draft.stars <= 5)) return FORM_TEXT.stars;
  if (trimmedLength(draft.comment) > HELP_LIMITS.commentMaxChars) return FORM_TEXT.comment;
  return '';
}

export const STAR_CHOICES = [1, 2, 3, 4, 5].map((n) => ({ n, label: `${n} 星` }));

export function withdrawConfirm(row: Pick<MineRow, 'what' | 'status'>): { title: string; content: string; confirmText: string; destructive: boolean } {
  const reach = row.status === 'pending' ? '核实人员将不再处理它。' : '已收到派单的组织会收到通知。';
  return { title: '撤回这条求助？', content: `「${row.what.slice(0, 20)}」撤回后不能恢复，${reach}`, confirmText: '撤回', destructive: true };
}
