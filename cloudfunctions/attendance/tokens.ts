// Station keys and the verification of a scanned station token (token format: miniprogram/domain/station-token.ts).
// A station key is derived, never stored: HMAC(derived station master key, shiftId + day), so the database holds no
// secret and a key signs only its own shift's tokens of its own day. Threat model: README.md, "Station tokens".
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { TokenError } from '../../typings/attendance';
import { shanghaiClock } from '../../miniprogram/domain/calendar';
import { err, ok, type Result } from '../../miniprogram/domain/result';
import { parseStationToken, stationSignature, stationStep, stepStartMs, type HmacSha256 } from '../../miniprogram/domain/station-token';
import { ATTENDANCE_MESSAGES as M } from '../_shared/messages/answers';
import { deriveKey, type KeyRing } from '../_shared/security/crypto';

/** A token older than this many steps at its scan is stale: a station shows a new one every step (10 s). */
export const MAX_TOKEN_AGE_STEPS = 3;
/** A station clock a little ahead of the scanning phone's. */
export const MAX_TOKEN_AHEAD_STEPS = 1;
/** How far ahead of the server a synced scan's recorded time may be (a phone clock a little fast). */
export const MAX_SCAN_AHEAD_MS = 30_000;
/**
 * An offline scan must reach the server within this many hours of its recorded time (README, threat model): a
 * picture of a station's code, or a crafted "offline" scan, cannot claim a shift days later.
 */
export const MAX_OFFLINE_SYNC_HOURS = 24;

export const nodeHmac: HmacSha256 = (key, message) => createHmac('sha256', key).update(message, 'utf8').digest();

/** 'YYYY-MM-DD' of an instant in Asia/Shanghai: a station key's day. */
export function shanghaiDay(instant: Date | number): string {
  return shanghaiClock(instant).format('YYYY-MM-DD');
}

/** The Asia/Shanghai day before `day` ('YYYY-MM-DD'). */
export const previousDay = (day: string): string => shanghaiDay(Date.parse(`${day}T12:00:00+08:00`) - 24 * 3600_000);

export function stationMasterKey(ring: KeyRing): Buffer {
  return deriveKey(ring, 'attendance-station.v1');
}

/** The key of one shift's station for one Asia/Shanghai day. */
export function stationKey(master: Buffer, shiftId: string, day: string): Buffer {
  return createHmac('sha256', master).update(`${shiftId}\n${day}`, 'utf8').digest();
}

export interface VerifiedScan {
  shiftId: string;
  step: number;
  /** The station's day the token was made on. */
  day: string;
  /** When the scan happened: the phone's recorded time for a synced scan, else the server's time. */
  scannedAt: Date;
}

/**
 * A token is accepted when it parses, its signature is the station key's for the shift it names and the day of its
 * step, it names the shift the volunteer meant (when they said), and its own time is within a few steps of the scan.
 * The scan's time is the server's when online; a synced offline scan brings its recorded time, which may not be in
 * the future — so a token seen at home later is stale whichever way it is sent, unless the sender lies about the
 * scan's time (README: what geofence adds).
 */
export function verifyStationToken(
  text: string,
  scan: { now: Date; scannedAt?: Date; expectedShiftId?: string; expectedTitle?: string },
  master: Buffer,
): Result<VerifiedScan, Exclude<TokenError, 'STATION_NOT_OPEN'>> {
  const token = parseStationToken(text);
  if (!token) return err('TOKEN_INVALID', M.tokenNotAStation);
  const scannedAt = scan.scannedAt ?? scan.now;
  if (Number.isNaN(scannedAt.getTime()) || scannedAt.getTime() > scan.now.getTime() + MAX_SCAN_AHEAD_MS) {
    return err('SCAN_TIME_INVALID', M.scanInFuture);
  }
  if (scan.now.getTime() - scannedAt.getTime() > MAX_OFFLINE_SYNC_HOURS * 3_600_000) return err('SCAN_TOO_LATE', M.scanTooLate(MAX_OFFLINE_SYNC_HOURS));
  const day = shanghaiDay(stepStartMs(token.step));
  const expected = Buffer.from(stationSignature(token.shiftId, token.step, stationKey(master, token.shiftId, day), nodeHmac), 'utf8');
  const given = Buffer.from(token.sig, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return err('TOKEN_INVALID', M.tokenAltered);
  if (scan.expectedShiftId !== undefined && scan.expectedShiftId !== token.shiftId) {
    return err('TOKEN_WRONG_SHIFT', M.tokenWrongShift(scan.expectedTitle ?? ''));
  }
  const age = stationStep(scannedAt.getTime()) - token.step;
  if (age > MAX_TOKEN_AGE_STEPS) return err('TOKEN_EXPIRED', M.tokenExpired);
  if (age < -MAX_TOKEN_AHEAD_STEPS) return err('TOKEN_INVALID', M.tokenAhead);
  return ok({ shiftId: token.shiftId, step: token.step, day, scannedAt });
}
