// organization.mine — the organizations I belong to or have asked to join.
import { everyRow, PAGE, rows } from '../_shared/db/paging';
import { userIdOf } from '../_shared/documents/ids';
import type { MembershipDoc } from '../_shared/documents/membership';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { action, noPayload } from '../_shared/frame/action';
import { ok } from '../_shared/frame/envelope';
import { organizationSummary, relationOf } from './view';

export const mine = action('organization', 'mine', noPayload, async (_req, ctx) => {
  const userId = userIdOf(ctx.caller.openid);
  const _ = ctx.db.command;
  const memberships = await everyRow<MembershipDoc>(ctx.db, 'memberships', { userId, status: _.in(['active', 'pending']) });
  const orgs = new Map<string, OrganizationDoc>();
  const orgIds = memberships.map((m) => m.orgId);
  for (let i = 0; i < orgIds.length; i += PAGE) {
    const found = await rows<OrganizationDoc>(
      ctx.db.collection('organizations').where({ _id: _.in(orgIds.slice(i, i + PAGE)) }).limit(PAGE),
    );
    for (const o of found) orgs.set(o._id, o);
  }
  const organizations = memberships
    .filter((m) => orgs.has(m.orgId))
    .sort((a, b) => (a.status === b.status ? (a.role === b.role ? 0 : a.role === 'admin' ? -1 : 1) : a.status === 'active' ? -1 : 1))
    .map((m) => ({ ...organizationSummary(orgs.get(m.orgId)!), role: relationOf(m).myRole, membership: m.status }));
  return ok({ organizations });
});
