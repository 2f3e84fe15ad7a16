// The one way a service record's revision is written: the record and every total it changes, in one transaction,
// so the totals always equal the sum of current confirmed records (RULES §4: the same number on every screen).
// A transaction cannot query (CloudBase), so everything here is read by id.
import { createHash } from 'node:crypto';
import { getOrNull, type Tx } from '../db/db';
import {
  HOUR_TOTAL_SHARDS,
  hourTotalsId,
  noHours,
  type HourTotalsDoc,
  type ServiceRecordDoc,
  type VolunteerHours,
} from '../documents/service-record';
import type { VolunteerDoc } from '../documents/volunteer';

/** What one revision adds to its volunteer's, organization's and project's totals: only a current confirmed one counts. */
export function contribution(doc: Pick<ServiceRecordDoc, 'current' | 'status' | 'kind' | 'minutes'> | null): VolunteerHours {
  if (!doc || !doc.current || doc.status !== 'confirmed') return noHours();
  return {
    serviceMinutes: doc.kind === 'service' ? doc.minutes : 0,
    trainingMinutes: doc.kind === 'training' ? doc.minutes : 0,
    confirmedRecords: 1,
  };
}

export function addHours(a: VolunteerHours, b: VolunteerHours, sign: 1 | -1 = 1): VolunteerHours {
  return {
    serviceMinutes: a.serviceMinutes + sign * b.serviceMinutes,
    trainingMinutes: a.trainingMinutes + sign * b.trainingMinutes,
    confirmedRecords: a.confirmedRecords + sign * b.confirmedRecords,
  };
}

function isZero(h: VolunteerHours): boolean {
  return h.serviceMinutes === 0 && h.trainingMinutes === 0 && h.confirmedRecords === 0;
}

/** The totals shard a volunteer's records count in, fixed per volunteer so one volunteer never touches two shards. */
export function totalsShardOf(volunteerId: string): number {
  return createHash('sha256').update(volunteerId).digest()[0]! % HOUR_TOTAL_SHARDS;
}

/**
 * One change of the ledger: `previous` is the revision as read in this transaction (null for a new record).
 * - same revision number: the revision's state changes (pending → confirmed / rejected); `next` replaces it;
 * - next revision: `previous` stops being current (kept as it was otherwise) and `next` is added.
 */
export interface RevisionChange {
  previous: ServiceRecordDoc | null;
  next: ServiceRecordDoc;
}

/** The totals delta of a change, for any mix of same-revision updates and new revisions. */
export function deltaOf(change: RevisionChange): VolunteerHours {
  const { previous, next } = change;
  const before = contribution(previous);
  const after = contribution(next);
  return addHours(after, before, -1);
}

function checkChange({ previous, next }: RevisionChange): void {
  if (!previous) {
    if (next.revision !== 1 || !next.current) throw new Error(`a new record starts at a current revision 1 (${next._id})`);
    return;
  }
  if (previous.recordId !== next.recordId || previous.volunteerId !== next.volunteerId || previous.orgId !== next.orgId || previous.projectId !== next.projectId) {
    throw new Error(`a revision keeps its record, volunteer, organization and project (${next._id})`);
  }
  if (!previous.current) throw new Error(`only the current revision changes (${previous._id})`);
  if (next.revision !== previous.revision && next.revision !== previous.revision + 1) throw new Error(`revisions follow each other (${next._id})`);
}

/**
 * Writes the change and the totals it moves (the volunteer document's `hours`, the organization's and the project's
 * totals shard). Several changes of one transaction may be passed together: each total is read and written once.
 */
export async function writeRevisions(t: Tx, changes: RevisionChange[], now: Date): Promise<void> {
  const volunteerDeltas = new Map<string, VolunteerHours>();
  const shardDeltas = new Map<string, { scope: 'org' | 'project'; ownerId: string; shard: number; delta: VolunteerHours }>();
  for (const change of changes) {
    checkChange(change);
    const { previous, next } = change;
    if (previous && previous.revision !== next.revision) {
      await t.collection('serviceRecords').doc(previous._id).update({ data: { current: false, updatedAt: now } });
    }
    const { _id, ...body } = next;
    await t.collection('serviceRecords').doc(_id).set({ data: { ...body, updatedAt: now } });
    const delta = deltaOf(change);
    if (isZero(delta)) continue;
    volunteerDeltas.set(next.volunteerId, addHours(volunteerDeltas.get(next.volunteerId) ?? noHours(), delta));
    const shard = totalsShardOf(next.volunteerId);
    const owners: Array<['org' | 'project', string]> = [['org', next.orgId]];
    if (next.projectId) owners.push(['project', next.projectId]);
    for (const [scope, ownerId] of owners) {
      const id = hourTotalsId(scope, ownerId, shard);
      const known = shardDeltas.get(id);
      shardDeltas.set(id, { scope, ownerId, shard, delta: addHours(known?.delta ?? noHours(), delta) });
    }
  }
  for (const [volunteerId, delta] of volunteerDeltas) {
    const volunteer = await getOrNull<VolunteerDoc>(t, 'volunteers', volunteerId);
    if (!volunteer) throw new Error(`volunteer ${volunteerId} not found`);
    await t.collection('volunteers').doc(volunteerId).update({ data: { hours: addHours(volunteer.hours ?? noHours(), delta), updatedAt: now } });
  }
  for (const [id, { scope, ownerId, shard, delta }] of shardDeltas) {
    const doc = await getOrNull<HourTotalsDoc>(t, 'hourTotals', id);
    const totals = addHours(doc ?? noHours(), delta);
    const next: Omit<HourTotalsDoc, '_id'> = { scope, ownerId, shard, ...totals, updatedAt: now };
    await t.collection('hourTotals').doc(id).set({ data: next });
  }
}
