// The one small interface to every WeChat server API 志愿+ uses. Production adapters (./cloud-openapi.ts for what
// `cloud.openapi` serves the mini-program; ./official-account.ts for the official account's HTTPS API with its
// stable access token) implement it; locally both reach the emulator's fake WeChat (emulator/src/wechat/), so
// delivery, retries and failures are tested through the same code that runs in production.

/**
 * How a call ended. `answered`: WeChat answered with an errcode (0 never appears here: that is `ok`). `unanswered`:
 * no answer came (timeout, connection reset, the platform's own error): the call may or may not have taken effect.
 */
export type WeChatOutcome<T> =
  | { ok: true; value: T }
  | { ok: false; kind: 'answered'; errcode: number; errmsg: string }
  /** `code`: the platform's own error code when it gave one (wx-server-sdk's negative codes, e.g. -604102). */
  | { ok: false; kind: 'unanswered'; detail: string; code?: number };

/** A template's data: keyword → value, already made to fit (messages/templates.ts). */
export type TemplateData = Record<string, { value: string }>;

export interface SubscribeMessageSend {
  /** The mini-program openid. */
  touser: string;
  templateId: string;
  /** Mini-program page with its query, e.g. pages/hours/index?recordId=… (no leading slash). */
  page: string;
  data: TemplateData;
  /** developer | trial | formal: which build the tap opens. */
  miniprogramState?: 'developer' | 'trial' | 'formal';
}

export interface TemplateMessageSend {
  /** The official account's openid of the person. */
  touser: string;
  templateId: string;
  /** The mini-program page the message opens (the account is bound to the mini-program). */
  miniprogram: { appid: string; pagepath: string };
  data: TemplateData;
  /** WeChat sends one message per openid + client_msg_id (within 10 minutes): the outbox id. */
  clientMsgId: string;
}

export interface FollowerPage {
  total: number;
  openids: string[];
  /** Pass back for the next page; '' (or the last openid with an empty next page) when the list is done. */
  nextOpenid: string;
}

export interface FollowerDetail {
  openid: string;
  /** 0: not (or no longer) following. */
  subscribe: 0 | 1;
  unionid?: string;
  /** Seconds since the epoch, when following. */
  subscribeTime?: number;
}

export interface MiniProgramCodeRequest {
  /** At most 32 visible characters: what the scanned page receives as `scene`. */
  scene: string;
  /** The page without a leading slash or a query. */
  page: string;
  /** false lets a page not yet released have a code. */
  checkPath: boolean;
  envVersion: 'release' | 'trial' | 'develop';
  width: number;
}

export interface MiniProgramCode {
  bytes: Buffer;
  /** WeChat answers its own image type: never assume one. */
  mime: 'image/png' | 'image/jpeg';
}

/** security.msgSecCheck 2.0 scenes: 1 资料, 2 评论, 3 论坛, 4 社交日志. */
export type ContentScene = 1 | 2 | 3 | 4;

export interface ContentVerdict {
  /** pass | review | risky. */
  suggest: string;
  label: number;
}

export interface WeChatApi {
  /** subscribeMessage.send (mini-program). Resolves with WeChat's msgid as digits. */
  sendSubscribeMessage(message: SubscribeMessageSend): Promise<WeChatOutcome<{ msgid: string }>>;
  /**
   * cgi-bin/message/template/send (official account). `alreadySent`: WeChat had sent this openid + clientMsgId
   * already (45065, within its 10 minutes) and names that message: delivered once, by an earlier call.
   */
  sendTemplateMessage(message: TemplateMessageSend): Promise<WeChatOutcome<{ msgid: string; alreadySent?: true }>>;
  /** cgi-bin/user/get: one page of the account's followers (10,000 at most). */
  listFollowers(nextOpenid: string): Promise<WeChatOutcome<FollowerPage>>;
  /** cgi-bin/user/info/batchget: details of up to 100 followers. */
  followerDetails(openids: string[]): Promise<WeChatOutcome<FollowerDetail[]>>;
}

/**
 * The mini-program's other cloud-calls (./cloud-openapi.ts). Kept apart from WeChatApi and served as separate
 * functions, so a function's bundle holds only the cloud-calls its config.json declares (CloudBase refuses the rest
 * with -604101; emulator/test/product-openapi-permissions.test.ts scans every bundle for them).
 */
export interface WeChatMiniProgramApi {
  /** wxacode.getUnlimited (cloud.openapi): a mini-program code image. */
  miniProgramCode(request: MiniProgramCodeRequest): Promise<WeChatOutcome<MiniProgramCode>>;
  /** security.msgSecCheck 2.0 (cloud.openapi): WeChat's verdict on a text the caller (openid) wrote. */
  checkText(request: { openid: string; scene: ContentScene; content: string }): Promise<WeChatOutcome<ContentVerdict>>;
  /** security.mediaCheckAsync 2.0 (cloud.openapi): the verdict comes later by message push, tied by the trace id. */
  startMediaCheck(request: { openid: string; scene: ContentScene; mediaUrl: string; mediaType: 1 | 2 }): Promise<WeChatOutcome<{ traceId: string }>>;
  /** phonenumber.getPhoneNumber (cloud.openapi): WeChat's answer for the phone button's one-time code (`phoneInfo` …). */
  phoneNumber(code: string): Promise<WeChatOutcome<Record<string, unknown>>>;
}
