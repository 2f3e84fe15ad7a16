// What `cloud.openapi` serves the mini-program: subscribe messages (WeChatApi) and the mini-program code, content
// security and phone number (WeChatMiniProgramApi, one function each so bundles hold only what they call). wx-server-sdk throws `{ errCode, errMsg }`: WeChat's
// own errcodes are positive (and -1, "system error"), and the platform's are the SDK's negative codes (-604102 the
// open-API gateway's timeout, -501001 a request that failed or timed out in the SDK, -604101 no permission): only
// the first kind is an answer from WeChat.
import type * as cloud from 'wx-server-sdk';
import type { MiniProgramCodeRequest, SubscribeMessageSend, WeChatApi, WeChatMiniProgramApi, WeChatOutcome } from './api';

type Cloud = Pick<typeof cloud, 'openapi'>;

export type CloudOpenApi = Pick<WeChatApi, 'sendSubscribeMessage'>;

/** One cloud-call: its answer as `ok`, or the SDK's error sorted by outcomeOfSdkError. */
async function cloudCall<T>(call: () => Promise<unknown>, read: (answer: Record<string, unknown>) => T): Promise<WeChatOutcome<T>> {
  let answer: Record<string, unknown>;
  try {
    answer = (await call()) as Record<string, unknown>;
  } catch (e) {
    return outcomeOfSdkError(e);
  }
  return { ok: true, value: read(answer) };
}

export function createCloudOpenApi(sdk: Cloud): CloudOpenApi {
  return { sendSubscribeMessage: (message) => sendSubscribeMessage(sdk, message) };
}

export function sendSubscribeMessage(sdk: Cloud, message: SubscribeMessageSend): Promise<WeChatOutcome<{ msgid: string }>> {
  return cloudCall(
    () =>
      sdk.openapi.subscribeMessage.send({
        touser: message.touser,
        templateId: message.templateId,
        page: message.page,
        data: message.data,
        ...(message.miniprogramState ? { miniprogramState: message.miniprogramState } : {}),
      }),
    (answer) => ({ msgid: digitsOfWeChatId(answer.msgid) }),
  );
}

// Each of WeChatMiniProgramApi's calls on its own, so only what a function uses lands in its bundle.

export const miniProgramCode = (sdk: Cloud, request: MiniProgramCodeRequest): ReturnType<WeChatMiniProgramApi['miniProgramCode']> =>
  cloudCall(
    () => sdk.openapi.wxacode.getUnlimited({ scene: request.scene, page: request.page, checkPath: request.checkPath, envVersion: request.envVersion, width: request.width }),
    (image) => ({ bytes: Buffer.from(image.buffer as Buffer), mime: image.contentType === 'image/jpeg' ? ('image/jpeg' as const) : ('image/png' as const) }),
  );

export const checkText = (sdk: Cloud, request: Parameters<WeChatMiniProgramApi['checkText']>[0]): ReturnType<WeChatMiniProgramApi['checkText']> =>
  cloudCall(
    () => sdk.openapi.security.msgSecCheck({ openid: request.openid, scene: request.scene, version: 2, content: request.content }),
    (answer) => {
      const result = answer.result as { suggest?: unknown; label?: unknown } | undefined;
      // No result is no verdict: never 'pass'. 21000 is WeChat's label for "other".
      return { suggest: String(result?.suggest ?? ''), label: Number(result?.label ?? 21000) };
    },
  );

export async function startMediaCheck(sdk: Cloud, request: Parameters<WeChatMiniProgramApi['startMediaCheck']>[0]): ReturnType<WeChatMiniProgramApi['startMediaCheck']> {
  const outcome = await cloudCall(
    () => sdk.openapi.security.mediaCheckAsync({ openid: request.openid, scene: request.scene, version: 2, mediaUrl: request.mediaUrl, mediaType: request.mediaType }),
    (answer) => ({ traceId: typeof answer.traceId === 'string' ? answer.traceId : '' }),
  );
  return outcome.ok && !outcome.value.traceId ? { ok: false, kind: 'unanswered', detail: 'mediaCheckAsync answered no trace id' } : outcome;
}

export const phoneNumber = (sdk: Cloud, code: string): ReturnType<WeChatMiniProgramApi['phoneNumber']> =>
  cloudCall(
    () => sdk.openapi.phonenumber.getPhoneNumber({ code }),
    (answer) => answer,
  );

/** A failed call as logFailure logs it: its class and WeChat's errcode or the platform's code, never the text. */
export class WeChatFailure {
  constructor(readonly errCode?: number) {}
}

export function failureOf(outcome: Exclude<WeChatOutcome<unknown>, { ok: true }>): WeChatFailure {
  return new WeChatFailure(outcome.kind === 'answered' ? outcome.errcode : outcome.code);
}

/** A failed cloud-call as WeChatOutcome: WeChat's errcode as answered, the platform's or a crash as unanswered. */
export function outcomeOfSdkError(e: unknown): Exclude<WeChatOutcome<never>, { ok: true }> {
  const { errCode, errMsg } = (typeof e === 'object' && e !== null ? e : {}) as { errCode?: unknown; errMsg?: unknown };
  const text = String(errMsg ?? (e as Error)?.message ?? e);
  if (typeof errCode === 'number' && (errCode > 0 || errCode === -1)) return { ok: false, kind: 'answered', errcode: errCode, errmsg: text };
  return typeof errCode === 'number' ? { ok: false, kind: 'unanswered', detail: `${errCode} ${text}`, code: errCode } : { ok: false, kind: 'unanswered', detail: text };
}

/**
 * WeChat's 64-bit msgid as digits. The SDK parses answers with json-bigint and then copies every object key by key
 * to camelCase them, so a msgid past 2^53 arrives as a BigNumber's bare fields `{ s, e, c }` (sign, exponent,
 * base-1e14 coefficient); a smaller one as a number.
 */
export function digitsOfWeChatId(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'string') return value;
  const big = value as { s?: unknown; e?: unknown; c?: unknown } | null;
  if (big && typeof big.e === 'number' && Array.isArray(big.c) && big.c.every((n) => typeof n === 'number')) {
    const chunks = big.c as number[];
    const coefficient = String(chunks[0]) + chunks.slice(1).map((n) => String(n).padStart(14, '0')).join('');
    const digits = coefficient.padEnd(big.e + 1, '0').slice(0, big.e + 1);
    return big.s === -1 ? `-${digits}` : digits;
  }
  if (big && typeof (big as { toString?: unknown }).toString === 'function' && /^\d+$/.test(String(big))) return String(big);
  return '';
}
