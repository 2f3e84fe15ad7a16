// 我的求助: the caller's needs, newest first, each with its status, the verification note, the declines with their
// reasons, the organization that accepted it, and what the person may do now: 撤回 before an organization accepted
// (state.ts: pending, dispatched, unmatched), 评价 once served, 换个时间重新提交 once it expired. Pure.
import type { HelpRequestView, HelpStatus } from '../../../typings/help';
import { FORM_TEXT, HELP_LIMITS, trimmedLength } from '../common/rules';
import { toNeedRow, type NeedRow } from '../common/labels';

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
