// attendance.checkIn / attendance.checkOut — the volunteer scanned the station's QR (now, or offline and synced
// later with the phone's recorded time). The token is verified first (signature, shift, freshness), then the station
// must have been opened that day, the geofence passed when the project sets a radius, and the check decided on the
// person's day (check.ts). A scan sent twice is counted once: the same check-in, the same closed session.
import { getOrNull } from '../_shared/db/db';
import { registeredVolunteer } from '../_shared/db/people';
import { action, type ActionContext } from '../_shared/frame/action';
import { fail, ok, refusal } from '../_shared/frame/envelope';
import { ATTENDANCE_MESSAGES as M, failWith, notRegistered } from '../_shared/messages/answers';
import { keyRingFromEnv } from '../_shared/security/crypto';
import { lngLatOf } from '../project/view';
import { applyCheckIn, applyCheckOut, type CheckInRequest } from './check';
import { checkGeofence, checksLocation } from './rules';
import { scanSchema } from './schemas';
import { shiftContext, stationDocId, STATIONS, type StationDoc } from './store';
import { stationMasterKey, verifyStationToken } from './tokens';
import type { StationScanRequest } from '../../typings/attendance';

/** The verified scan as a check request, or the refusal answer. */
async function stationScan(req: StationScanRequest, ctx: ActionContext) {
  const me = await registeredVolunteer(ctx);
  if (!me) return notRegistered();
  const expected = req.shiftId !== undefined ? await shiftContext(ctx.db, req.shiftId) : null;
  const verified = verifyStationToken(
    req.token,
    {
      now: ctx.now,
      ...(req.scannedAt !== undefined ? { scannedAt: new Date(req.scannedAt) } : {}),
      ...(req.shiftId !== undefined ? { expectedShiftId: req.shiftId, expectedTitle: expected?.project.title ?? '' } : {}),
    },
    stationMasterKey(keyRingFromEnv(ctx.env)),
  );
  if (!verified.ok) return refusal(verified);
  const { shiftId, day, step, scannedAt } = verified.value;
  const [context, station] = await Promise.all([
    expected ?? shiftContext(ctx.db, shiftId),
    getOrNull<StationDoc>(ctx.db, STATIONS, stationDocId(shiftId, day)),
  ]);
  if (!context) return failWith('SHIFT_NOT_FOUND');
  if (!station) return fail('STATION_NOT_OPEN', M.stationNotOpen);
  const place = context.project.place;
  const fence = checkGeofence(
    { location: lngLatOf(place.location), radiusM: place.checkinRadiusM },
    req.location,
  );
  if (!fence.ok) return refusal(fence);
  const check: CheckInRequest = {
    context,
    subject: { volunteer: me.volunteer },
    mark: {
      at: scannedAt,
      method: 'station',
      by: station.openedBy,
      step,
      ...(fence.value.distanceM !== undefined ? { distanceM: fence.value.distanceM } : {}),
      ...(req.scannedAt !== undefined ? { offline: true } : {}),
      ...(checksLocation(place) ? {} : { locationUnchecked: true }),
    },
  };
  return { check };
}

export const checkIn = action('attendance', 'checkIn', scanSchema, async (req, ctx) => {
  const scan = await stationScan(req, ctx);
  if (!('check' in scan)) return scan;
  const checked = await applyCheckIn(ctx.db, ctx.now, scan.check);
  return checked.ok ? ok(checked.value) : refusal(checked);
});

export const checkOut = action('attendance', 'checkOut', scanSchema, async (req, ctx) => {
  const scan = await stationScan(req, ctx);
  if (!('check' in scan)) return scan;
  const checked = await applyCheckOut(ctx.db, ctx.now, scan.check);
  return checked.ok ? ok(checked.value) : refusal(checked);
});
