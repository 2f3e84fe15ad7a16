// Test fixtures of the records function: a verified organization with its admin and members, a published project,
// a shift whose volunteers signed up through the signup function and which then took place. Tests only.
import type { Emulator } from '../../emulator/src/server';
import { serverSdk } from '../../emulator/test/support';
import type { EvidencePhoto } from '../../typings/records';
import type { ProjectDoc, ShiftDoc } from '../_shared/documents/project';
import { addMember, registerVolunteer, TINY_JPEG, verifiedOrganization, type Volunteer } from '../organization/test-support';
import { shardDocsFor } from '../_shared/signup/places';
import { projectDoc, publish, shiftDoc } from '../signup/test-support';

export const HOUR = 3_600_000;
export const photo = (): EvidencePhoto => ({ contentType: 'image/jpeg', base64: TINY_JPEG });

let people = 0;

export interface World {
  admin: Volunteer;
  orgId: string;
  orgName: string;
  project: ProjectDoc;
}

export function volunteerMaker(emu: Emulator, prefix: string): (name?: string) => Promise<Volunteer> {
  return (name = '张三') => registerVolunteer(emu, `openid-${prefix}-${++people}`, name);
}

/** A verified organization, its admin and a recruiting project of it. */
export async function organizationWithProject(emu: Emulator, prefix: string): Promise<World> {
  const admin = await volunteerMaker(emu, prefix)('管理员');
  const orgName = `鼓楼区时长${++people}号志愿服务队`;
  const orgId = await verifiedOrganization(emu, admin, { name: orgName });
  const project = projectDoc(orgId, { orgName, title: '西湖公园环保行动', content: '捡拾垃圾、劝导游客文明游园' });
  await publish(emu, project, []);
  return { admin, orgId, orgName, project };
}

/** `count` members of the organization, through requestJoin and decideJoin. */
export async function members(emu: Emulator, world: World, count: number, prefix: string): Promise<Volunteer[]> {
  const make = volunteerMaker(emu, prefix);
  const out: Volunteer[] = [];
  for (let i = 0; i < count; i++) {
    const v = await make(`志愿者${i + 1}`);
    await addMember(world.admin, v, world.orgId);
    out.push(v);
  }
  return out;
}

/** A shift of the project that the given volunteers signed up for (confirmed) and that then took place. */
export async function pastShiftWith(emu: Emulator, world: World, volunteers: Volunteer[], endedAgoMs = HOUR): Promise<ShiftDoc> {
  const db = serverSdk(emu).database();
  const shift = shiftDoc(world.project, { places: volunteers.length + 5 });
  // Written as publishing writes a shift: the shift and its capacity shards.
  const shards = shardDocsFor(shift, new Date());
  const { _id, ...data } = shift;
  await db.collection('shifts').add({ data: { _id, ...data, capacity: { shards: shards.length, full: false } } });
  for (const { _id: shardId, ...s } of shards) await db.collection('capacityShards').add({ data: { _id: shardId, ...s } });
  for (const v of volunteers) {
    const res = await v.as.call('signup', 'signup', { shiftId: shift._id });
    if (!res.ok || res.data.status !== 'confirmed') throw new Error(`signup: ${JSON.stringify(res)}`);
  }
  // Moved into the past in the data: the test does not wait for the shift to happen.
  const endsAt = new Date(Date.now() - endedAgoMs - ((Date.now() - endedAgoMs) % 60_000));
  const startsAt = new Date(endsAt.getTime() - 2 * HOUR);
  await db.collection('shifts').doc(shift._id).update({ data: { startsAt, endsAt } });
  return { ...shift, startsAt, endsAt };
}

/** Whole minutes `hoursAgo` before now, as an ISO instant. */
export function hoursAgo(hours: number): string {
  const at = Date.now() - hours * HOUR;
  return new Date(at - (at % 60_000)).toISOString();
}
