// The typed client for every cloud-function action. Types come from typings/ (type-only imports,
// erased at compile time, so nothing outside miniprogram/ ships).
//
// A mutating action (domain/actions.ts) goes with a request id, one per user intent: the server answers a retry of
// the same id with what the first answered and never makes the change twice. By default each call is a new intent,
// except that a call repeating the last unanswered call of the same action with the same payload — the person
// tapping again after 网络不稳定, a crashed call, BUSY — is that intent's retry and reuses its id. A page that needs
// to say which calls are one intent holds an `intent()` and passes it.
import type {
  ActionName,
  Envelope,
  ErrorOf,
  FunctionName,
  RequestOf,
  ResponseOf,
} from '../../typings/index';
import { activeConfig, cloudEnvConfigured } from './runtime-config';
import { mutates, REQUEST_ID_FIELD } from '../domain/actions';
import * as wechat from './wechat';

/** Failures the client itself reports: the call never reached the function or never came back. */
export type ClientErrorCode = 'NETWORK' | 'CLOUD_NOT_CONFIGURED';

export type CallResult<F extends FunctionName, A extends ActionName<F>> = Envelope<
  ResponseOf<F, A>,
  (ErrorOf<F, A> & string) | ClientErrorCode
>;

const NETWORK_FAILURE = { ok: false, error: { code: 'NETWORK', message: '网络不稳定，请稍后重试' } } as const;
// Cloud mode with no environment id: every call would fail as "network", which sends the developer looking elsewhere.
const CLOUD_NOT_CONFIGURED = {
  ok: false,
  error: { code: 'CLOUD_NOT_CONFIGURED', message: '未配置云开发环境：请在 miniprogram/config.ts 填写 cloudEnv，或按 README 用本地模式连接模拟器' },
} as const;
// The function ran and crashed (or answered something that is not an envelope): not the user's network.
const FUNCTION_FAILURE = { ok: false, error: { code: 'INTERNAL', message: '服务暂时出了点问题，请稍后重试' } } as const;

/** wx.cloud.callFunction's errCode when the function threw or timed out. */
const FUNCTION_EXECUTE_FAIL = -504002;

const DEV_OPENID_KEY = 'zy.devOpenid';

/** Caller identity sent to the local emulator; each install may keep its own. */
export function devOpenid(): string {
  return wechat.readStorage(DEV_OPENID_KEY) ?? activeConfig().localOpenid;
}

export function setDevOpenid(openid: string): void {
  wechat.writeStorage(DEV_OPENID_KEY, openid);
}

function isEnvelope(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  const v = value as { ok?: unknown; data?: unknown; error?: unknown };
  if (v.ok === true) return 'data' in v;
  if (v.ok === false) {
    const e = v.error as { code?: unknown; message?: unknown } | undefined;
    return !!e && typeof e.code === 'string' && typeof e.message === 'string';
  }
  return false;
}

async function viaCloud(fn: string, event: Record<string, unknown>): Promise<unknown> {
  try {
    return await wechat.callFunction(fn, event);
  } catch (err) {
    return (err as wechat.PlatformError).errCode === FUNCTION_EXECUTE_FAIL ? FUNCTION_FAILURE : NETWORK_FAILURE;
  }
}

async function viaLocalGateway(fn: string, event: Record<string, unknown>): Promise<unknown> {
  try {
    const res = await wechat.postJson(`${activeConfig().localGateway}/${fn}`, event, { 'x-wx-openid': devOpenid() });
    // The gateway answers non-200 with { errCode, errMsg } when the function crashed.
    return res.statusCode === 200 ? res.data : FUNCTION_FAILURE;
  } catch {
    return NETWORK_FAILURE;
  }
}

/** One thing a person asked for: every call made for it carries its request id. */
export interface Intent {
  readonly requestId: string;
}

let serial = 0;

/** A fresh intent. Ids need only be unique per WeChat account: the server scopes them by caller and action. */
export function intent(): Intent {
  serial = (serial + 1) % 1_679_616;
  const random = Array.from({ length: 3 }, () => Math.floor(Math.random() * 2_176_782_336).toString(36).padStart(6, '0')).join('');
  return { requestId: `${Date.now().toString(36)}-${serial.toString(36)}-${random}` };
}

export interface CallOptions {
  /** The intent this call serves (a retry passes the same one); by default see the module comment. */
  intent?: Intent;
}

/** Answers after which the same payload is still the same intent: nothing was decided, or the answer never came. */
const UNANSWERED = new Set(['NETWORK', 'BUSY', 'CONFLICT', 'RATE_LIMITED']);

/** The last call of each action that got no answer: its payload and intent. */
const unanswered = new Map<string, { payload: string; intent: Intent }>();

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value as object).filter((k) => (value as Record<string, unknown>)[k] !== undefined).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  payload: RequestOf<F, A>,
  options: CallOptions = {},
): Promise<CallResult<F, A>> {
  const event: Record<string, unknown> = { ...(payload as Record<string, unknown>), action };
  const slot = `${fn}.${action}`;
  const payloadKey = stableJson(payload);
  let current: Intent | undefined;
  if (mutates(fn, action)) {
    const retried = unanswered.get(slot);
    current = options.intent ?? (retried && retried.payload === payloadKey ? retried.intent : intent());
    event[REQUEST_ID_FIELD] = current.requestId;
  }
  const settings = activeConfig();
  if (settings.mode === 'cloud' && !cloudEnvConfigured(settings)) return CLOUD_NOT_CONFIGURED;
  const raw = settings.mode === 'local' ? await viaLocalGateway(fn, event) : await viaCloud(fn, event);
  // A platform failure (the function crashed or timed out) may have come after the change: its retry is the same intent.
  const reached = isEnvelope(raw) && raw !== FUNCTION_FAILURE;
  const result = (isEnvelope(raw) ? raw : FUNCTION_FAILURE) as CallResult<F, A>;
  if (current) {
    const code = result.ok ? undefined : result.error.code;
    if (!reached || (code !== undefined && UNANSWERED.has(code))) unanswered.set(slot, { payload: payloadKey, intent: current });
    else unanswered.delete(slot);
  }
  return result;
}
