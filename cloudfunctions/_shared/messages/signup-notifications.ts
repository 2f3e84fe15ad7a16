// What sign-up tells people (issue 8), one builder per notification kind. The key is the sign-up and the number of
// its transition (its history's length when the change is made), read in the changing transaction: a retried
// transaction makes the same id, so each change is told exactly once; a later change of the same sign-up is a new one.
import { routes, withQuery } from '../../../miniprogram/domain/routes';
import { maskName } from '../rules/mask';
import type { OutgoingNotification } from './outbox';

export interface SignupFacts {
  signupId: string;
  shiftId: string;
  projectId: string;
  orgId: string;
  userId: string;
  projectTitle: string;
  /** e.g. 12-06 09:00–11:30 (rules.shiftTimeText). */
  when: string;
  /** The transition's number on this sign-up. */
  transition: number;
  /** The shift's start, for the WeChat template's time (messages/templates.ts). */
  startsAt?: Date;
}

type VolunteerKind = 'signup.confirmed' | 'signup.pending' | 'signup.waitlisted' | 'signup.offered' | 'signup.expired' | 'signup.declined' | 'signup.removed';

const TITLES: Record<VolunteerKind, string> = {
  'signup.confirmed': '报名成功',
  'signup.pending': '报名待审核',
  'signup.waitlisted': '已进入候补名单',
  'signup.offered': '候补名额待确认',
  'signup.expired': '候补名额已顺延',
  'signup.declined': '报名未通过',
  'signup.removed': '已被移出班次',
};

/** To the volunteer: their sign-up's new status and its reason (the words stored on the sign-up). */
export function toVolunteer(kind: VolunteerKind, s: SignupFacts, reason: string): OutgoingNotification {
  return {
    kind,
    recipientUserId: s.userId,
    title: TITLES[kind],
    body: `「${s.projectTitle}」${s.when}：${reason}`,
    // The project's sign-up page shows the person's status per shift and confirms an offer.
    link: withQuery(routes.projectSignup, { projectId: s.projectId, shiftId: s.shiftId }),
    key: [s.signupId, String(s.transition)],
    facts: { subject: s.projectTitle, ...(s.startsAt ? { at: s.startsAt } : {}), note: reason },
  };
}

/** To each active admin of the organization: a sign-up waits for their decision, or a volunteer withdrew. */
export function toAdmin(
  kind: 'signup.awaitingApproval' | 'signup.withdrawn',
  s: SignupFacts,
  adminUserId: string,
  volunteerName: string,
  late = false,
): OutgoingNotification {
  const who = maskName(volunteerName);
  return {
    kind,
    recipientUserId: adminUserId,
    title: kind === 'signup.awaitingApproval' ? '新的报名待审核' : late ? '志愿者迟退' : '志愿者取消报名',
    body:
      kind === 'signup.awaitingApproval'
        ? `${who} 报名了「${s.projectTitle}」${s.when}，请审核。`
        : `${who} 取消了「${s.projectTitle}」${s.when}的报名${late ? '（已过取消截止时间）' : ''}。`,
    link: withQuery(routes.orgSignups, { shiftId: s.shiftId }),
    key: [s.signupId, String(s.transition)],
    aboutUserId: s.userId,
  };
}
