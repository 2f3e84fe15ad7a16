// What the station phone needs to make its QR offline: HMAC-SHA256 (js-sha256, pure JavaScript, which the
// mini-program runs; WeChat's own crypto APIs offer no HMAC) and a QR image (qrcode-generator, which draws a GIF
// data URL without canvas or DOM). Both are packed into miniprogram_npm by `npm run miniprogram:npm`.
import jsSha256 = require('js-sha256');
import qrcode = require('qrcode-generator');
import type { HmacSha256 } from '../domain/station-token';

export const phoneHmac: HmacSha256 = (key, message) => Uint8Array.from(jsSha256.sha256.hmac.array(key, message));

/** The QR of `text` as an image URL an <image> shows (error correction M; 8 px modules, 2 modules of margin). */
export function qrImage(text: string): string {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  return qr.createDataURL(8, 16);
}
