// The event a function receives, as CloudBase delivers it: the caller's data plus what the platform injects.
// Sources (see README.md beside this file): WeChat's "获取小程序用户信息" guide — a call from the mini-program gets
// `userInfo: { appId, openId }` — and SCF's timer trigger docs for `{ Type, TriggerName, Time, Message }`.

export interface PlatformIdentity {
  openid?: string;
  appid: string;
}

/**
 * A call that carries a WeChat user (the mini-program, DevTools, or a function called in such a chain) reaches the
 * function with `userInfo: { appId, openId }` set by the platform. Whatever `userInfo` the client sent is replaced,
 * so a client can never choose the identity a function reads from the event.
 */
export function deliveredEvent(data: unknown, identity: PlatformIdentity): unknown {
  if (!identity.openid || typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  return { ...(data as Record<string, unknown>), userInfo: { appId: identity.appid, openId: identity.openid } };
}

export interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  /** The scheduled instant in UTC, to the second: `2019-02-21T11:49:00Z`. */
  Time: string;
  Message: string;
}

export function timerEvent(triggerName: string, at: Date, message = ''): TimerEvent {
  return { Type: 'Timer', TriggerName: triggerName, Time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'), Message: message };
}

/**
 * TCB_SOURCE of a message push's invocation. Cloud.getWXContext's SOURCE table names none for it (wx_client,
 * wx_devtools, wx_http, wx_trigger, wx_paycallback, wx_crawler, wx_localdebug, scf, "其他 非微信端触发"); the push
 * comes from WeChat's servers through a path none of those names, which is what `wx_unknown` ("微信未知来源调用")
 * says. A receiver must therefore never accept a push by an exact SOURCE: it refuses every named client or chain
 * source instead (cloudfunctions/_shared/frame/message-push.ts).
 */
export const MESSAGE_PUSH_SOURCE = 'wx_unknown';
