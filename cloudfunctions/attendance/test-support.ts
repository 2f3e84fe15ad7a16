// Test fixtures for the attendance function: a verified organization, a recruiting project and a shift happening
// now (signed up through the product while it was in the future, then moved to now in the data: tests do not wait),
// its station opened by the admin, and station tokens made as the station phone makes them. Tests only.
// A shift moved to "now" may have begun before Shanghai's midnight (16:00 UTC): its station was then opened on that
// earlier day too, as an admin on site would have, and a token of that day is signed with that day's key.
import type { Emulator } from '../../emulator/src/server';
import { serverSdk } from '../../emulator/test/support';
import type { OpenStationResponse } from '../../typings/attendance';
import { base64url, fromBase64url, makeStationToken, STATION_STEP_SECONDS, stationStep } from '../../miniprogram/domain/station-token';
import type { ProjectDoc, ShiftDoc } from '../_shared/documents/project';
import { keyRingFromEnv } from '../_shared/security/crypto';
import { registerVolunteer, verifiedOrganization, type Volunteer } from '../organization/test-support';
import { projectDoc, publish, shiftDoc } from '../signup/test-support';
import { attendanceSettingsOf, checkInWindow } from './rules';
import { stationDocId, STATIONS, type StationDoc } from './store';
import { nodeHmac, shanghaiDay, stationKey, stationMasterKey } from './tokens';

const MINUTE = 60_000;
let people = 0;

export interface OnSite {
  admin: Volunteer;
  orgId: string;
  project: ProjectDoc;
  shift: ShiftDoc;
  /** Volunteers with a confirmed sign-up for the shift. */
  volunteers: Volunteer[];
  station: TestStation;
}

/** The station as opened today, and the keys of the earlier days of the shift's window it was opened on. */
export interface TestStation extends OpenStationResponse {
  keysByDay: Record<string, string>;
}

export const volunteerOf = (emu: Emulator, name = '张三') => registerVolunteer(emu, `openid-attend-${++people}-${Date.now().toString(36)}`, name);

/**
 * A shift running from `startMinutes` (relative to now, negative: already started) for `durationMinutes`, with
 * `signedUp` confirmed volunteers and its station open.
 */
export async function onSiteShift(
  emu: Emulator,
  options: { startMinutes?: number; durationMinutes?: number; signedUp?: number; project?: Parameters<typeof projectDoc>[1]; openStation?: boolean } = {},
): Promise<OnSite> {
  const { startMinutes = -10, durationMinutes = 150, signedUp = 1 } = options;
  const admin = await volunteerOf(emu, '管理员');
  const orgId = await verifiedOrganization(emu, admin, { name: `现场签到志愿服务中心${people}` });
  const project = projectDoc(orgId, options.project ?? {});
  const shift = shiftDoc(project, { places: Math.max(5, signedUp) });
  await publish(emu, project, [shift]);
  const volunteers: Volunteer[] = [];
  for (let i = 0; i < signedUp; i++) {
    const v = await volunteerOf(emu, `志愿者${i}`);
    const res = await v.as.call('signup', 'signup', { shiftId: shift._id });
    if (!res.ok || res.data.status !== 'confirmed') throw new Error(`signup: ${JSON.stringify(res)}`);
    volunteers.push(v);
  }
  const moved = await moveShift(emu, shift, startMinutes, durationMinutes);
  const station = options.openStation === false ? ({ keysByDay: {} } as unknown as TestStation) : await openedSince(emu, admin, orgId, project, moved);
  return { admin, orgId, project, shift: moved, volunteers, station };
}

/** Moves the shift (and its sign-ups' copies of its times) to start `startMinutes` from now. */
export async function moveShift(emu: Emulator, shift: ShiftDoc, startMinutes: number, durationMinutes: number): Promise<ShiftDoc> {
  const db = serverSdk(emu).database();
  const startsAt = new Date(Math.floor(Date.now() / MINUTE) * MINUTE + startMinutes * MINUTE);
  const endsAt = new Date(startsAt.getTime() + durationMinutes * MINUTE);
  await db.collection('shifts').doc(shift._id).update({ data: { startsAt, endsAt } });
  await db.collection('signups').where({ shiftId: shift._id }).update({ data: { startsAt, endsAt } });
  return { ...shift, startsAt, endsAt };
}

export async function openStation(admin: Volunteer, shiftId: string): Promise<OpenStationResponse> {
  const res = await admin.as.call('attendance', 'openStation', { shiftId });
  if (!res.ok) throw new Error(`openStation: ${res.error.code}`);
  return res.data;
}

/**
 * The station opened through the product today (when the window reaches today), and on each earlier day of the
 * window before today as the admin would have opened it then (the function only opens today's, by its clock).
 */
async function openedSince(emu: Emulator, admin: Volunteer, orgId: string, project: ProjectDoc, shift: ShiftDoc): Promise<TestStation> {
  const window = checkInWindow(shift, attendanceSettingsOf(project).marginMinutes);
  const master = stationMasterKey(keyRingFromEnv(emu.functionEnv));
  const today = shanghaiDay(new Date());
  const keysByDay: Record<string, string> = {};
  const db = serverSdk(emu).database();
  for (let at = window.startsAt.getTime(); shanghaiDay(at) < today && at <= window.endsAt.getTime(); at += 24 * 3600_000) {
    const day = shanghaiDay(at);
    keysByDay[day] = base64url(stationKey(master, shift._id, day));
    const doc: Omit<StationDoc, '_id'> = { shiftId: shift._id, orgId, day, openedBy: admin.userId, openedAt: new Date(at) };
    await db.collection(STATIONS).doc(stationDocId(shift._id, day)).set({ data: doc });
  }
  if (shanghaiDay(window.endsAt) >= today) {
    const opened = await openStation(admin, shift._id);
    return { ...opened, keysByDay: { ...keysByDay, [today]: opened.stationKey } };
  }
  const day = shanghaiDay(window.endsAt);
  const validFrom = new Date(Date.parse(`${day}T00:00:00+08:00`));
  return {
    shiftId: shift._id,
    projectTitle: project.title,
    startsAt: shift.startsAt.toISOString(),
    endsAt: shift.endsAt.toISOString(),
    stationKey: keysByDay[day]!,
    validFrom: validFrom.toISOString(),
    validUntil: new Date(validFrom.getTime() + 24 * 3600_000).toISOString(),
    stepSeconds: STATION_STEP_SECONDS,
    keysByDay,
  };
}

/** The token the station phone shows at `at`, signed with the key the station was given for that day. */
export function tokenAt(station: OpenStationResponse & { keysByDay?: Record<string, string> }, at: Date = new Date()): string {
  const key = station.keysByDay?.[shanghaiDay(at)] ?? station.stationKey;
  return makeStationToken(station.shiftId, stationStep(at.getTime()), fromBase64url(key)!, nodeHmac);
}
