// Runs CloudBase functions the way SCF does: each function has instances (child processes), an instance serves one
// invocation at a time, and every invocation gets the platform environment — the WeChat caller (WX_OPENID …), the
// admin-API endpoint in TCB_CONTEXT_CNFG, fake credentials — so a function that calls plain `cloud.init({ env })`
// talks to this emulator without a line changed. How instances are started and reused is in README.md here.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deliveredEvent, MESSAGE_PUSH_SOURCE, timerEvent } from './events';
import { INSTANCE_SOURCE } from './instance-source';
import { parseCron, type CronSchedule } from './cron';
import { readHttpAccess } from '../http-access';

export interface Caller {
  openid?: string;
  unionid?: string;
  appid?: string;
  /** CloudBase's TCB_SOURCE: who triggered the call (wx_client, wx_devtools, wx_trigger, scf …), comma-chained. */
  source: string;
  clientIp?: string;
}

export interface TimerTrigger {
  name: string;
  schedule: CronSchedule;
}

export interface FunctionInfo {
  name: string;
  folder: string;
  entry: string;
  timeoutSeconds: number;
  envVariables: Record<string, string>;
  triggers: TimerTrigger[];
  /** config.json `permissions.openapi`: the open APIs this function may cloud-call (everything else is -604101). */
  openapi: string[];
  /** config.json `messagePush`: the WeChat pushes (`MsgType`, `Event`) this function receives (see ../../README.md). */
  messagePush: MessagePushRoute[];
  /** config.json `httpAccess`: the HTTP access paths routed to this function (see ../http-access.ts). */
  httpAccess: string[];
}

/** One <消息类型, 事件类型> pair of the console's 消息推送 setting; `event` is '' for a message that has none. */
export interface MessagePushRoute {
  msgType: string;
  event: string;
}

/** The invocation behind an admin-API request: who called, and which function is making the request. */
export interface Invocation {
  caller: Caller;
  functionName: string;
  /** The function's `permissions.openapi` as read when the invocation started. */
  openapi: readonly string[];
}

export type InvokeOutcome =
  | { ok: true; json: string; requestId: string }
  | { ok: false; code: 'FUNCTIONS_EXECUTE_FAIL' | 'FUNCTIONS_REQUEST_FAIL'; message: string; requestId: string };

export interface RuntimeOptions {
  functionsDir: string;
  env: string;
  adminUrl: () => string;
  /** Variables given to every function over its config.json `envVariables` (e.g. PLATFORM_ADMIN_OPENIDS). */
  functionEnv?: Record<string, string>;
  appid?: string;
  /** Instances each function may run at once (default DEFAULT_MAX_INSTANCES). */
  maxInstancesPerFunction?: number;
  /** Instances starting at the same moment, over all functions (default: the machine's cores, at least 2). */
  maxStartingInstances?: number;
}

/** Keys set per invocation; cleared between invocations so nothing of one caller survives into the next. */
const PER_INVOCATION_KEYS = [
  'WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_CLIENTIP', 'WX_API_TOKEN', 'TCB_SOURCE', 'WX_CONTEXT_KEYS', 'SCF_REQUESTID', 'TRIGGER_SRC', 'WX_TRIGGER_API_TOKEN_V0',
];

const MAX_TIMEOUT_S = 60; // CloudBase's ceiling
const DEFAULT_TIMEOUT_S = 3; // CloudBase's default when config.json says nothing
/** Enough that every concurrency test here runs each call in an instance of its own, as CloudBase would. */
export const DEFAULT_MAX_INSTANCES = 100;
const TRIGGER_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;

interface Instance {
  child: ChildProcess;
  state: 'starting' | 'idle' | 'busy' | 'dead';
  /** Why the instance died (a timeout, a crash); answered to the invocation it was running. */
  deathReason?: string;
  pending?: { id: string; resolve: (o: InvokeOutcome) => void; timer: NodeJS.Timeout; requestId: string };
  described?: (actions: string[]) => void;
}

interface Pool {
  fn: FunctionInfo;
  instances: Instance[];
  /** Invocations waiting for an instance, oldest first. */
  waiting: Array<{ give: (instance: Instance) => void; fail: (e: Error) => void }>;
  /** Instances kept started ahead of calls (SCF's provisioned concurrency, 预置并发). */
  provisioned: number;
  /** `provision()` calls waiting for their instances to be ready. */
  provisionWaiters: Array<{ done: () => void; fail: (e: Error) => void }>;
}

export class FunctionRuntime {
  private readonly pools = new Map<string, Pool>();
  /**
   * Invocation token (WX_API_TOKEN) → the invocation it was given to: nested calls keep the caller's identity, and
   * cloud-calls are judged by the calling function's own permissions. A token is valid only while its invocation runs.
   */
  private readonly invocations = new Map<string, Invocation>();
  private readonly appid: string;
  private readonly maxInstances: number;
  private readonly maxStarting: number;
  private starting = 0;
  private closed = false;

  constructor(private readonly options: RuntimeOptions) {
    this.appid = options.appid ?? 'wx0000000000000000';
    this.maxInstances = options.maxInstancesPerFunction ?? DEFAULT_MAX_INSTANCES;
    this.maxStarting = options.maxStartingInstances ?? Math.max(1, Math.floor(os.availableParallelism() / 2));
    if (!(this.maxInstances >= 1)) throw new Error(`maxInstancesPerFunction must be at least 1, got ${this.maxInstances}`);
  }

  list(): FunctionInfo[] {
    const dir = this.options.functionsDir;
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() && !d.name.startsWith('_') && !d.name.startsWith('.'))
      .map((d) => this.info(d.name))
      .filter((f): f is FunctionInfo => f !== null);
  }

  info(name: string): FunctionInfo | null {
    if (!/^[A-Za-z][\w-]*$/.test(name)) return null;
    const folder = path.join(this.options.functionsDir, name);
    const entry = path.join(folder, 'index.js');
    if (!fs.existsSync(entry)) return null;
    const configFile = path.join(folder, 'config.json');
    const config = fs.existsSync(configFile) ? (JSON.parse(fs.readFileSync(configFile, 'utf8')) as Record<string, unknown>) : {};
    const timeout = Math.min(Number(config.timeout) || DEFAULT_TIMEOUT_S, MAX_TIMEOUT_S);
    const envVariables = (config.envVariables ?? {}) as Record<string, string>;
    return {
      name,
      folder,
      entry,
      timeoutSeconds: timeout,
      envVariables,
      triggers: readTriggers(name, config.triggers),
      openapi: readOpenApiPermissions(name, config.permissions),
      messagePush: readMessagePush(name, config.messagePush),
      httpAccess: readHttpAccess(name, config.httpAccess),
    };
  }

  /**
   * Start `count` instances of a function ahead of calls and resolve once they are ready — SCF's provisioned
   * concurrency (预置并发). A test that needs calls to overlap as on a warm CloudBase function calls this first, since
   * here cold starts are paced (see README.md).
   */
  provision(name: string, count: number): Promise<void> {
    const fn = this.info(name);
    if (!fn) return Promise.reject(new Error(`no function ${name}`));
    if (!(Number.isInteger(count) && count >= 1 && count <= this.maxInstances)) {
      return Promise.reject(new Error(`provision between 1 and ${this.maxInstances} instances, got ${count}`));
    }
    const pool = this.pool(fn);
    pool.provisioned = Math.max(pool.provisioned, count);
    return new Promise<void>((done, fail) => {
      pool.provisionWaiters.push({ done, fail });
      this.scale();
      this.settleProvisions(pool);
    });
  }

  /** Instances of a function alive now (starting, idle or busy). */
  instanceCount(name: string): number {
    return this.pools.get(name)?.instances.filter((i) => i.state !== 'dead').length ?? 0;
  }

  /** The caller behind an admin-API request made from inside an invocation (found by its WX_API_TOKEN). */
  callerOf(apiToken: unknown): Caller | undefined {
    return this.invocationOf(apiToken)?.caller;
  }

  /** The running invocation an admin-API request comes from (by its WX_API_TOKEN); none for a script or a stale token. */
  invocationOf(apiToken: unknown): Invocation | undefined {
    return typeof apiToken === 'string' && apiToken ? this.invocations.get(apiToken) : undefined;
  }

  async describe(name: string): Promise<string[]> {
    const fn = this.info(name);
    if (!fn) return [];
    const instance = await this.acquire(fn);
    try {
      return await new Promise<string[]>((resolve) => {
        if (instance.state === 'dead') return resolve([]);
        instance.described = resolve;
        instance.child.send({ type: 'describe' }, (e) => e && resolve([]));
      });
    } finally {
      instance.described = undefined;
      this.release(fn.name, instance);
    }
  }

  /** Call a function as `caller`, with the event CloudBase would deliver for that caller. */
  invoke(name: string, data: unknown, caller: Caller): Promise<InvokeOutcome> {
    return this.run(name, deliveredEvent(data, { openid: caller.openid, appid: caller.appid ?? this.appid }), caller);
  }

  /** Fire a function's timer trigger as SCF does at `at`: the timer event, SOURCE wx_trigger, no WeChat user. */
  fireTrigger(name: string, triggerName: string, at: Date): Promise<InvokeOutcome> {
    return this.run(name, timerEvent(triggerName, at), { source: 'wx_trigger' }, { TRIGGER_SRC: 'timer' });
  }

  /**
   * Deliver a WeChat message push to the function set up to receive it: the event is the push's JSON itself, with no
   * `userInfo` injected (云函数接收消息推送: "其 event 参数即是接口所定义的 JSON 结构的对象"); the context carries the
   * user the push is about (FromUserName) and SOURCE `wx_unknown` (see events.ts MESSAGE_PUSH_SOURCE).
   */
  deliverPush(name: string, event: Record<string, unknown>, appid?: string): Promise<InvokeOutcome> {
    const from = typeof event.FromUserName === 'string' && event.FromUserName ? event.FromUserName : undefined;
    return this.run(name, event, { source: MESSAGE_PUSH_SOURCE, appid: appid ?? this.appid, ...(from ? { openid: from } : {}) });
  }

  async close(): Promise<void> {
    this.closed = true;
    const pools = [...this.pools.values()];
    this.pools.clear();
    for (const pool of pools) {
      for (const waiter of pool.waiting.splice(0)) waiter.fail(new Error('runtime closed'));
      for (const waiter of pool.provisionWaiters.splice(0)) waiter.fail(new Error('runtime closed'));
    }
    const all = pools.flatMap((p) => p.instances);
    for (const i of all) {
      i.deathReason ??= 'the emulator stopped';
      i.state = 'dead';
      this.answerDeath(i);
    }
    await Promise.all(
      all.map(
        (i) =>
          new Promise<void>((resolve) => {
            if (i.child.exitCode !== null || i.child.signalCode !== null) return resolve();
            i.child.once('exit', () => resolve());
            // Instances are unreferenced so they never keep a process alive; waiting for their exit must.
            i.child.ref();
            i.child.kill('SIGKILL');
          }),
      ),
    );
  }

  private async run(name: string, event: unknown, caller: Caller, extraEnv: Record<string, string> = {}): Promise<InvokeOutcome> {
    const requestId = randomUUID();
    const fn = this.info(name);
    if (!fn) {
      return { ok: false, code: 'FUNCTIONS_REQUEST_FAIL', message: `[ResourceNotFound.Function] 函数 ${name} 不存在`, requestId };
    }
    const instance = await this.acquire(fn);
    if (instance.state === 'dead') {
      this.release(fn.name, instance);
      return { ok: false, code: 'FUNCTIONS_EXECUTE_FAIL', message: instance.deathReason ?? 'instance exited', requestId };
    }
    const token = randomBytes(16).toString('hex');
    this.invocations.set(token, { caller, functionName: fn.name, openapi: fn.openapi });
    try {
      return await new Promise<InvokeOutcome>((resolve) => {
        const id = randomUUID();
        const timer = setTimeout(() => this.timeOut(instance, fn.timeoutSeconds), fn.timeoutSeconds * 1000);
        instance.pending = { id, resolve, timer, requestId };
        const message = {
          type: 'invoke',
          id,
          event,
          env: { ...this.invocationEnv(caller, token, requestId), ...extraEnv, ...timerToken(extraEnv, token) },
          context: this.scfContext(fn, requestId),
        };
        // The instance may have died a moment ago: then its exit answers this invocation.
        instance.child.send(message, (e) => e && this.discard(this.pool(fn), instance, `Error: ${e.message}`));
      });
    } finally {
      this.invocations.delete(token);
      this.release(fn.name, instance);
    }
  }

  private invocationEnv(caller: Caller, token: string, requestId: string): Record<string, string> {
    const env: Record<string, string> = {
      WX_APPID: caller.appid ?? this.appid,
      WX_API_TOKEN: token,
      TCB_SOURCE: caller.source,
      SCF_REQUESTID: requestId,
    };
    if (caller.openid) env.WX_OPENID = caller.openid;
    if (caller.unionid) env.WX_UNIONID = caller.unionid;
    if (caller.clientIp) env.WX_CLIENTIP = caller.clientIp;
    env.WX_CONTEXT_KEYS = Object.keys(env).filter((k) => k.startsWith('WX_')).join(',');
    return env;
  }

  private scfContext(fn: FunctionInfo, requestId: string): Record<string, unknown> {
    return {
      request_id: requestId,
      function_name: fn.name,
      function_version: '$LATEST',
      namespace: this.options.env,
      memory_limit_in_mb: 256,
      time_limit_in_ms: fn.timeoutSeconds * 1000,
      environment: JSON.stringify({ SCF_NAMESPACE: this.options.env, TCB_ENV: this.options.env }),
    };
  }

  /**
   * What SCF puts in every instance's environment, then the function's own variables. The clock is UTC unless the
   * function sets TZ (SCF's default); NODE_PATH is SCF's `/var/user:/var/user/node_modules`, the code folder being
   * the function's own folder here (the runtime's global modules and layers under /opt have no local counterpart).
   */
  private instanceEnv(fn: FunctionInfo): Record<string, string> {
    const inherited: Record<string, string> = {};
    for (const k of ['PATH', 'HOME', 'LANG']) {
      const v = process.env[k];
      if (v !== undefined) inherited[k] = v;
    }
    // A host clock moved by libfaketime (scripts/at-time.sh) moves the instances' too, so the suite can be run at any
    // hour of the Shanghai day; production's clock is the real one, and these are absent there and here by default.
    if (process.env.FAKETIME !== undefined) {
      for (const k of ['FAKETIME', 'LD_PRELOAD']) inherited[k] = process.env[k] ?? '';
    }
    return {
      ...inherited,
      TZ: 'UTC',
      NODE_PATH: [fn.folder, path.join(fn.folder, 'node_modules')].join(path.delimiter),
      USER_CODE_ROOT: `${fn.folder}${path.sep}`,
      ...fn.envVariables,
      ...(this.options.functionEnv ?? {}),
      TENCENTCLOUD_RUNENV: 'SCF',
      TENCENTCLOUD_REGION: 'ap-shanghai',
      SCF_NAMESPACE: this.options.env,
      SCF_FUNCTIONNAME: fn.name,
      TCB_ENV: this.options.env,
      TENCENTCLOUD_SECRETID: 'emulator-secret-id',
      TENCENTCLOUD_SECRETKEY: 'emulator-secret-key',
      TENCENTCLOUD_SESSIONTOKEN: 'emulator-session-token',
      TCB_CONTEXT_KEYS: 'TCB_CONTEXT_CNFG',
      TCB_CONTEXT_CNFG: JSON.stringify({ URL: this.options.adminUrl() }),
      EMULATOR: '1',
      __EMULATOR_ENTRY: fn.entry,
      __EMULATOR_PER_INVOCATION_KEYS: PER_INVOCATION_KEYS.join(','),
    };
  }

  private pool(fn: FunctionInfo): Pool {
    let pool = this.pools.get(fn.name);
    if (!pool) {
      pool = { fn, instances: [], waiting: [], provisioned: 0, provisionWaiters: [] };
      this.pools.set(fn.name, pool);
    }
    pool.fn = fn;
    return pool;
  }

  /**
   * As SCF: a warm idle instance takes the call at once; otherwise the call waits and a new instance is started.
   * A waiting call goes to whichever instance is free first — one that finishes its invocation or a new one that
   * finishes loading — so a burst never waits for more cold starts than it needs.
   */
  private acquire(fn: FunctionInfo): Promise<Instance> {
    if (this.closed) return Promise.reject(new Error('runtime closed'));
    const pool = this.pool(fn);
    const idle = pool.instances.find((i) => i.state === 'idle');
    if (idle) {
      idle.state = 'busy';
      return Promise.resolve(idle);
    }
    return new Promise<Instance>((give, fail) => {
      pool.waiting.push({ give, fail });
      this.scale();
    });
  }

  private release(name: string, instance: Instance): void {
    instance.pending = undefined;
    const pool = this.pools.get(name);
    if (!pool) return;
    if (instance.state === 'dead') {
      pool.instances = pool.instances.filter((i) => i !== instance);
      this.scale();
      return;
    }
    instance.state = 'idle';
    this.dispatch(pool, instance);
  }

  private dispatch(pool: Pool, instance: Instance): void {
    const next = pool.waiting.shift();
    if (!next) return;
    instance.state = 'busy';
    next.give(instance);
  }

  /** Start instances for waiting calls, at most `maxStarting` at a time over all functions (SCF's burst limit here). */
  private scale(): void {
    if (this.closed) return;
    for (const pool of this.pools.values()) {
      const starting = pool.instances.filter((i) => i.state === 'starting').length;
      let needed = Math.max(pool.waiting.length - starting, pool.provisioned - pool.instances.length);
      while (needed > 0 && pool.instances.length < this.maxInstances && this.starting < this.maxStarting) {
        this.spawn(pool);
        needed--;
      }
    }
  }

  private settleProvisions(pool: Pool): void {
    const ready = pool.instances.filter((i) => i.state === 'idle' || i.state === 'busy').length;
    if (ready >= pool.provisioned) for (const w of pool.provisionWaiters.splice(0)) w.done();
  }

  private spawn(pool: Pool): void {
    const fn = pool.fn;
    const child = spawn(process.execPath, ['-e', INSTANCE_SOURCE], {
      cwd: fn.folder,
      env: this.instanceEnv(fn),
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const instance: Instance = { child, state: 'starting' };
    pool.instances.push(instance);
    this.starting++;
    const started = (): void => {
      if (instance.state !== 'starting') return;
      this.starting--;
      instance.state = 'idle';
      this.dispatch(pool, instance);
      this.settleProvisions(pool);
      this.scale();
    };
    child.on('message', (m: { type: string; id?: string; json?: string; actions?: string[]; error?: { message: string; stack?: string }; kind?: string }) => {
      if (m.type === 'ready') return started();
      if (m.type === 'described') return instance.described?.(m.actions ?? []);
      const p = instance.pending;
      if (!p || m.id !== p.id) return;
      clearTimeout(p.timer);
      instance.pending = undefined;
      if (m.type === 'result') p.resolve({ ok: true, json: m.json as string, requestId: p.requestId });
      else p.resolve({ ok: false, code: 'FUNCTIONS_EXECUTE_FAIL', message: formatCrash(m.error, m.kind), requestId: p.requestId });
    });
    child.on('error', (e) => this.discard(pool, instance, `Error: ${e.message}`));
    child.on('exit', (code, signal) => this.discard(pool, instance, instance.deathReason ?? `instance exited (${signal ?? `code ${code}`})`));
    child.unref();
    child.channel?.unref();
  }

  private timeOut(instance: Instance, seconds: number): void {
    // As on SCF: the instance is killed and the caller is told the task timed out.
    instance.deathReason = `Invoking task timed out after ${seconds} seconds`;
    instance.state = 'dead'; // released by its invocation, never handed out again
    this.answerDeath(instance);
    instance.child.kill('SIGKILL');
  }

  private discard(pool: Pool, instance: Instance, reason: string): void {
    if (instance.state === 'dead') return;
    const wasStarting = instance.state === 'starting';
    if (wasStarting) this.starting--;
    const wasBusy = instance.state === 'busy';
    instance.deathReason ??= reason;
    instance.state = 'dead';
    instance.described?.([]);
    this.answerDeath(instance);
    if (wasBusy) return; // forgotten when its invocation releases it
    pool.instances = pool.instances.filter((i) => i !== instance);
    // An instance that died while loading (process.exit at the top of the module…) fails the oldest waiting call
    // with the reason instead of being replaced at once, so a function that cannot start is not restarted forever.
    const waiter = wasStarting ? pool.waiting.shift() : undefined;
    if (waiter) waiter.give(instance);
    if (wasStarting && pool.provisioned > 0) {
      // Nor is it kept provisioned: the provisioning fails with the reason.
      pool.provisioned = 0;
      for (const w of pool.provisionWaiters.splice(0)) w.fail(new Error(instance.deathReason));
    }
    this.scale();
  }

  private answerDeath(instance: Instance): void {
    const p = instance.pending;
    if (!p) return;
    clearTimeout(p.timer);
    instance.pending = undefined;
    p.resolve({ ok: false, code: 'FUNCTIONS_EXECUTE_FAIL', message: instance.deathReason ?? 'instance exited', requestId: p.requestId });
  }
}

/**
 * A timer-triggered invocation's token also goes in WX_TRIGGER_API_TOKEN_V0, which the SDKs prefer when TRIGGER_SRC
 * is `timer` (@cloudbase/node-sdk utils/wxCloudToken: WX_API_TOKEN only "为了兼容旧的开发者工具").
 */
function timerToken(extraEnv: Record<string, string>, token: string): Record<string, string> {
  return extraEnv.TRIGGER_SRC === 'timer' ? { WX_TRIGGER_API_TOKEN_V0: token } : {};
}

/** config.json `triggers`, as DevTools and the CLI accept them; anything else stops the emulator with the reason. */
function readTriggers(fn: string, raw: unknown): TimerTrigger[] {
  if (raw === undefined) return [];
  const where = `cloudfunctions/${fn}/config.json triggers`;
  if (!Array.isArray(raw)) throw new Error(`${where}: must be an array`);
  // "目前仅支持一个触发器，即数组只能填写一个" (WeChat cloud development, 定时触发器).
  if (raw.length > 1) throw new Error(`${where}: CloudBase takes one trigger per function, got ${raw.length}`);
  return raw.map((t: { name?: unknown; type?: unknown; config?: unknown }) => {
    if (typeof t?.name !== 'string' || !TRIGGER_NAME.test(t.name)) {
      throw new Error(`${where}: name must start with a letter and use at most 60 of a-z A-Z 0-9 - _`);
    }
    if (t.type !== 'timer') throw new Error(`${where}: type must be "timer", the only kind CloudBase has`);
    if (typeof t.config !== 'string') throw new Error(`${where}: config must be a cron string`);
    try {
      return { name: t.name, schedule: parseCron(t.config) };
    } catch (e) {
      throw new Error(`${where}: ${(e as Error).message}`);
    }
  });
}

/**
 * config.json `permissions.openapi`: "字符串数组字段，值必须为所需调用的服务端接口名称" (WeChat 云调用). Anything else
 * stops the emulator at start, so a function never runs with permissions other than the ones it seems to declare.
 */
function readOpenApiPermissions(fn: string, raw: unknown): string[] {
  if (raw === undefined) return [];
  const where = `cloudfunctions/${fn}/config.json permissions`;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`${where}: must look like { "openapi": ["subscribeMessage.send", ...] }`);
  const openapi = (raw as { openapi?: unknown }).openapi;
  if (openapi === undefined) return [];
  if (!Array.isArray(openapi) || !openapi.every((api) => typeof api === 'string' && /^[A-Za-z][\w-]*(\.[A-Za-z][\w-]*)+$/.test(api))) {
    throw new Error(`${where}.openapi: must be an array of open-API names such as "subscribeMessage.send", got ${JSON.stringify(openapi)}`);
  }
  return openapi;
}

/**
 * config.json `messagePush`: `[{ "msgType": "event", "event": "wxa_media_check" }]`, the pairs this function is set
 * up to receive in the console (云开发 → 设置 → 其他设置 → 消息推送). Anything else stops the emulator at start.
 */
function readMessagePush(fn: string, raw: unknown): MessagePushRoute[] {
  if (raw === undefined) return [];
  const where = `cloudfunctions/${fn}/config.json messagePush`;
  if (!Array.isArray(raw)) throw new Error(`${where}: must be an array of { "msgType": "event", "event": "wxa_media_check" }`);
  return raw.map((r: { msgType?: unknown; event?: unknown }) => {
    if (typeof r?.msgType !== 'string' || !/^[a-z_]+$/.test(r.msgType)) throw new Error(`${where}: msgType must be a message type such as "event" or "text"`);
    if (r.event !== undefined && (typeof r.event !== 'string' || !/^[A-Za-z_]*$/.test(r.event))) throw new Error(`${where}: event must be an event type such as "wxa_media_check"`);
    return { msgType: r.msgType, event: (r.event as string | undefined) ?? '' };
  });
}

function formatCrash(error?: { message: string; stack?: string }, kind?: string): string {
  if (!error) return 'functions execute fail';
  const detail = error.stack ?? error.message;
  return `errCode: -504002 functions execute fail | errMsg: ${kind ? `${kind}: ` : ''}${detail}`;
}
