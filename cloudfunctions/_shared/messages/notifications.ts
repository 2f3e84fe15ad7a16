// What 志愿+ tells people, in Chinese: one builder per notification kind, each giving the text, the page it opens
// and the facts that make it unique (the outbox derives the deterministic id from them, so a retried action cannot
// enqueue twice). Titles stay within 20 characters: WeChat template-message keyword values allow no more, and a
// later issue delivers these through WeChat. Volunteers' names are masked (张*): the message may travel outside the
// mini-program; the full name is on the organization's page for its admins (RULES §8).
import { routes, withQuery } from '../../../miniprogram/domain/routes';
import { maskName } from '../rules/mask';
import type { OutgoingNotification } from './outbox';

export const TITLE_MAX_CHARS = 20;

/** The organization's home page, where its profile, members and join requests are. */
export function orgHomePath(orgId: string): string {
  return withQuery(routes.orgHome, { orgId });
}

interface OrgRef {
  orgId: string;
  name: string;
}

/** To the applicant: the platform's verification decision. One per organization: it is reviewed once. */
export function organizationReviewed(args: {
  org: OrgRef;
  applicantUserId: string;
  decision: 'approve' | 'reject';
  reason?: string;
}): OutgoingNotification {
  const approved = args.decision === 'approve';
  return {
    kind: 'org.reviewed',
    recipientUserId: args.applicantUserId,
    title: approved ? '组织认证已通过' : '组织认证未通过',
    body: approved
      ? `「${args.org.name}」已通过平台认证，现在可以发布志愿项目、邀请管理员和接收入队申请了。`
      : `「${args.org.name}」未通过平台认证。原因：${args.reason ?? '未说明'}。如有疑问请联系平台管理员。`,
    link: orgHomePath(args.org.orgId),
    key: [args.org.orgId, args.decision],
  };
}

/** To each active admin: someone asks to join. `requestCount` tells a renewed request from a retried one. */
export function joinRequested(args: {
  org: OrgRef;
  adminUserId: string;
  requesterUserId: string;
  requesterName: string;
  requestCount: number;
}): OutgoingNotification {
  return {
    kind: 'org.joinRequested',
    recipientUserId: args.adminUserId,
    title: '新的入队申请',
    body: `${maskName(args.requesterName)} 申请加入「${args.org.name}」，请在组织主页处理。`,
    link: orgHomePath(args.org.orgId),
    key: [args.org.orgId, args.requesterUserId, String(args.requestCount)],
    aboutUserId: args.requesterUserId,
  };
}

/** To the requester: the admins' answer to request number `requestCount`. */
export function joinDecided(args: {
  org: OrgRef;
  requesterUserId: string;
  decision: 'approve' | 'decline';
  reason?: string;
  requestCount: number;
}): OutgoingNotification {
  const approved = args.decision === 'approve';
  const reason = args.reason?.trim();
  return {
    kind: 'org.joinDecided',
    recipientUserId: args.requesterUserId,
    title: approved ? '入队申请已通过' : '入队申请未通过',
    body: approved
      ? `你已成为「${args.org.name}」的成员。`
      : `你加入「${args.org.name}」的申请未通过${reason ? `。原因：${reason}` : ''}。`,
    link: orgHomePath(args.org.orgId),
    key: [args.org.orgId, args.requesterUserId, String(args.requestCount)],
  };
}

/** To the inviter: the invitation `code` was accepted (codes are single use, so the code alone is unique). */
export function inviteAccepted(args: {
  org: OrgRef;
  inviterUserId: string;
  code: string;
  newAdminName: string;
  newAdminUserId: string;
}): OutgoingNotification {
  return {
    kind: 'org.inviteAccepted',
    recipientUserId: args.inviterUserId,
    title: '管理员邀请已接受',
    body: `${maskName(args.newAdminName)} 已接受你的邀请，成为「${args.org.name}」的管理员。`,
    link: orgHomePath(args.org.orgId),
    key: [args.org.orgId, args.code],
    aboutUserId: args.newAdminUserId,
  };
}

// ── Projects (issue 8) ──────────────────────────────────────────────────────────────────────────────────────────

/** A project's detail page, where its shifts, place and changes are. */
export function projectDetailPath(projectId: string): string {
  return withQuery(routes.projectDetail, { projectId });
}

interface ProjectRef {
  projectId: string;
  title: string;
}

/** To whoever created the project: the platform's review decision (decided once per submission, `submittedAt`). */
export function projectReviewed(args: {
  project: ProjectRef;
  recipientUserId: string;
  decision: 'approve' | 'reject';
  reason?: string;
  submittedAt: Date;
}): OutgoingNotification {
  const approved = args.decision === 'approve';
  return {
    kind: 'project.reviewed',
    recipientUserId: args.recipientUserId,
    title: approved ? '项目审核已通过' : '项目审核未通过',
    body: approved
      ? `「${args.project.title}」已通过平台审核，现在开始招募志愿者。`
      : `「${args.project.title}」未通过平台审核。原因：${args.reason ?? '未说明'}。修改后可以重新提交。`,
    link: projectDetailPath(args.project.projectId),
    key: [args.project.projectId, String(args.submittedAt.getTime()), args.decision],
  };
}

/** To a volunteer signed up for a shift: its time or place changed. `changeAt` tells one change from another. */
export function shiftChanged(args: {
  project: ProjectRef;
  shiftId: string;
  volunteerUserId: string;
  what: string;
  changeAt: Date;
}): OutgoingNotification {
  return {
    kind: 'project.shiftChanged',
    recipientUserId: args.volunteerUserId,
    title: '报名的班次有变动',
    body: `你报名的「${args.project.title}」${args.what}。如不能参加，请在项目页取消报名。`,
    link: projectDetailPath(args.project.projectId),
    key: [args.shiftId, String(args.changeAt.getTime())],
  };
}

/** To a volunteer signed up for a shift: it, or the whole project, was cancelled (once per shift). */
export function shiftCancelled(args: { project: ProjectRef; shiftId: string; volunteerUserId: string; when: string; reason: string }): OutgoingNotification {
  return {
    kind: 'project.cancelled',
    recipientUserId: args.volunteerUserId,
    title: '报名的班次已取消',
    body: `你报名的「${args.project.title}」${args.when} 的班次已取消。原因：${args.reason}。`,
    link: projectDetailPath(args.project.projectId),
    key: [args.shiftId],
  };
}
