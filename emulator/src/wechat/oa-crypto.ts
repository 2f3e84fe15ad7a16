// How WeChat signs and encrypts what it pushes to a developer server (公众号 消息加解密说明, the same scheme as
// WXBizMsgCrypt in WeChat's sample code). Written here on node:crypto, independently of the product's helper
// (cloudfunctions/_shared/wechat/push-crypto.ts, on @wecom/crypto), so each checks the other.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** `signature`: sha1 of token, timestamp and nonce sorted as strings and joined (接入指南). */
export function pushSignature(token: string, timestamp: string, nonce: string): string {
  return sha1([token, timestamp, nonce].sort().join(''));
}

/** `msg_signature` in 安全模式: the same with the Encrypt text as a fourth part. */
export function messageSignature(token: string, timestamp: string, nonce: string, encrypted: string): string {
  return sha1([token, timestamp, nonce, encrypted].sort().join(''));
}

/**
 * AES-256-CBC of random(16) + length(4, network order) + message + appid, PKCS#7-padded to a 32-byte block; the key
 * is EncodingAESKey (43 characters) + "=" read as base64, the IV its first 16 bytes; the result in base64.
 */
export function encryptMessage(encodingAesKey: string, message: string, appid: string, random: Buffer = randomBytes(16)): string {
  const key = aesKeyOf(encodingAesKey);
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length, 0);
  const plain = Buffer.concat([random, length, body, Buffer.from(appid, 'utf8')]);
  const pad = 32 - (plain.length % 32);
  const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
  cipher.setAutoPadding(false);
  return Buffer.concat([cipher.update(Buffer.concat([plain, Buffer.alloc(pad, pad)])), cipher.final()]).toString('base64');
}

/** The reverse, for a developer server's encrypted reply: the message and the appid it names. */
export function decryptMessage(encodingAesKey: string, encrypted: string): { message: string; appid: string } {
  const key = aesKeyOf(encodingAesKey);
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(Buffer.from(encrypted, 'base64')), decipher.final()]);
  const pad = padded[padded.length - 1];
  if (pad < 1 || pad > 32) throw new Error('bad padding');
  const plain = padded.subarray(0, padded.length - pad);
  const length = plain.readUInt32BE(16);
  return { message: plain.subarray(20, 20 + length).toString('utf8'), appid: plain.subarray(20 + length).toString('utf8') };
}

function aesKeyOf(encodingAesKey: string): Buffer {
  if (!/^[A-Za-z0-9+/]{43}$/.test(encodingAesKey)) throw new Error('EncodingAESKey must be 43 characters of [A-Za-z0-9+/]');
  return Buffer.from(`${encodingAesKey}=`, 'base64');
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** A push's XML: each field as WeChat writes it, strings in CDATA and numbers bare. */
export function pushXml(fields: Record<string, string | number>): string {
  const parts = Object.entries(fields).map(([k, v]) => (typeof v === 'number' ? `<${k}>${v}</${k}>` : `<${k}><![CDATA[${v}]]></${k}>`));
  return `<xml>${parts.join('')}</xml>`;
}
