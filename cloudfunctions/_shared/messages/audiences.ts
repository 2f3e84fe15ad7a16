// Who can receive each notification kind, so 消息设置 shows a switch only to those a kind can reach (notify.preferences)
// and savePreferences refuses to turn off a kind that never reaches the caller. A Record over every kind: a new kind
// does not compile until it says whom it is for. Pure: the caller's roles are read by the notify function.
import type { NotificationKind } from '../../../typings/inbox';

/**
 * - anyone: whoever uses the app — an applicant for an organization, a claimant of its code, a member offered or
 *   relieved of the admin role, a member of one dissolved, someone who asked for help: none of these needs to be an
 *   admin (or registered);
 * - volunteer: a registered volunteer — their sign-ups, hours, certificates, reminders, invitations and urgent needs
 *   near them;
 * - orgAdmin: an admin of an organization (pending or verified) — its members, sign-ups, hours, certificates,
 *   projects and the help offered to it;
 * - verifier: who may verify a help request — a platform admin or an admin of a verified organization;
 * - platformAdmin: the platform's operators (PLATFORM_ADMIN_OPENIDS).
 */
export type Audience = 'anyone' | 'volunteer' | 'orgAdmin' | 'verifier' | 'platformAdmin';

export interface Roles {
  /** Always true for a caller: a signed-in WeChat user. */
  anyone: boolean;
  volunteer: boolean;
  orgAdmin: boolean;
  verifier: boolean;
  platformAdmin: boolean;
}

export const NO_ROLES: Roles = Object.freeze({ anyone: false, volunteer: false, orgAdmin: false, verifier: false, platformAdmin: false });

export const KIND_AUDIENCE: Readonly<Record<NotificationKind, Audience>> = {
  // 组织: what organization admins hear, and what reaches the person acting on or belonging to an organization (an
  // applicant, a claimant, a member offered the admin role, a former admin, a member of one dissolved), who need not
  // be an admin: those are anyone's to switch.
  'org.reviewed': 'orgAdmin',
  'org.joinRequested': 'orgAdmin',
  'org.joinDecided': 'anyone',
  'org.inviteAccepted': 'orgAdmin',
  'org.applicationExpired': 'anyone',
  'org.claimDecided': 'anyone',
  'org.adminsReplaced': 'anyone',
  'org.handOverOffered': 'anyone',
  'org.handOverAccepted': 'anyone',
  'org.dissolved': 'anyone',
  'claim.decided': 'volunteer',
  'claim.recordMovedAway': 'volunteer',

  'signup.confirmed': 'volunteer',
  'signup.pending': 'volunteer',
  'signup.waitlisted': 'volunteer',
  'signup.offered': 'volunteer',
  'signup.expired': 'volunteer',
  'signup.declined': 'volunteer',
  'signup.removed': 'volunteer',
  'signup.awaitingApproval': 'orgAdmin',
  'signup.withdrawn': 'orgAdmin',

  'hours.confirmed': 'volunteer',
  'hours.rejected': 'volunteer',
  'hours.revoked': 'volunteer',
  'hours.correctionResolved': 'volunteer',
  'hours.correctionReported': 'orgAdmin',
  'hours.overdue': 'orgAdmin',
  'hours.totalsDifference': 'platformAdmin',
  'attendance.missingCheckout': 'orgAdmin',

  'certificate.rejected': 'volunteer',
  'certificate.revoked': 'volunteer',
  'certificate.issued': 'volunteer',
  'certificate.requested': 'orgAdmin',
  'certificate.settingsNeeded': 'orgAdmin',

  // A project's review and its cover's go to the admin who submitted it; its changes to the volunteers signed up.
  'project.reviewed': 'orgAdmin',
  'project.shiftChanged': 'volunteer',
  'project.cancelled': 'volunteer',
  'project.coverRejected': 'orgAdmin',

  'reminder.shift24h': 'volunteer',
  'reminder.shift2h': 'volunteer',
  'digest.orgDaily': 'orgAdmin',
  'project.recommended': 'volunteer',

  // Help requests: the requester's steps reach anyone (any account may ask for help, registered or not); urgent needs
  // nearby a registered volunteer (only they can be willing); offers and ratings an organization's admins; a need
  // waiting for verification those who may verify it.
  'help.awaitingVerification': 'verifier',
  'help.verified': 'anyone',
  'help.rejected': 'anyone',
  'help.offered': 'orgAdmin',
  'help.offerClosed': 'orgAdmin',
  'help.accepted': 'anyone',
  'help.unmatched': 'anyone',
  'help.urgentNearby': 'volunteer',
  'help.served': 'anyone',
  'help.rated': 'orgAdmin',
  'help.expired': 'anyone',

  'match.invited': 'volunteer',
};

/** Whether a person with these roles can receive this kind. */
export function kindApplies(kind: NotificationKind, roles: Roles): boolean {
  return roles[KIND_AUDIENCE[kind]];
}

/** Who receives the kind, in words for a refusal: 「…」只发给{audienceText}. */
export const AUDIENCE_TEXT: Readonly<Record<Audience, string>> = {
  anyone: '所有用户',
  volunteer: '已注册的志愿者',
  orgAdmin: '组织管理员',
  verifier: '平台管理员和已认证组织的管理员',
  platformAdmin: '平台管理员',
};
