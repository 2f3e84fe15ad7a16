// organization.get — an organization's page. Anyone sees the public summary of a verified organization; its active
// admins also see the contact, the members and the join requests. The caller's role comes from data, never the event.
import { getOrNull } from '../_shared/db/db';
import { allRows } from '../_shared/db/paging';
import { isPlatformAdmin, membershipOf } from '../_shared/db/people';
import { userIdOf } from '../_shared/documents/ids';
import type { MembershipDoc } from '../_shared/documents/membership';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { action } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { getSchema } from './schemas';
import { peopleByUserId } from './store';
import { isActiveAdmin, mayView, organizationDetail, type AdminPart } from './view';
import { failWith } from '../_shared/messages/answers';

export const get = action('organization', 'get', getSchema, async (req, ctx) => {
  const userId = userIdOf(ctx.caller.openid);
  const [org, mine] = await Promise.all([
    getOrNull<OrganizationDoc>(ctx.db, 'organizations', req.orgId),
    membershipOf(ctx.db, req.orgId, userId),
  ]);
  const admin = isActiveAdmin(mine);
  const platformAdmin = isPlatformAdmin(ctx);
  if (!org || !mayView(org, admin, platformAdmin)) return failWith('NOT_FOUND');
  const handOverTo = org.handOver ? (await peopleByUserId(ctx.db, [org.handOver.to])).get(org.handOver.to) : undefined;
  return ok(
    organizationDetail(org, mine, {
      showReview: admin || platformAdmin,
      ...(admin ? { admin: await adminPart(ctx.db, org._id) } : {}),
      handOverTo,
      callerUserId: userId,
    }),
  );
});

async function adminPart(db: Parameters<typeof peopleByUserId>[0], orgId: string): Promise<AdminPart> {
  const memberships = db.collection('memberships');
  const [members, joinRequests] = await Promise.all([
    allRows<MembershipDoc>(memberships.where({ orgId, status: 'active' })),
    allRows<MembershipDoc>(memberships.where({ orgId, status: 'pending' })),
  ]);
  const people = await peopleByUserId(db, [...members, ...joinRequests].map((m) => m.userId));
  return { members, joinRequests, people };
}
