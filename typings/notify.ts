// Contracts of the `notify` cloud function: how a notification in the outbox (collection `notifications`, written by
// the function whose change it tells about) reaches its person through WeChat, exactly once. The in-app inbox
// (typings/inbox.ts) always has it; on top of that it goes out as a mini-program subscribe message when a grant is
// left for its template, else as an official-account template message when the person follows the account.
import type { EmptyRequest } from './envelope';
import type { NotificationKind } from './inbox';

/** The WeChat channels a notification can go out on (the inbox is not one: it always has the message). */
export type DeliveryChannel = 'subscribe' | 'officialAccount';

/**
 * Where a notification's WeChat delivery stands.
 * - pending: due at `nextAttemptAt` (a new message, a temporary failure's backoff, or held by quiet hours);
 * - sending: claimed by one dispatcher run until its claim expires;
 * - unconfirmed: a subscribe message whose send was not answered (timeout): WeChat's send-result push
 *   (subscribe_msg_sent_event) decides whether it went out, before anything is sent again;
 * - delivered: WeChat accepted it on `channel`;
 * - dropped: not sent on purpose, with the reason (no channel, turned off, no grant and not a follower, …);
 * - dead: temporary failures until the attempts ran out; visible to operators, who may requeue it.
 */
export type DeliveryState = 'pending' | 'sending' | 'unconfirmed' | 'delivered' | 'dropped' | 'dead';

/** Why a notification was not sent on WeChat (dropped) or gave up (dead). */
export type DeliveryDropReason =
  | 'noChannel' // no grant left and not a follower (the inbox still has it)
  | 'turnedOff' // the person turned this kind off
  | 'noTemplate' // no template id configured for this kind on any open channel
  | 'noRecipient' // the account is gone
  | 'badData' // WeChat refused the template data (a bug to fix; never retried)
  | 'attemptsExhausted'; // dead: temporary failures every time

/** The moments the mini-program asks for subscriptions (wx.requestSubscribeMessage, at most 3 templates at once). */
export type SubscribeMoment = 'signup' | 'checkin' | 'certificate';

/** wx.requestSubscribeMessage's answer per template id. */
export type SubscribeAnswer = 'accept' | 'reject' | 'ban' | 'filter';

export interface SubscribeTemplatesRequest {
  moment: SubscribeMoment;
}
export interface SubscribeTemplatesResponse {
  /** Template ids to pass to wx.requestSubscribeMessage (≤ 3); empty when none is configured for the moment. */
  templateIds: string[];
}

export interface ReportSubscriptionsRequest {
  moment: SubscribeMoment;
  /** The answers wx.requestSubscribeMessage gave, by template id (errMsg left out). */
  answers: Record<string, SubscribeAnswer>;
}
export interface ReportSubscriptionsResponse {
  /** Messages the caller now allows per template id of the moment (one per acceptance). */
  grants: Record<string, number>;
}

/** A time of day in Asia/Shanghai, "HH:mm". */
export type ClockTime = string;

export interface NotificationPreferences {
  /** Kinds the person turned off: no WeChat message for them (and no reminder, digest or recommendation at all). */
  off: NotificationKind[];
  /** Non-urgent messages wait until `end`; null: no quiet hours. Default 22:00–08:00. */
  quietHours: { start: ClockTime; end: ClockTime } | null;
  /** New projects that fit the volunteer's region and intentions (opt-in; a few a week at most). */
  recommendations: boolean;
}

export interface PreferenceKindView {
  kind: NotificationKind;
  /** Chinese label shown next to the switch. */
  label: string;
  /** The group the switch is shown in (报名, 服务时长, 证明, 组织, 项目, 提醒). */
  group: string;
  /** Urgent kinds (a shift in 2 hours) are not held by quiet hours. */
  urgent: boolean;
}

export interface PreferencesResponse {
  preferences: NotificationPreferences;
  /** The kinds this person can receive (from their roles: cloudfunctions/_shared/messages/audiences.ts), grouped for the page. */
  kinds: PreferenceKindView[];
  /** Whether the caller follows the volunteer official account (linked through the unionid). */
  followsOfficialAccount: boolean;
}

export type SavePreferencesRequest = Partial<NotificationPreferences>;

export interface DeliveryCountView {
  state: DeliveryState;
  count: number;
}
export interface DeadLetterView {
  id: string;
  kind: NotificationKind;
  state: 'dead' | 'dropped';
  reason: DeliveryDropReason;
  attempts: number;
  /** The last WeChat answer, e.g. "45009 reach max api daily quota limit". */
  lastError?: string;
  createdAt: string;
}
export interface DeliveryReportRequest {
  /** Paging over dead (and, with `dropped`, dropped) messages, newest first. */
  before?: string;
  dropped?: boolean;
}
export interface DeliveryReportResponse {
  counts: DeliveryCountView[];
  items: DeadLetterView[];
  nextBefore?: string;
}

export interface RequeueRequest {
  /** Dead notifications to try again from their first channel. */
  ids: string[];
}
export interface RequeueResponse {
  requeued: number;
}

export interface KickResponse {
  /** Messages this run delivered, dropped or rescheduled. */
  handled: number;
}

export interface NotifyActions {
  subscribeTemplates: { request: SubscribeTemplatesRequest; response: SubscribeTemplatesResponse; error: never; mutates: false };
  reportSubscriptions: { request: ReportSubscriptionsRequest; response: ReportSubscriptionsResponse; error: 'NOT_REGISTERED'; mutates: true };
  preferences: { request: EmptyRequest; response: PreferencesResponse; error: never; mutates: false };
  /** KIND_NOT_RECEIVED: `off` names a kind that never reaches the caller (their roles), and it was not off already. */
  savePreferences: { request: SavePreferencesRequest; response: PreferencesResponse; error: 'BAD_QUIET_HOURS' | 'KIND_NOT_RECEIVED'; mutates: true };
  /** Platform admins: delivery counts and the messages operators should look at. */
  deliveryReport: { request: DeliveryReportRequest; response: DeliveryReportResponse; error: never; mutates: false };
  /** Platform admins: send dead messages again. */
  requeue: { request: RequeueRequest; response: RequeueResponse; error: never; mutates: true };
  /** Another function, right after it enqueued: deliver what is due now, briefly (the timer does the rest). */
  kick: { request: EmptyRequest; response: KickResponse; error: never; mutates: false };
}
