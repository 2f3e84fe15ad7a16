import { encryptMessage, messageSignature, urlSignature } from '../_shared/wechat/message-crypto';
import {
  correctionOf,
  createTimeAcceptable,
  handshake,
  officialAccountConfigOf,
  openPush,
  outcomeOf,
  readMessage,
  runIdOf,
  TIMESTAMP_WINDOW_SECONDS,
  walkStepOf,
  type FollowEvent,
} from './rules';

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const plain = { appid: 'wxoa000000000001', token: 'server-token' };
const safe = { ...plain, aesKey: KEY };
const NOW = 1_760_000_000;

const eventXml = (from: string, time: number, event: string, extra = '') =>
  `<xml><ToUserName><![CDATA[gh_000000000001]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${time}</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[${event}]]></Event>${extra}</xml>`;

function signedQuery(token: string, timestamp = String(NOW), nonce = '12345'): Record<string, string> {
  return { signature: urlSignature(token, timestamp, nonce), timestamp, nonce };
}

function encryptedPush(message: string, options: { key?: string; appid?: string; token?: string; timestamp?: number } = {}) {
  const timestamp = String(options.timestamp ?? NOW);
  const encrypt = encryptMessage(options.key ?? KEY, options.appid ?? safe.appid, message);
  const query = { ...signedQuery(options.token ?? safe.token, timestamp), encrypt_type: 'aes', msg_signature: messageSignature(options.token ?? safe.token, timestamp, '12345', encrypt) };
  return { query, body: `<xml><ToUserName><![CDATA[gh_000000000001]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>` };
}

describe('configuration', () => {
  test('Token and AppID are required; an EncodingAESKey must be one', () => {
    expect(officialAccountConfigOf({ ZY_OA_APPID: 'wx1', ZY_OA_TOKEN: 't' })).toEqual({ appid: 'wx1', token: 't' });
    expect(officialAccountConfigOf({ ZY_OA_APPID: 'wx1', ZY_OA_TOKEN: 't', ZY_OA_ENCODING_AES_KEY: KEY })).toEqual({ appid: 'wx1', token: 't', aesKey: KEY });
    expect(officialAccountConfigOf({ ZY_OA_APPID: 'wx1' })).toBeNull();
    expect(officialAccountConfigOf({ ZY_OA_TOKEN: 't' })).toBeNull();
    expect(officialAccountConfigOf({ ZY_OA_APPID: 'wx1', ZY_OA_TOKEN: 't', ZY_OA_ENCODING_AES_KEY: 'too-short' })).toBeNull();
  });
});

describe('handshake', () => {
  test('a good signature answers echostr', () => {
    expect(handshake({ ...signedQuery(plain.token), echostr: 'e1' }, plain, NOW)).toEqual({ ok: true, echostr: 'e1' });
  });
  test('a bad, missing or stale signature is refused', () => {
    expect(handshake({ ...signedQuery('other-token'), echostr: 'e1' }, plain, NOW)).toMatchObject({ ok: false, status: 401, reason: 'signature' });
    expect(handshake({ timestamp: String(NOW), nonce: '1', echostr: 'e1' }, plain, NOW)).toMatchObject({ ok: false, reason: 'unsigned' });
    const old = String(NOW - TIMESTAMP_WINDOW_SECONDS - 1);
    expect(handshake({ ...signedQuery(plain.token, old), echostr: 'e1' }, plain, NOW)).toMatchObject({ ok: false, reason: 'stale' });
    const edge = String(NOW - TIMESTAMP_WINDOW_SECONDS);
    expect(handshake({ ...signedQuery(plain.token, edge), echostr: 'e1' }, plain, NOW)).toEqual({ ok: true, echostr: 'e1' });
  });
});

describe('openPush', () => {
  test('plain mode: the body as sent, once the URL is signed', () => {
    const body = eventXml('o1', NOW, 'subscribe');
    expect(openPush(signedQuery(plain.token), body, plain, NOW)).toEqual({ ok: true, xml: body });
    expect(openPush(signedQuery('x'), body, plain, NOW)).toMatchObject({ ok: false, status: 401 });
  });

  test('safe mode: decrypted, checked against msg_signature and the appid inside', () => {
    const message = eventXml('o1', NOW, 'subscribe');
    const { query, body } = encryptedPush(message);
    expect(openPush(query, body, safe, NOW)).toEqual({ ok: true, xml: message });
  });

  test('safe mode refuses a plain push (its signature does not cover the body)', () => {
    expect(openPush(signedQuery(safe.token), eventXml('o1', NOW, 'subscribe'), safe, NOW)).toMatchObject({ ok: false, status: 403, reason: 'plain-refused' });
  });

  test('safe mode refuses a wrong msg_signature, a wrong key and a message for another appid', () => {
    const good = encryptedPush(eventXml('o1', NOW, 'subscribe'));
    expect(openPush({ ...good.query, msg_signature: '0'.repeat(40) }, good.body, safe, NOW)).toMatchObject({ ok: false, reason: 'msg_signature' });
    const wrongKey = encryptedPush(eventXml('o1', NOW, 'subscribe'), { key: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg' });
    const refused = openPush(wrongKey.query, wrongKey.body, safe, NOW);
    expect(refused.ok).toBe(false);
    const otherAccount = encryptedPush(eventXml('o1', NOW, 'subscribe'), { appid: 'wxoa999999999999' });
    expect(openPush(otherAccount.query, otherAccount.body, safe, NOW)).toMatchObject({ ok: false, status: 403, reason: 'appid' });
    expect(openPush(good.query, '<xml><Encrypt>', safe, NOW)).toMatchObject({ ok: false, reason: 'envelope' });
  });

  test('a stale timestamp is refused in either mode', () => {
    const old = NOW - TIMESTAMP_WINDOW_SECONDS - 10;
    const { query, body } = encryptedPush(eventXml('o1', old, 'subscribe'), { timestamp: old });
    expect(openPush(query, body, safe, NOW)).toMatchObject({ ok: false, reason: 'stale' });
  });
});

describe('readMessage', () => {
  test('subscribe and unsubscribe events', () => {
    expect(readMessage(eventXml('o1', NOW, 'subscribe'))).toEqual({ kind: 'follow', event: { openid: 'o1', subscribed: true, createTime: NOW } });
    expect(readMessage(eventXml('o1', NOW, 'unsubscribe'))).toEqual({ kind: 'follow', event: { openid: 'o1', subscribed: false, createTime: NOW } });
    // A subscribe by scanning a parametric QR code carries EventKey and Ticket: still a follow.
    expect(readMessage(eventXml('o1', NOW, 'subscribe', '<EventKey><![CDATA[qrscene_123]]></EventKey><Ticket><![CDATA[TICKET]]></Ticket>'))).toMatchObject({ kind: 'follow' });
  });
  test('other messages are recognised and left alone; garbage is malformed', () => {
    expect(readMessage(eventXml('o1', NOW, 'CLICK'))).toEqual({ kind: 'other', msgType: 'event', event: 'CLICK' });
    const text = `<xml><ToUserName>gh</ToUserName><FromUserName>o1</FromUserName><CreateTime>${NOW}</CreateTime><MsgType>text</MsgType><Content>你好</Content><MsgId>1</MsgId></xml>`;
    expect(readMessage(text)).toEqual({ kind: 'other', msgType: 'text' });
    expect(readMessage('not xml <')).toEqual({ kind: 'malformed' });
    expect(readMessage(eventXml('o1', NOW, 'subscribe').replace(String(NOW), 'yesterday'))).toEqual({ kind: 'malformed' });
    expect(readMessage('<xml><FromUserName>a</FromUserName><FromUserName>b</FromUserName></xml>')).toEqual({ kind: 'malformed' });
  });
  test('a CreateTime far in the future is not acceptable', () => {
    expect(createTimeAcceptable(NOW + TIMESTAMP_WINDOW_SECONDS, NOW)).toBe(true);
    expect(createTimeAcceptable(NOW + TIMESTAMP_WINDOW_SECONDS + 1, NOW)).toBe(false);
  });
});

describe('outcomeOf', () => {
  const sub = (t: number): FollowEvent => ({ openid: 'o1', subscribed: true, createTime: t });
  const unsub = (t: number): FollowEvent => ({ openid: 'o1', subscribed: false, createTime: t });
  test('newest CreateTime wins; a retry is a duplicate; same time, other event is a tie', () => {
    expect(outcomeOf(null, sub(10))).toEqual({ kind: 'apply' });
    expect(outcomeOf({ subscribed: true, lastEventTime: 10 }, unsub(20))).toEqual({ kind: 'apply' });
    expect(outcomeOf({ subscribed: false, lastEventTime: 20 }, sub(10))).toEqual({ kind: 'stale' });
    expect(outcomeOf({ subscribed: true, lastEventTime: 10 }, sub(10))).toEqual({ kind: 'duplicate' });
    expect(outcomeOf({ subscribed: true, lastEventTime: 10 }, unsub(10))).toEqual({ kind: 'tie' });
  });
});

describe('reconciliation rules', () => {
  const at = new Date('2026-12-02T19:00:00Z');
  const walk = { runId: runIdOf(at), walkStartSeconds: Math.floor(at.getTime() / 1000) };

  test('a walk starts at most every 12 hours and resumes while under way', () => {
    expect(walkStepOf(null, at)).toBe('start');
    expect(walkStepOf({ state: 'walking', startedAt: new Date(at.getTime() - 86400_000) }, at)).toBe('resume');
    expect(walkStepOf({ state: 'finished', startedAt: new Date(at.getTime() - 3600_000) }, at)).toBe('rest');
    expect(walkStepOf({ state: 'finished', startedAt: new Date(at.getTime() - 12 * 3600_000) }, at)).toBe('start');
  });

  test('run ids sort by start', () => {
    expect(runIdOf(new Date('2026-12-01T19:00:00Z')) < runIdOf(new Date('2026-12-02T19:00:00Z'))).toBe(true);
  });

  test('a follower WeChat lists and we lack is added, seen by the walk', () => {
    const c = correctionOf({ openid: 'o1', subscribe: 1, unionid: 'u1', subscribeTime: walk.walkStartSeconds - 100 }, null, walk, at);
    expect(c).toMatchObject({ kind: 'add', doc: { openid: 'o1', unionid: 'u1', subscribed: true, seenInSync: walk.runId, lastEventTime: walk.walkStartSeconds - 100 } });
  });

  test('a held state older than the walk is corrected; one decided by an event since the walk began is not', () => {
    const before = walk.walkStartSeconds - 10;
    expect(correctionOf({ openid: 'o1', subscribe: 1 }, { subscribed: false, lastEventTime: before }, walk, at)).toMatchObject({ kind: 'correct', patch: { subscribed: true, lastEventTime: walk.walkStartSeconds } });
    expect(correctionOf({ openid: 'o1', subscribe: 0 }, { subscribed: true, lastEventTime: before }, walk, at)).toMatchObject({ kind: 'correct', patch: { subscribed: false } });
    expect(correctionOf({ openid: 'o1', subscribe: 1 }, { subscribed: false, lastEventTime: walk.walkStartSeconds + 5 }, walk, at)).toEqual({ kind: 'seen' });
    expect(correctionOf({ openid: 'o1', subscribe: 0 }, null, walk, at)).toEqual({ kind: 'none' });
  });

  test('a missing unionid is filled, an existing one kept', () => {
    expect(correctionOf({ openid: 'o1', subscribe: 1, unionid: 'u1' }, { subscribed: true, lastEventTime: 1 }, walk, at)).toEqual({ kind: 'seen', unionid: 'u1' });
    expect(correctionOf({ openid: 'o1', subscribe: 1, unionid: 'u1' }, { subscribed: true, lastEventTime: 1, unionid: 'u1' }, walk, at)).toEqual({ kind: 'seen' });
  });
});
