// Page tests of matching (issue 12): a recruiting project whose shifts form one series (a repeat rule's shifts share
// a seriesId), written as the project function publishes them, built on publishProject. Tests only.
import { serverDb, type LocalCloud } from './emulator';
import { publishProject } from './projects';

const HOUR = 3600_000;

export interface PublishedSeries {
  projectId: string;
  orgId: string;
  seriesId: string;
  shiftIds: string[];
}

/**
 * `hours` are each shift's start and end, in hours from now (the first shift is publishProject's, moved there); every
 * shift has `places` places.
 */
export async function publishSeries(emu: LocalCloud, options: { places: number; orgId: string; hours: Array<[number, number]> }): Promise<PublishedSeries> {
  const first = await publishProject(emu, { places: options.places, orgId: options.orgId });
  const seriesId = `series-${first.shiftId}`;
  const now = Date.now();
  const at = (h: number) => new Date(now + h * HOUR);
  const db = serverDb(emu);
  const [[start0, end0], ...rest] = options.hours;
  await db.collection('shifts').doc(first.shiftId).update({ data: { seriesId, startsAt: at(start0!), endsAt: at(end0!) } });
  const shiftIds = [first.shiftId];
  for (const [i, [start, end]] of rest.entries()) {
    const shiftId = `${first.shiftId}-${i + 2}`;
    const stamp = new Date();
    await db.collection('shifts').add({
      data: { _id: shiftId, projectId: first.projectId, orgId: options.orgId, seriesId, startsAt: at(start), endsAt: at(end), places: options.places, cancelled: false, capacity: { shards: 0, full: false }, createdAt: stamp, updatedAt: stamp },
    });
    shiftIds.push(shiftId);
  }
  const ends = options.hours.map(([, end]) => end);
  await db.collection('projects').doc(first.projectId).update({ data: { startsAt: at(Math.min(...options.hours.map(([s]) => s))), endsAt: at(Math.max(...ends)) } });
  return { projectId: first.projectId, orgId: options.orgId, seriesId, shiftIds };
}
