// Development-only gateway: lets DevTools (local mode), scripts and tests call a function as a given WeChat user.
// It trusts the `x-wx-openid` header — which is exactly why it exists only in the emulator and says so.
import type * as http from 'node:http';
import type { FunctionRuntime } from './runtime/runtime';

export const GATEWAY_NOTICE = 'Local development gateway of the 志愿+ emulator. It trusts the x-wx-openid header: never expose it.';

export async function handleGateway(
  runtime: FunctionRuntime,
  req: http.IncomingMessage,
  url: URL,
  raw: Buffer,
): Promise<[number, unknown]> {
  if (url.pathname === '/functions' && req.method === 'GET') {
    const functions = await Promise.all(
      runtime.list().map(async (f) => ({ name: f.name, timeoutSeconds: f.timeoutSeconds, actions: await runtime.describe(f.name) })),
    );
    return [200, { notice: GATEWAY_NOTICE, functions }];
  }
  const name = decodeURIComponent(url.pathname.slice('/functions/'.length));
  if (req.method !== 'POST' || !name || name.includes('/')) {
    return [405, { errCode: -501007, errMsg: 'POST /functions/<name> with a JSON body' }];
  }
  let event: unknown;
  try {
    event = raw.length ? JSON.parse(raw.toString('utf8')) : {};
  } catch {
    return [400, { errCode: -501007, errMsg: 'body is not JSON' }];
  }
  const header = (k: string): string | undefined => {
    const v = req.headers[k];
    return typeof v === 'string' && v.length > 0 ? v : undefined;
  };
  const outcome = await runtime.invoke(name, event, {
    openid: header('x-wx-openid'),
    unionid: header('x-wx-unionid'),
    appid: header('x-wx-appid'),
    source: header('x-wx-source') ?? 'wx_devtools',
    clientIp: req.socket.remoteAddress,
  });
  if (outcome.ok) return [200, JSON.parse(outcome.json)];
  const errCode = outcome.code === 'FUNCTIONS_REQUEST_FAIL' ? -504001 : -504002;
  return [outcome.code === 'FUNCTIONS_REQUEST_FAIL' ? 404 : 500, { errCode, errMsg: outcome.message, requestId: outcome.requestId }];
}
