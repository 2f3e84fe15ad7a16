// The official account's message security (公众号 消息加解密, 接入指引 and 技术方案; WXBizMsgCrypt in WeChat's
// sample code): how WeChat signs the server-configuration URL and encrypts a push in 安全模式. Pure, node:crypto
// only — the algorithm is four lines of AES and SHA-1, and the npm ports of WXBizMsgCrypt are unmaintained.
//   signature      = sha1(sort([Token, timestamp, nonce]).join(''))                (every request)
//   msg_signature  = sha1(sort([Token, timestamp, nonce, Encrypt]).join(''))       (encrypt_type=aes)
//   AESKey         = base64_decode(EncodingAESKey + '='), 32 bytes; AES-256-CBC, IV = AESKey[0..16), no padding by
//                    the cipher: PKCS#7 to a multiple of 32 bytes by hand
//   Encrypt        = base64(AES(random(16) + msg_len (4 bytes, big-endian) + msg + appid))
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** EncodingAESKey: 43 characters of a-z, A-Z, 0-9 (the console generates it). */
const ENCODING_AES_KEY = /^[A-Za-z0-9]{43}$/;
const BLOCK = 32;

function sha1Hex(parts: string[]): string {
  return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

/** The `signature` of a request: also the handshake's (GET with echostr). */
export function urlSignature(token: string, timestamp: string, nonce: string): string {
  return sha1Hex([token, timestamp, nonce]);
}

/** The `msg_signature` of a push in 安全模式, over the encrypted body. */
export function messageSignature(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return sha1Hex([token, timestamp, nonce, encrypted]);
}

/** Constant-time comparison of two hex signatures (a mismatch in length is a mismatch). */
export function signaturesMatch(expected: string, received: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received.toLowerCase(), 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function isEncodingAesKey(value: string): boolean {
  return ENCODING_AES_KEY.test(value);
}

function aesKeyOf(encodingAesKey: string): Buffer {
  if (!isEncodingAesKey(encodingAesKey)) throw new Error('EncodingAESKey must be 43 characters of a-z, A-Z, 0-9');
  return Buffer.from(`${encodingAesKey}=`, 'base64');
}

export type DecryptFailure = 'malformed' | 'padding' | 'length';

export type Decrypted = { ok: true; message: string; appid: string } | { ok: false; reason: DecryptFailure };

/**
 * The message and the appid inside an `Encrypt` value. A wrong key almost always shows as bad padding or a length
 * that does not fit; the caller must still compare the appid, which is what a wrong key cannot forge.
 */
export function decryptMessage(encodingAesKey: string, encrypted: string): Decrypted {
  const key = aesKeyOf(encodingAesKey);
  const bytes = Buffer.from(encrypted, 'base64');
  if (bytes.length === 0 || bytes.length % 16 !== 0 || bytes.toString('base64') !== encrypted.replace(/\s+/g, '')) return { ok: false, reason: 'malformed' };
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const plain = Buffer.concat([decipher.update(bytes), decipher.final()]);
  // PKCS#7 to 32 bytes: the last byte says how many bytes of padding, each holding that value.
  const pad = plain[plain.length - 1]!;
  if (pad < 1 || pad > BLOCK || pad > plain.length || !plain.subarray(plain.length - pad).every((b) => b === pad)) return { ok: false, reason: 'padding' };
  const content = plain.subarray(0, plain.length - pad);
  if (content.length < 20) return { ok: false, reason: 'length' };
  const length = content.readUInt32BE(16);
  if (20 + length > content.length) return { ok: false, reason: 'length' };
  return { ok: true, message: content.subarray(20, 20 + length).toString('utf8'), appid: content.subarray(20 + length).toString('utf8') };
}

/** What WeChat sends in 安全模式 (and a reply in it): the `Encrypt` value of `message` for `appid`. */
export function encryptMessage(encodingAesKey: string, appid: string, message: string, random: Buffer = randomBytes(16)): string {
  const key = aesKeyOf(encodingAesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const content = Buffer.concat([random.subarray(0, 16), length, body, Buffer.from(appid, 'utf8')]);
  const pad = BLOCK - (content.length % BLOCK);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([content, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}
