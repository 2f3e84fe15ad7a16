// The reads the match function makes. Candidates come from three indexed reads on `volunteers`, each bounded
// (CANDIDATES_PER_READ): those whose intentions hold the project's category, those with a skill it asks for, and
// those of its district. What eligibility needs of them (their held times, team membership, sign-ups for the shift,
// invitations and weekly ledgers) is then read in bulk by id, 100 at a time.
import { getOrNull, type Database } from '../_shared/db/db';
import { inBatches, rows } from '../_shared/db/paging';
import { membershipId, type MembershipDoc } from '../_shared/documents/membership';
import type { ProjectDoc, ShiftDoc, SignupDoc, SignupScheduleDoc } from '../_shared/documents/project';
import type { VolunteerDoc } from '../_shared/documents/volunteer';
import type { ShiftFacts, VolunteerFacts } from '../_shared/matching/facts';
import { invitationIdOf, type InviteLedger } from '../_shared/matching/invitations';
import type { KeyRing } from '../_shared/security/crypto';
import { heldByShift } from '../_shared/signup/places';
import { shiftFacts } from '../project/for-you';
import { ACTIVE } from '../signup/rules';
import { birthDateOf } from '../signup/store';

export const INVITATIONS = 'matchInvitations';
export const LEDGERS = 'inviteLedgers';

/** Each candidate read returns at most this many volunteers (a function's get() answers at most 100 anyway). */
export const CANDIDATES_PER_READ = 100;

/** A shift's invitation to one person (collection matchInvitations, _id invitationIdOf(shiftId, userId)). */
export interface InvitationDoc {
  _id: string;
  shiftId: string;
  projectId: string;
  orgId: string;
  userId: string;
  /** users._id of the admin who sent it. */
  invitedBy: string;
  /** The Asia/Shanghai ISO week it counted in (the ledger's). */
  week: string;
  createdAt: Date;
  /** The shift's start: the invitation holds no longer (it also lapses when the shift fills or is cancelled). */
  expiresAt: Date;
}

/** A person's weekly invitation count and last invitation (collection inviteLedgers, _id the user id). */
export interface InviteLedgerDoc extends InviteLedger {
  _id: string;
  updatedAt: Date;
}

export interface ShiftWithProject {
  shift: ShiftDoc;
  project: ProjectDoc;
}

export async function shiftWithProject(db: Database, shiftId: string): Promise<ShiftWithProject | null> {
  const shift = await getOrNull<ShiftDoc>(db, 'shifts', shiftId);
  if (!shift) return null;
  const project = await getOrNull<ProjectDoc>(db, 'projects', shift.projectId);
  return project ? { shift, project } : null;
}

/** Documents by id, 100 ids a query (the `_id` index), keyed by id. */
export async function byIds<T extends { _id: string }>(db: Database, collection: string, ids: readonly string[]): Promise<Map<string, T>> {
  const _ = db.command;
  const out = new Map<string, T>();
  const batches = inBatches([...new Set(ids)], 100);
  const found = await Promise.all(batches.map((batch) => rows<T>(db.collection(collection).where({ _id: _.in(batch) }).limit(100))));
  for (const doc of found.flat()) out.set(doc._id, doc);
  return out;
}

/** A series' shifts (index seriesId; a series is at most one project's 100 shifts), soonest first. */
export async function seriesShifts(db: Database, seriesId: string): Promise<ShiftDoc[]> {
  const shifts = await rows<ShiftDoc>(db.collection('shifts').where({ seriesId }).limit(100));
  return shifts.sort((a, b) => new Date(a.startsAt).getTime() - new Date(b.startsAt).getTime() || (a._id < b._id ? -1 : 1));
}

/** The three bounded candidate reads for a project, merged by volunteer (indexes status_intentions, status_skills, status_regionCode). */
export async function candidateVolunteers(db: Database, project: ProjectDoc): Promise<VolunteerDoc[]> {
  const _ = db.command;
  const read = (where: Record<string, unknown>) => rows<VolunteerDoc>(db.collection('volunteers').where({ status: 'active', ...where }).limit(CANDIDATES_PER_READ));
  const lists = await Promise.all([
    read({ intentions: project.category }),
    ...(project.conditions.skills.length > 0 ? [read({ skills: _.in(project.conditions.skills) })] : []),
    read({ regionCode: project.place.regionCode }),
  ]);
  const merged = new Map<string, VolunteerDoc>();
  for (const list of lists) for (const v of list) if (!merged.has(v.userId)) merged.set(v.userId, v);
  return [...merged.values()];
}

/** Active volunteers by user id (index userId_unique). */
export async function volunteersByUser(db: Database, userIds: readonly string[]): Promise<VolunteerDoc[]> {
  const _ = db.command;
  const batches = inBatches([...new Set(userIds)], 100);
  const found = await Promise.all(batches.map((batch) => rows<VolunteerDoc>(db.collection('volunteers').where({ userId: _.in(batch), status: 'active' }).limit(100))));
  return found.flat();
}

/**
 * What matching needs to know of each volunteer for one project: their held times (signupSchedules), and for a
 * team project whether they are an active member of the team. A volunteer whose birth date cannot be read is left
 * out (eligibility could not decide their age).
 */
export async function volunteerFactsOf(db: Database, volunteers: readonly VolunteerDoc[], project: ProjectDoc, ring: KeyRing): Promise<Map<string, VolunteerFacts>> {
  const userIds = volunteers.map((v) => v.userId);
  const teamOrgId = project.conditions.scope === 'team' ? project.conditions.teamOrgId : undefined;
  const [schedules, memberships] = await Promise.all([
    byIds<SignupScheduleDoc>(db, 'signupSchedules', userIds),
    teamOrgId ? byIds<MembershipDoc>(db, 'memberships', userIds.map((u) => membershipId(teamOrgId, u))) : Promise.resolve(new Map<string, MembershipDoc>()),
  ]);
  const out = new Map<string, VolunteerFacts>();
  for (const v of volunteers) {
    let birthDate: string;
    try {
      birthDate = birthDateOf(v, ring);
    } catch {
      continue;
    }
    const member = teamOrgId ? memberships.get(membershipId(teamOrgId, v.userId)) : undefined;
    out.set(v.userId, {
      userId: v.userId,
      birthDate,
      skills: v.skills,
      intentions: v.intentions,
      availability: v.availability,
      phoneVerified: v.phone?.verified === true,
      guardianConsent: Boolean(v.guardian?.consentedAt),
      memberOf: member?.status === 'active' && teamOrgId ? [teamOrgId] : [],
      holds: (schedules.get(v.userId)?.holds ?? []).map((h) => ({ startsAt: new Date(h.startsAt), endsAt: new Date(h.endsAt) })),
    });
  }
  return out;
}

/** Matching's facts of each shift, with the places held now (the capacity shards). */
export async function shiftFactsOf(db: Database, project: ProjectDoc, shifts: readonly ShiftDoc[]): Promise<Map<string, ShiftFacts>> {
  const held = await heldByShift(db, shifts.map((s) => s._id));
  return new Map(shifts.map((s) => [s._id, shiftFacts(project, s, held.get(s._id) ?? 0)]));
}

/**
 * Who among `userIds` signed up for the shift and still stands in it or was turned away (waitlisted, holding, declined,
 * removed): never suggested again. Withdrawn and expired sign-ups may be invited back.
 */
export async function signedUpFor(db: Database, shiftId: string, userIds: readonly string[]): Promise<Set<string>> {
  const _ = db.command;
  const batches = inBatches([...new Set(userIds)], 100);
  const found = await Promise.all(batches.map((batch) => rows<SignupDoc>(db.collection('signups').where({ shiftId, userId: _.in(batch) }).limit(100))));
  return new Set(found.flat().filter((s) => ACTIVE.includes(s.status) || s.status === 'declined' || s.status === 'removed').map((s) => s.userId));
}

export function ledgersOf(db: Database, userIds: readonly string[]): Promise<Map<string, InviteLedgerDoc>> {
  return byIds<InviteLedgerDoc>(db, LEDGERS, userIds);
}

/** This shift's invitations to these people, by user id. */
export async function invitationsFor(db: Database, shiftId: string, userIds: readonly string[]): Promise<Map<string, InvitationDoc>> {
  const found = await byIds<InvitationDoc>(db, INVITATIONS, userIds.map((u) => invitationIdOf(shiftId, u)));
  return new Map([...found.values()].map((i) => [i.userId, i]));
}
