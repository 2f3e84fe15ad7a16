// The official account's HTTPS API behind WeChatApi: template messages, the follower list and follower details, each
// with the shared stable token (./stable-token.ts). A token WeChat rejects mid-run (40001 invalid credential, 42001
// expired, 40014 invalid) is replaced once per call and the call made once more.
import { createHash } from 'node:crypto';
import type { Database } from '../db/db';
import type { FollowerDetail, FollowerPage, TemplateMessageSend, WeChatApi, WeChatOutcome } from './api';
import { requestJson } from './https';
import { StableToken } from './stable-token';

export const TOKEN_REJECTED = new Set([40001, 42001, 40014]);
/** 45065 "clientmsgid exist": WeChat already sent this openid + client_msg_id (within its 10 minutes). */
export const ALREADY_SENT = 45065;

export interface OfficialAccountConfig {
  /** https://api.weixin.qq.com in production (ZY_OA_API_BASE); the emulator's /wechat-api locally. */
  apiBase: string;
  appid: string;
  secret: string;
  /** Each request's timeout (ZY_OA_TIMEOUT_MS, default 10 s): well under a function's 60 s. */
  timeoutMs: number;
}

/**
 * A client_msg_id for an outbox message: WeChat sends one message per openid + client_msg_id, so the outbox id makes a
 * retry after an unanswered send harmless. Outbox ids are longer than WeChat takes (see emulator/README.md), so the
 * id is their SHA-256, 32 hex characters.
 */
export function clientMsgIdOf(outboxId: string): string {
  return createHash('sha256').update(outboxId).digest('hex').slice(0, 32);
}

export type OfficialAccountApi = Pick<WeChatApi, 'sendTemplateMessage' | 'listFollowers' | 'followerDetails'>;

export function createOfficialAccountApi(options: { db: Database; config: OfficialAccountConfig | null; now: () => Date; holder: string }): OfficialAccountApi {
  const { config } = options;
  if (!config) {
    // No account configured (ZY_OA_APPID / ZY_OA_SECRET unset): as WeChat answers an API the caller may not use.
    const refused = async (): Promise<WeChatOutcome<never>> => ({ ok: false, kind: 'answered', errcode: 48001, errmsg: 'api unauthorized: ZY_OA_APPID / ZY_OA_SECRET are not set' });
    return { sendTemplateMessage: refused, listFollowers: refused, followerDetails: refused };
  }
  const token = new StableToken({ db: options.db, apiBase: config.apiBase, appid: config.appid, secret: config.secret, now: options.now, holder: options.holder, timeoutMs: config.timeoutMs });

  /** One API call with the shared token; a rejected token is replaced and the call made again, once. */
  async function call(path: string, method: 'GET' | 'POST', query: Record<string, string>, body?: unknown): Promise<CallOutcome> {
    let held = await token.current();
    for (let attempt = 1; ; attempt++) {
      if (!held.ok) return { ok: false, kind: 'unanswered', detail: held.detail };
      const url = `${config!.apiBase}/${path}?${new URLSearchParams({ access_token: held.token, ...query })}`;
      const answer = await requestJson(url, { method, body, timeoutMs: config!.timeoutMs });
      if (!answer.answered) return { ok: false, kind: 'unanswered', detail: answer.detail };
      const errcode = typeof answer.body.errcode === 'number' ? answer.body.errcode : 0;
      if (errcode === 0) return { ok: true, value: answer.body };
      if (TOKEN_REJECTED.has(errcode) && attempt === 1) {
        held = await token.replace(held.token);
        continue;
      }
      return { ok: false, kind: 'answered', errcode, errmsg: String(answer.body.errmsg ?? ''), body: answer.body };
    }
  }

  return {
    async sendTemplateMessage(message: TemplateMessageSend) {
      const outcome = await call('cgi-bin/message/template/send', 'POST', {}, {
        touser: message.touser,
        template_id: message.templateId,
        miniprogram: message.miniprogram,
        data: message.data,
        client_msg_id: message.clientMsgId,
      });
      if (outcome.ok) return { ok: true, value: { msgid: String(outcome.value.msgid) } };
      // Sent already under this client_msg_id: delivered, once, by the earlier call whose answer was lost.
      if (outcome.kind === 'answered' && outcome.errcode === ALREADY_SENT && outcome.body.msgid !== undefined) {
        return { ok: true, value: { msgid: String(outcome.body.msgid), alreadySent: true } };
      }
      return failed(outcome);
    },

    async listFollowers(nextOpenid: string): Promise<WeChatOutcome<FollowerPage>> {
      const outcome = await call('cgi-bin/user/get', 'GET', { next_openid: nextOpenid });
      if (!outcome.ok) return failed(outcome);
      const data = outcome.value.data as { openid?: unknown } | undefined;
      const openids = Array.isArray(data?.openid) ? data.openid.map(String) : [];
      return { ok: true, value: { total: Number(outcome.value.total ?? 0), openids, nextOpenid: String(outcome.value.next_openid ?? '') } };
    },

    async followerDetails(openids: string[]): Promise<WeChatOutcome<FollowerDetail[]>> {
      const outcome = await call('cgi-bin/user/info/batchget', 'POST', {}, { user_list: openids.map((openid) => ({ openid, lang: 'zh_CN' })) });
      if (!outcome.ok) return failed(outcome);
      const list = Array.isArray(outcome.value.user_info_list) ? (outcome.value.user_info_list as Record<string, unknown>[]) : [];
      return {
        ok: true,
        value: list.map((u) => ({
          openid: String(u.openid),
          subscribe: u.subscribe === 1 ? 1 : 0,
          ...(typeof u.unionid === 'string' ? { unionid: u.unionid } : {}),
          ...(u.subscribe === 1 && typeof u.subscribe_time === 'number' ? { subscribeTime: u.subscribe_time } : {}),
        })),
      };
    },
  };
}

type CallOutcome =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; kind: 'answered'; errcode: number; errmsg: string; body: Record<string, unknown> }
  | { ok: false; kind: 'unanswered'; detail: string };

function failed(outcome: Exclude<CallOutcome, { ok: true }>): Exclude<WeChatOutcome<never>, { ok: true }> {
  return outcome.kind === 'answered' ? { ok: false, kind: 'answered', errcode: outcome.errcode, errmsg: outcome.errmsg } : outcome;
}

/** The account's configuration from the function's variables, or null when it is not set up. */
export function officialAccountConfigOf(env: Record<string, string | undefined>): OfficialAccountConfig | null {
  const appid = env.ZY_OA_APPID?.trim();
  const secret = env.ZY_OA_SECRET?.trim();
  if (!appid || !secret) return null;
  const timeoutMs = Number(env.ZY_OA_TIMEOUT_MS ?? '') || 10_000;
  return { apiBase: (env.ZY_OA_API_BASE?.trim() || 'https://api.weixin.qq.com').replace(/\/+$/, ''), appid, secret, timeoutMs };
}
