// wxacode.getUnlimited (OpenApiDoc qrcode-link/qr-code/getUnlimitedQRCode): scene of at most 32 visible characters
// from WeChat's set, a page of the mini-program (checked unless check_path is false), no leading "/" and no query.
// The answer is an image; the emulator draws a real QR code (PNG) holding what the code would open.
import * as QRCode from 'qrcode';
import { wxError, type ApiAnswer } from './answer';

const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
const ENV_VERSIONS = ['release', 'trial', 'develop'];
export const WXACODE_MIN_WIDTH = 280;
export const WXACODE_MAX_WIDTH = 1280;

export async function getUnlimited(data: Record<string, unknown>, isPage: (path: string) => boolean, appid: string): Promise<ApiAnswer> {
  const scene = data.scene;
  if (typeof scene !== 'string' || !SCENE.test(scene)) return wxError(40169, 'invalid length for scene, or the data is not json string');
  const page = data.page === undefined ? '' : data.page;
  if (typeof page !== 'string' || page.startsWith('/') || page.includes('?')) return wxError(41030, 'invalid page');
  if (page && data.check_path !== false && !isPage(page)) return wxError(41030, 'invalid page');
  const envVersion = data.env_version ?? 'release';
  if (typeof envVersion !== 'string' || !ENV_VERSIONS.includes(envVersion)) return wxError(40097, 'invalid args');
  const asked = typeof data.width === 'number' ? data.width : 430;
  const width = Math.min(WXACODE_MAX_WIDTH, Math.max(WXACODE_MIN_WIDTH, Math.round(asked)));
  const opens = JSON.stringify({ appid, page, scene, envVersion });
  const buffer = await QRCode.toBuffer(opens, {
    type: 'png',
    width,
    margin: 2,
    color: { dark: lineColor(data), light: data.is_hyaline === true ? '#0000' : '#ffffffff' },
  });
  return { kind: 'buffer', contentType: 'image/png', buffer };
}

function lineColor(data: Record<string, unknown>): string {
  const c = data.line_color as { r?: unknown; g?: unknown; b?: unknown } | undefined;
  if (data.auto_color === true || !c || typeof c !== 'object') return '#000000ff';
  const hex = (v: unknown): string => Math.min(255, Math.max(0, Number(v) || 0)).toString(16).padStart(2, '0');
  return `#${hex(c.r)}${hex(c.g)}${hex(c.b)}ff`;
}
