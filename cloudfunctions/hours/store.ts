// The reads and writes of the hours function: a record's current revision (by id inside a transaction, which cannot
// query), lists paged by keyset on their declared indexes, and the totals' shards.
import { getOrNull, type Database, type Tx } from '../_shared/db/db';
import { keysetPage, PAGE, rows, type KeysetOrder, type Position } from '../_shared/db/paging';
import type { CorrectionDoc } from '../_shared/documents/correction';
import type { MembershipDoc } from '../_shared/documents/membership';
import { membershipId } from '../_shared/documents/membership';
import { hourTotalsIds, revisionId, type HourTotalsDoc, type ServiceRecordDoc } from '../_shared/documents/service-record';

export const RECORDS = 'serviceRecords';
export const CORRECTIONS = 'corrections';

/** Revisions a read follows forward inside one transaction before it gives up (each correction adds one). */
const MAX_REVISION_HOPS = 20;

/** The current revision's number, read outside a transaction (recordId_revision index). */
export async function currentRevisionNumber(db: Database, recordId: string): Promise<number | null> {
  const found = await rows<Pick<ServiceRecordDoc, 'revision'>>(db.collection(RECORDS).where({ recordId, current: true }).field({ revision: true }).limit(1));
  return found[0]?.revision ?? null;
}

/** The record's current revision, read by id from `hint` on: a revision added meanwhile is followed. */
export async function currentRevision(t: Tx | Database, recordId: string, hint: number): Promise<ServiceRecordDoc | null> {
  for (let n = hint, hops = 0; hops < MAX_REVISION_HOPS; n++, hops++) {
    const doc = await getOrNull<ServiceRecordDoc>(t, RECORDS, revisionId(recordId, n));
    if (!doc) return null;
    if (doc.current) return doc;
  }
  return null;
}

export async function isActiveAdmin(db: Database, orgId: string, userId: string): Promise<boolean> {
  const m = await getOrNull<MembershipDoc>(db, 'memberships', membershipId(orgId, userId));
  return m?.status === 'active' && m.role === 'admin';
}

export async function adminsOf(db: Database, orgId: string): Promise<string[]> {
  return (await rows<MembershipDoc>(db.collection('memberships').where({ orgId, status: 'active', role: 'admin' }).limit(PAGE))).map((m) => m.userId);
}

const NEWEST_FIRST: KeysetOrder = { field: 'startsAt', direction: 'desc', idDirection: 'desc' };
const OLDEST_FIRST: KeysetOrder = { field: 'startsAt', direction: 'asc' };

/** My current records, newest activity first (volunteerId_current_startsAt_id). */
export function myRecordsPage(db: Database, volunteerId: string, after: Position | null, size: number) {
  return keysetPage<ServiceRecordDoc>(db, RECORDS, { volunteerId, current: true }, NEWEST_FIRST, after, size);
}

/** My current pending records, newest first (volunteerId_current_status_startsAt_id). */
export async function myPending(db: Database, volunteerId: string, size: number): Promise<ServiceRecordDoc[]> {
  return (await keysetPage<ServiceRecordDoc>(db, RECORDS, { volunteerId, current: true, status: 'pending' }, NEWEST_FIRST, null, size)).rows;
}

/** The organization's pending current records, oldest activity first (orgId_current_status_startsAt_id). */
export function queuePage(db: Database, orgId: string, after: Position | null, size: number) {
  return keysetPage<ServiceRecordDoc>(db, RECORDS, { orgId, current: true, status: 'pending' }, OLDEST_FIRST, after, size);
}

export function openCorrectionsOfOrg(db: Database, orgId: string, after: Position | null, size: number) {
  return keysetPage<CorrectionDoc>(db, CORRECTIONS, { orgId, status: 'open' }, { field: 'createdAt', direction: 'asc' }, after, size);
}

export async function myOpenCorrections(db: Database, volunteerId: string, size: number): Promise<CorrectionDoc[]> {
  return (await keysetPage<CorrectionDoc>(db, CORRECTIONS, { volunteerId, status: 'open' }, { field: 'createdAt', direction: 'desc', idDirection: 'desc' }, null, size)).rows;
}

export async function correctionsOfRecord(db: Database, recordId: string): Promise<CorrectionDoc[]> {
  return rows<CorrectionDoc>(db.collection(CORRECTIONS).where({ recordId }).orderBy('revision', 'asc').limit(PAGE));
}

/** Every revision of a record, oldest first (recordId_revision). */
export async function revisionsOf(db: Database, recordId: string): Promise<ServiceRecordDoc[]> {
  return rows<ServiceRecordDoc>(db.collection(RECORDS).where({ recordId }).orderBy('revision', 'asc').limit(PAGE));
}

/** The sum of an organization's or project's shards, read in one `_id in [...]` query. */
export async function totalsOf(db: Database, scope: 'org' | 'project', ownerId: string): Promise<{ serviceMinutes: number; trainingMinutes: number; confirmedRecords: number }> {
  const _ = db.command;
  const shards = await rows<HourTotalsDoc>(db.collection('hourTotals').where({ _id: _.in(hourTotalsIds(scope, ownerId)) }).limit(PAGE));
  return shards.reduce(
    (sum, s) => ({ serviceMinutes: sum.serviceMinutes + s.serviceMinutes, trainingMinutes: sum.trainingMinutes + s.trainingMinutes, confirmedRecords: sum.confirmedRecords + s.confirmedRecords }),
    { serviceMinutes: 0, trainingMinutes: 0, confirmedRecords: 0 },
  );
}
