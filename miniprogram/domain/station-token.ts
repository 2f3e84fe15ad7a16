// The check-in station's QR token (issue 9), made on the station phone every few seconds without a network and
// verified by the attendance function. Pure: the HMAC is passed in (node:crypto on the server, js-sha256 on the
// phone), so both sides share this one definition of the format.
//
//   ZYS1.<shiftId>.<step in base 36>.<sig>
//   step = floor(epoch ms / (STATION_STEP_SECONDS * 1000))
//   sig  = base64url(HMAC-SHA256(stationKey, 'station\n' + shiftId + '\n' + step)), first 16 chars (96 bits)
// The station key is the shift's key for one day, derived on the server (cloudfunctions/attendance/README.md).

export const STATION_STEP_SECONDS = 10;
const STEP_MS = STATION_STEP_SECONDS * 1000;
const SIG_LENGTH = 16;
const PREFIX = 'ZYS1';
const SHIFT_ID = /^[A-Za-z0-9_-]{1,64}$/;
const TOKEN = /^ZYS1\.([A-Za-z0-9_-]{1,64})\.([0-9a-z]{1,12})\.([A-Za-z0-9_-]{16})$/;

export type HmacSha256 = (key: Uint8Array, message: string) => Uint8Array;

export interface StationToken {
  shiftId: string;
  step: number;
  sig: string;
}

/** The time step an instant falls in. */
export function stationStep(epochMs: number): number {
  return Math.floor(epochMs / STEP_MS);
}

/** The first instant of a step (epoch ms). */
export function stepStartMs(step: number): number {
  return step * STEP_MS;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** base64url without padding (RFC 4648 §5). */
export function base64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let c = 0; c < chars; c++) out += BASE64URL[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

/** The inverse of base64url; null for anything else. */
export function fromBase64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 4) {
    const chunk = text.slice(i, i + 4);
    let n = 0;
    for (let c = 0; c < 4; c++) n = (n << 6) | (c < chunk.length ? BASE64URL.indexOf(chunk[c]!) : 0);
    bytes.push((n >> 16) & 255);
    if (chunk.length > 2) bytes.push((n >> 8) & 255);
    if (chunk.length > 3) bytes.push(n & 255);
  }
  return Uint8Array.from(bytes);
}

export function stationSignature(shiftId: string, step: number, key: Uint8Array, hmac: HmacSha256): string {
  return base64url(hmac(key, `station\n${shiftId}\n${step}`)).slice(0, SIG_LENGTH);
}

/** The token the station shows during `step`. */
export function makeStationToken(shiftId: string, step: number, key: Uint8Array, hmac: HmacSha256): string {
  if (!SHIFT_ID.test(shiftId)) throw new RangeError('makeStationToken: shiftId must be 1–64 of [A-Za-z0-9_-]');
  if (!Number.isSafeInteger(step) || step < 0) throw new RangeError('makeStationToken: step must be a non-negative integer');
  return `${PREFIX}.${shiftId}.${step.toString(36)}.${stationSignature(shiftId, step, key, hmac)}`;
}

/** The parts of a token's text, or null when it is not one (only the canonical spelling of the step parses). */
export function parseStationToken(text: string): StationToken | null {
  const m = TOKEN.exec(text.trim());
  if (!m) return null;
  const step = parseInt(m[2]!, 36);
  if (!Number.isSafeInteger(step) || step.toString(36) !== m[2]) return null;
  return { shiftId: m[1]!, step, sig: m[3]! };
}
