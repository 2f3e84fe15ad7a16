// Test support for the follower function: requests to its HTTP access path made exactly as WeChat makes them
// (signed URL, 安全模式 body, with push-crypto.ts), so a test can also make them wrong on purpose (bad signature,
// stale time, wrong key); emu.wechat.officialAccount's own follow/unfollow push the right ones.
import type { Emulator } from '../../emulator/src/server';
import { serverSdk } from '../../emulator/test/support';
import { followerIdOf } from '../_shared/documents/ids';
import type { FollowerDoc } from '../_shared/documents/notification';
import { pushSignature, sealPush } from '../_shared/wechat/push-crypto';
import { OFFICIAL_ACCOUNT_PATH } from './http';

/** The fake official account's server configuration, which the emulator gives the functions (ZY_OA_*). */
const account = (emu: Emulator) => emu.wechat.officialAccount;

/** 明文模式: WeChat pushes plain XML, and the function has no EncodingAESKey (set before the function first runs). */
export function usePlainMode(emu: Emulator): void {
  emu.wechat.officialAccount.mode = 'plain';
  emu.functionEnv.ZY_OA_ENCODING_AES_KEY = '';
}

export function eventXml(openid: string, createTime: number, event: 'subscribe' | 'unsubscribe' | string): string {
  return `<xml><ToUserName><![CDATA[gh_0a0a0a0a0a0a]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>${createTime}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${event}]]></Event></xml>`;
}

export interface PushOptions {
  /** plain (明文模式) or safe (安全模式); default the fake account's mode. */
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
  const token = options.token ?? account(emu).token;
  const query = new URLSearchParams({ signature: options.signature ?? pushSignature(token, timestamp, nonce), timestamp, nonce });
  let body = message;
  if ((options.mode ?? account(emu).mode) === 'safe') {
    const credentials = { token, encodingAesKey: options.encodingAesKey ?? account(emu).encodingAesKey, appid: options.appid ?? account(emu).appid };
    const { encrypted, msgSignature } = sealPush(credentials, message, timestamp, nonce);
    query.set('encrypt_type', 'aes');
    query.set('msg_signature', options.msgSignature ?? msgSignature);
    body = `<xml><ToUserName><![CDATA[${account(emu).originalId}]]></ToUserName><Encrypt><![CDATA[${encrypted}]]></Encrypt></xml>`;
  }
  const res = await fetch(`${emu.baseUrl}${OFFICIAL_ACCOUNT_PATH}?${query}`, { method: 'POST', headers: { 'content-type': 'text/xml' }, body });
  return { status: res.status, text: await res.text() };
}

/** WeChat's check of the server URL (服务器配置 → 提交). */
export async function handshakeAsWeChat(emu: Emulator, echostr: string, options: { token?: string; timestamp?: number } = {}): Promise<{ status: number; text: string }> {
  const timestamp = String(options.timestamp ?? nowSeconds());
  const nonce = '424242';
  const query = new URLSearchParams({ signature: pushSignature(options.token ?? account(emu).token, timestamp, nonce), timestamp, nonce, echostr });
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
