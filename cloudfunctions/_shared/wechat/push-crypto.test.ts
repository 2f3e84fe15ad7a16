// The push helper against WeChat's published sample vector and against the emulator's independent implementation
// (emulator/src/wechat/oa-crypto.ts): what one encrypts and signs, the other opens; anything altered is refused.
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { encryptMessage, messageSignature, pushSignature as fakeSignature, pushXml } from '../../../emulator/src/wechat/oa-crypto';
import { handshakeEcho, isSignedByWeChat, openPush, pushSignature, sealPush, type PushCredentials } from './push-crypto';

// WeChat's own sample (WXBizMsgCryptTest in the official Java sample): a fixed random string makes the output fixed.
const SAMPLE = {
  encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  token: 'pamtest',
  appid: 'wxb11529c136998cb6',
  timestamp: '1409304348',
  nonce: 'xxxxxx',
  random: 'aaaabbbbccccdddd',
  message: '我是中文abcd123',
  encrypted: 'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==',
};

const account: PushCredentials = { token: 'zhiyuanlocaltoken', encodingAesKey: 'ZhiyuanPlusLocalEncodingAesKey0123456789abc', appid: 'wx0a0a0a0a0a0a0a0a' };

test("WeChat's sample vector: both implementations encrypt it to WeChat's ciphertext, and the helper opens it", () => {
  const creds = { token: SAMPLE.token, encodingAesKey: SAMPLE.encodingAesKey, appid: SAMPLE.appid };
  expect(sealPush(creds, SAMPLE.message, SAMPLE.timestamp, SAMPLE.nonce, Buffer.from(SAMPLE.random)).encrypted).toBe(SAMPLE.encrypted);
  expect(encryptMessage(SAMPLE.encodingAesKey, SAMPLE.message, SAMPLE.appid, Buffer.from(SAMPLE.random))).toBe(SAMPLE.encrypted);
  const signature = fakeSignature(SAMPLE.token, SAMPLE.timestamp, SAMPLE.nonce);
  const msgSignature = messageSignature(SAMPLE.token, SAMPLE.timestamp, SAMPLE.nonce, SAMPLE.encrypted);
  const opened = openPush(creds, { signature, timestamp: SAMPLE.timestamp, nonce: SAMPLE.nonce, encrypt_type: 'aes', msg_signature: msgSignature }, pushXml({ ToUserName: 'toUser', Encrypt: SAMPLE.encrypted }));
  expect(opened).toEqual({ ok: true, xml: SAMPLE.message, encrypted: true });
});

test('signatures are sha1 of the sorted parts, the same in both implementations', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1 }), fc.stringMatching(/^\d{10}$/), fc.stringMatching(/^\d{1,10}$/), fc.base64String({ minLength: 4 }), (token, timestamp, nonce, encrypted) => {
      expect(pushSignature(token, timestamp, nonce)).toBe(fakeSignature(token, timestamp, nonce));
      expect(pushSignature(token, timestamp, nonce, encrypted)).toBe(messageSignature(token, timestamp, nonce, encrypted));
    }),
  );
});

test("whatever the fake encrypts the helper opens, byte for byte (Chinese, any length across 32-byte blocks)", () => {
  fc.assert(
    fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (text) => {
      const xml = pushXml({ ToUserName: 'gh_0a0a0a0a0a0a', FromUserName: 'oa-x', CreateTime: 1764640800, MsgType: 'event', Event: 'subscribe', Note: text.replace(/]]>/g, '') });
      const timestamp = '1764640800';
      const nonce = '123456';
      const encrypted = encryptMessage(account.encodingAesKey, xml, account.appid);
      const query = { signature: fakeSignature(account.token, timestamp, nonce), timestamp, nonce, encrypt_type: 'aes', msg_signature: messageSignature(account.token, timestamp, nonce, encrypted) };
      expect(openPush(account, query, pushXml({ ToUserName: 'gh_0a0a0a0a0a0a', Encrypt: encrypted }))).toEqual({ ok: true, xml, encrypted: true });
    }),
    { numRuns: 60 },
  );
});

describe('refusals', () => {
  const timestamp = '1764640800';
  const nonce = '987654';
  const xml = pushXml({ ToUserName: 'gh_0a0a0a0a0a0a', FromUserName: 'oa-x', CreateTime: 1764640800, MsgType: 'event', Event: 'subscribe' });
  const sealed = () => {
    const { encrypted, msgSignature } = sealPush(account, xml, timestamp, nonce);
    return { query: { signature: pushSignature(account.token, timestamp, nonce), timestamp, nonce, encrypt_type: 'aes', msg_signature: msgSignature }, body: pushXml({ ToUserName: 'gh', Encrypt: encrypted }), encrypted };
  };

  test('a wrong or missing signature', () => {
    const { query, body } = sealed();
    expect(openPush(account, { ...query, signature: '0'.repeat(40) }, body)).toEqual({ ok: false, reason: 'signature' });
    expect(openPush(account, { ...query, signature: undefined }, body)).toEqual({ ok: false, reason: 'signature' });
    expect(openPush({ ...account, token: 'other' }, query, body)).toEqual({ ok: false, reason: 'signature' });
  });

  test('an Encrypt text altered or swapped for another', () => {
    const { query, body, encrypted } = sealed();
    const other = sealPush(account, xml, timestamp, nonce).encrypted;
    expect(openPush(account, query, body.replace(encrypted, other))).toEqual({ ok: false, reason: 'msg_signature' });
    expect(openPush(account, { ...query, msg_signature: undefined }, body)).toEqual({ ok: false, reason: 'msg_signature' });
  });

  test('a push encrypted for another account, or with another key', () => {
    const forOther = encryptMessage(account.encodingAesKey, xml, 'wx-other-account');
    const q = { signature: pushSignature(account.token, timestamp, nonce), timestamp, nonce, encrypt_type: 'aes', msg_signature: pushSignature(account.token, timestamp, nonce, forOther) };
    expect(openPush(account, q, pushXml({ ToUserName: 'gh', Encrypt: forOther }))).toEqual({ ok: false, reason: 'appid' });
    const otherKey = randomBytes(32).toString('base64').slice(0, 43);
    const r = openPush({ ...account, encodingAesKey: otherKey }, sealed().query, sealed().body);
    expect(r.ok).toBe(false);
  });

  test('an encrypted push without Encrypt, or an unknown encrypt_type', () => {
    const { query } = sealed();
    expect(openPush(account, query, xml)).toEqual({ ok: false, reason: 'format' });
    expect(openPush(account, { ...query, encrypt_type: 'rsa' }, sealed().body)).toEqual({ ok: false, reason: 'format' });
  });

  test('the plain mode: signature only', () => {
    const q = { signature: pushSignature(account.token, timestamp, nonce), timestamp, nonce };
    expect(openPush(account, q, xml)).toEqual({ ok: true, xml, encrypted: false });
    expect(isSignedByWeChat(account.token, { ...q, nonce: '1' })).toBe(false);
  });

  test('the GET handshake echoes echostr only when signed', () => {
    const q = { signature: pushSignature(account.token, timestamp, nonce), timestamp, nonce, echostr: '4512345678901234' };
    expect(handshakeEcho(account.token, q)).toBe('4512345678901234');
    expect(handshakeEcho('other', q)).toBeNull();
    expect(handshakeEcho(account.token, { ...q, echostr: undefined })).toBeNull();
  });
});
