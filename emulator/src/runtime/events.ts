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
