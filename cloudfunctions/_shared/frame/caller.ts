// Who is calling: always from WeChat's context, never from the event.
import type * as cloud from 'wx-server-sdk';

export interface Caller {
  openid: string;
  unionid?: string;
  appid?: string;
}

export function callerFromContext(context: ReturnType<typeof cloud.getWXContext>): Caller | null {
  const openid = context.OPENID;
  if (typeof openid !== 'string' && typeof openid !== 'number') return null;
  const value = String(openid);
  if (!value) return null;
  return {
    openid: value,
    unionid: context.UNIONID ? String(context.UNIONID) : undefined,
    appid: context.APPID ? String(context.APPID) : undefined,
  };
}
