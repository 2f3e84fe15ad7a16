// Words for organizations, shared by the organization pages and the platform admin's review. Pure.
import type { ApplicationEvent, MembershipStatus, MemberRole, OrganizationKind, OrganizationStatus, OrganizationSummary, SimilarName } from '../../typings/organization';
import { shanghaiDateTime } from '../domain/calendar';
import { SIMILARITY_LABELS } from '../domain/org-name';

export const ORGANIZATION_KINDS: readonly OrganizationKind[] = ['registered', 'other', 'grassroots'];

export const KIND_LABELS: Readonly<Record<OrganizationKind, string>> = {
  registered: '依法登记的组织',
  other: '其他组织',
  grassroots: '草根团队',
};

export const STATUS_LABELS: Readonly<Record<OrganizationStatus, string>> = {
  pending: '待审核',
  verified: '已认证',
  rejected: '未通过审核',
  dissolved: '已解散',
};

export const ROLE_LABELS: Readonly<Record<MemberRole, string>> = { admin: '管理员', member: '成员' };

export const MEMBERSHIP_LABELS: Readonly<Record<MembershipStatus, string>> = {
  active: '已加入',
  pending: '申请中',
  declined: '未通过',
};

const CIVIL_AFFAIRS_LABELS: Readonly<Record<NonNullable<OrganizationSummary['civilAffairsType']>, string>> = {
  social_group: '社会团体',
  social_service: '社会服务机构',
  foundation: '基金会',
};

export interface OrgCard {
  orgId: string;
  name: string;
  kindText: string;
  statusText: string;
  status: OrganizationStatus;
  regionText: string;
}

export function toOrgCard(o: OrganizationSummary): OrgCard {
  const civil = o.civilAffairsType ? `·${CIVIL_AFFAIRS_LABELS[o.civilAffairsType]}` : '';
  return {
    orgId: o.orgId,
    name: o.name,
    kindText: `${KIND_LABELS[o.kind]}${civil}`,
    statusText: STATUS_LABELS[o.status],
    status: o.status,
    regionText: o.regionNames.join(' '),
  };
}

/**
 * The prefix of a GB/T 2260 code that stands for its area, for searching: trailing '00' pairs dropped.
 * '350102' → '350102', '350100' → '3501', '350000' → '35'; '' for anything else.
 */
export function regionPrefix(code: string): string {
  if (!/^\d{6}$/.test(code)) return '';
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

// ── An application's record and alike names, for its admins' page and the reviewer's ────────────────────────────

export function similarNameWarning(s: SimilarName): string {
  return `与「${s.name}」（${s.regionNames.join(' ')}）${SIMILARITY_LABELS[s.similarity]}`;
}

const EVENT_LABELS: Readonly<Record<ApplicationEvent['event'], string>> = {
  submitted: '提交申请',
  resubmitted: '修改后重新提交',
  approved: '通过审核',
  rejected: '驳回',
  expired: '超期未审核，代码已释放',
  claimed: '代码持有人申诉获批，管理员已更换',
  dissolved: '解散',
};

export function historyLine(h: ApplicationEvent): string {
  return `${shanghaiDateTime(h.at)} ${EVENT_LABELS[h.event]}${h.reason ? `：${h.reason}` : ''}`;
}

