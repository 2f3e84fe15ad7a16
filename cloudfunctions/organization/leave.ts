// organization.leave — a member leaves; an admin leaves only while another active admin remains (rules.ts
// checkLeave), so a live organization is never left with nobody to decide its join requests. Every change of the
// admin set writes the organization document, so two last-but-one admins leaving at once conflict: the one that
// runs again counts one admin left and is refused.
import { getOrNull, inTransaction, Rollback } from '../_shared/db/db';
import { userIdOf } from '../_shared/documents/ids';
import { membershipId, type MembershipDoc } from '../_shared/documents/membership';
import type { OrganizationDoc } from '../_shared/documents/organization';
import { action, type Answer } from '../_shared/frame/action';
import { ok, refusal } from '../_shared/frame/envelope';
import { checkLeave } from './rules';
import { orgSchema } from './schemas';
import { activeAdminIds } from './store';

type LeaveAnswer = Answer<'organization', 'leave'>;

export const leave = action('organization', 'leave', orgSchema, async (req, ctx) => {
  const userId = userIdOf(ctx.caller.openid);
  const id = membershipId(req.orgId, userId);
  return inTransaction<LeaveAnswer, LeaveAnswer>(ctx.db, async (t) => {
    const org = await getOrNull<OrganizationDoc>(t, 'organizations', req.orgId);
    const mine = await getOrNull<MembershipDoc>(t, 'memberships', id);
    const admins = org && mine?.role === 'admin' ? (await activeAdminIds(ctx.db, org._id)).length : 0;
    const allowed = checkLeave(org, mine, admins);
    if (!allowed.ok) throw new Rollback(refusal(allowed));
    await t.collection('memberships').doc(id).remove();
    const handOverEnds = org!.handOver && (org!.handOver.to === userId || org!.handOver.from === userId);
    if (allowed.value.wasAdmin || handOverEnds) {
      await t.collection('organizations').doc(org!._id).update({
        data: { adminsChangedAt: ctx.now, updatedAt: ctx.now, ...(handOverEnds ? { handOver: null } : {}) },
      });
    }
    return ok({ orgId: org!._id });
  });
});
