// The reads and writes of the records function. A transaction cannot query (CloudBase), so the queries (a
// volunteer's records near an interval, a shift's confirmed sign-ups) run before it and everything a transaction
// decides from is read again inside it by id.
import { getOrNull, type Database, type Tx } from '../_shared/db/db';
import { PAGE, rows } from '../_shared/db/paging';
import { isOrgAdmin } from '../_shared/db/people';
import { membershipId, type MembershipDoc } from '../_shared/documents/membership';
import type { OrganizationDoc } from '../_shared/documents/organization';
import type { ProjectDoc, ShiftDoc, SignupDoc } from '../_shared/documents/project';
import { revisionId, type ServiceRecordDoc } from '../_shared/documents/service-record';
import type { UserDoc } from '../_shared/documents/user';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { writeRevisions } from '../_shared/hours/ledger';
import { OVERLAP_LOOKBACK_MS } from './rules';

/** An organization that may have records made for it: verified (a pending or dissolved one confirms nothing). */
export async function verifiedOrganization(db: Database, orgId: string): Promise<OrganizationDoc | null> {
  const org = await getOrNull<OrganizationDoc>(db, 'organizations', orgId);
  return org && org.status === 'verified' ? org : null;
}

/** A published project of `orgId` (drafts, submissions and rejected projects have no activity to record). */
export async function projectOf(db: Database, projectId: string, orgId?: string): Promise<ProjectDoc | null> {
  const project = await getOrNull<ProjectDoc>(db, 'projects', projectId);
  if (!project || (orgId !== undefined && project.orgId !== orgId)) return null;
  return ['recruiting', 'in_progress', 'finished'].includes(project.status) ? project : null;
}

export async function shiftOf(db: Database, shiftId: string): Promise<ShiftDoc | null> {
  return getOrNull<ShiftDoc>(db, 'shifts', shiftId);
}

export { isOrgAdmin };

/** The active volunteer profile of a user, or null (never registered, or deleted). */
export async function volunteerOfUser(db: Database | Tx, userId: string): Promise<VolunteerDoc | null> {
  const user = await getOrNull<UserDoc>(db, 'users', userId);
  if (!user?.volunteerId) return null;
  const volunteer = await getOrNull<VolunteerDoc>(db, 'volunteers', user.volunteerId);
  return volunteer && volunteer.status === 'active' && volunteer.userId === userId ? volunteer : null;
}

export async function isActiveMember(db: Database, orgId: string, userId: string): Promise<boolean> {
  const m = await getOrNull<MembershipDoc>(db, 'memberships', membershipId(orgId, userId));
  return m !== null && m.status === 'active';
}

/**
 * The volunteer's current records that could overlap [startsAt, endsAt): those starting before its end and at most
 * OVERLAP_LOOKBACK_MS before its start (index volunteerId_current_startsAt_id).
 */
export async function recordsNear(db: Database, volunteerId: string, startsAt: Date, endsAt: Date): Promise<ServiceRecordDoc[]> {
  const _ = db.command;
  return rows<ServiceRecordDoc>(
    db
      .collection('serviceRecords')
      .where({ volunteerId, current: true, startsAt: _.gt(new Date(startsAt.getTime() - OVERLAP_LOOKBACK_MS)).and(_.lt(endsAt)) })
      .orderBy('startsAt', 'asc')
      .limit(PAGE),
  );
}

/** Every confirmed sign-up's user of a shift, page by page in `_id` order (index shiftId_status). */
export async function confirmedUserIdsOf(db: Database, shiftId: string, max: number): Promise<string[]> {
  const _ = db.command;
  const out: string[] = [];
  let after = '';
  for (;;) {
    const page = await rows<Pick<SignupDoc, '_id' | 'userId'>>(
      db
        .collection('signups')
        .where({ shiftId, status: 'confirmed', ...(after ? { _id: _.gt(after) } : {}) })
        .orderBy('_id', 'asc')
        .field({ _id: true, userId: true })
        .limit(PAGE),
    );
    out.push(...page.map((s) => s.userId));
    if (page.length < PAGE || out.length > max) return out;
    after = page[page.length - 1]!._id;
  }
}

/** Writes a new pending record through the ledger unless its first revision exists already (a re-run): true when written. */
export async function addRecordOnce(t: Tx, record: ServiceRecordDoc, now: Date): Promise<boolean> {
  if (await getOrNull<ServiceRecordDoc>(t, 'serviceRecords', revisionId(record.recordId, 1))) return false;
  await writeRevisions(t, [{ previous: null, next: record }], now);
  return true;
}
