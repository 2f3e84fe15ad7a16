// Pure rules of the follower function: is a request from WeChat, what does a push say, what does it change, and
// what a reconciliation walk does next. No I/O, no clock of its own (the time is passed in).
import { FOLLOWER_TEXTS } from '../_shared/messages/followers';
import { decryptMessage, isEncodingAesKey, messageSignature, signaturesMatch, urlSignature } from '../_shared/wechat/message-crypto';
import type { FollowerDoc } from '../_shared/documents/notification';
import type { FollowerSyncDoc } from '../_shared/documents/follower-sync';
import type { FollowerDetail } from '../_shared/wechat/api';
import { encryptedEnvelopeSchema, followerMessageSchema, parseXml } from './schemas';

/**
 * How far a request's `timestamp` may be from our clock. WeChat signs each request when it sends it and retries
 * three times within about 15 s, so a genuine push is seconds old; five minutes leaves room for clock skew between
 * WeChat and the function and is the replay window other Tencent signatures use (TC3-HMAC-SHA256: "误差超过 5
 * 分钟会签名过期"). A replay inside the window changes nothing: events are applied once by sender and CreateTime.
 */
export const TIMESTAMP_WINDOW_SECONDS = 300;

export interface OfficialAccountConfig {
  appid: string;
  /** 服务器配置 → 令牌 (Token). */
  token: string;
  /** 服务器配置 → EncodingAESKey; set, only 安全模式 (or 兼容模式) pushes are accepted. */
  aesKey?: string;
}

/** The account's server configuration from the function's variables, or null when Token or AppID is missing. */
export function officialAccountConfigOf(env: Record<string, string | undefined>): OfficialAccountConfig | null {
  const appid = env.ZY_OA_APPID?.trim();
  const token = env.ZY_OA_TOKEN?.trim();
  if (!appid || !token) return null;
  const aesKey = env.ZY_OA_ENCODING_AES_KEY?.trim();
  // A key that is not a 43-character EncodingAESKey is a configuration fault, not "plain mode".
  if (aesKey && !isEncodingAesKey(aesKey)) return null;
  return aesKey ? { appid, token, aesKey } : { appid, token };
}

export type Refusal = { ok: false; status: 400 | 401 | 403; text: string; reason: string };

const refuse = (status: Refusal['status'], reason: string, text: string): Refusal => ({ ok: false, status, text, reason });

function signedFresh(query: Record<string, string>, config: OfficialAccountConfig, nowSeconds: number): Refusal | null {
  const { signature, timestamp, nonce } = query;
  if (!signature || !timestamp || !nonce || !/^\d{1,12}$/.test(timestamp)) return refuse(401, 'unsigned', FOLLOWER_TEXTS.badSignature);
  if (!signaturesMatch(urlSignature(config.token, timestamp, nonce), signature)) return refuse(401, 'signature', FOLLOWER_TEXTS.badSignature);
  if (Math.abs(nowSeconds - Number(timestamp)) > TIMESTAMP_WINDOW_SECONDS) return refuse(401, 'stale', FOLLOWER_TEXTS.stale);
  return null;
}

/** 服务器配置's check: GET with signature, timestamp, nonce, echostr; the answer is echostr itself. */
export function handshake(query: Record<string, string>, config: OfficialAccountConfig, nowSeconds: number): { ok: true; echostr: string } | Refusal {
  const refusal = signedFresh(query, config, nowSeconds);
  if (refusal) return refusal;
  if (!query.echostr) return refuse(400, 'echostr', FOLLOWER_TEXTS.badMessage);
  return { ok: true, echostr: query.echostr };
}

/**
 * The push's message XML, once the request is proven to be WeChat's. In plain mode `signature` covers only Token,
 * timestamp and nonce, not the body, so a captured URL could carry a forged body within the window: with an
 * EncodingAESKey configured only encrypted pushes are taken, whose `msg_signature` covers the body, and the appid
 * inside the decrypted message must be ours (a message encrypted for another account is refused).
 */
export function openPush(query: Record<string, string>, body: string, config: OfficialAccountConfig, nowSeconds: number): { ok: true; xml: string } | Refusal {
  const refusal = signedFresh(query, config, nowSeconds);
  if (refusal) return refusal;
  const encrypted = query.encrypt_type === 'aes';
  if (!config.aesKey) return encrypted ? refuse(400, 'no-key', FOLLOWER_TEXTS.badMessage) : { ok: true, xml: body };
  if (!encrypted) return refuse(403, 'plain-refused', FOLLOWER_TEXTS.encryptionRequired);
  const envelope = encryptedEnvelopeSchema.safeParse(parseXml(body));
  if (!envelope.success) return refuse(400, 'envelope', FOLLOWER_TEXTS.badMessage);
  const encrypt = envelope.data.xml.Encrypt;
  if (!query.msg_signature || !signaturesMatch(messageSignature(config.token, query.timestamp!, query.nonce!, encrypt), query.msg_signature)) {
    return refuse(401, 'msg_signature', FOLLOWER_TEXTS.badSignature);
  }
  const decrypted = decryptMessage(config.aesKey, encrypt);
  if (!decrypted.ok) return refuse(400, `decrypt-${decrypted.reason}`, FOLLOWER_TEXTS.badMessage);
  if (decrypted.appid !== config.appid) return refuse(403, 'appid', FOLLOWER_TEXTS.wrongAccount);
  return { ok: true, xml: decrypted.message };
}

/** A follow or unfollow as WeChat pushed it. */
export interface FollowEvent {
  /** FromUserName: the follower's openid under the official account. */
  openid: string;
  subscribed: boolean;
  /** CreateTime, seconds. */
  createTime: number;
  /** Present only if WeChat put one in the push; otherwise user/info is asked. */
  unionid?: string;
}

export type PushMessage = { kind: 'follow'; event: FollowEvent } | { kind: 'other'; msgType: string; event?: string } | { kind: 'malformed' };

/** What a decrypted (or plain) message says: a subscribe/unsubscribe event, something else, or nothing readable. */
export function readMessage(xml: string): PushMessage {
  const parsed = followerMessageSchema.safeParse(parseXml(xml));
  if (!parsed.success) return { kind: 'malformed' };
  const m = parsed.data.xml;
  if (m.MsgType !== 'event' || (m.Event !== 'subscribe' && m.Event !== 'unsubscribe')) return { kind: 'other', msgType: m.MsgType, event: m.Event };
  const event: FollowEvent = { openid: m.FromUserName, subscribed: m.Event === 'subscribe', createTime: Number(m.CreateTime) };
  if (m.UnionId) event.unionid = m.UnionId;
  return { kind: 'follow', event };
}

/**
 * A CreateTime past our clock by more than the window would, under "the newest event wins", shut out every genuine
 * event until then: such an event is refused rather than applied.
 */
export function createTimeAcceptable(createTime: number, nowSeconds: number): boolean {
  return createTime <= nowSeconds + TIMESTAMP_WINDOW_SECONDS;
}

export type EventOutcome =
  /** The event is newer than anything applied: write it (conditionally on lastEventTime < createTime). */
  | { kind: 'apply' }
  /** WeChat's retry of the event already applied (same sender, CreateTime and event): nothing changes. */
  | { kind: 'duplicate' }
  /** An older event arriving late: the newer one stands. */
  | { kind: 'stale' }
  /** Another event with the same CreateTime (follow and unfollow in one second): their order is unknown. */
  | { kind: 'tie' };

/** What an event does to the follower as stored (null: never seen). */
export function outcomeOf(current: Pick<FollowerDoc, 'subscribed' | 'lastEventTime'> | null, event: FollowEvent): EventOutcome {
  if (!current || current.lastEventTime < event.createTime) return { kind: 'apply' };
  if (current.lastEventTime > event.createTime) return { kind: 'stale' };
  return current.subscribed === event.subscribed ? { kind: 'duplicate' } : { kind: 'tie' };
}

/** The fields an applied event writes (the unionid only when known: it never changes for an openid). */
export function eventPatch(event: FollowEvent, unionid: string | undefined, now: Date): Partial<FollowerDoc> {
  const at = new Date(event.createTime * 1000);
  return {
    openid: event.openid,
    subscribed: event.subscribed,
    lastEventTime: event.createTime,
    ...(event.subscribed ? { subscribedAt: at } : { unsubscribedAt: at }),
    ...(unionid ? { unionid } : {}),
    updatedAt: now,
  };
}

// ---- Reconciliation ----

/** A walk starts at most this often: the timer fires every 10 minutes in the night window to resume one walk. */
export const HOURS_BETWEEN_WALKS = 12;
/** user/info/batchget takes at most 100 openids per call. */
export const DETAILS_PER_CALL = 100;

export type WalkStep = 'start' | 'resume' | 'rest';

/** Whether this run starts a walk, resumes the one under way, or has nothing to do (tonight's walk is done). */
export function walkStepOf(sync: Pick<FollowerSyncDoc, 'state' | 'startedAt'> | null, now: Date): WalkStep {
  if (!sync) return 'start';
  if (sync.state === 'walking') return 'resume';
  return now.getTime() - sync.startedAt.getTime() >= HOURS_BETWEEN_WALKS * 3600_000 ? 'start' : 'rest';
}

/** A walk's id: sortable by start, unique per start (runs of one walk share it). */
export function runIdOf(startedAt: Date): string {
  return `sync_${startedAt.toISOString().replace(/[-:.]/g, '')}`;
}

export type Correction =
  /** Not in the collection and following: add it. */
  | { kind: 'add'; doc: Omit<FollowerDoc, '_id'> }
  /** Held otherwise than WeChat says, and no event since the walk began: set what WeChat says. */
  | { kind: 'correct'; patch: Partial<FollowerDoc> }
  /** Held as WeChat says (or an event newer than the walk decides): only mark it seen, and fill a missing unionid. */
  | { kind: 'seen'; unionid?: string }
  /** Not following and not held as following: nothing to write. */
  | { kind: 'none' };

/**
 * What one follower's details change. WeChat's answer is as of now, later than the walk's start; an event pushed at
 * or after the start is newer still in what it decided, so it is never overridden (the write is conditional too).
 */
export function correctionOf(
  detail: FollowerDetail,
  held: Pick<FollowerDoc, 'subscribed' | 'lastEventTime' | 'unionid'> | null,
  walk: { runId: string; walkStartSeconds: number },
  now: Date,
): Correction {
  const following = detail.subscribe === 1;
  const unionid = detail.unionid || undefined;
  if (!held) {
    if (!following) return { kind: 'none' };
    const since = detail.subscribeTime ?? walk.walkStartSeconds;
    return {
      kind: 'add',
      doc: {
        openid: detail.openid,
        ...(unionid ? { unionid } : {}),
        subscribed: true,
        // Its subscribe time is the event that made it a follower: that push, arriving late, is a duplicate.
        lastEventTime: since,
        subscribedAt: new Date(since * 1000),
        seenInSync: walk.runId,
        updatedAt: now,
      },
    };
  }
  const newerEvent = held.lastEventTime >= walk.walkStartSeconds;
  if (held.subscribed !== following && !newerEvent) {
    return {
      kind: 'correct',
      patch: {
        subscribed: following,
        lastEventTime: walk.walkStartSeconds,
        ...(following ? { subscribedAt: new Date((detail.subscribeTime ?? walk.walkStartSeconds) * 1000), seenInSync: walk.runId } : { unsubscribedAt: now }),
        ...(unionid && !held.unionid ? { unionid } : {}),
        updatedAt: now,
      },
    };
  }
  if (!following) return { kind: 'none' };
  return unionid && !held.unionid ? { kind: 'seen', unionid } : { kind: 'seen' };
}
