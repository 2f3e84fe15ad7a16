// The fake WeChat open API. Functions call `cloud.openapi.*` and `cloud.getOpenData` unchanged; the SDK sends
// `wx.openApi` to the admin API as multipart form data whose `requestData` is a protobuf CommApiData, and expects a
// protobuf CommOpenApiResp back (./wire.ts). Each faked API answers in WeChat's shape and validates as WeChat does;
// every call is recorded, and a test can make the next call of an API fail with any errcode.
import busboy from 'busboy';
import { KNOWN_ERRMSG, rid, type ApiAnswer } from './answer';
import { ContentSecurity, type MediaCheck, type MediaCheckEvent, type Verdict } from './content-security';
import { OpenData } from './open-data';
import { PhoneNumbers, type PhoneCodeOptions } from './phone-number';
import { RawJsonNumber, SubscribeMessages } from './subscribe-message';
import { decodeCommApiData, encodeCommOpenApiResp, WireError } from './wire';
import { getUnlimited } from './wxacode';

export { WireError } from './wire';
export type { MediaCheck, MediaCheckEvent, Verdict } from './content-security';

export const DEFAULT_APPID = 'wx0000000000000000';

export interface WeChatCall {
  api: string;
  /** The function that made the call; undefined for a call from outside any function (refused, -604104). */
  function?: string;
  appid?: string;
  /** The parameters as WeChat received them (snake_case, as the SDK converts them). */
  data: Record<string, unknown>;
  at: Date;
  /** 0 when WeChat answered ok; the errcode (or the platform's errorCode) otherwise. */
  errcode: number;
}

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

/** A WeChat error, or a refusal by the platform before WeChat (errorCode, e.g. -604101 for a missing permission). */
export type Failure = { errcode: number; errmsg?: string } | { errorCode: number };

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
  /** Where `wxa_media_check` pushes go once settled (CloudBase: the function set up for message push). */
  onMessagePush?: (event: MediaCheckEvent) => void | Promise<void>;
  /**
   * WeChat judges a mediaCheckAsync later and pushes its verdict by itself; so does the fake, with the verdict
   * `flagMedia` set (pass otherwise). `after-answer` (the default) pushes once the call has been answered;
   * `before-answer` delivers the push before answering, the earliest a push can come (before the caller has even
   * stored the trace id); `held` keeps every check pending until a test calls `settleMediaCheck`.
   */
  mediaCheckPush: 'after-answer' | 'before-answer' | 'held' = 'after-answer';
  /** Every push WeChat sent, in order (what a test or a developer can look at). */
  readonly pushes: MediaCheckEvent[] = [];
  private readonly pushesUnderWay = new Set<Promise<unknown>>();

  private readonly appid: string;
  private readonly pages: Set<string>;
  private readonly failures = new Map<string, Failure[]>();
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
  }

  /** The next call of `api` (e.g. 'subscribeMessage.send', 'ApiGetOpenDataByCloudId') answers this failure. */
  failNext(api: string, failure: Failure): void {
    const queue = this.failures.get(api) ?? [];
    queue.push(failure);
    this.failures.set(api, queue);
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

  private pushLater(traceId: string): void {
    const delivered = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => (this.mediaChecks.find((c) => c.traceId === traceId)?.settled ? undefined : this.settleMediaCheck(traceId)))
      .catch((e: unknown) => console.error(`[wechat] push of media check ${traceId} failed: ${(e as Error).message}`))
      .finally(() => this.pushesUnderWay.delete(delivered));
    this.pushesUnderWay.add(delivered);
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
    const failure = refusal === undefined ? this.failures.get(apiName)?.shift() : undefined;
    let answer: ApiAnswer;
    if (refusal !== undefined) {
      answer = { kind: 'platform', errorCode: refusal };
    } else if (failure) {
      answer =
        'errorCode' in failure
          ? { kind: 'platform', errorCode: failure.errorCode }
          : { kind: 'error', errcode: failure.errcode, errmsg: `${failure.errmsg ?? KNOWN_ERRMSG[failure.errcode] ?? 'error'} rid: ${rid()}` };
    } else if (request.kind === 'svrkit') {
      if (request.apiName !== 'ApiGetOpenDataByCloudId') throw new WireError(`svrkit api ${request.apiName} is not faked by the emulator`);
      answer = this.openData.bySvrkit(request.reqData);
    } else {
      answer = await this.answer(apiName, request.data);
    }
    call.errcode = answer.kind === 'error' ? answer.errcode : answer.kind === 'platform' ? answer.errorCode : 0;
    if (apiName === 'security.mediaCheckAsync' && answer.kind === 'json') {
      if (this.mediaCheckPush === 'before-answer') await this.settleMediaCheck(String(answer.body.trace_id));
      else if (this.mediaCheckPush === 'after-answer') this.pushLater(String(answer.body.trace_id));
    }
    return encode(answer);
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
