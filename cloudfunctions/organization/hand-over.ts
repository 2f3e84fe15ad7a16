// organization.handOver — an admin offers the admin role to an active member; it takes effect when that member
// accepts (acceptHandOver). One offer at a time per organization: a new offer replaces the previous one.
import { getOrNull, inTransaction, Rollback } from '../_shared/db/db';
import { registeredVolunteer } from '../_shared/db/people';
import { membershipId, type MembershipDoc } from '../_shared/documents/membership';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { action, type Answer } from '../_shared/frame/action';
import { ok, refusal } from '../_shared/frame/envelope';
import { notRegistered } from '../_shared/messages/answers';
import { handOverOffered } from '../_shared/messages/notifications';
import { enqueue } from '../_shared/messages/outbox';
import { checkHandOver } from './rules';
import { handOverSchema } from './schemas';

type HandOverAnswer = Answer<'organization', 'handOver'>;

export const handOver = action('organization', 'handOver', handOverSchema, async (req, ctx) => {
  const me = await registeredVolunteer(ctx);
  if (!me) return notRegistered();
  return inTransaction<HandOverAnswer, HandOverAnswer>(ctx.db, async (t) => {
    const org = await getOrNull<OrganizationDoc>(t, 'organizations', req.orgId);
    const giver = await getOrNull<MembershipDoc>(t, 'memberships', membershipId(req.orgId, me.userId));
    const recipient = await getOrNull<MembershipDoc>(t, 'memberships', membershipId(req.orgId, req.userId));
    const allowed = checkHandOver(org, giver, recipient);
    if (!allowed.ok) throw new Rollback(refusal(allowed));
    await t.collection('organizations').doc(req.orgId).update({
      data: { handOver: { from: me.userId, to: req.userId, offeredAt: ctx.now }, adminsChangedAt: ctx.now, updatedAt: ctx.now },
    });
    await enqueue(
      t,
      handOverOffered({ org: { orgId: org!._id, name: org!.name }, toUserId: req.userId, fromUserId: me.userId, fromName: me.volunteer.name, offeredAt: ctx.now }),
      ctx.now,
    );
    return ok({ orgId: req.orgId, toUserId: req.userId });
  });
});
