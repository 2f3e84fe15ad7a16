// Reading what WeChat pushes to the official account's server URL (the follower function receives it through HTTP
// access): the `signature` every push and the GET handshake carry, and in 安全模式 the `msg_signature` and the
// AES-encrypted body (公众号 消息加解密说明; the scheme of WeChat's WXBizMsgCrypt samples, which @wecom/crypto
// implements). Pure: no I/O, no clock.
import { timingSafeEqual } from 'node:crypto';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';

export interface PushCredentials {
  /** The server configuration's Token (ZY_OA_TOKEN). */
  token: string;
  /** The server configuration's EncodingAESKey, 43 characters (ZY_OA_ENCODING_AES_KEY); needed in 安全模式. */
  encodingAesKey: string;
  /** The official account's appid (ZY_OA_APPID): an encrypted push names it after the message. */
  appid: string;
}

/** The query WeChat adds to the server URL. */
export interface PushQuery {
  signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
  openid?: string;
  encrypt_type?: string;
  msg_signature?: string;
}

export type OpenedPush = { ok: true; xml: string; encrypted: boolean } | { ok: false; reason: 'signature' | 'msg_signature' | 'format' | 'appid' };

/** sha1 of the sorted token, timestamp and nonce (and, for msg_signature, the Encrypt text). */
export function pushSignature(token: string, timestamp: string, nonce: string, encrypted?: string): string {
  // getSignature sorts and joins its four parts; an empty fourth part leaves the three-part signature unchanged.
  return getSignature(token, timestamp, nonce, encrypted ?? '');
}

/** Whether `signature` is WeChat's for this token (every push and the GET handshake carry it). */
export function isSignedByWeChat(token: string, query: PushQuery): boolean {
  if (!query.signature || !query.timestamp || !query.nonce) return false;
  return sameText(query.signature, pushSignature(token, query.timestamp, query.nonce));
}

/** The GET handshake of 服务器配置: the echostr to answer, or null when the request is not WeChat's. */
export function handshakeEcho(token: string, query: PushQuery): string | null {
  return query.echostr !== undefined && isSignedByWeChat(token, query) ? query.echostr : null;
}

/**
 * A push's XML, checked: `signature` always; with `encrypt_type=aes` also `msg_signature` over the Encrypt text,
 * then decrypted, and the appid after the message must be this account's. A plain push is taken only without
 * encrypt_type, so a server set to 安全模式 still reads a push sent while the console said 明文模式.
 */
export function openPush(credentials: PushCredentials, query: PushQuery, body: string): OpenedPush {
  if (!isSignedByWeChat(credentials.token, query)) return { ok: false, reason: 'signature' };
  if (query.encrypt_type === undefined || query.encrypt_type === 'raw') return { ok: true, xml: body, encrypted: false };
  if (query.encrypt_type !== 'aes') return { ok: false, reason: 'format' };
  const encrypted = /<Encrypt><!\[CDATA\[([A-Za-z0-9+/=]+)\]\]><\/Encrypt>/.exec(body)?.[1];
  if (!encrypted) return { ok: false, reason: 'format' };
  if (!query.msg_signature || !sameText(query.msg_signature, pushSignature(credentials.token, query.timestamp!, query.nonce!, encrypted))) {
    return { ok: false, reason: 'msg_signature' };
  }
  let opened: { message: string; id: string };
  try {
    opened = decrypt(credentials.encodingAesKey, encrypted);
  } catch {
    return { ok: false, reason: 'format' };
  }
  if (opened.id !== credentials.appid) return { ok: false, reason: 'appid' };
  return { ok: true, xml: opened.message, encrypted: true };
}

/** Encrypt a message as WeChat does (a reply in 安全模式, or a test's push): the Encrypt text and its msg_signature. */
export function sealPush(credentials: PushCredentials, xml: string, timestamp: string, nonce: string, random?: Buffer): { encrypted: string; msgSignature: string } {
  const encrypted = encrypt(credentials.encodingAesKey, xml, credentials.appid, random);
  return { encrypted, msgSignature: pushSignature(credentials.token, timestamp, nonce, encrypted) };
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
