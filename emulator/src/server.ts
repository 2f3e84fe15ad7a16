// The local CloudBase: one HTTP server that answers the admin API the stock SDKs speak (`POST /admin`: database.*,
// storage.*, functions.invokeFunction), serves stored files, and offers a development-only gateway
// (`POST /functions/<name>`) through which the mini-program in DevTools, scripts and tests call functions as a
// WeChat user.
import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadCollections, loadMiniprogramPages, DEFAULT_FUNCTIONS_DIR } from './config';
import { openDatabase, type CollectionConfig, type DatabaseService } from './database';
import { handleClientDatabase } from './client-database';
import { isStateChanging, MAX_NESTING_DEPTH, mediaTypeOf, nestsDeeperThan, originAllowed, paramsNestTooDeep } from './doors';
import { handleGateway } from './gateway';
import { handleHttpAccess, httpRoutesOf, routeOf, type HttpRoute } from './http-access';
import { localKeyEnv } from './keys';
import { FunctionRuntime, type Caller, type FunctionInfo } from './runtime/runtime';
import { TimerTriggers } from './runtime/triggers';
import { parseRules } from './security-rules';
import { cosErrorXml, Storage, uploadedContent } from './storage';
import { FakeWeChat, parseOpenApiForm, WireError } from './wechat';
import { OFFICIAL_ACCOUNT_API_PREFIX, OFFICIAL_ACCOUNT_SERVER_PATH, officialAccountEnv, replyToOfficialAccountCall } from './wechat/http';
import { FACEID_PATH, FakeFaceId } from './wechat/faceid';
import { productTemplates } from './wechat/product-templates';

export interface EmulatorOptions {
  port?: number;
  host?: string;
  /** Where data is kept; null keeps everything in memory (tests). */
  dataDir: string | null;
  /** Refuse database queries that no declared index supports (tests run strict). */
  strict?: boolean;
  env?: string;
  /** Built functions (each `<name>/index.js`); null runs no functions. */
  functionsDir?: string | null;
  collections?: CollectionConfig[];
  functionEnv?: Record<string, string>;
  appid?: string;
  /** Instances each function may run at once (see src/runtime/README.md); EMULATOR_MAX_INSTANCES in npm start. */
  maxInstancesPerFunction?: number;
  /** Fire config.json timer triggers on their schedule (npm start); tests fire them with `triggers.fire`. */
  timerTriggers?: boolean;
  /** The mini-program's pages that WeChat's `page` parameters must name; default: miniprogram/app.json. */
  pages?: string[];
  /** The clock storage links and WeChat codes are judged by (tests move it); default Date.now. */
  now?: () => number;
  /** Origins besides loopback ones that may send state-changing requests (EMULATOR_ALLOWED_ORIGINS). */
  allowedOrigins?: string[];
}

export interface Emulator {
  env: string;
  port: number;
  baseUrl: string;
  adminUrl: string;
  gatewayUrl: string;
  database: DatabaseService;
  runtime: FunctionRuntime | null;
  /** Timer triggers of the loaded functions: `fire(name)` runs one now; on schedule only with `timerTriggers`. */
  triggers: TimerTriggers | null;
  wechat: FakeWeChat;
  /** What cloud storage holds (test inspection only: `paths()`). */
  storage: Pick<Storage, 'paths'>;
  /** Tencent Cloud's real-identity check (IdCardVerification) as a fake, at POST /tencentcloud/faceid (src/wechat/faceid.ts). */
  faceid: FakeFaceId;
  /** The environment every function gets on top of its config.json (data keys, admin list…). */
  functionEnv: Record<string, string>;
  stop(): Promise<void>;
}

export const DEFAULT_ENV = 'zhiyuan-local';
const MAX_BODY_BYTES = 50 * 1024 * 1024;

export async function startEmulator(options: EmulatorOptions): Promise<Emulator> {
  const env = options.env ?? DEFAULT_ENV;
  const host = options.host ?? '127.0.0.1';
  let baseUrl = '';
  const collections = options.collections ?? loadCollections();
  // Refuse to start with a rule the emulator could not enforce.
  const rules = parseRules(collections);
  const database = await openDatabase({
    dataDir: options.dataDir,
    collections,
    strict: options.strict ?? false,
  });
  const wechat = new FakeWeChat({ appid: options.appid, pages: options.pages ?? loadMiniprogramPages(), now: options.now });
  const storage = new Storage({ dataDir: options.dataDir, env, baseUrl: () => baseUrl, now: options.now });
  // The product's templates (cloudfunctions/_shared/messages/templates.ts), set up in the fake as a deployment sets
  // them up in the MP console and the official account's, with their ids in the functions' ZY_TMPL_* variables.
  const templates = productTemplates();
  for (const t of templates) (t.channel === 'subscribe' ? wechat : wechat.officialAccount).defineTemplate(t.templateId, t.keys);
  // Production keeps data keys in the functions' environment; locally they are made on first run.
  const functionEnv: Record<string, string> = {
    ...localKeyEnv(options.dataDir),
    ...Object.fromEntries(templates.map((t) => [t.envVar, t.templateId])),
    // Where the certificate function finds its fonts (uploaded by publishCertificateFonts, as the deploy does).
    ZY_FONTS_FOLDER: storage.fileIdOf('fonts'),
    ...options.functionEnv,
  };
  const faceid = new FakeFaceId(() => functionEnv.ZY_IDV_SECRET_KEY, options.now);
  const functionsDir = options.functionsDir === undefined ? DEFAULT_FUNCTIONS_DIR : options.functionsDir;
  const runtime = functionsDir
    ? new FunctionRuntime({
        functionsDir,
        env,
        adminUrl: () => `${baseUrl}/admin`,
        functionEnv,
        appid: options.appid,
        maxInstancesPerFunction: options.maxInstancesPerFunction,
      })
    : null;
  // Reading every config.json now refuses a bad trigger at start, not at the hour it was due.
  try {
    runtime?.list();
  } catch (e) {
    await database.close();
    throw e;
  }
  const triggers = runtime ? new TimerTriggers(runtime) : null;
  let pushRoutes: Map<string, string>;
  let httpRoutes: HttpRoute[];
  try {
    pushRoutes = messagePushRoutes(runtime?.list() ?? []);
    httpRoutes = httpRoutesOf(runtime?.list() ?? []);
  } catch (e) {
    await database.close();
    throw e;
  }
  // WeChat's pushes go to the function set up for their <MsgType, Event>; with none, WeChat would push to the
  // developer server's URL instead, which does not exist here, so the push is only recorded (wechat.pushes).
  wechat.onMessagePush = async (event) => {
    const target = pushRoutes.get(`${event.MsgType}\n${event.Event}`);
    if (!target || !runtime) return;
    const outcome = await runtime.deliverPush(target, event as unknown as Record<string, unknown>, 'appid' in event ? event.appid : undefined);
    if (!outcome.ok) console.error(`[message push ${event.Event} → ${target}] ${outcome.message}`);
  };

  const admin = async (body: Record<string, unknown>): Promise<Record<string, unknown>> => {
    const action = String(body.action ?? '');
    if (action.startsWith('database.')) return database.handle(action, body);
    if (action.startsWith('storage.')) return storage.handle(action, body);
    if (action === 'functions.invokeFunction') {
      if (!runtime) return { code: 'FUNCTIONS_REQUEST_FAIL', message: '[emulator] no functions are loaded' };
      // A call from inside a function keeps the WeChat identity of the invocation that made it.
      const parent = runtime.callerOf(body.wxCloudApiToken);
      // SOURCE follows the chain: a function called from one the mini-program called sees "wx_client,scf".
      const caller: Caller = parent ? { ...parent, source: `${parent.source},scf` } : { source: 'scf' };
      let event: unknown = {};
      try {
        event = body.request_data ? JSON.parse(String(body.request_data)) : {};
      } catch {
        return { code: 'INVALID_PARAM', message: 'request_data is not JSON' };
      }
      const outcome = await runtime.invoke(String(body.function_name), event, caller);
      if (!outcome.ok) return { code: outcome.code, message: outcome.message, requestId: outcome.requestId };
      return { requestId: outcome.requestId, data: { response_data: outcome.json } };
    }
    return { code: 'INVALID_PARAM', message: `[emulator] unsupported action ${action}` };
  };

  const server = http.createServer((req, res) => {
    readBody(req)
      .then(async (raw) => {
        const url = new URL(req.url ?? '/', baseUrl);
        const refusal = refuseAtTheDoor(req, url, raw, options.allowedOrigins ?? []);
        if (refusal) {
          res.writeHead(refusal.status, { 'content-type': refusal.contentType, 'content-length': Buffer.byteLength(refusal.body) });
          return res.end(refusal.body);
        }
        if (url.pathname === '/admin' && req.method === 'POST' && /multipart\/form-data/.test(req.headers['content-type'] ?? '')) {
          // wx.openApi arrives as multipart form data and is answered in protobuf.
          const form = await parseOpenApiForm(String(req.headers['content-type']), raw);
          const action = form.action?.toString('utf8');
          if (action !== 'wx.openApi') return sendJson(res, 200, { code: 'INVALID_PARAM', message: `[emulator] unsupported action ${action}` });
          let reply: Buffer;
          try {
            // The SDK sends its invocation's WX_API_TOKEN in the form: it says which function is cloud-calling.
            const invocation = runtime?.invocationOf(form.wxCloudApiToken?.toString('utf8'));
            reply = await wechat.handle(form.apiName?.toString('utf8') ?? '', form.requestData ?? Buffer.alloc(0), invocation);
          } catch (e) {
            if (e instanceof WireError) return sendJson(res, 200, { code: 'INVALID_PARAM', message: `[emulator] ${e.message}` });
            throw e;
          }
          res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': reply.length });
          return res.end(reply);
        }
        if (url.pathname === '/admin' && req.method === 'POST') {
          const body = parseNestedJson(raw);
          if (!body) return sendJson(res, 400, { requestId: randomUUID(), ...TOO_DEEP });
          const reply = await admin(body);
          return sendJson(res, 200, { requestId: randomUUID(), ...reply });
        }
        if (url.pathname === '/client/database' && req.method === 'POST') {
          const openid = typeof req.headers['x-wx-openid'] === 'string' ? req.headers['x-wx-openid'] : undefined;
          const body = parseNestedJson(raw);
          if (!body) return sendJson(res, 400, { requestId: randomUUID(), ...TOO_DEEP });
          const reply = await handleClientDatabase(database, rules, openid, body);
          return sendJson(res, 200, { requestId: randomUUID(), ...reply });
        }
        if (url.pathname.startsWith('/storage/')) {
          const rawPath = url.pathname.slice('/storage/'.length);
          // wx-server-sdk 2.x posts a COS form around the file; 4.x puts the bytes as they are.
          const isUpload = req.method === 'PUT' || req.method === 'POST';
          const body = isUpload ? await uploadedContent(req.headers['content-type'], raw, decodeURIComponent(rawPath)).catch((e: unknown) => e as Error) : raw;
          if (body instanceof Error) {
            res.writeHead(400, { 'content-type': 'application/xml' });
            return res.end(cosErrorXml('InvalidRequest', `[emulator] ${body.message}`));
          }
          const [status, content] = storage.serve(req.method ?? 'GET', rawPath, url.searchParams, body);
          res.writeHead(status, { 'content-type': status === 200 ? 'application/octet-stream' : 'application/xml' });
          return res.end(content);
        }
        if (url.pathname === '/functions' || url.pathname.startsWith('/functions/') || url.pathname.startsWith('/triggers/')) {
          if (!runtime || !triggers) return sendJson(res, 404, { errCode: -504001, errMsg: 'no functions are loaded' });
          const [status, payload] = await handleGateway(runtime, triggers, req, url, raw);
          return sendJson(res, status, payload);
        }
        if (url.pathname.startsWith(OFFICIAL_ACCOUNT_API_PREFIX)) {
          // The official account's HTTPS API (what ZY_OA_API_BASE points at): JSON, or a dropped connection for a timeout.
          return await replyToOfficialAccountCall(wechat, req, res, url, raw);
        }
        if (url.pathname === FACEID_PATH && req.method === 'POST') {
          const { status, body } = faceid.handle(req.headers, raw);
          return sendJson(res, status, body);
        }
        const httpRoute = runtime ? routeOf(httpRoutes, url.pathname) : undefined;
        if (runtime && httpRoute) {
          const reply = await handleHttpAccess(runtime, httpRoute, req, url, raw, env);
          res.writeHead(reply.status, { ...reply.headers, 'content-length': reply.body.length });
          return res.end(reply.body);
        }
        if (url.pathname === '/' && req.method === 'GET') {
          return sendJson(res, 200, { emulator: '志愿+ local CloudBase', env, adminUrl: `${baseUrl}/admin`, gatewayUrl: `${baseUrl}/functions` });
        }
        return sendJson(res, 404, { errMsg: 'not found' });
      })
      .catch((e: unknown) => {
        if (!res.headersSent) sendJson(res, e instanceof BodyTooLarge ? 413 : 400, { code: 'INVALID_PARAM', message: String((e as Error).message ?? e) });
      });
  });
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 3900, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${host}:${port}`;
  // The HTTP access service answers at this server's root, so the verification site is this origin unless one was
  // given (http on loopback: did:web wants https, which only production has; see README.md "HTTP access").
  functionEnv.ZY_VERIFY_BASE_URL ||= baseUrl;
  // The official account's API and credentials, and where WeChat pushes its events (the follower function's path).
  for (const [k, v] of Object.entries(officialAccountEnv(wechat, baseUrl))) functionEnv[k] ||= v;
  wechat.officialAccount.serverUrl ??= `${baseUrl}${OFFICIAL_ACCOUNT_SERVER_PATH}`;
  if (options.timerTriggers) triggers?.start();

  return {
    env,
    port,
    baseUrl,
    adminUrl: `${baseUrl}/admin`,
    gatewayUrl: `${baseUrl}/functions`,
    database,
    runtime,
    triggers,
    wechat,
    storage,
    faceid,
    functionEnv,
    async stop() {
      triggers?.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime?.close();
      await database.close();
    },
  };
}

interface Refusal {
  status: number;
  contentType: string;
  body: string;
}

const json = (status: number, body: unknown): Refusal => ({ status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(body) });

/**
 * What a request is refused with before it reaches its route (see ./doors.ts), in that route's own error envelope:
 * CloudBase's `{ code, message }` for the admin and client APIs, the gateway's `{ errCode, errMsg }` (and the
 * action envelope for an event nested too deep, as a function's schema would answer), COS's XML for storage.
 */
function refuseAtTheDoor(req: http.IncomingMessage, url: URL, raw: Buffer, allowedOrigins: readonly string[]): Refusal | undefined {
  if (!isStateChanging(req.method)) return undefined;
  const path = url.pathname;
  const route = path === '/admin' ? 'admin' : path === '/client/database' ? 'client' : path.startsWith('/functions/') || path.startsWith('/triggers/') ? 'gateway' : path.startsWith('/storage/') ? 'storage' : path.startsWith(OFFICIAL_ACCOUNT_API_PREFIX) ? 'wechat-api' : undefined;
  if (!route) return undefined;
  const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
  if (!originAllowed(origin, allowedOrigins)) {
    const why = `[emulator] requests from web pages are refused (Origin ${origin}); only the SDKs, scripts and DevTools may call the emulator`;
    if (route === 'gateway') return json(403, { errCode: -501007, errMsg: why });
    if (route === 'storage') return { status: 403, contentType: 'application/xml', body: cosErrorXml('AccessDenied', why) };
    if (route === 'wechat-api') return json(403, { errcode: -1, errmsg: why });
    return json(403, { code: 'PERMISSION_DENIED', message: why });
  }
  // WeChat reads the body as JSON whatever the content type says; only the Origin door applies.
  if (route === 'wechat-api') return undefined;
  const type = mediaTypeOf(req.headers['content-type']);
  if (route === 'storage') {
    // The 4.x SDK PUTs the file with no content type; the 2.x SDK POSTs a COS form (multipart).
    if (req.method === 'POST' && type !== 'multipart/form-data') {
      return { status: 415, contentType: 'application/xml', body: cosErrorXml('InvalidRequest', '[emulator] a storage POST must be multipart/form-data') };
    }
    return undefined;
  }
  const multipartAdmin = route === 'admin' && type === 'multipart/form-data';
  if (type !== 'application/json' && !multipartAdmin) {
    const why = `[emulator] content-type must be application/json${route === 'admin' ? ' (or multipart/form-data for wx.openApi)' : ''}, not ${type || 'none'}`;
    return route === 'gateway' ? json(415, { errCode: -501007, errMsg: why }) : json(415, { code: 'INVALID_PARAM', message: why });
  }
  if (route === 'gateway' && nestsDeeperThan(raw.toString('utf8'))) {
    return json(200, { ok: false, error: { code: 'BAD_REQUEST', message: `请求数据嵌套层级过深（最多 ${MAX_NESTING_DEPTH} 层）` } });
  }
  return undefined;
}

const TOO_DEEP = { code: 'INVALID_PARAM', message: `[emulator] request nested deeper than ${MAX_NESTING_DEPTH} levels (MongoDB's limit for a document)` };

/** The JSON body of an admin or client request, or null when it (or a JSON string in it) nests too deep. */
function parseNestedJson(raw: Buffer): Record<string, unknown> | null {
  const text = raw.toString('utf8');
  if (nestsDeeperThan(text)) return null;
  const body = JSON.parse(text || '{}') as Record<string, unknown>;
  return paramsNestTooDeep(body) ? null : body;
}

class BodyTooLarge extends Error {}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/**
 * Which function receives each <MsgType, Event> pair, from the functions' config.json `messagePush`. "同一个
 * <消息类型, 事件类型> 二元组只能推到一个环境的一个云函数" (云函数接收消息推送): two functions claiming one pair stop the
 * emulator at start.
 */
export function messagePushRoutes(functions: readonly FunctionInfo[]): Map<string, string> {
  const routes = new Map<string, string>();
  for (const fn of functions) {
    for (const route of fn.messagePush) {
      const key = `${route.msgType}\n${route.event}`;
      const other = routes.get(key);
      if (other && other !== fn.name) throw new Error(`message push <${route.msgType}, ${route.event}> is claimed by both ${other} and ${fn.name}: a pair goes to one function`);
      routes.set(key, fn.name);
    }
  }
  return routes;
}
