import fc from 'fast-check';
import { decryptMessage, encryptMessage, isEncodingAesKey, messageSignature, signaturesMatch, urlSignature } from './message-crypto';

const KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
const OTHER_KEY = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefg';

test("the URL signature is WeChat's documented example (Token AAAAA)", () => {
  // 消息加解密说明 → 接入指引 → 明文模式: …?signature=899cf8…&timestamp=1714037059&nonce=486452656
  expect(urlSignature('AAAAA', '1714037059', '486452656')).toBe('899cf89e464efb63f54ddac96b0a0a235f53aa78');
});

test('msg_signature covers the encrypted body: changing any part changes it', () => {
  const base = messageSignature('tok', '1700000000', 'n1', 'ENC');
  expect(messageSignature('tok', '1700000000', 'n1', 'ENC2')).not.toBe(base);
  expect(messageSignature('tok', '1700000001', 'n1', 'ENC')).not.toBe(base);
  expect(messageSignature('tok2', '1700000000', 'n1', 'ENC')).not.toBe(base);
  // Sorted before hashing: the order of the parts is WeChat's, not the caller's.
  expect(messageSignature('ENC', '1700000000', 'n1', 'tok')).toBe(base);
});

test('signatures compare in constant time, case-insensitively on the received side, and never on length mismatch', () => {
  const s = urlSignature('t', '1', 'n');
  expect(signaturesMatch(s, s)).toBe(true);
  expect(signaturesMatch(s, s.toUpperCase())).toBe(true);
  expect(signaturesMatch(s, s.slice(1))).toBe(false);
  expect(signaturesMatch(s, '')).toBe(false);
});

test('encrypt then decrypt gives the message and the appid back, for any message', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), fc.stringMatching(/^wx[0-9a-f]{16}$/), (message, appid) => {
      const decrypted = decryptMessage(KEY, encryptMessage(KEY, appid, message));
      expect(decrypted).toEqual({ ok: true, message, appid });
    }),
  );
});

test('PKCS#7 pads to 32-byte blocks: a body filling whole blocks gets a full block of padding', () => {
  // 16 random + 4 length + 8 message + 4 appid = 32 bytes: 32 more bytes of padding, 64 in all.
  const encrypted = encryptMessage(KEY, 'wxid', '12345678');
  expect(Buffer.from(encrypted, 'base64')).toHaveLength(64);
  expect(decryptMessage(KEY, encrypted)).toEqual({ ok: true, message: '12345678', appid: 'wxid' });
});

test('a wrong EncodingAESKey never yields the message and our appid', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1, maxLength: 200 }), (message) => {
      const decrypted = decryptMessage(OTHER_KEY, encryptMessage(KEY, 'wx1234567890abcdef', message));
      expect(decrypted.ok && decrypted.appid === 'wx1234567890abcdef' && decrypted.message === message).toBe(false);
    }),
  );
});

test('malformed ciphertext is refused, not thrown', () => {
  expect(decryptMessage(KEY, '')).toEqual({ ok: false, reason: 'malformed' });
  expect(decryptMessage(KEY, 'not base64 at all!')).toEqual({ ok: false, reason: 'malformed' });
  expect(decryptMessage(KEY, Buffer.alloc(20).toString('base64'))).toEqual({ ok: false, reason: 'malformed' });
  const tampered = Buffer.from(encryptMessage(KEY, 'wxid', 'hello', Buffer.alloc(16, 7)), 'base64');
  tampered[tampered.length - 1] ^= 0xff;
  expect(decryptMessage(KEY, tampered.toString('base64')).ok).toBe(false);
});

test('an EncodingAESKey is 43 characters of letters and digits', () => {
  expect(isEncodingAesKey(KEY)).toBe(true);
  expect(isEncodingAesKey(KEY.slice(1))).toBe(false);
  expect(isEncodingAesKey(`${KEY.slice(1)}+`)).toBe(false);
  expect(() => encryptMessage('short', 'wx', 'm')).toThrow(/EncodingAESKey/);
});
