// The official account's HTTPS API as the emulator's HTTP server answers it: `${baseUrl}/wechat-api/cgi-bin/…` is
// what functions reach through ZY_OA_API_BASE (production: https://api.weixin.qq.com).
import type * as http from 'node:http';
import type { FakeWeChat } from '.';

export const OFFICIAL_ACCOUNT_API_PREFIX = '/wechat-api/';
/** The follower function's HTTP access path, where WeChat pushes the account's events (the followers slice claims it). */
export const OFFICIAL_ACCOUNT_SERVER_PATH = '/wechat/official-account';

/** What functions are given to reach the official account and to check its pushes (README, "Configuration"). */
export function officialAccountEnv(wechat: FakeWeChat, baseUrl: string): Record<string, string> {
  const account = wechat.officialAccount;
  return {
    ZY_OA_API_BASE: `${baseUrl}/wechat-api`,
    ZY_OA_APPID: account.appid,
    ZY_OA_SECRET: account.secret,
    ZY_OA_TOKEN: account.token,
    ZY_OA_ENCODING_AES_KEY: account.encodingAesKey,
    ZY_MINIPROGRAM_APPID: wechat.miniprogramAppid,
  };
}

export async function replyToOfficialAccountCall(wechat: FakeWeChat, req: http.IncomingMessage, res: http.ServerResponse, url: URL, raw: Buffer): Promise<void> {
  const api = url.pathname.slice(OFFICIAL_ACCOUNT_API_PREFIX.length);
  const reply = await wechat.handleOfficialAccount(req.method ?? 'GET', api, url.searchParams, raw);
  if (reply.kind === 'dropped') {
    // No answer ever comes: the connection just ends, as a lost request or answer looks to the caller.
    req.socket.destroy();
    return;
  }
  if (reply.kind === 'unavailable') {
    const text = '<html><body>503 Service Unavailable</body></html>';
    res.writeHead(503, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(text) });
    res.end(text);
    return;
  }
  const text = JSON.stringify(reply.body);
  res.writeHead(reply.status, { 'content-type': 'application/json; encoding=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
