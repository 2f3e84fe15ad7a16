// What a faked API answers, before it is wrapped into the SDK's CommOpenApiResp.
import { randomBytes } from 'node:crypto';

export type ApiAnswer =
  /** A JSON answer; errcode 0 and errmsg "ok" are added as WeChat does. */
  | { kind: 'json'; body: Record<string, unknown> }
  /** A WeChat error: JSON `{ errcode, errmsg }`, which the SDK throws as `{ errCode, errMsg }`. */
  | { kind: 'error'; errcode: number; errmsg: string }
  /** Binary content (an image), which the SDK returns as `{ contentType, buffer }`. */
  | { kind: 'buffer'; contentType: string; buffer: Buffer }
  /** A svrkit answer: protobuf bytes the SDK decodes itself (cloud.getOpenData). */
  | { kind: 'svrkit'; bytes: Buffer }
  /** A refusal by the platform before WeChat is asked (e.g. -604101, no permission for the API). */
  | { kind: 'platform'; errorCode: number };

export const ok = (body: Record<string, unknown> = {}): ApiAnswer => ({ kind: 'json', body });

/** WeChat's errmsg carries a request id (" rid: …"); code that reads errmsg instead of errcode breaks on it. */
export function wxError(errcode: number, errmsg: string): ApiAnswer {
  return { kind: 'error', errcode, errmsg: `${errmsg} rid: ${rid()}` };
}

export function rid(): string {
  const hex = randomBytes(12).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 16)}-${hex.slice(16, 24)}`;
}

/** Errmsg texts WeChat uses for the errcodes a test may inject with failNext. */
export const KNOWN_ERRMSG: Record<number, string> = {
  [-1]: 'system error',
  40001: 'invalid credential, access_token is invalid or not latest',
  40003: 'invalid openid',
  40029: 'invalid code',
  40037: 'invalid template_id',
  40129: 'invalid scene',
  40169: 'invalid length for scene, or the data is not json string',
  41030: 'invalid page',
  43101: 'user refuse to accept the msg',
  44002: 'empty post data',
  45009: 'reach max api daily quota limit',
  45011: 'api minute-quota reach limit mustslower retry next minute',
  47001: 'data format error',
  47003: 'argument invalid!',
  48001: 'api unauthorized',
  87014: 'risky content',
};
