// organization.get — an organization's page. Anyone sees the public summary of a verified organization; its active
// admins also see the contact and the first page of its members and of its join requests (organization.members and
// organization.joinRequests give the rest), so the page's first answer stays small however large the organization.
// The caller's role comes from data, never the event.
import { getOrNull } from '../_shared/db/db';
import { isPlatformAdmin, membershipOf } from '../_shared/db/people';
import { userIdOf } from '../_shared/documents/ids';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { action } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { getSchema } from './schemas';
import { encodeMemberCursor, encodeRequestCursor, joinRequestPage, memberPage, peopleByUserId } from './store';
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
  const [members, requests] = await Promise.all([memberPage(db, orgId, null), joinRequestPage(db, orgId, null)]);
  const people = await peopleByUserId(db, [...members.members, ...requests.joinRequests].map((m) => m.userId));
  return {
    members: members.members,
    joinRequests: requests.joinRequests,
    people,
    ...(members.next ? { membersNext: encodeMemberCursor(members.next) } : {}),
    ...(requests.next ? { joinRequestsNext: encodeRequestCursor(requests.next) } : {}),
  };
}
