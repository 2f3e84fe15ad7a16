// 组织主页 · who looks after the organization: correcting a rejected application, handing the admin role over,
// accepting it, leaving, dissolving — so an organization is never left without an admin. Pure.
import type { OrganizationDetail } from '../../../typings/organization';
import type { ConfirmRequest } from '../../services/wechat';
import { historyLine } from '../../common/org-labels';

export interface StewardshipView {
  /** A rejected application's admin corrects it on the registration form. */
  canResubmit: boolean;
  /** A hand-over offered to the caller, waiting for them. */
  offeredToMe: boolean;
  /** For admins: the member an offer waits for. */
  offerWaitingFor: string;
  /** Members who may be offered the admin role. */
  candidates: Array<{ userId: string; name: string }>;
  canHandOver: boolean;
  canLeave: boolean;
  canDissolve: boolean;
  /** The last admin of a live organization: leaving needs a hand-over or dissolving first. */
  lastAdmin: boolean;
  history: string[];
}

export function toStewardshipView(org: OrganizationDetail): StewardshipView {
  const isAdmin = org.myRole === 'admin' && org.myMembership === 'active';
  const live = org.status === 'pending' || org.status === 'verified';
  const members = org.admin?.members ?? [];
  const admins = members.filter((m) => m.role === 'admin').length;
  const candidates = members.filter((m) => m.role === 'member').map((m) => ({ userId: m.userId, name: m.name }));
  return {
    canResubmit: isAdmin && org.status === 'rejected',
    offeredToMe: org.handOver?.toMe === true,
    offerWaitingFor: isAdmin && org.handOver && !org.handOver.toMe ? org.handOver.toName : '',
    candidates,
    canHandOver: isAdmin && org.status !== 'dissolved' && candidates.length > 0,
    canLeave: org.myMembership === 'active',
    canDissolve: isAdmin && org.status !== 'dissolved',
    lastAdmin: isAdmin && live && admins <= 1,
    history: (org.history ?? []).map(historyLine),
  };
}

export function handOverConfirmation(orgName: string, memberName: string): ConfirmRequest {
  return {
    title: '移交管理员',
    content: `把「${orgName}」的管理员身份移交给${memberName}？对方接受后你将成为普通成员。`,
    confirmText: '移交',
  };
}

export function acceptHandOverConfirmation(orgName: string): ConfirmRequest {
  return { title: '接任管理员', content: `接任后你将负责「${orgName}」的入队审核和成员管理。`, confirmText: '接任' };
}

export function leaveConfirmation(orgName: string): ConfirmRequest {
  return { title: '退出组织', content: `退出「${orgName}」？之后需要重新申请才能加入。`, confirmText: '退出', destructive: true };
}

export function dissolveConfirmation(orgName: string): ConfirmRequest {
  return {
    title: '解散组织',
    content: `解散后「${orgName}」不再公开显示、不再接收入队申请，所有成员会收到通知。此操作不能撤销。`,
    confirmText: '解散',
    destructive: true,
  };
}
