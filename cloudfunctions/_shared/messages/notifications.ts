// What 志愿+ tells people, in Chinese: one builder per notification kind, each giving the text, the page it opens
// and the facts that make it unique (the outbox derives the deterministic id from them, so a retried action cannot
// enqueue twice). Titles stay within 20 characters: WeChat template-message keyword values allow no more, and a
// later issue delivers these through WeChat. Volunteers' names are masked (张*): the message may travel outside the
// mini-program; the full name is on the organization's page for its admins (RULES §8).
import { routes, withQuery } from '../../../miniprogram/domain/routes';
import { maskName } from '../rules/mask';
import type { ShiftChange } from '../documents/project';
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
  /** Which submission was decided (1 for the first; a resubmitted application is decided again). */
  round?: number;
}): OutgoingNotification {
  const approved = args.decision === 'approve';
  const round = args.round ?? 1;
  return {
    kind: 'org.reviewed',
    recipientUserId: args.applicantUserId,
    title: approved ? '组织认证已通过' : '组织认证未通过',
    body: approved
      ? `「${args.org.name}」已通过平台认证，现在可以发布志愿项目、邀请管理员和接收入队申请了。`
      : `「${args.org.name}」未通过平台认证。原因：${args.reason ?? '未说明'}。如有疑问请联系平台管理员。`,
    link: orgHomePath(args.org.orgId),
    // The first round keeps the id it always had; later rounds are told apart.
    key: round === 1 ? [args.org.orgId, args.decision] : [args.org.orgId, args.decision, String(round)],
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

/** To the applicant: a pending application's hold on its USCC ran out before review; the code is free again. */
export function applicationExpired(args: { org: OrgRef; applicantUserId: string; uscc: string; submittedAt: Date }): OutgoingNotification {
  return {
    kind: 'org.applicationExpired',
    recipientUserId: args.applicantUserId,
    title: '组织申请已失效',
    body: `「${args.org.name}」的申请提交后长时间未完成审核，统一社会信用代码 ${args.uscc} 已释放。你可以在组织主页修改后重新提交。`,
    link: orgHomePath(args.org.orgId),
    key: [args.org.orgId, String(args.submittedAt.getTime())],
  };
}

/** To the claimant: the platform's decision on their claim of a USCC. */
export function claimDecided(args: { claimId: string; claimantUserId: string; uscc: string; decision: 'approve' | 'reject'; reason?: string; orgId?: string; decidedAt: Date }): OutgoingNotification {
  const approved = args.decision === 'approve';
  return {
    kind: 'org.claimDecided',
    recipientUserId: args.claimantUserId,
    title: approved ? '代码申诉已通过' : '代码申诉未通过',
    body: approved
      ? `你对统一社会信用代码 ${args.uscc} 的申诉已通过，你已成为该组织的管理员。`
      : `你对统一社会信用代码 ${args.uscc} 的申诉未通过。原因：${args.reason ?? '未说明'}。`,
    ...(args.orgId ? { link: orgHomePath(args.orgId) } : {}),
    key: [args.claimId, String(args.decidedAt.getTime())],
  };
}

/** To each former admin: a claim by the code's real holder was approved, so their admin role ended. */
export function adminsReplaced(args: { org: OrgRef; formerAdminUserId: string; claimId: string }): OutgoingNotification {
  return {
    kind: 'org.adminsReplaced',
    recipientUserId: args.formerAdminUserId,
    title: '你的管理员身份已移除',
    body: `平台核实了统一社会信用代码持有人的申诉，「${args.org.name}」已交由其负责人管理，你的管理员身份已移除。如有异议请联系平台管理员。`,
    key: [args.org.orgId, args.claimId],
  };
}

/** To the recipient: an admin offers them the admin role. */
export function handOverOffered(args: { org: OrgRef; toUserId: string; fromUserId: string; fromName: string; offeredAt: Date }): OutgoingNotification {
  return {
    kind: 'org.handOverOffered',
    recipientUserId: args.toUserId,
    title: '请你接任组织管理员',
    body: `${maskName(args.fromName)} 想把「${args.org.name}」的管理员身份移交给你，请在组织主页确认是否接受。`,
    link: orgHomePath(args.org.orgId),
    key: [args.org.orgId, String(args.offeredAt.getTime())],
    aboutUserId: args.fromUserId,
  };
}

/** To the former admin: the recipient accepted; they are an ordinary member now. */
export function handOverAccepted(args: { org: OrgRef; fromUserId: string; toUserId: string; toName: string; offeredAt: Date }): OutgoingNotification {
  return {
    kind: 'org.handOverAccepted',
    recipientUserId: args.fromUserId,
    title: '管理员移交已完成',
    body: `${maskName(args.toName)} 已接任「${args.org.name}」的管理员，你现在是普通成员，可以退出组织或注销账号。`,
    link: orgHomePath(args.org.orgId),
    key: [args.org.orgId, String(args.offeredAt.getTime())],
    aboutUserId: args.toUserId,
  };
}

/** To each member and pending requester: the organization was dissolved. */
export function organizationDissolved(args: { org: OrgRef; recipientUserId: string }): OutgoingNotification {
  return {
    kind: 'org.dissolved',
    recipientUserId: args.recipientUserId,
    title: '组织已解散',
    body: `「${args.org.name}」已由管理员解散，不再公开显示，也不再接收入队申请。你的服务记录不受影响。`,
    key: [args.org.orgId],
  };
}

/** To the claimant: the review of their claim. One per claim: it is decided once. */
export function identityClaimDecided(args: { claimId: string; claimantUserId: string; decision: 'approve' | 'reject'; reason: string; volunteerNo?: string }): OutgoingNotification {
  const approved = args.decision === 'approve';
  return {
    kind: 'claim.decided',
    recipientUserId: args.claimantUserId,
    title: approved ? '申诉已通过' : '申诉未通过',
    body: approved
      ? `你的申诉已通过，志愿者档案${args.volunteerNo ? ` ${args.volunteerNo}` : ''}（含服务时长和所在组织）已转入你的账号。审核说明：${args.reason}`
      : `你的申诉未通过。原因：${args.reason}。如有新的证据，可以重新提交申诉。`,
    link: withQuery(routes.claim, { claimId: args.claimId }),
    key: [args.claimId, args.decision],
  };
}

/** To the account the record left: why it has no volunteer record any more. */
export function recordMovedAway(args: { claimId: string; holderUserId: string; claimantUserId: string; reason: string }): OutgoingNotification {
  return {
    kind: 'claim.recordMovedAway',
    recipientUserId: args.holderUserId,
    title: '志愿者档案已转出',
    body: `经平台审核，你账号下的志愿者档案已由证件本人申诉找回，转入其本人的微信账号；你的微信账号仍可使用，但不再关联这份档案。审核说明：${args.reason}。如有异议请联系平台管理员。`,
    link: routes.me,
    key: [args.claimId],
    aboutUserId: args.claimantUserId,
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

/** The message of a shift's change for one of its volunteers: the same id whoever enqueues it (the change or the sign-up). */
export function shiftChangeNotice(args: { project: ProjectRef; shiftId: string; volunteerUserId: string; change: ShiftChange }): OutgoingNotification {
  const { change } = args;
  return change.kind === 'changed'
    ? shiftChanged({ project: args.project, shiftId: args.shiftId, volunteerUserId: args.volunteerUserId, what: change.what, changeAt: new Date(change.at) })
    : shiftCancelled({ project: args.project, shiftId: args.shiftId, volunteerUserId: args.volunteerUserId, when: change.when, reason: change.reason });
}

/**
 * To each active admin: WeChat's content check (mediaCheckAsync) found the cover risky, so volunteers no longer see
 * it. One message per check (`traceId`): a repeated push tells nobody twice.
 */
export function coverRejected(args: { project: ProjectRef; adminUserId: string; traceId: string }): OutgoingNotification {
  return {
    kind: 'project.coverRejected',
    recipientUserId: args.adminUserId,
    title: '项目封面未通过检测',
    body: `「${args.project.title}」的封面图片未通过微信内容安全检测，已不再向志愿者展示。`,
    link: projectDetailPath(args.project.projectId),
    key: [args.project.projectId, args.traceId],
  };
}
