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
  | { ok: false; kind: 'unanswered'; detail: string };

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
