// organization.acceptHandOver — the member offered the admin role accepts it: they become an admin and the admin who
// offered it an ordinary member (who may then leave or delete their account), in one transaction with the message
// to the former admin. Accepting twice — two taps, two devices at once — makes one change: both write the
// organization, the second runs again and finds the offer gone and itself an admin, and answers the same.
import { getOrNull, inTransaction, Rollback } from '../_shared/db/db';
import { registeredVolunteer } from '../_shared/db/people';
import { membershipId, type MembershipDoc } from '../_shared/documents/membership';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { action, type Answer } from '../_shared/frame/action';
import { ok, refusal } from '../_shared/frame/envelope';
import { notRegistered } from '../_shared/messages/answers';
import { handOverAccepted } from '../_shared/messages/notifications';
import { enqueue } from '../_shared/messages/outbox';
import { checkAcceptHandOver } from './rules';
import { orgSchema } from './schemas';

type AcceptAnswer = Answer<'organization', 'acceptHandOver'>;

export const acceptHandOver = action('organization', 'acceptHandOver', orgSchema, async (req, ctx) => {
  const me = await registeredVolunteer(ctx);
  if (!me) return notRegistered();
  const answer = ok({ orgId: req.orgId, role: 'admin' as const });
  return inTransaction<AcceptAnswer, AcceptAnswer>(ctx.db, async (t) => {
    const org = await getOrNull<OrganizationDoc>(t, 'organizations', req.orgId);
    const mine = await getOrNull<MembershipDoc>(t, 'memberships', membershipId(req.orgId, me.userId));
    const check = checkAcceptHandOver(org, mine, me.userId);
    if (!check.ok) throw new Rollback(refusal(check));
    if (!check.value.apply) return answer;
    const offer = org!.handOver!;
    await t.collection('memberships').doc(mine!._id).update({ data: { role: 'admin', decidedAt: ctx.now, decidedBy: 'handOver' } });
    const giverId = membershipId(req.orgId, offer.from);
    const giver = await getOrNull<MembershipDoc>(t, 'memberships', giverId);
    if (giver?.status === 'active' && giver.role === 'admin') await t.collection('memberships').doc(giverId).update({ data: { role: 'member' } });
    await t.collection('organizations').doc(req.orgId).update({ data: { handOver: null, adminsChangedAt: ctx.now, updatedAt: ctx.now } });
    await enqueue(
      t,
      handOverAccepted({ org: { orgId: org!._id, name: org!.name }, fromUserId: offer.from, toUserId: me.userId, toName: me.volunteer.name, offeredAt: new Date(offer.offeredAt) }),
      ctx.now,
    );
    return answer;
  });
});
