// Cloud function `follower`: the volunteer official account's followers (issue 11). No mini-program actions: it
// serves WeChat's pushes to the account's server URL through CloudBase's HTTP access (`/wechat/official-account`,
// http.ts) and the nightly reconciliation timer (`reconcileFollowers`, reconcile.ts). Neither brings a WeChat user, so
// it runs on @cloudbase/node-sdk, the design card's server SDK, instead of wx-server-sdk and the action frame; it keeps
// the frame's conventions: HTTP access told by its shape and the absence of a caller, a timer only when the platform's
// timer fired it, failures logged by shape only, the action envelope for anything else.
import tcb from '@cloudbase/node-sdk';
import { looksLikeHttpAccess, httpRequestOf, textResponse } from '../_shared/frame/http-access';
import { logFailure } from '../_shared/frame/failure-log';
import { failWith, MESSAGES } from '../_shared/messages/answers';
import { officialAccountHttp } from './http';
import { budgetOf, reconcileFollowers } from './reconcile';
import type { NodeDb } from './store';
import { followerApiOf } from './wechat';

export const TRIGGER_NAME = 'reconcileFollowers';

let app: ReturnType<typeof tcb.init> | undefined;
function database(): NodeDb {
  // SYMBOL_CURRENT_ENV: the environment the function runs in (TCB_ENV / SCF_NAMESPACE), on CloudBase and locally.
  app ??= tcb.init({ env: tcb.SYMBOL_CURRENT_ENV });
  return app.database();
}

interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
}

function isTimerEvent(event: unknown): event is TimerEvent {
  if (typeof event !== 'object' || event === null) return false;
  const e = event as Record<string, unknown>;
  return e.Type === 'Timer' && typeof e.TriggerName === 'string';
}

export async function main(event: unknown): Promise<unknown> {
  // node-sdk's view of the invocation: TRIGGER_SRC is `timer` only when SCF's timer fired it (SCF 内置环境变量), and a
  // call from the mini-program carries the caller's OPENID, which HTTP access never does.
  const context = tcb.getCloudbaseContext() as { TRIGGER_SRC?: string; WX_OPENID?: string };
  if (isTimerEvent(event) && context.TRIGGER_SRC === 'timer') {
    // Throwing makes SCF record the invocation as failed, which is what an unknown trigger is.
    if (event.TriggerName !== TRIGGER_NAME) throw new Error(`no handler for timer trigger "${event.TriggerName}"`);
    const appid = process.env.ZY_OA_APPID?.trim();
    if (!appid) throw new Error('ZY_OA_APPID is not set: the follower list cannot be reconciled');
    const db = database();
    return reconcileFollowers({
      db,
      api: followerApiOf(db, process.env, () => new Date()),
      appid,
      clock: () => new Date(),
      budgetMs: budgetOf(process.env),
      runToken: process.env.SCF_REQUESTID || `run_${Date.now()}_${Math.random().toString(36).slice(2)}`,
    });
  }
  if (looksLikeHttpAccess(event) && !context.WX_OPENID) {
    try {
      const db = database();
      return await officialAccountHttp(httpRequestOf(event as Record<string, unknown>), { db, api: () => followerApiOf(db, process.env, () => new Date()), env: process.env, now: new Date() });
    } catch (e) {
      // A 5xx makes WeChat retry the push, which is what a failed store should get.
      logFailure('follower.push', e);
      return textResponse(500, 'text/plain; charset=utf-8', MESSAGES.INTERNAL);
    }
  }
  return failWith('UNKNOWN_ACTION');
}
