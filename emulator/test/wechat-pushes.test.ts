// The official account's pushes to its developer server: follow / unfollow change WeChat's list and POST the
// subscribe / unsubscribe event, signed, and encrypted in 安全模式 (opened here by the product's own helper,
// cloudfunctions/_shared/wechat/push-crypto.ts); a push twice, held pushes released out of order, WeChat's retry when
// no answer comes in time, and the GET handshake.
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { handshakeEcho, openPush } from '../../cloudfunctions/_shared/wechat/push-crypto';
import type { Emulator } from '../src/server';
import { startTestEmulator } from './support';

interface Received {
  method: string;
  query: Record<string, string>;
  body: string;
}

let emu: Emulator;
let server: http.Server;
const received: Received[] = [];
/** How the developer server answers: 'success', or never (to see WeChat retry). */
let answer: 'success' | 'silent' = 'success';

beforeAll(async () => {
  emu = await startTestEmulator({ functionsDir: null, collections: [] });
  // The developer server's copy of the Token, as its configuration holds it.
  const serverToken = emu.wechat.officialAccount.token;
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      received.push({ method: req.method ?? '', query: Object.fromEntries(url.searchParams), body: Buffer.concat(chunks).toString('utf8') });
      if (req.method === 'GET') res.end(handshakeEcho(serverToken, Object.fromEntries(url.searchParams)) ?? 'refused');
      else if (answer === 'success') res.end('success');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  emu.wechat.officialAccount.serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat/official-account`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await emu.stop();
});
beforeEach(() => {
  received.length = 0;
  emu.wechat.officialAccount.mode = 'safe';
  answer = 'success';
});

const credentials = () => ({ token: emu.wechat.officialAccount.token, encodingAesKey: emu.wechat.officialAccount.encodingAesKey, appid: emu.wechat.officialAccount.appid });

function opened(r: Received): string {
  const result = openPush(credentials(), r.query, r.body);
  if (!result.ok) throw new Error(`push refused: ${result.reason}`);
  return result.xml;
}

test('follow, in 安全模式: the list changes and an encrypted, signed subscribe event arrives', async () => {
  const at = new Date('2026-12-02T01:00:00Z');
  const push = await emu.wechat.officialAccount.follow('oa-carol', { unionid: 'union-carol', at });
  expect(emu.wechat.officialAccount.followers).toContainEqual({ openid: 'oa-carol', unionid: 'union-carol', subscribed: true, subscribeTime: at.getTime() / 1000 });
  expect(received).toHaveLength(1);
  const [r] = received;
  expect(r.method).toBe('POST');
  expect(r.query).toEqual({ signature: expect.stringMatching(/^[0-9a-f]{40}$/), timestamp: expect.stringMatching(/^\d+$/), nonce: expect.stringMatching(/^\d+$/), openid: 'oa-carol', encrypt_type: 'aes', msg_signature: expect.stringMatching(/^[0-9a-f]{40}$/) });
  expect(r.body).toMatch(/^<xml><ToUserName><!\[CDATA\[gh_[0-9a-f]{12}\]\]><\/ToUserName><Encrypt><!\[CDATA\[[A-Za-z0-9+/=]+\]\]><\/Encrypt><\/xml>$/);
  expect(r.body).not.toContain('oa-carol');
  expect(opened(r)).toBe(
    `<xml><ToUserName><![CDATA[${emu.wechat.officialAccount.originalId}]]></ToUserName><FromUserName><![CDATA[oa-carol]]></FromUserName><CreateTime>${at.getTime() / 1000}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[subscribe]]></Event></xml>`,
  );
  expect(push.attempts).toEqual([{ at: expect.any(Date), status: 200, answer: 'success' }]);
});

test('unfollow in 明文模式: a plain signed unsubscribe event; the follower is kept as not following', async () => {
  emu.wechat.officialAccount.mode = 'plain';
  await emu.wechat.officialAccount.follow('oa-dan', { unionid: 'union-dan' });
  await emu.wechat.officialAccount.unfollow('oa-dan');
  expect(emu.wechat.officialAccount.followers.find((f) => f.openid === 'oa-dan')).toEqual({ openid: 'oa-dan', unionid: 'union-dan', subscribed: false });
  const last = received.at(-1)!;
  expect(last.query.encrypt_type).toBeUndefined();
  expect(last.body).toContain('<Event><![CDATA[unsubscribe]]></Event>');
  expect(openPush(credentials(), last.query, last.body)).toEqual({ ok: true, xml: last.body, encrypted: false });
});

test('a push twice: the same event (same CreateTime) in two separately signed requests', async () => {
  await emu.wechat.officialAccount.follow('oa-erin', { duplicate: true });
  expect(received).toHaveLength(2);
  expect(opened(received[0])).toBe(opened(received[1]));
  expect(received[0].query.nonce).not.toBe(received[1].query.nonce);
});

test('held pushes are released in the order a test asks, each once', async () => {
  const account = emu.wechat.officialAccount;
  account.holdPushes();
  await account.follow('oa-fay', { at: new Date('2026-12-02T01:00:00Z') });
  await account.unfollow('oa-fay', { at: new Date('2026-12-02T01:05:00Z') });
  await account.follow('oa-fay', { at: new Date('2026-12-02T01:10:00Z') });
  expect(received).toHaveLength(0);
  expect(account.pushes.slice(-3).map((p) => p.held)).toEqual([true, true, true]);
  await expect(account.releasePushes([0, 0, 1])).rejects.toThrow(/each of the 3 held pushes once/);
  // Still held after a refused release, and still holding.
  await account.follow('oa-gus');
  expect(received).toHaveLength(0);
  await account.releasePushes([3, 1, 0, 2]);
  const events = received.map((r) => [r.query.openid, /<Event><!\[CDATA\[(\w+)\]\]>/.exec(opened(r))?.[1], Number(/<CreateTime>(\d+)</.exec(opened(r))?.[1])]);
  expect(events.slice(1)).toEqual([
    ['oa-fay', 'unsubscribe', Date.parse('2026-12-02T01:05:00Z') / 1000],
    ['oa-fay', 'subscribe', Date.parse('2026-12-02T01:00:00Z') / 1000],
    ['oa-fay', 'subscribe', Date.parse('2026-12-02T01:10:00Z') / 1000],
  ]);
  expect(events[0].slice(0, 2)).toEqual(['oa-gus', 'subscribe']);
  // Released pushes are no longer held, and new ones go out at once.
  await account.follow('oa-kim');
  expect(received).toHaveLength(5);
});

test('held out of order: unsubscribe arrives before the subscribe that came first', async () => {
  const account = emu.wechat.officialAccount;
  account.holdPushes();
  await account.follow('oa-hal', { at: new Date('2026-12-02T02:00:00Z') });
  await account.unfollow('oa-hal', { at: new Date('2026-12-02T02:01:00Z') });
  await account.releasePushes([1, 0]);
  const events = received.map((r) => opened(r)).map((x) => [/<Event><!\[CDATA\[(\w+)\]\]>/.exec(x)?.[1], Number(/<CreateTime>(\d+)</.exec(x)?.[1])]);
  expect(events).toEqual([
    ['unsubscribe', Date.parse('2026-12-02T02:01:00Z') / 1000],
    ['subscribe', Date.parse('2026-12-02T02:00:00Z') / 1000],
  ]);
  expect(account.followers.find((f) => f.openid === 'oa-hal')?.subscribed).toBe(false);
});

test('with no answer in time WeChat retries, three times at most', async () => {
  answer = 'silent';
  emu.wechat.officialAccount.pushTimeoutMs = 50;
  const push = await emu.wechat.officialAccount.follow('oa-ivy');
  emu.wechat.officialAccount.pushTimeoutMs = 5000;
  expect(received).toHaveLength(4);
  expect(push.attempts.map((a) => a.error)).toEqual(Array(4).fill('no answer within 50 ms'));
  expect(new Set(received.map((r) => opened(r))).size).toBe(1);
});

test('the server check: a GET with echostr, which the server echoes when the signature is right', async () => {
  expect(await emu.wechat.officialAccount.verifyServer()).toEqual({ ok: true, status: 200, body: expect.stringMatching(/^\d{16}$/) });
  const token = emu.wechat.officialAccount.token;
  emu.wechat.officialAccount.token = 'changed-in-the-console';
  expect((await emu.wechat.officialAccount.verifyServer()).ok).toBe(false);
  emu.wechat.officialAccount.token = token;
});

test('pushesDelivered waits for pushes on their way', async () => {
  void emu.wechat.officialAccount.follow('oa-jay');
  await emu.wechat.pushesDelivered();
  expect(received.map((r) => r.query.openid)).toEqual(['oa-jay']);
});
