// The reads and writes of the `signup` function besides the places themselves (_shared/signup/places.ts): the
// project and shift, what decides eligibility, the organization's admins, the pages of sign-ups.
import { getOrNull, type Database } from '../_shared/db/db';
import { rows, type Query } from '../_shared/db/paging';
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

/** A page of a query by offset: `cursor` is the offset of the next page, as a string. */
export async function pageOf<T>(query: Query, cursor: string | undefined, size: number): Promise<{ items: T[]; nextCursor?: string }> {
  const skip = cursor ? Number(cursor) : 0;
  const found = await rows<T>(query.skip(skip).limit(size + 1));
  const items = found.slice(0, size);
  return found.length > size ? { items, nextCursor: String(skip + size) } : { items };
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
