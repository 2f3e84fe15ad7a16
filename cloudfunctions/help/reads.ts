// The help lists, each one or two indexed reads of at most 100: a person's own needs (mine, with the newest reveals of
// each one's phone), the needs the caller may verify (verifyQueue), an organization's offers and accepted needs
// (offers), a region's verified needs for anyone (publicList, only what isPublic allows), and an organization's
// ratings (orgRatings, public).
import type { HelpRequestView, OrgRatingsResponse } from '../../typings/help';
import { administeredVerified } from '../_shared/db/admins';
import { getOrNull } from '../_shared/db/db';
import { inBatches } from '../_shared/db/paging';
import { isOrgAdmin, isPlatformAdmin } from '../_shared/db/people';
import { HELP_RATINGS, type ContactViewDoc, type HelpRequestDoc, type OrgRatingDoc } from '../_shared/documents/help';
import { userIdOf } from '../_shared/documents/ids';
import { action, noPayload } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { HELP_MESSAGES } from '../_shared/messages/help';
import { keyRingFromEnv } from '../_shared/security/crypto';
import { validateRegionCode } from '../../miniprogram/domain/region';
import { forbidden } from './answers';
import { averageStars } from './rules';
import { orgIdSchema, publicListSchema } from './schemas';
import { isListedAt, isPublic, OPEN_STATUSES, PUBLIC_STATUSES, statusAt } from './state';
import { needsWhere, newestContactViews } from './store';
import { helpView, publicView } from './view';

const LIST_MAX = 100;
const bySubmitted = (direction: 1 | -1) => (a: HelpRequestDoc, b: HelpRequestDoc) =>
  direction * (new Date(a.submittedAt).getTime() - new Date(b.submittedAt).getTime()) || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);

/** Reads of `helpContactViews` mine makes at once (CloudBase's basic plan allows 20 concurrent database connections). */
const CONTACT_VIEW_READS_AT_ONCE = 5;

/**
 * The caller's needs, each with the newest reveals of its phone (CONTACT_VIEWS_SHOWN) and their count: one indexed
 * read of the needs, and one of `helpContactViews` for each need whose phone was revealed at all.
 */
export const mine = action('help', 'mine', noPayload, async (_req, ctx) => {
  const needs = await needsWhere(ctx.db, { requesterUserId: userIdOf(ctx.caller.openid) });
  const views = new Map<string, ContactViewDoc[]>();
  for (const batch of inBatches(needs.filter((n) => (n.contactViewCount ?? 0) > 0), CONTACT_VIEW_READS_AT_ONCE)) {
    await Promise.all(batch.map(async (n) => views.set(n._id, await newestContactViews(ctx.db, n._id))));
  }
  const ring = keyRingFromEnv(ctx.env);
  // A need whose time passed shows 已过期 even before the expire timer reached it.
  return ok({ items: needs.map((n) => helpView(n, ring, 'name', { now: ctx.now, contactViews: views.get(n._id) ?? [] })) });
});

/**
 * Oldest first: the longest waiting is verified first. Never the caller's own needs (they cannot verify them), nor
 * one whose start has passed (it can no longer be verified; the expire timer takes it).
 */
export const verifyQueue = action('help', 'verifyQueue', noPayload, async (_req, ctx) => {
  const userId = userIdOf(ctx.caller.openid);
  const _ = ctx.db.command;
  const platformAdmin = isPlatformAdmin(ctx);
  // Each need says for which of the caller's organizations it may be verified (an admin of several picks none by hand).
  const orgsByCounty = new Map<string, Array<{ orgId: string; orgName: string }>>();
  for (const o of await administeredVerified(ctx.db, userId)) orgsByCounty.set(o.regionCode, [...(orgsByCounty.get(o.regionCode) ?? []), { orgId: o._id, orgName: o.name }]);
  const counties = [...orgsByCounty.keys()];
  const lists = await Promise.all([
    platformAdmin ? needsWhere(ctx.db, { status: 'pending', startsAt: _.gt(ctx.now) }, 'asc') : Promise.resolve([]),
    counties.length > 0 ? needsWhere(ctx.db, { status: 'pending', regionCode: _.in(counties.slice(0, LIST_MAX)), startsAt: _.gt(ctx.now) }, 'asc') : Promise.resolve([]),
  ]);
  const merged = new Map<string, HelpRequestDoc>();
  for (const n of lists.flat()) if (n.requesterUserId !== userId && statusAt(n, ctx.now) === 'pending') merged.set(n._id, n);
  const ring = keyRingFromEnv(ctx.env);
  return ok({
    items: [...merged.values()]
      .sort(bySubmitted(1))
      .slice(0, LIST_MAX)
      .map((n) => ({ ...helpView(n, ring, 'name'), verifiableFor: orgsByCounty.get(n.regionCode) ?? [], asPlatformAdmin: platformAdmin })),
  });
});

/**
 * Needs offered to the organization now (not those whose start has passed: they can no longer be accepted), and
 * those it accepted: admins only. Offered ones show the name masked.
 */
export const offers = action('help', 'offers', orgIdSchema, async (req, ctx) => {
  if (!(await isOrgAdmin(ctx.db, req.orgId, userIdOf(ctx.caller.openid)))) return forbidden();
  const _ = ctx.db.command;
  const [offered, accepted] = await Promise.all([
    needsWhere(ctx.db, { wave: req.orgId, status: 'dispatched', startsAt: _.gt(ctx.now) }),
    needsWhere(ctx.db, { 'acceptedBy.orgId': req.orgId }),
  ]);
  const ring = keyRingFromEnv(ctx.env);
  const items: HelpRequestView[] = [
    ...offered.filter((n) => n.status === 'dispatched' && n.wave.includes(req.orgId) && isListedAt(n, ctx.now)).map((n) => helpView(n, ring, 'masked')),
    ...accepted.filter((n) => n.acceptedBy?.orgId === req.orgId && isPublic(n)).map((n) => helpView(n, ring, 'name')),
  ];
  return ok({ items: items.slice(0, LIST_MAX) });
});

/** The code of a region to list: a county, or a city or province given by its 4 or 2 leading digits. */
function regionPrefix(code: string): string | null {
  const c = code.trim();
  if (!/^\d{2}(?:\d{2}){0,2}$/.test(c)) return null;
  const checked = validateRegionCode(c.padEnd(6, '0'));
  return checked.ok ? c : null;
}

export const publicList = action('help', 'publicList', publicListSchema, async (req, ctx) => {
  const prefix = regionPrefix(req.regionCode);
  if (!prefix) return fail('HELP_INVALID', HELP_MESSAGES.region, 'regionCode');
  const _ = ctx.db.command;
  // Open needs only while their start is ahead; those an organization took on stay listed for the record.
  const [open, taken] = await Promise.all([
    needsWhere(ctx.db, { regionPrefixes: prefix, status: _.in(PUBLIC_STATUSES.filter((s) => OPEN_STATUSES.includes(s))), startsAt: _.gt(ctx.now) }),
    needsWhere(ctx.db, { regionPrefixes: prefix, status: _.in(PUBLIC_STATUSES.filter((s) => !OPEN_STATUSES.includes(s))) }),
  ]);
  const needs = [...open, ...taken].filter((n) => isListedAt(n, ctx.now)).sort(bySubmitted(-1)).slice(0, LIST_MAX);
  return ok({ items: needs.map(publicView) });
});

export const orgRatings = action('help', 'orgRatings', orgIdSchema, async (req, ctx) => {
  const doc = await getOrNull<OrgRatingDoc>(ctx.db, HELP_RATINGS, req.orgId);
  const average = doc ? averageStars(doc.sum, doc.count) : undefined;
  const answer: OrgRatingsResponse = {
    orgId: req.orgId,
    count: doc?.count ?? 0,
    ...(average !== undefined ? { average } : {}),
    latest: (doc?.latest ?? []).map((r) => ({ stars: r.stars, ...(r.comment ? { comment: r.comment } : {}), at: new Date(r.at).toISOString() })),
  };
  return ok(answer);
});
