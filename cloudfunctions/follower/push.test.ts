// The follower function's HTTP access path through the emulator: WeChat's handshake and pushes, signed and encrypted
// as WeChat does, reaching the built function, which keeps the followers collection with @cloudbase/node-sdk.
import type { Emulator } from '../../emulator/src/server';
import { startTestEmulator } from '../../emulator/test/support';
import { TIMESTAMP_WINDOW_SECONDS } from './rules';
import { eventXml, followerCount, followerDoc, handshakeAsWeChat, nowSeconds, pushAsWeChat, usePlainMode } from './test-support';

let emu: Emulator;
beforeAll(async () => {
  emu = await startTestEmulator();
  // Pushes that must overlap need instances that are already warm (emulator/src/runtime/README.md).
  await emu.runtime!.provision('follower', 4);
});
afterAll(async () => emu.stop());

describe('handshake (服务器配置)', () => {
  test('a signed check answers echostr', async () => {
    expect(await handshakeAsWeChat(emu, 'echo-1234')).toEqual({ status: 200, text: 'echo-1234' });
  });
  test('a wrong token or a stale timestamp is refused', async () => {
    expect((await handshakeAsWeChat(emu, 'echo-1234', { token: 'guess' })).status).toBe(401);
    expect((await handshakeAsWeChat(emu, 'echo-1234', { timestamp: nowSeconds() - TIMESTAMP_WINDOW_SECONDS - 60 })).status).toBe(401);
  });
});

describe('subscribe and unsubscribe in 安全模式', () => {
  test('a subscribe makes a subscribed follower; the unsubscribe after it ends the follow', async () => {
    const t = nowSeconds() - 30;
    expect(await pushAsWeChat(emu, eventXml('oa-alice', t, 'subscribe'))).toEqual({ status: 200, text: 'success' });
    expect(await followerDoc(emu, 'oa-alice')).toMatchObject({ openid: 'oa-alice', subscribed: true, lastEventTime: t, subscribedAt: new Date(t * 1000) });
    expect(await pushAsWeChat(emu, eventXml('oa-alice', t + 5, 'unsubscribe'))).toEqual({ status: 200, text: 'success' });
    expect(await followerDoc(emu, 'oa-alice')).toMatchObject({ subscribed: false, lastEventTime: t + 5, unsubscribedAt: new Date((t + 5) * 1000) });
  });

  test("WeChat's retries of one push change the follower once", async () => {
    const t = nowSeconds() - 20;
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await pushAsWeChat(emu, eventXml('oa-bob', t, 'subscribe')));
    expect(answers.every((a) => a.status === 200 && a.text === 'success')).toBe(true);
    const first = await followerDoc(emu, 'oa-bob');
    expect(first).toMatchObject({ subscribed: true, lastEventTime: t });
    // A retry of the unsubscribe after a newer subscribe is not a retry of the newest event: it changes nothing.
    await pushAsWeChat(emu, eventXml('oa-bob', t + 3, 'unsubscribe'));
    await pushAsWeChat(emu, eventXml('oa-bob', t + 6, 'subscribe'));
    await pushAsWeChat(emu, eventXml('oa-bob', t + 3, 'unsubscribe'));
    expect(await followerDoc(emu, 'oa-bob')).toMatchObject({ subscribed: true, lastEventTime: t + 6 });
  });

  test('an unsubscribe that arrives before the older subscribe leaves the follower unsubscribed', async () => {
    const t = nowSeconds() - 40;
    await pushAsWeChat(emu, eventXml('oa-carol', t + 10, 'unsubscribe'));
    await pushAsWeChat(emu, eventXml('oa-carol', t, 'subscribe'));
    expect(await followerDoc(emu, 'oa-carol')).toMatchObject({ subscribed: false, lastEventTime: t + 10 });
  });

  test('concurrent pushes for one follower: the newest event stands, whatever order they land in', async () => {
    const t = nowSeconds() - 100;
    const events = Array.from({ length: 8 }, (_, i) => eventXml('oa-dave', t + i, i % 2 === 0 ? 'subscribe' : 'unsubscribe'));
    // Each twice, as WeChat's retries would, all at once.
    const answers = await Promise.all([...events, ...events].reverse().map((xml) => pushAsWeChat(emu, xml)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(await followerDoc(emu, 'oa-dave')).toMatchObject({ subscribed: false, lastEventTime: t + 7 });
  });

  test('first pushes for a new follower racing each other make one document', async () => {
    const t = nowSeconds() - 10;
    const before = await followerCount(emu);
    await Promise.all([pushAsWeChat(emu, eventXml('oa-erin', t, 'subscribe')), pushAsWeChat(emu, eventXml('oa-erin', t + 1, 'unsubscribe')), pushAsWeChat(emu, eventXml('oa-erin', t, 'subscribe'))]);
    expect(await followerCount(emu)).toBe(before + 1);
    expect(await followerDoc(emu, 'oa-erin')).toMatchObject({ subscribed: false, lastEventTime: t + 1 });
  });

  test('other messages and events are acknowledged and change nothing', async () => {
    const before = await followerCount(emu);
    const text = `<xml><ToUserName>${emu.wechat.officialAccount.originalId}</ToUserName><FromUserName>oa-frank</FromUserName><CreateTime>${nowSeconds()}</CreateTime><MsgType>text</MsgType><Content>你好</Content><MsgId>1</MsgId></xml>`;
    expect(await pushAsWeChat(emu, text)).toEqual({ status: 200, text: 'success' });
    expect(await pushAsWeChat(emu, eventXml('oa-frank', nowSeconds(), 'CLICK'))).toEqual({ status: 200, text: 'success' });
    expect(await followerCount(emu)).toBe(before);
  });
});

describe("through the fake official account's own pushes", () => {
  test('服务器配置: the fake checks the server URL and the function echoes it', async () => {
    expect(await emu.wechat.officialAccount.verifyServer()).toMatchObject({ ok: true, status: 200 });
  });

  test('a push delivered twice (WeChat retrying) is one change', async () => {
    const oa = emu.wechat.officialAccount;
    const at = new Date(Date.now() - 60_000);
    const push = await oa.follow('oa-ivy', { at, duplicate: true });
    expect(push.attempts.map((a) => [a.status, a.answer])).toEqual([[200, 'success'], [200, 'success']]);
    const followed = await followerDoc(emu, 'oa-ivy');
    expect(followed).toMatchObject({ subscribed: true, lastEventTime: Math.floor(at.getTime() / 1000) });
    await oa.unfollow('oa-ivy', { at: new Date(at.getTime() + 2000), duplicate: true });
    const left = await followerDoc(emu, 'oa-ivy');
    expect(left).toMatchObject({ subscribed: false, lastEventTime: Math.floor(at.getTime() / 1000) + 2 });
    expect(left!.updatedAt.getTime()).toBeGreaterThan(followed!.updatedAt.getTime());
  });

  test('held pushes released out of order: the unsubscribe first, then the older subscribe, then a retry of each', async () => {
    const oa = emu.wechat.officialAccount;
    const at = Date.now() - 120_000;
    oa.holdPushes();
    await oa.follow('oa-jack', { at: new Date(at) });
    await oa.unfollow('oa-jack', { at: new Date(at + 30_000) });
    await oa.follow('oa-kate', { at: new Date(at), duplicate: true });
    // Held: [jack subscribe, jack unsubscribe, kate subscribe, kate subscribe].
    await oa.releasePushes([1, 2, 0, 3]);
    expect(await followerDoc(emu, 'oa-jack')).toMatchObject({ subscribed: false, lastEventTime: Math.floor((at + 30_000) / 1000) });
    expect(await followerDoc(emu, 'oa-kate')).toMatchObject({ subscribed: true });
  });
});

describe('refusals change nothing', () => {
  test('a bad signature, a bad msg_signature, a stale timestamp', async () => {
    const t = nowSeconds();
    expect((await pushAsWeChat(emu, eventXml('oa-gina', t, 'subscribe'), { signature: 'f'.repeat(40) })).status).toBe(401);
    expect((await pushAsWeChat(emu, eventXml('oa-gina', t, 'subscribe'), { msgSignature: 'f'.repeat(40) })).status).toBe(401);
    expect((await pushAsWeChat(emu, eventXml('oa-gina', t, 'subscribe'), { timestamp: t - TIMESTAMP_WINDOW_SECONDS - 1 })).status).toBe(401);
    expect((await pushAsWeChat(emu, eventXml('oa-gina', t, 'subscribe'), { token: 'guess' })).status).toBe(401);
    expect(await followerDoc(emu, 'oa-gina')).toBeNull();
  });

  test('a message encrypted with another key, or for another account, is refused', async () => {
    const t = nowSeconds();
    const wrongKey = await pushAsWeChat(emu, eventXml('oa-gina', t, 'subscribe'), { encodingAesKey: 'Qq0123456789abcdefghijklmnopqrstuvwxyzABCDE' });
    expect([400, 403]).toContain(wrongKey.status);
    expect((await pushAsWeChat(emu, eventXml('oa-gina', t, 'subscribe'), { appid: 'wxoa9999999999999' })).status).toBe(403);
    expect(await followerDoc(emu, 'oa-gina')).toBeNull();
  });

  test('with an EncodingAESKey set, a plain push is refused (its signature does not cover the body)', async () => {
    expect((await pushAsWeChat(emu, eventXml('oa-gina', nowSeconds(), 'subscribe'), { mode: 'plain' })).status).toBe(403);
    expect(await followerDoc(emu, 'oa-gina')).toBeNull();
  });

  test('a CreateTime far in the future would shut out later events: refused', async () => {
    expect((await pushAsWeChat(emu, eventXml('oa-gina', nowSeconds() + 3600, 'unsubscribe'))).status).toBe(400);
    expect(await followerDoc(emu, 'oa-gina')).toBeNull();
  });

  test('the mini-program cannot reach the path as an action', async () => {
    const res = await fetch(`${emu.gatewayUrl}/follower`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-wx-openid': 'someone' }, body: JSON.stringify({ httpMethod: 'POST', path: '/wechat/official-account', body: eventXml('oa-gina', nowSeconds(), 'subscribe') }) });
    expect(await res.json()).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION' } });
    expect(await followerDoc(emu, 'oa-gina')).toBeNull();
  });
});

describe('明文模式 (no EncodingAESKey configured)', () => {
  let plain: Emulator;
  beforeAll(async () => {
    plain = await startTestEmulator();
    usePlainMode(plain);
  });
  afterAll(async () => plain.stop());

  test('a signed plain push is applied; an unsigned one is not', async () => {
    const t = nowSeconds() - 5;
    expect(await pushAsWeChat(plain, eventXml('oa-hank', t, 'subscribe'), { mode: 'plain' })).toEqual({ status: 200, text: 'success' });
    expect(await followerDoc(plain, 'oa-hank')).toMatchObject({ subscribed: true, lastEventTime: t });
    expect((await pushAsWeChat(plain, eventXml('oa-hank', t + 1, 'unsubscribe'), { mode: 'plain', signature: '0'.repeat(40) })).status).toBe(401);
    expect(await followerDoc(plain, 'oa-hank')).toMatchObject({ subscribed: true });
  });
});
