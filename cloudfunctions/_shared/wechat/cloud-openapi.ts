// What `cloud.openapi` serves the mini-program, behind WeChatApi. wx-server-sdk throws `{ errCode, errMsg }`: WeChat's
// own errcodes are positive (and -1, "system error"), and the platform's are the SDK's negative codes (-604102 the
// open-API gateway's timeout, -501001 a request that failed or timed out in the SDK, -604101 no permission): only
// the first kind is an answer from WeChat.
import type * as cloud from 'wx-server-sdk';
import type { SubscribeMessageSend, WeChatApi, WeChatOutcome } from './api';

type Cloud = Pick<typeof cloud, 'openapi'>;

export type CloudOpenApi = Pick<WeChatApi, 'sendSubscribeMessage'>;

export function createCloudOpenApi(sdk: Cloud): CloudOpenApi {
  return {
    async sendSubscribeMessage(message: SubscribeMessageSend) {
      try {
        const answer = (await sdk.openapi.subscribeMessage.send({
          touser: message.touser,
          templateId: message.templateId,
          page: message.page,
          data: message.data,
          ...(message.miniprogramState ? { miniprogramState: message.miniprogramState } : {}),
        })) as { msgid?: unknown };
        return { ok: true, value: { msgid: digitsOfWeChatId(answer.msgid) } };
      } catch (e) {
        return outcomeOfSdkError(e);
      }
    },
  };
}

/** A failed cloud-call as WeChatOutcome: WeChat's errcode as answered, the platform's or a crash as unanswered. */
export function outcomeOfSdkError(e: unknown): Exclude<WeChatOutcome<never>, { ok: true }> {
  const { errCode, errMsg } = (typeof e === 'object' && e !== null ? e : {}) as { errCode?: unknown; errMsg?: unknown };
  const text = String(errMsg ?? (e as Error)?.message ?? e);
  if (typeof errCode === 'number' && (errCode > 0 || errCode === -1)) return { ok: false, kind: 'answered', errcode: errCode, errmsg: text };
  return { ok: false, kind: 'unanswered', detail: typeof errCode === 'number' ? `${errCode} ${text}` : text };
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
