// organization.decideJoin — an active admin of the organization approves a join request (an active member) or
// declines it (with an optional reason); the requester is told from the same transaction. Decided once; the same
// decision again answers the same status without a write.
import { getOrNull, inTransaction, Rollback } from '../_shared/db/db';
import { userIdOf } from '../_shared/documents/ids';
import { membershipId, type MembershipDoc } from '../_shared/documents/membership';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { action, type Answer } from '../_shared/frame/action';
import { fail, ok, refusal } from '../_shared/frame/envelope';
import { joinDecided } from '../_shared/messages/notifications';
import { enqueue } from '../_shared/messages/outbox';
import { joinOutcome } from './rules';
import { decideJoinSchema } from './schemas';
import { isActiveAdmin } from './view';
import { FORBIDDEN_MESSAGES } from '../_shared/messages/answers';

type DecideJoinAnswer = Answer<'organization', 'decideJoin'>;

export const decideJoin = action('organization', 'decideJoin', decideJoinSchema, async (req, ctx) => {
  const adminUserId = userIdOf(ctx.caller.openid);
  const org = await getOrNull<OrganizationDoc>(ctx.db, 'organizations', req.orgId);
  const reason = req.decision === 'decline' ? req.reason?.replace(/\s+/g, ' ').trim() || undefined : undefined;

  return inTransaction<DecideJoinAnswer, DecideJoinAnswer>(ctx.db, async (t) => {
    // The caller's role in THIS organization, read in the transaction that acts on it.
    const mine = await getOrNull<MembershipDoc>(t, 'memberships', membershipId(req.orgId, adminUserId));
    if (!org || !isActiveAdmin(mine)) throw new Rollback(fail('FORBIDDEN', FORBIDDEN_MESSAGES.decideJoin));
    const request = await getOrNull<MembershipDoc>(t, 'memberships', membershipId(org._id, req.userId));
    const outcome = joinOutcome(request, req.decision);
    if (!outcome.ok) throw new Rollback(refusal(outcome));
    if (!outcome.value.apply) return ok({ status: outcome.value.status });

    const decided = { decidedAt: ctx.now, decidedBy: adminUserId };
    await t.collection('memberships').doc(request!._id).update({
      data:
        req.decision === 'approve'
          ? { status: 'active', role: 'member', since: ctx.now, ...decided }
          : { status: 'declined', ...decided, ...(reason ? { declineReason: reason } : {}) },
    });
    await enqueue(
      t,
      joinDecided({
        org: { orgId: org._id, name: org.name },
        requesterUserId: request!.userId,
        decision: req.decision,
        ...(reason ? { reason } : {}),
        requestCount: request!.requestCount,
      }),
      ctx.now,
    );
    return ok({ status: outcome.value.status });
  });
});
