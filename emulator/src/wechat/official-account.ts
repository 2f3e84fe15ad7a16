// The volunteer official account (服务号) as WeChat runs it: its HTTPS API at `/wechat-api/cgi-bin/…` (stable access
// token, template messages, follower list and details), its followers, and the subscribe / unsubscribe events it
// pushes to the developer server's URL, signed and, in 安全模式, encrypted. Every rule names its source; where the
// documentation is loose the stricter reading is taken (emulator/README.md, "The official account").
import { randomBytes, randomInt } from 'node:crypto';
import { rid } from './answer';
import { encryptMessage, messageSignature, pushSignature, pushXml } from './oa-crypto';
import { paramTypeOf, refuseValue } from './subscribe-message';

/** What WeChat answers over HTTPS: JSON with errcode/errmsg, as every cgi-bin API does. */
export interface JsonReply {
  status: number;
  body: Record<string, unknown>;
}

export interface OfficialAccountFollower {
  openid: string;
  unionid?: string;
  subscribed: boolean;
  /** Seconds since the epoch of the latest follow. */
  subscribeTime?: number;
}

export interface PushAttempt {
  at: Date;
  /** The developer server's HTTP status; absent when no answer came within the limit. */
  status?: number;
  answer?: string;
  error?: string;
}

/** One subscribe / unsubscribe event WeChat pushed (or holds) for the developer server. */
export interface OfficialAccountPush {
  event: 'subscribe' | 'unsubscribe';
  openid: string;
  /** The event's CreateTime (seconds): what a receiver deduplicates retries by, with FromUserName. */
  createTime: number;
  /** The event as XML before encryption. */
  xml: string;
  held: boolean;
  attempts: PushAttempt[];
}

export interface PushOptions {
  /** Deliver the push twice, as WeChat's retry after an answer it did not get in time would. */
  duplicate?: boolean;
}

export interface DeliveredTemplateMessage {
  touser: string;
  templateId: string;
  data: Record<string, { value: string }>;
  page?: string;
  clientMsgId?: string;
  msgid: string;
}

interface IssuedToken {
  token: string;
  expiresAt: number;
  revoked: boolean;
}

/** WeChat's errmsg texts for the official-account errcodes (全局返回码). */
const ERRMSG: Record<number, string> = {
  40001: 'invalid credential, access_token is invalid or not latest',
  40002: 'invalid grant_type',
  40003: 'invalid openid',
  40013: 'invalid appid',
  40014: 'invalid access_token',
  40032: 'invalid openid list size',
  40037: 'invalid template_id',
  40125: 'invalid appsecret',
  40165: 'invalid weapp pagepath',
  40166: 'invalid weapp appid',
  41001: 'access_token missing',
  41002: 'appid missing',
  41004: 'appsecret missing',
  42001: 'access_token expired',
  43002: 'require POST method',
  43004: 'require subscribe',
  45009: 'reach max api daily quota limit',
  45065: 'clientmsgid exist',
  45067: 'clientmsgid size out of limit',
  47001: 'data format error',
  47003: 'argument invalid!',
};

export const OFFICIAL_ACCOUNT_ERRMSG = ERRMSG;

const error = (errcode: number, detail = ''): JsonReply => ({ status: 200, body: { errcode, errmsg: `${ERRMSG[errcode] ?? 'error'}${detail} rid: ${rid()}` } });
const ok = (body: Record<string, unknown>): JsonReply => ({ status: 200, body: { errcode: 0, errmsg: 'ok', ...body } });

/** stable_token: 7200 s; the platform renews a token in its last 5 minutes (getStableAccessToken, 注意事项). */
export const TOKEN_LIFETIME_MS = 7200_000;
const RENEW_WINDOW_MS = 300_000;
/** force_refresh: 20 a day, at least 30 s apart ("否则不会刷新"). */
const FORCE_REFRESH_PER_DAY = 20;
const FORCE_REFRESH_GAP_MS = 30_000;
/** client_msg_id: one message per openid + id "10分钟有效". */
const CLIENT_MSG_ID_WINDOW_MS = 600_000;
/** client_msg_id length (see README: 64 bytes documented for mass send's clientmsgid, 45067 reported below it). */
export const CLIENT_MSG_ID_MAX_BYTES = 32;
/** user/get: "一次拉取调用最多拉取10000个关注者的OpenID". */
export const FOLLOWER_PAGE_MAX = 10_000;
/** user/info/batchget: "最多支持一次拉取100条". */
const BATCHGET_MAX = 100;

/** The types of 类目模板 keywords: the subscribe-message table plus short_thing (5 characters). */
function refuseTemplateValue(key: string, value: unknown): string | undefined {
  if (typeof value === 'string' && /[\r\n]/.test(value)) return `data.${key}.value invalid`;
  if (/^short_thing\d+$/.test(key)) {
    if (typeof value !== 'string' || value === '') return `data.${key}.value is empty`;
    return [...value].length <= 5 ? undefined : `data.${key}.value invalid`;
  }
  return refuseValue(key, value);
}

function isTemplateKey(key: string): boolean {
  return /^short_thing\d+$/.test(key) || paramTypeOf(key) !== undefined;
}

export interface OfficialAccountOptions {
  now: () => number;
  /** Whether `pagepath` names a page of the mini-program (app.json). */
  isPage: (path: string) => boolean;
  /** The bound mini-program's appid: what `miniprogram.appid` must be. */
  miniprogramAppid: () => string;
  onDelivered: (message: DeliveredTemplateMessage) => void;
  /** Lets FakeWeChat.pushesDelivered() wait for pushes on their way. */
  track: (delivery: Promise<unknown>) => void;
}

export class FakeOfficialAccount {
  appid = 'wx0a0a0a0a0a0a0a0a';
  secret = '0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a';
  /** The server configuration's Token (开发 → 基本配置 → 服务器配置). */
  token = 'zhiyuanlocaltoken';
  /** The server configuration's EncodingAESKey: 43 characters. */
  encodingAesKey = 'ZhiyuanPlusLocalEncodingAesKey0123456789abc';
  /** The account's original id (ToUserName of its pushes). */
  originalId = 'gh_0a0a0a0a0a0a';
  /** 安全模式 (default, the strictest) encrypts pushes; 明文模式 sends them plain. 兼容模式 is not offered. */
  mode: 'safe' | 'plain' = 'safe';
  /** The developer server's URL (the follower function's HTTP access path); pushes without one are only recorded. */
  serverUrl?: string;
  /** Followers per user/get page: 10,000 as WeChat; tests lower it to page through small lists. */
  pageSize = FOLLOWER_PAGE_MAX;
  /** Bound to an open-platform account: batchget answers unionid (UnionID 机制). */
  openPlatformBound = true;
  /** How long WeChat waits for the developer server's answer before retrying (5 s, 被动回复用户消息). */
  pushTimeoutMs = 5000;
  readonly pushes: OfficialAccountPush[] = [];

  private readonly templates = new Map<string, string[]>();
  private readonly people = new Map<string, OfficialAccountFollower>();
  /** Following openids in the order they followed: user/get's order. */
  private order: string[] = [];
  private tokens: IssuedToken[] = [];
  private forceRefreshes = { day: '', count: 0, lastAt: -Infinity };
  private readonly sentByClientMsgId = new Map<string, { msgid: string; at: number }>();
  private msgid = 3_147_483_648;
  private holding = false;
  private held: OfficialAccountPush[] = [];

  constructor(private readonly options: OfficialAccountOptions) {}

  /** A template of the account's library (类目模板): its keywords name their types (`thing1`, `time2`, …). */
  defineTemplate(templateId: string, keys: string[]): void {
    const unknown = keys.filter((k) => !isTemplateKey(k));
    if (unknown.length) throw new Error(`template ${templateId}: ${unknown.join(', ')} name no keyword type`);
    this.templates.set(templateId, [...keys]);
  }

  /** Every follower WeChat knows of, following or not, in the order they first followed. */
  get followers(): OfficialAccountFollower[] {
    return [...this.people.values()].map((f) => ({ ...f }));
  }

  /** Someone follows the account: WeChat's list changes, and the `subscribe` event is pushed. */
  async follow(openid: string, options: { unionid?: string; at?: Date } & PushOptions = {}): Promise<OfficialAccountPush> {
    const at = Math.floor((options.at?.getTime() ?? this.options.now()) / 1000);
    const known = this.people.get(openid);
    this.people.set(openid, { openid, unionid: options.unionid ?? known?.unionid, subscribed: true, subscribeTime: at });
    this.order = [...this.order.filter((o) => o !== openid), openid];
    return this.push('subscribe', openid, at, options);
  }

  /** Someone unfollows: they leave the list (batchget then answers subscribe 0) and `unsubscribe` is pushed. */
  async unfollow(openid: string, options: { at?: Date } & PushOptions = {}): Promise<OfficialAccountPush> {
    const at = Math.floor((options.at?.getTime() ?? this.options.now()) / 1000);
    const known = this.people.get(openid);
    this.people.set(openid, { openid, unionid: known?.unionid, subscribed: false });
    this.order = this.order.filter((o) => o !== openid);
    return this.push('unsubscribe', openid, at, options);
  }

  /** From now on pushes wait until releasePushes. */
  holdPushes(): void {
    this.holding = true;
  }

  /** Deliver the held pushes one after another, in `order` (indexes into the held list) or as they came; stop holding. */
  async releasePushes(order?: number[]): Promise<void> {
    const held = this.held;
    const sequence = order ?? held.map((_p, i) => i);
    if ([...sequence].sort((a, b) => a - b).join() !== held.map((_p, i) => i).join()) {
      throw new Error(`releasePushes: order ${JSON.stringify(order)} must name each of the ${held.length} held pushes once`);
    }
    this.held = [];
    this.holding = false;
    for (const i of sequence) {
      const push = held[i];
      push.held = false;
      await this.deliver(push, 1);
    }
  }

  /** The server configuration's check (GET with echostr): true when the developer server echoes it. */
  async verifyServer(): Promise<{ ok: boolean; status: number; body: string }> {
    if (!this.serverUrl) throw new Error('verifyServer: no serverUrl is configured');
    const { timestamp, nonce } = this.freshStamp();
    const echostr = `${randomInt(10_000_000, 99_999_999)}${randomInt(10_000_000, 99_999_999)}`;
    const url = `${this.serverUrl}?${new URLSearchParams({ signature: pushSignature(this.token, timestamp, nonce), echostr, timestamp, nonce })}`;
    const res = await fetch(url);
    const body = await res.text();
    return { ok: res.status === 200 && body === echostr, status: res.status, body };
  }

  private async push(event: 'subscribe' | 'unsubscribe', openid: string, createTime: number, options: PushOptions): Promise<OfficialAccountPush> {
    const xml = pushXml({ ToUserName: this.originalId, FromUserName: openid, CreateTime: createTime, MsgType: 'event', Event: event });
    const push: OfficialAccountPush = { event, openid, createTime, xml, held: this.holding, attempts: [] };
    this.pushes.push(push);
    const copies = options.duplicate ? 2 : 1;
    if (this.holding) {
      // A duplicate is the same push twice in the held list, so a test can release the copies apart.
      for (let i = 0; i < copies; i++) this.held.push(push);
      return push;
    }
    const delivery = this.deliver(push, copies);
    this.options.track(delivery);
    await delivery;
    return push;
  }

  /**
   * POST the push to the developer server as WeChat does: `signature`, `timestamp`, `nonce`, `openid` in the query;
   * in 安全模式 also `encrypt_type=aes` and `msg_signature`, and the body `<xml><ToUserName/><Encrypt/></xml>`.
   * With no answer within pushTimeoutMs WeChat retries, three times at most ("总共重试三次").
   */
  private async deliver(push: OfficialAccountPush, copies: number): Promise<void> {
    if (!this.serverUrl) return;
    for (let copy = 0; copy < copies; copy++) {
      for (let attempt = 0; attempt < 4; attempt++) {
        const answered = await this.postOnce(push);
        if (answered) break;
      }
    }
  }

  private async postOnce(push: OfficialAccountPush): Promise<boolean> {
    const { timestamp, nonce } = this.freshStamp();
    const query: Record<string, string> = { signature: pushSignature(this.token, timestamp, nonce), timestamp, nonce, openid: push.openid };
    let body = push.xml;
    if (this.mode === 'safe') {
      const encrypted = encryptMessage(this.encodingAesKey, push.xml, this.appid);
      query.encrypt_type = 'aes';
      query.msg_signature = messageSignature(this.token, timestamp, nonce, encrypted);
      body = pushXml({ ToUserName: this.originalId, Encrypt: encrypted });
    }
    const attempt: PushAttempt = { at: new Date(this.options.now()) };
    push.attempts.push(attempt);
    try {
      const res = await fetch(`${this.serverUrl}?${new URLSearchParams(query)}`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml' },
        body,
        signal: AbortSignal.timeout(this.pushTimeoutMs),
      });
      attempt.status = res.status;
      attempt.answer = await res.text();
      return true;
    } catch (e) {
      attempt.error = (e as Error).name === 'TimeoutError' ? `no answer within ${this.pushTimeoutMs} ms` : (e as Error).message;
      return false;
    }
  }

  private freshStamp(): { timestamp: string; nonce: string } {
    return { timestamp: String(Math.floor(this.options.now() / 1000)), nonce: String(randomInt(1e9, 2e9)) };
  }

  // ---- the HTTPS API -------------------------------------------------------------------------------------------

  /** POST cgi-bin/stable_token (getStableAccessToken). */
  stableToken(method: string, body: unknown): JsonReply {
    if (method !== 'POST') return error(43002);
    if (!isObject(body)) return error(47001);
    if (body.grant_type !== 'client_credential') return error(40002);
    if (!body.appid) return error(41002);
    if (body.appid !== this.appid) return error(40013);
    if (!body.secret) return error(41004);
    if (body.secret !== this.secret) return error(40125);
    if (body.force_refresh !== undefined && typeof body.force_refresh !== 'boolean') return error(47001);
    const now = this.options.now();
    const current = this.currentToken();
    if (body.force_refresh === true) {
      // Consecutive force refreshes less than 30 s apart do not refresh (the answer is the current token).
      if (current && now - this.forceRefreshes.lastAt < FORCE_REFRESH_GAP_MS) return this.tokenReply(current);
      const day = shanghaiDay(now);
      if (this.forceRefreshes.day !== day) this.forceRefreshes = { day, count: 0, lastAt: this.forceRefreshes.lastAt };
      if (this.forceRefreshes.count >= FORCE_REFRESH_PER_DAY) return error(45009);
      this.forceRefreshes.count += 1;
      this.forceRefreshes.lastAt = now;
      // "会导致上次获取的 access_token 失效": every earlier token stops working at once.
      for (const t of this.tokens) t.revoked = true;
      return this.tokenReply(this.issueToken());
    }
    // Normal mode: the same token while valid; in its last 5 minutes a new one, the old one still valid till it ends.
    if (current && current.expiresAt - now > RENEW_WINDOW_MS) return this.tokenReply(current);
    return this.tokenReply(this.issueToken());
  }

  /** POST cgi-bin/message/template/send (sendTemplateMessage). */
  sendTemplate(method: string, accessToken: string | null, body: unknown): JsonReply {
    if (method !== 'POST') return error(43002);
    const refused = this.refuseToken(accessToken);
    if (refused) return refused;
    if (!isObject(body)) return error(47001);
    const touser = body.touser;
    if (typeof touser !== 'string' || !touser) return error(40003);
    const person = this.people.get(touser);
    if (!person) return error(40003);
    if (!person.subscribed) return error(43004);
    const templateId = body.template_id;
    const keys = typeof templateId === 'string' ? this.templates.get(templateId) : undefined;
    if (!keys) return error(40037);
    let page: string | undefined;
    if (body.miniprogram !== undefined) {
      if (!isObject(body.miniprogram)) return error(47001);
      if (body.miniprogram.appid !== this.options.miniprogramAppid()) return error(40166);
      const pagepath = body.miniprogram.pagepath;
      if (typeof pagepath !== 'string' || !this.options.isPage(pagepath.split('?')[0])) return error(40165);
      page = pagepath;
    }
    if (!isObject(body.data)) return error(47003, ' data is empty');
    const data = body.data;
    for (const key of Object.keys(data)) if (!keys.includes(key)) return error(47003, ` data.${key} is not in the template`);
    for (const key of keys) {
      const entry = data[key];
      const why = refuseTemplateValue(key, isObject(entry) ? entry.value : undefined);
      if (why) return error(47003, ` ${why}`);
    }
    const clientMsgId = body.client_msg_id;
    if (clientMsgId !== undefined) {
      if (typeof clientMsgId !== 'string' || !clientMsgId) return error(47001);
      if (Buffer.byteLength(clientMsgId) > CLIENT_MSG_ID_MAX_BYTES) return error(45067);
      const earlier = this.sentByClientMsgId.get(`${touser}\n${clientMsgId}`);
      const now = this.options.now();
      // Within 10 minutes the same openid + client_msg_id sends nothing; the answer names the message already sent,
      // as mass send's clientmsgid answers (45065 with its msg_id). After 10 minutes no dedup is promised.
      if (earlier && now - earlier.at < CLIENT_MSG_ID_WINDOW_MS) return { status: 200, body: { ...error(45065).body, msgid: Number(earlier.msgid) } };
    }
    this.msgid += 1;
    const msgid = String(this.msgid);
    if (typeof clientMsgId === 'string') this.sentByClientMsgId.set(`${touser}\n${clientMsgId}`, { msgid, at: this.options.now() });
    const values = Object.fromEntries(keys.map((k) => [k, { value: String((data[k] as { value: unknown }).value) }]));
    this.options.onDelivered({ touser, templateId: templateId as string, data: values, page, clientMsgId: clientMsgId as string | undefined, msgid });
    return ok({ msgid: this.msgid });
  }

  /** GET cgi-bin/user/get?next_openid= (getFans). */
  listFollowers(method: string, accessToken: string | null, nextOpenid: string): JsonReply {
    if (method !== 'GET') return error(47001);
    const refused = this.refuseToken(accessToken);
    if (refused) return refused;
    let start = 0;
    if (nextOpenid) {
      const at = this.order.indexOf(nextOpenid);
      // A cursor that is no longer in the list (that follower left) is refused: no documented answer, the strictest.
      if (at < 0) return error(40003);
      start = at + 1;
    }
    const page = this.order.slice(start, start + Math.min(this.pageSize, FOLLOWER_PAGE_MAX));
    if (page.length === 0) return ok({ total: this.order.length, count: 0, next_openid: '' });
    return ok({ total: this.order.length, count: page.length, data: { openid: page }, next_openid: page[page.length - 1] });
  }

  /** POST cgi-bin/user/info/batchget (batchGetUserInfo). */
  followerDetails(method: string, accessToken: string | null, body: unknown): JsonReply {
    if (method !== 'POST') return error(43002);
    const refused = this.refuseToken(accessToken);
    if (refused) return refused;
    if (!isObject(body) || !Array.isArray(body.user_list)) return error(47001);
    const list = body.user_list as unknown[];
    if (list.length === 0 || list.length > BATCHGET_MAX) return error(40032);
    const infos: Record<string, unknown>[] = [];
    for (const item of list) {
      if (!isObject(item) || typeof item.openid !== 'string') return error(47001);
      const person = this.people.get(item.openid);
      if (!person) return error(40003);
      // "值为0时，代表此用户没有关注该公众号，拉取不到其余信息": no unionid either.
      if (!person.subscribed) {
        infos.push({ subscribe: 0, openid: person.openid });
        continue;
      }
      infos.push({
        subscribe: 1,
        openid: person.openid,
        language: 'zh_CN',
        subscribe_time: person.subscribeTime,
        ...(this.openPlatformBound && person.unionid ? { unionid: person.unionid } : {}),
        remark: '',
        groupid: 0,
        tagid_list: [],
        subscribe_scene: 'ADD_SCENE_SEARCH',
        qr_scene: 0,
        qr_scene_str: '',
      });
    }
    return ok({ user_info_list: infos });
  }

  private currentToken(): IssuedToken | undefined {
    const now = this.options.now();
    return this.tokens.filter((t) => !t.revoked && t.expiresAt > now).at(-1);
  }

  private issueToken(): IssuedToken {
    const token: IssuedToken = { token: randomBytes(96).toString('base64url'), expiresAt: this.options.now() + TOKEN_LIFETIME_MS, revoked: false };
    this.tokens.push(token);
    return token;
  }

  private tokenReply(token: IssuedToken): JsonReply {
    return { status: 200, body: { access_token: token.token, expires_in: Math.floor((token.expiresAt - this.options.now()) / 1000) } };
  }

  /** 41001 without a token, 40014 for one WeChat never issued, 40001 for one replaced by a force refresh, 42001 when expired. */
  private refuseToken(accessToken: string | null): JsonReply | undefined {
    if (!accessToken) return error(41001);
    const issued = this.tokens.find((t) => t.token === accessToken);
    if (!issued) return error(40014);
    if (issued.revoked) return error(40001);
    if (issued.expiresAt <= this.options.now()) return error(42001);
    return undefined;
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The calendar day in Asia/Shanghai (UTC+8, no daylight saving): when WeChat's daily quotas restart. */
function shanghaiDay(ms: number): string {
  return new Date(ms + 8 * 3600_000).toISOString().slice(0, 10);
}
