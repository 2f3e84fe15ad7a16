// The reads the help function makes, every one indexed and bounded (≤100 documents a query): the caller's parts
// towards a need, the verifiers of a county, responders and willing volunteers near a need (geoNear on 2dsphere
// indexes), the lists, the newest reveals of a need's phone. Writes happen in the handlers' transactions.
import { createHash } from 'node:crypto';
import type { HelpRole } from '../../typings/help';
import { activeAdminIds } from '../_shared/db/admins';
import { getOrNull, type Database, type Tx } from '../_shared/db/db';
import { PAGE, rows } from '../_shared/db/paging';
import { currentRequest } from '../_shared/db/request-scope';
import { isOrgAdmin, isPlatformAdmin } from '../_shared/db/people';
import {
  HELP_CONTACT_VIEWS,
  HELP_REQUESTERS,
  HELP_REQUESTS,
  HELP_RESPONDERS,
  HELP_WILLING,
  type ContactViewDoc,
  type HelpRequestDoc,
  type RequesterTallyDoc,
  type ResponderDoc,
  type WillingDoc,
} from '../_shared/documents/help';
import { userIdOf } from '../_shared/documents/ids';
import type { OrganizationDoc } from '../_shared/documents/organization';
import type { ActionContext } from '../_shared/frame/action';
import { platformAdminOpenids } from '../_shared/security/roles';
import { byIds } from '../match/store';
import { lngLatOf } from '../project/view';
import type { RequesterTally, ResponderFacts } from './rules';

/** Responders further than this from a need are not asked (the geoNear's maxDistance). */
export const RESPONDER_REACH_KM = 50;
/** At most this many responders are read for one need (then ranked: rules.ts MAX_RANKED). */
export const RESPONDERS_READ = 100;
/** Verifiers told of a new need: the admins of at most this many verified organizations of its county. */
export const VERIFYING_ORGS_TOLD = 10;
/** At most this many admins of one organization are told of an offer, a closed offer or a rating. */
export const ADMINS_TOLD = 20;

export function needOf(db: Database | Tx, id: string): Promise<HelpRequestDoc | null> {
  return getOrNull<HelpRequestDoc>(db, HELP_REQUESTS, id);
}

export function orgOf(db: Database | Tx, orgId: string): Promise<OrganizationDoc | null> {
  return getOrNull<OrganizationDoc>(db, 'organizations', orgId);
}

export async function tallyOf(t: Tx | Database, userId: string): Promise<RequesterTally & { exists: boolean }> {
  const doc = await getOrNull<RequesterTallyDoc>(t, HELP_REQUESTERS, userId);
  return { exists: doc !== null, awaiting: doc?.awaiting ?? 0, rejectedAt: (doc?.rejectedAt ?? []).map((d) => new Date(d)) };
}

export interface Parts {
  userId: string;
  roles: Set<HelpRole>;
}

/**
 * The caller's parts towards `need`: `asOrgId` (verify) makes them a region organization's admin when that
 * organization is verified, of the need's county, and theirs; `orgId` (answerOffer) an offered one's when the need is
 * offered to it; the accepting organization's admins are found from the need itself.
 */
export async function partsOf(ctx: ActionContext, need: HelpRequestDoc, options: { asOrgId?: string; orgId?: string } = {}): Promise<Parts> {
  const userId = userIdOf(ctx.caller.openid);
  const roles = new Set<HelpRole>();
  if (need.requesterUserId === userId) roles.add('requester');
  if (isPlatformAdmin(ctx)) roles.add('platformAdmin');
  if (options.asOrgId) {
    const org = await orgOf(ctx.db, options.asOrgId);
    if (org?.status === 'verified' && org.regionCode === need.regionCode && (await isOrgAdmin(ctx.db, org._id, userId))) roles.add('regionOrgAdmin');
  }
  if (options.orgId && need.wave.includes(options.orgId) && (await isOrgAdmin(ctx.db, options.orgId, userId))) roles.add('offeredOrgAdmin');
  const accepting = need.acceptedBy?.orgId;
  if (accepting && (options.orgId === undefined || options.orgId === accepting) && (await isOrgAdmin(ctx.db, accepting, userId))) roles.add('acceptedOrgAdmin');
  if (roles.size === 0) roles.add('other');
  return { userId, roles };
}

/** The platform admins' user ids (PLATFORM_ADMIN_OPENIDS). */
export function platformAdminIds(env: NodeJS.ProcessEnv): string[] {
  return [...platformAdminOpenids(env)].map(userIdOf);
}

/** Verified organizations of a county (index status_regionPrefixes_createdAt), at most `limit`. */
export function verifiedOrgsOf(db: Database, regionCode: string, limit: number): Promise<OrganizationDoc[]> {
  return rows<OrganizationDoc>(db.collection('organizations').where({ status: 'verified', regionPrefixes: regionCode }).orderBy('createdAt', 'desc').limit(limit));
}

/** Who is told a need waits: the platform admins and the admins of the county's verified organizations (bounded). */
export async function verifiersOf(ctx: ActionContext, regionCode: string): Promise<string[]> {
  const orgs = await verifiedOrgsOf(ctx.db, regionCode, VERIFYING_ORGS_TOLD);
  const admins = await Promise.all(orgs.map((o) => activeAdminIds(ctx.db, o._id)));
  return [...new Set([...platformAdminIds(ctx.env), ...admins.flatMap((a) => a.slice(0, ADMINS_TOLD))])];
}

/** Admins of each organization, at most ADMINS_TOLD each. */
export async function adminsOf(db: Database, orgIds: readonly string[]): Promise<Map<string, string[]>> {
  const lists = await Promise.all(orgIds.map(async (orgId) => [orgId, (await activeAdminIds(db, orgId)).slice(0, ADMINS_TOLD)] as const));
  return new Map(lists);
}

interface Near {
  longitude: number;
  latitude: number;
}

/**
 * Active responders near the need (geoNear on base, index base_active), at most RESPONDERS_READ within
 * RESPONDER_REACH_KM, kept only while their organization is verified: the ranking's input, with the names.
 */
export async function respondersNear(db: Database, near: Near): Promise<{ facts: ResponderFacts[]; names: Map<string, string> }> {
  const found = (await db
    .collection(HELP_RESPONDERS)
    .aggregate()
    .geoNear({
      near: db.Geo.Point(near.longitude, near.latitude),
      spherical: true,
      distanceField: 'distanceM',
      key: 'base',
      maxDistance: RESPONDER_REACH_KM * 1000,
      query: { active: true },
    })
    .limit(RESPONDERS_READ)
    .end()) as unknown as { list: ResponderDoc[] };
  const orgs = await byIds<OrganizationDoc>(db, 'organizations', found.list.map((r) => r._id));
  const verified = found.list.filter((r) => orgs.get(r._id)?.status === 'verified');
  return {
    facts: verified.map((r) => ({ orgId: r._id, categories: r.categories, base: lngLatOf(r.base), openNeeds: r.openNeeds })),
    names: new Map(verified.map((r) => [r._id, orgs.get(r._id)!.name])),
  };
}

/** Willing volunteers within `maxKm` of the need, nearest first (geoNear on near, index near), at most 100. */
export async function willingNear(db: Database, near: Near, maxKm: number): Promise<Array<WillingDoc & { distanceM: number }>> {
  const found = (await db
    .collection(HELP_WILLING)
    .aggregate()
    .geoNear({ near: db.Geo.Point(near.longitude, near.latitude), spherical: true, distanceField: 'distanceM', key: 'near', maxDistance: maxKm * 1000 })
    .limit(PAGE)
    .end()) as unknown as { list: Array<WillingDoc & { distanceM: number }> };
  return found.list;
}

export function responderOf(db: Database | Tx, orgId: string): Promise<ResponderDoc | null> {
  return getOrNull<ResponderDoc>(db, HELP_RESPONDERS, orgId);
}

/** A list read of helpRequests: newest submitted first, at most 100. */
export function needsWhere(db: Database, where: Record<string, unknown>, direction: 'asc' | 'desc' = 'desc'): Promise<HelpRequestDoc[]> {
  return rows<HelpRequestDoc>(db.collection(HELP_REQUESTS).where(where).orderBy('submittedAt', direction).limit(PAGE));
}

/** 我的求助 lists at most this many reveals of a need's phone, the newest, and says how many in all. */
export const CONTACT_VIEWS_SHOWN = 20;

/**
 * The id of the reveal record help.contact writes: from the frame's request (its `requests` id: caller, action and
 * request id), so a retried request finds its record and writes nothing more; without a request id, the need and the
 * reveal's number (the need's count before it plus one), so two reveals at once conflict on one id and both count.
 */
export function contactViewIdOf(need: Pick<HelpRequestDoc, '_id' | 'contactViewCount'>): string {
  const request = currentRequest();
  const source = request ? `request\n${request.id}` : `need\n${need._id}\n${(need.contactViewCount ?? 0) + 1}`;
  return `cv_${createHash('sha256').update(`help-contact-view\n${source}`, 'utf8').digest('hex').slice(0, 40)}`;
}

/** The newest reveals of one need's phone (index helpRequestId_at), at most `limit`. */
export function newestContactViews(db: Database, helpRequestId: string, limit = CONTACT_VIEWS_SHOWN): Promise<ContactViewDoc[]> {
  return rows<ContactViewDoc>(db.collection(HELP_CONTACT_VIEWS).where({ helpRequestId }).orderBy('at', 'desc').orderBy('_id', 'desc').limit(limit));
}
