// organization.reviewQueue — verification by a platform admin (RULES §2): the applications waiting, oldest first so
// nobody waits behind later ones (index status_createdAt_id), a page at a time with a cursor on that order (never skip),
// and on the first page the oldest waiting USCC claims with short signed links to their evidence. Each item carries
// the alike names found when it was submitted and its earlier decisions. Platform admins come from configuration
// (PLATFORM_ADMIN_OPENIDS), never from the event.
import { rows } from '../_shared/db/paging';
import { isPlatformAdmin } from '../_shared/db/people';
import { userIdOf } from '../_shared/documents/ids';
import type { MembershipDoc } from '../_shared/documents/membership';
import type { OrganizationDoc } from '../_shared/documents/organization';
import type { OrganizationClaimDoc } from '../_shared/documents/organization-claim';
import { action } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { BAD_REQUEST_MESSAGES } from '../_shared/messages/answers';
import { reviewQueueSchema } from './schemas';
import { activeAdminIds, peopleByUserId } from './store';
import { claimQueueItem, decodeQueueCursor, encodeQueueCursor, notPlatformAdmin, reviewQueueItem } from './view';
import { getOrNull } from '../_shared/db/db';

/** ≤ 20 items and ≤ 20 KB a page: an item with five alike names and its history is under 1.2 KB. */
export const QUEUE_PAGE = 15;
export const CLAIMS_ON_FIRST_PAGE = 3;
/** Reviewers' links to evidence live ten minutes (storage's default for private files). */
export const EVIDENCE_LINK_SECONDS = 600;

export const reviewQueue = action('organization', 'reviewQueue', reviewQueueSchema, async (req, ctx) => {
  if (!isPlatformAdmin(ctx)) return notPlatformAdmin();
  const reviewer = userIdOf(ctx.caller.openid);
  const _ = ctx.db.command;
  const cursor = req.cursor ? decodeQueueCursor(req.cursor) : null;
  if (req.cursor && !cursor) return fail('BAD_REQUEST', BAD_REQUEST_MESSAGES.cursor);
  const organizations = ctx.db.collection('organizations');
  // Ties on createdAt are read again from the cursor's instant and dropped here by _id, so no item is skipped.
  const page = await rows<OrganizationDoc>(
    organizations
      .where(cursor ? { status: 'pending', createdAt: _.gte(cursor.createdAt) } : { status: 'pending' })
      .orderBy('createdAt', 'asc')
      .orderBy('_id', 'asc')
      .limit(QUEUE_PAGE + 1 + (cursor ? 5 : 0)),
  );
  const after = cursor
    ? page.filter((o) => {
        const at = new Date(o.createdAt).getTime();
        return at > cursor.createdAt.getTime() || (at === cursor.createdAt.getTime() && o._id > cursor.id);
      })
    : page;
  const items = after.slice(0, QUEUE_PAGE);
  const last = items[items.length - 1];
  const nextCursor = after.length > QUEUE_PAGE && last ? encodeQueueCursor(new Date(last.createdAt), last._id) : null;

  const claims = cursor
    ? []
    : await rows<OrganizationClaimDoc>(ctx.db.collection('organizationClaims').where({ status: 'pending' }).orderBy('createdAt', 'asc').limit(CLAIMS_ON_FIRST_PAGE));
  const claimsWaiting =
    cursor || claims.length < CLAIMS_ON_FIRST_PAGE
      ? claims.length
      : ((await ctx.db.collection('organizationClaims').where({ status: 'pending' }).count()) as unknown as { total: number }).total;

  const people = await peopleByUserId(ctx.db, [...items.map((o) => o.createdBy), ...claims.map((c) => c.claimantUserId)]);
  // The reviewer's own organizations, once: they may not decide those (four-eyes).
  const administered = new Set(
    (await rows<MembershipDoc>(ctx.db.collection('memberships').where({ userId: reviewer, status: 'active' }).limit(100)))
      .filter((m) => m.role === 'admin')
      .map((m) => m.orgId),
  );
  const claimItems = await Promise.all(
    claims.map(async (c) => {
      const holder = await getOrNull<OrganizationDoc>(ctx.db, 'organizations', c.holderOrgId);
      const admins = holder ? await activeAdminIds(ctx.db, holder._id) : [];
      const links = c.evidenceFileIds.length
        ? ((await ctx.cloud.getTempFileURL({ fileList: c.evidenceFileIds.map((fileID) => ({ fileID, maxAge: EVIDENCE_LINK_SECONDS })) })) as { fileList: Array<{ tempFileURL: string }> }).fileList
        : [];
      return claimQueueItem(c, holder, admins.length, people.get(c.claimantUserId), links.map((l) => l.tempFileURL), EVIDENCE_LINK_SECONDS, c.claimantUserId === reviewer || admins.includes(reviewer));
    }),
  );
  const queueItems = items.map((o) => reviewQueueItem(o, people.get(o.createdBy), o.createdBy === reviewer || administered.has(o._id)));
  return ok({ items: queueItems, nextCursor, claims: claimItems, claimsWaiting });
});
