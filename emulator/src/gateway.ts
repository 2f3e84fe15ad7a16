// Development-only gateway: lets DevTools (local mode), scripts and tests call a function as a given WeChat user.
// It trusts the `x-wx-openid` header — which is exactly why it exists only in the emulator and says so.
import type * as http from 'node:http';
import type { FunctionRuntime } from './runtime/runtime';
import type { TimerTriggers } from './runtime/triggers';

export const GATEWAY_NOTICE = 'Local development gateway of the 志愿+ emulator. It trusts the x-wx-openid header: never expose it.';

export async function handleGateway(
  runtime: FunctionRuntime,
  triggers: TimerTriggers,
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
  if (url.pathname.startsWith('/triggers/')) return fireTrigger(triggers, req, url);
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
  // The runtime adds what CloudBase injects for this caller (userInfo), replacing any the body carried.
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

/** `POST /triggers/<function>[/<trigger>]`: fire a timer trigger now, as its schedule would; answers the outcome. */
async function fireTrigger(triggers: TimerTriggers, req: http.IncomingMessage, url: URL): Promise<[number, unknown]> {
  if (req.method !== 'POST') return [405, { errCode: -501007, errMsg: 'POST /triggers/<function>[/<trigger>]' }];
  const [fn, trigger, ...rest] = url.pathname.slice('/triggers/'.length).split('/').map(decodeURIComponent);
  if (!fn || rest.length) return [400, { errCode: -501007, errMsg: 'POST /triggers/<function>[/<trigger>]' }];
  try {
    const fired = await triggers.fire(fn, trigger || undefined);
    const { outcome } = fired;
    return [200, { function: fired.function, trigger: fired.trigger, at: fired.at.toISOString(), ...(outcome.ok ? { result: JSON.parse(outcome.json) } : { errMsg: outcome.message }), requestId: outcome.requestId }];
  } catch (e) {
    return [404, { errCode: -504001, errMsg: (e as Error).message }];
  }
}
