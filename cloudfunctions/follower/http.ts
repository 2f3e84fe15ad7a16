// The official account's server URL (服务器配置 → URL = the HTTP access domain + /wechat/official-account): WeChat's
// GET handshake and its POST pushes. Each push is proven WeChat's (rules.ts openPush) before anything is read from it,
// then a subscribe or unsubscribe is applied once (store.ts); everything else is acknowledged and left alone. WeChat
// waits 5 s and retries three times, so the answer comes as soon as the event is stored: `success`, as WeChat asks of
// a server that does not reply with a message.
import { bodyBytesOf, textResponse, type HttpRequest, type HttpResponse } from '../_shared/frame/http-access';
import { logFailure } from '../_shared/frame/failure-log';
import { FOLLOWER_TEXTS } from '../_shared/messages/followers';
import type { WeChatApi } from '../_shared/wechat/api';
import { createTimeAcceptable, handshake, officialAccountConfigOf, openPush, readMessage, type FollowEvent } from './rules';
import { applyFollowEvent, fillUnionid, followerOf, settleTie, type NodeDb } from './store';

export const OFFICIAL_ACCOUNT_PATH = '/wechat/official-account';

export interface PushContext {
  db: NodeDb;
  /** Made only when needed (a subscribe without unionid, a tie): most pushes never call WeChat. */
  api: () => WeChatApi;
  env: Record<string, string | undefined>;
  now: Date;
}

const TEXT = 'text/plain; charset=utf-8';
/** WeChat: reply `success` (or nothing) when the server sends no message back, else it tells the follower the service failed. */
const SUCCESS = textResponse(200, TEXT, 'success');

export async function officialAccountHttp(request: HttpRequest, ctx: PushContext): Promise<HttpResponse> {
  const config = officialAccountConfigOf(ctx.env);
  if (!config) {
    console.error('[follower] ZY_OA_APPID / ZY_OA_TOKEN missing or ZY_OA_ENCODING_AES_KEY malformed');
    return textResponse(500, TEXT, FOLLOWER_TEXTS.notConfigured);
  }
  const nowSeconds = Math.floor(ctx.now.getTime() / 1000);
  if (request.httpMethod === 'GET') {
    const check = handshake(request.queryStringParameters, config, nowSeconds);
    if (!check.ok) return refused(check.status, check.reason, check.text);
    return textResponse(200, TEXT, check.echostr);
  }
  if (request.httpMethod !== 'POST') return textResponse(405, TEXT, FOLLOWER_TEXTS.methodNotAllowed, { allow: 'GET, POST' });

  const opened = openPush(request.queryStringParameters, bodyBytesOf(request).toString('utf8'), config, nowSeconds);
  if (!opened.ok) return refused(opened.status, opened.reason, opened.text);
  const message = readMessage(opened.xml);
  if (message.kind === 'malformed') return refused(400, 'message', FOLLOWER_TEXTS.badMessage);
  // Messages and other events are not this function's business; acknowledged so WeChat does not retry them.
  if (message.kind === 'other') return SUCCESS;
  if (!createTimeAcceptable(message.event.createTime, nowSeconds)) return refused(400, 'future-createtime', FOLLOWER_TEXTS.badMessage);
  await receiveFollowEvent(message.event, ctx);
  return SUCCESS;
}

function refused(status: number, reason: string, text: string): HttpResponse {
  // The reason only: a refused request's content is whatever the sender made it, never logged.
  console.warn(`[follower] push refused: ${reason}`);
  return textResponse(status, TEXT, text);
}

/**
 * Store the event first, then learn what the push lacks: the unionid of a new follower (the push carries only the
 * openid; user/info has the unionid when the account is bound to an open platform), and the truth of a tie (a follow
 * and an unfollow within one CreateTime second, whose order the push cannot tell). A WeChat failure there costs
 * nothing but the detail, which the nightly reconciliation fills.
 */
export async function receiveFollowEvent(event: FollowEvent, ctx: PushContext): Promise<void> {
  const held = await followerOf(ctx.db, event.openid);
  const unionid = event.unionid ?? held?.unionid;
  const applied = await applyFollowEvent(ctx.db, event, unionid, ctx.now);
  if (applied === 'applied' && event.subscribed && !unionid) {
    const details = await detailsOf(ctx, event.openid);
    if (details?.unionid) await fillUnionid(ctx.db, event.openid, details.unionid, ctx.now);
  } else if (applied === 'tie') {
    const details = await detailsOf(ctx, event.openid);
    if (details) await settleTie(ctx.db, event.openid, event.createTime, details.subscribe === 1, ctx.now);
  }
}

async function detailsOf(ctx: PushContext, openid: string) {
  try {
    const answer = await ctx.api().followerDetails([openid]);
    if (answer.ok) return answer.value.find((d) => d.openid === openid) ?? null;
    console.warn(`[follower] user/info not answered: ${answer.kind === 'answered' ? answer.errcode : 'unanswered'}`);
  } catch (e) {
    logFailure('follower.details', e);
  }
  return null;
}
