// organization.acceptInvite — accepting makes the caller an active admin, uses up the code and tells the inviter, all
// in one transaction: two people accepting one code at once give exactly one admin.
import { getOrNull, inTransaction, Rollback } from '../_shared/db/db';
import { registeredVolunteer } from '../_shared/db/people';
import { membershipId, type MembershipDoc } from '../_shared/documents/membership';
import type { InvitationDoc, OrganizationDoc } from '../_shared/documents/organization';
import { action, type Answer } from '../_shared/frame/action';
import { ok, refusal } from '../_shared/frame/envelope';
import { failWith, notRegistered } from '../_shared/messages/answers';
import { inviteAccepted } from '../_shared/messages/notifications';
import { enqueue } from '../_shared/messages/outbox';
import { checkInvitation, normaliseInviteCode } from './rules';
import { acceptInviteSchema } from './schemas';
import { badInviteCode, inviteOrganizationGone, isActiveAdmin } from './view';

type AcceptAnswer = Answer<'organization', 'acceptInvite'>;

export const acceptInvite = action('organization', 'acceptInvite', acceptInviteSchema, async (req, ctx) => {
  const me = await registeredVolunteer(ctx);
  if (!me) return notRegistered();
  const code = normaliseInviteCode(req.code);
  if (!code) return badInviteCode();

  return inTransaction<AcceptAnswer, AcceptAnswer>(ctx.db, async (t) => {
    // Both accepts of one code write the invitation: one conflicts, runs again, and then finds the code used.
    const invite = await getOrNull<InvitationDoc>(t, 'invitations', code);
    const check = checkInvitation(invite, me.userId, ctx.now);
    if (!check.ok) throw new Rollback(refusal(check));
    const org = await getOrNull<OrganizationDoc>(t, 'organizations', invite!.orgId);
    // A dissolved organization takes no new admins, whatever invitation was made before.
    if (!org || org.status === 'dissolved') throw new Rollback(inviteOrganizationGone());
    const answer = ok({ orgId: org._id, name: org.name, role: 'admin' as const });
    if (check.value === 'alreadyMine') return answer; // a retry of my own accepted invitation

    const id = membershipId(org._id, me.userId);
    const existing = await getOrNull<MembershipDoc>(t, 'memberships', id);
    if (isActiveAdmin(existing)) throw new Rollback(failWith('ALREADY_ADMIN'));
    const admin: Omit<MembershipDoc, '_id'> = {
      orgId: org._id,
      userId: me.userId,
      role: 'admin',
      status: 'active',
      requestCount: existing?.requestCount ?? 0,
      requestedAt: existing?.requestedAt ?? ctx.now,
      // A member who becomes an admin keeps the date they joined.
      since: existing?.status === 'active' && existing.since ? existing.since : ctx.now,
      decidedAt: ctx.now,
      decidedBy: invite!.createdBy,
    };
    await t.collection('memberships').doc(id).set({ data: admin });
    await t.collection('invitations').doc(code).update({ data: { usedAt: ctx.now, usedBy: me.userId } });
    // A change of the admin set (organization/store.ts activeAdminIds).
    await t.collection('organizations').doc(org._id).update({ data: { adminsChangedAt: ctx.now } });
    await enqueue(
      t,
      inviteAccepted({
        org: { orgId: org._id, name: org.name },
        inviterUserId: invite!.createdBy,
        code,
        newAdminName: me.volunteer.name,
        newAdminUserId: me.userId,
      }),
      ctx.now,
    );
    return answer;
  });
});
