// Collection `notifications`: the outbox (messages/outbox.ts) and the inbox read it; the notify function delivers
// it through WeChat (cloudfunctions/notify/README.md), keeping the delivery's state on the document.
import type { NotificationKind } from '../../../typings/inbox';
import type { DeliveryChannel, DeliveryDropReason, DeliveryState, NotificationPreferences, SubscribeMoment } from '../../../typings/notify';

/** One try on one channel, kept (the last few) for operators. */
export interface DeliveryAttempt {
  at: Date;
  channel: DeliveryChannel;
  /** delivered | permanent | temporary | unanswered (timeout: may have gone out). */
  outcome: 'delivered' | 'permanent' | 'temporary' | 'unanswered';
  /** WeChat's errcode, when it answered one. */
  errcode?: number;
  errmsg?: string;
}

export interface NotificationDelivery {
  state: DeliveryState;
  /** Temporary failures so far (a permanent one moves on to the next channel without counting). */
  attempts: number;
  /** When the message is due (pending), or when an unconfirmed send is taken as not sent. */
  nextAttemptAt: Date;
  /** The channel of the current try; the delivering channel once delivered. */
  channel?: DeliveryChannel;
  /** Channels that refused permanently (43101 no grant left, not a follower): not tried again for this message. */
  refused?: DeliveryChannel[];
  /** While `sending`: the dispatcher run holding it and until when (a run that died leaves it to be reclaimed). */
  claim?: { by: string; until: Date };
  reason?: DeliveryDropReason;
  deliveredAt?: Date;
  /** WeChat's msgid of the delivered message (a 64-bit number, kept as its digits). */
  msgid?: string;
  /**
   * The first official-account send of this message that got no answer: WeChat may have sent it, so retries stay on
   * the official account under the same client_msg_id, inside its 10-minute window (notify/README.md).
   */
  officialAccountUnansweredAt?: Date;
  log?: DeliveryAttempt[];
}

export interface NotificationDoc {
  _id: string;
  kind: NotificationKind;
  recipientUserId: string;
  title: string;
  body: string;
  link?: string;
  aboutUserId?: string;
  /**
   * The facts a WeChat template shows, as the enqueuing code knew them (project name, shift start, result, hours…).
   * Template data is made from these (messages/templates.ts); without them, from title and body.
   */
  facts?: NotificationFacts;
  createdAt: Date;
  readAt: Date | null;
  delivery: NotificationDelivery;
}

/** What a template can show about the change; every field optional, strings as a person reads them. */
export interface NotificationFacts {
  /** Project (or organization) the message is about. */
  subject?: string;
  /** When it happens or happened (a shift's start, a decision). */
  at?: Date;
  /** Where (a shift's place). */
  place?: string;
  /** The outcome in a few words (已通过, 未通过, 候补中 …). */
  result?: string;
  /** Service minutes, for hours and certificates. */
  minutes?: number;
  /** A short remark (a reason, what to do next). */
  note?: string;
}

/**
 * Collection `subscribeGrants`: one document per person and subscribe-message template (`${userId}.${templateId}`):
 * how many messages WeChat still allows (one per acceptance in wx.requestSubscribeMessage), counted down on each
 * send and zeroed when WeChat answers 43101.
 */
export interface SubscribeGrantDoc {
  _id: string;
  userId: string;
  templateId: string;
  left: number;
  lastMoment: SubscribeMoment;
  /**
   * WeChat's send-result pushes (subscribe_msg_sent_event) for this person and template, newest last (a few kept):
   * how an unanswered send learns whether it went out, whichever comes first, the push or the unanswered record.
   */
  sendResults?: SubscribeSendResult[];
  updatedAt: Date;
}

export interface SubscribeSendResult {
  msgid: string;
  /** 0: delivered; otherwise WeChat's ErrorCode. */
  errorCode: number;
  errorStatus: string;
  /** The push's CreateTime. */
  at: Date;
}

/** Collection `notificationPreferences`: `_id` is the userId; absent means the defaults. */
export interface NotificationPreferencesDoc extends NotificationPreferences {
  _id: string;
  updatedAt: Date;
}

/**
 * Collection `followers`: the volunteer official account's followers, `_id` a hash of the account's openid
 * (ids.ts). Kept by the follower function from WeChat's subscribe/unsubscribe pushes and the nightly reconciliation.
 * A volunteer is linked through the unionid (users.unionid, from the mini-program's context).
 */
export interface FollowerDoc {
  _id: string;
  /** The openid under the official account (not the mini-program's). */
  openid: string;
  unionid?: string;
  subscribed: boolean;
  /** CreateTime (seconds) of the newest event applied: an older event arriving late changes nothing. */
  lastEventTime: number;
  subscribedAt?: Date;
  unsubscribedAt?: Date;
  /** The reconciliation run that last saw this follower in WeChat's list. */
  seenInSync?: string;
  updatedAt: Date;
}

/** Collection `wechatTokens`: `_id` the appid; the official account's stable access token, shared by all instances. */
export interface WeChatTokenDoc {
  _id: string;
  token: string;
  expiresAt: Date;
  /** One refresh at a time across instances: the instance refreshing, and until when it may. */
  refreshing?: { by: string; until: Date };
  updatedAt: Date;
}
