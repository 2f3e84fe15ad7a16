// 求助派单 (an organization's): the needs offered to it or accepted by it, and its 接单设置 — whether it takes offers,
// which categories, and where it is (the base the dispatch measures distance from). An offered need is accepted
// (its draft project opens in 项目编辑) or declined with a required reason; an accepted one is marked served. Pure.
import type { HelpRequestView, ResponderView, SetResponderRequest } from '../../../typings/help';
import type { ServiceCategoryCode } from '../../../typings/project';
import { SERVICE_CATEGORIES } from '../../domain/codes';
import { noteOk } from '../../domain/help-rules';
import { HELP_RULE_MESSAGES } from '../../domain/messages';
import { FORM_TEXT } from '../common/form-text';
import { timeIsOver, toNeedRow, type NeedRow } from '../common/labels';

export interface OfferRow extends NeedRow {
  /** Offered to this organization and not yet taken: 接单 / 婉拒. */
  canAnswer: boolean;
  /** Accepted by this organization, service not yet reported: 标记服务完成. */
  canComplete: boolean;
  /** Accepted by this organization: its draft project. */
  ownProject: boolean;
  /** Accepted by this organization and not yet rated: 拨打电话 reaches the person it serves (help.contact). */
  canCall: boolean;
}

export function toOfferRow(v: HelpRequestView, orgId: string): OfferRow {
  const ours = v.acceptedBy?.orgId === orgId;
  return {
    ...toNeedRow(v),
    canAnswer: v.status === 'dispatched' && !v.acceptedBy,
    canComplete: v.status === 'accepted' && ours,
    ownProject: ours,
    canCall: ours && (v.status === 'accepted' || v.status === 'served') && v.contact.phoneMasked !== '',
  };
}

/**
 * Offers waiting for an answer first, then the accepted ones, then the finished. An offer whose time is over
 * (labels.ts timeIsOver) is dropped: it can no longer be accepted.
 */
export function toOfferRows(items: readonly HelpRequestView[], orgId: string, now: Date): OfferRow[] {
  const rank = (r: OfferRow) => (r.canAnswer ? 0 : r.canComplete ? 1 : 2);
  return items
    .filter((v) => !timeIsOver(v, now))
    .map((v) => toOfferRow(v, orgId))
    .sort((a, b) => rank(a) - rank(b));
}

export interface ResponderForm {
  active: boolean;
  categories: string[];
  base: { longitude: number; latitude: number } | null;
  /** The place's name as the map gave it, when it was picked here. */
  baseName: string;
  error: string;
  saved: boolean;
}

export function responderFormOf(r: ResponderView): ResponderForm {
  return { active: r.active, categories: [...r.categories], base: r.base ?? null, baseName: '', error: '', saved: true };
}

export interface ResponderViewModel {
  form: ResponderForm;
  categoryChoices: Array<{ code: string; label: string; checked: boolean }>;
  baseText: string;
  openNeedsText: string;
}

export function toResponderView(form: ResponderForm, openNeeds: number): ResponderViewModel {
  return {
    form,
    categoryChoices: SERVICE_CATEGORIES.map((c) => ({ code: c.code, label: c.label, checked: form.categories.includes(c.code) })),
    baseText: form.base ? form.baseName || `已选位置（${form.base.latitude.toFixed(4)}, ${form.base.longitude.toFixed(4)}）` : '',
    openNeedsText: openNeeds > 0 ? `正在服务 ${openNeeds} 条求助` : '',
  };
}

/** What setResponder is sent, or the message that keeps it from being sent. */
export function responderRequestOf(orgId: string, form: ResponderForm): { ok: true; request: SetResponderRequest } | { ok: false; message: string } {
  if (!form.base) return { ok: false, message: FORM_TEXT.base };
  if (form.active && form.categories.length === 0) return { ok: false, message: FORM_TEXT.categories };
  return { ok: true, request: { orgId, active: form.active, categories: form.categories as ServiceCategoryCode[], base: form.base } };
}

/** '' when the decline may be sent. */
export function declineProblem(reason: string): string {
  return noteOk(reason) ? '' : HELP_RULE_MESSAGES.reasonRequired;
}

type Confirm = { title: string; content: string; confirmText: string; destructive: boolean };

export function acceptConfirm(row: Pick<OfferRow, 'what'>): Confirm {
  return { title: '接下这条求助？', content: `接单后会为「${row.what.slice(0, 20)}」生成项目草稿，请补全后发布招募；求助人会收到通知。`, confirmText: '接单', destructive: false };
}

export function declineConfirm(): Confirm {
  return { title: '婉拒这条求助？', content: '求助会转派给下一家组织，你写的原因会告诉求助人和下一家组织。', confirmText: '婉拒', destructive: true };
}

export function completeConfirm(row: Pick<OfferRow, 'what'>): Confirm {
  return { title: '服务已完成？', content: `确认「${row.what.slice(0, 20)}」的服务已经完成，求助人会收到评价邀请。`, confirmText: '已完成', destructive: false };
}
