// 组织主页: an organization's profile; for its admins the members, join requests and invitations. Pure.
import type { OrgRatingsResponse } from '../../../typings/help';
import type { CreateInviteResponse, JoinRequestView, MemberView, OrganizationDetail } from '../../../typings/organization';
import { shanghaiDateTime } from '../../domain/calendar';
import { KIND_LABELS, ROLE_LABELS, STATUS_LABELS } from '../../common/org-labels';

export interface HomeView {
  orgId: string;
  name: string;
  status: OrganizationDetail['status'];
  statusText: string;
  /** Pending / rejected explained, with the reviewer's reason. */
  statusNote: string;
  rows: Array<{ label: string; value: string }>;
  introduction: string;
  myRoleText: string;
  isAdmin: boolean;
  canRequestJoin: boolean;
  membershipNote: string;
  members: MemberRow[];
  /** Where the next page of members starts ('' on the last page): 加载更多 asks organization.members for it. */
  membersNext: string;
  joinRequests: JoinRequestRow[];
  joinRequestsNext: string;
  canInvite: boolean;
  /** Only a verified organization's admin may check a volunteer's card (volunteer.scanCard). */
  canScan: boolean;
}

export interface MemberRow {
  userId: string;
  name: string;
  volunteerNo: string;
  phoneMasked: string;
  roleText: string;
  sinceText: string;
}

export interface JoinRequestRow {
  userId: string;
  name: string;
  volunteerNo: string;
  message: string;
  requestedAtText: string;
}

export function toMemberRow(m: MemberView): MemberRow {
  return {
    userId: m.userId,
    name: m.name,
    volunteerNo: m.volunteerNo,
    phoneMasked: m.phoneMasked,
    roleText: ROLE_LABELS[m.role],
    sinceText: shanghaiDateTime(m.since).slice(0, 10),
  };
}

export function toJoinRequestRow(r: JoinRequestView): JoinRequestRow {
  return { userId: r.userId, name: r.name, volunteerNo: r.volunteerNo, message: r.message ?? '', requestedAtText: shanghaiDateTime(r.requestedAt) };
}

const CIVIL: Record<NonNullable<OrganizationDetail['civilAffairsType']>, string> = {
  social_group: '社会团体',
  social_service: '社会服务机构',
  foundation: '基金会',
};

export function toHomeView(org: OrganizationDetail): HomeView {
  const rows: HomeView['rows'] = [
    { label: '类型', value: `${KIND_LABELS[org.kind]}${org.civilAffairsType ? `（${CIVIL[org.civilAffairsType]}）` : ''}` },
  ];
  if (org.uscc) rows.push({ label: '统一社会信用代码', value: org.uscc });
  rows.push({ label: '所在地区', value: org.regionNames.join(' ') });
  rows.push({ label: '地址', value: org.address });
  rows.push({ label: '负责人', value: org.personInCharge });
  if (org.parent) rows.push({ label: '上级组织', value: org.parent.name });
  if (org.admin) rows.push({ label: '联系人', value: `${org.admin.contact.name} ${org.admin.contact.phoneMasked}` });
  rows.push({ label: '注册时间', value: shanghaiDateTime(org.createdAt) });

  const isAdmin = org.myRole === 'admin' && org.myMembership === 'active';
  let statusNote = '';
  if (org.status === 'pending') statusNote = '正在等待平台审核，审核通过后才会公开显示、接受成员加入。';
  if (org.status === 'rejected') statusNote = `未通过审核${org.rejectReason ? `：${org.rejectReason}` : ''}。请修改后重新提交注册。`;
  if (org.status === 'dissolved') statusNote = '该组织已解散，不再公开显示，也不再接收入队申请。';

  let membershipNote = '';
  if (org.myMembership === 'pending') membershipNote = '你已申请加入，等待管理员审核';
  if (org.myMembership === 'declined') membershipNote = '你的加入申请未通过';

  return {
    orgId: org.orgId,
    name: org.name,
    status: org.status,
    statusText: STATUS_LABELS[org.status],
    statusNote,
    rows,
    introduction: org.introduction ?? '',
    myRoleText: org.myRole && org.myMembership === 'active' ? `你是该组织的${ROLE_LABELS[org.myRole]}` : '',
    isAdmin,
    // A volunteer may ask to join a verified organization they are not in and have not asked (or were declined by).
    canRequestJoin: org.status === 'verified' && org.myRole === null && (org.myMembership === null || org.myMembership === 'declined'),
    membershipNote,
    members: (org.admin?.members ?? []).map(toMemberRow),
    membersNext: org.admin?.membersNext ?? '',
    joinRequests: (org.admin?.joinRequests ?? []).map(toJoinRequestRow),
    joinRequestsNext: org.admin?.joinRequestsNext ?? '',
    canInvite: isAdmin && org.status === 'verified',
    canScan: isAdmin && org.status === 'verified',
  };
}

export interface InviteView {
  code: string;
  expiryText: string;
  sharePath: string;
}

export function toInviteView(invite: CreateInviteResponse): InviteView {
  return { code: invite.code, expiryText: `${shanghaiDateTime(invite.validUntil)} 前有效`, sharePath: invite.sharePath };
}

/** The share card of an admin invitation. */
export function shareOf(orgName: string, invite: InviteView | null): { title: string; path: string } | undefined {
  if (!invite) return undefined;
  return { title: `邀请你成为「${orgName}」的管理员`, path: invite.sharePath };
}

export const MAX_REASON_LENGTH = 100;

const ERRORS: Record<string, string> = {
  FORBIDDEN: '只有该组织的管理员可以这样做',
  NOT_FOUND: '没有找到这个组织或申请',
  NOT_PENDING: '这条申请已经处理过了',
  NOT_VERIFIED: '组织通过审核后才能邀请管理员',
};

export function homeErrorMessage(code: string, message: string): string {
  return ERRORS[code] ?? message;
}

/** 求助评价 on the organization's page: the average and count of the requesters' ratings and the latest comments. */
export interface RatingsView {
  /** '4.5 分 · 12 次评价'; '' while there are none (the card then says so). */
  summaryText: string;
  averageStars: string;
  latest: Array<{ key: string; stars: string; comment: string; atText: string }>;
}

const stars = (n: number) => {
  const full = Math.max(0, Math.min(5, Math.round(n)));
  return '★'.repeat(full) + '☆'.repeat(5 - full);
};

export function toRatingsView(r: OrgRatingsResponse): RatingsView {
  return {
    summaryText: r.count > 0 && r.average !== undefined ? `${r.average.toFixed(1)} 分 · ${r.count} 次评价` : '',
    averageStars: r.average !== undefined ? stars(r.average) : '',
    latest: r.latest.map((c, i) => ({ key: `${i}`, stars: stars(c.stars), comment: c.comment ?? '', atText: shanghaiDateTime(c.at).slice(0, 10) })),
  };
}
