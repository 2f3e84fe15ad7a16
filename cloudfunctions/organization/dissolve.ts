// organization.dissolve — an admin ends the organization: it is no longer public and takes no join requests
// (mayView and requestJoin ask for `verified`), its USCC is released, and every member and pending requester is told,
// in the transaction that dissolves it. Its memberships and records are kept (service records outlive it).
import { getOrNull, inTransaction, Rollback } from '../_shared/db/db';
import { everyRow } from '../_shared/db/paging';
import { userIdOf } from '../_shared/documents/ids';
import { membershipId, type MembershipDoc } from '../_shared/documents/membership';
import type { ApplicationEventDoc, OrganizationDoc } from '../_shared/documents/organization';
import { action, type Answer } from '../_shared/frame/action';
import { fail, ok } from '../_shared/frame/envelope';
import { failWith, FORBIDDEN_ORG_MESSAGES } from '../_shared/messages/answers';
import { organizationDissolved } from '../_shared/messages/notifications';
import { enqueue } from '../_shared/messages/outbox';
import { releaseCode } from './application';
import { orgSchema } from './schemas';
import { isActiveAdmin } from './view';

type DissolveAnswer = Answer<'organization', 'dissolve'>;

export const dissolve = action('organization', 'dissolve', orgSchema, async (req, ctx) => {
  const userId = userIdOf(ctx.caller.openid);
  const answer = ok({ orgId: req.orgId, status: 'dissolved' as const });
  return inTransaction<DissolveAnswer, DissolveAnswer>(ctx.db, async (t) => {
    const org = await getOrNull<OrganizationDoc>(t, 'organizations', req.orgId);
    if (!org) throw new Rollback(failWith('NOT_FOUND'));
    const mine = await getOrNull<MembershipDoc>(t, 'memberships', membershipId(req.orgId, userId));
    if (!isActiveAdmin(mine)) throw new Rollback(fail('FORBIDDEN', FORBIDDEN_ORG_MESSAGES.dissolve));
    if (org.status === 'dissolved') return answer;
    const event: ApplicationEventDoc = { event: 'dissolved', at: ctx.now, by: userId };
    await t.collection('organizations').doc(org._id).update({
      data: { status: 'dissolved', dissolvedAt: ctx.now, handOver: null, history: [...(org.history ?? []), event], adminsChangedAt: ctx.now, updatedAt: ctx.now },
    });
    await releaseCode(t, org.uscc, org._id);
    const _ = ctx.db.command;
    const people = await everyRow<MembershipDoc>(ctx.db, 'memberships', { orgId: org._id, status: _.in(['active', 'pending']) });
    for (const p of people) {
      if (p.userId !== userId) await enqueue(t, organizationDissolved({ org: { orgId: org._id, name: org.name }, recipientUserId: p.userId }), ctx.now);
    }
    return answer;
  });
});
