// 平台管理 · 组织审核: the verification queue. Pure.
import type { UsccClaimQueueItem, ReviewQueueItem } from '../../../typings/organization';
import { shanghaiDateTime } from '../../domain/calendar';
import { historyLine, KIND_LABELS, similarNameWarning, STATUS_LABELS } from '../../common/org-labels';

export { historyLine, similarNameWarning };

export interface ReviewItem {
  orgId: string;
  name: string;
  rows: Array<{ label: string; value: string }>;
  /** Alike names of live organizations: a warning to check, not a refusal. */
  warnings: string[];
  /** Earlier decisions of a resubmitted application. */
  history: string[];
  /** The reviewer's own organization: another platform admin decides it. */
  mine: boolean;
}

export function toReviewItem(item: ReviewQueueItem): ReviewItem {
  const rows: ReviewItem['rows'] = [{ label: '类型', value: KIND_LABELS[item.kind] }];
  if (item.uscc) rows.push({ label: '统一社会信用代码', value: item.uscc });
  if (item.authority) rows.push({ label: '登记管理机关', value: item.authority });
  rows.push({ label: '所在地区', value: `${item.regionNames.join(' ')}（${item.regionCode}）` });
  rows.push({ label: '地址', value: item.address });
  rows.push({ label: '负责人', value: item.personInCharge });
  rows.push({ label: '联系人', value: `${item.contact.name} ${item.contact.phoneMasked}` });
  if (item.parent) rows.push({ label: '上级组织', value: item.parent.name });
  rows.push({ label: '申请人', value: `${item.applicant.name}（${item.applicant.volunteerNo}）` });
  rows.push({ label: '提交时间', value: shanghaiDateTime(item.createdAt) });
  if (item.introduction) rows.push({ label: '简介', value: item.introduction });
  return { orgId: item.orgId, name: item.name, rows, warnings: item.similarNames.map(similarNameWarning), history: item.history.map(historyLine), mine: item.mine };
}

export interface ClaimItem {
  claimId: string;
  title: string;
  rows: Array<{ label: string; value: string }>;
  evidenceUrls: string[];
  mine: boolean;
}

export function toClaimItem(c: UsccClaimQueueItem): ClaimItem {
  const rows: ClaimItem['rows'] = [
    { label: '现持有组织', value: `${c.holder.name}（${STATUS_LABELS[c.holder.status]}，${c.holder.adminCount} 名管理员）` },
    { label: '申诉人', value: `${c.claimant.name}（${c.claimant.volunteerNo}）` },
    { label: '申诉组织', value: `${c.application.name}（${KIND_LABELS[c.application.kind]}）` },
    { label: '所在地区', value: c.application.regionNames.join(' ') },
    { label: '负责人', value: c.application.personInCharge },
    { label: '联系人', value: `${c.application.contact.name} ${c.application.contact.phoneMasked}` },
  ];
  if (c.statement) rows.push({ label: '申诉说明', value: c.statement });
  rows.push({ label: '提交时间', value: shanghaiDateTime(c.createdAt) });
  rows.push({
    label: '批准后',
    value: c.holder.status === 'pending' ? '现持有的申请被驳回，代码交给申诉人的组织（直接认证）' : '该组织的管理员全部移除，改由申诉人管理',
  });
  return { claimId: c.claimId, title: `代码申诉 ${c.uscc}`, rows, evidenceUrls: c.evidenceUrls, mine: c.mine };
}

export const MAX_REASON_LENGTH = 200;

/** A rejection is told to the applicant, so it needs a reason they can act on. */
export function rejectReasonError(reason: string): string {
  const r = reason.trim();
  if (r === '') return '请填写驳回理由，申请人会看到它';
  if (Array.from(r).length > MAX_REASON_LENGTH) return `驳回理由最多${MAX_REASON_LENGTH}字`;
  return '';
}

const ERRORS: Record<string, string> = {
  FORBIDDEN: '仅平台管理员可访问',
  NOT_FOUND: '没有找到这个组织',
  REASON_REQUIRED: '请填写驳回理由',
  ALREADY_REVIEWED: '该组织已被其他管理员审核',
};

export function reviewErrorMessage(code: string, message: string): string {
  return ERRORS[code] ?? message;
}

/** What the platform admin confirms before a decision the applicant is told about (wx.showModal's fields). */
export interface Confirmation {
  title: string;
  content: string;
  confirmText: string;
  destructive?: boolean;
}

export function approveConfirmation(orgName: string): Confirmation {
  return {
    title: '通过审核',
    content: `通过后「${orgName}」将成为已认证组织，公开显示并可接收加入申请。申请人会收到通知。`,
    confirmText: '通过',
  };
}

export function rejectConfirmation(orgName: string): Confirmation {
  return {
    title: '驳回申请',
    content: `驳回「${orgName}」的注册申请？申请人会收到你填写的驳回理由。`,
    confirmText: '驳回',
    destructive: true,
  };
}

export function approveClaimConfirmation(item: ClaimItem): Confirmation {
  return { title: '批准申诉', content: `${item.title}：批准后立即生效，原持有方会收到通知。请确认已核对证明材料。`, confirmText: '批准' };
}

export function rejectClaimConfirmation(item: ClaimItem): Confirmation {
  return { title: '驳回申诉', content: `驳回${item.title}？申诉人会收到你填写的理由。`, confirmText: '驳回', destructive: true };
}
