// The fake WeChat open API. Functions call `cloud.openapi.*` and `cloud.getOpenData` unchanged; the SDK sends
// `wx.openApi` to the admin API as multipart form data whose `requestData` is a protobuf CommApiData, and expects a
// protobuf CommOpenApiResp back (./wire.ts). Each faked API answers in WeChat's shape and validates as WeChat does;
// every call is recorded, and a test can make calls fail (./failures.ts). The official account's HTTPS API, its
// followers and their pushes are ./official-account.ts; every message WeChat delivers, on either, is in `delivered`.
import busboy from 'busboy';
import { KNOWN_ERRMSG, rid, type ApiAnswer } from './answer';
import { ContentSecurity, type MediaCheck, type MediaCheckEvent, type Verdict } from './content-security';
import { FailureInjector, timeoutOf, type Failure, type RandomFailures } from './failures';
import { FakeOfficialAccount, OFFICIAL_ACCOUNT_ERRMSG, type JsonReply } from './official-account';
import { OpenData } from './open-data';
import { PhoneNumbers, type PhoneCodeOptions } from './phone-number';
import { RawJsonNumber, SubscribeMessages } from './subscribe-message';
import { decodeCommApiData, encodeCommOpenApiResp, WireError } from './wire';
import { getUnlimited } from './wxacode';

export { WireError } from './wire';
export type { MediaCheck, MediaCheckEvent, Verdict } from './content-security';
export type { Failure, RandomFailures } from './failures';
export type { FakeOfficialAccount, OfficialAccountFollower, OfficialAccountPush } from './official-account';

export const DEFAULT_APPID = 'wx0000000000000000';

export interface WeChatCall {
  api: string;
  /** The function that made the call; undefined for a call from outside any function (refused, -604104). */
  function?: string;
  appid?: string;
  /** The parameters as WeChat received them (snake_case, as the SDK converts them). */
  data: Record<string, unknown>;
  at: Date;
  /** 0 when WeChat answered ok (or did the call and the answer was lost); the errcode (or the platform's errorCode) otherwise. */
  errcode: number;
  /** Set when the call met an injected timeout: `lost-request` (nothing happened) or `lost-answer` (it happened). */
  timeout?: 'lost-request' | 'lost-answer';
}

/** A message WeChat delivered to a person's phone: what the exactly-once tests count. */
export interface DeliveredMessage {
  channel: 'subscribe' | 'officialAccount';
  touser: string;
  templateId: string;
  data: Record<string, { value: string }>;
  /** The mini-program page it opens (subscribe: `page`; official account: `miniprogram.pagepath`). */
  page?: string;
  /** The official account's client_msg_id, when one was sent. */
  clientMsgId?: string;
  /** WeChat's msgid, as digits. */
  msgid: string;
  at: Date;
}

/**
 * What WeChat pushes after each subscribe message it sends (订阅消息 → 事件推送, subscribe_msg_sent_event), in the
 * JSON form a cloud function receives: one message's result under `List`, every value a string.
 */
export interface SubscribeMsgSentEvent {
  ToUserName: string;
  FromUserName: string;
  CreateTime: string;
  MsgType: 'event';
  Event: 'subscribe_msg_sent_event';
  SubscribeMsgSentEvent: { List: { TemplateId: string; MsgID: string; ErrorCode: string; ErrorStatus: string } };
}

export type MessagePushEvent = MediaCheckEvent | SubscribeMsgSentEvent;

/** The official-account HTTPS APIs the fake serves under /wechat-api/, by their api name (failNext, calls). */
export const OFFICIAL_ACCOUNT_APIS = ['cgi-bin/stable_token', 'cgi-bin/message/template/send', 'cgi-bin/user/get', 'cgi-bin/user/info/batchget'] as const;

/** What the emulator's HTTP server sends for an official-account call. */
export type OfficialAccountHttpReply =
  | { kind: 'json'; status: number; body: Record<string, unknown> }
  /** The edge failed before WeChat (an injected platform error): 503 with no JSON. */
  | { kind: 'unavailable' }
  /** No answer: the connection is dropped (after timeoutDelayMs). */
  | { kind: 'dropped' };

/** "call open API timeout": what CloudBase's open-API gateway answers when WeChat does not answer in time. */
export const OPENAPI_TIMEOUT = -604102;

/** Who makes a cloud-call: the calling function and its config.json `permissions.openapi`. */
export interface CloudCallSource {
  functionName: string;
  openapi: readonly string[];
}

/** "function has no permission to call this API": the API is not in the function's permissions.openapi. */
export const NO_PERMISSION = -604101;
/** "illegal source of invocation": a cloud-call that comes from no running function. */
export const ILLEGAL_SOURCE = -604104;

/**
 * The permission an API needs. `cloud.getOpenData` (svrkit ApiGetOpenDataByCloudId) exchanges CloudIDs as
 * `openapi.cloudbase.getOpenData` does, whose documentation asks for `cloudbase.getOpenData`; Cloud.getOpenData's own
 * page names none, and the stricter reading is taken.
 */
export function permissionFor(api: string): string {
  return api === 'ApiGetOpenDataByCloudId' ? 'cloudbase.getOpenData' : api;
}

export interface WeChatOptions {
  appid?: string;
  /** The mini-program's pages (app.json, subpackages included): what `page` parameters must name. */
  pages?: string[];
  now?: () => number;
}

export class FakeWeChat {
  readonly calls: WeChatCall[] = [];
  /** The clock codes and watermarks are judged by; tests may replace it. */
  now: () => number;
  /** Where message pushes go (CloudBase: the function set up for its <MsgType, Event> in 消息推送). */
  onMessagePush?: (event: MessagePushEvent) => void | Promise<void>;
  /**
   * WeChat judges a mediaCheckAsync later and pushes its verdict by itself; so does the fake, with the verdict
   * `flagMedia` set (pass otherwise). `after-answer` (the default) pushes once the call has been answered;
   * `before-answer` delivers the push before answering, the earliest a push can come (before the caller has even
   * stored the trace id); `held` keeps every check pending until a test calls `settleMediaCheck`.
   */
  mediaCheckPush: 'after-answer' | 'before-answer' | 'held' = 'after-answer';
  /** Every `wxa_media_check` push WeChat sent, in order (what a test or a developer can look at). */
  readonly pushes: MediaCheckEvent[] = [];
  /** Every `subscribe_msg_sent_event` push, in order. */
  readonly subscribeMessageEvents: SubscribeMsgSentEvent[] = [];
  /** Every message WeChat delivered, subscribe and official account, in order. */
  readonly delivered: DeliveredMessage[] = [];
  /**
   * How long a timeout takes here. The platforms wait far longer (CloudBase's open-API gateway answers -604102 after
   * a limit it does not document, and wx-server-sdk gives up after its own 15 s request timeout; over HTTPS the
   * caller's own timeout decides), so tests are not held up; see emulator/README.md.
   */
  timeoutDelayMs = 20;
  /** The volunteer official account: its HTTPS API, followers and pushes. */
  readonly officialAccount: FakeOfficialAccount;
  private readonly pushesUnderWay = new Set<Promise<unknown>>();

  private readonly appid: string;
  private readonly pages: Set<string>;
  private readonly failures = new FailureInjector();
  private readonly phone: PhoneNumbers;
  private readonly openData: OpenData;
  private readonly subscribe: SubscribeMessages;
  private readonly security: ContentSecurity;

  constructor(options: WeChatOptions = {}) {
    this.appid = options.appid ?? DEFAULT_APPID;
    this.pages = new Set(options.pages ?? []);
    this.now = options.now ?? Date.now;
    const now = () => this.now();
    const appid = () => this.appid;
    this.phone = new PhoneNumbers(now, appid);
    this.openData = new OpenData(now, appid);
    this.subscribe = new SubscribeMessages((p) => this.pages.has(p));
    this.security = new ContentSecurity(now, appid);
    this.officialAccount = new FakeOfficialAccount({
      now,
      isPage: (p) => this.pages.has(p),
      miniprogramAppid: appid,
      onDelivered: (m) => this.delivered.push({ channel: 'officialAccount', ...m, at: new Date(this.now()) }),
      track: (p) => this.track(p),
    });
  }

  /** The mini-program's appid (what `miniprogram.appid` of a template message names; ZY_MINIPROGRAM_APPID). */
  get miniprogramAppid(): string {
    return this.appid;
  }

  /**
   * The next call of `api` (e.g. 'subscribeMessage.send', 'ApiGetOpenDataByCloudId', 'cgi-bin/message/template/send')
   * meets this failure. Queued failures come before random ones.
   */
  failNext(api: string, failure: Failure): void {
    this.failures.failNext(api, failure);
  }

  /** From now on a seeded share of the calls of `apis` fail, each with one of `failures` (./failures.ts). */
  failRandomly(options: RandomFailures): void {
    this.failures.failRandomly(options);
  }

  /** No more injected failures: random ones end and queued ones are dropped. */
  stopFailing(): void {
    this.failures.stopFailing();
  }

  /** Make `code` exchangeable for `phone` once, for 5 minutes from now (what tapping the phone button does). */
  issuePhoneCode(code: string, phone: string, options?: PhoneCodeOptions): void {
    this.phone.issue(code, phone, options);
  }

  /** A CloudID for open data, as the mini-program receives it; `cloud.getOpenData` answers `{ cloudID, data }`. */
  issueCloudId(data: Record<string, unknown>): string {
    return this.openData.issue(data);
  }

  /** A CloudID for group information (wx.getGroupEnterInfo / wx.getShareInfo). */
  issueGroupCloudId(openGId: string): string {
    return this.openData.issue({ openGId });
  }

  /** A CloudID for a phone number (the phone button's older cloudID form). */
  issuePhoneCloudId(phone: string, countryCode: string | number = '86'): string {
    return this.openData.issue({ phoneNumber: phone, purePhoneNumber: phone, countryCode });
  }

  /** A subscription-message template as configured in the MP console: its data keys name their types. */
  defineTemplate(templateId: string, keys: string[]): void {
    this.subscribe.defineTemplate(templateId, keys);
  }

  /** The user accepted `templateId` in wx.requestSubscribeMessage `times` times: that many messages may be sent. */
  acceptSubscription(openid: string, templateId: string, times = 1): void {
    this.subscribe.accept(openid, templateId, times);
  }

  subscriptionsLeft(openid: string, templateId: string): number {
    return this.subscribe.allowance(openid, templateId);
  }

  /** Text containing `term` gets this verdict from msgSecCheck. */
  flagText(term: string, verdict: Verdict): void {
    this.security.flagText(term, verdict);
  }

  /** A media URL containing `urlPart` gets this verdict when its check is settled. */
  flagMedia(urlPart: string, verdict: Verdict): void {
    this.security.flagMedia(urlPart, verdict);
  }

  get mediaChecks(): readonly MediaCheck[] {
    return this.security.mediaChecks;
  }

  /** Finish a mediaCheckAsync: build WeChat's `wxa_media_check` push and hand it to onMessagePush. */
  async settleMediaCheck(traceId: string, verdict?: Verdict): Promise<MediaCheckEvent> {
    const event = this.security.settle(traceId, verdict);
    this.pushes.push(event);
    await this.onMessagePush?.(event);
    return event;
  }

  /** Resolves once every push already on its way has been delivered and answered (tests wait on it). */
  async pushesDelivered(): Promise<void> {
    while (this.pushesUnderWay.size > 0) await Promise.allSettled([...this.pushesUnderWay]);
  }

  private track(delivery: Promise<unknown>): void {
    const settled = delivery.then(
      () => undefined,
      () => undefined,
    );
    this.pushesUnderWay.add(settled);
    void settled.finally(() => this.pushesUnderWay.delete(settled));
  }

  private pushLater(traceId: string): void {
    this.track(
      new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => (this.mediaChecks.find((c) => c.traceId === traceId)?.settled ? undefined : this.settleMediaCheck(traceId)))
        .catch((e: unknown) => console.error(`[wechat] push of media check ${traceId} failed: ${(e as Error).message}`)),
    );
  }

  /** After a subscribe message is delivered WeChat pushes its result; the fake does so once the call is answered. */
  private pushSentEvent(message: DeliveredMessage): void {
    const event: SubscribeMsgSentEvent = {
      ToUserName: `gh_${this.appid.slice(2, 14)}`,
      FromUserName: message.touser,
      CreateTime: String(Math.floor(this.now() / 1000)),
      MsgType: 'event',
      Event: 'subscribe_msg_sent_event',
      SubscribeMsgSentEvent: { List: { TemplateId: message.templateId, MsgID: message.msgid, ErrorCode: '0', ErrorStatus: 'success' } },
    };
    this.subscribeMessageEvents.push(event);
    this.track(
      new Promise<void>((resolve) => setImmediate(resolve))
        .then(() => this.onMessagePush?.(event))
        .catch((e: unknown) => console.error(`[wechat] subscribe_msg_sent_event push failed: ${(e as Error).message}`)),
    );
  }

  /**
   * Answer an official-account HTTPS call (`/wechat-api/<api>`), recorded in `calls` like a cloud-call and subject
   * to the same failure injection. A timeout drops the connection after timeoutDelayMs: `lost-request` before
   * anything happened, `lost-answer` after the call took effect.
   */
  async handleOfficialAccount(method: string, api: string, query: URLSearchParams, raw: Buffer): Promise<OfficialAccountHttpReply> {
    let body: unknown;
    let malformed = false;
    if (method === 'POST') {
      try {
        body = JSON.parse(raw.toString('utf8') || 'null');
      } catch {
        malformed = true;
      }
    }
    const recorded = api === 'cgi-bin/stable_token' && body && typeof body === 'object' ? { ...(body as object), secret: '(not recorded)' } : method === 'GET' ? Object.fromEntries([...query].filter(([k]) => k !== 'access_token')) : body;
    const call: WeChatCall = { api, appid: this.officialAccount.appid, data: (recorded ?? {}) as Record<string, unknown>, at: new Date(this.now()), errcode: 0 };
    this.calls.push(call);
    const failure = this.failures.take(api);
    const timeout = timeoutOf(failure);
    if (timeout) call.timeout = timeout;
    if (timeout === 'lost-request') {
      await sleep(this.timeoutDelayMs);
      return { kind: 'dropped' };
    }
    if (failure && 'errorCode' in failure) {
      call.errcode = failure.errorCode;
      return { kind: 'unavailable' };
    }
    let reply: JsonReply;
    if (failure && 'errcode' in failure) {
      reply = { status: 200, body: { errcode: failure.errcode, errmsg: `${failure.errmsg ?? OFFICIAL_ACCOUNT_ERRMSG[failure.errcode] ?? KNOWN_ERRMSG[failure.errcode] ?? 'error'} rid: ${rid()}` } };
    } else if (malformed) {
      reply = { status: 200, body: { errcode: 47001, errmsg: `data format error rid: ${rid()}` } };
    } else {
      reply = this.answerOfficialAccount(method, api, query, body);
    }
    call.errcode = typeof reply.body.errcode === 'number' ? reply.body.errcode : 0;
    if (timeout === 'lost-answer') {
      await sleep(this.timeoutDelayMs);
      return { kind: 'dropped' };
    }
    return { kind: 'json', ...reply };
  }

  private answerOfficialAccount(method: string, api: string, query: URLSearchParams, body: unknown): JsonReply {
    const account = this.officialAccount;
    const token = query.get('access_token');
    switch (api) {
      case 'cgi-bin/stable_token':
        return account.stableToken(method, body);
      case 'cgi-bin/message/template/send':
        return account.sendTemplate(method, token, body);
      case 'cgi-bin/user/get':
        return account.listFollowers(method, token, query.get('next_openid') ?? '');
      case 'cgi-bin/user/info/batchget':
        return account.followerDetails(method, token, body);
      default:
        return { status: 404, body: { errcode: 48001, errmsg: `api unauthorized: ${api} is not faked by the emulator rid: ${rid()}` } };
    }
  }

  /**
   * Answer a `wx.openApi` admin request made by `source` (undefined: no running function). Returns the protobuf
   * CommOpenApiResp bytes. The platform refuses before WeChat is asked: a call from outside a function (-604104) or
   * one of an API the function did not declare (-604101); a refused call does not consume a `failNext`.
   */
  async handle(apiName: string, requestData: Uint8Array, source: CloudCallSource | undefined): Promise<Buffer> {
    const request = decodeCommApiData(requestData);
    const data =
      request.kind === 'openapi'
        ? { ...request.data, ...Object.fromEntries(Object.entries(request.media).map(([k, m]) => [k, { contentType: m.contentType, filename: m.filename, bytes: m.value.length }])) }
        : request.apiName === 'ApiGetOpenDataByCloudId'
          ? this.openData.describe(request.reqData)
          : { svrkitApi: request.apiName };
    const call: WeChatCall = { api: apiName, function: source?.functionName, appid: request.appid, data, at: new Date(this.now()), errcode: 0 };
    this.calls.push(call);
    const refusal = !source ? ILLEGAL_SOURCE : source.openapi.includes(permissionFor(apiName)) ? undefined : NO_PERMISSION;
    const failure = refusal === undefined ? this.failures.take(apiName) : undefined;
    const timeout = timeoutOf(failure);
    if (timeout) call.timeout = timeout;
    let answer: ApiAnswer;
    if (refusal !== undefined) {
      answer = { kind: 'platform', errorCode: refusal };
    } else if (timeout === 'lost-request') {
      // WeChat never got it: after the gateway's wait, its timeout; nothing happened.
      await sleep(this.timeoutDelayMs);
      answer = { kind: 'platform', errorCode: OPENAPI_TIMEOUT };
    } else if (failure && 'errorCode' in failure) {
      answer = { kind: 'platform', errorCode: failure.errorCode };
    } else if (failure && 'errcode' in failure) {
      answer = { kind: 'error', errcode: failure.errcode, errmsg: `${failure.errmsg ?? KNOWN_ERRMSG[failure.errcode] ?? 'error'} rid: ${rid()}` };
    } else if (request.kind === 'svrkit') {
      if (request.apiName !== 'ApiGetOpenDataByCloudId') throw new WireError(`svrkit api ${request.apiName} is not faked by the emulator`);
      answer = this.openData.bySvrkit(request.reqData);
    } else {
      answer = await this.answer(apiName, request.data);
    }
    call.errcode = answer.kind === 'error' ? answer.errcode : answer.kind === 'platform' ? answer.errorCode : 0;
    if (apiName === 'subscribeMessage.send' && answer.kind === 'json' && request.kind === 'openapi') {
      const message = this.deliveredSubscribeMessage(request.data, answer.body.msgid);
      this.delivered.push(message);
      this.pushSentEvent(message);
    }
    if (timeout === 'lost-answer') {
      // WeChat did it; the answer never reached the function: the gateway's timeout instead.
      await sleep(this.timeoutDelayMs);
      return encode({ kind: 'platform', errorCode: OPENAPI_TIMEOUT });
    }
    if (apiName === 'security.mediaCheckAsync' && answer.kind === 'json') {
      if (this.mediaCheckPush === 'before-answer') await this.settleMediaCheck(String(answer.body.trace_id));
      else if (this.mediaCheckPush === 'after-answer') this.pushLater(String(answer.body.trace_id));
    }
    return encode(answer);
  }

  private deliveredSubscribeMessage(data: Record<string, unknown>, msgid: unknown): DeliveredMessage {
    const values = (data.data ?? {}) as Record<string, { value: unknown }>;
    return {
      channel: 'subscribe',
      touser: String(data.touser),
      templateId: String(data.template_id),
      data: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, { value: String(v.value) }])),
      ...(typeof data.page === 'string' ? { page: data.page } : {}),
      msgid: msgid instanceof RawJsonNumber ? msgid.digits : String(msgid),
      at: new Date(this.now()),
    };
  }

  private answer(api: string, data: Record<string, unknown>): ApiAnswer | Promise<ApiAnswer> {
    const isPage = (p: string) => this.pages.has(p);
    switch (api) {
      case 'phonenumber.getPhoneNumber':
        return this.phone.exchange(data);
      case 'wxacode.getUnlimited':
        return getUnlimited(data, isPage, this.appid);
      case 'subscribeMessage.send':
        return this.subscribe.send(data);
      case 'security.msgSecCheck':
        return this.security.msgSecCheck(data);
      case 'security.mediaCheckAsync':
        return this.security.mediaCheckAsync(data);
      case 'cloudbase.getOpenData':
        return this.openData.byOpenApi(data);
      default:
        return { kind: 'error', errcode: 48001, errmsg: `api unauthorized: ${api} is not faked by the emulator rid: ${rid()}` };
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function encode(answer: ApiAnswer): Buffer {
  switch (answer.kind) {
    case 'json':
      return encodeCommOpenApiResp({ respData: Buffer.from(toJson({ errcode: 0, errmsg: 'ok', ...answer.body })), contentType: 'application/json; charset=utf-8' });
    case 'error':
      return encodeCommOpenApiResp({ respData: Buffer.from(toJson({ errcode: answer.errcode, errmsg: answer.errmsg })), contentType: 'application/json; charset=utf-8' });
    case 'buffer':
      return encodeCommOpenApiResp({ respData: answer.buffer, contentType: answer.contentType });
    case 'svrkit':
      return encodeCommOpenApiResp({ respData: answer.bytes, contentType: 'application/octet-stream' });
    case 'platform':
      return encodeCommOpenApiResp({ errorCode: answer.errorCode });
  }
}

/** JSON.stringify, writing RawJsonNumber values as bare digits (WeChat's 64-bit ids). */
function toJson(body: Record<string, unknown>): string {
  const marker = `__raw_${rid()}__`;
  const text = JSON.stringify(body, (_k, v: unknown) => (v instanceof RawJsonNumber ? `${marker}${v.digits}` : v));
  return text.replace(new RegExp(`"${marker}(\\d+)"`, 'g'), '$1');
}

/**
 * Read the SDK's multipart form. Its binary `requestData` part has no filename, so generic form parsers treat it as
 * text; decoding every field as latin1 keeps each byte as one character, and we turn it back into bytes.
 */
export function parseOpenApiForm(contentType: string, body: Buffer): Promise<Record<string, Buffer>> {
  return new Promise((resolve, reject) => {
    const fields: Record<string, Buffer> = {};
    const parser = busboy({ headers: { 'content-type': contentType }, defCharset: 'latin1', limits: { fieldSize: 10 * 1024 * 1024 } });
    parser.on('field', (name, value) => {
      fields[name] = Buffer.from(value, 'latin1');
    });
    parser.on('file', (name, stream) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        fields[name] = Buffer.concat(chunks);
      });
    });
    parser.on('close', () => resolve(fields));
    parser.on('error', reject);
    parser.end(body);
  });
}
