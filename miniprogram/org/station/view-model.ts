// 签到站 (?shiftId=…): what the station shows. Pure: the token is made from the station key the server gave and
// the phone's clock, so the page keeps working without a network for the rest of the shift's day.
import type { OpenStationResponse } from '../../../typings/attendance';
import { shanghaiClock } from '../../domain/calendar';
import { fromBase64url, makeStationToken, stationStep, stepStartMs, STATION_STEP_SECONDS, type HmacSha256 } from '../../domain/station-token';

export type StationView =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ended' }
  | { kind: 'showing'; title: string; whenText: string; token: string; qrImage: string; offline: boolean; noteText: string };

/** The station as kept on the phone (wx storage), so a restart without signal shows the code again. */
export const stationStorageKey = (shiftId: string) => `zy.station.${shiftId}`;

export function whenText(station: Pick<OpenStationResponse, 'startsAt' | 'endsAt'>): string {
  const start = shanghaiClock(Date.parse(station.startsAt));
  const end = shanghaiClock(Date.parse(station.endsAt));
  return `${start.format('MM-DD HH:mm')}–${end.format('HH:mm')}`;
}

export function usable(station: OpenStationResponse, nowMs: number): boolean {
  return nowMs >= Date.parse(station.validFrom) && nowMs < Date.parse(station.validUntil);
}

/** The view at `nowMs`: the step's token and its QR, or ended once the key's day is over. */
export function stationView(
  station: OpenStationResponse,
  nowMs: number,
  offline: boolean,
  hmac: HmacSha256,
  qr: (text: string) => string,
): StationView {
  if (!usable(station, nowMs)) return { kind: 'ended' };
  const token = makeStationToken(station.shiftId, stationStep(nowMs), fromBase64url(station.stationKey)!, hmac);
  return {
    kind: 'showing',
    title: station.projectTitle,
    whenText: whenText(station),
    token,
    qrImage: qr(token),
    offline,
    noteText: offline ? `当前无网络，签到码仍每 ${STATION_STEP_SECONDS} 秒更新，可继续使用` : `签到码每 ${STATION_STEP_SECONDS} 秒更新，截图或转发无效`,
  };
}

/** Milliseconds until the next step begins: the page redraws then. */
export function msToNextStep(nowMs: number): number {
  return stepStartMs(stationStep(nowMs) + 1) - nowMs;
}
