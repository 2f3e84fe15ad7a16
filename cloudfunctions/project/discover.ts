// project.discover — recruiting projects for anyone, no registration needed: by distance from a point (geoNear as
// the first aggregate stage, on the 2dsphere index of place.location), by start time or newest (indexes that start
// with status), filtered by category, region, keyword tokens and a date range, cursor-paged so a phone scrolling
// down sees every project exactly once (see rules.ts, Cursors: no skip).
//
// "Has places left" is decided from the shifts of the page's projects (places minus the signup function's
// confirmed count, over shifts not yet started), not from a flag on the project: the signup function owns capacity
// and nothing else writes it. A page filtered that way may hold fewer items than asked, never a repeat or a gap.
import type { ProjectCard } from '../../typings/project-actions';
import type { Database } from '../_shared/db/db';
import { rows } from '../_shared/db/paging';
import type { ProjectDoc, ShiftDoc } from '../_shared/documents/project';
import { action } from '../_shared/frame/action';
import { ok, refusal } from '../_shared/frame/envelope';
import { cursorAfter, discoverPlan, encodeCursor, MAX_SHIFTS_PER_PROJECT, type DiscoverPlan } from './rules';
import { discoverSchema } from './schemas';
import { heldByShift } from '../_shared/signup/places';
import { projectCard, upcomingPlacesLeft } from './view';

type Found = ProjectDoc & { distanceM?: number };

export const discover = action('project', 'discover', discoverSchema, async (req, ctx) => {
  const plan = discoverPlan(req);
  if (!plan.ok) return refusal(plan);
  const p = plan.value;
  const found = p.sort === 'distance' ? await nearest(ctx.db, p) : await ordered(ctx.db, p);
  const page = found.slice(0, p.limit);
  const sortValue = (d: Found): number =>
    p.sort === 'distance' ? d.distanceM! : p.sort === 'newest' ? new Date(d.publishedAt!).getTime() : new Date(d.startsAt).getTime();
  const next = cursorAfter(page.map((d) => ({ id: d._id, v: sortValue(d) })), p.cursor);
  const placesLeft = await placesLeftOf(ctx.db, page.map((d) => d._id), ctx.now);
  const items: ProjectCard[] = page
    .map((d) => projectCard(d, { ...(d.distanceM !== undefined ? { distanceM: d.distanceM } : {}), placesLeft: placesLeft.get(d._id) ?? 0 }))
    .filter((card) => !p.hasPlacesLeft || (card.placesLeft ?? 0) > 0);
  return ok({ items, ...(found.length > p.limit && next ? { nextCursor: encodeCursor(next) } : {}) });
});

/** The filters every order shares (plain values and commands of the SDK). */
function filters(db: Database, p: DiscoverPlan): Record<string, unknown> {
  const _ = db.command;
  return {
    ...(p.category ? { category: p.category } : {}),
    ...(p.regionPrefix ? { 'place.regionPrefixes': p.regionPrefix } : {}),
    // A range of days: one of them must be a shift's (the days by $in, merged in the list's order); one end alone:
    // still running at `from` (startsBefore adds `to`).
    ...(p.days ? { days: _.in(p.days) } : p.from ? { endsAt: _.gt(p.from) } : {}),
  };
}

/** The keyword's first token by equality (what an index bounds), the others in a top-level $and. */
function withTokens(db: Database, where: Record<string, unknown>, tokens: readonly string[]): Record<string, unknown> {
  const [first, ...others] = tokens;
  if (first === undefined) return where;
  const withFirst = { ...where, tokens: first };
  return others.length > 0 ? (db.command.and([withFirst, ...others.map((token) => ({ tokens: token }))]) as unknown as Record<string, unknown>) : withFirst;
}

/** Nearest first: geoNear on place.location; the next page starts at the last distance, without the ids shown there. */
async function nearest(db: Database, p: DiscoverPlan): Promise<Found[]> {
  const _ = db.command;
  // On a compound 2dsphere index (location, discoverable, then category, tokens, days or endsAt): the filter it holds is
  // checked on its keys, so the projects near but filtered out are not read.
  const query = withTokens(
    db,
    {
      discoverable: true,
      ...filters(db, p),
      ...(p.to && !p.days ? { startsAt: _.lt(p.to) } : {}),
      ...(p.cursor && p.cursor.ids.length > 0 ? { _id: _.nin(p.cursor.ids) } : {}),
    },
    p.tokens,
  );
  const res = (await db
    .collection('projects')
    .aggregate()
    .geoNear({
      near: db.Geo.Point(p.near!.longitude, p.near!.latitude),
      spherical: true,
      distanceField: 'distanceM',
      key: 'place.location',
      query,
      ...(p.cursor ? { minDistance: p.cursor.v } : {}),
    })
    .limit(p.limit + 1)
    .end()) as unknown as { list: Found[] };
  return res.list;
}

/**
 * By start time (soonest first) or newest (latest published first), on an index that starts with status. A page
 * after a cursor is read as two index ranges in the list's order (sort value, then _id): the rest of the cursor's
 * value after the last id shown, then the values beyond it. `_id not in [shown]` would walk every project tied at
 * the cursor's value again on each page, and those grow with the data.
 */
async function ordered(db: Database, p: DiscoverPlan): Promise<Found[]> {
  const _ = db.command;
  const newest = p.sort === 'newest';
  const sortField = newest ? 'publishedAt' : 'startsAt';
  const wanted = p.limit + 1;
  const base: Record<string, unknown> = { status: 'recruiting', ...filters(db, p) };
  const startsBefore = p.to && !p.days ? _.lt(p.to) : undefined;
  /** The projects whose sort value is past `bound` (or all, without one), in the list's order. */
  const beyond = (bound: Date | undefined, limit: number): Promise<Found[]> => {
    const where = { ...base };
    if (newest) {
      if (bound) where.publishedAt = _.lt(bound);
      if (startsBefore) where.startsAt = startsBefore;
    } else if (bound) {
      where.startsAt = startsBefore ? _.gt(bound).and(startsBefore) : _.gt(bound);
    } else if (startsBefore) {
      where.startsAt = startsBefore;
    }
    return rows<Found>(
      db.collection('projects').where(withTokens(db, where, p.tokens)).orderBy(sortField, newest ? 'desc' : 'asc').orderBy('_id', 'asc').limit(limit),
    );
  };
  if (!p.cursor) return beyond(undefined, wanted);
  const at = new Date(p.cursor.v);
  // Ids at the cursor's value were shown in _id order, so the last of them is where its run resumes.
  const lastShown = p.cursor.ids[p.cursor.ids.length - 1];
  const where: Record<string, unknown> = { ...base, [sortField]: at, ...(lastShown !== undefined ? { _id: _.gt(lastShown) } : {}) };
  if (startsBefore) where.startsAt = newest ? startsBefore : _.eq(at).and(startsBefore);
  const tied = await rows<Found>(db.collection('projects').where(withTokens(db, where, p.tokens)).orderBy('_id', 'asc').limit(wanted));
  return tied.length >= wanted ? tied : [...tied, ...(await beyond(at, wanted - tied.length))];
}

/**
 * Places left per project over its shifts to come: one indexed read of shifts per project on the page, in parallel,
 * then the places held in all their capacity shards read together.
 */
async function placesLeftOf(db: Database, projectIds: string[], now: Date): Promise<Map<string, number>> {
  const _ = db.command;
  const shiftsByProject = await Promise.all(
    projectIds.map((projectId) =>
      rows<ShiftDoc>(db.collection('shifts').where({ projectId, startsAt: _.gt(now) }).orderBy('startsAt', 'asc').limit(MAX_SHIFTS_PER_PROJECT)),
    ),
  );
  const held = await heldByShift(db, shiftsByProject.flat().map((s) => s._id));
  return new Map(projectIds.map((projectId, i) => [projectId, upcomingPlacesLeft(shiftsByProject[i]!, held, now)] as const));
}
