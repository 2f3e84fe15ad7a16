// What the match function says (issue 12, volunteers for a shift): its refusals and the invitation message.
import { routes, withQuery } from '../../../miniprogram/domain/routes';
import type { OutgoingNotification } from './outbox';

export const MATCH_MESSAGES = {
  shiftClosed: '这个班次已开始、已取消、已满员或项目不在招募中，无法推荐或邀请志愿者',
  seriesNotFound: '没有找到这组重复班次，请刷新后重试',
  invitationNotFound: '没有找到这条邀请，可能已被删除',
  forbidden: '只有该项目所属组织的管理员可以推荐和邀请志愿者',
  mixedOrganizations: '一次只能邀请同一组织的班次',
} as const;

export interface InvitationFacts {
  invitationId: string;
  userId: string;
  shiftId: string;
  projectId: string;
  projectTitle: string;
  orgName: string;
  startsAt: Date;
  /** e.g. 12-06 09:00–11:30 (signup rules.shiftTimeText). */
  when: string;
  address: string;
}

/** The link a person taps: 报名 with the shift chosen, carrying the invitation (one tap to sign up). */
export function invitationLink(f: Pick<InvitationFacts, 'projectId' | 'shiftId' | 'invitationId'>): string {
  return withQuery(routes.projectSignup, { projectId: f.projectId, shiftId: f.shiftId, invitationId: f.invitationId });
}

/** One message per invitation (its id is the key), so a retried invite enqueues nothing twice. */
export function invitationNotice(f: InvitationFacts): OutgoingNotification {
  return {
    kind: 'match.invited',
    recipientUserId: f.userId,
    title: '组织邀请你报名',
    body: `${f.orgName}邀请你参加「${f.projectTitle}」${f.when}的服务，点开即可报名（名额有限，先到先得）`,
    link: invitationLink(f),
    key: [f.invitationId],
    facts: { subject: f.projectTitle, at: f.startsAt, place: f.address, note: `${f.orgName}邀请你报名` },
  };
}

