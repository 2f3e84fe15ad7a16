// organization.createInvite / organization.acceptInvite — admins invite other admins with a code that expires
// after 72 hours and works once. Accepting makes the caller an active admin, uses up the code and tells the
// inviter, all in one transaction: two people accepting one code at once give exactly one admin.
import { z } from 'zod';
import type { Envelope } from '../../typings/envelope';
import type {
  AcceptInviteRequest,
  AcceptInviteResponse,
  CreateInviteRequest,
  CreateInviteResponse,
  InviteInfoRequest,
  InviteInfoResponse,
} from '../../typings/organization';
import { action } from '../_shared/action';
import { getOrNull, inTransaction, isDuplicateKeyError, Rollback } from '../_shared/db';
import { fail, ok } from '../_shared/envelope';
import { userIdOf } from '../_shared/ids';
import { inviteAccepted } from '../_shared/notifications';
import { enqueue } from '../_shared/outbox';
import { membershipId, membershipOf, type MembershipDoc } from '../_shared/people';
import { checkInvitation } from './decisions';
import { generateInviteCode, inviteExpiry, invitePath, normaliseInviteCode } from './invite-code';
import type { InvitationDoc, OrganizationDoc } from './org-doc';
import { notRegistered, registeredVolunteer } from './people';
import { isActiveAdmin } from './view';

const createSchema = z.object({ orgId: z.string().min(1).max(64) }).strict();

export const createInvite = action<CreateInviteRequest, CreateInviteResponse>(createSchema, async (req, ctx) => {
  const userId = userIdOf(ctx.caller.openid);
  const [org, mine] = await Promise.all([
    getOrNull<OrganizationDoc>(ctx.db, 'organizations', req.orgId),
    membershipOf(ctx.db, req.orgId, userId),
  ]);
  if (!org) return fail('NOT_FOUND', '没有找到这个组织');
  if (!isActiveAdmin(mine)) return fail('FORBIDDEN', '只有该组织的管理员可以邀请管理员');
  if (org.status !== 'verified') return fail('NOT_VERIFIED', '组织通过平台认证后才能邀请其他管理员');

  const expiresAt = inviteExpiry(ctx.now);
  // 32^8 codes: a collision is rare; the _id (the code) is unique, so a clash just draws again.
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = generateInviteCode();
    const invitation: InvitationDoc = {
      _id: code,
      orgId: org._id,
      role: 'admin',
      createdBy: userId,
      createdAt: ctx.now,
      expiresAt,
      usedAt: null,
      usedBy: null,
    };
    try {
      await ctx.db.collection('invitations').add({ data: invitation });
    } catch (e) {
      if (isDuplicateKeyError(e)) continue;
      throw e;
    }
    return ok({ code, validUntil: expiresAt.toISOString(), sharePath: invitePath(code) });
  }
  throw new Error('createInvite: no free invitation code after 5 draws');
});

const acceptSchema = z.object({ code: z.string().max(32) }).strict();

/** The landing page of a share card shows which organization invites before anyone accepts (or registers). */
export const inviteInfo = action<InviteInfoRequest, InviteInfoResponse>(acceptSchema, async (req, ctx) => {
  const code = normaliseInviteCode(req.code);
  if (!code) return fail('INVITE_INVALID', '邀请码应为8位字母或数字，请核对后重试');
  const invite = await getOrNull<InvitationDoc>(ctx.db, 'invitations', code);
  const check = checkInvitation(invite, userIdOf(ctx.caller.openid), ctx.now);
  if (!check.ok) return fail(check.code, check.message);
  const org = await getOrNull<OrganizationDoc>(ctx.db, 'organizations', invite!.orgId);
  if (!org) return fail('INVITE_INVALID', '邀请所属的组织已不存在');
  return ok({
    orgId: org._id,
    name: org.name,
    regionNames: org.regionNames,
    validUntil: new Date(invite!.expiresAt).toISOString(),
    state: check.value === 'alreadyMine' ? ('mine' as const) : ('usable' as const),
  });
});

export const acceptInvite = action<AcceptInviteRequest, AcceptInviteResponse>(acceptSchema, async (req, ctx) => {
  const me = await registeredVolunteer(ctx);
  if (!me) return notRegistered();
  const code = normaliseInviteCode(req.code);
  if (!code) return fail('INVITE_INVALID', '邀请码应为8位字母或数字，请核对后重试');

  type Answer = Envelope<AcceptInviteResponse, string>;
  return inTransaction<Answer, Answer>(ctx.db, async (t) => {
    // Reading the invitation first locks it: concurrent accepts of one code run one after the other.
    const invite = await getOrNull<InvitationDoc>(t, 'invitations', code);
    const check = checkInvitation(invite, me.userId, ctx.now);
    if (!check.ok) throw new Rollback(fail(check.code, check.message));
    const org = await getOrNull<OrganizationDoc>(t, 'organizations', invite!.orgId);
    if (!org) throw new Rollback(fail('INVITE_INVALID', '邀请所属的组织已不存在'));
    const answer = ok({ orgId: org._id, name: org.name, role: 'admin' as const });
    if (check.value === 'alreadyMine') return answer; // a retry of my own accepted invitation

    const id = membershipId(org._id, me.userId);
    const existing = await getOrNull<MembershipDoc>(t, 'memberships', id);
    if (isActiveAdmin(existing)) throw new Rollback(fail('ALREADY_ADMIN', '你已是该组织的管理员，邀请码留给其他人使用吧'));
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
