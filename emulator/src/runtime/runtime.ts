// Runs the built cloud functions the way CloudBase's SCF does: each function has instances (worker threads), an
// instance serves one invocation at a time, and every invocation gets the platform environment — the WeChat caller
// (WX_OPENID …), the admin-API endpoint in TCB_CONTEXT_CNFG, fake credentials — so a function that calls plain
// `cloud.init({ env })` talks to this emulator without a line changed.
import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { WORKER_SOURCE } from './worker-source';

export interface Caller {
  openid?: string;
  unionid?: string;
  appid?: string;
  /** CloudBase's TCB_SOURCE: who triggered the call (wx_client, wx_devtools, scf …). */
  source: string;
  clientIp?: string;
}

export interface FunctionInfo {
  name: string;
  timeoutSeconds: number;
  envVariables: Record<string, string>;
  entry: string;
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
  /** Instances per function (SCF scales out; here a small bound is enough). */
  maxInstancesPerFunction?: number;
}

/** Keys set per invocation; cleared between invocations so nothing of one caller survives into the next. */
const PER_INVOCATION_KEYS = [
  'WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_CLIENTIP', 'WX_API_TOKEN', 'TCB_SOURCE', 'WX_CONTEXT_KEYS', 'SCF_REQUESTID',
];

const MAX_TIMEOUT_S = 60; // CloudBase's ceiling
const DEFAULT_TIMEOUT_S = 3; // CloudBase's default when config.json says nothing

interface Instance {
  worker: Worker;
  /** Resolves once the module is loaded (SCF's initialisation phase, not counted in the invocation's timeout). */
  ready: Promise<void>;
  busy: boolean;
  /** Set when the worker died or was stopped; such an instance takes no more invocations. */
  dead?: string;
  pending?: { id: string; resolve: (o: InvokeOutcome) => void; timer: NodeJS.Timeout; requestId: string; timeoutSeconds: number };
}

export class FunctionRuntime {
  private readonly instances = new Map<string, Instance[]>();
  private readonly waiting = new Map<string, Array<() => void>>();
  /** Invocation token (WX_API_TOKEN) → the caller of that invocation, so nested calls keep the identity. */
  private readonly invocations = new Map<string, Caller>();
  private readonly appid: string;
  private closed = false;

  constructor(private readonly options: RuntimeOptions) {
    this.appid = options.appid ?? 'wx0000000000000000';
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
    const config = fs.existsSync(configFile) ? JSON.parse(fs.readFileSync(configFile, 'utf8')) : {};
    const timeout = Math.min(Number(config.timeout) || DEFAULT_TIMEOUT_S, MAX_TIMEOUT_S);
    return { name, entry, timeoutSeconds: timeout, envVariables: config.envVariables ?? {} };
  }

  /** The caller behind an admin-API request made from inside an invocation (found by its WX_API_TOKEN). */
  callerOf(apiToken: unknown): Caller | undefined {
    return typeof apiToken === 'string' ? this.invocations.get(apiToken) : undefined;
  }

  async describe(name: string): Promise<string[]> {
    const fn = this.info(name);
    if (!fn) return [];
    const instance = await this.acquire(fn);
    await instance.ready;
    try {
      return await new Promise<string[]>((resolve) => {
        instance.worker.once('message', (m: { actions: string[] }) => resolve(m.actions));
        instance.worker.postMessage({ type: 'describe' });
      });
    } finally {
      this.release(fn.name, instance);
    }
  }

  async invoke(name: string, event: unknown, caller: Caller): Promise<InvokeOutcome> {
    const requestId = randomUUID();
    const fn = this.info(name);
    if (!fn) {
      return { ok: false, code: 'FUNCTIONS_REQUEST_FAIL', message: `[ResourceNotFound.Function] 函数 ${name} 不存在`, requestId };
    }
    const instance = await this.acquire(fn);
    await instance.ready;
    if (instance.dead) {
      this.release(fn.name, instance);
      return { ok: false, code: 'FUNCTIONS_EXECUTE_FAIL', message: instance.dead, requestId };
    }
    const token = randomBytes(16).toString('hex');
    this.invocations.set(token, caller);
    try {
      return await new Promise<InvokeOutcome>((resolve) => {
        const id = randomUUID();
        const timer = setTimeout(() => this.timeOut(fn.name, instance), fn.timeoutSeconds * 1000);
        instance.pending = { id, resolve, timer, requestId, timeoutSeconds: fn.timeoutSeconds };
        instance.worker.postMessage({
          type: 'invoke',
          id,
          event,
          env: this.invocationEnv(caller, token, requestId),
          context: this.scfContext(fn, requestId),
        });
      });
    } finally {
      this.invocations.delete(token);
      this.release(fn.name, instance);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.instances.values()].flat();
    this.instances.clear();
    await Promise.all(all.map((i) => i.worker.terminate()));
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

  /** What SCF puts in every instance's environment. Fixed per instance; the caller is set per invocation. */
  private instanceEnv(fn: FunctionInfo): Record<string, string> {
    const inherited: Record<string, string> = {};
    for (const k of ['PATH', 'HOME', 'TZ', 'LANG', 'NODE_OPTIONS']) {
      const v = process.env[k];
      if (v !== undefined) inherited[k] = v;
    }
    return {
      ...inherited,
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
    };
  }

  private async acquire(fn: FunctionInfo): Promise<Instance> {
    for (;;) {
      if (this.closed) throw new Error('runtime closed');
      const pool = this.instances.get(fn.name) ?? [];
      this.instances.set(fn.name, pool);
      const idle = pool.find((i) => !i.busy);
      if (idle) {
        idle.busy = true;
        return idle;
      }
      if (pool.length < (this.options.maxInstancesPerFunction ?? 8)) {
        const instance = this.spawn(fn);
        instance.busy = true;
        pool.push(instance);
        return instance;
      }
      await new Promise<void>((resolve) => {
        const queue = this.waiting.get(fn.name) ?? [];
        queue.push(resolve);
        this.waiting.set(fn.name, queue);
      });
    }
  }

  private release(name: string, instance: Instance): void {
    instance.busy = false;
    instance.pending = undefined;
    this.waiting.get(name)?.shift()?.();
  }

  private spawn(fn: FunctionInfo): Instance {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      env: this.instanceEnv(fn),
      workerData: { entry: fn.entry, perInvocationKeys: PER_INVOCATION_KEYS },
      stdout: false,
      stderr: false,
    });
    let markReady = (): void => undefined;
    const ready = new Promise<void>((resolve) => {
      markReady = resolve;
    });
    const instance: Instance = { worker, ready, busy: false };
    worker.on('message', (m: { type: string; id?: string; json?: string; error?: { message: string; stack?: string } }) => {
      if (m.type === 'ready') return markReady();
      const p = instance.pending;
      if (!p || m.id !== p.id) return;
      clearTimeout(p.timer);
      if (m.type === 'result') p.resolve({ ok: true, json: m.json as string, requestId: p.requestId });
      else p.resolve({ ok: false, code: 'FUNCTIONS_EXECUTE_FAIL', message: formatCrash(m.error), requestId: p.requestId });
    });
    worker.on('error', (e) => {
      markReady();
      this.discard(fn.name, instance, `Error: ${e.message}`);
    });
    worker.on('exit', () => {
      markReady();
      this.discard(fn.name, instance, 'instance exited');
    });
    worker.unref();
    return instance;
  }

  private timeOut(name: string, instance: Instance): void {
    const seconds = instance.pending?.timeoutSeconds ?? 0;
    // As on SCF: the instance is killed and the caller is told the task timed out.
    this.discard(name, instance, `Invoking task timed out after ${seconds} seconds`);
    void instance.worker.terminate();
  }

  private discard(name: string, instance: Instance, reason: string): void {
    instance.dead ??= reason;
    const pool = this.instances.get(name);
    if (pool) this.instances.set(name, pool.filter((i) => i !== instance));
    const p = instance.pending;
    if (p) {
      clearTimeout(p.timer);
      instance.pending = undefined;
      p.resolve({ ok: false, code: 'FUNCTIONS_EXECUTE_FAIL', message: reason, requestId: p.requestId });
    }
  }
}

function formatCrash(error?: { message: string; stack?: string }): string {
  if (!error) return 'functions execute fail';
  return `errCode: -504002 functions execute fail | errMsg: ${error.stack ?? error.message}`;
}
