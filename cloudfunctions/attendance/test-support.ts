// Test fixtures for the attendance function: a verified organization, a recruiting project and a shift happening
// now (signed up through the product while it was in the future, then moved to now in the data: tests do not wait),
// its station opened by the admin, and station tokens made as the station phone makes them. Tests only.
import type { Emulator } from '../../emulator/src/server';
import { serverSdk } from '../../emulator/test/support';
import type { OpenStationResponse } from '../../typings/attendance';
import { fromBase64url, makeStationToken, stationStep } from '../../miniprogram/domain/station-token';
import type { ProjectDoc, ShiftDoc } from '../_shared/documents/project';
import { registerVolunteer, verifiedOrganization, type Volunteer } from '../organization/test-support';
import { projectDoc, publish, shiftDoc } from '../signup/test-support';
import { nodeHmac } from './tokens';

const MINUTE = 60_000;
let people = 0;

export interface OnSite {
  admin: Volunteer;
  orgId: string;
  project: ProjectDoc;
  shift: ShiftDoc;
  /** Volunteers with a confirmed sign-up for the shift. */
  volunteers: Volunteer[];
  station: OpenStationResponse;
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
  const station = options.openStation === false ? ({} as OpenStationResponse) : await openStation(admin, shift._id);
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

/** The token the station phone shows at `at`, signed with the key the station was given. */
export function tokenAt(station: OpenStationResponse, at: Date = new Date()): string {
  return makeStationToken(station.shiftId, stationStep(at.getTime()), fromBase64url(station.stationKey)!, nodeHmac);
}
