// attendance.openStation — an admin opens the check-in station for a shift on the shift's day. The answer carries
// the shift's station key for that day (derived, never stored), with which the station phone signs a new token
// every step even without a network. Opening twice the same day gives the same key; the first opener is kept as
// the one on-site records are confirmed by.
import type { OpenStationResponse } from '../../typings/attendance';
import { getOrNull, inTransaction } from '../_shared/db/db';
import { action } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { ATTENDANCE_MESSAGES as M, failWith } from '../_shared/messages/answers';
import { keyRingFromEnv } from '../_shared/security/crypto';
import { base64url, STATION_STEP_SECONDS } from '../../miniprogram/domain/station-token';
import { insuranceMissing } from '../project/rules';
import { adminOf, forbidden } from './admin';
import { attendanceSettingsOf, checkInWindow } from './rules';
import { openStationSchema } from './schemas';
import { shiftContext, stationDocId, STATIONS, type StationDoc } from './store';
import { shanghaiDay, stationKey, stationMasterKey } from './tokens';

export const openStation = action('attendance', 'openStation', openStationSchema, async (req, ctx) => {
  const found = await shiftContext(ctx.db, req.shiftId);
  if (!found) return failWith('SHIFT_NOT_FOUND');
  const { shift, project } = found;
  const adminUserId = await adminOf(ctx, project.orgId);
  if (!adminUserId) return forbidden();
  if (shift.cancelled || project.status === 'cancelled') return fail('SHIFT_CANCELLED', M.shiftCancelled);
  if (insuranceMissing(project.risk)) return fail('INSURANCE_MISSING', M.insuranceMissing);
  // The key is the day's: the station works on the days its window touches, from today on.
  const window = checkInWindow(shift, attendanceSettingsOf(project).marginMinutes);
  const day = shanghaiDay(ctx.now);
  if (day < shanghaiDay(window.startsAt) || day > shanghaiDay(window.endsAt)) return fail('STATION_NOT_TODAY', M.stationNotToday);
  await inTransaction(ctx.db, async (t) => {
    const id = stationDocId(shift._id, day);
    if (await getOrNull<StationDoc>(t, STATIONS, id)) return;
    const doc: Omit<StationDoc, '_id'> = { shiftId: shift._id, orgId: project.orgId, day, openedBy: adminUserId, openedAt: ctx.now };
    await t.collection(STATIONS).doc(id).set({ data: doc });
  });
  const validFrom = new Date(Date.parse(`${day}T00:00:00+08:00`));
  const answer: OpenStationResponse = {
    shiftId: shift._id,
    projectTitle: project.title,
    startsAt: shift.startsAt.toISOString(),
    endsAt: shift.endsAt.toISOString(),
    stationKey: base64url(stationKey(stationMasterKey(keyRingFromEnv(ctx.env)), shift._id, day)),
    validFrom: validFrom.toISOString(),
    validUntil: new Date(validFrom.getTime() + 24 * 3600_000).toISOString(),
    stepSeconds: STATION_STEP_SECONDS,
  };
  return ok(answer);
});
