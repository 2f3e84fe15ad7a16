// CloudBase's HTTP 访问服务 for cloud functions (docs.cloudbase.net/service/access-cloud-function, 通过 HTTP 访问云函数):
// a path routes to a function; the HTTP request reaches it as an 集成请求 event
//   { path, httpMethod, headers, multiValueHeaders, queryStringParameters, requestContext, body, isBase64Encoded }
// and what the function answers becomes the HTTP response: an 集成响应 { statusCode, headers, body, isBase64Encoded }
// as it says; a string as text/plain; any other value as JSON. The routes are set in the console (or `tcb service
// create -p <path> -f <function>`); here a function claims them in its config.json: `"httpAccess": [{ "path": "/verify" }]`.
// Where the documentation is loose, the emulator takes the strictest reading (emulator/README.md, "HTTP access").
import { randomUUID } from 'node:crypto';
import type * as http from 'node:http';
import type { FunctionInfo, FunctionRuntime } from './runtime/runtime';

/** Paths the emulator's own surface answers: a function cannot claim them (or anything under them). */
const RESERVED = ['/admin', '/client', '/functions', '/triggers', '/storage', '/tencentcloud'];
const ROUTE_PATH = /^\/(?:[A-Za-z0-9._~-]+\/?)*$/;

/** 100 KB for a text body, 6 MB otherwise (HTTP 访问服务 使用限制; the answer is EXCEED_MAX_PAYLOAD_SIZE). */
export const MAX_TEXT_BODY_BYTES = 100 * 1024;
export const MAX_BINARY_BODY_BYTES = 6 * 1024 * 1024;

/**
 * The SOURCE of an HTTP-access invocation is not in Cloud.getWXContext's table for this path (wx_http names the HTTP
 * API), so a receiver must not rely on it: the product's frame tells such an event by its shape and by the absence of
 * a WeChat user. The emulator uses `wx_http`.
 */
export const HTTP_ACCESS_SOURCE = 'wx_http';

export interface HttpRoute {
  path: string;
  functionName: string;
}

function normalised(path: string): string {
  return path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
}

/** config.json `httpAccess`: `[{ "path": "/verify" }, …]`. Anything else stops the emulator at start. */
export function readHttpAccess(fn: string, raw: unknown): string[] {
  if (raw === undefined) return [];
  const where = `cloudfunctions/${fn}/config.json httpAccess`;
  if (!Array.isArray(raw)) throw new Error(`${where}: must be an array of { "path": "/…" }`);
  return raw.map((r: { path?: unknown }) => {
    if (typeof r?.path !== 'string' || !ROUTE_PATH.test(r.path) || r.path === '/') throw new Error(`${where}: path must be an absolute path such as "/verify"`);
    const path = normalised(r.path);
    if (RESERVED.some((p) => path === p || path.startsWith(`${p}/`))) throw new Error(`${where}: ${path} is the emulator's own route`);
    return path;
  });
}

/** Every function's routes, longest first (a path goes to its longest matching route). Two claims of one path stop the emulator. */
export function httpRoutesOf(functions: readonly FunctionInfo[]): HttpRoute[] {
  const byPath = new Map<string, string>();
  for (const fn of functions) {
    for (const path of fn.httpAccess) {
      const other = byPath.get(path);
      if (other && other !== fn.name) throw new Error(`HTTP access path ${path} is claimed by both ${other} and ${fn.name}`);
      byPath.set(path, fn.name);
    }
  }
  return [...byPath].map(([path, functionName]) => ({ path, functionName })).sort((a, b) => b.path.length - a.path.length);
}

/** The route of a request path: the route itself or a path below it (prefix match on whole segments). */
export function routeOf(routes: readonly HttpRoute[], pathname: string): HttpRoute | undefined {
  return routes.find((r) => pathname === r.path || pathname.startsWith(`${r.path}/`));
}

function isText(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  return type === '' || type.startsWith('text/') || type === 'application/json' || type === 'application/x-www-form-urlencoded' || type.endsWith('+json') || type === 'application/xml';
}

export interface HttpAccessReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

const jsonReply = (status: number, body: unknown): HttpAccessReply => ({ status, headers: { 'content-type': 'application/json; charset=utf-8' }, body: Buffer.from(JSON.stringify(body)) });

/** The 集成请求 event of an HTTP request. */
export function integrationEvent(req: http.IncomingMessage, url: URL, raw: Buffer, env: string): Record<string, unknown> {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i]!.toLowerCase();
    const value = req.rawHeaders[i + 1]!;
    (multiValueHeaders[name] ??= []).push(value);
    headers[name] = multiValueHeaders[name]!.join(',');
  }
  const queryStringParameters: Record<string, string> = {};
  for (const [k, v] of url.searchParams) queryStringParameters[k] = v;
  const text = isText(req.headers['content-type']);
  return {
    path: url.pathname,
    httpMethod: req.method ?? 'GET',
    headers,
    multiValueHeaders,
    queryStringParameters,
    requestContext: { requestId: randomUUID().replace(/-/g, ''), envId: env, appId: 0, uin: 0 },
    body: text ? raw.toString('utf8') : raw.toString('base64'),
    isBase64Encoded: !text,
  };
}

/** The HTTP response of what the function answered (集成响应, a string, or any JSON value). */
export function replyOf(answer: unknown): HttpAccessReply {
  if (typeof answer === 'object' && answer !== null && !Array.isArray(answer) && 'statusCode' in answer) {
    const r = answer as { statusCode?: unknown; headers?: unknown; body?: unknown; isBase64Encoded?: unknown };
    if (!Number.isInteger(r.statusCode) || (r.statusCode as number) < 100 || (r.statusCode as number) > 599) {
      return jsonReply(502, { code: 'INVALID_INTEGRATION_RESPONSE', message: '[emulator] statusCode must be an HTTP status' });
    }
    const headers: Record<string, string> = {};
    if (typeof r.headers === 'object' && r.headers !== null) {
      for (const [k, v] of Object.entries(r.headers as Record<string, unknown>)) if (typeof v === 'string' || typeof v === 'number') headers[k.toLowerCase()] = String(v);
    }
    const body = typeof r.body === 'string' ? r.body : r.body === undefined ? '' : JSON.stringify(r.body);
    return { status: r.statusCode as number, headers, body: r.isBase64Encoded === true ? Buffer.from(body, 'base64') : Buffer.from(body, 'utf8') };
  }
  if (typeof answer === 'string' || typeof answer === 'number') return { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: Buffer.from(String(answer)) };
  return jsonReply(200, answer ?? null);
}

/** Route `req` to its function, as HTTP access does. */
export async function handleHttpAccess(runtime: FunctionRuntime, route: HttpRoute, req: http.IncomingMessage, url: URL, raw: Buffer, env: string): Promise<HttpAccessReply> {
  const text = isText(req.headers['content-type']);
  if (raw.length > (text ? MAX_TEXT_BODY_BYTES : MAX_BINARY_BODY_BYTES)) {
    return jsonReply(413, { code: 'EXCEED_MAX_PAYLOAD_SIZE', message: `[emulator] HTTP access takes at most ${text ? '100 KB of text' : '6 MB'} per request` });
  }
  const outcome = await runtime.invoke(route.functionName, integrationEvent(req, url, raw, env), { source: HTTP_ACCESS_SOURCE });
  if (!outcome.ok) return jsonReply(outcome.code === 'FUNCTIONS_REQUEST_FAIL' ? 404 : 500, { code: outcome.code, message: outcome.message, requestId: outcome.requestId });
  return replyOf(JSON.parse(outcome.json));
}
