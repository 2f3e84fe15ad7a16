// The reads and writes of the `signup` function besides the places themselves (_shared/signup/places.ts): the
// project and shift, what decides eligibility, the organization's admins, the pages of sign-ups.
import { getOrNull, type Database } from '../_shared/db/db';
import { decodeCursor, encodeCursor } from '../_shared/db/cursor';
import { keysetPage, rows, type KeysetOrder, type Position } from '../_shared/db/paging';
import type { MembershipDoc } from '../_shared/documents/membership';
import { membershipId } from '../_shared/documents/membership';
import type { OrganizationDoc } from '../_shared/documents/organization';
import type { ProjectDoc, ShiftDoc, SignupDoc } from '../_shared/documents/project';
import { CIPHER_PURPOSE, type BirthInfo, type LegacyVolunteerFields, type VolunteerDoc } from '../_shared/documents/volunteer';
import { decryptField, type KeyRing } from '../_shared/security/crypto';
import { SIGNUPS } from '../_shared/signup/places';

export async function shiftAndProject(db: Database, shiftId: string): Promise<{ shift: ShiftDoc; project: ProjectDoc } | null> {
  const shift = await getOrNull<ShiftDoc>(db, 'shifts', shiftId);
  if (!shift) return null;
  const project = await getOrNull<ProjectDoc>(db, 'projects', shift.projectId);
  return project ? { shift, project } : null;
}

export function projectOf(db: Database, projectId: string): Promise<ProjectDoc | null> {
  return getOrNull<ProjectDoc>(db, 'projects', projectId);
}

/** A project's shifts, soonest first (at most 100: a project's series are within one year). */
export async function shiftsOf(db: Database, projectId: string): Promise<ShiftDoc[]> {
  return rows<ShiftDoc>(db.collection('shifts').where({ projectId }).orderBy('startsAt', 'asc').limit(100));
}

export function organizationOf(db: Database, orgId: string): Promise<OrganizationDoc | null> {
  return getOrNull<OrganizationDoc>(db, 'organizations', orgId);
}

/** The birth date, decrypted for this one check (no query filters by age; README "What the database keeps"). */
export function birthDateOf(volunteer: VolunteerDoc, ring: KeyRing): string {
  const legacy = volunteer as unknown as LegacyVolunteerFields;
  if (volunteer.birth) return (JSON.parse(decryptField(volunteer.birth, ring, CIPHER_PURPOSE.birth)) as BirthInfo).birthDate;
  if (legacy.birthDate) return legacy.birthDate;
  throw new Error('volunteer without a birth date');
}

export async function isActiveMember(db: Database, orgId: string, userId: string): Promise<boolean> {
  const m = await getOrNull<MembershipDoc>(db, 'memberships', membershipId(orgId, userId));
  return m?.status === 'active';
}

export async function isActiveAdmin(db: Database, orgId: string, userId: string): Promise<boolean> {
  const m = await getOrNull<MembershipDoc>(db, 'memberships', membershipId(orgId, userId));
  return m?.status === 'active' && m.role === 'admin';
}

/** The organization's active admins (told of sign-ups waiting for approval and of withdrawals). */
export async function adminsOf(db: Database, orgId: string): Promise<string[]> {
  const admins = await rows<MembershipDoc>(db.collection('memberships').where({ orgId, status: 'active', role: 'admin' }).limit(100));
  return admins.map((m) => m.userId);
}

/** The person's latest sign-ups at one organization (no-show marks, and "served before" for approval by rules). */
export async function signupsAtOrg(db: Database, userId: string, orgId: string): Promise<SignupDoc[]> {
  return rows<SignupDoc>(db.collection(SIGNUPS).where({ userId, orgId }).orderBy('startsAt', 'desc').limit(100));
}

export function signupOf(db: Database, id: string): Promise<SignupDoc | null> {
  return getOrNull<SignupDoc>(db, SIGNUPS, id);
}

/** 1 for the first in line: those queued earlier, and those queued at the same instant with a smaller id. */
export async function waitlistPosition(db: Database, s: Pick<SignupDoc, '_id' | 'shiftId' | 'queuedAt'>): Promise<number> {
  const _ = db.command;
  const [before, tied] = await Promise.all([
    db.collection(SIGNUPS).where({ shiftId: s.shiftId, status: 'waitlisted', queuedAt: _.lt(s.queuedAt) }).count(),
    db.collection(SIGNUPS).where({ shiftId: s.shiftId, status: 'waitlisted', queuedAt: s.queuedAt, _id: _.lt(s._id) }).count(),
  ]);
  return (before as { total: number }).total + (tied as { total: number }).total + 1;
}

export async function waitlistLength(db: Database, shiftId: string): Promise<number> {
  return ((await db.collection(SIGNUPS).where({ shiftId, status: 'waitlisted' }).count()) as { total: number }).total;
}

/**
 * One page of sign-ups in keyset order (`keysetPage`: `order.field` then `_id`, on an index ending with `_id`), never
 * by offset: a sign-up added or moved between two pages cannot repeat or hide one. The cursor is opaque: the last
 * item's instant and id. Null for a cursor this function did not give out.
 */
export async function signupPage(
  db: Database,
  where: Record<string, unknown>,
  order: KeysetOrder & { field: 'endsAt' | 'queuedAt' },
  cursor: string | undefined,
  size: number,
): Promise<{ items: SignupDoc[]; nextCursor?: string } | null> {
  let after: Position | null = null;
  if (cursor !== undefined) {
    const parts = decodeCursor(cursor, 2);
    const at = parts ? new Date(parts[0]!) : null;
    if (!parts || !at || Number.isNaN(at.getTime()) || at.toISOString() !== parts[0] || !parts[1]) return null;
    after = { value: at, id: parts[1] };
  }
  // One more than a page tells whether another follows, so the last page never hands out a cursor to nothing.
  const found = await keysetPage<SignupDoc>(db, SIGNUPS, where, order, after, size + 1);
  const items = found.rows.slice(0, size);
  const last = items[items.length - 1];
  return found.rows.length > size && last ? { items, nextCursor: encodeCursor([new Date(last[order.field]).toISOString(), last._id]) } : { items };
}

/** Volunteers by user id (names for the roster), one query per 100. */
export async function volunteersByUser(db: Database, userIds: string[]): Promise<Map<string, VolunteerDoc>> {
  const _ = db.command;
  const out = new Map<string, VolunteerDoc>();
  const unique = [...new Set(userIds)];
  for (let i = 0; i < unique.length; i += 100) {
    for (const v of await rows<VolunteerDoc>(db.collection('volunteers').where({ userId: _.in(unique.slice(i, i + 100)) }).limit(100))) out.set(v.userId, v);
  }
  return out;
}
