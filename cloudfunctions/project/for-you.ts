// project.forYou (为你推荐): the recruiting projects a registered volunteer can actually join, ranked for them.
// Candidates come from discovery's indexed reads, each bounded: the nearest by geoNear on place.location, the
// soonest of each category the volunteer chose as an intention, the soonest in their home region. Their shifts to
// come and the places held are read in bulk, every shift is checked by _shared/matching/eligibility.ts and ranked in
// memory (recommend.ts); a project shows with its best shift for this volunteer, or not at all.
import type { ForYouItem } from '../../typings/project-foryou';
import type { Database } from '../_shared/db/db';
import { getOrNull } from '../_shared/db/db';
import { rows } from '../_shared/db/paging';
import { registeredVolunteer } from '../_shared/db/people';
import type { MembershipDoc } from '../_shared/documents/membership';
import type { ProjectDoc, ShiftDoc, SignupScheduleDoc } from '../_shared/documents/project';
import { iso } from '../_shared/documents/dates';
import { action } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { notRegistered } from '../_shared/messages/answers';
import { recommendProjects } from '../_shared/matching/recommend';
import type { LngLatPoint, ShiftFacts, VolunteerFacts } from '../_shared/matching/facts';
import { distanceBetween, weightsFromEnv } from '../_shared/matching/ranking';
import { keyRingFromEnv } from '../_shared/security/crypto';
import { heldByShift } from '../_shared/signup/places';
import { birthDateOf } from '../signup/store';
import { MAX_SHIFTS_PER_PROJECT } from './rules';
import { forYouSchema } from './schemas';
import { lngLatOf, projectCard } from './view';

/** The nearest recruiting projects read by geoNear. */
export const NEAREST_CANDIDATES = 40;
/** The soonest per intention, for at most MAX_INTENTIONS_READ intentions, and in the home region. */
export const PER_INTENTION_CANDIDATES = 10;
export const MAX_INTENTIONS_READ = 3;
export const REGION_CANDIDATES = 10;
export const DEFAULT_FOR_YOU_LIMIT = 10;

export const forYou = action('project', 'forYou', forYouSchema, async (req, ctx) => {
  const me = await registeredVolunteer(ctx);
  if (!me) return notRegistered();
  const weights = weightsFromEnv(ctx.env);
  const [candidates, memberOf, schedule] = await Promise.all([
    candidateProjects(ctx.db, req.near, me.volunteer.intentions, me.volunteer.regionCode),
    activeMemberships(ctx.db, me.userId),
    getOrNull<SignupScheduleDoc>(ctx.db, 'signupSchedules', me.userId),
  ]);
  const volunteer: VolunteerFacts = {
    userId: me.userId,
    birthDate: birthDateOf(me.volunteer, keyRingFromEnv(ctx.env)),
    skills: me.volunteer.skills,
    intentions: me.volunteer.intentions,
    availability: me.volunteer.availability,
    phoneVerified: me.volunteer.phone?.verified === true,
    guardianConsent: Boolean(me.volunteer.guardian?.consentedAt),
    memberOf,
    holds: (schedule?.holds ?? []).map((h) => ({ startsAt: new Date(h.startsAt), endsAt: new Date(h.endsAt) })),
    location: req.near,
  };
  const shifts = await upcomingShifts(ctx.db, candidates.map((p) => p._id), ctx.now);
  const held = await heldByShift(ctx.db, shifts.map((s) => s._id));
  const byId = new Map(candidates.map((p) => [p._id, p] as const));
  const facts = shifts.map((s) => shiftFacts(byId.get(s.projectId)!, s, held.get(s._id) ?? 0));
  const chosen = recommendProjects(volunteer, facts, weights, ctx.now, req.limit ?? DEFAULT_FOR_YOU_LIMIT);
  const placesLeft = new Map<string, number>();
  for (const f of facts) placesLeft.set(f.projectId, (placesLeft.get(f.projectId) ?? 0) + f.placesLeft);
  const items: ForYouItem[] = chosen.map(({ projectId, shift, match }) => {
    const project = byId.get(projectId)!;
    return {
      ...projectCard(project, { placesLeft: placesLeft.get(projectId) ?? 0, distanceM: distanceOf(project, req.near) }),
      shiftId: shift.shiftId,
      shiftStartsAt: iso(shift.startsAt),
      shiftEndsAt: iso(shift.endsAt),
      reasons: match.reasons,
    };
  });
  return ok({ items });
});

type Candidate = ProjectDoc & { distanceM?: number };

function distanceOf(p: Candidate, near: LngLatPoint): number {
  if (p.distanceM !== undefined) return p.distanceM;
  return distanceBetween(near, lngLatOf(p.place.location));
}

/**
 * What matching knows of one shift of a project. The project may come from where().get(), which gives its location
 * as the SDK's Point (longitude, latitude), or from geoNear's aggregate, which gives the stored GeoJSON: lngLatOf
 * reads both.
 */
export function shiftFacts(p: ProjectDoc, s: ShiftDoc, heldPlaces: number): ShiftFacts {
  const { longitude, latitude } = lngLatOf(p.place.location);
  return {
    shiftId: s._id,
    projectId: p._id,
    orgId: p.orgId,
    status: p.status,
    cancelled: s.cancelled,
    startsAt: new Date(s.startsAt),
    endsAt: new Date(s.endsAt),
    places: s.places,
    placesLeft: s.cancelled ? 0 : Math.max(0, s.places - heldPlaces),
    category: p.category,
    conditions: {
      ...(p.conditions.minAge !== undefined ? { minAge: p.conditions.minAge } : {}),
      ...(p.conditions.maxAge !== undefined ? { maxAge: p.conditions.maxAge } : {}),
      skills: p.conditions.skills,
      scope: p.conditions.scope,
      ...(p.conditions.teamOrgId !== undefined ? { teamOrgId: p.conditions.teamOrgId } : {}),
      minorsAllowed: p.conditions.minorsAllowed,
    },
    location: { longitude, latitude },
  };
}

/** The three bounded candidate reads, merged by id (a project found twice keeps its geoNear distance). */
async function candidateProjects(db: Database, near: LngLatPoint, intentions: readonly string[], regionCode: string): Promise<Candidate[]> {
  const soonest = (where: Record<string, unknown>, limit: number) =>
    rows<Candidate>(db.collection('projects').where({ status: 'recruiting', ...where }).orderBy('startsAt', 'asc').orderBy('_id', 'asc').limit(limit));
  const nearest = db
    .collection('projects')
    .aggregate()
    .geoNear({ near: db.Geo.Point(near.longitude, near.latitude), spherical: true, distanceField: 'distanceM', key: 'place.location', query: { discoverable: true } })
    .limit(NEAREST_CANDIDATES)
    .end() as unknown as Promise<{ list: Candidate[] }>;
  const lists = await Promise.all([
    nearest.then((r) => r.list),
    ...intentions.slice(0, MAX_INTENTIONS_READ).map((category) => soonest({ category }, PER_INTENTION_CANDIDATES)),
    // A region code's 4-digit prefix is its city: the home city's soonest projects, wherever the phone is now.
    ...(regionCode.length >= 4 ? [soonest({ 'place.regionPrefixes': regionCode.slice(0, 4) }, REGION_CANDIDATES)] : []),
  ]);
  const merged = new Map<string, Candidate>();
  for (const list of lists) for (const p of list) if (!merged.has(p._id)) merged.set(p._id, p);
  return [...merged.values()];
}

/** Every shift to come of these projects: one indexed read per project (projectId, startsAt), in parallel. */
async function upcomingShifts(db: Database, projectIds: readonly string[], now: Date): Promise<ShiftDoc[]> {
  const _ = db.command;
  const perProject = await Promise.all(
    projectIds.map((projectId) =>
      rows<ShiftDoc>(db.collection('shifts').where({ projectId, startsAt: _.gt(now) }).orderBy('startsAt', 'asc').limit(MAX_SHIFTS_PER_PROJECT)),
    ),
  );
  return perProject.flat();
}

/** The organizations where this person is an active member (scope 'team'), on the index userId_status. */
async function activeMemberships(db: Database, userId: string): Promise<string[]> {
  const memberships = await rows<MembershipDoc>(db.collection('memberships').where({ userId, status: 'active' }).limit(100));
  return memberships.map((m) => m.orgId);
}
