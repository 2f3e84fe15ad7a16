// The dispatcher's decisions, pure (no I/O, the time passed in): what a WeChat answer means for a message, when to
// try again, which channels a person has, and whether quiet hours hold a message. cloudfunctions/notify/README.md
// explains each rule and its source; delivery-rules.test.ts holds them.
import type { DeliveryChannel, NotificationPreferences } from '../../../typings/notify';
import { shanghaiClock, shanghaiInstant } from '../../../miniprogram/domain/calendar';
import type { WeChatOutcome } from '../wechat/api';
import { minutesOfDay } from './preferences';

export type Classified =
  | { outcome: 'delivered'; msgid: string }
  /** WeChat will never take this message on this channel: try the next one (`fallBack`), or drop it with `reason`. */
  | { outcome: 'permanent'; errcode: number; errmsg: string; fallBack: true; zeroGrant: boolean }
  | { outcome: 'permanent'; errcode: number; errmsg: string; fallBack: false; reason: 'badData' }
  /** Worth trying again later on the same channel. */
  | { outcome: 'temporary'; errcode: number; errmsg: string }
  /** No answer: the message may have gone out. */
  | { outcome: 'unanswered'; detail: string };

/**
 * Errcodes that close a channel for this message, and move it to the next channel:
 * - 43101 "user refuse to accept the msg": no subscription left for the template (subscribeMessage.send);
 * - 43004 "require subscribe": the person does not follow the account (template/send); 40003 invalid openid;
 * - 40037 invalid template_id, 41030 / 40165 invalid page, 40166 invalid mini-program appid: this channel's template
 *   or link is misconfigured, the other channel has its own;
 * - 45067 client_msg_id too long (the official account's dedup key cannot be sent, so neither can the message).
 */
const CLOSES_CHANNEL = new Set([43101, 43004, 40003, 40037, 41030, 40165, 40166, 45067]);
/**
 * 45065 "clientmsgid exist": the official account already sent a message under this client_msg_id within its
 * 10 minutes (template/send's 防重入): an earlier try whose answer was lost went out, so this one is delivered.
 */
const ALREADY_SENT = 45065;
/**
 * 47003 "argument invalid": the data built from the message's facts breaks a keyword's rule. The other channel's
 * template takes the same keywords built by the same code, so it would refuse it too: dropped as badData (a bug to
 * fix), never retried.
 */
const BAD_DATA = new Set([47003]);

export function classify<T extends { msgid: string }>(outcome: WeChatOutcome<T>): Classified {
  if (outcome.ok) return { outcome: 'delivered', msgid: outcome.value.msgid };
  if (outcome.kind === 'unanswered') return { outcome: 'unanswered', detail: outcome.detail };
  const { errcode, errmsg } = outcome;
  if (errcode === ALREADY_SENT) return { outcome: 'delivered', msgid: '' };
  if (CLOSES_CHANNEL.has(errcode)) return { outcome: 'permanent', errcode, errmsg, fallBack: true, zeroGrant: errcode === 43101 };
  if (BAD_DATA.has(errcode)) return { outcome: 'permanent', errcode, errmsg, fallBack: false, reason: 'badData' };
  // Everything else is taken as passing: 45009 / 45047 rate limits, 40001 / 42001 / 40014 tokens the adapter already
  // refreshed once, -1 system error, and codes WeChat may add. Retried with backoff until MAX_ATTEMPTS, then dead
  // and shown to operators — never silently dropped.
  return { outcome: 'temporary', errcode, errmsg };
}

export interface RetryPolicy {
  baseMs: number;
  capMs: number;
  maxAttempts: number;
}

/** 30 s, 1 min, 2 min … up to 1 h, 8 tries: a day's rate limit (45009) resets within the hours this spans. */
export const DEFAULT_RETRY: RetryPolicy = { baseMs: 30_000, capMs: 3_600_000, maxAttempts: 8 };

/**
 * The wait before try `attempts + 1`: "full jitter" (uniform in [0, min(cap, base·2^attempts)]), so messages that
 * failed together do not come back together. `random` in [0, 1), passed in so tests can seed it.
 */
export function backoffMs(attempts: number, policy: RetryPolicy, random: number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts));
  return Math.floor(Math.min(Math.max(random, 0), 1) * ceiling);
}

/** A temporary failure counts an attempt; once they reach the policy's maximum the message is dead. */
export function isExhausted(attempts: number, policy: RetryPolicy): boolean {
  return attempts >= policy.maxAttempts;
}

/**
 * The official account sends one message per openid + client_msg_id within 10 minutes (template/send:
 * "对于同一个openid + client_msg_id, 只发送一条消息, 10分钟有效"). After an unanswered send the retry must start well
 * inside that window, so the last one starts a minute before it closes; later, a retry could be a second message.
 */
export const OA_DEDUP_WINDOW_MS = 10 * 60_000;
export const OA_RETRY_MARGIN_MS = 60_000;

export function mayRetryOfficialAccount(firstUnansweredAt: Date, now: Date): boolean {
  return now.getTime() < firstUnansweredAt.getTime() + OA_DEDUP_WINDOW_MS - OA_RETRY_MARGIN_MS;
}

/** When the next official-account retry after an unanswered send starts: the backoff, but inside the window. */
export function officialAccountRetryAt(firstUnansweredAt: Date, now: Date, backoff: number): Date {
  const latest = firstUnansweredAt.getTime() + OA_DEDUP_WINDOW_MS - OA_RETRY_MARGIN_MS - 1;
  return new Date(Math.max(now.getTime(), Math.min(now.getTime() + backoff, latest)));
}

export interface ChannelFacts {
  /** A grant is left for the kind's subscribe template in the ledger. */
  grantLeft: boolean;
  /** The person follows the official account (a subscribed follower linked by unionid). */
  follows: boolean;
  /** Which channels have the kind's template configured. */
  configured: Record<DeliveryChannel, boolean>;
  /** Channels that already refused this message for good. */
  refused: readonly DeliveryChannel[];
}

/**
 * The channels to try, in order: a subscribe message when a grant is left (the person asked for it), then the
 * official account when they follow it (DESIGN §3). Unconfigured and refused channels are left out.
 */
export function channelsFor(f: ChannelFacts): DeliveryChannel[] {
  const order: DeliveryChannel[] = [];
  if (f.grantLeft && f.configured.subscribe) order.push('subscribe');
  if (f.follows && f.configured.officialAccount) order.push('officialAccount');
  return order.filter((c) => !f.refused.includes(c));
}

/** Why nothing can be sent: the person has a channel but no template is set up for it, or they have none. */
export function noChannelReason(f: ChannelFacts): 'noChannel' | 'noTemplate' {
  const has = (f.grantLeft && !f.refused.includes('subscribe')) || (f.follows && !f.refused.includes('officialAccount'));
  return has ? 'noTemplate' : 'noChannel';
}

/**
 * When quiet hours hold a message due `now`: the end of the quiet period `now` lies in (Asia/Shanghai), or null
 * when `now` is outside it. Ranges may run over midnight (22:00–08:00); start is inside, end is not.
 */
export function quietUntil(now: Date, quietHours: NotificationPreferences['quietHours']): Date | null {
  if (!quietHours) return null;
  const start = minutesOfDay(quietHours.start);
  const end = minutesOfDay(quietHours.end);
  const clock = shanghaiClock(now);
  const minute = clock.hour() * 60 + clock.minute();
  const overnight = start > end;
  const inside = overnight ? minute >= start || minute < end : minute >= start && minute < end;
  if (!inside) return null;
  const midnight = clock.startOf('day');
  const endToday = midnight.add(end, 'minute');
  const until = overnight && minute >= start ? endToday.add(1, 'day') : endToday;
  return shanghaiInstant(until);
}

/** Whether the message must wait: urgent kinds never do. */
export function heldUntil(now: Date, urgent: boolean, quietHours: NotificationPreferences['quietHours']): Date | null {
  return urgent ? null : quietUntil(now, quietHours);
}

/** A seedable uniform random source in [0, 1) (mulberry32), for jitter in tests and the bench. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
