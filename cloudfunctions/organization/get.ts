// organization.get — an organization's page. Anyone sees the public summary of a verified organization; its active
// admins also see the contact, the members and the join requests. The caller's role comes from data, never the event.
import { z } from 'zod';
import type { GetOrganizationRequest, OrganizationDetail } from '../../typings/organization';
import { action } from '../_shared/action';
import { getOrNull } from '../_shared/db';
import { fail, ok } from '../_shared/envelope';
import { userIdOf } from '../_shared/ids';
import { isPlatformAdmin, membershipOf, type MembershipDoc } from '../_shared/people';
import type { OrganizationDoc } from './org-doc';
import { allRows, peopleByUserId } from './people';
import { isActiveAdmin, mayView, organizationDetail, type AdminPart } from './view';

const schema = z.object({ orgId: z.string().min(1).max(64) }).strict();

export const get = action<GetOrganizationRequest, OrganizationDetail>(schema, async (req, ctx) => {
  const userId = userIdOf(ctx.caller.openid);
  const [org, mine] = await Promise.all([
    getOrNull<OrganizationDoc>(ctx.db, 'organizations', req.orgId),
    membershipOf(ctx.db, req.orgId, userId),
  ]);
  const admin = isActiveAdmin(mine);
  const platformAdmin = isPlatformAdmin(ctx);
  if (!org || !mayView(org, admin, platformAdmin)) return fail('NOT_FOUND', '没有找到这个组织，可能尚未通过认证');
  return ok(
    organizationDetail(org, mine, {
      showReview: admin || platformAdmin,
      ...(admin ? { admin: await adminPart(ctx.db, org._id) } : {}),
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
