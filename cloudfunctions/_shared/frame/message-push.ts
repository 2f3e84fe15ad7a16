// WeChat message pushes (云函数接收消息推送): the function set up in the console for a <MsgType, Event> pair is
// invoked with the push's JSON as its event ("其 event 参数即是接口所定义的 JSON 结构的对象"), no `userInfo` injected.
// Nothing in the event proves it came from WeChat, so a push is accepted only from an invocation no client and no
// other function made: cloud.getWXContext().SOURCE names every such caller (Cloud.getWXContext's SOURCE table), and a
// call chain is comma-separated ("wx_client,scf"). The SOURCE of a push itself is not documented (the emulator uses
// `wx_unknown`), so the receiver refuses the named callers rather than waiting for one exact value.

/** The JSON form of a push: MsgType, Event for an event, the user it is about, and the event's own fields. */
export interface MessagePush {
  MsgType: string;
  Event?: string;
  ToUserName?: string;
  FromUserName?: string;
  CreateTime?: number;
  [field: string]: unknown;
}

/**
 * SOURCE values of invocations that come from a caller, never from WeChat's push: the mini-program and DevTools
 * (wx_client, wx_devtools, wx_localdebug), the crawler, the HTTP API, a timer, a payment callback, another function.
 */
const CALLER_SOURCES: ReadonlySet<string> = new Set(['wx_client', 'wx_devtools', 'wx_localdebug', 'wx_crawler', 'wx_http', 'wx_trigger', 'wx_paycallback', 'scf']);

export function isMessagePushSource(source: unknown): boolean {
  if (typeof source !== 'string') return false;
  const s = source.trim();
  return !s.includes(',') && !CALLER_SOURCES.has(s);
}

/**
 * The shape of a push: a MsgType, no action, and no `userInfo` (the platform injects it into every client call and
 * replaces whatever the client sent, so an event that carries one came from a client).
 */
export function looksLikeMessagePush(event: unknown): event is MessagePush {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) return false;
  const e = event as Record<string, unknown>;
  return typeof e.MsgType === 'string' && !('action' in e) && !('userInfo' in e);
}

/** WeChat expects `success` from a push receiver (云函数接收消息推送's example returns it). */
export const PUSH_RECEIVED = 'success';
