// Test support for the follower function: requests to its HTTP access path made exactly as WeChat makes them
// (signed URL, 安全模式 body), so a test can also make them wrong on purpose (bad signature, stale time, wrong key).
import type { Emulator } from '../../emulator/src/server';
import { serverSdk } from '../../emulator/test/support';
import { followerIdOf } from '../_shared/documents/ids';
import type { FollowerDoc } from '../_shared/documents/notification';
import { encryptMessage, messageSignature, urlSignature } from '../_shared/wechat/message-crypto';
import { OFFICIAL_ACCOUNT_PATH } from './http';

export const ACCOUNT = {
  appid: 'wxoa0000000000001',
  token: 'zhiyuan-server-token',
  encodingAesKey: 'Zy0123456789abcdefghijklmnopqrstuvwxyzABCDE',
  originalId: 'gh_0000000000a1',
};

export function followerEnv(options: { safeMode?: boolean } = {}): Record<string, string> {
  return { ZY_OA_APPID: ACCOUNT.appid, ZY_OA_TOKEN: ACCOUNT.token, ...(options.safeMode === false ? {} : { ZY_OA_ENCODING_AES_KEY: ACCOUNT.encodingAesKey }) };
}

export function eventXml(openid: string, createTime: number, event: 'subscribe' | 'unsubscribe' | string): string {
  return `<xml><ToUserName><![CDATA[${ACCOUNT.originalId}]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${event}]]></Event></xml>`;
}

export interface PushOptions {
  /** plain (明文模式) or safe (安全模式, the default). */
  mode?: 'plain' | 'safe';
  /** Seconds; default now. */
  timestamp?: number;
  token?: string;
  encodingAesKey?: string;
  appid?: string;
  /** Replace the signature WeChat would send. */
  signature?: string;
  msgSignature?: string;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** POST a message to the official account's server URL as WeChat does; answers status and body text. */
export async function pushAsWeChat(emu: Emulator, message: string, options: PushOptions = {}): Promise<{ status: number; text: string }> {
  const timestamp = String(options.timestamp ?? nowSeconds());
  const nonce = String(Math.floor(Math.random() * 1e9));
  const token = options.token ?? ACCOUNT.token;
  const query = new URLSearchParams({ signature: options.signature ?? urlSignature(token, timestamp, nonce), timestamp, nonce });
  let body = message;
  if ((options.mode ?? 'safe') === 'safe') {
    const encrypt = encryptMessage(options.encodingAesKey ?? ACCOUNT.encodingAesKey, options.appid ?? ACCOUNT.appid, message);
    query.set('encrypt_type', 'aes');
    query.set('msg_signature', options.msgSignature ?? messageSignature(token, timestamp, nonce, encrypt));
    body = `<xml><ToUserName><![CDATA[${ACCOUNT.originalId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
  }
  const res = await fetch(`${emu.baseUrl}${OFFICIAL_ACCOUNT_PATH}?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
  return { status: res.status, text: await res.text() };
}

/** WeChat's check of the server URL (服务器配置 → 提交). */
export async function handshakeAsWeChat(emu: Emulator, echostr: string, options: { token?: string; timestamp?: number } = {}): Promise<{ status: number; text: string }> {
  const timestamp = String(options.timestamp ?? nowSeconds());
  const nonce = '424242';
  const query = new URLSearchParams({ signature: urlSignature(options.token ?? ACCOUNT.token, timestamp, nonce), timestamp, nonce, echostr });
  const res = await fetch(`${emu.baseUrl}${OFFICIAL_ACCOUNT_PATH}?${query}`);
  return { status: res.status, text: await res.text() };
}

export async function followerDoc(emu: Emulator, openid: string): Promise<FollowerDoc | null> {
  const res = (await serverSdk(emu).database().collection('followers').where({ _id: followerIdOf(openid) }).get()) as unknown as { data: FollowerDoc[] };
  return res.data[0] ?? null;
}

export async function followerCount(emu: Emulator): Promise<number> {
  const res = (await serverSdk(emu).database().collection('followers').count()) as { total: number };
  return res.total;
}
