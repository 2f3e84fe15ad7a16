// organization.requestJoin / organization.decideJoin — a volunteer asks to join an organization as a member; one of
// its admins approves or declines. Each admin is told of a request, the requester of the answer, each message in
// the transaction that makes the change, under an id that a retry reproduces.
import { z } from 'zod';
import type { Envelope } from '../../typings/envelope';
import type { DecideJoinRequest, DecideJoinResponse, RequestJoinRequest, RequestJoinResponse } from '../../typings/organization';
import { action } from '../_shared/action';
import { getOrNull, inTransaction, Rollback } from '../_shared/db';
import { fail, ok } from '../_shared/envelope';
import { userIdOf } from '../_shared/ids';
import { joinDecided, joinRequested } from '../_shared/notifications';
import { enqueue } from '../_shared/outbox';
import { membershipId, type MembershipDoc } from '../_shared/people';
import { checkJoinRequest, joinOutcome, MAX_REASON_CHARS } from './decisions';
import type { OrganizationDoc } from './org-doc';
import { allRows, notRegistered, registeredVolunteer } from './people';
import { isActiveAdmin } from './view';

const requestSchema = z
  .object({
    orgId: z.string().min(1).max(64),
    message: z.string().max(200).optional(),
  })
  .strict();

export const requestJoin = action<RequestJoinRequest, RequestJoinResponse>(requestSchema, async (req, ctx) => {
  const me = await registeredVolunteer(ctx);
  if (!me) return notRegistered();
  const org = await getOrNull<OrganizationDoc>(ctx.db, 'organizations', req.orgId);
  if (!org || org.status === 'rejected') return fail('NOT_FOUND', '没有找到这个组织');
  if (org.status !== 'verified') return fail('NOT_VERIFIED', '该组织尚未通过平台认证，暂不能申请加入');

  // Who to tell is read before the transaction (a transaction works on single documents); each notification is
  // then written inside it, keyed by the request number so a retry finds it and a renewed request gets a new one.
  const admins = await allRows<MembershipDoc>(
    ctx.db.collection('memberships').where({ orgId: org._id, status: 'active', role: 'admin' }),
  );
  const message = req.message?.replace(/\s+/g, ' ').trim();

  type Answer = Envelope<RequestJoinResponse, string>;
  return inTransaction<Answer, Answer>(ctx.db, async (t) => {
    const id = membershipId(org._id, me.userId);
    const existing = await getOrNull<MembershipDoc>(t, 'memberships', id);
    const check = checkJoinRequest(existing);
    if (!check.ok) throw new Rollback(fail(check.code, check.message));
    const { requestCount } = check.value;
    const request: Omit<MembershipDoc, '_id'> = {
      orgId: org._id,
      userId: me.userId,
      role: 'member',
      status: 'pending',
      ...(message ? { message } : {}),
      requestCount,
      requestedAt: ctx.now,
    };
    await t.collection('memberships').doc(id).set({ data: request });
    for (const admin of admins) {
      await enqueue(
        t,
        joinRequested({
          org: { orgId: org._id, name: org.name },
          adminUserId: admin.userId,
          requesterUserId: me.userId,
          requesterName: me.volunteer.name,
          requestCount,
        }),
        ctx.now,
      );
    }
    return ok({ status: 'pending' as const });
  });
});

const decideSchema = z
  .object({
    orgId: z.string().min(1).max(64),
    userId: z.string().min(1).max(64),
    decision: z.enum(['approve', 'decline']),
    reason: z.string().max(MAX_REASON_CHARS).optional(),
  })
  .strict();

export const decideJoin = action<DecideJoinRequest, DecideJoinResponse>(decideSchema, async (req, ctx) => {
  const adminUserId = userIdOf(ctx.caller.openid);
  const org = await getOrNull<OrganizationDoc>(ctx.db, 'organizations', req.orgId);
  const reason = req.decision === 'decline' ? req.reason?.replace(/\s+/g, ' ').trim() || undefined : undefined;

  type Answer = Envelope<DecideJoinResponse, string>;
  return inTransaction<Answer, Answer>(ctx.db, async (t) => {
    // The caller's role in THIS organization, read in the transaction that acts on it.
    const mine = await getOrNull<MembershipDoc>(t, 'memberships', membershipId(req.orgId, adminUserId));
    if (!org || !isActiveAdmin(mine)) throw new Rollback(fail('FORBIDDEN', '只有该组织的管理员可以处理入队申请'));
    const request = await getOrNull<MembershipDoc>(t, 'memberships', membershipId(org._id, req.userId));
    const outcome = joinOutcome(request, req.decision);
    if (!outcome.ok) throw new Rollback(fail(outcome.code, outcome.message));
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
