// The WeChat APIs 志愿+ uses, as one WeChatApi: subscribe messages through cloud.openapi (./cloud-openapi.ts) and the
// official account over HTTPS with its shared stable token (./official-account.ts). Functions make one per
// invocation: `createWeChatApi({ cloud, db, env, now })`.
import { randomBytes } from 'node:crypto';
import type * as cloud from 'wx-server-sdk';
import type { Database } from '../db/db';
import type { WeChatApi } from './api';
import { createCloudOpenApi } from './cloud-openapi';
import { createOfficialAccountApi, officialAccountConfigOf } from './official-account';

export type { WeChatApi, WeChatOutcome } from './api';
export { clientMsgIdOf } from './official-account';

export interface WeChatApiDeps {
  cloud: Pick<typeof cloud, 'openapi'>;
  db: Database;
  /** The function's variables: ZY_OA_API_BASE, ZY_OA_APPID, ZY_OA_SECRET, ZY_OA_TIMEOUT_MS. */
  env: Record<string, string | undefined>;
  /** The clock token expiry is judged by: an invocation's `now`, or a function of the time. */
  now: Date | (() => Date);
}

export function createWeChatApi(deps: WeChatApiDeps): WeChatApi {
  const now = typeof deps.now === 'function' ? deps.now : fixedOrRunning(deps.now);
  return {
    ...createCloudOpenApi(deps.cloud),
    ...createOfficialAccountApi({ db: deps.db, config: officialAccountConfigOf(deps.env), now, holder: `wechat-${randomBytes(6).toString('hex')}` }),
  };
}

/** An invocation's `now` moves on with the real clock: a long dispatcher run still sees a token expire. */
function fixedOrRunning(start: Date): () => Date {
  const offset = start.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}
