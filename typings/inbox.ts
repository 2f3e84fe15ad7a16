// Contracts of the `inbox` cloud function: a person's notifications (我的 → 消息).
// Notifications are written to the outbox (collection `notifications`) in the same transaction as the change they
// tell about, with a deterministic id; the notify function delivers them through WeChat too (typings/notify.ts).
import type { EmptyRequest } from './envelope';

export type NotificationKind =
  | 'org.reviewed'
  | 'org.joinRequested'
  | 'org.joinDecided'
  | 'org.inviteAccepted'
  | 'org.applicationExpired'
  | 'org.claimDecided'
  | 'org.adminsReplaced'
  | 'org.handOverOffered'
  | 'org.handOverAccepted'
  | 'org.dissolved'
  | 'claim.decided'
  | 'claim.recordMovedAway'

  // Sign-up (typings/signup.ts): to the volunteer, and to the organization's admins (awaitingApproval, withdrawn).
  | 'signup.confirmed'
  | 'signup.pending'
  | 'signup.waitlisted'
  | 'signup.offered'
  | 'signup.expired'
  | 'signup.declined'
  | 'signup.removed'
  | 'signup.awaitingApproval'
  | 'signup.withdrawn'

  // Service hours (typings/hours-actions.ts): to the volunteer, and to the organization's admins (correctionReported, overdue).
  | 'hours.confirmed'
  | 'hours.rejected'
  | 'hours.revoked'
  | 'hours.correctionResolved'
  | 'hours.correctionReported'
  | 'hours.overdue'
  // The daily consistency sweep (hours README): to the platform admins, when a counter differs from its records.
  | 'hours.totalsDifference'
  // On-site attendance (typings/attendance.ts): to the organization's admins.
  | 'attendance.missingCheckout'
  // Certificates, the organization's decisions (typings/certificate-org.ts): to the volunteer.
  | 'certificate.rejected'
  | 'certificate.revoked'
  // Certificates, the volunteer's side (typings/certificate-vol.ts): to the volunteer (issued), to the issuer's
  // admins (requested: one waits for review; settingsNeeded: a volunteer asked before the settings were made).
  | 'certificate.issued'
  | 'certificate.requested'
  | 'certificate.settingsNeeded'

  | 'project.reviewed'
  | 'project.shiftChanged'
  | 'project.cancelled'
  | 'project.coverRejected'
  // Shift reminders (typings/reminder.ts): to a confirmed volunteer 24 h (confirm or release the place) and 2 h before.
  | 'reminder.shift24h'
  | 'reminder.shift2h'
  // The daily digest to an organization's admins: sign-ups waiting, records waiting, overdue records.
  | 'digest.orgDaily'
  // New projects that fit a volunteer's region and intentions, for those who opted in (a few a week at most).
  | 'project.recommended'

  // Help requests (typings/help.ts): to verifiers (awaitingVerification), the requester (verified, rejected,
  // accepted, unmatched, served), the admins of an organization offered it (offered, offerClosed, rated) and willing
  // volunteers near an urgent need (urgentNearby).
  | 'help.awaitingVerification'
  | 'help.verified'
  | 'help.rejected'
  | 'help.offered'
  | 'help.offerClosed'
  | 'help.accepted'
  | 'help.unmatched'
  | 'help.urgentNearby'
  | 'help.served'
  | 'help.rated'
  // The requester's need reached its service time still open (expired by the help function's timer).
  | 'help.expired'
  // Matching (typings/match.ts): an organization invites a volunteer to a shift; the link opens 报名 on it.
  | 'match.invited';

export interface NotificationView {
  id: string;
  kind: NotificationKind;
  title: string;
  body: string;
  /** Mini-program page the notification opens. */
  link?: string;
  createdAt: string;
  read: boolean;
}

export interface ListInboxRequest {
  /** Paging: items created before this instant (ISO), newest first. */
  before?: string;
  limit?: number;
}
export interface ListInboxResponse {
  items: NotificationView[];
  unread: number;
  /** Pass as `before` for the next page; absent on the last page. */
  nextBefore?: string;
}

export interface MarkReadRequest {
  /** Ids to mark; omit to mark everything read. */
  ids?: string[];
}
export interface MarkReadResponse {
  unread: number;
}

export interface UnreadResponse {
  unread: number;
}

export interface InboxActions {
  list: { request: ListInboxRequest; response: ListInboxResponse; error: never; mutates: false };
  markRead: { request: MarkReadRequest; response: MarkReadResponse; error: never; mutates: true };
  unread: { request: EmptyRequest; response: UnreadResponse; error: never; mutates: false };
}
