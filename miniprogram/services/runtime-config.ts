// The configuration the mini-program runs with: the tracked config.ts, or — in WeChat DevTools only — local mode
// named by a compile condition. DevTools keeps compile conditions in project.private.config.json (git-ignored; the
// DevTools docs, 项目配置文件: "可以将 project.private.config.json 写到 .gitignore") and passes a condition's 启动参数 as
// the launch page's query, so local mode needs no edit of a tracked file and no build step:
//   "condition": { "miniprogram": { "list": [{ "name": "本地模拟器", "pathName": <我的, or any page>,
//     "query": "zyMode=local&zyGateway=http%3A%2F%2F127.0.0.1%3A3900%2Ffunctions&zyOpenid=demo-lin" }] } }
// Outside the develop version (体验版, 正式版) the query is ignored, so a shared link cannot switch a real user's app
// to a gateway of someone's choosing.
import { config as tracked, type AppConfig } from '../config';

export const LOCAL_QUERY_KEYS = { mode: 'zyMode', gateway: 'zyGateway', openid: 'zyOpenid' } as const;

export interface LaunchSettings {
  query?: Record<string, string | undefined>;
  /** wx.getAccountInfoSync().miniProgram.envVersion: 'develop' in DevTools and 开发版. */
  envVersion: 'develop' | 'trial' | 'release';
}

function decoded(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  try {
    return decodeURIComponent(value).trim();
  } catch {
    return value.trim();
  }
}

/** Only http(s) to this machine or the LAN: the gateway trusts its caller header and must never be a real server. */
function isLocalGateway(url: string): boolean {
  return /^http:\/\/(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|10\.\d{1,3}\.\d{1,3}\.\d{1,3}|192\.168\.\d{1,3}\.\d{1,3}|172\.(1[6-9]|2\d|3[01])\.\d{1,3}\.\d{1,3})(:\d{1,5})?(\/|$)/.test(url);
}

/** The configuration for this launch, and the dev identity the launch names (if any). */
export function configFor(base: AppConfig, launch: LaunchSettings): { config: AppConfig; devOpenid?: string } {
  const query = launch.query ?? {};
  if (launch.envVersion !== 'develop' || decoded(query[LOCAL_QUERY_KEYS.mode]) !== 'local') return { config: base };
  const gateway = decoded(query[LOCAL_QUERY_KEYS.gateway]);
  const openid = decoded(query[LOCAL_QUERY_KEYS.openid]);
  return {
    config: { ...base, mode: 'local', localGateway: gateway && isLocalGateway(gateway) ? gateway.replace(/\/$/, '') : base.localGateway },
    ...(openid && /^[A-Za-z0-9_-]{1,64}$/.test(openid) ? { devOpenid: openid } : {}),
  };
}

let active: AppConfig = tracked;

export function activeConfig(): AppConfig {
  return active;
}

/** Set once at launch (app.ts); page tests set the emulator's environment the same way. */
export function useConfig(next: AppConfig): void {
  active = next;
}

/** The tracked configuration again (tests). */
export function resetConfig(): void {
  active = tracked;
}

/** A cloud environment id that has been filled in (the shipped config leaves it empty). */
export function cloudEnvConfigured(c: AppConfig): boolean {
  return c.cloudEnv.trim() !== '';
}
