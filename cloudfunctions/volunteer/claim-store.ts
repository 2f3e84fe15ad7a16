// The reads of 申诉找回 besides the single-document ones inside transactions: every query here is served by an index
// of database/collections.json (claims: claimantUserId_filedAt, status_filedAt; claimEvents: claimId_at;
// memberships: userId_status).
import { getOrNull, type Database } from '../_shared/db/db';
import { PAGE, rows } from '../_shared/db/paging';
import type { ClaimDoc, ClaimEventDoc } from '../_shared/documents/claim';
import type { CredentialDoc } from '../_shared/documents/credential';
import type { MembershipDoc } from '../_shared/documents/membership';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import { QUEUE_PAGE, type QueueCursor } from './claim-rules';

/** The record a credential leads to: its credentials document (under any of its keys) and the active volunteer. */
export async function recordOf(db: Database, credentialKeys: string[]): Promise<{ credentialHash: string; credential: CredentialDoc; volunteer: VolunteerDoc } | null> {
  for (const key of credentialKeys) {
    const credential = await getOrNull<CredentialDoc>(db, 'credentials', key);
    if (!credential) continue;
    const volunteer = await getOrNull<VolunteerDoc>(db, 'volunteers', credential.volunteerId);
    if (volunteer && volunteer.status === 'active' && volunteer.userId === credential.userId) return { credentialHash: key, credential, volunteer };
  }
  return null;
}

/** The caller's claims, newest first: one person files few, so the newest 20 are all the page shows. */
export function claimsOf(db: Database, claimantUserId: string): Promise<ClaimDoc[]> {
  return rows<ClaimDoc>(db.collection('claims').where({ claimantUserId }).orderBy('filedAt', 'desc').limit(QUEUE_PAGE));
}

/**
 * One page of the review queue after `cursor`, oldest first. Asks for filedAt ≥ the cursor's instant and one page
 * more than shown, so ties at the cursor's instant are cut by id (claim-rules afterCursor) and "is there more" is known.
 */
export function pendingClaims(db: Database, cursor: QueueCursor | null): Promise<ClaimDoc[]> {
  const _ = db.command;
  const where = cursor ? { status: 'pending', filedAt: _.gte(cursor.filedAt) } : { status: 'pending' };
  return rows<ClaimDoc>(db.collection('claims').where(where).orderBy('filedAt', 'asc').orderBy('_id', 'asc').limit(QUEUE_PAGE * 2 + 1));
}

/** Volunteers by id (one `_id in` query), only the fields a queue item shows. */
export async function volunteersById(db: Database, ids: string[]): Promise<Map<string, VolunteerDoc>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const found = await rows<VolunteerDoc>(
    db
      .collection('volunteers')
      .where({ _id: db.command.in(unique) })
      .field({ name: true, credential: true, volunteerNo: true, status: true, userId: true })
      .limit(PAGE),
  );
  return new Map(found.map((v) => [v._id, v]));
}

export function claimEventsOf(db: Database, claimId: string): Promise<ClaimEventDoc[]> {
  return rows<ClaimEventDoc>(db.collection('claimEvents').where({ claimId }).orderBy('at', 'asc').limit(PAGE));
}

/** Every membership of a user, all statuses (index userId_status), at most 100: what a record carries. */
export function allMembershipsOf(db: Database, userId: string): Promise<MembershipDoc[]> {
  return rows<MembershipDoc>(db.collection('memberships').where({ userId }).orderBy('_id', 'asc').limit(PAGE));
}

export async function activeMembershipCount(db: Database, userId: string): Promise<number> {
  const res = (await db.collection('memberships').where({ userId, status: 'active' }).count()) as unknown as { total: number };
  return res.total;
}
