// 平台管理 · 申诉审核: the queue of claims with evidence, one claim's detail, and the decision. Pure.
import type { ClaimAccountSummary, ClaimDetail, ClaimQueueItem, ClaimStep } from '../../../typings/volunteer';
import { shanghaiDateTime } from '../../domain/calendar';
import { credentialTypeLabel } from '../../domain/credential';

export interface QueueRow {
  claimId: string;
  title: string;
  subtitle: string;
}

export function toQueueRow(item: ClaimQueueItem): QueueRow {
  return {
    claimId: item.claimId,
    title: `${item.nameMasked} · ${credentialTypeLabel(item.credentialType)}`,
    subtitle: `${item.credentialMasked} · ${item.evidenceCount} 张照片 · ${shanghaiDateTime(item.filedAt)}`,
  };
}

const STEP_LABELS: Record<ClaimStep, string> = {
  filed: '提交申诉',
  evidenceAdded: '上传证据',
  approved: '审核通过',
  rejected: '审核驳回',
  moved: '档案转移',
};

type Row = { label: string; value: string };

function accountGroup(title: string, a: ClaimAccountSummary): { title: string; rows: Row[] } {
  return {
    title,
    rows: [
      { label: '账号创建', value: a.accountCreatedAt ? shanghaiDateTime(a.accountCreatedAt) : '无记录' },
      { label: '手机号', value: a.phoneMasked ? `${a.phoneMasked}${a.phoneVerified ? '（已验证）' : '（未验证）'}` : '无' },
      { label: '所在组织', value: `${a.organizations} 个` },
    ],
  };
}

export interface DetailView {
  claimId: string;
  title: string;
  statement: string;
  rows: Row[];
  /** The two accounts, each under its own heading. */
  accounts: Array<{ title: string; rows: Row[] }>;
  evidence: string[];
  events: Array<{ label: string; at: string }>;
  open: boolean;
}

export function toDetailView(d: ClaimDetail): DetailView {
  return {
    claimId: d.claimId,
    title: `${d.nameMasked} · ${credentialTypeLabel(d.credentialType)}`,
    statement: d.statement,
    rows: [
      { label: '证件号码', value: d.credentialMasked },
      { label: '志愿者编号', value: d.volunteerNo },
      { label: '档案注册', value: d.registeredAt ? shanghaiDateTime(d.registeredAt) : '' },
      { label: '提交时间', value: shanghaiDateTime(d.filedAt) },
    ],
    accounts: [accountGroup('申诉人（当前微信账号）', d.claimant), accountGroup('档案现持有账号', d.holder)],
    evidence: d.evidence.map((e) => e.url),
    events: d.events.map((e) => ({ label: STEP_LABELS[e.step], at: shanghaiDateTime(e.at) })),
    open: d.status === 'pending',
  };
}

export const REASON_MIN = 2;
export const REASON_MAX = 200;

export function reasonError(reason: string): string {
  const length = Array.from(reason.trim()).length;
  return length < REASON_MIN || length > REASON_MAX ? `请填写 ${REASON_MIN}–${REASON_MAX} 个字的审核理由，申诉人和档案原账号都会看到它` : '';
}

export function decisionConfirmation(decision: 'approve' | 'reject', title: string) {
  return decision === 'approve'
    ? {
        title: '通过申诉',
        content: `通过后「${title}」的志愿者档案（编号、时长、所在组织）将转入申诉人的账号，现持有人的账号不再关联该档案。双方都会收到通知。此操作无法撤回。`,
        confirmText: '通过',
        destructive: true,
      }
    : { title: '驳回申诉', content: '驳回后档案保持不变，申诉人会看到你填写的理由。', confirmText: '驳回' };
}
