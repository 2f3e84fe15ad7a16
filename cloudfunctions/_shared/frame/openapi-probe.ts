// The deploy's open-API check (scripts/deploy-plan.cjs, OPENAPI_PROBE_EVENT). CloudBase applies config.json's
// `permissions.openapi` only when a function is uploaded from WeChat DevTools, so after a deploy each declared API
// is called once with a deliberately invalid request: WeChat answers an argument error when the call is allowed and
// the platform answers -604101 when it is not. Only an invocation without a WeChat user may ask (the deploy calls
// through the Tencent Cloud API; every mini-program call carries an OPENID), and nothing is read or written.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as cloudSdk from 'wx-server-sdk';

export interface OpenApiProbeResult {
  api: string;
  errCode: number;
  errMsg: string;
}

export function isOpenApiProbe(event: unknown, openid: string | undefined): boolean {
  if (openid || typeof event !== 'object' || event === null) return false;
  const keys = Object.keys(event);
  return keys.length === 1 && (event as { probe?: unknown }).probe === 'openapi';
}

/** The open APIs this function declares, from the config.json deployed beside its bundle. */
export function declaredOpenApis(functionDir: string): string[] {
  try {
    const config = JSON.parse(fs.readFileSync(path.join(functionDir, 'config.json'), 'utf8')) as { permissions?: { openapi?: unknown } };
    const apis = config.permissions?.openapi;
    return Array.isArray(apis) ? apis.filter((a): a is string => typeof a === 'string') : [];
  } catch {
    return [];
  }
}

export async function probeOpenApis(cloud: typeof cloudSdk, apis: readonly string[]): Promise<OpenApiProbeResult[]> {
  const openapi = cloud.openapi as unknown as Record<string, Record<string, (params: object) => Promise<{ errCode?: number; errMsg?: string }>>>;
  const results: OpenApiProbeResult[] = [];
  for (const api of apis) {
    const [namespace, method] = api.split('.');
    const call = namespace && method ? openapi[namespace]?.[method] : undefined;
    if (!call) {
      results.push({ api, errCode: -1, errMsg: 'not an open API of wx-server-sdk' });
      continue;
    }
    try {
      // `{}` misses every required argument: an allowed call can only be refused for its arguments.
      const answer = await call({});
      results.push({ api, errCode: answer.errCode ?? 0, errMsg: answer.errMsg ?? '' });
    } catch (e) {
      const err = e as { errCode?: unknown; errMsg?: unknown; message?: unknown };
      results.push({ api, errCode: typeof err.errCode === 'number' ? err.errCode : -1, errMsg: String(err.errMsg ?? err.message ?? '') });
    }
  }
  return results;
}
