// organization.mine — the organizations I belong to or have asked to join.
import type { MyOrganizationsResponse } from '../../typings/organization';
import { action, noPayload } from '../_shared/action';
import { ok } from '../_shared/envelope';
import { userIdOf } from '../_shared/ids';
import type { MembershipDoc } from '../_shared/people';
import type { OrganizationDoc } from './org-doc';
import { allRows, QUERY_LIMIT, rows } from './people';
import { organizationSummary, relationOf } from './view';


export const mine = action<Record<string, never>, MyOrganizationsResponse>(noPayload, async (_req, ctx) => {
  const userId = userIdOf(ctx.caller.openid);
  const _ = ctx.db.command;
  const memberships = await allRows<MembershipDoc>(
    ctx.db.collection('memberships').where({ userId, status: _.in(['active', 'pending']) }),
  );
  const orgs = new Map<string, OrganizationDoc>();
  const orgIds = memberships.map((m) => m.orgId);
  for (let i = 0; i < orgIds.length; i += QUERY_LIMIT) {
    const found = await rows<OrganizationDoc>(
      ctx.db.collection('organizations').where({ _id: _.in(orgIds.slice(i, i + QUERY_LIMIT)) }).limit(QUERY_LIMIT),
    );
    for (const o of found) orgs.set(o._id, o);
  }
  const organizations = memberships
    .filter((m) => orgs.has(m.orgId))
    .sort((a, b) => (a.status === b.status ? (a.role === b.role ? 0 : a.role === 'admin' ? -1 : 1) : a.status === 'active' ? -1 : 1))
    .map((m) => ({ ...organizationSummary(orgs.get(m.orgId)!), role: relationOf(m).myRole, membership: m.status }));
  return ok({ organizations });
});
