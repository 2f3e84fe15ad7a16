// The typed client for every cloud-function action. Types come from typings/ (type-only imports,
// erased at compile time, so nothing outside miniprogram/ ships).
import type {
  ActionName,
  Envelope,
  ErrorOf,
  FunctionName,
  RequestOf,
  ResponseOf,
} from '../../typings/index';
import { config } from '../config';
import * as wechat from './wechat';

/** Failures the client itself reports: the call never reached the function or never came back. */
export type ClientErrorCode = 'NETWORK';

export type CallResult<F extends FunctionName, A extends ActionName<F>> = Envelope<
  ResponseOf<F, A>,
  (ErrorOf<F, A> & string) | ClientErrorCode
>;

const NETWORK_FAILURE = { ok: false, error: { code: 'NETWORK', message: '网络不稳定，请稍后重试' } } as const;
// The function ran and crashed (or answered something that is not an envelope): not the user's network.
const FUNCTION_FAILURE = { ok: false, error: { code: 'INTERNAL', message: '服务暂时出了点问题，请稍后重试' } } as const;

/** wx.cloud.callFunction's errCode when the function threw or timed out. */
const FUNCTION_EXECUTE_FAIL = -504002;

const DEV_OPENID_KEY = 'zy.devOpenid';

/** Caller identity sent to the local emulator; each install may keep its own. */
export function devOpenid(): string {
  return wechat.readStorage(DEV_OPENID_KEY) ?? config.localOpenid;
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
    const res = await wechat.postJson(`${config.localGateway}/${fn}`, event, { 'x-wx-openid': devOpenid() });
    // The gateway answers non-200 with { errCode, errMsg } when the function crashed.
    return res.statusCode === 200 ? res.data : FUNCTION_FAILURE;
  } catch {
    return NETWORK_FAILURE;
  }
}

export async function call<F extends FunctionName, A extends ActionName<F>>(
  fn: F,
  action: A,
  payload: RequestOf<F, A>,
): Promise<CallResult<F, A>> {
  const event = { ...(payload as Record<string, unknown>), action };
  const result = config.mode === 'local' ? await viaLocalGateway(fn, event) : await viaCloud(fn, event);
  return (isEnvelope(result) ? result : FUNCTION_FAILURE) as CallResult<F, A>;
}
